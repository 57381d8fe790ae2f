/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-star-topology.h"

#include "ns3/abort.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-global-routing-helper.h"
#include "ns3/point-to-point-star.h"
#include "ns3/string.h"
#include "ns3/traffic-control-helper.h"

namespace ns3
{
namespace lead
{

LeadStarTopology::LeadStarTopology(uint32_t leaves,
                                   const std::string& rate,
                                   const std::string& delay)
{
    NS_ABORT_MSG_IF(leaves < 2, "LeadStarTopology: at least 2 leaves, got " << leaves);
    m_spoke.SetDeviceAttribute("DataRate", StringValue(rate));
    m_spoke.SetChannelAttribute("Delay", StringValue(delay));
    m_star = std::make_unique<PointToPointStarHelper>(leaves, m_spoke);
    InternetStackHelper stack;
    m_star->InstallStack(stack);
    m_star->AssignIpv4Addresses(Ipv4AddressHelper("10.1.0.0", "255.255.255.252"));
    TrafficControlHelper tch;
    for (uint32_t i = 0; i < leaves; ++i)
    {
        tch.Uninstall(m_star->GetSpokeNode(i)->GetDevice(0));
        tch.Uninstall(m_star->GetHub()->GetDevice(i));
        m_leaves.Add(m_star->GetSpokeNode(i));
    }
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();
}

LeadStarTopology::~LeadStarTopology() = default;

NodeContainer
LeadStarTopology::GetLeaves() const
{
    return m_leaves;
}

int64_t
LeadStarTopology::AssignStreams(int64_t stream)
{
    InternetStackHelper stack;
    NodeContainer all(m_leaves);
    all.Add(m_star->GetHub());
    return stack.AssignStreams(all, stream);
}

void
LeadStarTopology::EnablePcap(const std::string& prefix)
{
    m_spoke.EnablePcapAll(prefix);
}

} // namespace lead
} // namespace ns3
