/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-routing-table.h"

#include "lead-ring-id.h"

#include "ns3/abort.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

namespace ns3
{
namespace lead
{

LeadRoutingTable::LeadRoutingTable(const VnodeRef& self,
                                   uint32_t successorListSize,
                                   uint32_t fingerBase)
    : m_self(self),
      m_r(successorListSize),
      m_base(fingerBase)
{
    NS_ABORT_MSG_IF(successorListSize == 0, "LeadRoutingTable: successor list size must be >= 1");
    NS_ABORT_MSG_IF(fingerBase < 2, "LeadRoutingTable: finger base must be >= 2");
}

const VnodeRef&
LeadRoutingTable::GetSelf() const
{
    return m_self;
}

uint64_t
LeadRoutingTable::Dist(uint64_t id) const
{
    return RingId::Distance(m_self.id, id);
}

void
LeadRoutingTable::CreateRing()
{
    m_alone = true;
    m_successors.clear();
    m_predecessor.reset();
    m_fingers.clear();
}

bool
LeadRoutingTable::HasSuccessor() const
{
    return !m_successors.empty() || m_alone;
}

const VnodeRef&
LeadRoutingTable::GetSuccessor() const
{
    return m_successors.empty() ? m_self : m_successors.front().ref;
}

std::vector<VnodeRef>
LeadRoutingTable::GetSuccessors() const
{
    std::vector<VnodeRef> out;
    out.reserve(m_successors.size());
    for (const auto& e : m_successors)
    {
        out.push_back(e.ref);
    }
    return out;
}

void
LeadRoutingTable::MergeSuccessorList(const VnodeRef& first,
                                     const std::vector<VnodeRef>& itsSuccessors,
                                     Time now)
{
    std::vector<Entry> merged;
    merged.reserve(itsSuccessors.size() + 1);
    std::set<uint64_t> seen;
    auto add = [&](const VnodeRef& ref) {
        if (ref.id != m_self.id && !IsSuspected(ref.id, now) && seen.insert(ref.id).second)
        {
            merged.push_back(Entry{ref, now});
        }
    };
    m_suspects.erase(first.id); // it answered
    add(first);
    for (const auto& ref : itsSuccessors)
    {
        add(ref);
    }
    std::sort(merged.begin(), merged.end(), [this](const Entry& a, const Entry& b) {
        return Dist(a.ref.id) < Dist(b.ref.id);
    });
    if (merged.size() > m_r)
    {
        merged.resize(m_r);
    }
    if (!merged.empty())
    {
        m_successors = std::move(merged);
        m_alone = false;
    }
}

bool
LeadRoutingTable::AddSuccessorCandidate(const VnodeRef& ref, Time now)
{
    if (ref.id == m_self.id)
    {
        return false;
    }
    for (auto& e : m_successors)
    {
        if (e.ref.id == ref.id)
        {
            e.heard = now;
            return false;
        }
    }
    auto pos = std::find_if(m_successors.begin(), m_successors.end(), [&](const Entry& e) {
        return Dist(ref.id) < Dist(e.ref.id);
    });
    if (pos == m_successors.end() && m_successors.size() >= m_r)
    {
        return false;
    }
    m_successors.insert(pos, Entry{ref, now});
    if (m_successors.size() > m_r)
    {
        m_successors.pop_back();
    }
    m_alone = false;
    return true;
}

std::optional<VnodeRef>
LeadRoutingTable::GetPredecessor() const
{
    if (!m_predecessor)
    {
        return std::nullopt;
    }
    return m_predecessor->ref;
}

bool
LeadRoutingTable::ConsiderPredecessor(const VnodeRef& ref, Time now)
{
    if (ref.id == m_self.id)
    {
        return false;
    }
    if (m_predecessor && m_predecessor->ref.id == ref.id)
    {
        m_predecessor->heard = now;
        return false;
    }
    if (!m_predecessor || RingId::Between(m_predecessor->ref.id, ref.id, m_self.id))
    {
        m_predecessor = Entry{ref, now};
        return true;
    }
    return false;
}

std::vector<LeadRoutingTable::FingerSlot>
LeadRoutingTable::GetFingerSlots() const
{
    std::vector<FingerSlot> slots;
    const uint64_t covered = m_successors.empty() ? 0 : Dist(m_successors.back().ref.id);
    uint64_t lap = std::numeric_limits<uint64_t>::max();
    while (true)
    {
        lap /= m_base;
        if (lap == 0)
        {
            break;
        }
        for (uint32_t j = m_base - 1; j >= 1; --j)
        {
            const uint64_t d = static_cast<uint64_t>(j) * lap;
            if (d <= covered)
            {
                return slots; // the successor list covers this target and everything nearer
            }
            slots.push_back(FingerSlot{m_self.id + d, lap});
        }
    }
    return slots;
}

std::optional<LeadRoutingTable::FingerSlot>
LeadRoutingTable::FindSlot(uint64_t slotStart) const
{
    for (const auto& slot : GetFingerSlots())
    {
        if (slot.start == slotStart)
        {
            return slot;
        }
    }
    return std::nullopt;
}

bool
LeadRoutingTable::FitsSlot(uint64_t slotStart, const VnodeRef& ref) const
{
    const auto slot = FindSlot(slotStart);
    return ref.id != m_self.id && slot && RingId::Distance(slot->start, ref.id) < slot->width;
}

bool
LeadRoutingTable::SetFinger(uint64_t slotStart, const VnodeRef& ref, Time now)
{
    if (!FitsSlot(slotStart, ref))
    {
        return false;
    }
    auto it = m_fingers.find(slotStart);
    if (it != m_fingers.end() && it->second.ref.id != ref.id &&
        RingId::Distance(slotStart, it->second.ref.id) < RingId::Distance(slotStart, ref.id))
    {
        return false; // the current finger is closer to the slot start
    }
    m_fingers[slotStart] = Entry{ref, now};
    return true;
}

bool
LeadRoutingTable::OfferFinger(uint64_t slotStart, const VnodeRef& ref, Time now, const RttOf& rttOf)
{
    if (!FitsSlot(slotStart, ref))
    {
        return false;
    }
    // A round trip, if known: zero to self's host, nullopt if never measured.
    auto rtt = [this, &rttOf](const VnodeRef& v) -> std::optional<Time> {
        if (v.address == m_self.address)
        {
            return Time(0);
        }
        const Time t = rttOf(v.address);
        return t.IsStrictlyPositive() ? std::optional<Time>(t) : std::nullopt;
    };
    auto it = m_fingers.find(slotStart);
    if (it != m_fingers.end() && it->second.ref.id != ref.id)
    {
        const auto mine = rtt(ref);
        const auto current = rtt(it->second.ref);
        if (!mine || (current && *current <= *mine))
        {
            return false; // the current finger is as near, or the candidate unmeasured
        }
    }
    m_fingers[slotStart] = Entry{ref, now};
    return true;
}

uint32_t
LeadRoutingTable::PruneFingers()
{
    std::set<uint64_t> current;
    for (const auto& slot : GetFingerSlots())
    {
        current.insert(slot.start);
    }
    uint32_t dropped = 0;
    for (auto it = m_fingers.begin(); it != m_fingers.end();)
    {
        if (current.count(it->first) == 0)
        {
            it = m_fingers.erase(it);
            ++dropped;
        }
        else
        {
            ++it;
        }
    }
    return dropped;
}

std::optional<VnodeRef>
LeadRoutingTable::GetFinger(uint64_t slotStart) const
{
    auto it = m_fingers.find(slotStart);
    if (it == m_fingers.end())
    {
        return std::nullopt;
    }
    return it->second.ref;
}

std::optional<Time>
LeadRoutingTable::GetLastHeard(uint64_t id) const
{
    std::optional<Time> t;
    auto take = [&t](const Entry& e) {
        if (!t || e.heard > *t)
        {
            t = e.heard;
        }
    };
    for (const auto& e : m_successors)
    {
        if (e.ref.id == id)
        {
            take(e);
        }
    }
    if (m_predecessor && m_predecessor->ref.id == id)
    {
        take(*m_predecessor);
    }
    for (const auto& kv : m_fingers)
    {
        if (kv.second.ref.id == id)
        {
            take(kv.second);
        }
    }
    return t;
}

void
LeadRoutingTable::Suspect(uint64_t id, Time now, Time duration)
{
    // Forget the suspicions that ended (the map stays as small as the recent failures).
    for (auto it = m_suspects.begin(); it != m_suspects.end();)
    {
        it = it->second <= now ? m_suspects.erase(it) : std::next(it);
    }
    if (id != m_self.id)
    {
        m_suspects[id] = now + duration;
    }
}

bool
LeadRoutingTable::IsSuspected(uint64_t id, Time now) const
{
    auto it = m_suspects.find(id);
    return it != m_suspects.end() && now < it->second;
}

void
LeadRoutingTable::Heard(uint64_t id, Time now)
{
    m_suspects.erase(id);
    for (auto& e : m_successors)
    {
        if (e.ref.id == id)
        {
            e.heard = now;
        }
    }
    if (m_predecessor && m_predecessor->ref.id == id)
    {
        m_predecessor->heard = now;
    }
    for (auto& kv : m_fingers)
    {
        if (kv.second.ref.id == id)
        {
            kv.second.heard = now;
        }
    }
}

bool
LeadRoutingTable::Remove(uint64_t id)
{
    bool known = false;
    auto before = m_successors.size();
    m_successors.erase(std::remove_if(m_successors.begin(),
                                      m_successors.end(),
                                      [id](const Entry& e) { return e.ref.id == id; }),
                       m_successors.end());
    known = known || m_successors.size() != before;
    if (m_predecessor && m_predecessor->ref.id == id)
    {
        m_predecessor.reset();
        known = true;
    }
    for (auto it = m_fingers.begin(); it != m_fingers.end();)
    {
        if (it->second.ref.id == id)
        {
            it = m_fingers.erase(it);
            known = true;
        }
        else
        {
            ++it;
        }
    }
    return known;
}

bool
LeadRoutingTable::Progresses(const VnodeRef& ref,
                             uint64_t key,
                             const std::vector<uint32_t>& avoidHosts) const
{
    return RingId::Between(m_self.id, ref.id, key) &&
           std::find(avoidHosts.begin(), avoidHosts.end(), ref.address) == avoidHosts.end();
}

std::optional<VnodeRef>
LeadRoutingTable::ClosestPreceding(uint64_t key, const std::vector<uint32_t>& avoidHosts) const
{
    std::optional<VnodeRef> best;
    uint64_t bestDist = 0;
    ForEachEntry([&](const VnodeRef& ref) {
        if (Progresses(ref, key, avoidHosts) && (!best || Dist(ref.id) > bestDist))
        {
            best = ref;
            bestDist = Dist(ref.id);
        }
    });
    return best;
}

std::optional<VnodeRef>
LeadRoutingTable::ClosestPrecedingByLatency(uint64_t key,
                                            const std::vector<uint32_t>& avoidHosts,
                                            const RttOf& rttOf) const
{
    // Candidates: every known vnode that makes progress towards the key.
    std::vector<std::pair<VnodeRef, double>> candidates; // vnode, round trip in s (< 0: none)
    double rttSum = 0;
    uint32_t measured = 0;
    ForEachEntry([&](const VnodeRef& ref) {
        if (!Progresses(ref, key, avoidHosts))
        {
            return;
        }
        double rtt = ref.address == m_self.address ? 0.0 : rttOf(ref.address).GetSeconds();
        if (rtt > 0)
        {
            rttSum += rtt;
            ++measured;
        }
        else if (ref.address != m_self.address)
        {
            rtt = -1; // not measured yet
        }
        candidates.emplace_back(ref, rtt);
    });
    if (measured == 0 || m_successors.size() < 2)
    {
        return ClosestPreceding(key, avoidHosts);
    }
    const double meanRtt = rttSum / measured;
    const double spacing = static_cast<double>(Dist(m_successors.back().ref.id)) /
                           static_cast<double>(m_successors.size());
    const double perLevel = (m_base - 1.0) / m_base / std::log(static_cast<double>(m_base));
    std::optional<VnodeRef> best;
    double bestCost = 0;
    uint64_t bestDist = 0;
    for (const auto& [ref, rtt] : candidates)
    {
        const double left = static_cast<double>(key - ref.id) / std::max(spacing, 1.0);
        const double cost = (rtt < 0 ? meanRtt : rtt) + perLevel * std::log1p(left) * meanRtt;
        if (!best || cost < bestCost || (cost == bestCost && Dist(ref.id) > bestDist))
        {
            best = ref;
            bestCost = cost;
            bestDist = Dist(ref.id);
        }
    }
    return best;
}

LeadRoutingTable::NextHop
LeadRoutingTable::FindNextHop(uint64_t key,
                              const std::vector<uint32_t>& avoidHosts,
                              const RttOf& rttOf) const
{
    NextHop hop;
    if (!HasSuccessor())
    {
        return hop;
    }
    // The first successor on a host not avoided stands in for the successor (an avoided host
    // did not answer: the next live vnode takes the arc over if the host is down).
    VnodeRef succ = GetSuccessor();
    for (const auto& e : m_successors)
    {
        if (std::find(avoidHosts.begin(), avoidHosts.end(), e.ref.address) == avoidHosts.end())
        {
            succ = e.ref;
            break;
        }
    }
    hop.valid = true;
    if (RingId::BetweenRightIncl(m_self.id, key, succ.id))
    {
        hop.owner = true;
        hop.node = succ;
        return hop;
    }
    auto cp = rttOf ? ClosestPrecedingByLatency(key, avoidHosts, rttOf)
                    : ClosestPreceding(key, avoidHosts);
    hop.node = cp ? *cp : succ;
    return hop;
}

bool
LeadRoutingTable::Owns(uint64_t key) const
{
    if (m_predecessor)
    {
        return RingId::BetweenRightIncl(m_predecessor->ref.id, key, m_self.id);
    }
    return m_alone && m_successors.empty();
}

std::vector<VnodeRef>
LeadRoutingTable::GetKnownNodes() const
{
    std::vector<VnodeRef> out;
    std::set<uint64_t> seen;
    ForEachEntry([&](const VnodeRef& ref) {
        if (ref.id != m_self.id && seen.insert(ref.id).second)
        {
            out.push_back(ref);
        }
    });
    return out;
}

uint32_t
LeadRoutingTable::GetSuccessorListSize() const
{
    return m_r;
}

} // namespace lead
} // namespace ns3
