/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-flow-model.h"

#include "ns3/abort.h"

#include <algorithm>
#include <limits>

namespace ns3
{
namespace lead
{

namespace
{
/// Bytes below which a transfer counts as done (rounding of rate x time).
constexpr double DONE_BYTES = 1e-3;
} // namespace

LeadFlowModel::LeadFlowModel(uint32_t hosts, double bytesPerSecond)
    : m_hosts(hosts),
      m_capacity(bytesPerSecond)
{
    NS_ABORT_MSG_IF(hosts == 0 || !(bytesPerSecond > 0),
                    "LeadFlowModel: need hosts > 0 and a positive link rate, got "
                        << hosts << " hosts at " << bytesPerSecond << " B/s");
}

uint64_t
LeadFlowModel::Start(uint32_t src, uint32_t dst, uint64_t bytes, double now)
{
    NS_ABORT_MSG_IF(src >= m_hosts || dst >= m_hosts,
                    "LeadFlowModel::Start: host " << std::max(src, dst) << " of " << m_hosts);
    Advance(now);
    const uint64_t id = m_nextId++;
    Flow f;
    f.src = src;
    f.dst = dst;
    // A local copy crosses no link: it is done at once.
    f.remaining = src == dst ? 0.0 : static_cast<double>(bytes);
    if (src == dst)
    {
        m_delivered += static_cast<double>(bytes);
    }
    m_flows.emplace(id, f);
    Reallocate();
    return id;
}

void
LeadFlowModel::Reallocate()
{
    // Progressive filling: raise all unfrozen rates together; when a link saturates, freeze
    // the flows crossing it. Links 0..hosts-1 are uplinks, hosts..2*hosts-1 downlinks.
    std::vector<double> left(2 * m_hosts, m_capacity);
    std::vector<uint32_t> users(2 * m_hosts, 0);
    std::vector<std::map<uint64_t, Flow>::iterator> open;
    for (auto it = m_flows.begin(); it != m_flows.end(); ++it)
    {
        it->second.rate = 0;
        if (it->second.remaining > 0)
        {
            open.push_back(it);
            ++users[it->second.src];
            ++users[m_hosts + it->second.dst];
        }
    }
    while (!open.empty())
    {
        double step = std::numeric_limits<double>::infinity();
        for (size_t l = 0; l < left.size(); ++l)
        {
            if (users[l] > 0)
            {
                step = std::min(step, left[l] / users[l]);
            }
        }
        for (auto& it : open)
        {
            it->second.rate += step;
            left[it->second.src] -= step;
            left[m_hosts + it->second.dst] -= step;
        }
        std::vector<std::map<uint64_t, Flow>::iterator> still;
        for (auto& it : open)
        {
            const uint32_t up = it->second.src;
            const uint32_t down = m_hosts + it->second.dst;
            if (left[up] <= m_capacity * 1e-12 || left[down] <= m_capacity * 1e-12)
            {
                --users[up];
                --users[down];
            }
            else
            {
                still.push_back(it);
            }
        }
        open.swap(still);
    }
}

std::vector<uint64_t>
LeadFlowModel::Advance(double now)
{
    const double dt = std::max(0.0, now - m_now);
    m_now = std::max(m_now, now);
    std::vector<uint64_t> done;
    for (auto& [id, f] : m_flows)
    {
        const double moved = std::min(f.remaining, f.rate * dt);
        f.remaining -= moved;
        m_delivered += moved;
        if (f.remaining <= DONE_BYTES)
        {
            m_delivered += f.remaining;
            f.remaining = 0;
            done.push_back(id);
        }
    }
    for (uint64_t id : done)
    {
        m_flows.erase(id);
    }
    if (!done.empty())
    {
        Reallocate();
    }
    return done;
}

double
LeadFlowModel::NextFinish() const
{
    double next = std::numeric_limits<double>::infinity();
    for (const auto& [id, f] : m_flows)
    {
        if (f.remaining <= 0)
        {
            return m_now;
        }
        if (f.rate > 0)
        {
            next = std::min(next, m_now + f.remaining / f.rate);
        }
    }
    return next;
}

size_t
LeadFlowModel::GetActiveCount() const
{
    return m_flows.size();
}

double
LeadFlowModel::GetRate(uint64_t id) const
{
    auto it = m_flows.find(id);
    return it == m_flows.end() ? 0.0 : it->second.rate;
}

double
LeadFlowModel::GetDeliveredBytes() const
{
    return m_delivered;
}

} // namespace lead
} // namespace ns3
