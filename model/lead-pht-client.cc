/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-pht-client.h"

#include "lead-node-app.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/simulator.h"

#include <algorithm>
#include <limits>

namespace ns3
{
namespace lead
{

NS_LOG_COMPONENT_DEFINE("LeadPhtClient");
NS_OBJECT_ENSURE_REGISTERED(LeadPhtClient);

namespace
{

/// Length of the common prefix of two keys.
uint8_t
CommonPrefix(uint64_t a, uint64_t b)
{
    uint8_t n = 0;
    for (uint64_t diff = a ^ b; n < 64 && (diff & (uint64_t{1} << (63 - n))) == 0; ++n)
    {
    }
    return n;
}

} // namespace

TypeId
LeadPhtClient::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::lead::LeadPhtClient")
            .SetParent<Object>()
            .SetGroupName("Lead")
            .AddConstructor<LeadPhtClient>()
            .AddTraceSource("RangeQueryDone",
                            "A PHT range query finished.",
                            MakeTraceSourceAccessor(&LeadPhtClient::m_rangeDoneTrace),
                            "ns3::lead::LeadPhtClient::RangeQueryTracedCallback");
    return tid;
}

LeadPhtClient::LeadPhtClient() = default;

LeadPhtClient::~LeadPhtClient() = default;

void
LeadPhtClient::DoDispose()
{
    m_app = nullptr;
    m_pending.clear();
    Object::DoDispose();
}

void
LeadPhtClient::SetApp(Ptr<LeadNodeApp> app)
{
    m_app = app;
}

std::vector<LeadKeyStore::Item>
LeadPhtClient::Items(const PhtIndex::Node& node, uint32_t valueSize, uint64_t tagSalt)
{
    const uint64_t position = node.label.Position();
    std::vector<LeadKeyStore::Item> items;
    items.push_back({node.label.MarkerKey(node.leaf), position, 0, node.label.length});
    for (uint64_t key : node.keys)
    {
        items.push_back({key, position, valueSize, key ^ tagSalt});
    }
    return items;
}

void
LeadPhtClient::Store(const PhtIndex::Node& node,
                     uint32_t valueSize,
                     uint64_t tagSalt,
                     Callback<void, const KeyOpResult&> cb)
{
    NS_ABORT_MSG_IF(!m_app, "LeadPhtClient::Store: no application (SetApp)");
    for (const auto& item : Items(node, valueSize, tagSalt))
    {
        m_app->PutAt(item.key, item.hash, item.size, item.tag, cb);
    }
}

void
LeadPhtClient::RangeQuery(uint64_t lo, uint64_t hi, Callback<void, const RangeQueryResult&> cb)
{
    NS_ABORT_MSG_IF(!m_app, "LeadPhtClient::RangeQuery: no application (SetApp)");
    NS_ABORT_MSG_IF(hi < lo, "LeadPhtClient::RangeQuery: end key " << hi << " below " << lo);
    const uint32_t id = m_nextId++;
    Pending& p = m_pending[id];
    p.done = cb;
    p.start = Simulator::Now();
    p.result.startKey = lo;
    p.result.endKey = hi;
    // The smallest trie node that covers the range; if it does not exist, the range lies
    // inside one leaf above it.
    const uint8_t d0 = CommonPrefix(lo, hi);
    Read(id, PhtLabel::Of(lo, d0), 0, d0 == 0 ? 0 : d0 - 1, true);
}

void
LeadPhtClient::Insert(uint64_t key,
                      uint32_t size,
                      uint64_t tag,
                      Callback<void, const KeyOpResult&> cb)
{
    NS_ABORT_MSG_IF(!m_app, "LeadPhtClient::Insert: no application (SetApp)");
    const uint32_t id = m_nextId++;
    Pending& p = m_pending[id];
    p.start = Simulator::Now();
    p.result.startKey = key;
    p.result.endKey = key;
    Ptr<LeadNodeApp> app = m_app;
    const Time start = Simulator::Now();
    p.leafFound = Callback<void, PhtLabel, bool, uint32_t>(
        [app, key, size, tag, cb, start](PhtLabel leaf, bool found, uint32_t searchMessages) {
            if (found)
            {
                // Report the whole insert: the leaf search and the PUT.
                app->PutAt(key,
                           leaf.Position(),
                           size,
                           tag,
                           Callback<void, const KeyOpResult&>(
                               [cb, start, searchMessages](const KeyOpResult& r) {
                                   KeyOpResult all = r;
                                   all.latency = Simulator::Now() - start;
                                   all.messages += searchMessages;
                                   if (!cb.IsNull())
                                   {
                                       cb(all);
                                   }
                               }));
            }
            else if (!cb.IsNull())
            {
                KeyOpResult failed;
                failed.op = LeadKeyOp::PUT;
                failed.key = key;
                failed.size = size;
                failed.tag = tag;
                failed.latency = Simulator::Now() - start;
                failed.messages = searchMessages;
                cb(failed);
            }
        });
    Search(id, key, 0, 64);
}

LeadPhtClient::Kind
LeadPhtClient::Classify(const PhtLabel& label, const std::vector<uint64_t>& keys)
{
    // A trie node's read returns its marker (leaf or internal) with its bucket.
    const uint64_t leafMarker = label.MarkerKey(true);
    const uint64_t innerMarker = label.MarkerKey(false);
    Kind kind = Kind::ABSENT;
    for (uint64_t k : keys)
    {
        kind = k == leafMarker ? Kind::LEAF : (k == innerMarker ? Kind::INTERNAL : kind);
    }
    return kind;
}

void
LeadPhtClient::Descend(uint32_t id, const PhtLabel& label, uint64_t lo, uint64_t hi)
{
    // Read the children that overlap the range, in parallel.
    for (int bit = 0; bit < 2; ++bit)
    {
        const PhtLabel c = label.Child(bit);
        if (c.High() >= lo && c.Low() <= hi)
        {
            Read(id, c, 0, 0, false);
        }
    }
}

void
LeadPhtClient::Search(uint32_t id, uint64_t key, uint8_t low, uint8_t high)
{
    if (low > high)
    {
        // Every length was tried: the tree is not what its nodes say (or reads were lost).
        m_pending[id].ok = false;
        Finish(id);
        return;
    }
    const auto mid = static_cast<uint8_t>((low + high) / 2);
    Read(id, PhtLabel::Of(key, mid), low, high, true);
}

void
LeadPhtClient::Read(uint32_t id, PhtLabel label, uint8_t searchLow, uint8_t searchHigh, bool search)
{
    ++m_pending[id].outstanding;
    m_app->ScanAt(label.Position(),
                  0,
                  std::numeric_limits<uint64_t>::max(),
                  Callback<void, const RangeQueryResult&>(
                      [this, id, label, searchLow, searchHigh, search](const RangeQueryResult& r) {
                          OnRead(id, label, searchLow, searchHigh, search, r);
                      }));
}

void
LeadPhtClient::OnRead(uint32_t id,
                      PhtLabel label,
                      uint8_t searchLow,
                      uint8_t searchHigh,
                      bool search,
                      const RangeQueryResult& r)
{
    auto it = m_pending.find(id);
    if (it == m_pending.end())
    {
        return;
    }
    Pending& p = it->second;
    --p.outstanding;
    RangeQueryResult& res = p.result;
    res.messages += r.messages;
    res.bytes += r.bytes;
    res.lookupHops += r.lookupHops;
    res.nodesVisited += 1;
    if (!r.complete)
    {
        p.ok = false;
        if (p.outstanding == 0)
        {
            Finish(id);
        }
        return;
    }
    const uint64_t leafMarker = label.MarkerKey(true);
    const Kind kind = Classify(label, r.keys);
    const uint64_t lo = res.startKey;
    const uint64_t hi = res.endKey;
    switch (kind)
    {
    case Kind::LEAF:
        if (!p.leafFound.IsNull())
        {
            auto found = p.leafFound;
            const uint32_t messages = p.result.messages;
            m_pending.erase(it);
            found(label, true, messages);
            return;
        }
        if (res.keys.empty() && p.keys.empty())
        {
            res.latencyFirst = Simulator::Now() - p.start;
        }
        for (uint64_t k : r.keys)
        {
            if (k != leafMarker && k >= lo && k <= hi)
            {
                p.keys.insert(k);
            }
        }
        break;
    case Kind::INTERNAL:
        if (search && (!p.leafFound.IsNull() || label.length < CommonPrefix(lo, hi)))
        {
            Search(id, lo, static_cast<uint8_t>(label.length + 1), searchHigh);
        }
        else
        {
            Descend(id, label, lo, hi);
        }
        break;
    case Kind::ABSENT:
        if (search && label.length > 0)
        {
            Search(id, lo, searchLow, static_cast<uint8_t>(label.length - 1));
        }
        else
        {
            p.ok = false; // a child of an internal node, or the root, is missing
        }
        break;
    }
    if (m_pending.count(id) != 0 && m_pending[id].outstanding == 0)
    {
        Finish(id);
    }
}

void
LeadPhtClient::Finish(uint32_t id)
{
    auto it = m_pending.find(id);
    if (it == m_pending.end())
    {
        return;
    }
    Pending p = it->second;
    m_pending.erase(it);
    if (!p.leafFound.IsNull())
    {
        p.leafFound(PhtLabel{}, false, p.result.messages);
        return;
    }
    RangeQueryResult& res = p.result;
    res.keys.assign(p.keys.begin(), p.keys.end());
    res.complete = p.ok;
    res.latency = Simulator::Now() - p.start;
    m_rangeDoneTrace(res);
    if (!p.done.IsNull())
    {
        p.done(res);
    }
}

} // namespace lead
} // namespace ns3
