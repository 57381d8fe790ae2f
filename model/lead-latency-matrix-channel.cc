/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-latency-matrix-channel.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipv4.h"
#include "ns3/node.h"
#include "ns3/simple-net-device.h"
#include "ns3/simulator.h"
#include "ns3/trace-source-accessor.h"

namespace ns3
{
namespace lead
{

NS_OBJECT_ENSURE_REGISTERED(LatencyMatrixChannel);

TypeId
LatencyMatrixChannel::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::lead::LatencyMatrixChannel")
            .SetParent<SimpleChannel>()
            .SetGroupName("Lead")
            .AddConstructor<LatencyMatrixChannel>()
            .AddAttribute("OneWayIsEntry",
                          "Use the matrix entry as the one-way delay (the LEAD authors' p2psim "
                          "convention) instead of half of it (the entries are RTTs).",
                          BooleanValue(false),
                          MakeBooleanAccessor(&LatencyMatrixChannel::m_oneWayIsEntry),
                          MakeBooleanChecker())
            .AddTraceSource("Transmit",
                            "A device handed a frame to the channel.",
                            MakeTraceSourceAccessor(&LatencyMatrixChannel::m_transmitTrace),
                            "ns3::lead::LatencyMatrixChannel::FrameTracedCallback")
            .AddTraceSource("Deliver",
                            "The channel delivered a frame to a device.",
                            MakeTraceSourceAccessor(&LatencyMatrixChannel::m_deliverTrace),
                            "ns3::lead::LatencyMatrixChannel::FrameTracedCallback");
    return tid;
}

LatencyMatrixChannel::LatencyMatrixChannel() = default;

void
LatencyMatrixChannel::SetMatrix(std::shared_ptr<const LatencyMatrix> matrix)
{
    m_matrix = matrix;
}

Time
LatencyMatrixChannel::GetDelay(uint32_t from, uint32_t to) const
{
    NS_ABORT_MSG_IF(!m_matrix, "LatencyMatrixChannel: no matrix set");
    const double ms = m_matrix->GetRttMs(from, to) * (m_oneWayIsEntry ? 1.0 : 0.5);
    return NanoSeconds(static_cast<int64_t>(ms * 1e6 + 0.5));
}

void
LatencyMatrixChannel::Add(Ptr<SimpleNetDevice> device)
{
    NS_ABORT_MSG_IF(m_matrix && m_devs.size() >= m_matrix->GetSize(),
                    "LatencyMatrixChannel: the " << m_matrix->GetSize()
                                                 << "-host matrix has no row for another device");
    m_rowOf[device] = static_cast<uint32_t>(m_devs.size());
    m_rowOfAddress[Mac48Address::ConvertFrom(device->GetAddress())] =
        static_cast<uint32_t>(m_devs.size());
    m_devs.push_back(device);
}

std::size_t
LatencyMatrixChannel::GetNDevices() const
{
    return m_devs.size();
}

Ptr<NetDevice>
LatencyMatrixChannel::GetDevice(std::size_t i) const
{
    return m_devs.at(i);
}

void
LatencyMatrixChannel::Send(Ptr<Packet> p,
                           uint16_t protocol,
                           Mac48Address to,
                           Mac48Address from,
                           Ptr<SimpleNetDevice> sender)
{
    auto src = m_rowOf.find(sender);
    NS_ABORT_MSG_IF(src == m_rowOf.end(), "LatencyMatrixChannel: unknown sender");
    m_transmitTrace(p, protocol, to, from, src->second);
    if (to.IsBroadcast() && protocol == Ipv4L3Protocol::PROT_NUMBER)
    {
        // Devices in point-to-point mode (no ARP) send IPv4 to the broadcast address: deliver
        // by the IPv4 destination instead, so no host sees another's unicast.
        Ipv4Header ip;
        p->PeekHeader(ip);
        const Ipv4Address dst = ip.GetDestination();
        if (!dst.IsBroadcast() && !dst.IsMulticast() &&
            !dst.IsSubnetDirectedBroadcast("255.255.0.0"))
        {
            const int32_t row = RowOfIpv4(dst);
            if (row >= 0 && static_cast<uint32_t>(row) != src->second)
            {
                ScheduleDelivery(src->second,
                                 static_cast<uint32_t>(row),
                                 p,
                                 protocol,
                                 Mac48Address::ConvertFrom(m_devs[row]->GetAddress()),
                                 from);
            }
            return;
        }
    }
    if (!to.IsBroadcast() && !to.IsGroup())
    {
        // Unicast: only the addressee gets an event (none for an unknown address).
        auto dst = m_rowOfAddress.find(to);
        if (dst != m_rowOfAddress.end() && dst->second != src->second)
        {
            ScheduleDelivery(src->second, dst->second, p, protocol, to, from);
        }
        return;
    }
    for (uint32_t dst = 0; dst < m_devs.size(); ++dst)
    {
        if (dst != src->second)
        {
            ScheduleDelivery(src->second, dst, p, protocol, to, from);
        }
    }
}

int32_t
LatencyMatrixChannel::RowOfIpv4(Ipv4Address address)
{
    auto it = m_rowOfIpv4.find(address);
    if (it == m_rowOfIpv4.end() && m_rowOfIpv4.size() < m_devs.size())
    {
        // Addresses are assigned after the devices join the channel: learn them on first use
        // (again only while some device's address is still unknown, so that packets to a
        // foreign address do not rescan every device).
        m_rowOfIpv4.clear();
        for (uint32_t row = 0; row < m_devs.size(); ++row)
        {
            Ptr<Ipv4> ipv4 = m_devs[row]->GetNode()->GetObject<Ipv4>();
            const int32_t iface = ipv4 ? ipv4->GetInterfaceForDevice(m_devs[row]) : -1;
            for (uint32_t a = 0; iface >= 0 && a < ipv4->GetNAddresses(iface); ++a)
            {
                m_rowOfIpv4[ipv4->GetAddress(iface, a).GetLocal()] = row;
            }
        }
        it = m_rowOfIpv4.find(address);
    }
    return it == m_rowOfIpv4.end() ? -1 : static_cast<int32_t>(it->second);
}

void
LatencyMatrixChannel::ScheduleDelivery(uint32_t src,
                                       uint32_t dst,
                                       Ptr<Packet> p,
                                       uint16_t protocol,
                                       Mac48Address to,
                                       Mac48Address from)
{
    Simulator::ScheduleWithContext(m_devs[dst]->GetNode()->GetId(),
                                   GetDelay(src, dst),
                                   &LatencyMatrixChannel::Deliver,
                                   this,
                                   dst,
                                   p->Copy(),
                                   protocol,
                                   to,
                                   from);
}

void
LatencyMatrixChannel::Deliver(uint32_t dst,
                              Ptr<Packet> p,
                              uint16_t protocol,
                              Mac48Address to,
                              Mac48Address from)
{
    m_deliverTrace(p, protocol, to, from, dst);
    m_devs[dst]->Receive(p, protocol, to, from);
}

} // namespace lead
} // namespace ns3
