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
#include "ns3/simulator.h"

#include <algorithm>

namespace ns3
{
namespace lead
{

NS_LOG_COMPONENT_DEFINE("LeadRpc");

LeadRpc::LeadRpc(SendCallback send, const Config& config)
    : m_send(send),
      m_config(config)
{
    NS_ABORT_MSG_IF(config.maxAttempts == 0, "LeadRpc: maxAttempts must be at least 1");
}

uint32_t
LeadRpc::Call(LeadHeader header,
              Ptr<const Packet> body,
              uint32_t peer,
              ReplyCallback onReply,
              FailureCallback onFailure,
              Time extra)
{
    uint32_t id = m_nextId++;
    if (id == 0)
    {
        id = m_nextId++;
    }
    header.SetRequestId(id);
    header.SetReply(false);
    Pending p;
    p.header = header;
    p.body = body->Copy();
    p.peer = peer;
    p.timeout = GetTimeout(peer) + extra;
    p.sample = extra.IsZero();
    p.firstSent = Simulator::Now();
    p.onReply = onReply;
    p.onFailure = onFailure;
    m_pending.emplace(id, std::move(p));
    ++m_counters.sent;
    Transmit(id);
    return id;
}

void
LeadRpc::Transmit(uint32_t id)
{
    Pending& p = m_pending.at(id);
    Ptr<Packet> packet = p.body->Copy();
    packet->AddHeader(p.header);
    p.timer = Simulator::Schedule(p.timeout, &LeadRpc::Expire, this, id);
    NS_LOG_LOGIC("request " << id << " attempt " << p.attempt << " timeout "
                            << p.timeout.As(Time::MS));
    m_send(packet, p.peer);
}

void
LeadRpc::Expire(uint32_t id)
{
    auto it = m_pending.find(id);
    if (it == m_pending.end())
    {
        return;
    }
    Pending& p = it->second;
    if (p.attempt < m_config.maxAttempts)
    {
        ++p.attempt;
        p.timeout = p.timeout * 2;
        ++m_counters.retries;
        NS_LOG_WARN("request " << id << " (" << LeadMessageTypeName(p.header.GetType())
                               << ") timed out; attempt " << p.attempt);
        Transmit(id);
        return;
    }
    FailureCallback onFailure = p.onFailure;
    m_pending.erase(it);
    ++m_counters.failed;
    NS_LOG_WARN("request " << id << " failed after " << m_config.maxAttempts << " attempts");
    if (!onFailure.IsNull())
    {
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
    p.timer.Cancel();
    if (p.attempt == 1 && p.sample)
    {
        const Time sample = Simulator::Now() - p.firstSent;
        auto rtt = m_srtt.find(peer);
        if (rtt == m_srtt.end())
        {
            m_srtt[peer] = sample;
        }
        else
        {
            // Exponentially weighted, gain 1/8 (as TCP's SRTT).
            rtt->second =
                NanoSeconds((7 * rtt->second.GetNanoSeconds() + sample.GetNanoSeconds()) / 8);
        }
    }
    ReplyCallback onReply = p.onReply;
    m_pending.erase(it);
    ++m_counters.completed;
    if (!onReply.IsNull())
    {
        onReply(header, body);
    }
    return true;
}

bool
LeadRpc::IsDuplicate(const LeadHeader& header, uint32_t peer)
{
    PruneSeen();
    const SeenKey key{peer, header.GetSrcId(), header.GetRequestId()};
    auto it = m_seen.find(key);
    if (it != m_seen.end())
    {
        ++m_counters.duplicates;
        if (it->second.reply)
        {
            m_send(it->second.reply->Copy(), peer);
        }
        return true;
    }
    m_seen.emplace(key, Seen{Simulator::Now(), nullptr});
    m_seenOrder.emplace_back(Simulator::Now(), key);
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
    m_send(packet, peer);
}

void
LeadRpc::PruneSeen()
{
    const Time horizon = Simulator::Now() - m_config.duplicateMemory;
    while (!m_seenOrder.empty() && m_seenOrder.front().first < horizon)
    {
        m_seen.erase(m_seenOrder.front().second);
        m_seenOrder.pop_front();
    }
}

void
LeadRpc::CancelAll()
{
    for (auto& kv : m_pending)
    {
        kv.second.timer.Cancel();
    }
    m_pending.clear();
    m_seen.clear();
    m_seenOrder.clear();
}

Time
LeadRpc::GetRtt(uint32_t peer) const
{
    auto it = m_srtt.find(peer);
    return it == m_srtt.end() ? Time(0) : it->second;
}

Time
LeadRpc::GetTimeout(uint32_t peer) const
{
    auto it = m_srtt.find(peer);
    if (it == m_srtt.end())
    {
        return m_config.initialTimeout;
    }
    const Time t =
        NanoSeconds(static_cast<int64_t>(m_config.timeoutMultiplier * it->second.GetNanoSeconds()));
    return std::clamp(t, m_config.minTimeout, m_config.maxTimeout);
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
