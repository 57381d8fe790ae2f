/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-rpc.h"

#include "ns3/abort.h"
#include "ns3/log.h"

#include <algorithm>

namespace ns3
{
namespace lead
{

NS_LOG_COMPONENT_DEFINE("LeadRpc");

LeadRpc::OpScope::OpScope(LeadRpc& rpc, uint64_t op)
    : m_rpc(rpc),
      m_prev(rpc.m_currentOp)
{
    rpc.m_currentOp = op;
}

LeadRpc::OpScope::~OpScope()
{
    m_rpc.m_currentOp = m_prev;
}

size_t
LeadRpc::SeenKeyHash::operator()(const SeenKey& k) const
{
    uint64_t h = k.src * 0x9e3779b97f4a7c15ULL;
    h ^= (uint64_t{k.peer} << 32 | k.rid) + 0x7f4a7c159e3779b9ULL + (h << 6) + (h >> 2);
    return static_cast<size_t>(h);
}

LeadRpc::LeadRpc(LeadEnvironment& env, SendCallback send, const Config& config)
    : m_env(env),
      m_send(std::move(send)),
      m_config(config)
{
    NS_ABORT_MSG_IF(config.maxAttempts == 0, "LeadRpc: maxAttempts must be at least 1");
    // Request ids start from the clock: a node that restarts (churn) must not reuse the ids
    // its previous life sent, or its peers would take its new requests for retransmissions
    // of old ones and answer them from their reply caches.
    m_nextId = 1 + static_cast<uint32_t>(env.Now().GetMicroSeconds() % 0x7fffffff);
    m_firstId = m_nextId;
}

bool
LeadRpc::WasIssued(uint32_t id) const
{
    // Ids run from m_firstId upwards and may wrap: compare distances modulo 2^32.
    return id != 0 && id - m_firstId < m_nextId - m_firstId;
}

LeadRpc::~LeadRpc()
{
    m_env.Cancel(m_timer);
}

uint32_t
LeadRpc::Call(LeadHeader header,
              Ptr<const Packet> body,
              uint32_t peer,
              ReplyCallback onReply,
              FailureCallback onFailure,
              Time extra,
              uint32_t attempts)
{
    uint32_t id = m_nextId++;
    if (id == 0)
    {
        id = m_nextId++;
    }
    header.SetRequestId(id);
    header.SetReply(false);
    Pending& p = m_pending[id];
    p.header = header;
    p.body = body->Copy();
    p.peer = peer;
    p.timeout = GetTimeout(peer);
    p.extra = extra;
    p.maxAttempts = attempts == 0 ? m_config.maxAttempts : attempts;
    p.sample = extra.IsZero();
    p.firstSent = m_env.Now();
    p.onReply = std::move(onReply);
    p.onFailure = std::move(onFailure);
    p.op = m_currentOp;
    ++m_counters.sent;
    Transmit(id, p);
    return id;
}

void
LeadRpc::Send(LeadHeader header, Ptr<const Packet> body, uint32_t peer)
{
    header.SetRequestId(0);
    header.SetReply(false);
    Ptr<Packet> packet = body->Copy();
    packet->AddHeader(header);
    m_send(packet, header, peer, m_currentOp);
}

void
LeadRpc::Transmit(uint32_t id, Pending& p)
{
    Ptr<Packet> packet = p.body->Copy();
    packet->AddHeader(p.header);
    p.deadline = m_env.Now() + p.timeout + p.extra;
    m_deadlines.emplace(p.deadline, id, p.attempt);
    Arm(p.deadline);
    NS_LOG_LOGIC("request " << id << " attempt " << p.attempt << " timeout "
                            << p.timeout.As(Time::MS));
    m_send(packet, p.header, p.peer, p.op);
}

void
LeadRpc::Arm(Time deadline)
{
    if (m_timer != 0 && m_timerAt <= deadline)
    {
        return;
    }
    m_env.Cancel(m_timer);
    m_timerAt = deadline;
    m_timer = m_env.Schedule(deadline - m_env.Now(), [this]() { Wake(); });
}

void
LeadRpc::Wake()
{
    m_timer = 0;
    const Time now = m_env.Now();
    while (!m_deadlines.empty() && std::get<0>(m_deadlines.top()) <= now)
    {
        const auto [when, id, attempt] = m_deadlines.top();
        m_deadlines.pop();
        auto it = m_pending.find(id);
        if (it != m_pending.end() && it->second.attempt == attempt && it->second.deadline == when)
        {
            Expire(id);
        }
    }
    // Skip the entries of requests that completed, then wait for the next live deadline.
    while (!m_deadlines.empty())
    {
        const auto& [when, id, attempt] = m_deadlines.top();
        auto it = m_pending.find(id);
        if (it != m_pending.end() && it->second.attempt == attempt)
        {
            Arm(when);
            break;
        }
        m_deadlines.pop();
    }
}

void
LeadRpc::Expire(uint32_t id)
{
    Pending& p = m_pending.at(id);
    if (p.attempt < p.maxAttempts)
    {
        ++p.attempt;
        p.timeout = std::min(p.timeout * 2, std::max(m_config.maxTimeout, m_config.initialTimeout));
        ++m_counters.retries;
        NS_LOG_WARN("request " << id << " (" << LeadMessageTypeName(p.header.GetType())
                               << ") timed out; attempt " << p.attempt);
        Transmit(id, p);
        return;
    }
    FailureCallback onFailure = std::move(p.onFailure);
    const uint64_t op = p.op;
    NS_LOG_WARN("request " << id << " failed after " << p.maxAttempts << " attempts");
    m_pending.erase(id);
    ++m_counters.failed;
    if (onFailure)
    {
        OpScope scope(*this, op);
        onFailure();
    }
}

bool
LeadRpc::HandleReply(const LeadHeader& header, Ptr<Packet> body, uint32_t peer)
{
    auto it = m_pending.find(header.GetRequestId());
    // The reply must come from the addressed vnode (or any vnode of that node, for requests
    // addressed to id 0).
    if (it == m_pending.end() || it->second.peer != peer ||
        (it->second.header.GetDstId() != 0 && it->second.header.GetDstId() != header.GetSrcId()))
    {
        ++m_counters.lateReplies;
        return false;
    }
    Pending& p = it->second;
    if (p.attempt == 1 && p.sample)
    {
        Sample(peer, m_env.Now() - p.firstSent);
    }
    else if (p.attempt > 1)
    {
        // Karn: the peer answered, but only after a retransmission, so the sample is
        // ambiguous; the timeout that got the answer stays the peer's until a clean sample.
        // (A call that fails altogether leaves no back-off: the peer is presumed dead.)
        PeerTiming& t = m_peers[peer];
        t.backoff = std::max(t.backoff, p.timeout);
    }
    ReplyCallback onReply = std::move(p.onReply);
    const uint64_t op = p.op;
    m_pending.erase(it);
    ++m_counters.completed;
    if (onReply)
    {
        OpScope scope(*this, op);
        onReply(header, body);
    }
    return true;
}

bool
LeadRpc::IsDuplicate(const LeadHeader& header, uint32_t peer)
{
    PruneSeen();
    const SeenKey key{peer, header.GetSrcId(), header.GetRequestId()};
    auto [it, inserted] = m_seen.try_emplace(key, Seen{m_env.Now(), nullptr});
    if (!inserted)
    {
        ++m_counters.duplicates;
        if (it->second.reply)
        {
            LeadHeader h;
            Ptr<Packet> copy = it->second.reply->Copy();
            copy->PeekHeader(h);
            m_send(copy, h, peer, m_currentOp);
        }
        return true;
    }
    m_seenOrder.emplace_back(m_env.Now(), key);
    return false;
}

void
LeadRpc::Reply(const LeadHeader& request, LeadHeader reply, Ptr<const Packet> body, uint32_t peer)
{
    reply.SetRequestId(request.GetRequestId());
    reply.SetReply(true);
    Ptr<Packet> packet = body->Copy();
    packet->AddHeader(reply);
    auto it = m_seen.find(SeenKey{peer, request.GetSrcId(), request.GetRequestId()});
    if (it != m_seen.end())
    {
        it->second.reply = packet->Copy();
    }
    m_send(packet, reply, peer, m_currentOp);
}

void
LeadRpc::Sample(uint32_t peer, Time sample)
{
    PeerTiming& t = m_peers[peer];
    const int64_t r = sample.GetNanoSeconds();
    if (!t.sampled)
    {
        t.srtt = sample;
        t.rttvar = NanoSeconds(r / 2);
        t.sampled = true;
    }
    else
    {
        // RTTVAR <- 3/4 RTTVAR + 1/4 |SRTT - R|, then SRTT <- 7/8 SRTT + 1/8 R.
        const int64_t srtt = t.srtt.GetNanoSeconds();
        const int64_t dev = srtt > r ? srtt - r : r - srtt;
        t.rttvar = NanoSeconds((3 * t.rttvar.GetNanoSeconds() + dev) / 4);
        t.srtt = NanoSeconds((7 * srtt + r) / 8);
    }
    t.backoff = Time(0);
}

void
LeadRpc::PruneSeen()
{
    const Time horizon = m_env.Now() - m_config.duplicateMemory;
    while (!m_seenOrder.empty() && m_seenOrder.front().first < horizon)
    {
        m_seen.erase(m_seenOrder.front().second);
        m_seenOrder.pop_front();
    }
}

void
LeadRpc::CancelAll()
{
    m_env.Cancel(m_timer);
    m_timer = 0;
    m_pending.clear();
    m_deadlines = decltype(m_deadlines)();
    m_seen.clear();
    m_seenOrder.clear();
}

uint64_t
LeadRpc::GetCurrentOp() const
{
    return m_currentOp;
}

void
LeadRpc::SetCurrentOp(uint64_t op)
{
    m_currentOp = op;
}

Time
LeadRpc::GetRtt(uint32_t peer) const
{
    auto it = m_peers.find(peer);
    return it == m_peers.end() ? Time(0) : it->second.srtt;
}

Time
LeadRpc::GetRttVariance(uint32_t peer) const
{
    auto it = m_peers.find(peer);
    return it == m_peers.end() ? Time(0) : it->second.rttvar;
}

Time
LeadRpc::GetTimeout(uint32_t peer) const
{
    auto it = m_peers.find(peer);
    Time rto = m_config.initialTimeout;
    if (it != m_peers.end() && it->second.sampled)
    {
        const PeerTiming& t = it->second;
        const Time scaled =
            NanoSeconds(static_cast<int64_t>(m_config.timeoutMultiplier * t.srtt.GetNanoSeconds()));
        rto = std::max(t.srtt + 4 * t.rttvar, scaled);
        rto = std::clamp(rto,
                         m_config.minTimeout,
                         std::max(m_config.minTimeout, m_config.maxTimeout));
    }
    if (it != m_peers.end())
    {
        rto = std::max(rto, it->second.backoff);
    }
    return rto;
}

size_t
LeadRpc::GetPending() const
{
    return m_pending.size();
}

const LeadRpc::Counters&
LeadRpc::GetCounters() const
{
    return m_counters;
}

} // namespace lead
} // namespace ns3
