/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-range-client.h"

#include "lead-membership-view.h"
#include "lead-scan-answer-header.h"
#include "lead-vnode-host.h"

#include "ns3/log.h"

#include <algorithm>

namespace ns3
{
namespace lead
{

NS_LOG_COMPONENT_DEFINE("LeadRangeClient");

LeadRangeClient::LeadRangeClient(LeadVnodeHost& host, const Config& config)
    : m_host(host),
      m_config(config)
{
    host.SetHandler(LeadMessageType::RANGE_PART,
                    [this](LeadVnode& at, const LeadHeader& h, Ptr<Packet> body, uint32_t from) {
                        OnPart(at, h, body, from);
                    });
}

LeadRangeClient::~LeadRangeClient()
{
    CancelAll();
}

void
LeadRangeClient::CancelAll()
{
    for (auto& kv : m_pending)
    {
        m_host.Env().Cancel(kv.second.timer);
    }
    m_pending.clear();
}

void
LeadRangeClient::Start(uint64_t startKey,
                       uint64_t endKey,
                       uint64_t startHash,
                       uint64_t endHash,
                       uint64_t limit,
                       DoneCallback done)
{
    LeadRangeHeader scan;
    scan.startKey = startKey;
    scan.endKey = endKey;
    scan.endHash = endHash;
    scan.remaining = limit;
    scan.prevId = startHash - 1; // the start owner's part begins at startHash
    scan.clientDriven = m_config.clientWalk;
    scan.fanOut = m_config.fanOut && limit == 0; // a count limit needs the walk's order
    if (m_view && limit == 0 && !scan.clientDriven && m_host.GetClientVnode().IsJoined())
    {
        const auto owners = m_view->OwnersOf(startHash, endHash, MAX_DIRECT_PARTS);
        if (!owners.empty())
        {
            ScanDirect(startHash, scan, owners, std::move(done));
            return;
        }
    }
    LookupAndScan(startHash, scan, std::move(done));
}

void
LeadRangeClient::SetView(const LeadMembershipView* view)
{
    m_view = view;
}

uint64_t
LeadRangeClient::GetViewFallbacks() const
{
    return m_viewFallbacks;
}

uint64_t
LeadRangeClient::GetViewRefusals() const
{
    return m_viewRefusals;
}

void
LeadRangeClient::ScanDirect(uint64_t position,
                            const LeadRangeHeader& scan,
                            const std::vector<VnodeRef>& owners,
                            DoneCallback done)
{
    // One-hop: the view names the owners of the range's arc; each gets its exact arc at once,
    // and refuses it if the view was out of date (then the query starts again the usual way).
    const uint32_t id = Open(scan, std::move(done), m_host.Env().Now());
    Pending& pr = m_pending[id];
    pr.direct = true;
    pr.position = position;
    pr.original = scan;
    uint64_t prev = scan.prevId;
    for (size_t i = 0; i < owners.size(); ++i)
    {
        LeadRangeHeader part = scan;
        part.queryId = id;
        part.client = m_host.GetClientVnode().GetSelf();
        part.seq = static_cast<uint16_t>(i);
        part.prevId = prev;
        part.endHash = i + 1 < owners.size() ? owners[i].id : scan.endHash;
        part.exactArc = true;
        part.moreFollow = i + 1 < owners.size();
        part.checkOwner = true;
        part.fanOut = false;
        prev = owners[i].id;
        Ptr<Packet> body = Create<Packet>();
        body->AddHeader(part);
        m_host.Call(
            part.client,
            owners[i],
            LeadMessageType::RANGE_SCAN,
            LeadPurpose::USER_LOOKUP,
            body,
            [this, id](const LeadHeader&, Ptr<Packet> p) {
                LeadScanAnswerHeader answer;
                if (p->GetSize() > 0 && p->RemoveHeader(answer) > 0 && answer.refused)
                {
                    ++m_viewRefusals;
                    FallBack(id);
                }
            },
            [this, id]() { FallBack(id); });
    }
}

void
LeadRangeClient::FallBack(uint32_t id)
{
    auto it = m_pending.find(id);
    if (it == m_pending.end() || !it->second.direct)
    {
        return; // finished, or already started again
    }
    Pending pr = std::move(it->second);
    m_pending.erase(it);
    m_host.Env().Cancel(pr.timer);
    ++m_viewFallbacks;
    NS_LOG_INFO("range query " << id << ": the one-hop view was out of date");
    LeadOpScope scope(m_host, pr.op);
    LookupAndScan(pr.position, pr.original, std::move(pr.done), pr.start);
}

uint32_t
LeadRangeClient::Open(const LeadRangeHeader& scan, DoneCallback done, Time start)
{
    const uint32_t id = m_nextId++;
    Pending& pr = m_pending[id];
    pr.done = std::move(done);
    pr.start = start;
    pr.op = m_host.GetCurrentOp();
    pr.result.startKey = scan.startKey;
    pr.result.endKey = scan.endKey;
    pr.result.limit = scan.remaining;
    pr.timer = m_host.Env().Schedule(m_config.maxQueryTime, [this, id]() {
        NS_LOG_INFO("range query " << id << " timed out");
        Finish(id, false);
    });
    return id;
}

void
LeadRangeClient::ScanAt(uint64_t position, uint64_t fromKey, uint64_t toKey, DoneCallback done)
{
    ScanArc(position - 1, position, fromKey, toKey, std::move(done));
}

void
LeadRangeClient::ScanArc(uint64_t after,
                         uint64_t position,
                         uint64_t fromKey,
                         uint64_t toKey,
                         DoneCallback done)
{
    LeadRangeHeader scan;
    scan.startKey = fromKey;
    scan.endKey = toKey;
    scan.endHash = position;
    scan.prevId = after;
    scan.exactArc = true;
    if (m_view && m_host.GetClientVnode().IsJoined())
    {
        if (auto owner = m_view->OwnerOf(position))
        {
            ScanDirect(position, scan, {*owner}, std::move(done));
            return;
        }
    }
    LookupAndScan(position, scan, std::move(done));
}

void
LeadRangeClient::LookupAndScan(uint64_t position,
                               LeadRangeHeader scan,
                               DoneCallback done,
                               std::optional<Time> start)
{
    const uint32_t id = Open(scan, std::move(done), start.value_or(m_host.Env().Now()));
    if (!m_host.CanRoute())
    {
        Finish(id, false);
        return;
    }
    scan.queryId = id;
    scan.client = m_host.GetClientVnode().GetSelf();
    scan.seq = 0;
    m_host.GetLookups().Start(
        m_host.GetClientVnode(),
        position,
        LeadPurpose::USER_LOOKUP,
        [this, id, scan](const LookupResult& r, const std::vector<VnodeRef>&) {
            auto it = m_pending.find(id);
            if (it == m_pending.end())
            {
                return;
            }
            if (!r.answered)
            {
                NS_LOG_INFO("range query " << id << ": the lookup failed");
                Finish(id, false);
                return;
            }
            it->second.result.lookupHops = r.hops;
            SendScan(id, scan, r.owner, {});
        });
}

void
LeadRangeClient::SendScan(uint32_t id,
                          const LeadRangeHeader& scan,
                          const VnodeRef& to,
                          std::vector<VnodeRef> fallbacks)
{
    Ptr<Packet> body = Create<Packet>();
    body->AddHeader(scan);
    m_host.Call(
        m_host.GetClientVnode().GetSelf(),
        to,
        LeadMessageType::RANGE_SCAN,
        LeadPurpose::USER_LOOKUP,
        body,
        [this, id, scan, to](const LeadHeader&, Ptr<Packet> p) {
            if (scan.clientDriven)
            {
                OnScanAnswer(id, scan, to, p);
            }
        },
        [this, id, scan, to, fallbacks]() {
            auto it = m_pending.find(id);
            if (fallbacks.empty() && it != m_pending.end() && it->second.relookups < 2)
            {
                // A dead vnode (the start owner the lookup named, or the last successor
                // known): the owner of the position after it now holds its arc and its
                // replicas, and takes the same scan.
                ++it->second.relookups;
                m_host.GetClientVnode().SuspectFailed(to);
                m_host.GetLookups().FindHeir(m_host.GetClientVnode(),
                                             to,
                                             LeadPurpose::USER_LOOKUP,
                                             [this, id, scan](const VnodeRef& heir) {
                                                 if (m_pending.count(id) != 0)
                                                 {
                                                     SendScan(id, scan, heir, {});
                                                 }
                                             });
                return;
            }
            if (fallbacks.empty())
            {
                NS_LOG_INFO("range query " << id << ": " << to.id << " did not answer");
                Finish(id, false);
                return;
            }
            // A dead successor: the next one owns its arc now (and holds its replicas), so
            // the same scan goes there.
            m_host.GetClientVnode().SuspectFailed(to);
            SendScan(id,
                     scan,
                     fallbacks.front(),
                     std::vector<VnodeRef>(fallbacks.begin() + 1, fallbacks.end()));
        });
}

void
LeadRangeClient::OnScanAnswer(uint32_t id,
                              const LeadRangeHeader& scan,
                              const VnodeRef& to,
                              Ptr<Packet> body)
{
    LeadScanAnswerHeader answer;
    body->RemoveHeader(answer);
    if (!answer.valid)
    {
        m_host.Drop(body, "invalid RANGE_SCAN answer");
        Finish(id, false);
        return;
    }
    if (m_pending.count(id) == 0 || answer.walkEnds)
    {
        return; // finished, or the parts will finish the query
    }
    std::vector<VnodeRef> next;
    for (const auto& n : answer.successors)
    {
        if (n.id != to.id)
        {
            next.push_back(n);
        }
    }
    if (next.empty())
    {
        Finish(id, false);
        return;
    }
    LeadRangeHeader step = scan;
    step.seq = scan.seq + answer.parts; // a group leader uses several
    step.prevId = to.id;
    if (step.remaining != 0)
    {
        step.remaining -= std::min<uint64_t>(step.remaining, answer.keys);
    }
    const VnodeRef first = next.front();
    next.erase(next.begin());
    SendScan(id, step, first, next);
}

void
LeadRangeClient::OnPart(LeadVnode& at, const LeadHeader& h, Ptr<Packet> body, uint32_t from)
{
    LeadRangePartHeader part;
    body->RemoveHeader(part);
    if (!part.valid || body->GetSize() != part.GetPayloadBytes())
    {
        m_host.Drop(body, "invalid RANGE_PART body");
        return;
    }
    m_host.Reply(at.GetSelf(), h, from, LeadMessageType::RANGE_PART, Create<Packet>());
    auto it = m_pending.find(part.queryId);
    if (it == m_pending.end())
    {
        return; // the query already finished
    }
    Pending& pr = it->second;
    if (pr.result.keys.empty() && pr.parts.empty())
    {
        pr.result.latencyFirst = m_host.Env().Now() - pr.start;
    }
    for (const auto& item : part.items)
    {
        pr.result.keys.push_back(item.key);
        pr.result.tags.push_back(item.tag);
    }
    pr.parts[part.seq].first += 1;
    if (part.lastChunk)
    {
        pr.chunksExpected[part.seq] = part.chunk + 1U;
    }
    if (part.last)
    {
        pr.lastSeq = part.seq;
    }
    if (pr.lastSeq < 0)
    {
        return;
    }
    for (int32_t seq = 0; seq <= pr.lastSeq; ++seq)
    {
        auto expected = pr.chunksExpected.find(static_cast<uint16_t>(seq));
        auto got = pr.parts.find(static_cast<uint16_t>(seq));
        if (expected == pr.chunksExpected.end() || got == pr.parts.end() ||
            got->second.first < expected->second)
        {
            return;
        }
    }
    Finish(part.queryId, true);
}

void
LeadRangeClient::SortItems(RangeQueryResult& res)
{
    std::vector<std::pair<uint64_t, uint64_t>> items;
    items.reserve(res.keys.size());
    for (size_t k = 0; k < res.keys.size(); ++k)
    {
        items.emplace_back(res.keys[k], k < res.tags.size() ? res.tags[k] : 0);
    }
    std::sort(items.begin(), items.end());
    items.erase(std::unique(items.begin(),
                            items.end(),
                            [](const auto& a, const auto& b) { return a.first == b.first; }),
                items.end());
    const bool tagged = res.tags.size() == res.keys.size();
    res.keys.clear();
    res.tags.clear();
    for (const auto& [key, tag] : items)
    {
        res.keys.push_back(key);
        if (tagged)
        {
            res.tags.push_back(tag);
        }
    }
}

void
LeadRangeClient::Finish(uint32_t id, bool complete)
{
    auto it = m_pending.find(id);
    if (it == m_pending.end())
    {
        return;
    }
    Pending pr = std::move(it->second);
    m_pending.erase(it);
    m_host.Env().Cancel(pr.timer);
    RangeQueryResult& res = pr.result;
    res.complete = complete;
    res.nodesVisited = static_cast<uint32_t>(pr.parts.size());
    // While keys move to a new model's positions, two vnodes may both report one key.
    SortItems(res);
    res.latency = m_host.Env().Now() - pr.start;
    if (pr.done)
    {
        LeadOpScope scope(m_host, pr.op);
        pr.done(res);
    }
}

} // namespace lead
} // namespace ns3
