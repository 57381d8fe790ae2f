/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-kvcache-fabric.h"

#include "ns3/abort.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <cmath>

namespace ns3
{
namespace lead
{

NS_OBJECT_ENSURE_REGISTERED(LeadKvCacheFabric);

TypeId
LeadKvCacheFabric::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::lead::LeadKvCacheFabric")
            .SetParent<Object>()
            .SetGroupName("Lead")
            .AddConstructor<LeadKvCacheFabric>()
            .AddAttribute("LinkRate",
                          "Rate of every serving node's uplink and downlink (100 Gb/s: one "
                          "InfiniBand/RoCE NIC per A100 node)",
                          DataRateValue(DataRate("100Gbps")),
                          MakeDataRateAccessor(&LeadKvCacheFabric::m_rate),
                          MakeDataRateChecker())
            .AddAttribute("TransferRoundTrips",
                          "Round trips a transfer pays before its bytes flow",
                          UintegerValue(1),
                          MakeUintegerAccessor(&LeadKvCacheFabric::m_roundTrips),
                          MakeUintegerChecker<uint32_t>(0, 16))
            .AddAttribute("Mode",
                          "flow: the flow-level model; tcp: ns-3 TCP packet by packet (needs "
                          "SetupTcp)",
                          StringValue("flow"),
                          MakeStringAccessor(&LeadKvCacheFabric::m_mode),
                          MakeStringChecker())
            .AddAttribute("TcpPort",
                          "tcp mode: the port every host listens on",
                          UintegerValue(5300),
                          MakeUintegerAccessor(&LeadKvCacheFabric::m_tcpPort),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("TcpBufferBytes",
                          "tcp mode: send and receive buffers of a transfer's sockets (256 KiB: "
                          "the bandwidth-delay product of 100 Gb/s over 20 us)",
                          UintegerValue(256 << 10),
                          MakeUintegerAccessor(&LeadKvCacheFabric::m_tcpBuffer),
                          MakeUintegerChecker<uint32_t>(65536));
    return tid;
}

LeadKvCacheFabric::LeadKvCacheFabric() = default;
LeadKvCacheFabric::~LeadKvCacheFabric() = default;

void
LeadKvCacheFabric::DoDispose()
{
    m_next.Cancel();
    m_tx.clear();
    m_rx.clear();
    m_listeners.clear();
    m_nodes.clear();
    m_waiting.clear();
    m_model.reset();
    Object::DoDispose();
}

void
LeadKvCacheFabric::Setup(uint32_t hosts, Time rtt)
{
    NS_ABORT_MSG_IF(m_rate.GetBitRate() == 0, "LeadKvCacheFabric: LinkRate must be positive");
    m_model = std::make_unique<LeadFlowModel>(hosts, m_rate.GetBitRate() / 8.0);
    m_rtt = rtt;
}

void
LeadKvCacheFabric::Transfer(uint32_t src, uint32_t dst, uint64_t bytes, Callback<void> done)
{
    NS_ABORT_MSG_IF(!m_model, "LeadKvCacheFabric::Transfer before Setup");
    if (IsTcp())
    {
        TcpBegin(src, dst, bytes, done);
        return;
    }
    Simulator::Schedule(m_rtt * m_roundTrips,
                        &LeadKvCacheFabric::Begin,
                        this,
                        src,
                        dst,
                        bytes,
                        done);
}

void
LeadKvCacheFabric::Begin(uint32_t src, uint32_t dst, uint64_t bytes, Callback<void> done)
{
    // Deliver what finished by now first: Start() moves the model to now as well.
    Progress();
    const uint64_t id = m_model->Start(src, dst, bytes, Simulator::Now().GetSeconds());
    m_waiting[id] = {bytes, done};
    Reschedule();
}

void
LeadKvCacheFabric::Progress()
{
    for (uint64_t id : m_model->Advance(Simulator::Now().GetSeconds()))
    {
        auto it = m_waiting.find(id);
        if (it == m_waiting.end())
        {
            continue;
        }
        m_moved += it->second.first;
        Callback<void> done = it->second.second;
        m_waiting.erase(it);
        if (!done.IsNull())
        {
            done();
        }
    }
    Reschedule();
}

void
LeadKvCacheFabric::Reschedule()
{
    m_next.Cancel();
    const double next = m_model->NextFinish();
    if (!std::isfinite(next))
    {
        return;
    }
    // Round up to the next nanosecond so the flow is done when the event runs.
    const double wait = std::max(0.0, next - Simulator::Now().GetSeconds());
    m_next = Simulator::Schedule(NanoSeconds(static_cast<int64_t>(std::ceil(wait * 1e9)) + 1),
                                 &LeadKvCacheFabric::Progress,
                                 this);
}

Time
LeadKvCacheFabric::IdealTime(uint64_t bytes) const
{
    // (DataRate::CalculateBytesTxTime takes 32-bit sizes in ns-3.37; KV spans exceed 4 GiB.)
    return m_rtt * m_roundTrips +
           Seconds(static_cast<double>(bytes) * 8.0 / static_cast<double>(m_rate.GetBitRate()));
}

uint64_t
LeadKvCacheFabric::GetBytesMoved() const
{
    return m_moved;
}

DataRate
LeadKvCacheFabric::GetLinkRate() const
{
    return m_rate;
}

} // namespace lead
} // namespace ns3
