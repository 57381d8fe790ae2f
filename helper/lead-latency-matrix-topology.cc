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
#include "ns3/drop-tail-queue.h"
#include "ns3/ethernet-header.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/net-device-queue-interface.h"
#include "ns3/simple-net-device.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/trace-helper.h"
#include "ns3/traffic-control-helper.h"

#include <algorithm>

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
    double maxRttMs = 0;
    for (uint32_t i = 0; i < hosts; ++i)
    {
        for (uint32_t j = 0; j < hosts; ++j)
        {
            maxRttMs = std::max(maxRttMs, matrix->GetRttMs(i, j));
        }
    }
    m_maxRtt = MilliSeconds(maxRttMs * (oneWayIsEntry ? 2 : 1));
    m_channel = CreateObject<LatencyMatrixChannel>();
    m_channel->SetMatrix(matrix);
    m_channel->SetAttribute("OneWayIsEntry", BooleanValue(oneWayIsEntry));
    m_hosts.Create(hosts);
    // Devices made by hand: SimpleNetDeviceHelper asserts (in debug builds of ns-3) that a
    // point-to-point device shares its channel with at most one other.
    NetDeviceContainer devs;
    for (uint32_t i = 0; i < hosts; ++i)
    {
        Ptr<SimpleNetDevice> dev = CreateObject<SimpleNetDevice>();
        // No ARP: the channel delivers IPv4 by destination address, so hosts neither
        // broadcast requests to every other host nor drop packets queued behind an
        // unresolved address.
        dev->SetAttribute("PointToPointMode", BooleanValue(true));
        dev->SetAddress(Mac48Address::Allocate());
        m_hosts.Get(i)->AddDevice(dev);
        dev->SetChannel(m_channel);
        // The substrate models path delays, not access links: a burst (a node answering many
        // requests at one instant) must not overflow a 100-packet device queue.
        Ptr<DropTailQueue<Packet>> queue = CreateObject<DropTailQueue<Packet>>();
        queue->SetMaxSize(QueueSize("1000000p"));
        dev->SetQueue(queue);
        Ptr<NetDeviceQueueInterface> ndqi = CreateObject<NetDeviceQueueInterface>();
        ndqi->GetTxQueue(0)->ConnectQueueTraces(queue);
        dev->AggregateObject(ndqi);
        devs.Add(dev);
    }
    m_devices = devs;
    m_hostDevices = devs;
    m_oneWayIsEntry = oneWayIsEntry;
    InternetStackHelper stack;
    stack.Install(m_hosts);
    Ipv4AddressHelper addresses("10.0.0.0", "255.255.0.0");
    addresses.Assign(devs);
    TrafficControlHelper tch;
    tch.Uninstall(devs);
}

std::shared_ptr<const LatencyMatrix>
LeadLatencyMatrixTopology::LoadOrGenerate(const std::string& path, uint32_t hosts)
{
    auto matrix = std::make_shared<LatencyMatrix>();
    if (path.empty())
    {
        matrix->Generate(hosts, 2024);
        return matrix;
    }
    std::string error;
    NS_ABORT_MSG_IF(!matrix->Load(path, &error), error);
    NS_ABORT_MSG_IF(matrix->GetSize() < hosts,
                    "latency matrix '" << path << "' has " << matrix->GetSize() << " hosts, "
                                       << hosts << " needed");
    return matrix;
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

void
LeadLatencyMatrixTopology::EnablePcap(const std::string& prefix)
{
    PcapHelper pcap;
    m_pcap.clear();
    for (uint32_t i = 0; i < m_devices.GetN(); ++i)
    {
        m_pcap.push_back(pcap.CreateFile(pcap.GetFilenameFromDevice(prefix, m_devices.Get(i)),
                                         std::ios::out,
                                         PcapHelper::DLT_EN10MB));
    }
    m_channel->TraceConnectWithoutContext(
        "Transmit",
        MakeCallback(&LeadLatencyMatrixTopology::WriteFrame, this));
    m_channel->TraceConnectWithoutContext(
        "Deliver",
        MakeCallback(&LeadLatencyMatrixTopology::WriteFrame, this));
}

void
LeadLatencyMatrixTopology::WriteFrame(Ptr<const Packet> p,
                                      uint16_t protocol,
                                      Mac48Address to,
                                      Mac48Address from,
                                      uint32_t row)
{
    if (row >= m_pcap.size())
    {
        return;
    }
    Ptr<Packet> frame = p->Copy();
    EthernetHeader eth(false);
    eth.SetSource(from);
    eth.SetDestination(to);
    eth.SetLengthType(protocol);
    frame->AddHeader(eth);
    m_pcap[row]->Write(Simulator::Now(), frame);
}

int64_t
LeadLatencyMatrixTopology::AssignStreams(int64_t stream)
{
    return LeadTopology::AssignStreams(stream);
}

Time
LeadLatencyMatrixTopology::GetMaxRtt() const
{
    return m_maxRtt;
}

Time
LeadLatencyMatrixTopology::GetRtt(uint32_t a, uint32_t b) const
{
    return m_channel->GetDelay(a, b) + m_channel->GetDelay(b, a);
}

std::string
LeadLatencyMatrixTopology::Describe() const
{
    return std::to_string(m_hosts.GetN()) + " hosts on a latency-matrix channel (one-way = " +
           (m_oneWayIsEntry ? "entry" : "RTT/2") + ")";
}

} // namespace lead
} // namespace ns3
