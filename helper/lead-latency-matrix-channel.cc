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
#include "ns3/node.h"
#include "ns3/simple-net-device.h"
#include "ns3/simulator.h"

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
                          MakeBooleanChecker());
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
    uint32_t src = 0;
    while (src < m_devs.size() && m_devs[src] != sender)
    {
        ++src;
    }
    NS_ABORT_MSG_IF(src == m_devs.size(), "LatencyMatrixChannel: unknown sender");
    for (uint32_t dst = 0; dst < m_devs.size(); ++dst)
    {
        if (dst == src)
        {
            continue;
        }
        Ptr<SimpleNetDevice> dev = m_devs[dst];
        if (!to.IsBroadcast() && !to.IsGroup() &&
            Mac48Address::ConvertFrom(dev->GetAddress()) != to)
        {
            continue; // unicast: only the addressee needs the event
        }
        Simulator::ScheduleWithContext(dev->GetNode()->GetId(),
                                       GetDelay(src, dst),
                                       &SimpleNetDevice::Receive,
                                       dev,
                                       p->Copy(),
                                       protocol,
                                       to,
                                       from);
    }
}

} // namespace lead
} // namespace ns3
