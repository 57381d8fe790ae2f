/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-update-plan.h"

#include "ns3/abort.h"

#include <algorithm>
#include <cmath>

namespace ns3
{
namespace lead
{

namespace
{

/**
 * @brief A key in a leaf's own coordinate.
 * @param key the key
 * @param origin the leaf's first key
 * @return key - origin, as a double (negative below the origin)
 */
double
LeafX(uint64_t key, uint64_t origin)
{
    return key >= origin ? static_cast<double>(key - origin) : -static_cast<double>(origin - key);
}

/**
 * @brief A rank as the integer bound of a leaf's rank interval.
 * @param rank the rank (not negative)
 * @return its floor
 */
uint64_t
RankBound(double rank)
{
    return static_cast<uint64_t>(std::floor(std::max(0.0, rank)));
}

} // namespace

std::vector<LeadUpdatePlan::LeafCount>
LeadUpdatePlan::CountLeaves(const LearnedHashModel& model, const std::vector<uint64_t>& sortedKeys)
{
    std::vector<LeafCount> out;
    for (uint64_t key : sortedKeys)
    {
        const uint32_t leaf = model.LeafOf(key);
        if (out.empty() || out.back().leaf != leaf)
        {
            out.push_back(LeafCount{leaf, 0, key, key});
        }
        LeafCount& c = out.back();
        ++c.keys;
        c.minKey = std::min(c.minKey, key);
        c.maxKey = std::max(c.maxKey, key);
    }
    return out;
}

LeafParams
LeadUpdatePlan::FitPiece(const LearnedHashModel& model,
                         uint32_t leaf,
                         const std::vector<uint64_t>& keys,
                         double rankLo,
                         double rankHi)
{
    LeafParams p;
    p.firstKey = model.GetLeaf(leaf).firstKey;
    p.firstRank = RankBound(rankLo);
    p.lastRank = std::max(p.firstRank, RankBound(rankHi));
    p.keys = keys.size();
    p.intercept = (rankLo + rankHi) / 2;
    if (keys.empty())
    {
        return p;
    }
    const double n = static_cast<double>(keys.size());
    const double step = (rankHi - rankLo) / n;
    double mx = 0;
    double my = 0;
    for (size_t k = 0; k < keys.size(); ++k)
    {
        mx += LeafX(keys[k], p.firstKey);
        my += rankLo + (static_cast<double>(k) + 0.5) * step;
    }
    mx /= n;
    my /= n;
    double sxx = 0;
    double sxy = 0;
    for (size_t k = 0; k < keys.size(); ++k)
    {
        const double dx = LeafX(keys[k], p.firstKey) - mx;
        sxx += dx * dx;
        sxy += dx * (rankLo + (static_cast<double>(k) + 0.5) * step - my);
    }
    p.slope = sxx > 0 ? std::max(0.0, sxy / sxx) : 0.0;
    p.intercept = my - p.slope * mx;
    double err = 0;
    for (size_t k = 0; k < keys.size(); ++k)
    {
        const double want = rankLo + (static_cast<double>(k) + 0.5) * step;
        err = std::max(err, std::abs(p.intercept + p.slope * LeafX(keys[k], p.firstKey) - want));
    }
    p.maxError = static_cast<uint64_t>(std::ceil(err));
    return p;
}

LeadUpdatePlan::LeadUpdatePlan(Ptr<const LearnedHashModel> model, uint64_t coordinator)
    : m_model(model),
      m_coordinator(coordinator)
{
    NS_ABORT_MSG_IF(!model || !model->IsTrained(), "LeadUpdatePlan: the model is not trained");
}

void
LeadUpdatePlan::AddReport(const Report& report)
{
    m_reports[report.id] = report;
}

void
LeadUpdatePlan::BuildChain()
{
    m_chain.clear();
    auto self = m_reports.find(m_coordinator);
    if (self == m_reports.end() || self->second.arcStart >= self->second.id)
    {
        return; // the coordinator's own arc wraps past 0
    }
    std::map<uint64_t, uint64_t> byStart; // arc start -> id, arcs that do not wrap
    for (const auto& [id, r] : m_reports)
    {
        if (r.arcStart < id)
        {
            byStart[r.arcStart] = id;
        }
    }
    m_chain.push_back(m_coordinator);
    for (auto it = m_reports.find(self->second.arcStart);
         it != m_reports.end() && it->second.arcStart < it->first;
         it = m_reports.find(it->second.arcStart))
    {
        m_chain.insert(m_chain.begin(), it->first);
    }
    for (auto it = byStart.find(m_coordinator); it != byStart.end(); it = byStart.find(it->second))
    {
        m_chain.push_back(it->second);
    }
}

bool
LeadUpdatePlan::Plan()
{
    BuildChain();
    m_slots.clear();
    m_pieces.clear();
    m_interior = 0;
    m_interiorKeys = 0;
    if (m_chain.size() < 2 || m_model->GetLeafCount() == 0)
    {
        return false;
    }
    uint32_t a = m_model->GetLeafCount();
    uint32_t b = 0;
    for (uint64_t id : m_chain)
    {
        for (const LeafCount& c : m_reports[id].leaves)
        {
            a = std::min(a, c.leaf);
            b = std::max(b, c.leaf);
        }
    }
    if (a >= m_model->GetLeafCount() || b < a + 2)
    {
        return false;
    }
    const double rLo = static_cast<double>(m_model->GetLeaf(a).lastRank);
    const double rHi = static_cast<double>(m_model->GetLeaf(b).firstRank);
    std::map<uint32_t, std::vector<std::pair<uint64_t, LeafCount>>> byLeaf; // in chain order
    for (uint64_t id : m_chain)
    {
        for (const LeafCount& c : m_reports[id].leaves)
        {
            if (c.leaf > a && c.leaf < b && c.keys > 0)
            {
                byLeaf[c.leaf].emplace_back(id, c);
                m_interiorKeys += c.keys;
            }
        }
    }
    if (m_interiorKeys == 0 || rHi <= rLo)
    {
        return false;
    }
    m_interior = b - a - 1;
    const double unit = (rHi - rLo) / static_cast<double>(m_interiorKeys);
    uint64_t offset = 0;
    for (uint32_t j = a + 1; j < b; ++j)
    {
        auto it = byLeaf.find(j);
        if (it == byLeaf.end())
        {
            // No keys: a flat leaf at the rank its position in the span gets.
            const double r = rLo + unit * static_cast<double>(offset);
            LeafParams flat;
            flat.firstKey = m_model->GetLeaf(j).firstKey;
            flat.intercept = r;
            flat.firstRank = RankBound(r);
            flat.lastRank = flat.firstRank;
            m_pieces.emplace_back(j, flat);
            continue;
        }
        for (const auto& [id, c] : it->second)
        {
            Slot s;
            s.assignment = Assignment{j,
                                      rLo + unit * static_cast<double>(offset),
                                      rLo + unit * static_cast<double>(offset + c.keys)};
            s.count = c;
            m_slots[id].push_back(s);
            offset += c.keys;
        }
    }
    return true;
}

const std::vector<uint64_t>&
LeadUpdatePlan::GetChain() const
{
    return m_chain;
}

std::vector<LeadUpdatePlan::Assignment>
LeadUpdatePlan::GetAssignments(uint64_t id) const
{
    std::vector<Assignment> out;
    auto it = m_slots.find(id);
    if (it != m_slots.end())
    {
        for (const Slot& s : it->second)
        {
            out.push_back(s.assignment);
        }
    }
    return out;
}

uint32_t
LeadUpdatePlan::GetInteriorLeaves() const
{
    return m_interior;
}

uint64_t
LeadUpdatePlan::GetInteriorKeys() const
{
    return m_interiorKeys;
}

LeafParams
LeadUpdatePlan::ChordLine(const Slot& slot) const
{
    const Assignment& a = slot.assignment;
    LeafParams p;
    p.firstKey = m_model->GetLeaf(a.leaf).firstKey;
    p.firstRank = RankBound(a.rankLo);
    p.lastRank = std::max(p.firstRank, RankBound(a.rankHi));
    p.keys = slot.count.keys;
    const double x0 = LeafX(slot.count.minKey, p.firstKey);
    const double x1 = LeafX(slot.count.maxKey, p.firstKey);
    if (x1 > x0)
    {
        p.slope = (a.rankHi - a.rankLo) / (x1 - x0);
        p.intercept = a.rankLo - p.slope * x0;
    }
    else
    {
        p.intercept = (a.rankLo + a.rankHi) / 2;
    }
    return p;
}

bool
LeadUpdatePlan::AddPiece(uint64_t id, uint32_t leaf, const LeafParams& params, bool validate)
{
    auto it = m_slots.find(id);
    if (it == m_slots.end())
    {
        return false;
    }
    auto slot = std::find_if(it->second.begin(), it->second.end(), [leaf](const Slot& s) {
        return s.assignment.leaf == leaf;
    });
    if (slot == it->second.end() || slot->received)
    {
        return false;
    }
    slot->received = true;
    // The leaf's origin is the model's (REFIT replies do not carry it).
    const uint64_t origin = m_model->GetLeaf(leaf).firstKey;
    if (!validate)
    {
        LeafParams p = params;
        p.firstKey = origin;
        m_pieces.emplace_back(leaf, p);
        return true;
    }
    const Assignment& a = slot->assignment;
    const double width = std::max(1.0, a.rankHi - a.rankLo);
    bool ok = std::isfinite(params.intercept) && std::isfinite(params.slope) && params.slope >= 0;
    if (ok)
    {
        const double lo = params.intercept + params.slope * LeafX(slot->count.minKey, origin);
        const double hi = params.intercept + params.slope * LeafX(slot->count.maxKey, origin);
        ok = std::isfinite(lo) && std::isfinite(hi) && lo >= a.rankLo - width &&
             hi <= a.rankHi + width;
    }
    LeafParams p = ok ? params : ChordLine(*slot);
    p.firstKey = origin;
    p.firstRank = RankBound(a.rankLo);
    p.lastRank = std::max(p.firstRank, RankBound(a.rankHi));
    p.keys = slot->count.keys;
    m_pieces.emplace_back(leaf, p);
    return ok;
}

uint32_t
LeadUpdatePlan::FillMissing()
{
    uint32_t filled = 0;
    for (auto& [id, slots] : m_slots)
    {
        for (Slot& s : slots)
        {
            if (!s.received)
            {
                s.received = true;
                m_pieces.emplace_back(s.assignment.leaf, ChordLine(s));
                ++filled;
            }
        }
    }
    return filled;
}

Ptr<LearnedHashModel>
LeadUpdatePlan::Build(LeadLeafAggregator::Method method, uint32_t version) const
{
    LeadLeafAggregator agg(method);
    for (const auto& [leaf, params] : m_pieces)
    {
        agg.Add(leaf, params);
    }
    return agg.Apply(*m_model, version);
}

} // namespace lead
} // namespace ns3
