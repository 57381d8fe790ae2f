/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-kvcache-front-end.h"

#include "lead-kvcache-header.h"
#include "lead-radix-tree.h"
#include "lead-sha1.h"

#include "ns3/abort.h"
#include "ns3/double.h"
#include "ns3/inet-socket-address.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <algorithm>

namespace ns3
{
namespace lead
{

NS_OBJECT_ENSURE_REGISTERED(LeadKvCacheFrontEnd);

namespace
{
/// One of DualMap's two hashes of a prefix key.
uint64_t
PrefixHash(uint64_t key, uint8_t salt)
{
    uint8_t bytes[9];
    for (int i = 0; i < 8; ++i)
    {
        bytes[i] = static_cast<uint8_t>(key >> (56 - 8 * i));
    }
    bytes[8] = salt;
    return Sha1::Prefix64(bytes, sizeof(bytes));
}
} // namespace

TypeId
LeadKvCacheFrontEnd::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::lead::LeadKvCacheFrontEnd")
            .SetParent<Application>()
            .SetGroupName("Lead")
            .AddConstructor<LeadKvCacheFrontEnd>()
            .AddAttribute("Port",
                          "UDP port of the control messages",
                          UintegerValue(5200),
                          MakeUintegerAccessor(&LeadKvCacheFrontEnd::m_port),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("PrefixBlocks",
                          "dualmap: shortest prefix its two hashes read, in blocks (16 blocks "
                          "= 256 tokens)",
                          UintegerValue(16),
                          MakeUintegerAccessor(&LeadKvCacheFrontEnd::m_prefixBlocks),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("HotShare",
                          "dualmap: prefix blocks carried by more than this share of the "
                          "requests so far are skipped by the hashes (adaptive prefix length)",
                          DoubleValue(0.5),
                          MakeDoubleAccessor(&LeadKvCacheFrontEnd::m_hotShare),
                          MakeDoubleChecker<double>(0, 1))
            .AddAttribute("Slo",
                          "dualmap: predicted TTFT above which the less loaded candidate wins",
                          TimeValue(Seconds(2)),
                          MakeTimeAccessor(&LeadKvCacheFrontEnd::m_slo),
                          MakeTimeChecker(Time(0)))
            .AddAttribute("PrefillTimePerToken",
                          "dualmap: prefill time per token its TTFT prediction assumes",
                          TimeValue(MicroSeconds(100)),
                          MakeTimeAccessor(&LeadKvCacheFrontEnd::m_prefillPerToken),
                          MakeTimeChecker(Time(0)))
            .AddTraceSource("RequestDone",
                            "A request's first token arrived: its result",
                            MakeTraceSourceAccessor(&LeadKvCacheFrontEnd::m_doneTrace),
                            "ns3::lead::LeadKvCacheFrontEnd::RequestTracedCallback")
            .AddTraceSource("Drop",
                            "A malformed or unexpected datagram, and why",
                            MakeTraceSourceAccessor(&LeadKvCacheFrontEnd::m_dropTrace),
                            "ns3::lead::LeadKvCacheServer::DropTracedCallback");
    return tid;
}

LeadKvCacheFrontEnd::LeadKvCacheFrontEnd() = default;
LeadKvCacheFrontEnd::~LeadKvCacheFrontEnd() = default;

void
LeadKvCacheFrontEnd::DoDispose()
{
    m_socket = nullptr;
    m_ledger = nullptr;
    Application::DoDispose();
}

void
LeadKvCacheFrontEnd::Setup(LeadKvCacheServer::System system,
                           const std::vector<Ipv4Address>& servers,
                           Ptr<LeadKvCacheLedger> ledger,
                           std::vector<LeadPrompt> prompts)
{
    NS_ABORT_MSG_IF(servers.empty(), "LeadKvCacheFrontEnd: no servers");
    m_system = system;
    m_servers = servers;
    m_ledger = ledger;
    m_prompts = std::move(prompts);
    m_outstanding.assign(servers.size(), 0.0);
    m_history.clear();
    m_seen.clear();
}

uint64_t
LeadKvCacheFrontEnd::GetIssued() const
{
    return m_issued;
}

uint64_t
LeadKvCacheFrontEnd::GetDropCount() const
{
    return m_drops;
}

uint64_t
LeadKvCacheFrontEnd::GetDone() const
{
    return m_done;
}

void
LeadKvCacheFrontEnd::StartApplication()
{
    NS_ABORT_MSG_IF(!m_ledger, "LeadKvCacheFrontEnd started without Setup()");
    m_socket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
    NS_ABORT_MSG_IF(m_socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_port)) != 0,
                    "LeadKvCacheFrontEnd: cannot bind UDP port " << m_port);
    m_socket->SetRecvCallback(MakeCallback(&LeadKvCacheFrontEnd::HandleRead, this));
    for (size_t i = 0; i < m_prompts.size(); ++i)
    {
        m_events.push_back(Simulator::Schedule(Seconds(m_prompts[i].arrival),
                                               &LeadKvCacheFrontEnd::Issue,
                                               this,
                                               i));
    }
}

void
LeadKvCacheFrontEnd::StopApplication()
{
    for (EventId& e : m_events)
    {
        e.Cancel();
    }
    if (m_socket)
    {
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        m_socket->Close();
    }
}

uint16_t
LeadKvCacheFrontEnd::PlaceDualMap(const LeadPrompt& p)
{
    const auto n = static_cast<uint16_t>(m_servers.size());
    const std::vector<uint64_t> blocks = p.Blocks();
    if (blocks.empty())
    {
        return static_cast<uint16_t>(m_issued % n);
    }
    // Adaptive prefix length: at least PrefixBlocks, extended past blocks that more than
    // HotShare of all requests so far carried (a system prompt every request starts with
    // would send everything to one pair of servers).
    size_t at = std::min<size_t>(blocks.size(), m_prefixBlocks) - 1;
    const double hot = m_hotShare * static_cast<double>(m_issued);
    while (at + 1 < blocks.size() && m_issued > 0)
    {
        auto c = m_seen.find(blocks[at]);
        if (c == m_seen.end() || static_cast<double>(c->second) <= hot)
        {
            break;
        }
        ++at;
    }
    for (uint64_t k : blocks)
    {
        ++m_seen[k];
    }
    const uint64_t prefix = blocks[at];
    const auto a = static_cast<uint16_t>(PrefixHash(prefix, 1) % n);
    auto b = static_cast<uint16_t>(PrefixHash(prefix, 2) % n);
    if (b == a && n > 1)
    {
        b = static_cast<uint16_t>((a + 1) % n);
    }
    // Cache affinity from the front end's own record of what it sent where (DualMap's
    // scheduler sees no cache state): the candidate with the longer recorded prefix.
    auto& ta = m_history[a];
    auto& tb = m_history[b];
    const uint32_t ma = ta.Match(blocks);
    const uint32_t mb = tb.Match(blocks);
    const uint16_t affine = mb > ma ? b : a;
    const uint16_t other = affine == a ? b : a;
    const auto predict = [&](uint16_t server, uint32_t matched) {
        const uint32_t cached = std::min(p.promptTokens, matched * 16);
        return m_outstanding[server] +
               m_prefillPerToken.GetSeconds() * std::max<uint32_t>(1, p.promptTokens - cached);
    };
    uint16_t choice = affine;
    if (predict(affine, std::max(ma, mb)) > m_slo.GetSeconds())
    {
        choice =
            predict(other, std::min(ma, mb)) < predict(affine, std::max(ma, mb)) ? other : affine;
    }
    m_history[choice].Insert(blocks, m_issued);
    return choice;
}

void
LeadKvCacheFrontEnd::Issue(size_t index)
{
    const LeadPrompt& p = m_prompts[index];
    const uint16_t server = m_system == LeadKvCacheServer::System::DUALMAP
                                ? PlaceDualMap(p)
                                : static_cast<uint16_t>(m_issued % m_servers.size());
    ++m_issued;
    const double work = m_prefillPerToken.GetSeconds() * p.promptTokens;
    m_outstanding[server] += work;
    m_work[p.id] = {server, work};
    KvCacheRequestResult& r = m_ledger->At(p.id);
    r.measured = p.measured;
    r.arrival = Simulator::Now();
    r.entry = server;
    LeadKvCacheHeader h;
    h.type = LeadKvCacheHeader::REQUEST;
    h.request = p.id;
    h.tokens = p.promptTokens;
    h.output = p.outputTokens;
    h.runs = p.runs;
    Ptr<Packet> packet = Create<Packet>();
    packet->AddHeader(h);
    m_ledger->CountMessage(p.id, packet->GetSize());
    m_socket->SendTo(packet, 0, InetSocketAddress(m_servers[server], m_port));
}

void
LeadKvCacheFrontEnd::HandleRead(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> packet = socket->RecvFrom(from))
    {
        LeadKvCacheHeader h;
        Ptr<Packet> copy = packet->Copy();
        if (copy->RemoveHeader(h) == 0 || !h.valid || copy->GetSize() != 0 ||
            h.type != LeadKvCacheHeader::FIRST_TOKEN)
        {
            ++m_drops;
            m_dropTrace(packet, "malformed or unexpected KV-cache message");
            continue;
        }
        auto w = m_work.find(h.request);
        if (w == m_work.end())
        {
            ++m_drops;
            m_dropTrace(packet, "first token of an unknown or finished request");
            continue;
        }
        m_outstanding[w->second.first] -= w->second.second;
        m_work.erase(w);
        KvCacheRequestResult& r = m_ledger->At(h.request);
        r.ttft = Simulator::Now() - r.arrival;
        r.done = true;
        ++m_done;
        m_doneTrace(r);
    }
}

} // namespace lead
} // namespace ns3
