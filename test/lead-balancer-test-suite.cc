/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

// ns-3 TestSuite "lead-balancer": the Shadow Balancer's vnodes (static mode: vnodes per node in
// proportion to its capacity; dynamic mode: vnodes added, shed and recruited), judged by the
// keys each node holds, and queries while vnodes come and go, judged by the oracle.

#include "lead-test-overlay.h"

#include "ns3/core-module.h"
#include "ns3/lead-experiment-helper.h"
#include "ns3/lead-key-dataset.h"
#include "ns3/lead-node-app.h"
#include "ns3/lead-oracle.h"
#include "ns3/lead-topology-factory.h"
#include "ns3/network-module.h"
#include "ns3/rmi-hash-model.h"
#include "ns3/test.h"

#include <algorithm>
#include <memory>

using namespace ns3;
using namespace ns3::lead;

namespace tests
{

class CapacityShareTestCase : public TestCase
{
  public:
    CapacityShareTestCase()
        : TestCase("static mode: a node of capacity 3 hosts 3 times the vnodes and about 3 "
                   "times the keys")
    {
    }

  private:
    void DoRun() override
    {
        LeadTopologyFactory::Params p;
        p.name = "matrix";
        p.hosts = 30;
        std::unique_ptr<LeadTopology> net = LeadTopologyFactory::Create(p);
        LeadExperimentHelper::Config cfg;
        cfg.hash = "sha1"; // uniform placement: the shares come from the vnodes alone
        cfg.keys = 6000;
        cfg.vnodes = 4;
        cfg.joinSpacing = MilliSeconds(100);
        LeadExperimentHelper exp(cfg);
        ApplicationContainer apps = exp.Install(net->GetHosts());
        net->AssignStreams(1000);
        auto app = [&apps](uint32_t i) { return DynamicCast<LeadNodeApp>(apps.Get(i)); };
        for (uint32_t i = 0; i < 10; ++i)
        {
            app(i)->SetAttribute("Capacity", DoubleValue(3.0));
        }
        app(29)->SetAttribute("Capacity", DoubleValue(0.01)); // still one vnode
        const Time loaded = exp.ScheduleLoad(exp.GetLastJoin() + Seconds(10));
        Simulator::Stop(loaded + Seconds(5));
        Simulator::Run();

        double high = 0;
        double low = 0;
        uint64_t total = 0;
        for (uint32_t i = 0; i < apps.GetN(); ++i)
        {
            uint64_t keys = 0;
            for (uint32_t v = 0; v < app(i)->GetVnodeCount(); ++v)
            {
                keys += app(i)->GetStore(v).GetSize();
            }
            total += keys;
            if (i < 10)
            {
                NS_TEST_EXPECT_MSG_EQ(app(i)->GetVnodeCount(), 12U, "vnodes at capacity 3");
                high += keys;
            }
            else if (i < 29)
            {
                NS_TEST_EXPECT_MSG_EQ(app(i)->GetVnodeCount(), 4U, "vnodes at capacity 1");
                low += keys;
            }
        }
        NS_TEST_EXPECT_MSG_EQ(app(29)->GetVnodeCount(), 1U, "at least one vnode");
        NS_TEST_EXPECT_MSG_EQ(total, exp.GetLoadSize(), "every key held once");
        const double ratio = (high / 10) / (low / 19);
        NS_TEST_EXPECT_MSG_GT(ratio, 2.2, "keys per node, capacity 3 over capacity 1");
        NS_TEST_EXPECT_MSG_LT(ratio, 3.8, "keys per node, capacity 3 over capacity 1");
        std::cout << "  keys per node at capacity 3 / at capacity 1: " << ratio << std::endl;
        Simulator::Destroy();
    }
};

/// Keys per node, max over mean, and the per-node loads.
double
PeerMaxMean(const ApplicationContainer& apps, std::vector<uint64_t>* loads = nullptr)
{
    uint64_t sum = 0;
    uint64_t max = 0;
    for (uint32_t i = 0; i < apps.GetN(); ++i)
    {
        const uint64_t k = DynamicCast<LeadNodeApp>(apps.Get(i))->GetKeysOwned();
        sum += k;
        max = std::max(max, k);
        if (loads)
        {
            loads->push_back(k);
        }
    }
    return sum ? double(max) * apps.GetN() / double(sum) : 0.0;
}

class DynamicBalancerTestCase : public TestCase
{
  public:
    DynamicBalancerTestCase()
        : TestCase("dynamic mode: shadow vnodes bring keys per node under 1.25 x the mean where "
                   "static vnodes do not, and no key is lost")
    {
    }

  private:
    /// Keys per node, max over mean, after the load and `settle`, in either mode, with
    /// `vnodes` vnodes per node; `recruits` counts the "recruit" actions among `actions`.
    std::pair<double, uint64_t> Run(bool dynamic,
                                    uint32_t vnodes,
                                    Time settle,
                                    uint32_t* actions,
                                    uint32_t* recruits)
    {
        LeadTopologyFactory::Params p;
        p.name = "matrix";
        p.hosts = 32;
        std::unique_ptr<LeadTopology> net = LeadTopologyFactory::Create(p);
        LeadExperimentHelper::Config cfg;
        cfg.keys = 6000;
        cfg.vnodes = vnodes;
        cfg.joinSpacing = MilliSeconds(100);
        LeadExperimentHelper exp(cfg);
        if (dynamic)
        {
            exp.SetOverlayAttribute("Balancer", StringValue("dynamic"));
            exp.SetOverlayAttribute("HeartbeatInterval", TimeValue(Seconds(2)));
        }
        ApplicationContainer apps = exp.Install(net->GetHosts());
        net->AssignStreams(1000);
        for (uint32_t i = 0; i < apps.GetN(); ++i)
        {
            apps.Get(i)->TraceConnectWithoutContext(
                "BalancerAction",
                Callback<void, const std::string&, uint64_t, uint64_t, double>(
                    [actions, recruits](const std::string& what, uint64_t, uint64_t, double) {
                        ++*actions;
                        *recruits += what == "recruit" ? 1 : 0;
                    }));
        }
        const Time loaded = exp.ScheduleLoad(exp.GetLastJoin() + Seconds(10));
        double mm = 0;
        uint64_t missing = 0;
        Simulator::Schedule(loaded + settle, [&]() {
            std::vector<uint64_t> loads;
            mm = PeerMaxMean(apps, &loads);
            std::sort(loads.rbegin(), loads.rend());
            std::cout << "  " << (dynamic ? "dynamic" : "static") << " x " << vnodes
                      << ": max/mean " << mm << ", top loads " << loads[0] << " " << loads[1] << " "
                      << loads[2] << ", actions " << *actions << " (recruits " << *recruits << ")"
                      << std::endl;
            Ptr<LeadOracle> oracle = exp.GetOverlay().GetOracle();
            for (const auto& kv : oracle->GetKeys())
            {
                bool held = false;
                for (uint32_t i = 0; i < apps.GetN() && !held; ++i)
                {
                    auto a = DynamicCast<LeadNodeApp>(apps.Get(i));
                    for (uint32_t v = 0; v < a->GetVnodeCount() && !held; ++v)
                    {
                        held = a->IsJoined(v) && a->GetStore(v).Get(kv.first).has_value();
                    }
                }
                missing += held ? 0 : 1;
            }
        });
        Simulator::Stop(loaded + settle + Seconds(1));
        Simulator::Run();
        Simulator::Destroy();
        return {mm, missing};
    }

    void DoRun() override
    {
        uint32_t none = 0;
        uint32_t acted = 0;
        uint32_t recruits = 0;
        const auto [staticMm, staticMissing] = Run(false, 5, Seconds(300), &none, &recruits);
        const auto [dynamicMm, dynamicMissing] = Run(true, 5, Seconds(300), &acted, &recruits);
        NS_TEST_EXPECT_MSG_GT(staticMm, 1.25, "static vnodes leave nodes above 1.25 x the mean");
        NS_TEST_EXPECT_MSG_LT_OR_EQ(dynamicMm, 1.25, "the dynamic balancer gets under it");
        NS_TEST_EXPECT_MSG_GT(acted, 0U, "by adding and shedding vnodes");
        NS_TEST_EXPECT_MSG_EQ(staticMissing + dynamicMissing, 0U, "every key at a live owner");
        // One vnode per node: an overloaded node has nothing to shed; it recruits lightly
        // loaded nodes (known by rumour) to split its arc at its own keys.
        uint32_t single = 0;
        recruits = 0;
        const auto [oneMm, oneMissing] = Run(true, 1, Seconds(300), &single, &recruits);
        NS_TEST_EXPECT_MSG_LT_OR_EQ(oneMm, 1.25, "one vnode per node: under 1.25 x the mean");
        NS_TEST_EXPECT_MSG_GT(recruits, 0U, "overloaded nodes recruited");
        NS_TEST_EXPECT_MSG_EQ(oneMissing, 0U, "every key at a live owner");
    }
};

/**
 * @ingroup lead-tests
 * Configuration: 12 nodes x 3 vnodes, learned hash on 2,000 lognormal keys stored from 30 s.
 * At 40 s node 4 retires its vnode 0 (the one its own requests went out from), node 7 its
 * vnode 2, and node 2 adds a vnode in the middle of node 9's vnode-1 arc. Every 0.5 s from
 * 40.01 s to 48 s (the retired vnodes hand off, linger 5 s and stop) nodes 4, 7 and 1 query
 * the 200 keys around each changed arc and get a key on it.
 * Expected behaviour: every range query completes with exactly the stored keys, every get
 * finds its key.
 * How validated: against the oracle's keys.
 */
class VnodeChangeQueriesTestCase : public TestCase
{
  public:
    VnodeChangeQueriesTestCase()
        : TestCase("range queries and gets stay exact while vnodes are retired and added")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(21);
        RngSeedManager::SetRun(1);
        auto keys = KeyDataset::Generate(KeyDistribution::LOGNORMAL, 2000, 5);
        std::sort(keys.begin(), keys.end());
        auto rmi = CreateObject<RmiHashModel>();
        rmi->Train(keys);
        Overlay o(12, 3, rmi, MilliSeconds(200));
        for (size_t i = 0; i < keys.size(); ++i)
        {
            Simulator::Schedule(Seconds(30) + MilliSeconds(3 * i),
                                [&o, &keys, i]() { o.App(i % 12)->Put(keys[i], 100, 7, {}); });
        }
        std::vector<uint64_t> changed; // ring ids whose arcs change hands
        Simulator::Schedule(Seconds(40), [&]() {
            changed.push_back(o.App(4)->GetVnode(0).id);
            changed.push_back(o.App(7)->GetVnode(2).id);
            const uint64_t owner = o.App(9)->GetVnode(1).id;
            const uint64_t pred = o.oracle->Predecessor(owner)->id;
            changed.push_back(pred + (owner - pred) / 2);
            o.App(4)->RetireVnode(0);
            o.App(7)->RetireVnode(2);
            o.App(2)->AddVnode(changed.back());
        });
        uint32_t ranges = 0;
        uint32_t exact = 0;
        uint32_t gets = 0;
        uint32_t found = 0;
        for (Time t = Seconds(40.01); t < Seconds(48); t += MilliSeconds(500))
        {
            Simulator::Schedule(t, [&]() {
                for (uint64_t id : changed)
                {
                    // The first key hashed past the id, and 100 keys either side.
                    size_t j = 0;
                    while (j < keys.size() && rmi->Hash(keys[j]) <= id)
                    {
                        ++j;
                    }
                    const size_t lo = j >= 100 ? j - 100 : 0;
                    const size_t hi = std::min(keys.size() - 1, j + 99);
                    const uint64_t inside = keys[j > 0 ? j - 1 : 0];
                    for (uint32_t from : {4U, 7U, 1U})
                    {
                        ++ranges;
                        const uint64_t a = keys[lo];
                        const uint64_t b = keys[hi];
                        o.App(from)->RangeQuery(
                            a,
                            b,
                            Callback<void, const RangeQueryResult&>(
                                [&, a, b](const RangeQueryResult& r) {
                                    const bool ok = r.complete && r.keys == o.StoredKeys(a, b);
                                    exact += ok ? 1 : 0;
                                    if (!ok)
                                    {
                                        std::cerr << "range [" << a << ", " << b << "] at "
                                                  << Simulator::Now().As(Time::S)
                                                  << ": complete=" << r.complete << " got "
                                                  << r.keys.size() << "\n";
                                    }
                                }));
                        ++gets;
                        o.App(from)->Get(
                            inside,
                            Callback<void, const KeyOpResult&>([&](const KeyOpResult& r) {
                                found += r.success && r.found ? 1 : 0;
                            }));
                    }
                }
            });
        }
        Simulator::Stop(Seconds(90));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(o.oracle->GetKeys().size(), keys.size(), "every key stored");
        NS_TEST_EXPECT_MSG_GT(ranges, 100U, "queries issued");
        NS_TEST_EXPECT_MSG_EQ(exact, ranges, "every range query exact");
        NS_TEST_EXPECT_MSG_EQ(found, gets, "every get found its key");
        Simulator::Destroy();
    }
};

/**
 * @ingroup lead-tests
 * Configuration: 16 nodes x 3 vnodes, learned hash on 3,000 uniform keys stored from 30 s;
 * from 60 s, 50 gets a second, from every node in turn, on keys drawn from the 300 smallest
 * (a hot tenth of the key space), for 400 s; the balancer static, or dynamic with
 * BalancerMetric=requests.
 * Expected behaviour: with static vnodes the few nodes whose arcs hold the hot keys serve most
 * requests; the dynamic balancer, measuring requests, spreads them: requests served per node
 * in the last 100 s, max over mean, below 0.6 x the static value (measured 3.39 and 1.23); at
 * most 2 of the 40,000 gets miss their key.
 * How validated: the nodes' request counters (GetRequestsServed) and the gets' answers.
 */
class RequestBalancerTestCase : public TestCase
{
  public:
    RequestBalancerTestCase()
        : TestCase("dynamic mode on requests: a hot key range is spread over more nodes")
    {
    }

  private:
    /// Requests per node in the last 100 s, max over mean; counts the gets not found.
    double Run(bool dynamic, uint32_t* missed)
    {
        RngSeedManager::SetSeed(31);
        RngSeedManager::SetRun(1);
        auto keys = KeyDataset::Generate(KeyDistribution::UNIFORM, 3000, 3);
        std::sort(keys.begin(), keys.end());
        auto rmi = CreateObject<RmiHashModel>();
        rmi->Train(keys);
        if (dynamic)
        {
            Config::SetDefault("ns3::lead::LeadNodeApp::Balancer", StringValue("dynamic"));
            Config::SetDefault("ns3::lead::LeadNodeApp::BalancerMetric", StringValue("requests"));
            Config::SetDefault("ns3::lead::LeadNodeApp::HeartbeatInterval", TimeValue(Seconds(2)));
        }
        Overlay o(16, 3, rmi, MilliSeconds(200));
        Config::SetDefault("ns3::lead::LeadNodeApp::Balancer", StringValue("static"));
        Config::SetDefault("ns3::lead::LeadNodeApp::BalancerMetric", StringValue("keys"));
        Config::SetDefault("ns3::lead::LeadNodeApp::HeartbeatInterval", TimeValue(Seconds(0)));
        for (size_t i = 0; i < keys.size(); ++i)
        {
            Simulator::Schedule(Seconds(30) + MilliSeconds(5 * i),
                                [&o, &keys, i]() { o.App(i % 16)->Put(keys[i], 100, 7, {}); });
        }
        Ptr<UniformRandomVariable> pick = CreateObject<UniformRandomVariable>();
        pick->SetStream(9);
        for (uint32_t g = 0; g < 20000; ++g)
        {
            Simulator::Schedule(Seconds(60) + MilliSeconds(20 * g), [&, g]() {
                const uint64_t key = keys[pick->GetInteger(0, 299)];
                o.App(g % 16)->Get(
                    key,
                    Callback<void, const KeyOpResult&>([missed](const KeyOpResult& r) {
                        *missed += r.success && r.found ? 0 : 1;
                    }));
            });
        }
        std::vector<uint64_t> at360(16);
        Simulator::Schedule(Seconds(360), [&]() {
            for (uint32_t i = 0; i < 16; ++i)
            {
                at360[i] = o.App(i)->GetRequestsServed();
            }
        });
        double maxMean = 0;
        Simulator::Schedule(Seconds(460), [&]() {
            uint64_t sum = 0;
            uint64_t max = 0;
            for (uint32_t i = 0; i < 16; ++i)
            {
                const uint64_t served = o.App(i)->GetRequestsServed() - at360[i];
                sum += served;
                max = std::max(max, served);
            }
            maxMean = sum ? double(max) * 16 / double(sum) : 0;
        });
        Simulator::Stop(Seconds(470));
        Simulator::Run();
        Simulator::Destroy();
        std::cout << "  requests per node, max/mean, " << (dynamic ? "dynamic" : "static") << ": "
                  << maxMean << std::endl;
        return maxMean;
    }

    void DoRun() override
    {
        uint32_t missed = 0;
        const double fixed = Run(false, &missed);
        const double dynamic = Run(true, &missed);
        NS_TEST_EXPECT_MSG_GT(fixed, 3.0, "static vnodes: a few nodes serve the hot range");
        // Rates over 10-s windows are noisy (about 30 requests per node), so the balancer
        // keeps acting; measured: static 3.39, dynamic 1.23.
        NS_TEST_EXPECT_MSG_LT(dynamic, fixed * 0.6, "the balancer on requests spreads them");
        // Known gap: when several shadow vnodes join one arc at once, a get can reach one
        // before its keys have (measured: 1 of the 40,000 gets here).
        NS_TEST_EXPECT_MSG_LT_OR_EQ(missed, 2U, "gets found their keys");
    }
};

class LeadBalancerTestSuite : public TestSuite
{
  public:
    LeadBalancerTestSuite()
        : TestSuite("lead-balancer")
    {
        AddTestCase(new CapacityShareTestCase);
        AddTestCase(new DynamicBalancerTestCase);
        AddTestCase(new VnodeChangeQueriesTestCase);
        AddTestCase(new RequestBalancerTestCase);
    }
};

static LeadBalancerTestSuite g_leadBalancerTestSuite; //!< registers the suite

} // namespace tests
