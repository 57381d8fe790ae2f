/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-shadow-balancer.h"

#include "ns3/abort.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <tuple>

namespace ns3
{
namespace lead
{

LeadShadowBalancer::LeadShadowBalancer(const Config& config)
    : m_config(config)
{
    NS_ABORT_MSG_IF(!(config.low > 0) || !(config.high > config.low),
                    "LeadShadowBalancer: need 0 < Low < High, not Low "
                        << config.low << " and High " << config.high);
    NS_ABORT_MSG_IF(config.maxVnodes == 0, "LeadShadowBalancer: MaxVnodes must be at least 1");
}

double
LeadShadowBalancer::MeanLoad(uint32_t address,
                             uint64_t load,
                             const std::map<uint64_t, Heard>& heard) const
{
    std::map<uint32_t, uint64_t> peers{{address, load}};
    for (const auto& [id, h] : heard)
    {
        if (h.address != address)
        {
            peers[h.address] = h.peerKeys;
        }
    }
    if (peers.size() < m_config.minPeers)
    {
        return -1;
    }
    double sum = 0;
    for (const auto& [addr, keys] : peers)
    {
        sum += static_cast<double>(keys);
    }
    return sum / static_cast<double>(peers.size());
}

bool
LeadShadowBalancer::Accepts(uint32_t address,
                            uint64_t load,
                            const std::map<uint64_t, Heard>& heard,
                            uint64_t keys) const
{
    const double mean = MeanLoad(address, load, heard);
    return mean > 0 && static_cast<double>(load + keys) <= m_config.high * mean;
}

LeadShadowBalancer::Action
LeadShadowBalancer::Decide(uint32_t address,
                           const std::vector<Own>& own,
                           const std::map<uint64_t, Heard>& heard,
                           const std::map<uint32_t, uint64_t>& cold,
                           const CutAt& cut,
                           const std::function<double()>& uniform) const
{
    Action a;
    for (const Own& o : own)
    {
        a.load += o.keys;
    }
    a.mean = MeanLoad(address, a.load, heard);
    if (a.mean < 0 || own.empty())
    {
        a.mean = 0;
        return a;
    }
    const double load = static_cast<double>(a.load);
    if (load > m_config.high * a.mean)
    {
        // The largest vnode that does not take the node below the mean may be shed: its whole
        // arc goes to one heir, so a larger one would only move the excess to another node.
        const double excess = load - a.mean;
        const Own* shed = nullptr;
        for (const Own& o : own)
        {
            if (own.size() > 1 && static_cast<double>(o.keys) <= excess &&
                (!shed || o.keys > shed->keys) && o.keys > 0)
            {
                shed = &o;
            }
        }
        // It is shed if it carries at least half the excess; otherwise the excess sits in a
        // vnode too large to shed, and recruits split that one (or, with nobody to recruit,
        // the smaller vnode goes).
        const bool enough = shed && static_cast<double>(shed->keys) * 2 >= excess;
        if (!enough && cut && PlanRecruits(own, cold, a, cut, uniform))
        {
            a.kind = Action::RECRUIT;
        }
        else if (shed)
        {
            a.kind = Action::SHED;
            a.index = shed->index;
        }
        return a;
    }
    // Below Low x mean a node takes from any hot arc; below the mean it helps nodes above
    // High x mean, as long as it stays under High x mean itself.
    if (load < a.mean && own.size() < m_config.maxVnodes &&
        PickSplit(own, heard, a, load < m_config.low * a.mean, uniform))
    {
        a.kind = Action::ADD;
    }
    return a;
}

bool
LeadShadowBalancer::PickSplit(const std::vector<Own>& own,
                              const std::map<uint64_t, Heard>& heard,
                              Action& action,
                              bool underloaded,
                              const std::function<double()>& uniform) const
{
    // Every id known (own and heard), to find each heard vnode's predecessor among them.
    std::vector<uint64_t> ids;
    for (const Own& o : own)
    {
        ids.push_back(o.id);
    }
    // Score: the vnode's keys, weighted by how far its node is above the mean (splitting the
    // arcs of overloaded nodes is what brings the maximum down).
    const double mean = action.mean;
    const double high = m_config.high * mean;
    std::vector<std::tuple<double, uint64_t, uint64_t>> hot; // (score, id, keys)
    for (const auto& [id, h] : heard)
    {
        ids.push_back(id);
        if (!underloaded && static_cast<double>(h.peerKeys) <= high)
        {
            continue;
        }
        const double over = mean > 0 ? static_cast<double>(h.peerKeys) / mean : 1.0;
        hot.emplace_back(static_cast<double>(h.keys) * std::max(over, 0.1), id, h.keys);
    }
    std::sort(ids.begin(), ids.end());
    std::sort(hot.rbegin(), hot.rend());
    if (hot.empty())
    {
        return false;
    }
    const size_t top = std::min(hot.size(), size_t{3});
    const size_t pick =
        std::min(static_cast<size_t>(uniform() * static_cast<double>(top)), top - 1);
    const auto [score, owner, keys] = hot[pick];
    if (keys < 2)
    {
        return false;
    }
    auto it = std::lower_bound(ids.begin(), ids.end(), owner);
    const uint64_t pred = it == ids.begin() ? ids.back() : *std::prev(it);
    const uint64_t span = owner - pred; // clockwise arc length (wraps)
    // Take what brings this node to the mean, at most half the arc's keys (keys lie about
    // evenly along an arc under the learned hash), give or take a tenth.
    const double want =
        std::min(static_cast<double>(keys) / 2, mean - static_cast<double>(action.load));
    if (span < 16 || want < std::max(2.0, mean * 0.02))
    {
        return false;
    }
    const double at =
        std::clamp(want / static_cast<double>(keys) * (0.9 + 0.2 * uniform()), 0.02, 0.55);
    action.id = pred + static_cast<uint64_t>(static_cast<double>(span) * at);
    action.arcOwner = owner;
    return action.id != owner && action.id != pred;
}

bool
LeadShadowBalancer::PlanRecruits(const std::vector<Own>& own,
                                 const std::map<uint32_t, uint64_t>& cold,
                                 Action& action,
                                 const CutAt& cut,
                                 const std::function<double()>& uniform) const
{
    const Own& big = *std::max_element(own.begin(), own.end(), [](const Own& x, const Own& y) {
        return x.keys < y.keys;
    });
    const double mean = action.mean;
    // The nodes below the mean, the least loaded first; a random draw among the first
    // 2 x MaxRecruits, so that overloaded nodes with the same view ask different nodes.
    std::vector<std::pair<uint64_t, uint32_t>> below;
    for (const auto& [address, keys] : cold)
    {
        if (static_cast<double>(keys) < mean)
        {
            below.emplace_back(keys, address);
        }
    }
    std::sort(below.begin(), below.end());
    below.resize(std::min(below.size(), size_t{2} * m_config.maxRecruits));
    for (size_t i = below.size(); i > 1; --i)
    {
        const auto j = std::min(static_cast<size_t>(uniform() * static_cast<double>(i)), i - 1);
        std::swap(below[i - 1], below[j]);
    }
    below.resize(std::min(below.size(), size_t{m_config.maxRecruits}));
    // Pieces from the start of the arc: the k-th ends at the key of rank taken + piece - 1,
    // ranks in keys (a request load is taken to lie on the arc as its keys do).
    const double keysPerLoad = big.count == 0 || big.keys == 0
                                   ? 1.0
                                   : static_cast<double>(big.count) / static_cast<double>(big.keys);
    double excess = static_cast<double>(action.load) - mean;
    uint64_t taken = 0;
    uint64_t last = big.id;
    const double least = std::max(2.0, mean * 0.02);
    for (const auto& [keys, address] : below)
    {
        const double room = std::min(mean - static_cast<double>(keys), excess);
        const auto piece = static_cast<uint64_t>(
            std::min(room, static_cast<double>(big.keys) - static_cast<double>(taken) - 1));
        if (static_cast<double>(piece) < least || piece == 0)
        {
            continue;
        }
        const auto rank =
            static_cast<uint64_t>(static_cast<double>(taken + piece) * keysPerLoad + 0.5);
        if (rank == 0)
        {
            continue;
        }
        const auto at = cut(big.index, rank - 1);
        if (!at || *at == big.id || *at == last)
        {
            break;
        }
        action.recruits.push_back({address, *at, piece});
        taken += piece;
        excess -= static_cast<double>(piece);
        last = *at;
    }
    if (action.recruits.empty())
    {
        return false;
    }
    action.index = big.index;
    action.arcOwner = big.id;
    return true;
}

} // namespace lead
} // namespace ns3
