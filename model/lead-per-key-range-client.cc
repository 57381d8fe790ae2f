/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-per-key-range-client.h"

#include "lead-node-app.h"

#include "ns3/abort.h"
#include "ns3/simulator.h"

#include <algorithm>

namespace ns3
{
namespace lead
{

NS_OBJECT_ENSURE_REGISTERED(LeadPerKeyRangeClient);

TypeId
LeadPerKeyRangeClient::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::lead::LeadPerKeyRangeClient")
            .SetParent<Object>()
            .SetGroupName("Lead")
            .AddConstructor<LeadPerKeyRangeClient>()
            .AddTraceSource("RangeQueryDone",
                            "A per-key range query finished.",
                            MakeTraceSourceAccessor(&LeadPerKeyRangeClient::m_rangeDoneTrace),
                            "ns3::lead::LeadPerKeyRangeClient::RangeQueryTracedCallback");
    return tid;
}

LeadPerKeyRangeClient::LeadPerKeyRangeClient() = default;

LeadPerKeyRangeClient::~LeadPerKeyRangeClient() = default;

void
LeadPerKeyRangeClient::DoDispose()
{
    m_app = nullptr;
    m_pending.clear();
    Object::DoDispose();
}

void
LeadPerKeyRangeClient::SetApp(Ptr<LeadNodeApp> app)
{
    m_app = app;
}

void
LeadPerKeyRangeClient::RangeQuery(const std::vector<uint64_t>& keys,
                                  uint32_t batchSize,
                                  Callback<void, const RangeQueryResult&> cb)
{
    NS_ABORT_MSG_IF(!m_app, "LeadPerKeyRangeClient::RangeQuery: no application (SetApp)");
    NS_ABORT_MSG_IF(batchSize == 0,
                    "LeadPerKeyRangeClient::RangeQuery: batch size must be positive");
    const uint32_t id = m_nextId++;
    Pending& p = m_pending[id];
    p.done = cb;
    p.start = Simulator::Now();
    p.keys = keys;
    p.batchSize = batchSize;
    if (!keys.empty())
    {
        p.result.startKey = *std::min_element(keys.begin(), keys.end());
        p.result.endKey = *std::max_element(keys.begin(), keys.end());
    }
    p.result.limit = keys.size();
    NextBatch(id);
}

void
LeadPerKeyRangeClient::NextBatch(uint32_t id)
{
    auto it = m_pending.find(id);
    if (it == m_pending.end())
    {
        return;
    }
    Pending& p = it->second;
    if (p.next >= p.keys.size())
    {
        RangeQueryResult res = p.result;
        res.complete = p.allAnswered;
        res.nodesVisited = static_cast<uint32_t>(p.owners.size());
        res.latency = Simulator::Now() - p.start;
        std::sort(res.keys.begin(), res.keys.end());
        auto done = p.done;
        m_pending.erase(it);
        m_rangeDoneTrace(res);
        if (!done.IsNull())
        {
            done(res);
        }
        return;
    }
    const size_t end = std::min(p.keys.size(), p.next + p.batchSize);
    p.inFlight = static_cast<uint32_t>(end - p.next);
    std::vector<uint64_t> batch(p.keys.begin() + p.next, p.keys.begin() + end);
    p.next = end;
    for (uint64_t key : batch)
    {
        m_app->Get(key, Callback<void, const KeyOpResult&>([this, id](const KeyOpResult& r) {
                       OnGet(id, r);
                   }));
    }
}

void
LeadPerKeyRangeClient::OnGet(uint32_t id, const KeyOpResult& r)
{
    auto it = m_pending.find(id);
    if (it == m_pending.end())
    {
        return;
    }
    Pending& p = it->second;
    RangeQueryResult& res = p.result;
    if (res.keys.empty() && p.owners.empty())
    {
        res.latencyFirst = Simulator::Now() - p.start;
    }
    p.allAnswered = p.allAnswered && r.success;
    res.messages += r.messages;
    res.bytes += r.bytes;
    if (r.success)
    {
        p.owners.insert(r.owner.id);
        if (r.found)
        {
            res.keys.push_back(r.key);
        }
        res.lookupHops += r.hops;
    }
    if (--p.inFlight == 0)
    {
        NextBatch(id);
    }
}

} // namespace lead
} // namespace ns3
