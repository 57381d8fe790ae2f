/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-dumbbell-topology.h"

#include "ns3/abort.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4.h"
#include "ns3/point-to-point-dumbbell.h"
#include "ns3/queue-size.h"
#include "ns3/string.h"
#include "ns3/traffic-control-helper.h"

namespace ns3
{
namespace lead
{

LeadDumbbellTopology::LeadDumbbellTopology(uint32_t hosts,
                                           const std::string& leafRate,
                                           const std::string& leafDelay,
                                           const std::string& bottleneckRate,
                                           const std::string& bottleneckDelay,
                                           const std::string& bottleneckQueue)
{
    NS_ABORT_MSG_IF(hosts < 2, "LeadDumbbellTopology: at least 2 hosts, got " << hosts);
    m_leaf.SetDeviceAttribute("DataRate", StringValue(leafRate));
    m_leaf.SetChannelAttribute("Delay", StringValue(leafDelay));
    PointToPointHelper bottleneck;
    bottleneck.SetDeviceAttribute("DataRate", StringValue(bottleneckRate));
    bottleneck.SetChannelAttribute("Delay", StringValue(bottleneckDelay));
    bottleneck.SetQueue("ns3::DropTailQueue<Packet>", "MaxSize", StringValue(bottleneckQueue));
    const uint32_t left = (hosts + 1) / 2;
    const uint32_t right = hosts / 2;
    m_dumbbell =
        std::make_unique<PointToPointDumbbellHelper>(left, m_leaf, right, m_leaf, bottleneck);
    InternetStackHelper stack;
    m_dumbbell->InstallStack(stack);
    m_dumbbell->AssignIpv4Addresses(Ipv4AddressHelper("10.1.0.0", "255.255.255.0"),
                                    Ipv4AddressHelper("10.2.0.0", "255.255.255.0"),
                                    Ipv4AddressHelper("10.3.0.0", "255.255.255.0"));
    TrafficControlHelper tch;
    Ipv4StaticRoutingHelper routing;
    auto route = [&routing](Ptr<Node> node, Ipv4Address gateway, Ptr<NetDevice> dev) {
        Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
        routing.GetStaticRouting(ipv4)->SetDefaultRoute(gateway, ipv4->GetInterfaceForDevice(dev));
    };
    for (uint32_t i = 0; i < hosts; ++i)
    {
        const bool isLeft = i % 2 == 0;
        const uint32_t k = i / 2;
        Ptr<Node> host = isLeft ? m_dumbbell->GetLeft(k) : m_dumbbell->GetRight(k);
        Ptr<Node> router = isLeft ? m_dumbbell->GetLeft() : m_dumbbell->GetRight();
        m_hosts.Add(host);
        m_hostDevices.Add(host->GetDevice(0));
        tch.Uninstall(host->GetDevice(0));
        // The router's device toward this host: device 0 is the bottleneck, then one per leaf.
        Ptr<NetDevice> routerDev = router->GetDevice(k + 1);
        tch.Uninstall(routerDev);
        Ptr<Ipv4> rip = router->GetObject<Ipv4>();
        route(host,
              rip->GetAddress(rip->GetInterfaceForDevice(routerDev), 0).GetLocal(),
              host->GetDevice(0));
    }
    // Each router sends everything it does not reach directly over the bottleneck.
    Ptr<Node> l = m_dumbbell->GetLeft();
    Ptr<Node> r = m_dumbbell->GetRight();
    tch.Uninstall(l->GetDevice(0));
    tch.Uninstall(r->GetDevice(0));
    Ptr<Ipv4> lip = l->GetObject<Ipv4>();
    Ptr<Ipv4> rip = r->GetObject<Ipv4>();
    route(l,
          rip->GetAddress(rip->GetInterfaceForDevice(r->GetDevice(0)), 0).GetLocal(),
          l->GetDevice(0));
    route(r,
          lip->GetAddress(lip->GetInterfaceForDevice(l->GetDevice(0)), 0).GetLocal(),
          r->GetDevice(0));
    m_description = "dumbbell of " + std::to_string(hosts) + " hosts, leaves " + leafRate + " " +
                    leafDelay + ", bottleneck " + bottleneckRate + " " + bottleneckDelay +
                    " queue " + bottleneckQueue;
}

LeadDumbbellTopology::~LeadDumbbellTopology() = default;

NodeContainer
LeadDumbbellTopology::GetHosts() const
{
    return m_hosts;
}

NodeContainer
LeadDumbbellTopology::GetAllNodes() const
{
    NodeContainer all(m_hosts);
    all.Add(m_dumbbell->GetLeft());
    all.Add(m_dumbbell->GetRight());
    return all;
}

void
LeadDumbbellTopology::EnablePcap(const std::string& prefix)
{
    m_leaf.EnablePcap(prefix, m_hostDevices);
}

std::string
LeadDumbbellTopology::Describe() const
{
    return m_description;
}

} // namespace lead
} // namespace ns3
