/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

// ns-3 TestSuite "lead-balancer": the Shadow Balancer's vnodes (static mode: vnodes per node in
// proportion to its capacity), judged by the keys each node holds.

#include "ns3/core-module.h"
#include "ns3/lead-experiment-helper.h"
#include "ns3/lead-node-app.h"
#include "ns3/lead-topology-factory.h"
#include "ns3/network-module.h"
#include "ns3/test.h"

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

class LeadBalancerTestSuite : public TestSuite
{
  public:
    LeadBalancerTestSuite()
        : TestSuite("lead-balancer")
    {
        AddTestCase(new CapacityShareTestCase);
    }
};

static LeadBalancerTestSuite g_leadBalancerTestSuite; //!< registers the suite

} // namespace tests
