/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

// LeadNodeApp's operations: lookups, key operations and range queries (the public API that
// issues them and publishes their results).

#include "lead-cost-ledger.h"
#include "lead-key-client.h"
#include "lead-node-app.h"
#include "lead-per-key-range-client.h"
#include "lead-range-client.h"
#include "lead-range-server.h"
#include "lead-vnode-host.h"

#include "ns3/abort.h"
#include "ns3/simulator.h"

#include <algorithm>
#include <memory>

namespace ns3
{
namespace lead
{

// ------------------------------------------------------------------------- operations

std::vector<Ptr<LearnedHashModel>>
LeadNodeApp::RecentModels() const
{
    std::vector<Ptr<LearnedHashModel>> out;
    for (const auto& [model, replaced] : m_recentModels)
    {
        if (Simulator::Now() - replaced < m_modelTransition)
        {
            out.push_back(model);
        }
    }
    return out;
}

void
LeadNodeApp::UpdatePreviousHashes()
{
    if (!m_rangeServer)
    {
        return;
    }
    std::vector<std::function<uint64_t(uint64_t)>> hashes;
    for (const Ptr<LearnedHashModel>& m : RecentModels())
    {
        hashes.emplace_back([m](uint64_t key) { return m->Hash(key); });
    }
    m_rangeServer->SetPreviousHashes(std::move(hashes));
}

bool
LeadNodeApp::CanIssue() const
{
    return m_host && m_host->GetVnodeCount() > 0 && m_state != State::STOPPED;
}

uint64_t
LeadNodeApp::BeginOp()
{
    const uint64_t op = m_host->NewOpId();
    if (m_ledger)
    {
        m_ledger->Open(op);
    }
    return op;
}

template <typename R>
void
LeadNodeApp::Charge(uint64_t op, R& result) const
{
    result.opId = op;
    if (op != 0 && m_ledger)
    {
        const auto cost = m_ledger->Close(op);
        result.messages = cost.messages;
        result.bytes = cost.bytes;
    }
}

void
LeadNodeApp::Lookup(uint64_t position, Callback<void, const LookupResult&> cb)
{
    if (!CanIssue())
    {
        LookupResult r;
        r.target = position;
        m_lookupDoneTrace(r);
        if (!cb.IsNull())
        {
            cb(r);
        }
        return;
    }
    const uint64_t op = BeginOp();
    m_userLookups.insert(op);
    LeadOpScope scope(*m_host, op);
    m_host->GetLookups().Start(m_host->GetClientVnode(),
                               position,
                               LeadPurpose::USER_LOOKUP,
                               [cb](const LookupResult& r, const std::vector<VnodeRef>&) {
                                   if (!cb.IsNull())
                                   {
                                       cb(r);
                                   }
                               });
}

void
LeadNodeApp::FinishLookup(LookupResult& r)
{
    // Every lookup is traced; a Lookup() call's own operation also gets its costs.
    const uint64_t op = m_host->GetCurrentOp();
    if (m_userLookups.erase(op) != 0)
    {
        Charge(op, r);
    }
    m_lookupDoneTrace(r);
}

void
LeadNodeApp::Put(uint64_t key, uint32_t size, uint64_t tag, Callback<void, const KeyOpResult&> cb)
{
    StartKeyOp(LeadKeyOp::PUT, key, m_hashModel->Hash(key), size, tag, cb);
}

void
LeadNodeApp::Put(uint64_t key, Callback<void, const KeyOpResult&> cb)
{
    StartKeyOp(LeadKeyOp::PUT, key, m_hashModel->Hash(key), m_valueSize, key, cb);
}

void
LeadNodeApp::PutAt(uint64_t key,
                   uint64_t position,
                   uint32_t size,
                   uint64_t tag,
                   Callback<void, const KeyOpResult&> cb)
{
    StartKeyOp(LeadKeyOp::PUT, key, position, size, tag, cb);
}

void
LeadNodeApp::Get(uint64_t key, Callback<void, const KeyOpResult&> cb)
{
    StartKeyOp(LeadKeyOp::GET, key, m_hashModel->Hash(key), 0, 0, cb);
}

void
LeadNodeApp::Delete(uint64_t key, Callback<void, const KeyOpResult&> cb)
{
    StartKeyOp(LeadKeyOp::DELETE, key, m_hashModel->Hash(key), 0, 0, cb);
}

void
LeadNodeApp::StartKeyOp(LeadKeyOp kind,
                        uint64_t key,
                        uint64_t position,
                        uint32_t size,
                        uint64_t tag,
                        Callback<void, const KeyOpResult&> cb)
{
    auto publish = [this, cb](uint64_t op, const KeyOpResult& r) {
        KeyOpResult res = r;
        Charge(op, res);
        m_keyOpDoneTrace(res);
        if (!cb.IsNull())
        {
            cb(res);
        }
    };
    if (!CanIssue())
    {
        KeyOpResult r;
        r.op = kind;
        r.key = key;
        r.hash = position;
        publish(0, r);
        return;
    }
    const uint64_t op = BeginOp();
    LeadOpScope scope(*m_host, op);
    // During a model change a read or delete that misses may find the key at its position
    // under a recent model: the node that held it may not have moved it yet
    // (LeadKeyService::Rehash).
    auto positions = std::make_shared<std::vector<uint64_t>>();
    if (kind != LeadKeyOp::PUT)
    {
        for (const Ptr<LearnedHashModel>& m : RecentModels())
        {
            const uint64_t p = m->Hash(key);
            if (p != position &&
                std::find(positions->begin(), positions->end(), p) == positions->end())
            {
                positions->push_back(p);
            }
        }
    }
    m_keyClient->Start(kind,
                       key,
                       position,
                       size,
                       tag,
                       [this, publish, op, kind, key, positions](const KeyOpResult& r) {
                           RetryAtPositions(kind, key, positions, 0, r, publish, op);
                       });
}

void
LeadNodeApp::RetryAtPositions(LeadKeyOp kind,
                              uint64_t key,
                              std::shared_ptr<std::vector<uint64_t>> positions,
                              size_t next,
                              KeyOpResult sofar,
                              std::function<void(uint64_t, const KeyOpResult&)> publish,
                              uint64_t op)
{
    if (next >= positions->size() || !sofar.success || sofar.found || !m_keyClient)
    {
        publish(op, sofar);
        return;
    }
    LeadOpScope again(*m_host, op);
    m_keyClient->Start(
        kind,
        key,
        (*positions)[next],
        0,
        0,
        [this, kind, key, positions, next, sofar, publish, op](const KeyOpResult& r) {
            KeyOpResult both = r;
            both.hops += sofar.hops;
            both.attempts += sofar.attempts;
            both.latency += sofar.latency;
            RetryAtPositions(kind, key, positions, next + 1, both, publish, op);
        });
}

void
LeadNodeApp::RangeQuery(uint64_t startKey,
                        uint64_t endKey,
                        Callback<void, const RangeQueryResult&> cb)
{
    NS_ABORT_MSG_IF(endKey < startKey,
                    "LeadNodeApp::RangeQuery: end key " << endKey << " is below start key "
                                                        << startKey);
    StartRange(startKey, endKey, 0, cb);
}

void
LeadNodeApp::RangeQueryCount(uint64_t startKey,
                             uint64_t count,
                             Callback<void, const RangeQueryResult&> cb)
{
    NS_ABORT_MSG_IF(count == 0, "LeadNodeApp::RangeQueryCount: count must be positive");
    StartRange(startKey, std::numeric_limits<uint64_t>::max(), count, cb);
}

void
LeadNodeApp::StartRange(uint64_t startKey,
                        uint64_t endKey,
                        uint64_t limit,
                        Callback<void, const RangeQueryResult&> cb)
{
    NS_ABORT_MSG_IF(!m_hashModel->KeepsOrder(startKey, endKey),
                    "LeadNodeApp::RangeQuery: the "
                        << m_hashModel->GetName() << " hash model does not keep keys " << startKey
                        << ".." << endKey << " in order, so they are not one arc");
    RangeQueryResult failed;
    failed.startKey = startKey;
    failed.endKey = endKey;
    failed.limit = limit;
    if (!CanIssue())
    {
        FinishRange(0, failed, cb);
        return;
    }
    const uint64_t op = BeginOp();
    LeadOpScope scope(*m_host, op);
    const std::vector<Ptr<LearnedHashModel>> recent = RecentModels();
    if (recent.empty())
    {
        m_rangeClient->Start(startKey,
                             endKey,
                             m_hashModel->Hash(startKey),
                             m_hashModel->Hash(endKey),
                             limit,
                             [this, op, cb](const RangeQueryResult& r) { FinishRange(op, r, cb); });
        return;
    }

    // Shortly after a new model the keys are still moving: walk the range's arc under the
    // current and the recent models at once and report the union (LeadKeyService::Rehash keeps
    // copies meanwhile).
    struct Union
    {
        RangeQueryResult merged;
        size_t pending{0};
    };

    auto all = std::make_shared<Union>();
    all->merged.complete = true;
    all->pending = recent.size() + 1;
    auto done = [this, op, cb, all, limit](const RangeQueryResult& r) {
        RangeQueryResult& m = all->merged;
        m.startKey = r.startKey;
        m.endKey = r.endKey;
        m.limit = limit;
        m.keys.insert(m.keys.end(), r.keys.begin(), r.keys.end());
        m.tags.insert(m.tags.end(), r.tags.begin(), r.tags.end());
        m.lookupHops = std::max(m.lookupHops, r.lookupHops);
        m.nodesVisited += r.nodesVisited;
        m.latencyFirst =
            m.latencyFirst.IsZero() ? r.latencyFirst : Min(m.latencyFirst, r.latencyFirst);
        m.latency = Max(m.latency, r.latency);
        m.complete = m.complete && r.complete;
        if (--all->pending == 0)
        {
            LeadRangeClient::SortItems(m);
            if (limit != 0 && m.keys.size() > limit)
            {
                m.keys.resize(limit);
                m.tags.resize(std::min<size_t>(m.tags.size(), limit));
            }
            FinishRange(op, m, cb);
        }
    };
    m_rangeClient->Start(startKey,
                         endKey,
                         m_hashModel->Hash(startKey),
                         m_hashModel->Hash(endKey),
                         limit,
                         done);
    for (const Ptr<LearnedHashModel>& model : recent)
    {
        m_rangeClient
            ->Start(startKey, endKey, model->Hash(startKey), model->Hash(endKey), limit, done);
    }
}

void
LeadNodeApp::ScanAt(uint64_t position,
                    uint64_t fromKey,
                    uint64_t toKey,
                    Callback<void, const RangeQueryResult&> cb)
{
    ScanArc(position - 1, position, fromKey, toKey, cb);
}

void
LeadNodeApp::ScanArc(uint64_t after,
                     uint64_t position,
                     uint64_t fromKey,
                     uint64_t toKey,
                     Callback<void, const RangeQueryResult&> cb)
{
    NS_ABORT_MSG_IF(toKey < fromKey,
                    "LeadNodeApp::ScanArc: end key " << toKey << " is below start key " << fromKey);
    if (!CanIssue())
    {
        RangeQueryResult failed;
        failed.startKey = fromKey;
        failed.endKey = toKey;
        FinishRange(0, failed, cb);
        return;
    }
    const uint64_t op = BeginOp();
    LeadOpScope scope(*m_host, op);
    m_rangeClient->ScanArc(after,
                           position,
                           fromKey,
                           toKey,
                           [this, op, cb](const RangeQueryResult& r) { FinishRange(op, r, cb); });
}

void
LeadNodeApp::FinishRange(uint64_t op,
                         RangeQueryResult r,
                         const Callback<void, const RangeQueryResult&>& cb)
{
    Charge(op, r);
    m_rangeDoneTrace(r);
    if (!cb.IsNull())
    {
        cb(r);
    }
}

void
LeadNodeApp::RangeQueryPerKey(const std::vector<uint64_t>& keys,
                              uint32_t batchSize,
                              Callback<void, const RangeQueryResult&> cb)
{
    if (!m_perKey)
    {
        m_perKey = CreateObject<LeadPerKeyRangeClient>();
        m_perKey->SetApp(this);
    }
    m_perKey->RangeQuery(
        keys,
        batchSize,
        Callback<void, const RangeQueryResult&>([this, cb](const RangeQueryResult& r) {
            m_rangeDoneTrace(r);
            if (!cb.IsNull())
            {
                cb(r);
            }
        }));
}

} // namespace lead
} // namespace ns3
