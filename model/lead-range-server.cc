/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-range-server.h"

#include "lead-group-leader.h"
#include "lead-lookup-client.h"
#include "lead-range-header.h"
#include "lead-ring-id.h"
#include "lead-scan-answer-header.h"
#include "lead-vnode-host.h"

#include <map>

namespace ns3
{
namespace lead
{

LeadRangeServer::LeadRangeServer(LeadVnodeHost& host)
    : m_host(host)
{
    host.SetHandler(LeadMessageType::RANGE_SCAN,
                    [this](LeadVnode& at, const LeadHeader& h, Ptr<Packet> body, uint32_t from) {
                        OnScan(at, h, body, from);
                    });
}

void
LeadRangeServer::SetPreviousHashes(std::vector<std::function<uint64_t(uint64_t)>> hashes)
{
    m_previousHashes = std::move(hashes);
}

void
LeadRangeServer::SetLeader(LeadGroupLeader* leader)
{
    m_leader = leader;
}

void
LeadRangeServer::OnScan(LeadVnode& at, const LeadHeader& h, Ptr<Packet> body, uint32_t from)
{
    LeadRangeHeader scan;
    body->RemoveHeader(scan);
    if (!scan.valid)
    {
        m_host.Drop(body, "invalid RANGE_SCAN body");
        return;
    }
    if (scan.checkOwner && !OwnsWholly(at, scan))
    {
        // Sent from a one-hop view that is out of date: the client looks the owner up.
        LeadScanAnswerHeader refusal;
        refusal.refused = true;
        Ptr<Packet> answer = Create<Packet>();
        answer->AddHeader(refusal);
        m_host.Reply(at.GetSelf(), h, from, LeadMessageType::RANGE_SCAN, answer);
        return;
    }
    if (!scan.exactArc && m_leader && m_leader->IsLeader())
    {
        OnLeaderScan(at, h, scan, from);
        return;
    }
    if (m_host.IsRetired(at.GetSelf().vnode) && !scan.clientDriven)
    {
        // A retired vnode has handed its arc to its successor: the walk skips it, unchanged
        // (same part number, same arc), so that the successor reports the arc.
        AnswerScan(at, h, from, scan, false, 0, 1);
        ForwardScan(at, scan);
        return;
    }
    const uint64_t self = at.GetSelf().id;
    const std::vector<LeadKeyStore::Item> items = CollectPart(at, scan);
    // An exact-arc scan is one step of a walk driven by someone else (a group leader, or a
    // client reading one position): it ends the walk only when told so.
    const bool last = scan.exactArc
                          ? !scan.moreFollow
                          : (scan.remaining != 0 && items.size() >= scan.remaining) ||
                                RingId::BetweenRightIncl(scan.prevId, scan.endHash, self) ||
                                at.GetTable().GetSuccessor().id == self || scan.seq >= MAX_WALK;
    AnswerScan(at, h, from, scan, last, items.size(), 1);
    SendParts(at, h, scan, items, last);
    if (!last && scan.fanOut && !scan.exactArc && !scan.clientDriven && scan.remaining == 0)
    {
        FanOut(at, scan);
    }
    else if (!last && !scan.clientDriven && !scan.exactArc)
    {
        LeadRangeHeader next = scan;
        next.seq = scan.seq + 1;
        next.prevId = self;
        if (next.remaining != 0)
        {
            next.remaining -= items.size();
        }
        ForwardScan(at, next);
    }
}

void
LeadRangeServer::OnLeaderScan(LeadVnode& at,
                              const LeadHeader& h,
                              const LeadRangeHeader& scan,
                              uint32_t from)
{
    // A two-tier group leader: its members hold the keys.
    const uint64_t self = at.GetSelf().id;
    const bool endsHere = RingId::BetweenRightIncl(scan.prevId, scan.endHash, self);
    const bool walkEnds =
        endsHere || at.GetTable().GetSuccessor().id == self || scan.seq >= MAX_WALK;
    const uint16_t used = m_leader->ScanGroup(at, scan, walkEnds, endsHere ? scan.endHash : self);
    AnswerScan(at, h, from, scan, walkEnds, 0, used);
    if (!walkEnds && !scan.clientDriven)
    {
        LeadRangeHeader next = scan;
        next.seq = scan.seq + used;
        next.prevId = self;
        ForwardScan(at, next);
    }
}

bool
LeadRangeServer::OwnsWholly(const LeadVnode& at, const LeadRangeHeader& scan) const
{
    // (prevId, endHash] lies within the arc (predecessor, self] if its first position does and
    // it ends at or before self. A two-tier leader refuses: its members hold the keys, under
    // part numbers of its own.
    const uint64_t first = scan.prevId + 1;
    return scan.exactArc && at.IsJoined() && !m_host.IsRetired(at.GetSelf().vnode) &&
           !(m_leader && m_leader->IsLeader()) && at.GetTable().Owns(first) &&
           RingId::Distance(first, scan.endHash) <= RingId::Distance(first, at.GetSelf().id);
}

std::vector<LeadKeyStore::Item>
LeadRangeServer::CollectPart(const LeadVnode& at, const LeadRangeHeader& scan) const
{
    // This vnode's part: the keys of the range whose ring position lies on (prevId, self],
    // from its own store and, for a predecessor that failed, from its replicas. Filtering by
    // arc reports every key exactly once along the walk; filtering by key keeps the range.
    const uint64_t self = at.GetSelf().id;
    std::map<uint64_t, LeadKeyStore::Item> found;
    for (const LeadKeyStore* store : {&at.GetStore(), &at.GetReplicas()})
    {
        for (const auto& it : store->Scan(scan.startKey, scan.endKey, 0))
        {
            const uint64_t to = scan.exactArc ? scan.endHash : self;
            bool mine =
                RingId::BetweenRightIncl(scan.prevId, it.hash, to) ||
                std::any_of(m_previousHashes.begin(),
                            m_previousHashes.end(),
                            [&scan, &it, to](const auto& hash) {
                                return RingId::BetweenRightIncl(scan.prevId, hash(it.key), to);
                            });
            // A walk that comes round past the top of the ring (the whole key space) ends at
            // the vnode it started from: only the part above the last vnode is new then.
            if (!scan.exactArc && scan.seq > 0 && self < scan.prevId && it.hash <= self)
            {
                mine = false;
            }
            if (mine)
            {
                found.emplace(it.key, it);
            }
        }
    }
    std::vector<LeadKeyStore::Item> items;
    for (const auto& kv : found)
    {
        if (scan.remaining != 0 && items.size() >= scan.remaining)
        {
            break;
        }
        items.push_back(kv.second);
    }
    return items;
}

void
LeadRangeServer::SendParts(LeadVnode& at,
                           const LeadHeader& h,
                           const LeadRangeHeader& scan,
                           const std::vector<LeadKeyStore::Item>& items,
                           bool last)
{
    // The part goes straight to the client, in messages that fit in a datagram.
    size_t pos = 0;
    uint16_t chunk = 0;
    do
    {
        LeadRangePartHeader part;
        part.queryId = scan.queryId;
        part.seq = scan.seq;
        part.chunk = chunk++;
        part.last = last;
        part.viaLeader = scan.viaLeader && part.chunk == 0;
        uint64_t bytes = 0;
        while (pos < items.size() && bytes + items[pos].size + LeadRangePartHeader::ITEM_SIZE <=
                                         LeadVnodeConfig::MAX_BATCH_BYTES)
        {
            bytes += items[pos].size + LeadRangePartHeader::ITEM_SIZE;
            part.items.push_back({items[pos].key, items[pos].size, items[pos].tag});
            ++pos;
        }
        if (part.items.empty() && pos < items.size())
        {
            part.items.push_back({items[pos].key, items[pos].size, items[pos].tag});
            ++pos;
        }
        part.lastChunk = pos >= items.size();
        Ptr<Packet> p = Create<Packet>(static_cast<uint32_t>(part.GetPayloadBytes()));
        p->AddHeader(part);
        m_host.Call(at.GetSelf(),
                    scan.client,
                    LeadMessageType::RANGE_PART,
                    h.GetPurpose(),
                    p,
                    {},
                    {});
    } while (pos < items.size());
}

void
LeadRangeServer::AnswerScan(const LeadVnode& at,
                            const LeadHeader& h,
                            uint32_t from,
                            const LeadRangeHeader& scan,
                            bool last,
                            uint64_t keys,
                            uint16_t steps)
{
    // A chain walk only needs the acknowledgement. A client-driven walk learns from the
    // answer whether it ends here, how many keys this vnode reported (count limits), how many
    // part numbers it used (a group leader uses one per member), and where to go next.
    Ptr<Packet> answer = Create<Packet>();
    if (scan.clientDriven)
    {
        LeadScanAnswerHeader next;
        next.walkEnds = last;
        next.keys = keys;
        next.parts = steps;
        for (const auto& s : at.GetTable().GetSuccessors())
        {
            if (next.successors.size() >= MAX_ANSWER_SUCCESSORS)
            {
                break;
            }
            next.successors.push_back(s);
        }
        answer->AddHeader(next);
    }
    m_host.Reply(at.GetSelf(), h, from, LeadMessageType::RANGE_SCAN, answer);
}

void
LeadRangeServer::FanOut(LeadVnode& at, const LeadRangeHeader& scan)
{
    // Every successor known whose arc the range covers gets its part at once, as an exact arc
    // (prev, successor]; the last one known, if the range goes on past it, continues the walk
    // the same way from its own successors. Part numbers follow the ring order.
    const std::vector<VnodeRef> succs = at.GetTable().GetSuccessors();
    const uint64_t self = at.GetSelf().id;
    uint64_t prev = self;
    uint16_t seq = scan.seq;
    for (size_t i = 0; i < succs.size() && seq + 1 < MAX_WALK; ++i)
    {
        const VnodeRef& s = succs[i];
        if (s.id == self || s.id == prev)
        {
            break; // a ring smaller than the successor list
        }
        const bool ends = RingId::BetweenRightIncl(prev, scan.endHash, s.id);
        LeadRangeHeader part = scan;
        part.seq = ++seq;
        part.prevId = prev;
        if (ends || i + 1 < succs.size())
        {
            part.exactArc = true;
            part.endHash = s.id;
            part.moreFollow = !ends;
        }
        SendTo(at, part, s, std::vector<VnodeRef>(succs.begin() + i + 1, succs.end()));
        if (ends)
        {
            return;
        }
        prev = s.id;
    }
}

void
LeadRangeServer::SendTo(LeadVnode& at,
                        const LeadRangeHeader& scan,
                        const VnodeRef& to,
                        std::vector<VnodeRef> fallbacks)
{
    Ptr<Packet> body = Create<Packet>();
    body->AddHeader(scan);
    LeadVnode* from = &at;
    m_host.Call(at.GetSelf(),
                to,
                LeadMessageType::RANGE_SCAN,
                LeadPurpose::USER_LOOKUP,
                body,
                {},
                [this, from, scan, to, fallbacks]() {
                    // A dead successor: the next one owns its arc now and holds its replicas,
                    // so the same part goes there; past the successors known, a lookup of the
                    // position after the dead vnode's id finds that next one.
                    from->SuspectFailed(to);
                    if (!fallbacks.empty())
                    {
                        SendTo(*from,
                               scan,
                               fallbacks.front(),
                               std::vector<VnodeRef>(fallbacks.begin() + 1, fallbacks.end()));
                        return;
                    }
                    m_host.GetLookups().FindHeir(*from,
                                                 to,
                                                 LeadPurpose::USER_LOOKUP,
                                                 [this, from, scan](const VnodeRef& heir) {
                                                     SendTo(*from, scan, heir, {});
                                                 });
                });
}

void
LeadRangeServer::ForwardScan(LeadVnode& v, const LeadRangeHeader& scan)
{
    const LeadRoutingTable& t = v.GetTable();
    const bool retired = m_host.IsRetired(v.GetSelf().vnode);
    if ((!v.IsJoined() && !retired) || !t.HasSuccessor() || t.GetSuccessor().id == v.GetSelf().id)
    {
        return; // the client's timer reports the query incomplete
    }
    const VnodeRef succ = t.GetSuccessor();
    Ptr<Packet> body = Create<Packet>();
    body->AddHeader(scan);
    LeadVnode* at = &v;
    m_host.Call(v.GetSelf(),
                succ,
                LeadMessageType::RANGE_SCAN,
                LeadPurpose::USER_LOOKUP,
                body,
                {},
                [this, at, scan, succ]() {
                    // A dead successor: the next one owns its arc now (and holds its replicas).
                    at->SuspectFailed(succ);
                    ForwardScan(*at, scan);
                });
}

} // namespace lead
} // namespace ns3
