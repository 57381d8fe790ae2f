/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-hash-evaluator.h"

#include "lead-peer-hash.h"
#include "learned-hash-model.h"

#include "ns3/abort.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace ns3
{
namespace lead
{

HashQuality
HashEvaluator::Evaluate(const LearnedHashModel& model, const std::vector<uint64_t>& sortedKeys)
{
    HashQuality q;
    q.keys = sortedKeys.size();
    if (sortedKeys.empty())
    {
        return q;
    }
    double sum = 0;
    double sumLg2 = 0;
    uint64_t prevHash = 0;
    // Rank of a run of equal keys is the rank of its first key.
    uint64_t rank = 0;
    for (uint64_t i = 0; i < sortedKeys.size(); ++i)
    {
        if (i == 0 || sortedKeys[i] != sortedKeys[i - 1])
        {
            rank = i;
        }
        const uint64_t h = model.Hash(sortedKeys[i]);
        if (i > 0 && h < prevHash)
        {
            ++q.inversions;
        }
        prevHash = h;
        double err = std::fabs(model.PredictRank(sortedKeys[i]) - static_cast<double>(rank));
        q.maxError = std::max(q.maxError, err);
        sum += err;
        sumLg2 += std::log2(1.0 + err);
    }
    const double n = static_cast<double>(sortedKeys.size());
    q.meanError = sum / n;
    q.avgLg2Error = sumLg2 / n;
    q.maxErrorPct = 100.0 * q.maxError / n;
    q.meanErrorPct = 100.0 * q.meanError / n;
    return q;
}

std::vector<uint64_t>
HashEvaluator::PeerIds(uint32_t peers, uint32_t vnodesPerPeer)
{
    std::vector<uint64_t> ids;
    ids.reserve(static_cast<size_t>(peers) * vnodesPerPeer);
    const uint32_t base = (10U << 24); // 10.0.0.0
    for (uint32_t p = 0; p < peers; ++p)
    {
        for (uint32_t v = 0; v < vnodesPerPeer; ++v)
        {
            ids.push_back(PeerHash::FromIpv4(base + p + 1, v));
        }
    }
    return ids;
}

LoadBalance
HashEvaluator::MeasureLoad(const LearnedHashModel& model,
                           const std::vector<uint64_t>& keys,
                           const std::vector<uint64_t>& vnodeIds,
                           uint32_t vnodesPerPeer)
{
    NS_ABORT_MSG_IF(vnodesPerPeer == 0 || vnodeIds.empty() || vnodeIds.size() % vnodesPerPeer,
                    "MeasureLoad: " << vnodeIds.size() << " vnode ids do not form peers of "
                                    << vnodesPerPeer << " vnodes");
    LoadBalance lb;
    lb.vnodesPerPeer = vnodesPerPeer;
    lb.peers = static_cast<uint32_t>(vnodeIds.size() / vnodesPerPeer);
    std::vector<std::pair<uint64_t, uint32_t>> ring; // (vnode id, peer)
    ring.reserve(vnodeIds.size());
    for (size_t i = 0; i < vnodeIds.size(); ++i)
    {
        ring.emplace_back(vnodeIds[i], static_cast<uint32_t>(i / vnodesPerPeer));
    }
    std::sort(ring.begin(), ring.end());
    std::vector<uint64_t> ids(ring.size());
    for (size_t i = 0; i < ring.size(); ++i)
    {
        ids[i] = ring[i].first;
    }
    std::vector<uint64_t> load(lb.peers, 0);
    for (auto k : keys)
    {
        // Owner: first vnode id >= hash, wrapping past the largest id to the smallest.
        auto it = std::lower_bound(ids.begin(), ids.end(), model.Hash(k));
        size_t idx = it == ids.end() ? 0 : static_cast<size_t>(it - ids.begin());
        ++load[ring[idx].second];
    }
    lb.meanKeys = static_cast<double>(keys.size()) / lb.peers;
    double var = 0;
    for (auto l : load)
    {
        lb.maxKeys = std::max(lb.maxKeys, l);
        var += (static_cast<double>(l) - lb.meanKeys) * (static_cast<double>(l) - lb.meanKeys);
    }
    var /= lb.peers;
    lb.maxOverMean = lb.meanKeys > 0 ? static_cast<double>(lb.maxKeys) / lb.meanKeys : 0.0;
    lb.cov = lb.meanKeys > 0 ? std::sqrt(var) / lb.meanKeys : 0.0;
    return lb;
}

} // namespace lead
} // namespace ns3
