/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_TEST_OVERLAY_H
#define LEAD_TEST_OVERLAY_H

// Shared by the ns-3 suites: a LEAD overlay of n nodes on one SimpleChannel.

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/lead-helper.h"
#include "ns3/lead-node-app.h"
#include "ns3/lead-ring-id.h"
#include "ns3/network-module.h"
#include "ns3/simple-net-device-helper.h"

#include <cstdlib>
#include <iostream>
#include <vector>

namespace tests
{

using namespace ns3;
using namespace ns3::lead;

/**
 * @ingroup lead-tests
 * A LEAD overlay of n nodes on one channel (5 ms one-way), nodes started one after another.
 */
class Overlay
{
  public:
    Overlay(uint32_t n,
            uint32_t vnodes,
            Ptr<LearnedHashModel> model,
            Time spacing,
            bool tcp = false,
            bool iterative = false)
    {
        nodes.Create(n);
        SimpleNetDeviceHelper link;
        link.SetChannelAttribute("Delay", TimeValue(MilliSeconds(5)));
        link.SetDeviceAttribute("DataRate", DataRateValue(DataRate("1Gbps")));
        NetDeviceContainer devices = link.Install(nodes);
        InternetStackHelper stack;
        stack.Install(nodes);
        // Fix the stack's random streams too (ARP jitter etc.): several runs share a process.
        stack.AssignStreams(nodes, 1000);
        Ipv4AddressHelper addresses;
        addresses.SetBase("10.0.0.0", "255.255.0.0");
        addresses.Assign(devices);
        helper.SetHashModel(model);
        helper.SetAttribute("VnodesPerNode", UintegerValue(vnodes));
        if (tcp)
        {
            helper.SetAttribute("Protocol", StringValue("tcp"));
        }
        if (iterative)
        {
            helper.SetAttribute("LookupMode", StringValue("iterative"));
        }
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

    /// Vnodes whose successor or predecessor differs from the oracle's (stopped applications
    /// and vnodes the oracle does not count as alive are skipped).
    uint32_t CountWrongNeighbours(ApplicationContainer extra = ApplicationContainer()) const
    {
        uint32_t wrong = 0;
        ApplicationContainer all = apps;
        all.Add(extra);
        for (uint32_t i = 0; i < all.GetN(); ++i)
        {
            Ptr<LeadNodeApp> app = DynamicCast<LeadNodeApp>(all.Get(i));
            if (app->GetState() == LeadNodeApp::State::STOPPED)
            {
                continue;
            }
            for (uint32_t v = 0; v < app->GetVnodeCount(); ++v)
            {
                const auto& t = app->GetRoutingTable(v);
                const uint64_t id = app->GetVnode(v).id;
                if (app->IsJoined(v) && !oracle->IsAlive(id))
                {
                    continue; // cut off by the test (interface down): not part of the truth
                }
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

    /// The keys the oracle holds in [lo, hi], ascending (the first `limit` of them; 0: all).
    std::vector<uint64_t> StoredKeys(uint64_t lo, uint64_t hi, uint64_t limit = 0) const
    {
        std::vector<uint64_t> in;
        const auto& keys = oracle->GetKeys();
        for (auto it = keys.lower_bound(lo);
             it != keys.end() && it->first <= hi && (limit == 0 || in.size() < limit);
             ++it)
        {
            in.push_back(it->first);
        }
        return in;
    }

    NodeContainer nodes;
    ApplicationContainer apps;
    LeadHelper helper;
    Ptr<LeadOracle> oracle;
};

} // namespace tests

#endif // LEAD_TEST_OVERLAY_H
