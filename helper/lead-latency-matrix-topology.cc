/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-latency-matrix-topology.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/simple-net-device-helper.h"
#include "ns3/traffic-control-helper.h"

namespace ns3
{
namespace lead
{

LeadLatencyMatrixTopology::LeadLatencyMatrixTopology(std::shared_ptr<const LatencyMatrix> matrix,
                                                     uint32_t hosts,
                                                     bool oneWayIsEntry)
{
    NS_ABORT_MSG_IF(!matrix || matrix->GetSize() < hosts,
                    "LeadLatencyMatrixTopology: " << hosts << " hosts need a matrix of at least "
                                                  << hosts << " rows");
    NS_ABORT_MSG_IF(hosts < 2 || hosts > 65000,
                    "LeadLatencyMatrixTopology: " << hosts << " hosts (2 to 65000)");
    m_channel = CreateObject<LatencyMatrixChannel>();
    m_channel->SetMatrix(matrix);
    m_channel->SetAttribute("OneWayIsEntry", BooleanValue(oneWayIsEntry));
    m_hosts.Create(hosts);
    SimpleNetDeviceHelper devices;
    NetDeviceContainer devs = devices.Install(m_hosts, m_channel);
    InternetStackHelper stack;
    stack.Install(m_hosts);
    Ipv4AddressHelper addresses("10.0.0.0", "255.255.0.0");
    addresses.Assign(devs);
    TrafficControlHelper tch;
    tch.Uninstall(devs);
}

NodeContainer
LeadLatencyMatrixTopology::GetHosts() const
{
    return m_hosts;
}

Ptr<LatencyMatrixChannel>
LeadLatencyMatrixTopology::GetChannel() const
{
    return m_channel;
}

int64_t
LeadLatencyMatrixTopology::AssignStreams(int64_t stream)
{
    InternetStackHelper stack;
    return stack.AssignStreams(m_hosts, stream);
}

} // namespace lead
} // namespace ns3
