/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

// LeadKvCacheServer: finding cached blocks (overlay, central index, oracle) and announcing
// the blocks a node computed.

#include "lead-kvcache-fabric.h"
#include "lead-kvcache-ledger.h"
#include "lead-kvcache-server.h"
#include "lead-node-app.h"

#include "ns3/simulator.h"

#include <algorithm>

namespace ns3
{
namespace lead
{

void
LeadKvCacheServer::Locate(uint64_t id)
{
    Job& job = m_jobs.at(id);
    if (job.local >= job.blocks.size())
    {
        Located(id);
        return;
    }
    switch (m_system)
    {
    case System::LEAD:
    case System::CHORD_DOC:
        LocateRanges(id);
        return;
    case System::CHORD:
        job.chordNext = job.local;
        ChordWindow(id);
        return;
    case System::CHORD_BATCHED:
        job.chordNext = job.local;
        job.ownerOf.assign(job.blocks.size(), 0);
        BatchedLookups(id);
        return;
    case System::CENTRAL:
        LocateCentral(id);
        return;
    case System::UPPER_BOUND:
        LocateOracle(id);
        return;
    default:
        Located(id); // dualmap, p2p-router: the request moved, the KV does not
        return;
    }
}

void
LeadKvCacheServer::LocateRanges(uint64_t id)
{
    Job& job = m_jobs.at(id);
    const std::vector<uint64_t> rest(job.blocks.begin() + job.local, job.blocks.end());
    // One range query per run of consecutive keys, cut where the hash stops keeping order
    // (chord-doc: at a document boundary).
    std::vector<std::pair<uint64_t, uint64_t>> ranges;
    for (const LeadBlockRun& run : LeadPromptWorkload::ToRuns(rest))
    {
        uint64_t lo = run.start;
        const uint64_t last = run.start + run.count - 1;
        while (lo <= last)
        {
            uint64_t hi = last;
            if (!m_overlay->GetHashModel()->KeepsOrder(lo, hi))
            {
                // Shrink to the longest prefix of the run that stays in order.
                uint64_t good = lo;
                uint64_t bad = hi;
                while (bad - good > 1)
                {
                    const uint64_t mid = good + (bad - good) / 2;
                    (m_overlay->GetHashModel()->KeepsOrder(lo, mid) ? good : bad) = mid;
                }
                hi = good;
            }
            ranges.emplace_back(lo, hi);
            lo = hi + 1;
            if (hi == last)
            {
                break;
            }
        }
    }
    job.pending = static_cast<uint32_t>(ranges.size());
    for (const auto& [lo, hi] : ranges)
    {
        m_overlay->RangeQuery(lo,
                              hi,
                              Callback<void, const RangeQueryResult&>(
                                  [this, id](const RangeQueryResult& r) { RangeDone(id, r); }));
    }
}

void
LeadKvCacheServer::RangeDone(uint64_t id, const RangeQueryResult& r)
{
    auto it = m_jobs.find(id);
    if (it == m_jobs.end())
    {
        return;
    }
    Job& job = it->second;
    m_ledger->CountMessages(id, r.messages, r.bytes, true);
    job.visited += r.nodesVisited;
    PlaceHolders(job, r);
    if (--job.pending > 0)
    {
        return;
    }
    LocatedByHolders(id);
}

void
LeadKvCacheServer::PlaceHolders(Job& job, const RangeQueryResult& r) const
{
    // A scan's keys ascend, and so does the prompt within a run: one pass places them.
    auto at = job.blocks.begin() + job.local;
    for (size_t k = 0; k < r.keys.size() && k < r.tags.size(); ++k)
    {
        at = std::find(at, job.blocks.end(), r.keys[k]);
        if (at == job.blocks.end())
        {
            break;
        }
        if (r.tags[k] > 0 && r.tags[k] <= m_peers.servers.size())
        {
            job.holder[static_cast<size_t>(at - job.blocks.begin())] =
                static_cast<uint16_t>(r.tags[k]);
        }
    }
}

void
LeadKvCacheServer::LocatedByHolders(uint64_t id)
{
    // The cached prefix found is the run of blocks with a holder right after the local match.
    Job& job = m_jobs.at(id);
    uint32_t found = 0;
    while (job.local + found < job.blocks.size() && job.holder[job.local + found] != 0)
    {
        ++found;
    }
    job.found = found;
    Located(id);
}

void
LeadKvCacheServer::ChordWindow(uint64_t id)
{
    Job& job = m_jobs.at(id);
    const uint32_t end =
        std::min<uint32_t>(static_cast<uint32_t>(job.blocks.size()), job.chordNext + m_chordWindow);
    if (job.chordMiss || job.chordNext >= job.blocks.size())
    {
        LocatedByHolders(id);
        return;
    }
    job.pending = end - job.chordNext;
    const uint32_t from = job.chordNext;
    job.chordNext = end;
    for (uint32_t k = from; k < end; ++k)
    {
        m_overlay->Get(job.blocks[k],
                       Callback<void, const KeyOpResult&>(
                           [this, id, k](const KeyOpResult& r) { ChordGetDone(id, k, r); }));
    }
}

void
LeadKvCacheServer::ChordGetDone(uint64_t id, uint32_t offset, const KeyOpResult& r)
{
    auto it = m_jobs.find(id);
    if (it == m_jobs.end())
    {
        return;
    }
    Job& job = it->second;
    m_ledger->CountMessages(id, r.messages, r.bytes, true);
    if (r.success && r.found && r.tag > 0 && r.tag <= m_peers.servers.size())
    {
        job.holder[offset] = static_cast<uint16_t>(r.tag);
        job.owners.insert(r.owner.id);
    }
    else
    {
        job.chordMiss = true;
        if (r.success)
        {
            job.owners.insert(r.owner.id);
        }
    }
    if (--job.pending == 0)
    {
        ChordWindow(id);
    }
}

void
LeadKvCacheServer::LocateCentral(uint64_t id)
{
    Job& job = m_jobs.at(id);
    LeadKvCacheHeader q;
    q.type = LeadKvCacheHeader::INDEX_QUERY;
    q.request = id;
    q.runs = LeadPromptWorkload::ToRuns(
        std::vector<uint64_t>(job.blocks.begin() + job.local, job.blocks.end()));
    Send(m_peers.index, q, id, false);
}

void
LeadKvCacheServer::OnIndexReply(const LeadKvCacheHeader& h)
{
    Job& job = m_jobs.at(h.request);
    if (job.fetching || !job.located.IsZero())
    {
        return;
    }
    job.visited += 1;
    // The reply lists the cached prefix of what was asked, run by run with its holder.
    uint32_t at = job.local;
    for (size_t k = 0; k < h.runs.size(); ++k)
    {
        for (uint32_t j = 0; j < h.runs[k].count; ++j)
        {
            if (at >= job.blocks.size() || job.blocks[at] != h.runs[k].start + j ||
                h.holders[k] >= m_peers.servers.size())
            {
                job.found = at - job.local;
                Located(h.request);
                return;
            }
            job.holder[at++] = static_cast<uint16_t>(h.holders[k] + 1);
        }
    }
    job.found = at - job.local;
    Located(h.request);
}

void
LeadKvCacheServer::LocateOracle(uint64_t id)
{
    Job& job = m_jobs.at(id);
    uint32_t best = job.local;
    size_t holder = m_peers.self;
    for (size_t i = 0; i < m_cluster.size(); ++i)
    {
        const uint32_t m = m_cluster[i]->GetCache().Match(job.blocks);
        if (i != m_peers.self && m > best)
        {
            best = m;
            holder = i;
        }
    }
    job.located = Simulator::Now();
    job.reuse = best;
    if (best == job.local)
    {
        job.fetched = Simulator::Now();
        Prefill(id);
        return;
    }
    m_cluster[holder]->m_cache.Touch(job.blocks, Simulator::Now().GetNanoSeconds());
    const uint64_t bytes = uint64_t{best - job.local} * m_blockBytes;
    m_ledger->At(id).kvBytes += bytes;
    m_ledger->At(id).bytes += bytes;
    Simulator::Schedule(m_fabric->IdealTime(bytes), [this, id]() {
        m_jobs.at(id).fetched = Simulator::Now();
        Prefill(id);
    });
}

void
LeadKvCacheServer::Publish(const Job& job)
{
    if (job.reuse >= job.blocks.size())
    {
        return;
    }
    const std::vector<uint64_t> fresh(job.blocks.begin() + job.reuse, job.blocks.end());
    if (m_system == System::CENTRAL)
    {
        LeadKvCacheHeader p;
        p.type = LeadKvCacheHeader::INDEX_PUBLISH;
        p.request = job.request.request;
        p.value = m_peers.self;
        p.runs = LeadPromptWorkload::ToRuns(fresh);
        if (p.runs.size() <= LeadKvCacheHeader::MAX_RUNS)
        {
            Send(m_peers.index, p, 0, true);
        }
        return;
    }
    if (!UsesOverlay(m_system))
    {
        return;
    }
    // Puts go out a window at a time (a burst of a whole document's puts would overflow the
    // NIC queue and come back as timeouts).
    m_publishQueue.insert(m_publishQueue.end(), fresh.begin(), fresh.end());
    PublishNext();
}

void
LeadKvCacheServer::PublishNext()
{
    while (m_publishInFlight < m_chordWindow && !m_publishQueue.empty())
    {
        const uint64_t key = m_publishQueue.front();
        m_publishQueue.pop_front();
        ++m_publishInFlight;
        m_overlay->Put(key,
                       m_entryBytes,
                       uint64_t{m_peers.self} + 1,
                       Callback<void, const KeyOpResult&>([this](const KeyOpResult& r) {
                           m_ledger->CountControl(r.bytes, true);
                           m_publishFailures += r.success ? 0 : 1;
                           --m_publishInFlight;
                           PublishNext();
                       }));
    }
}

} // namespace lead
} // namespace ns3
