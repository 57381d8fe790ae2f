/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

// ns-3 TestSuite "lead-overlay": the LEAD overlay on UDP sockets over a shared channel with a
// fixed delay. Every check compares the protocol's state or answers with the oracle (the set
// of running vnodes and of acknowledged keys).

#include "lead-test-utils.h"

#include "ns3/consistent-hash-model.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/lead-helper.h"
#include "ns3/lead-key-dataset.h"
#include "ns3/lead-node-app.h"
#include "ns3/lead-ring-id.h"
#include "ns3/network-module.h"
#include "ns3/rmi-hash-model.h"
#include "ns3/simple-net-device-helper.h"
#include "ns3/test.h"

#include <cmath>
#include <cstdlib>

using namespace ns3;
using namespace ns3::lead;

namespace tests
{

/**
 * @ingroup lead-tests
 * A LEAD overlay of n nodes on one channel (5 ms one-way), nodes started one after another.
 */
class Overlay
{
  public:
    Overlay(uint32_t n, uint32_t vnodes, Ptr<LearnedHashModel> model, Time spacing)
    {
        nodes.Create(n);
        SimpleNetDeviceHelper link;
        link.SetChannelAttribute("Delay", TimeValue(MilliSeconds(5)));
        link.SetDeviceAttribute("DataRate", DataRateValue(DataRate("1Gbps")));
        NetDeviceContainer devices = link.Install(nodes);
        InternetStackHelper stack;
        stack.Install(nodes);
        Ipv4AddressHelper addresses;
        addresses.SetBase("10.0.0.0", "255.255.0.0");
        addresses.Assign(devices);
        helper.SetHashModel(model);
        helper.SetAttribute("VnodesPerNode", UintegerValue(vnodes));
        apps = helper.Install(nodes);
        helper.AssignStreams(nodes, 100);
        for (uint32_t i = 0; i < n; ++i)
        {
            apps.Get(i)->SetStartTime(Seconds(1) + spacing * i);
        }
        oracle = helper.GetOracle();
    }

    Ptr<LeadNodeApp> App(uint32_t i) const
    {
        return DynamicCast<LeadNodeApp>(apps.Get(i));
    }

    /// Vnodes whose successor or predecessor differs from the oracle's.
    uint32_t CountWrongNeighbours() const
    {
        uint32_t wrong = 0;
        for (uint32_t i = 0; i < apps.GetN(); ++i)
        {
            Ptr<LeadNodeApp> app = App(i);
            if (app->GetState() == LeadNodeApp::State::STOPPED)
            {
                continue;
            }
            for (uint32_t v = 0; v < app->GetVnodeCount(); ++v)
            {
                const auto& t = app->GetRoutingTable(v);
                const uint64_t id = app->GetVnode(v).id;
                auto succ = oracle->Successor(id);
                auto pred = oracle->Predecessor(id);
                auto myPred = t.GetPredecessor();
                bool ok = app->IsJoined(v) && succ && t.GetSuccessor().id == succ->id &&
                          ((!pred && !myPred) || (pred && myPred && myPred->id == pred->id));
                wrong += ok ? 0 : 1;
                if (!ok && getenv("LEAD_DEBUG"))
                {
                    std::cerr << "vnode " << RingId::ToString(id) << " joined=" << app->IsJoined(v)
                              << " succ=" << RingId::ToString(t.GetSuccessor().id) << " want "
                              << (succ ? RingId::ToString(succ->id) : "-")
                              << " pred=" << (myPred ? RingId::ToString(myPred->id) : "-")
                              << " want " << (pred ? RingId::ToString(pred->id) : "-") << "\n";
                }
            }
        }
        return wrong;
    }

    NodeContainer nodes;
    ApplicationContainer apps;
    LeadHelper helper;
    Ptr<LeadOracle> oracle;
};

/**
 * @ingroup lead-tests
 * Configuration: n nodes of k vnodes join one after another (0.2 s apart), consistent
 * hashing, default periods (stabilise 1 s, fingers 10 s).
 * Expected behaviour: 20 stabilise rounds after the last join, every vnode's successor and
 * predecessor are the oracle's.
 * How validated: routing tables compared with the oracle's sorted list of live vnodes.
 */
class JoinConvergenceTestCase : public TestCase
{
  public:
    JoinConvergenceTestCase(uint32_t n, uint32_t vnodes)
        : TestCase("Sequential joins of " + std::to_string(n) + " nodes x " +
                   std::to_string(vnodes) + " vnodes converge to the oracle's ring"),
          m_n(n),
          m_vnodes(vnodes)
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
        Overlay o(m_n, m_vnodes, CreateObject<ConsistentHashModel>(), MilliSeconds(200));
        const Time lastJoin = Seconds(1) + MilliSeconds(200) * (m_n - 1);
        Simulator::Stop(lastJoin + Seconds(20));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(o.oracle->GetLiveVnodes().size(), m_n * m_vnodes, "all joined");
        NS_TEST_EXPECT_MSG_EQ(o.CountWrongNeighbours(), 0, "neighbours differ from the oracle");
        Simulator::Destroy();
    }

    uint32_t m_n;      //!< nodes
    uint32_t m_vnodes; //!< vnodes per node
};

/**
 * @ingroup lead-tests
 * Configuration: 64 nodes x 4 vnodes (256 vnodes) with consistent hashing, converged for 60 s
 * (fingers fixed several times); then 500 lookups of random positions from random nodes.
 * Expected behaviour: every lookup returns the oracle's owner; mean forwarding hops within
 * 15 % of what the same lookups take over perfect routing tables of the same ring (about 3:
 * with 15 successors, one hop less than (1/2) log2 256 = 4).
 * How validated: LookupDone results against the oracle and against PerfectTables.
 */
class LookupCorrectnessTestCase : public TestCase
{
  public:
    LookupCorrectnessTestCase()
        : TestCase("Steady-state lookups are all correct, as short as over perfect tables")
    {
    }

  private:
    void Issue(Overlay* o, Ptr<UniformRandomVariable> rng)
    {
        Ptr<LeadNodeApp> app = o->App(rng->GetInteger(0, o->apps.GetN() - 1));
        const uint64_t target = (static_cast<uint64_t>(rng->GetInteger(0, 0xffffffffU)) << 32) |
                                rng->GetInteger(0, 0xffffffffU);
        app->Lookup(target, MakeCallback(&LookupCorrectnessTestCase::Done, this));
        m_expected.push_back(target);
    }

    void Done(const LookupResult& r)
    {
        ++m_finished;
        if (!r.success)
        {
            ++m_failed;
            return;
        }
        auto owner = m_oracle->Owner(r.target);
        if (!owner || owner->id != r.owner.id)
        {
            ++m_wrong;
        }
        m_hops += r.hops;
        m_done.push_back({r.origin.id, r.target});
    }

    void DoRun() override
    {
        RngSeedManager::SetSeed(2);
        RngSeedManager::SetRun(1);
        Overlay o(64, 4, CreateObject<ConsistentHashModel>(), MilliSeconds(100));
        m_oracle = o.oracle;
        Ptr<UniformRandomVariable> rng = CreateObject<UniformRandomVariable>();
        rng->SetStream(7);
        for (int i = 0; i < 500; ++i)
        {
            Simulator::Schedule(Seconds(60) + MilliSeconds(10 * i),
                                &LookupCorrectnessTestCase::Issue,
                                this,
                                &o,
                                rng);
        }
        Simulator::Stop(Seconds(70));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(m_finished, 500, "every lookup finished");
        NS_TEST_EXPECT_MSG_EQ(m_failed, 0, "no lookup failed");
        NS_TEST_EXPECT_MSG_EQ(m_wrong, 0, "every owner is the oracle's");
        // Reference: the same lookups routed over perfect tables of the same ring. With 15
        // successors the greedy path is about one hop shorter than (1/2) log2 N.
        PerfectTables perfect(o.oracle->GetLiveVnodes(), 15, 2);
        uint64_t refHops = 0;
        for (const auto& [origin, target] : m_done)
        {
            refHops += perfect.Hops(origin, target);
        }
        const double mean = static_cast<double>(m_hops) / std::max<size_t>(1, m_done.size());
        const double ref = static_cast<double>(refHops) / std::max<size_t>(1, m_done.size());
        NS_TEST_EXPECT_MSG_EQ_TOL(mean, ref, 0.15 * ref, "mean hops vs perfect tables");
        NS_TEST_EXPECT_MSG_GT(ref, 2.5, "reference path length at 256 vnodes");
        Simulator::Destroy();
    }

    Ptr<LeadOracle> m_oracle;                          //!< ground truth
    std::vector<uint64_t> m_expected;                  //!< targets issued
    uint32_t m_finished{0};                            //!< lookups finished
    std::vector<std::pair<uint64_t, uint64_t>> m_done; //!< (origin, target) of answered ones
    uint32_t m_failed{0};                              //!< lookups timed out
    uint32_t m_wrong{0};                               //!< wrong owners
    uint64_t m_hops{0};                                //!< total hops of successful lookups
};

/**
 * @ingroup lead-tests
 * The suite.
 */
class LeadOverlayTestSuite : public TestSuite
{
  public:
    LeadOverlayTestSuite()
        : TestSuite("lead-overlay")
    {
        AddTestCase(new JoinConvergenceTestCase(2, 1));
        AddTestCase(new JoinConvergenceTestCase(2, 3));
        AddTestCase(new JoinConvergenceTestCase(8, 1));
        AddTestCase(new JoinConvergenceTestCase(8, 5));
        AddTestCase(new JoinConvergenceTestCase(64, 1));
        AddTestCase(new LookupCorrectnessTestCase);
    }
};

/// Static instance that registers the suite.
static LeadOverlayTestSuite g_leadOverlayTestSuite;

} // namespace tests
