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

LeadShadowBalancer::Action
LeadShadowBalancer::Decide(uint32_t address,
                           const std::vector<Own>& own,
                           const std::map<uint64_t, Heard>& heard,
                           const std::function<double()>& uniform) const
{
    Action a;
    for (const Own& o : own)
    {
        a.load += o.keys;
    }
    std::map<uint32_t, uint64_t> peers{{address, a.load}};
    for (const auto& [id, h] : heard)
    {
        if (h.address != address)
        {
            peers[h.address] = h.peerKeys;
        }
    }
    if (peers.size() < m_config.minPeers || own.empty())
    {
        return a;
    }
    double sum = 0;
    for (const auto& [addr, keys] : peers)
    {
        sum += static_cast<double>(keys);
    }
    a.mean = sum / static_cast<double>(peers.size());
    const double load = static_cast<double>(a.load);
    if (load > m_config.high * a.mean && own.size() > 1)
    {
        // Shed the largest vnode that does not take the node below the mean: its whole arc
        // goes to one heir, so a larger one would only move the excess to another node.
        // Without one, wait for underloaded nodes to split this node's arcs.
        uint64_t best = 0;
        for (const Own& o : own)
        {
            if (o.keys > best && static_cast<double>(o.keys) <= load - a.mean)
            {
                best = o.keys;
                a.index = o.index;
            }
        }
        if (best > 0)
        {
            a.kind = Action::SHED;
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

} // namespace lead
} // namespace ns3
