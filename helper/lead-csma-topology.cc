/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-csma-topology.h"

#include "ns3/abort.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/string.h"
#include "ns3/traffic-control-helper.h"

namespace ns3
{
namespace lead
{

LeadCsmaTopology::LeadCsmaTopology(uint32_t hosts,
                                   const std::string& rate,
                                   const std::string& delay)
{
    NS_ABORT_MSG_IF(hosts < 2 || hosts > 65000,
                    "LeadCsmaTopology: " << hosts << " hosts (2 to 65000)");
    m_hosts.Create(hosts);
    m_csma.SetChannelAttribute("DataRate", StringValue(rate));
    m_csma.SetChannelAttribute("Delay", StringValue(delay));
    // Without FqCoDel the device queue is the only buffer: room for the overlay's bursts.
    m_csma.SetQueue("ns3::DropTailQueue<Packet>", "MaxSize", StringValue("1000p"));
    m_hostDevices = m_csma.Install(m_hosts);
    InternetStackHelper stack;
    stack.Install(m_hosts);
    Ipv4AddressHelper addresses("10.4.0.0", "255.255.0.0");
    addresses.Assign(m_hostDevices);
    TrafficControlHelper tch;
    tch.Uninstall(m_hostDevices);
    m_description = "CSMA LAN of " + std::to_string(hosts) + " hosts, " + rate + " " + delay;
}

NodeContainer
LeadCsmaTopology::GetHosts() const
{
    return m_hosts;
}

void
LeadCsmaTopology::EnablePcap(const std::string& prefix)
{
    m_csma.EnablePcap(prefix, m_hostDevices);
}

int64_t
LeadCsmaTopology::AssignStreams(int64_t stream)
{
    const int64_t used = LeadTopology::AssignStreams(stream);
    return used + m_csma.AssignStreams(m_hostDevices, stream + used);
}

std::string
LeadCsmaTopology::Describe() const
{
    return m_description;
}

} // namespace lead
} // namespace ns3
