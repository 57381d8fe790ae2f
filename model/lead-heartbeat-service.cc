/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-heartbeat-service.h"

#include "lead-heartbeat-header.h"
#include "lead-vnode-host.h"
#include "lead-vnode.h"

#include <algorithm>
#include <limits>
#include <set>
#include <tuple>
#include <vector>

namespace ns3
{
namespace lead
{

LeadHeartbeatService::LeadHeartbeatService(LeadVnodeHost& host, Time interval, StateOf state)
    : m_host(host),
      m_interval(interval),
      m_state(std::move(state))
{
    host.SetHandler(LeadMessageType::HEARTBEAT,
                    [this](LeadVnode& at, const LeadHeader& h, Ptr<Packet> body, uint32_t from) {
                        OnHeartbeat(at, h, body, from);
                    });
    if (m_interval.IsStrictlyPositive())
    {
        m_timer = m_host.Env().Schedule(m_interval, [this]() { Beat(); });
    }
}

LeadHeartbeatService::~LeadHeartbeatService()
{
    if (m_timer != 0)
    {
        m_host.Env().Cancel(m_timer);
    }
}

void
LeadHeartbeatService::Beat()
{
    m_timer = m_host.Env().Schedule(m_interval, [this]() { Beat(); });
    LeadOpScope maintenance(m_host, 0);
    for (uint32_t i = 0; i < m_host.GetVnodeCount(); ++i)
    {
        LeadVnode& v = m_host.GetVnode(i);
        if (!v.IsJoined())
        {
            continue;
        }
        const State state = m_state(v.GetSelf().vnode);
        LeadHeartbeatHeader hb;
        hb.version = m_host.GetModelVersion();
        hb.ready = state.ready;
        hb.keys = state.keys;
        hb.peerKeys = state.peerKeys;
        PickRumour(state.peerKeys, hb);
        std::set<uint64_t> sent{v.GetSelf().id};
        std::vector<VnodeRef> targets = v.GetTable().GetSuccessors();
        if (auto pred = v.GetTable().GetPredecessor())
        {
            targets.push_back(*pred);
        }
        for (const auto& t : targets)
        {
            if (!sent.insert(t.id).second)
            {
                continue;
            }
            Ptr<Packet> body = Create<Packet>();
            body->AddHeader(hb);
            m_host.SendOneWay(v.GetSelf(), t, LeadMessageType::HEARTBEAT, LeadPurpose::MODEL, body);
        }
    }
}

void
LeadHeartbeatService::OnHeartbeat(LeadVnode& at,
                                  const LeadHeader& h,
                                  Ptr<Packet> body,
                                  uint32_t from)
{
    LeadHeartbeatHeader hb;
    body->RemoveHeader(hb);
    if (!hb.valid || body->GetSize() != 0)
    {
        m_host.Drop(body, "invalid HEARTBEAT body");
        return;
    }
    Neighbour& n = m_heard[at.GetSelf().vnode][h.GetSrcId()];
    n.version = hb.version;
    n.ready = hb.ready;
    n.keys = hb.keys;
    n.peerKeys = hb.peerKeys;
    n.address = from;
    n.heard = m_host.Env().Now();
    if (m_rumourAge.IsStrictlyPositive())
    {
        NoteLoad(from, hb.peerKeys, n.heard);
        if (hb.hasCold && hb.coldAddress != m_host.GetConfig().address)
        {
            NoteLoad(hb.coldAddress, hb.coldKeys, n.heard - MilliSeconds(hb.coldAgeMs));
        }
    }
}

void
LeadHeartbeatService::EnableColdRumours(Time maxAge)
{
    m_rumourAge = maxAge;
}

void
LeadHeartbeatService::NoteLoad(uint32_t address, uint64_t keys, Time said)
{
    auto [it, added] = m_loads.try_emplace(address, Rumour{keys, said});
    if (!added && said > it->second.said)
    {
        it->second = Rumour{keys, said};
    }
}

std::map<uint32_t, uint64_t>
LeadHeartbeatService::GetColdNodes() const
{
    std::map<uint32_t, uint64_t> out;
    const Time now = m_host.Env().Now();
    for (const auto& [address, r] : m_loads)
    {
        if (now - r.said <= m_rumourAge && address != m_host.GetConfig().address)
        {
            out.emplace(address, r.keys);
        }
    }
    return out;
}

void
LeadHeartbeatService::PickRumour(uint64_t ownKeys, LeadHeartbeatHeader& hb)
{
    if (!m_rumourAge.IsStrictlyPositive())
    {
        return;
    }
    const Time now = m_host.Env().Now();
    // (keys, address, age): the least loaded first; one of the first three, at random, so
    // that different rumours spread and overloaded nodes do not all recruit the same node.
    std::vector<std::tuple<uint64_t, uint32_t, Time>> known{
        {ownKeys, m_host.GetConfig().address, Time()}};
    for (auto it = m_loads.begin(); it != m_loads.end();)
    {
        if (now - it->second.said > m_rumourAge)
        {
            it = m_loads.erase(it);
            continue;
        }
        if (it->first != m_host.GetConfig().address)
        {
            known.emplace_back(it->second.keys, it->first, now - it->second.said);
        }
        ++it;
    }
    const size_t top = std::min(known.size(), size_t{3});
    std::partial_sort(known.begin(), known.begin() + top, known.end());
    const auto pick =
        std::min(static_cast<size_t>(m_host.Env().RandomValue() * static_cast<double>(top)),
                 top - 1);
    hb.hasCold = true;
    hb.coldKeys = std::get<0>(known[pick]);
    hb.coldAddress = std::get<1>(known[pick]);
    hb.coldAgeMs =
        static_cast<uint32_t>(std::min<int64_t>(std::get<2>(known[pick]).GetMilliSeconds(),
                                                std::numeric_limits<uint32_t>::max()));
}

std::map<uint64_t, LeadHeartbeatService::Neighbour>
LeadHeartbeatService::GetNeighbours(uint16_t index) const
{
    std::map<uint64_t, Neighbour> fresh;
    auto it = m_heard.find(index);
    if (it == m_heard.end())
    {
        return fresh;
    }
    const Time now = m_host.Env().Now();
    for (const auto& [id, n] : it->second)
    {
        if (m_interval.IsZero() || now - n.heard <= m_interval * 3)
        {
            fresh.emplace(id, n);
        }
    }
    return fresh;
}

double
LeadHeartbeatService::GetReadyShare(uint16_t index) const
{
    const auto fresh = GetNeighbours(index);
    if (fresh.empty())
    {
        return 0;
    }
    uint32_t ready = 0;
    for (const auto& kv : fresh)
    {
        ready += kv.second.ready ? 1 : 0;
    }
    return static_cast<double>(ready) / static_cast<double>(fresh.size());
}

} // namespace lead
} // namespace ns3
