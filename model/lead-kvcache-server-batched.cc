/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

// LeadKvCacheServer: Chord's per-owner batched fetch of index entries (chord-batched): one
// lookup per block names its owner, then one scan per owner and run reads all of them.

#include "lead-kvcache-ledger.h"
#include "lead-kvcache-server.h"
#include "lead-node-app.h"

#include <algorithm>
#include <map>

namespace ns3
{
namespace lead
{

void
LeadKvCacheServer::BatchedLookups(uint64_t id)
{
    Job& job = m_jobs.at(id);
    if (job.chordNext >= job.blocks.size())
    {
        BatchedScans(id);
        return;
    }
    const uint32_t end =
        std::min<uint32_t>(static_cast<uint32_t>(job.blocks.size()), job.chordNext + m_chordWindow);
    job.pending = end - job.chordNext;
    const uint32_t from = job.chordNext;
    job.chordNext = end;
    Ptr<LearnedHashModel> model = m_overlay->GetHashModel();
    for (uint32_t k = from; k < end; ++k)
    {
        m_overlay->Lookup(model->Hash(job.blocks[k]),
                          Callback<void, const LookupResult&>([this, id, k](const LookupResult& r) {
                              BatchedLookupDone(id, k, r);
                          }));
    }
}

void
LeadKvCacheServer::BatchedLookupDone(uint64_t id, uint32_t offset, const LookupResult& r)
{
    auto it = m_jobs.find(id);
    if (it == m_jobs.end())
    {
        return;
    }
    Job& job = it->second;
    m_ledger->CountMessages(id, r.messages, r.bytes, true);
    // A block whose lookup failed keeps owner 0 and is not scanned: it counts as a miss.
    job.ownerOf[offset] = r.answered ? r.owner.id : 0;
    if (--job.pending == 0)
    {
        BatchedLookups(id);
    }
}

void
LeadKvCacheServer::BatchedScans(uint64_t id)
{
    Job& job = m_jobs.at(id);
    Ptr<LearnedHashModel> model = m_overlay->GetHashModel();

    // Per owner and run of the prompt: the arc from the owner's block farthest behind it up to
    // the owner (arcs may wrap past zero: distances are taken modulo 2^64).
    struct Scan
    {
        uint64_t after{0};
        uint64_t farthest{0};
        uint64_t lo{UINT64_MAX};
        uint64_t hi{0};
    };

    std::map<std::pair<uint64_t, uint64_t>, Scan> scans; // (owner, run start) -> scan
    uint64_t runStart = 0;
    for (uint32_t k = job.local; k < job.blocks.size(); ++k)
    {
        if (k == job.local || job.blocks[k] != job.blocks[k - 1] + 1)
        {
            runStart = job.blocks[k];
        }
        const uint64_t owner = job.ownerOf[k];
        if (owner == 0)
        {
            continue;
        }
        const uint64_t position = model->Hash(job.blocks[k]);
        Scan& s = scans[{owner, runStart}];
        const uint64_t behind = owner - position; // modulo 2^64
        if (s.lo == UINT64_MAX || behind >= s.farthest)
        {
            s.farthest = behind;
            s.after = position - 1;
        }
        s.lo = std::min(s.lo, job.blocks[k]);
        s.hi = std::max(s.hi, job.blocks[k]);
    }
    if (scans.empty())
    {
        job.found = 0;
        Located(id);
        return;
    }
    job.pending = static_cast<uint32_t>(scans.size());
    for (const auto& [key, s] : scans)
    {
        job.owners.insert(key.first);
        m_overlay->ScanArc(s.after,
                           key.first,
                           s.lo,
                           s.hi,
                           Callback<void, const RangeQueryResult&>(
                               [this, id](const RangeQueryResult& r) { BatchedScanDone(id, r); }));
    }
}

void
LeadKvCacheServer::BatchedScanDone(uint64_t id, const RangeQueryResult& r)
{
    auto it = m_jobs.find(id);
    if (it == m_jobs.end())
    {
        return;
    }
    Job& job = it->second;
    m_ledger->CountMessages(id, r.messages, r.bytes, true);
    PlaceHolders(job, r);
    if (--job.pending > 0)
    {
        return;
    }
    LocatedByHolders(id);
}

} // namespace lead
} // namespace ns3
