/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-leaf-aggregator.h"

#include "ns3/abort.h"

#include <algorithm>
#include <cmath>

namespace ns3
{
namespace lead
{

LeadLeafAggregator::LeadLeafAggregator(Method method, double trim)
    : m_method(method),
      m_trim(trim)
{
    NS_ABORT_MSG_IF(!(trim >= 0.0 && trim < 0.5),
                    "LeadLeafAggregator: the trimmed share must be in [0, 0.5), not " << trim);
}

void
LeadLeafAggregator::Add(uint32_t leaf, const LeafParams& params)
{
    m_byLeaf[leaf].push_back(params);
    ++m_count;
}

size_t
LeadLeafAggregator::GetContributions() const
{
    return m_count;
}

double
LeadLeafAggregator::Combine(std::vector<Weighted> values) const
{
    // Non-finite values (a hostile or broken contributor) carry no information.
    values.erase(std::remove_if(values.begin(),
                                values.end(),
                                [](const Weighted& v) { return !std::isfinite(v.first); }),
                 values.end());
    if (values.empty())
    {
        return std::nan("");
    }
    std::sort(values.begin(), values.end());
    double total = 0;
    for (const auto& v : values)
    {
        total += v.second;
    }
    if (m_method == MEDIAN)
    {
        double acc = 0;
        for (const auto& v : values)
        {
            acc += v.second;
            if (acc >= total / 2)
            {
                return v.first;
            }
        }
        return values.back().first;
    }
    // Keep the weight between trim x total and (1 - trim) x total (all of it for the mean).
    const double lo = m_method == TRIMMED_MEAN ? m_trim * total : 0.0;
    const double hi = total - lo;
    double acc = 0;
    double sum = 0;
    double kept = 0;
    for (const auto& v : values)
    {
        const double from = std::max(acc, lo);
        const double to = std::min(acc + v.second, hi);
        if (to > from)
        {
            sum += v.first * (to - from);
            kept += to - from;
        }
        acc += v.second;
    }
    return kept > 0 ? sum / kept : values[values.size() / 2].first;
}

std::map<uint32_t, LeafParams>
LeadLeafAggregator::Aggregate() const
{
    std::map<uint32_t, LeafParams> out;
    for (const auto& [leaf, list] : m_byLeaf)
    {
        LeafParams r = list.front();
        for (const auto& p : list)
        {
            r.firstKey = std::min(r.firstKey, p.firstKey);
            r.firstRank = std::min(r.firstRank, p.firstRank);
            r.lastRank = std::max(r.lastRank, p.lastRank);
            r.maxError = std::max(r.maxError, p.maxError);
        }
        std::vector<Weighted> intercepts;
        std::vector<Weighted> slopes;
        uint64_t keys = 0;
        for (const auto& p : list)
        {
            const double w = static_cast<double>(std::max<uint64_t>(p.keys, 1));
            // The same line from the common origin: the prediction at any key is unchanged.
            const double shift = -static_cast<double>(p.firstKey - r.firstKey);
            intercepts.emplace_back(p.intercept + p.slope * shift, w);
            slopes.emplace_back(p.slope, w);
            keys += p.keys;
        }
        r.intercept = Combine(intercepts);
        r.slope = Combine(slopes);
        r.keys = keys;
        out[leaf] = r;
    }
    return out;
}

Ptr<LearnedHashModel>
LeadLeafAggregator::Apply(const LearnedHashModel& base, uint32_t version) const
{
    Ptr<LearnedHashModel> model = base.Clone();
    std::map<uint32_t, LeafParams> leaves;
    for (auto [leaf, params] : Aggregate())
    {
        if (leaf < model->GetLeafCount())
        {
            if (!std::isfinite(params.slope))
            {
                params.slope = model->GetLeaf(leaf).slope; // no usable contribution
            }
            leaves[leaf] = params;
        }
    }
    model->SetLeaves(leaves); // clamps: the hash stays monotone
    model->SetVersion(version);
    return model;
}

} // namespace lead
} // namespace ns3
