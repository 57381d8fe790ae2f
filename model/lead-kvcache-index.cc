/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-kvcache-index.h"

#include "lead-kvcache-header.h"
#include "lead-kvcache-ledger.h"

#include "ns3/abort.h"
#include "ns3/inet-socket-address.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

namespace ns3
{
namespace lead
{

NS_OBJECT_ENSURE_REGISTERED(LeadKvCacheIndex);

TypeId
LeadKvCacheIndex::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::lead::LeadKvCacheIndex")
            .SetParent<Application>()
            .SetGroupName("Lead")
            .AddConstructor<LeadKvCacheIndex>()
            .AddAttribute("Port",
                          "UDP port of the control messages",
                          UintegerValue(5200),
                          MakeUintegerAccessor(&LeadKvCacheIndex::m_port),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("QueryTime",
                          "Service time of one query (an in-memory index behind one server "
                          "thread)",
                          TimeValue(MicroSeconds(20)),
                          MakeTimeAccessor(&LeadKvCacheIndex::m_queryTime),
                          MakeTimeChecker(Time(0)))
            .AddAttribute("BlockTime",
                          "Service time per block scanned (one hash-table probe)",
                          TimeValue(NanoSeconds(100)),
                          MakeTimeAccessor(&LeadKvCacheIndex::m_blockTime),
                          MakeTimeChecker(Time(0)))
            .AddTraceSource("Drop",
                            "A malformed or unexpected datagram, and why",
                            MakeTraceSourceAccessor(&LeadKvCacheIndex::m_dropTrace),
                            "ns3::lead::LeadKvCacheIndex::DropTracedCallback");
    return tid;
}

LeadKvCacheIndex::LeadKvCacheIndex() = default;
LeadKvCacheIndex::~LeadKvCacheIndex() = default;

void
LeadKvCacheIndex::DoDispose()
{
    m_socket = nullptr;
    m_ledger = nullptr;
    Application::DoDispose();
}

void
LeadKvCacheIndex::Setup(const std::vector<Ipv4Address>& servers, Ptr<LeadKvCacheLedger> ledger)
{
    m_servers = servers;
    m_ledger = ledger;
}

void
LeadKvCacheIndex::AddEntry(uint64_t block, uint16_t holder)
{
    m_holder[block] = holder;
}

uint64_t
LeadKvCacheIndex::GetEntryCount() const
{
    return m_holder.size();
}

uint64_t
LeadKvCacheIndex::GetDropCount() const
{
    return m_drops;
}

void
LeadKvCacheIndex::StartApplication()
{
    NS_ABORT_MSG_IF(!m_ledger, "LeadKvCacheIndex started without Setup()");
    m_socket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
    NS_ABORT_MSG_IF(m_socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_port)) != 0,
                    "LeadKvCacheIndex: cannot bind UDP port " << m_port);
    m_socket->SetRecvCallback(MakeCallback(&LeadKvCacheIndex::HandleRead, this));
}

void
LeadKvCacheIndex::StopApplication()
{
    if (m_socket)
    {
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        m_socket->Close();
    }
}

void
LeadKvCacheIndex::HandleRead(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> packet = socket->RecvFrom(from))
    {
        const Ipv4Address sender = InetSocketAddress::ConvertFrom(from).GetIpv4();
        int32_t server = -1;
        for (size_t i = 0; i < m_servers.size(); ++i)
        {
            server = m_servers[i] == sender ? static_cast<int32_t>(i) : server;
        }
        LeadKvCacheHeader h;
        Ptr<Packet> copy = packet->Copy();
        const bool parsed = copy->RemoveHeader(h) != 0 && h.valid && copy->GetSize() == 0;
        if (!parsed || server < 0 ||
            (h.type != LeadKvCacheHeader::INDEX_QUERY &&
             h.type != LeadKvCacheHeader::INDEX_PUBLISH))
        {
            ++m_drops;
            m_dropTrace(packet,
                        !parsed ? "malformed KV-cache message"
                                : "unexpected KV-cache message (type or sender unknown)");
            continue;
        }
        LeadPrompt p;
        p.runs = h.runs;
        std::vector<uint64_t> blocks = p.Blocks();
        if (h.type == LeadKvCacheHeader::INDEX_PUBLISH)
        {
            for (uint64_t b : blocks)
            {
                m_holder[b] = static_cast<uint16_t>(server);
            }
            continue;
        }
        // One FIFO queue: the answer leaves when the index has worked through it.
        const Time start = Max(Simulator::Now(), m_busyUntil);
        m_busyUntil = start + m_queryTime + m_blockTime * static_cast<int64_t>(blocks.size());
        Simulator::Schedule(m_busyUntil - Simulator::Now(),
                            &LeadKvCacheIndex::Answer,
                            this,
                            sender,
                            h.request,
                            std::move(blocks));
    }
}

void
LeadKvCacheIndex::Answer(Ipv4Address to, uint64_t request, std::vector<uint64_t> blocks)
{
    LeadKvCacheHeader r;
    r.type = LeadKvCacheHeader::INDEX_REPLY;
    r.request = request;
    for (uint64_t b : blocks)
    {
        auto it = m_holder.find(b);
        if (it == m_holder.end())
        {
            break;
        }
        const bool extend = !r.runs.empty() && r.holders.back() == it->second &&
                            r.runs.back().start + r.runs.back().count == b;
        if (extend)
        {
            ++r.runs.back().count;
            continue;
        }
        if (r.runs.size() == LeadKvCacheHeader::MAX_RUNS)
        {
            break;
        }
        r.runs.push_back({b, 1});
        r.holders.push_back(it->second);
    }
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(r);
    m_ledger->CountMessage(request, p->GetSize());
    m_socket->SendTo(p, 0, InetSocketAddress(to, m_port));
}

} // namespace lead
} // namespace ns3
