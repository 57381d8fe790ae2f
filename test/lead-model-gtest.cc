/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

// GoogleTest: the collaborative model update's simulator-free parts (LeadLeafAggregator).

#include "ns3/lead-drift-tracker.h"
#include "ns3/lead-key-dataset.h"
#include "ns3/lead-leaf-aggregator.h"
#include "ns3/lead-load-meter.h"
#include "ns3/lead-model-delta.h"
#include "ns3/lead-shadow-balancer.h"
#include "ns3/rmi-hash-model.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <gtest/gtest.h>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <random>

using namespace ns3;
using namespace ns3::lead;

namespace
{

LeafParams
Leaf(uint64_t firstKey, double intercept, double slope, uint64_t keys)
{
    LeafParams p;
    p.firstKey = firstKey;
    p.intercept = intercept;
    p.slope = slope;
    p.firstRank = static_cast<uint64_t>(intercept);
    p.lastRank = static_cast<uint64_t>(intercept) + keys;
    p.keys = keys;
    p.maxError = keys / 10;
    return p;
}

/// Pairs of neighbouring probe keys whose hashes are out of order.
uint64_t
Inversions(const LearnedHashModel& m, std::vector<uint64_t> probes)
{
    std::sort(probes.begin(), probes.end());
    uint64_t inv = 0;
    for (size_t i = 1; i < probes.size(); ++i)
    {
        inv += m.Hash(probes[i]) < m.Hash(probes[i - 1]) ? 1 : 0;
    }
    return inv;
}

} // namespace

TEST(LeadLeafAggregatorTest, WeightedMeanMovesLinesToOneOriginAndUnitesBounds)
{
    LeadLeafAggregator agg(LeadLeafAggregator::WEIGHTED_MEAN);
    // Two fits of leaf 3: 300 keys from origin 1000, 100 keys from origin 1200.
    agg.Add(3, Leaf(1000, 50.0, 0.5, 300));
    agg.Add(3, Leaf(1200, 160.0, 0.4, 100));
    agg.Add(7, Leaf(5000, 10.0, 1.0, 0)); // fitted on no keys: counts once
    EXPECT_EQ(agg.GetContributions(), 3U);
    auto out = agg.Aggregate();
    ASSERT_EQ(out.size(), 2U);
    const LeafParams& r = out.at(3);
    EXPECT_EQ(r.firstKey, 1000U);
    // The second line at origin 1000: 160 - 0.4 x 200 = 80. Weights 300 and 100.
    EXPECT_DOUBLE_EQ(r.intercept, (50.0 * 300 + 80.0 * 100) / 400);
    EXPECT_DOUBLE_EQ(r.slope, (0.5 * 300 + 0.4 * 100) / 400);
    EXPECT_EQ(r.keys, 400U);
    EXPECT_EQ(r.firstRank, 50U);
    EXPECT_EQ(r.lastRank, 350U);
    EXPECT_EQ(r.maxError, 30U);
    EXPECT_DOUBLE_EQ(out.at(7).slope, 1.0);
}

TEST(LeadLeafAggregatorTest, RobustMethodsResistAHostileMinority)
{
    // Seven honest fits near (intercept 1000, slope 2), one hostile with huge values.
    std::mt19937_64 rng(4);
    std::normal_distribution<double> noise(0.0, 1.0);
    const double hostileSlope = 1e12;
    double error[3];
    for (int m = 0; m < 3; ++m)
    {
        LeadLeafAggregator agg(static_cast<LeadLeafAggregator::Method>(m), 0.2);
        for (int i = 0; i < 7; ++i)
        {
            agg.Add(0, Leaf(100, 1000 + noise(rng), 2 + 0.01 * noise(rng), 100));
        }
        agg.Add(0, Leaf(100, -1e15, hostileSlope, 100));
        error[m] = std::abs(agg.Aggregate().at(0).slope - 2.0);
    }
    EXPECT_GT(error[LeadLeafAggregator::WEIGHTED_MEAN], 1e10); // one in eight poisons the mean
    EXPECT_LT(error[LeadLeafAggregator::TRIMMED_MEAN], 0.05);
    EXPECT_LT(error[LeadLeafAggregator::MEDIAN], 0.05);
    // Non-finite contributions are ignored.
    LeadLeafAggregator agg(LeadLeafAggregator::WEIGHTED_MEAN);
    agg.Add(1, Leaf(0, 5.0, 1.0, 10));
    agg.Add(1, Leaf(0, std::numeric_limits<double>::quiet_NaN(), INFINITY, 10));
    EXPECT_DOUBLE_EQ(agg.Aggregate().at(1).slope, 1.0);
    EXPECT_DOUBLE_EQ(agg.Aggregate().at(1).intercept, 5.0);
}

TEST(LeadLeafAggregatorTest, AppliedModelStaysMonotoneUnderHostileParameters)
{
    auto keys = KeyDataset::Generate(KeyDistribution::LOGNORMAL, 20000, 9);
    Ptr<LearnedHashModel> base = LearnedHashModel::CreateByName("rmi");
    base->Train(keys);
    ASSERT_GT(base->GetLeafCount(), 8U);
    std::mt19937_64 rng(5);
    for (int m = 0; m < 3; ++m)
    {
        LeadLeafAggregator agg(static_cast<LeadLeafAggregator::Method>(m));
        for (uint32_t j = 0; j < base->GetLeafCount(); j += 2)
        {
            // Honest copies and hostile ones: negative slopes, huge intercepts, swapped rank
            // intervals, origins outside the leaf.
            agg.Add(j, base->GetLeaf(j));
            LeafParams bad = base->GetLeaf(j);
            bad.slope = -1e9 * (1 + rng() % 5);
            bad.intercept = (rng() % 2 ? 1 : -1) * 1e18;
            std::swap(bad.firstRank, bad.lastRank);
            bad.firstKey = rng();
            agg.Add(j, bad);
        }
        Ptr<LearnedHashModel> next = agg.Apply(*base, base->GetVersion() + 1);
        EXPECT_EQ(next->GetVersion(), base->GetVersion() + 1);
        std::vector<uint64_t> probes(keys.begin(), keys.end());
        for (int i = 0; i < 20000; ++i)
        {
            probes.push_back(rng());
        }
        for (uint32_t j = 0; j < base->GetLeafCount(); ++j)
        {
            const uint64_t b = base->GetLeaf(j).firstKey;
            probes.push_back(b);
            probes.push_back(b == 0 ? 0 : b - 1);
        }
        EXPECT_EQ(Inversions(*next, probes), 0U) << "method " << m;
        // The base model is untouched.
        EXPECT_EQ(Inversions(*base, probes), 0U);
    }
    // Honest contributions only (each leaf's own parameters): the same hashes, up to the
    // rounding of the mean (below one part in 10^12 of the ring).
    LeadLeafAggregator honest(LeadLeafAggregator::WEIGHTED_MEAN);
    for (uint32_t j = 0; j < base->GetLeafCount(); ++j)
    {
        honest.Add(j, base->GetLeaf(j));
        honest.Add(j, base->GetLeaf(j));
    }
    Ptr<LearnedHashModel> same = honest.Apply(*base, base->GetVersion() + 1);
    for (size_t i = 0; i < keys.size(); i += 37)
    {
        ASSERT_NEAR(static_cast<double>(same->Hash(keys[i])),
                    static_cast<double>(base->Hash(keys[i])),
                    1.8e7)
            << "key " << keys[i];
    }
}

TEST(LeadLeafAggregatorTest, BadTrimIsRefused)
{
    EXPECT_DEATH(LeadLeafAggregator(LeadLeafAggregator::TRIMMED_MEAN, 0.5), "trimmed share");
}

TEST(LeadDriftTrackerTest, InsertsOverTheBaselineAgainstTheThreshold)
{
    LeadDriftTracker t(0.4);
    EXPECT_FALSE(t.IsReady());
    t.Inserted(); // before any baseline: counted, never ready
    EXPECT_EQ(t.GetInserted(), 1U);
    EXPECT_FALSE(t.IsReady());
    t.Reset(10);
    for (int i = 0; i < 3; ++i)
    {
        t.Inserted();
    }
    EXPECT_DOUBLE_EQ(t.GetDrift(), 0.3);
    EXPECT_FALSE(t.IsReady());
    t.Inserted();
    EXPECT_DOUBLE_EQ(t.GetDrift(), 0.4);
    EXPECT_TRUE(t.IsReady());
    EXPECT_EQ(t.GetInserted(), 4U);
    // A new baseline starts again; an empty vnode counts inserts over one key.
    t.Reset(0);
    EXPECT_FALSE(t.IsReady());
    t.Inserted();
    EXPECT_DOUBLE_EQ(t.GetDrift(), 1.0);
    EXPECT_TRUE(t.IsReady());
    EXPECT_DEATH(LeadDriftTracker(0.0), "threshold must be positive");
}

TEST(LeadModelDeltaTest, ChangedLeavesRebuildTheTargetExactly)
{
    Ptr<RmiHashModel> base = CreateObject<RmiHashModel>();
    base->Train(KeyDataset::Generate(KeyDistribution::LOGNORMAL, 20000, 4));
    base->SetVersion(3);
    Ptr<LearnedHashModel> target = base->Clone();
    std::map<uint32_t, LeafParams> changed;
    for (uint32_t j : {10U, 11U, 12U, 300U})
    {
        LeafParams p = base->GetLeaf(j);
        p.slope *= 1.5;
        p.intercept += 2;
        changed[j] = p;
    }
    target->SetLeaves(changed);
    target->SetVersion(65536 + 9);
    const std::vector<uint8_t> delta = LeadModelDelta::Make(*base, *target);
    EXPECT_EQ(delta.size(), LeadModelDelta::FIXED_SIZE + 4 * LeadModelDelta::ENTRY_SIZE);
    EXPECT_LT(delta.size() * 50, target->ToBytes().size()); // far smaller than the image
    std::string error;
    Ptr<LearnedHashModel> rebuilt =
        LeadModelDelta::Apply(*base, delta.data(), delta.size(), &error);
    ASSERT_TRUE(rebuilt) << error;
    EXPECT_EQ(rebuilt->ToBytes(), target->ToBytes());
    EXPECT_EQ(base->GetVersion(), 3U); // the base is not changed

    // Another base, a flipped byte, a cut: refused with a reason, nothing half applied.
    Ptr<LearnedHashModel> other = base->Clone();
    other->SetVersion(2);
    EXPECT_FALSE(LeadModelDelta::Apply(*other, delta.data(), delta.size(), &error));
    EXPECT_NE(error.find("another base"), std::string::npos);
    auto corrupt = delta;
    corrupt[LeadModelDelta::FIXED_SIZE + 20] ^= 0x40; // inside the first entry's intercept
    EXPECT_FALSE(LeadModelDelta::Apply(*base, corrupt.data(), corrupt.size(), &error));
    EXPECT_NE(error.find("checksum"), std::string::npos);
    for (size_t cut : {size_t{0}, size_t{10}, delta.size() - 1})
    {
        EXPECT_FALSE(LeadModelDelta::Apply(*base, delta.data(), cut, &error)) << cut;
    }
    // Models that differ in more than leaves have no delta.
    Ptr<RmiHashModel> fewer = CreateObject<RmiHashModel>();
    fewer->Train(KeyDataset::Generate(KeyDistribution::LOGNORMAL, 1000, 4));
    EXPECT_TRUE(LeadModelDelta::Make(*fewer, *target).empty());
}

namespace
{
/// Draws for the balancer: the best-scored arc (first draw 0), then the middle (0.5).
std::function<double()>
BestThenHalf()
{
    auto n = std::make_shared<int>(0);
    return [n]() { return (*n)++ % 2 == 0 ? 0.0 : 0.5; };
}
} // namespace

TEST(LeadShadowBalancerTest, UnderloadedAddsInsideAHotArcOverloadedShedsAndTheMiddleWaits)
{
    LeadShadowBalancer::Config c;
    LeadShadowBalancer b(c);
    // Six other nodes of 100 keys each; one vnode (id 1000, its predecessor 0) holds 80.
    std::map<uint64_t, LeadShadowBalancer::Heard> heard;
    for (uint32_t n = 0; n < 6; ++n)
    {
        heard[2000 + n * 1000] = {10 + n, 20, 100};
    }
    heard[0] = {30, 20, 100};
    heard[1000] = {31, 80, 100};
    // An empty-ish node (10 keys): mean (6 x 100 + 2 x 100 + 10) / 9 = 90; it adds a vnode in
    // the arc (0, 1000] taking at most half of the 80 keys, so the id lies in (0, 500].
    auto add = b.Decide(1, {{0, 50000, 10}}, heard, {}, nullptr, BestThenHalf());
    ASSERT_EQ(add.kind, LeadShadowBalancer::Action::ADD);
    EXPECT_EQ(add.arcOwner, 1000U);
    EXPECT_GT(add.id, 0U);
    EXPECT_LE(add.id, 550U);
    EXPECT_NEAR(add.mean, 810.0 / 9, 1e-9);
    // An overloaded node (two vnodes, 150 + 60 keys, mean 110): sheds the largest vnode that
    // keeps it at or above the mean (60 <= 210 - 110), not the 150.
    auto shed = b.Decide(1, {{0, 50000, 150}, {1, 60000, 60}}, heard, {}, nullptr, BestThenHalf());
    ASSERT_EQ(shed.kind, LeadShadowBalancer::Action::SHED);
    EXPECT_EQ(shed.index, 1U);
    // A node a little below the mean waits while nobody is above High x mean.
    EXPECT_EQ(b.Decide(1, {{0, 50000, 85}}, heard, {}, nullptr, BestThenHalf()).kind,
              LeadShadowBalancer::Action::NONE);
    // ... and helps once a node is: it splits that node's vnode.
    heard[1000].peerKeys = 300;
    auto help = b.Decide(1, {{0, 50000, 85}}, heard, {}, nullptr, BestThenHalf());
    ASSERT_EQ(help.kind, LeadShadowBalancer::Action::ADD);
    EXPECT_EQ(help.arcOwner, 1000U);
    // Too few nodes heard of: no decision.
    std::map<uint64_t, LeadShadowBalancer::Heard> few{{1000, {31, 80, 100}}};
    EXPECT_EQ(b.Decide(1, {{0, 50000, 10}}, few, {}, nullptr, BestThenHalf()).kind,
              LeadShadowBalancer::Action::NONE);
    c.low = 1.5;
    EXPECT_DEATH(LeadShadowBalancer{c}, "Low");
}

TEST(LeadShadowBalancerTest, AnOverloadedNodeRecruitsLightNodesAtExactCuts)
{
    LeadShadowBalancer::Config c;
    c.maxRecruits = 2;
    LeadShadowBalancer b(c);
    std::map<uint64_t, LeadShadowBalancer::Heard> heard;
    for (uint32_t n = 0; n < 7; ++n)
    {
        heard[2000 + n * 1000] = {10 + n, 100, 100};
    }
    // One vnode (index 0, id 50000) with 900 keys, the k-th at ring position 100 + 10 k; the
    // mean is (7 x 100 + 900) / 8 = 200, so 700 keys are too many.
    const LeadShadowBalancer::CutAt cut = [](uint16_t index, uint64_t rank) {
        EXPECT_EQ(index, 0U);
        return rank < 900 ? std::optional<uint64_t>(100 + 10 * rank) : std::nullopt;
    };
    // Nodes known below the mean: 23 (10 keys), 20 (50), 21 (120); 22 is above it.
    const std::map<uint32_t, uint64_t> cold{{20, 50}, {21, 120}, {22, 250}, {23, 10}};
    const auto keepOrder = []() { return 0.999; }; // the shuffle leaves the order
    auto r = b.Decide(1, {{0, 50000, 900}}, heard, cold, cut, keepOrder);
    ASSERT_EQ(r.kind, LeadShadowBalancer::Action::RECRUIT);
    EXPECT_EQ(r.index, 0U);
    EXPECT_EQ(r.arcOwner, 50000U);
    ASSERT_EQ(r.recruits.size(), 2U); // MaxRecruits
    // Node 23 gets the first 190 keys (ranks 0..189: up to the mean), node 20 the next 150.
    EXPECT_EQ(r.recruits[0].address, 23U);
    EXPECT_EQ(r.recruits[0].keys, 190U);
    EXPECT_EQ(r.recruits[0].id, 100U + 10 * 189);
    EXPECT_EQ(r.recruits[1].address, 20U);
    EXPECT_EQ(r.recruits[1].keys, 150U);
    EXPECT_EQ(r.recruits[1].id, 100U + 10 * 339);
    // The pieces never exceed the excess: with 250 keys (mean 118.75) only 131 go.
    auto small = b.Decide(1, {{0, 50000, 250}}, heard, cold, cut, keepOrder);
    ASSERT_EQ(small.kind, LeadShadowBalancer::Action::RECRUIT);
    uint64_t moved = 0;
    for (const auto& p : small.recruits)
    {
        moved += p.keys;
    }
    EXPECT_LE(static_cast<double>(moved), 250 - small.mean + 1);
    // Nobody below the mean, or no predecessor to cut from: wait.
    EXPECT_EQ(b.Decide(1, {{0, 50000, 900}}, heard, {{22, 250}}, cut, keepOrder).kind,
              LeadShadowBalancer::Action::NONE);
    const LeadShadowBalancer::CutAt none = [](uint16_t, uint64_t) {
        return std::optional<uint64_t>();
    };
    EXPECT_EQ(b.Decide(1, {{0, 50000, 900}}, heard, cold, none, keepOrder).kind,
              LeadShadowBalancer::Action::NONE);
    // A recruit takes a piece that keeps it at most at High x the mean (100 here): 20 keys
    // yes, 21 no; with too few nodes heard of, nothing.
    EXPECT_TRUE(b.Accepts(1, 100, heard, 20));
    EXPECT_FALSE(b.Accepts(1, 100, heard, 21));
    EXPECT_FALSE(b.Accepts(1, 0, {{1000, {31, 80, 100}}}, 1));
}

TEST(LeadLoadMeterTest, RatesOverFullWindowsOnly)
{
    LeadLoadMeter m(Seconds(10));
    EXPECT_EQ(m.Rate(0, 100, Seconds(0)), 0.0); // first sample: the window starts
    EXPECT_EQ(m.Rate(0, 150, Seconds(5)), 0.0); // half a window: no rate yet
    EXPECT_DOUBLE_EQ(m.Rate(0, 300, Seconds(12)), 200.0 / 12);
    EXPECT_DOUBLE_EQ(m.Rate(0, 400, Seconds(15)), 200.0 / 12); // kept within the window
    EXPECT_DOUBLE_EQ(m.Rate(0, 400, Seconds(22)), 100.0 / 10);
    EXPECT_EQ(m.Rate(1, 7, Seconds(22)), 0.0); // items are independent
    EXPECT_DOUBLE_EQ(m.Rate(0, 400, Seconds(40)), 0.0);
    EXPECT_DEATH(LeadLoadMeter{Seconds(0)}, "window");
}
