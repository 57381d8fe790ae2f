/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-kvcache-server.h"

#include "lead-kvcache-fabric.h"
#include "lead-kvcache-ledger.h"
#include "lead-node-app.h"

#include "ns3/abort.h"
#include "ns3/double.h"
#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
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

NS_LOG_COMPONENT_DEFINE("LeadKvCacheServer");

NS_OBJECT_ENSURE_REGISTERED(LeadKvCacheServer);

const std::vector<std::string>&
LeadKvCacheServer::SystemNames()
{
    static const std::vector<std::string> names{"lead",
                                                "chord",
                                                "chord-batched",
                                                "chord-doc",
                                                "central",
                                                "dualmap",
                                                "p2p-router",
                                                "upper-bound"};
    return names;
}

bool
LeadKvCacheServer::ParseSystem(const std::string& name, System& system)
{
    const auto& names = SystemNames();
    auto it = std::find(names.begin(), names.end(), name);
    if (it == names.end())
    {
        return false;
    }
    system = static_cast<System>(it - names.begin());
    return true;
}

bool
LeadKvCacheServer::UsesOverlay(System system)
{
    return system == System::LEAD || system == System::CHORD || system == System::CHORD_BATCHED ||
           system == System::CHORD_DOC;
}

TypeId
LeadKvCacheServer::AddRouterAttributes(TypeId tid)
{
    return tid
        .AddAttribute("GossipInterval",
                      "p2p-router: between anti-entropy rounds",
                      TimeValue(MilliSeconds(500)),
                      MakeTimeAccessor(&LeadKvCacheServer::m_gossipInterval),
                      MakeTimeChecker(MilliSeconds(1)))
        .AddAttribute("GossipFanout",
                      "p2p-router: peers a node exchanges snapshots with per round",
                      UintegerValue(1),
                      MakeUintegerAccessor(&LeadKvCacheServer::m_gossipFanout),
                      MakeUintegerChecker<uint32_t>(1))
        .AddAttribute("LocalMatchThreshold",
                      "p2p-router: serve locally when this share of the prompt is cached "
                      "here (SGLang's cache_threshold)",
                      DoubleValue(0.5),
                      MakeDoubleAccessor(&LeadKvCacheServer::m_localThreshold),
                      MakeDoubleChecker<double>(0, 1))
        .AddAttribute("MinGainBlocks",
                      "p2p-router: blocks a forward must gain over the local match",
                      UintegerValue(1),
                      MakeUintegerAccessor(&LeadKvCacheServer::m_minGain),
                      MakeUintegerChecker<uint32_t>(1));
}

TypeId
LeadKvCacheServer::GetTypeId()
{
    static TypeId tid =
        AddRouterAttributes(
            TypeId("ns3::lead::LeadKvCacheServer")
                .SetParent<Application>()
                .SetGroupName("Lead")
                .AddConstructor<LeadKvCacheServer>()
                .AddAttribute("Port",
                              "UDP port of the control messages",
                              UintegerValue(5200),
                              MakeUintegerAccessor(&LeadKvCacheServer::m_port),
                              MakeUintegerChecker<uint16_t>(1))
                .AddAttribute("CacheBlocks",
                              "KV blocks a node caches (GPU and host memory); LRU leaves are "
                              "evicted beyond it. 100,000 blocks = 200 GiB of Llama-3 8B KV",
                              UintegerValue(100000),
                              MakeUintegerAccessor(&LeadKvCacheServer::m_capacity),
                              MakeUintegerChecker<uint64_t>(1))
                .AddAttribute(
                    "BlockBytes",
                    "KV bytes of a 16-token block (Llama-3 8B, bf16: 2 x 32 layers x 8 KV "
                    "heads x 128 dims x 2 B x 16 tokens = 2 MiB)",
                    UintegerValue(2097152),
                    MakeUintegerAccessor(&LeadKvCacheServer::m_blockBytes),
                    MakeUintegerChecker<uint64_t>(1))
                .AddAttribute("PrefillTimePerToken",
                              "GPU time to prefill one uncached prompt token (A100, Llama-3 8B: "
                              "2 x 8e9 FLOP per token at about half of 312 TFLOP/s)",
                              TimeValue(MicroSeconds(100)),
                              MakeTimeAccessor(&LeadKvCacheServer::m_prefillPerToken),
                              MakeTimeChecker(Time(0)))
                .AddAttribute(
                    "DecodeTimePerToken",
                    "Time per output token (A100, 16 GB of weights read at about 2 TB/s); "
                    "reported as end-to-end latency, not queued on the GPU",
                    TimeValue(MilliSeconds(10)),
                    MakeTimeAccessor(&LeadKvCacheServer::m_decodePerToken),
                    MakeTimeChecker(Time(0)))
                .AddAttribute(
                    "ChordWindow",
                    "DHT systems: per-block Gets (chord) and index Puts in flight at once",
                    UintegerValue(32),
                    MakeUintegerAccessor(&LeadKvCacheServer::m_chordWindow),
                    MakeUintegerChecker<uint32_t>(1))
                .AddAttribute("IndexEntryBytes",
                              "Value size of an index entry (the holder)",
                              UintegerValue(8),
                              MakeUintegerAccessor(&LeadKvCacheServer::m_entryBytes),
                              MakeUintegerChecker<uint32_t>(1))
                .AddAttribute("FetchTimeout",
                              "Give up on KV not arrived by then (the rest is prefilled)",
                              TimeValue(Seconds(30)),
                              MakeTimeAccessor(&LeadKvCacheServer::m_fetchTimeout),
                              MakeTimeChecker(MilliSeconds(1))))
            .AddTraceSource("Drop",
                            "A malformed or unexpected datagram, and why",
                            MakeTraceSourceAccessor(&LeadKvCacheServer::m_dropTrace),
                            "ns3::lead::LeadKvCacheServer::DropTracedCallback")
            .AddTraceSource("Fetched",
                            "Blocks fetched from a holder arrived (request, holder, blocks)",
                            MakeTraceSourceAccessor(&LeadKvCacheServer::m_fetchedTrace),
                            "ns3::lead::LeadKvCacheServer::FetchedTracedCallback")
            .AddTraceSource("Forwarded",
                            "p2p-router: a request was forwarded (request, target, blocks the "
                            "target's estimate promised)",
                            MakeTraceSourceAccessor(&LeadKvCacheServer::m_forwardedTrace),
                            "ns3::lead::LeadKvCacheServer::ForwardedTracedCallback");
    return tid;
}

LeadKvCacheServer::LeadKvCacheServer()
    : m_rng(CreateObject<UniformRandomVariable>())
{
}

LeadKvCacheServer::~LeadKvCacheServer() = default;

void
LeadKvCacheServer::DoDispose()
{
    m_overlay = nullptr;
    m_cluster.clear();
    m_fabric = nullptr;
    m_ledger = nullptr;
    m_socket = nullptr;
    m_jobs.clear();
    Application::DoDispose();
}

void
LeadKvCacheServer::Setup(System system,
                         const Peers& peers,
                         Ptr<LeadKvCacheFabric> fabric,
                         Ptr<LeadKvCacheLedger> ledger)
{
    NS_ABORT_MSG_IF(peers.self >= peers.servers.size(),
                    "LeadKvCacheServer::Setup: index " << peers.self << " of "
                                                       << peers.servers.size() << " servers");
    m_system = system;
    m_peers = peers;
    m_fabric = fabric;
    m_ledger = ledger;
}

void
LeadKvCacheServer::SetOverlay(Ptr<LeadNodeApp> app)
{
    m_overlay = app;
}

void
LeadKvCacheServer::SetCluster(const std::vector<Ptr<LeadKvCacheServer>>& cluster)
{
    m_cluster = cluster;
}

const LeadRadixTree&
LeadKvCacheServer::GetCache() const
{
    return m_cache;
}

double
LeadKvCacheServer::GetBusySeconds() const
{
    return m_busySeconds;
}

uint64_t
LeadKvCacheServer::GetPrefillTokens() const
{
    return m_prefillTokens;
}

uint64_t
LeadKvCacheServer::GetDropCount() const
{
    return m_drops;
}

uint64_t
LeadKvCacheServer::GetPublishFailures() const
{
    return m_publishFailures;
}

uint64_t
LeadKvCacheServer::GetForwardCount() const
{
    return m_forwards;
}

int64_t
LeadKvCacheServer::AssignStreams(int64_t stream)
{
    m_rng->SetStream(stream);
    return 1;
}

void
LeadKvCacheServer::StartApplication()
{
    NS_ABORT_MSG_IF(!m_ledger || !m_fabric, "LeadKvCacheServer started without Setup()");
    NS_ABORT_MSG_IF(UsesOverlay(m_system) && !m_overlay,
                    "LeadKvCacheServer: the " << SystemNames()[static_cast<size_t>(m_system)]
                                              << " system needs an overlay node (SetOverlay)");
    m_cache = LeadRadixTree(m_capacity);
    m_socket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
    NS_ABORT_MSG_IF(m_socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_port)) != 0,
                    "LeadKvCacheServer: cannot bind UDP port " << m_port);
    m_socket->SetRecvCallback(MakeCallback(&LeadKvCacheServer::HandleRead, this));
    if (m_system == System::P2P_ROUTER)
    {
        m_gossipEvent = Simulator::Schedule(m_gossipInterval * m_rng->GetValue(0, 1),
                                            &LeadKvCacheServer::GossipTick,
                                            this);
    }
}

void
LeadKvCacheServer::StopApplication()
{
    m_gossipEvent.Cancel();
    for (auto& [id, job] : m_jobs)
    {
        job.timer.Cancel();
    }
    if (m_socket)
    {
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        m_socket->Close();
    }
}

int32_t
LeadKvCacheServer::IndexOf(Ipv4Address address) const
{
    for (size_t i = 0; i < m_peers.servers.size(); ++i)
    {
        if (m_peers.servers[i] == address)
        {
            return static_cast<int32_t>(i);
        }
    }
    return -1;
}

void
LeadKvCacheServer::Send(Ipv4Address to, const LeadKvCacheHeader& h, uint64_t request, bool control)
{
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(h);
    if (control)
    {
        m_ledger->CountControl(p->GetSize());
    }
    else
    {
        m_ledger->CountMessage(request, p->GetSize());
    }
    m_socket->SendTo(p, 0, InetSocketAddress(to, m_port));
}

void
LeadKvCacheServer::HandleRead(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> packet = socket->RecvFrom(from))
    {
        if (!InetSocketAddress::IsMatchingType(from))
        {
            continue;
        }
        const Ipv4Address sender = InetSocketAddress::ConvertFrom(from).GetIpv4();
        LeadKvCacheHeader h;
        Ptr<Packet> copy = packet->Copy();
        if (copy->RemoveHeader(h) == 0 || !h.valid || copy->GetSize() != 0)
        {
            ++m_drops;
            m_dropTrace(packet, "malformed KV-cache message");
            continue;
        }
        Dispatch(h, sender, packet);
    }
}

void
LeadKvCacheServer::Dispatch(const LeadKvCacheHeader& h, Ipv4Address from, Ptr<Packet> packet)
{
    const bool fromServer = IndexOf(from) >= 0;
    switch (h.type)
    {
    case LeadKvCacheHeader::REQUEST:
        if (from == m_peers.frontEnd)
        {
            OnRequest(h, false);
            return;
        }
        break;
    case LeadKvCacheHeader::FORWARD:
        if (fromServer && m_system == System::P2P_ROUTER)
        {
            OnRequest(h, true);
            return;
        }
        break;
    case LeadKvCacheHeader::FETCH:
        if (fromServer)
        {
            OnFetch(h, from);
            return;
        }
        break;
    case LeadKvCacheHeader::FETCH_REPLY:
        if (fromServer && m_jobs.count(h.request) != 0)
        {
            OnFetchReply(h);
            return;
        }
        break;
    case LeadKvCacheHeader::INDEX_REPLY:
        if (from == m_peers.index && m_jobs.count(h.request) != 0)
        {
            OnIndexReply(h);
            return;
        }
        break;
    case LeadKvCacheHeader::GOSSIP:
        if (fromServer && m_system == System::P2P_ROUTER)
        {
            OnGossip(h, from);
            return;
        }
        break;
    default:
        break;
    }
    ++m_drops;
    m_dropTrace(packet, "unexpected KV-cache message (type, sender or request unknown)");
}

void
LeadKvCacheServer::OnRequest(const LeadKvCacheHeader& h, bool forwarded)
{
    if (m_jobs.count(h.request) != 0)
    {
        return; // a duplicate
    }
    Job& job = m_jobs[h.request];
    job.request = h;
    LeadPrompt p;
    p.runs = h.runs;
    job.blocks = p.Blocks();
    job.arrival = Simulator::Now();
    KvCacheRequestResult& r = m_ledger->At(h.request);
    r.server = m_peers.self;
    r.forwarded = forwarded;
    if (!forwarded)
    {
        r.entry = m_peers.self;
    }
    if (!forwarded && m_system == System::P2P_ROUTER && MaybeForward(job))
    {
        m_jobs.erase(h.request);
        return;
    }
    job.local = m_cache.Touch(job.blocks, Simulator::Now().GetNanoSeconds());
    job.holder.assign(job.blocks.size(), 0);
    Locate(h.request);
}

void
LeadKvCacheServer::Located(uint64_t id)
{
    Job& job = m_jobs.at(id);
    job.located = Simulator::Now();
    StartFetch(id);
}

void
LeadKvCacheServer::StartFetch(uint64_t id)
{
    Job& job = m_jobs.at(id);
    job.fetching = true;
    job.reuse = job.local;
    // Spans: runs of consecutive blocks with one holder, from the end of the local match.
    const uint32_t end = job.local + job.found;
    uint32_t at = job.local;
    while (at < end)
    {
        uint32_t stop = at + 1;
        while (stop < end && job.holder[stop] == job.holder[at])
        {
            ++stop;
        }
        const uint16_t holder = static_cast<uint16_t>(job.holder[at] - 1);
        LeadKvCacheHeader f;
        f.type = LeadKvCacheHeader::FETCH;
        f.request = id;
        f.value = at;
        // The holder checks the whole prefix up to the span's end (a block is only valid with
        // its prefix), so the FETCH names the prompt up to there as runs.
        f.runs = LeadPromptWorkload::ToRuns(
            std::vector<uint64_t>(job.blocks.begin(), job.blocks.begin() + stop));
        f.tokens = stop - at;
        job.spanLength[at] = stop - at;
        Send(m_peers.servers.at(holder), f, id, false);
        at = stop;
    }
    if (job.spanLength.empty())
    {
        job.fetched = Simulator::Now();
        Prefill(id);
        return;
    }
    job.timer = Simulator::Schedule(m_fetchTimeout, &LeadKvCacheServer::FetchTimeout, this, id);
}

void
LeadKvCacheServer::OnFetch(const LeadKvCacheHeader& h, Ipv4Address from)
{
    LeadPrompt p;
    p.runs = h.runs;
    const std::vector<uint64_t> prefix = p.Blocks();
    const uint32_t offset = static_cast<uint32_t>(std::min<uint64_t>(h.value, prefix.size()));
    const uint32_t have = m_cache.Touch(prefix, Simulator::Now().GetNanoSeconds());
    const uint32_t granted = have > offset ? std::min<uint32_t>(have - offset, h.tokens) : 0;
    LeadKvCacheHeader reply;
    reply.type = LeadKvCacheHeader::FETCH_REPLY;
    reply.request = h.request;
    reply.value = granted;
    reply.tokens = offset;
    Send(from, reply, h.request, false);
    const int32_t requester = IndexOf(from);
    if (granted > 0 && requester >= 0 && static_cast<size_t>(requester) < m_cluster.size())
    {
        const uint64_t bytes = granted * m_blockBytes;
        m_ledger->At(h.request).kvBytes += bytes;
        m_ledger->At(h.request).bytes += bytes;
        std::vector<uint64_t> sent(prefix.begin() + offset, prefix.begin() + offset + granted);
        Ptr<LeadKvCacheServer> to = m_cluster[static_cast<size_t>(requester)];
        const uint16_t self = m_peers.self;
        const uint64_t id = h.request;
        m_fabric->Transfer(self,
                           static_cast<uint32_t>(requester),
                           bytes,
                           Callback<void>([to, id, offset, self, sent]() {
                               to->SpanMoved(id, offset, self, sent);
                           }));
    }
}

void
LeadKvCacheServer::OnFetchReply(const LeadKvCacheHeader& h)
{
    Job& job = m_jobs.at(h.request);
    if (!job.fetching || job.spanLength.count(h.tokens) == 0 || job.spanReplied.count(h.tokens))
    {
        return;
    }
    job.spanReplied.insert(h.tokens);
    job.spanGranted[h.tokens] =
        static_cast<uint32_t>(std::min<uint64_t>(h.value, job.spanLength[h.tokens]));
    CheckFetched(h.request);
}

void
LeadKvCacheServer::SpanMoved(uint64_t id,
                             uint32_t offset,
                             uint16_t holder,
                             std::vector<uint64_t> blocks)
{
    auto it = m_jobs.find(id);
    if (it == m_jobs.end() || !it->second.fetching)
    {
        return; // timed out meanwhile
    }
    it->second.spanMoved.insert(offset);
    m_fetchedTrace(id, holder, blocks);
    CheckFetched(id);
}

void
LeadKvCacheServer::CheckFetched(uint64_t id)
{
    Job& job = m_jobs.at(id);
    for (const auto& [offset, length] : job.spanLength)
    {
        if (job.spanReplied.count(offset) == 0 ||
            (job.spanGranted[offset] > 0 && job.spanMoved.count(offset) == 0))
        {
            return;
        }
    }
    job.timer.Cancel();
    FetchTimeout(id);
}

void
LeadKvCacheServer::FetchTimeout(uint64_t id)
{
    Job& job = m_jobs.at(id);
    job.fetching = false;
    // Reuse runs through whole spans that arrived; it stops in the first short one.
    for (const auto& [offset, length] : job.spanLength)
    {
        const bool arrived = job.spanMoved.count(offset) != 0;
        const uint32_t got = arrived ? job.spanGranted[offset] : 0;
        job.reuse = offset + got;
        if (got < length)
        {
            break;
        }
    }
    job.fetched = Simulator::Now();
    Prefill(id);
}

void
LeadKvCacheServer::Prefill(uint64_t id)
{
    Job& job = m_jobs.at(id);
    const uint64_t cachedTokens = uint64_t{job.reuse} * LeadPromptWorkload::BLOCK_TOKENS;
    // The last prompt token is always computed (its logits give the first output token), as
    // in vLLM when the whole prompt is cached.
    const uint64_t tokens =
        job.request.tokens > cachedTokens ? job.request.tokens - cachedTokens : 1;
    const Time work = m_prefillPerToken * static_cast<int64_t>(tokens);
    const Time start = Max(Simulator::Now(), m_busyUntil);
    m_busyUntil = start + work;
    m_busySeconds += work.GetSeconds();
    m_prefillTokens += tokens;
    Simulator::Schedule(m_busyUntil - Simulator::Now(),
                        &LeadKvCacheServer::PrefillDone,
                        this,
                        id,
                        start - Simulator::Now(),
                        work);
}

void
LeadKvCacheServer::PrefillDone(uint64_t id, Time queued, Time prefill)
{
    Job job = std::move(m_jobs.at(id));
    m_jobs.erase(id);
    m_cache.Insert(job.blocks, Simulator::Now().GetNanoSeconds());
    KvCacheRequestResult& r = m_ledger->At(id);
    r.promptTokens = job.request.tokens;
    r.promptBlocks = static_cast<uint32_t>(job.blocks.size());
    r.localBlocks = job.local;
    r.fetchedBlocks = job.reuse - job.local;
    r.owners = static_cast<uint32_t>(job.owners.size()) + job.visited;
    r.lookup = job.located - job.arrival;
    r.fetch = job.fetched - job.located;
    r.queue = queued;
    r.prefill = prefill;
    LeadKvCacheHeader done;
    done.type = LeadKvCacheHeader::FIRST_TOKEN;
    done.request = id;
    done.value = m_peers.self;
    Send(m_peers.frontEnd, done, id, false);
    Publish(job);
}

} // namespace lead
} // namespace ns3
