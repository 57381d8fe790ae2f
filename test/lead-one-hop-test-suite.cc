/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

// ns-3 TestSuite "lead-one-hop": the one-hop membership view (attribute OneHop) against the
// oracle of live vnodes, and range queries sent from it against the oracle's keys.

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/lead-experiment-helper.h"
#include "ns3/lead-membership-view.h"
#include "ns3/lead-node-app.h"
#include "ns3/lead-topology-factory.h"
#include "ns3/network-module.h"
#include "ns3/test.h"

#include <memory>
#include <set>

using namespace ns3;
using namespace ns3::lead;

namespace tests
{

/// Hosts on a synthetic latency matrix with LEAD and a one-hop view; the last `late` hosts
/// start `lateStart` after the others' joins.
struct OneHopScene
{
    std::unique_ptr<LeadTopology> net;
    std::unique_ptr<LeadExperimentHelper> exp;
    ApplicationContainer apps;
    Time loaded;
    uint64_t membershipBytes{0};

    OneHopScene(uint32_t hosts, uint32_t late, Time lateStart, uint64_t keys = 2000)
    {
        LeadTopologyFactory::Params p;
        p.name = "matrix";
        p.hosts = hosts;
        net = LeadTopologyFactory::Create(p);
        LeadExperimentHelper::Config cfg;
        cfg.keys = keys;
        cfg.vnodes = 4;
        cfg.joinSpacing = MilliSeconds(100);
        exp = std::make_unique<LeadExperimentHelper>(cfg);
        exp->SetOverlayAttribute("OneHop", BooleanValue(true));
        exp->SetOverlayAttribute("RangeWalk", StringValue("fanout"));
        apps = exp->Install(net->GetHosts());
        net->AssignStreams(1000);
        for (uint32_t i = hosts - late; i < hosts; ++i)
        {
            apps.Get(i)->SetStartTime(lateStart + MilliSeconds(300) * (i - hosts + late));
        }
        loaded = exp->ScheduleLoad(exp->GetLastJoin() + Seconds(15));
        for (uint32_t i = 0; i < hosts; ++i)
        {
            App(i)->TraceConnectWithoutContext(
                "Tx",
                Callback<void, LeadMessageType, LeadPurpose, uint32_t, uint64_t>(
                    [this](LeadMessageType, LeadPurpose purpose, uint32_t bytes, uint64_t) {
                        membershipBytes += purpose == LeadPurpose::MEMBERSHIP ? bytes : 0;
                    }));
        }
    }

    Ptr<LeadNodeApp> App(uint32_t i) const
    {
        return DynamicCast<LeadNodeApp>(apps.Get(i));
    }

    /// Live apps whose view differs from the oracle's live vnodes.
    uint32_t ViewsWrong(bool print) const
    {
        std::set<uint64_t> truth;
        for (const auto& r : exp->GetOverlay().GetOracle()->GetLiveVnodes())
        {
            truth.insert(r.id);
        }
        uint32_t wrong = 0;
        for (uint32_t i = 0; i < apps.GetN(); ++i)
        {
            if (App(i)->GetState() != LeadNodeApp::State::ACTIVE)
            {
                continue;
            }
            const LeadMembershipView* view = App(i)->GetMembershipView();
            std::set<uint64_t> seen;
            for (const auto& r : view->GetLive())
            {
                seen.insert(r.id);
            }
            if (seen != truth)
            {
                ++wrong;
                if (print)
                {
                    uint32_t extra = 0;
                    for (uint64_t id : seen)
                    {
                        extra += truth.count(id) == 0 ? 1 : 0;
                    }
                    std::cout << "  node " << i << ": view " << seen.size() << " live ("
                              << extra << " dead), oracle " << truth.size() << std::endl;
                }
            }
        }
        return wrong;
    }
};

/**
 * @ingroup lead-tests
 * Configuration: 32 nodes x 4 vnodes on the synthetic matrix with OneHop; 28 join from 1 s,
 * 4 more at 60 s; at 80 s four early nodes crash (no notice). Expected behaviour: every live
 * node's view equals the oracle's live vnodes 20 s after the first joins, after the late joins
 * and after the crashes. How validated: the views against the oracle; the maintenance bytes are
 * printed.
 */
class ViewConvergesTestCase : public TestCase
{
  public:
    ViewConvergesTestCase()
        : TestCase("one-hop view: every node's view equals the oracle's live vnodes after joins "
                   "and failures")
    {
    }

  private:
    void DoRun() override
    {
        OneHopScene s(32, 4, Seconds(60));
        uint32_t afterJoins = 99;
        uint32_t afterLate = 99;
        uint32_t afterCrash = 99;
        Simulator::Schedule(Seconds(50), [&]() { afterJoins = s.ViewsWrong(true); });
        uint64_t quietFrom = 0;
        uint64_t quietTo = 0;
        Simulator::Schedule(Seconds(40), [&]() { quietFrom = s.membershipBytes; });
        Simulator::Schedule(Seconds(60), [&]() { quietTo = s.membershipBytes; });
        Simulator::Schedule(Seconds(80), [&]() { afterLate = s.ViewsWrong(true); });
        for (uint32_t victim : {3U, 9U, 14U, 20U})
        {
            s.App(victim)->SetStopTime(Seconds(80) + MilliSeconds(10)); // crash
        }
        Simulator::Schedule(Seconds(110), [&]() { afterCrash = s.ViewsWrong(true); });
        Simulator::Stop(Seconds(111));
        Simulator::Run();
        const double quiet = (quietTo - quietFrom) / 28.0 / 20.0;
        std::cout << "  membership bytes: " << s.membershipBytes << " ("
                  << s.membershipBytes / 32.0 / 110.0 << " B per node per s; on a quiet ring "
                  << quiet << ")" << std::endl;
        // Agreeing nodes exchange only digests and their own vnodes' events.
        NS_TEST_EXPECT_MSG_LT(quiet, 100.0, "upkeep of a quiet ring, bytes per node per s");
        NS_TEST_EXPECT_MSG_EQ(afterJoins, 0U, "views after the first joins");
        NS_TEST_EXPECT_MSG_EQ(afterLate, 0U, "views after the late joins");
        NS_TEST_EXPECT_MSG_EQ(afterCrash, 0U, "views after the crashes");
        NS_TEST_EXPECT_MSG_GT(s.membershipBytes, 0U, "membership traffic was sent");
        Simulator::Destroy();
    }
};

class LeadOneHopTestSuite : public TestSuite
{
  public:
    LeadOneHopTestSuite()
        : TestSuite("lead-one-hop")
    {
        AddTestCase(new ViewConvergesTestCase);
    }
};

static LeadOneHopTestSuite g_leadOneHopTestSuite; //!< registers the suite

} // namespace tests
