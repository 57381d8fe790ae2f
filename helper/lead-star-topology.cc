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
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4.h"
#include "ns3/point-to-point-star.h"
#include "ns3/string.h"
#include "ns3/traffic-control-helper.h"

namespace ns3
{
namespace lead
{

LeadStarTopology::LeadStarTopology(uint32_t leaves,
                                   const std::string& rate,
                                   const std::string& delay,
                                   const std::string& queue)
{
    NS_ABORT_MSG_IF(leaves < 2, "LeadStarTopology: at least 2 leaves, got " << leaves);
    m_rate = rate;
    m_delay = delay;
    m_queue = queue;
    m_spoke.SetDeviceAttribute("DataRate", StringValue(rate));
    m_spoke.SetChannelAttribute("Delay", StringValue(delay));
    m_spoke.SetQueue("ns3::DropTailQueue<Packet>", "MaxSize", StringValue(queue));
    m_star = std::make_unique<PointToPointStarHelper>(leaves, m_spoke);
    InternetStackHelper stack;
    m_star->InstallStack(stack);
    m_star->AssignIpv4Addresses(Ipv4AddressHelper("10.1.0.0", "255.255.255.252"));
    TrafficControlHelper tch;
    Ipv4StaticRoutingHelper routing;
    for (uint32_t i = 0; i < leaves; ++i)
    {
        Ptr<Node> leaf = m_star->GetSpokeNode(i);
        tch.Uninstall(leaf->GetDevice(0));
        tch.Uninstall(m_star->GetHub()->GetDevice(i));
        m_leaves.Add(leaf);
        m_hostDevices.Add(leaf->GetDevice(0));
        // The hub has every /30 as a connected route; a leaf needs only its default route.
        Ptr<Ipv4> ipv4 = leaf->GetObject<Ipv4>();
        routing.GetStaticRouting(ipv4)->SetDefaultRoute(
            m_star->GetHubIpv4Address(i),
            ipv4->GetInterfaceForDevice(leaf->GetDevice(0)));
    }
}

LeadStarTopology::~LeadStarTopology() = default;

NodeContainer
LeadStarTopology::GetLeaves() const
{
    return m_leaves;
}

NodeContainer
LeadStarTopology::GetHosts() const
{
    return m_leaves;
}

NodeContainer
LeadStarTopology::GetAllNodes() const
{
    NodeContainer all(m_leaves);
    all.Add(m_star->GetHub());
    return all;
}

Time
LeadStarTopology::GetMaxRtt() const
{
    return Time(m_delay) * 4; // leaf -> hub -> leaf and back
}

Time
LeadStarTopology::GetRtt(uint32_t a, uint32_t b) const
{
    return a == b ? Time(0) : Time(m_delay) * 4;
}

std::string
LeadStarTopology::Describe() const
{
    return "star of " + std::to_string(m_leaves.GetN()) + " leaves, spokes " + m_rate + " " +
           m_delay + " queue " + m_queue;
}

int64_t
LeadStarTopology::AssignStreams(int64_t stream)
{
    return LeadTopology::AssignStreams(stream);
}

void
LeadStarTopology::EnablePcap(const std::string& prefix)
{
    m_spoke.EnablePcap(prefix, m_hostDevices);
}

} // namespace lead
} // namespace ns3
