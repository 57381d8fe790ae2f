/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_LEAF_AGGREGATOR_H
#define LEAD_LEAF_AGGREGATOR_H

#include "learned-hash-model.h"

#include "ns3/ptr.h"

#include <cstdint>
#include <map>
#include <vector>

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief The coordinator's reduce step of the collaborative model update (lead-spec.md 8):
 * leaf parameters refitted by several vnodes, combined per leaf into one.
 *
 * Contributions to a leaf may use different key origins; each is first moved to the smallest
 * origin among them (the prediction at a key is unchanged: intercept + slope x (key - origin)),
 * then intercept and slope are combined coordinate by coordinate:
 * - WEIGHTED_MEAN: weighted by the keys each contributor fitted on (FedAvg, the spec's
 *   "avg-reduce");
 * - TRIMMED_MEAN: the same after dropping the `trim` share of the weight at each end of each
 *   coordinate (robust to a minority of hostile contributors);
 * - MEDIAN: the weighted median of each coordinate.
 * The rank interval becomes the union of the contributors', the key count their sum and the
 * error bound their maximum. Simulator-free.
 */
class LeadLeafAggregator
{
  public:
    /// How the contributions to one leaf are combined.
    enum Method
    {
        WEIGHTED_MEAN, //!< key-weighted mean
        TRIMMED_MEAN,  //!< key-weighted mean of the middle
        MEDIAN,        //!< key-weighted median
    };

    /**
     * @brief An aggregator.
     * @param method how to combine
     * @param trim TRIMMED_MEAN: share of the weight dropped at each end, in [0, 0.5)
     */
    explicit LeadLeafAggregator(Method method, double trim = 0.2);

    /**
     * @brief Add one vnode's refitted leaf. A contribution fitted on no keys counts once.
     * @param leaf leaf index
     * @param params its parameters
     */
    void Add(uint32_t leaf, const LeafParams& params);

    /**
     * @brief Number of contributions so far.
     * @return the count
     */
    size_t GetContributions() const;

    /**
     * @brief The combined parameters of every leaf that received a contribution.
     * @return leaf index -> parameters
     */
    std::map<uint32_t, LeafParams> Aggregate() const;

    /**
     * @brief A new model: a copy of `base` with the combined leaves set (SetLeaf keeps the
     * hash monotone whatever the contributions) and the given version.
     * @param base the model the contributions refine (trained)
     * @param version version of the result
     * @return the new model
     */
    Ptr<LearnedHashModel> Apply(const LearnedHashModel& base, uint32_t version) const;

  private:
    /// One coordinate value and its weight.
    using Weighted = std::pair<double, double>;

    /**
     * @brief Combine the values of one coordinate by the method.
     * @param values value and weight pairs (not empty)
     * @return the combined value
     */
    double Combine(std::vector<Weighted> values) const;

    Method m_method;                                      //!< the method
    double m_trim;                                        //!< trimmed share at each end
    std::map<uint32_t, std::vector<LeafParams>> m_byLeaf; //!< contributions per leaf
    size_t m_count{0};                                    //!< contributions
};

} // namespace lead
} // namespace ns3

#endif // LEAD_LEAF_AGGREGATOR_H
