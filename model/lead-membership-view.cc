/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-membership-view.h"

namespace ns3
{
namespace lead
{

uint64_t
LeadMembershipView::Mix(const VnodeRef& ref)
{
    // splitmix64 of the fields, so that sums of different sets rarely collide.
    uint64_t z = ref.id ^ (uint64_t{ref.address} << 16) ^ ref.vnode;
    z += 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

bool
LeadMembershipView::Apply(const Event& e)
{
    auto it = m_events.find(e.ref.id);
    if (it != m_events.end())
    {
        const Event& old = it->second;
        // Newer wins; at the same time a death beats a life (it was seen after).
        const bool newer = e.stamp > old.stamp || (e.stamp == old.stamp && old.alive && !e.alive);
        if (!newer)
        {
            return false;
        }
        if (old.alive)
        {
            --m_live;
            m_digest -= Mix(old.ref);
            auto host = m_hostVnodes.find(old.ref.address);
            if (--host->second == 0)
            {
                m_hostVnodes.erase(host);
            }
        }
    }
    if (e.alive)
    {
        ++m_live;
        m_digest += Mix(e.ref);
        ++m_hostVnodes[e.ref.address];
    }
    m_events[e.ref.id] = e;
    return true;
}

std::optional<LeadMembershipView::Event>
LeadMembershipView::Find(uint64_t id) const
{
    auto it = m_events.find(id);
    if (it == m_events.end())
    {
        return std::nullopt;
    }
    return it->second;
}

std::optional<VnodeRef>
LeadMembershipView::OwnerOf(uint64_t position) const
{
    if (m_live == 0)
    {
        return std::nullopt;
    }
    for (auto it = m_events.lower_bound(position); it != m_events.end(); ++it)
    {
        if (it->second.alive)
        {
            return it->second.ref;
        }
    }
    for (const auto& kv : m_events) // wrap past the top of the ring
    {
        if (kv.second.alive)
        {
            return kv.second.ref;
        }
    }
    return std::nullopt;
}

std::vector<VnodeRef>
LeadMembershipView::OwnersOf(uint64_t from, uint64_t to, size_t most) const
{
    std::vector<VnodeRef> out;
    if (m_live == 0 || most == 0)
    {
        return out;
    }
    // Walk the live vnodes clockwise from the owner of `from` until one at or past `to`.
    const uint64_t span = to - from; // clockwise distance
    auto it = m_events.lower_bound(from);
    for (size_t seen = 0; seen <= m_events.size(); ++seen)
    {
        if (it == m_events.end())
        {
            it = m_events.begin();
        }
        if (it->second.alive)
        {
            if (out.size() == most || (!out.empty() && it->second.ref.id == out.front().id))
            {
                return {}; // too many, or once round the ring
            }
            out.push_back(it->second.ref);
            if (it->second.ref.id - from >= span)
            {
                return out; // owns `to`
            }
        }
        ++it;
    }
    return out;
}

std::vector<VnodeRef>
LeadMembershipView::GetLive() const
{
    std::vector<VnodeRef> out;
    out.reserve(m_live);
    for (const auto& kv : m_events)
    {
        if (kv.second.alive)
        {
            out.push_back(kv.second.ref);
        }
    }
    return out;
}

std::vector<uint32_t>
LeadMembershipView::GetLiveHosts() const
{
    std::vector<uint32_t> hosts;
    hosts.reserve(m_hostVnodes.size());
    for (const auto& kv : m_hostVnodes)
    {
        hosts.push_back(kv.first);
    }
    return hosts;
}

size_t
LeadMembershipView::GetLiveHostCount() const
{
    return m_hostVnodes.size();
}

std::vector<LeadMembershipView::Event>
LeadMembershipView::GetEvents() const
{
    std::vector<Event> out;
    out.reserve(m_events.size());
    for (const auto& kv : m_events)
    {
        out.push_back(kv.second);
    }
    return out;
}

size_t
LeadMembershipView::GetLiveCount() const
{
    return m_live;
}

uint64_t
LeadMembershipView::GetDigest() const
{
    return m_digest;
}

uint32_t
LeadMembershipView::ForgetTombstones(Time before)
{
    uint32_t n = 0;
    for (auto it = m_events.begin(); it != m_events.end();)
    {
        if (!it->second.alive && it->second.stamp < before)
        {
            it = m_events.erase(it);
            ++n;
        }
        else
        {
            ++it;
        }
    }
    return n;
}

} // namespace lead
} // namespace ns3
