/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

// GoogleTest: one round of the collaborative model update without the simulator
// (LeadUpdatePlan): a ring of vnodes, an oracle of who owns which key, a cluster of new keys,
// and the round the coordinator over that cluster runs.

#include "ns3/lead-key-dataset.h"
#include "ns3/lead-update-plan.h"
#include "ns3/rmi-hash-model.h"

#include <algorithm>
#include <cmath>
#include <gtest/gtest.h>
#include <map>
#include <random>

using namespace ns3;
using namespace ns3::lead;

namespace
{

/// 40 vnodes with random ids, 20,000 uniform training keys, then 6,000 new keys crowded into
/// the key range of about ten leaves.
struct Ring
{
    Ptr<RmiHashModel> model;
    std::vector<uint64_t> ids;  // sorted
    std::vector<uint64_t> keys; // sorted: training keys and the cluster
    uint64_t clusterLo{0};
    uint64_t clusterHi{0};

    Ring()
    {
        model = CreateObject<RmiHashModel>();
        std::vector<uint64_t> train = KeyDataset::Generate(KeyDistribution::UNIFORM, 20000, 5);
        model->Train(train);
        std::mt19937_64 rng(11);
        for (int i = 0; i < 40; ++i)
        {
            ids.push_back(rng());
        }
        std::sort(ids.begin(), ids.end());
        keys = train;
        clusterLo = train[10000];
        clusterHi = train[10320];
        std::uniform_int_distribution<uint64_t> in(clusterLo + 1, clusterHi - 1);
        for (int i = 0; i < 6000; ++i)
        {
            keys.push_back(in(rng));
        }
        std::sort(keys.begin(), keys.end());
        keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    }

    /// Index in ids of the owner of a ring position (its successor).
    size_t Owner(uint64_t position) const
    {
        auto it = std::lower_bound(ids.begin(), ids.end(), position);
        return it == ids.end() ? 0 : static_cast<size_t>(it - ids.begin());
    }

    /// Keys per vnode under a model.
    std::vector<uint64_t> Load(const LearnedHashModel& m) const
    {
        std::vector<uint64_t> load(ids.size(), 0);
        for (uint64_t k : keys)
        {
            ++load[Owner(m.Hash(k))];
        }
        return load;
    }

    /// A vnode's keys under the current model.
    std::vector<uint64_t> KeysOf(size_t v) const
    {
        std::vector<uint64_t> out;
        for (uint64_t k : keys)
        {
            if (Owner(model->Hash(k)) == v)
            {
                out.push_back(k);
            }
        }
        return out;
    }

    /// The report of vnode v.
    LeadUpdatePlan::Report ReportOf(size_t v) const
    {
        LeadUpdatePlan::Report r;
        r.id = ids[v];
        r.arcStart = ids[(v + ids.size() - 1) % ids.size()];
        r.leaves = LeadUpdatePlan::CountLeaves(*model, KeysOf(v));
        return r;
    }

    /// The coordinator: the owner of the cluster's middle.
    size_t Coordinator() const
    {
        return Owner(model->Hash(clusterLo / 2 + clusterHi / 2));
    }

    /// A planned round: the coordinator's predecessor and 15 successors (those not wrapping).
    LeadUpdatePlan PlanRound(size_t c) const
    {
        LeadUpdatePlan plan(model, ids[c]);
        for (int d = -1; d <= 15; ++d)
        {
            plan.AddReport(ReportOf((c + ids.size() + d) % ids.size()));
        }
        return plan;
    }

    /// Every participant's honest pieces added to the plan.
    void Refit(LeadUpdatePlan& plan, bool validate, uint64_t hostile = 0) const
    {
        for (uint64_t id : plan.GetChain())
        {
            const size_t v =
                static_cast<size_t>(std::find(ids.begin(), ids.end(), id) - ids.begin());
            std::map<uint32_t, std::vector<uint64_t>> byLeaf;
            for (uint64_t k : KeysOf(v))
            {
                byLeaf[model->LeafOf(k)].push_back(k);
            }
            for (const auto& a : plan.GetAssignments(id))
            {
                LeafParams p =
                    LeadUpdatePlan::FitPiece(*model, a.leaf, byLeaf[a.leaf], a.rankLo, a.rankHi);
                if (id == hostile)
                {
                    p.intercept = -1e18;
                    p.slope = 1e12;
                    p.firstRank = 0;
                    p.lastRank = 1ULL << 62;
                    p.keys = 1ULL << 40;
                }
                plan.AddPiece(id, a.leaf, p, validate);
            }
        }
    }
};

double
MaxOverMean(const std::vector<uint64_t>& load, const std::vector<size_t>& among)
{
    double sum = 0;
    double max = 0;
    for (size_t v : among)
    {
        sum += static_cast<double>(load[v]);
        max = std::max(max, static_cast<double>(load[v]));
    }
    return max / (sum / static_cast<double>(among.size()));
}

} // namespace

TEST(LeadUpdatePlanTest, CountLeavesGroupsAVnodesKeysByLeaf)
{
    Ring r;
    const std::vector<uint64_t> mine = r.KeysOf(r.Coordinator());
    const auto counts = LeadUpdatePlan::CountLeaves(*r.model, mine);
    uint64_t total = 0;
    for (size_t i = 0; i < counts.size(); ++i)
    {
        total += counts[i].keys;
        EXPECT_EQ(r.model->LeafOf(counts[i].minKey), counts[i].leaf);
        EXPECT_EQ(r.model->LeafOf(counts[i].maxKey), counts[i].leaf);
        if (i > 0)
        {
            EXPECT_GT(counts[i].leaf, counts[i - 1].leaf);
        }
    }
    EXPECT_EQ(total, mine.size());
}

TEST(LeadUpdatePlanTest, FitPieceSpreadsEvenKeysOverTheInterval)
{
    Ring r;
    const uint32_t leaf = r.model->LeafOf(r.keys[5000]);
    const uint64_t origin = r.model->GetLeaf(leaf).firstKey;
    std::vector<uint64_t> keys;
    for (uint64_t k = 0; k < 100; ++k)
    {
        keys.push_back(origin + 10 + 7 * k); // evenly spaced: a line fits exactly
    }
    const LeafParams p = LeadUpdatePlan::FitPiece(*r.model, leaf, keys, 1000.0, 1200.0);
    EXPECT_EQ(p.firstKey, origin);
    EXPECT_EQ(p.keys, 100u);
    EXPECT_EQ(p.firstRank, 1000u);
    EXPECT_EQ(p.lastRank, 1200u);
    EXPECT_NEAR(p.slope, 2.0 / 7.0, 1e-9);
    EXPECT_NEAR(p.intercept + p.slope * 10.0, 1001.0, 1e-6); // first key at lo + step / 2
    EXPECT_LE(p.maxError, 1u);
    // One key: a flat line in the middle of its interval.
    const LeafParams one = LeadUpdatePlan::FitPiece(*r.model, leaf, {origin + 5}, 10.0, 12.0);
    EXPECT_EQ(one.slope, 0.0);
    EXPECT_NEAR(one.intercept, 11.0, 1e-9);
}

TEST(LeadUpdatePlanTest, TheChainStopsAtAGapAndAtTheWrap)
{
    Ring r;
    const size_t c = r.Coordinator();
    LeadUpdatePlan plan(r.model, r.ids[c]);
    // Predecessor, self, successors 1..3, then successor 5 (4 is missing).
    for (int d : {-1, 0, 1, 2, 3, 5, 6})
    {
        plan.AddReport(r.ReportOf((c + r.ids.size() + d) % r.ids.size()));
    }
    plan.Plan();
    std::vector<uint64_t> want;
    for (int d : {-1, 0, 1, 2, 3})
    {
        want.push_back(r.ids[(c + r.ids.size() + d) % r.ids.size()]);
    }
    EXPECT_EQ(plan.GetChain(), want);

    // The first vnode's arc wraps past 0: a chain from vnode 1 cannot include it.
    LeadUpdatePlan atStart(r.model, r.ids[1]);
    for (size_t v : {r.ids.size() - 1, size_t{0}, size_t{1}, size_t{2}})
    {
        atStart.AddReport(r.ReportOf(v));
    }
    atStart.Plan();
    EXPECT_EQ(atStart.GetChain(), (std::vector<uint64_t>{r.ids[1], r.ids[2]}));
}

TEST(LeadUpdatePlanTest, AssignmentsTileTheInteriorSpanInKeyOrder)
{
    Ring r;
    LeadUpdatePlan plan = r.PlanRound(r.Coordinator());
    ASSERT_TRUE(plan.Plan());
    ASSERT_GE(plan.GetChain().size(), 10u);
    // Collect every assignment; in (leaf, chain position) order they must tile one interval,
    // each as wide as its keys' share.
    std::vector<std::pair<uint32_t, LeadUpdatePlan::Assignment>> all;
    for (size_t pos = 0; pos < plan.GetChain().size(); ++pos)
    {
        for (const auto& a : plan.GetAssignments(plan.GetChain()[pos]))
        {
            all.emplace_back(static_cast<uint32_t>(pos), a);
        }
    }
    std::sort(all.begin(), all.end(), [](const auto& x, const auto& y) {
        return std::make_pair(x.second.leaf, x.first) < std::make_pair(y.second.leaf, y.first);
    });
    ASSERT_FALSE(all.empty());
    for (size_t i = 0; i < all.size(); ++i)
    {
        const auto& a = all[i].second;
        EXPECT_GT(a.rankHi, a.rankLo);
        if (i > 0)
        {
            EXPECT_NEAR(a.rankLo, all[i - 1].second.rankHi, 1e-6);
        }
    }
    EXPECT_GT(plan.GetInteriorKeys(), 6000u); // the cluster lies inside
    const uint32_t first = all.front().second.leaf;
    const uint32_t last = all.back().second.leaf;
    EXPECT_NEAR(all.front().second.rankLo,
                static_cast<double>(r.model->GetLeaf(first - 1).lastRank),
                1e-6);
    EXPECT_NEAR(all.back().second.rankHi,
                static_cast<double>(r.model->GetLeaf(last + 1).firstRank),
                1.0);
}

TEST(LeadUpdatePlanTest, ARoundEvensTheChainsLoadAndMovesNothingElse)
{
    Ring r;
    const size_t c = r.Coordinator();
    LeadUpdatePlan plan = r.PlanRound(c);
    ASSERT_TRUE(plan.Plan());
    r.Refit(plan, true);
    EXPECT_EQ(plan.FillMissing(), 0u);
    Ptr<LearnedHashModel> next = plan.Build(LeadLeafAggregator::WEIGHTED_MEAN, 7);
    EXPECT_EQ(next->GetVersion(), 7u);

    // Monotone over every key.
    for (size_t i = 1; i < r.keys.size(); ++i)
    {
        ASSERT_LE(next->Hash(r.keys[i - 1]), next->Hash(r.keys[i])) << i;
    }
    // Keys outside the chain's vnodes keep their positions exactly.
    std::vector<size_t> chain;
    for (uint64_t id : plan.GetChain())
    {
        chain.push_back(
            static_cast<size_t>(std::find(r.ids.begin(), r.ids.end(), id) - r.ids.begin()));
    }
    uint64_t outside = 0;
    for (uint64_t k : r.keys)
    {
        const size_t owner = r.Owner(r.model->Hash(k));
        if (std::find(chain.begin(), chain.end(), owner) == chain.end())
        {
            ASSERT_EQ(next->Hash(k), r.model->Hash(k));
            ++outside;
        }
    }
    EXPECT_GT(outside, 10000u);
    // The chain's load, max over mean, falls, to near what arc lengths allow: the interior
    // keys now follow arc lengths (the chain's ends hold keys of the leaves at the span's
    // ends, which the round does not touch).
    const auto before = r.Load(*r.model);
    const auto after = r.Load(*next);
    const double mmBefore = MaxOverMean(before, chain);
    const double mmAfter = MaxOverMean(after, chain);
    std::vector<uint64_t> arcs(r.ids.size());
    for (size_t v : chain)
    {
        arcs[v] = r.ids[v] - r.ids[(v + r.ids.size() - 1) % r.ids.size()];
    }
    const double mmArcs = MaxOverMean(arcs, chain);
    EXPECT_GT(mmBefore, 4.0);
    EXPECT_LT(mmAfter, mmBefore / 2);
    EXPECT_LT(mmAfter, mmArcs * 1.3);
}

TEST(LeadUpdatePlanTest, ValidationContainsAHostileParticipant)
{
    Ring r;
    const size_t c = r.Coordinator();
    const uint64_t hostile = r.ids[(c + 1) % r.ids.size()];
    auto build = [&r, c, hostile](bool validate, LeadLeafAggregator::Method m) {
        LeadUpdatePlan plan = r.PlanRound(c);
        EXPECT_TRUE(plan.Plan());
        r.Refit(plan, validate, hostile);
        return std::make_pair(plan.Build(m, 9), plan.GetChain());
    };
    auto [honestModel, chainIds] = build(true, LeadLeafAggregator::WEIGHTED_MEAN);
    (void)honestModel;
    std::vector<size_t> chain;
    for (uint64_t id : chainIds)
    {
        chain.push_back(
            static_cast<size_t>(std::find(r.ids.begin(), r.ids.end(), id) - r.ids.begin()));
    }
    auto moved = [&r](const LearnedHashModel& m) {
        uint64_t n = 0;
        for (uint64_t k : r.keys)
        {
            n += r.Owner(m.Hash(k)) != r.Owner(r.model->Hash(k)) ? 1 : 0;
        }
        return n;
    };
    for (bool validate : {false, true})
    {
        Ptr<LearnedHashModel> m = build(validate, LeadLeafAggregator::WEIGHTED_MEAN).first;
        // Whatever the pieces, the hash stays monotone and keys outside the chain stay put.
        for (size_t i = 1; i < r.keys.size(); ++i)
        {
            ASSERT_LE(m->Hash(r.keys[i - 1]), m->Hash(r.keys[i]));
        }
        const double mm = MaxOverMean(r.Load(*m), chain);
        if (validate)
        {
            EXPECT_LT(mm, MaxOverMean(r.Load(*r.model), chain) / 2) << "validated";
        }
        else
        {
            EXPECT_GT(mm, 3.0) << "plain averaging lets the hostile pieces pile keys up";
        }
        EXPECT_GT(moved(*m), 0u);
    }
}
