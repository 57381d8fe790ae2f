/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_HASH_EVALUATOR_H
#define LEAD_HASH_EVALUATOR_H

#include <cstdint>
#include <vector>

namespace ns3
{
namespace lead
{

class LearnedHashModel;

/**
 * @ingroup lead
 * @brief How well a hash model fits a sorted key set.
 */
struct HashQuality
{
    uint64_t keys{0};         //!< keys evaluated
    double maxError{0.0};     //!< max |predicted - true rank|
    double meanError{0.0};    //!< mean |predicted - true rank|
    double maxErrorPct{0.0};  //!< maxError as % of the key count
    double meanErrorPct{0.0}; //!< meanError as % of the key count
    double avgLg2Error{0.0};  //!< mean of log2(1 + error), as SOSD reports
    uint64_t inversions{0};   //!< adjacent key pairs whose hashes decrease
};

/**
 * @ingroup lead
 * @brief Keys per physical peer when the hash places keys on a ring of vnodes.
 */
struct LoadBalance
{
    uint32_t peers{0};         //!< physical peers
    uint32_t vnodesPerPeer{0}; //!< vnodes per peer
    uint64_t maxKeys{0};       //!< keys on the most loaded peer
    double meanKeys{0.0};      //!< keys per peer on average
    double maxOverMean{0.0};   //!< maxKeys / meanKeys
    double cov{0.0};           //!< coefficient of variation of keys per peer
};

/**
 * @ingroup lead
 * @brief Measures hash models: rank error, order inversions, and load per peer.
 *
 * Used by the benchmarks, the example and the tests. Ground truth is the key's rank in the
 * sorted set and the successor rule on the ring; nothing here trusts the model's own statistics.
 */
class HashEvaluator
{
  public:
    /**
     * @brief Rank error and inversions of a model over a sorted key set.
     * @param model the model
     * @param sortedKeys the keys, sorted ascending
     * @return the measures
     */
    static HashQuality Evaluate(const LearnedHashModel& model,
                                const std::vector<uint64_t>& sortedKeys);

    /**
     * @brief Ring identifiers of peers x vnodes: PeerHASH of 10.0.0.1, 10.0.0.2, ...
     * @param peers number of physical peers
     * @param vnodesPerPeer vnodes per peer
     * @return identifiers, peer-major (id of vnode v of peer p at p * vnodesPerPeer + v)
     */
    static std::vector<uint64_t> PeerIds(uint32_t peers, uint32_t vnodesPerPeer);

    /**
     * @brief Keys per physical peer when each key goes to the successor of its hash.
     * @param model the model
     * @param keys the keys
     * @param vnodeIds vnode identifiers, peer-major as PeerIds() returns them
     * @param vnodesPerPeer vnodes per peer
     * @return the load measures
     */
    static LoadBalance MeasureLoad(const LearnedHashModel& model,
                                   const std::vector<uint64_t>& keys,
                                   const std::vector<uint64_t>& vnodeIds,
                                   uint32_t vnodesPerPeer);
};

} // namespace lead
} // namespace ns3

#endif // LEAD_HASH_EVALUATOR_H
