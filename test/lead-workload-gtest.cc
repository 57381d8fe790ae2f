/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

// GoogleTest: the workload generator (Poisson arrivals, operation mix, range lengths).

#include "ns3/double.h"
#include "ns3/lead-key-dataset.h"
#include "ns3/lead-workload.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <gtest/gtest.h>
#include <set>

using namespace ns3;
using namespace ns3::lead;

namespace
{

std::vector<WorkloadOp>
Make(uint32_t n, const std::string& rangeLength, int64_t stream, double rate = 50)
{
    auto w = CreateObject<LeadWorkload>();
    w->SetAttribute("Operations", UintegerValue(n));
    w->SetAttribute("ArrivalRate", DoubleValue(rate));
    w->SetAttribute("GetShare", DoubleValue(2));
    w->SetAttribute("PutShare", DoubleValue(1));
    w->SetAttribute("RangeShare", DoubleValue(1));
    w->SetAttribute("RangeLength", StringValue(rangeLength));
    w->AssignStreams(stream);
    const auto loaded = KeyDataset::Generate(KeyDistribution::UNIFORM, 5000, 1);
    const auto fresh = KeyDataset::Generate(KeyDistribution::UNIFORM, 20000, 2);
    return w->Generate(loaded, fresh, 7, Seconds(10));
}

} // namespace

TEST(LeadWorkloadTest, PoissonArrivalsAndMix)
{
    const auto ops = Make(20000, "ns3::ConstantRandomVariable[Constant=100]", 5);
    ASSERT_EQ(ops.size(), 20000U);
    uint32_t kinds[3] = {0, 0, 0};
    std::set<uint32_t> clients;
    std::set<uint64_t> puts;
    Time prev = Seconds(10);
    double sumGap = 0;
    double sumGap2 = 0;
    for (const auto& op : ops)
    {
        ASSERT_GE(op.time, prev);
        const double gap = (op.time - prev).GetSeconds();
        sumGap += gap;
        sumGap2 += gap * gap;
        prev = op.time;
        ++kinds[op.kind];
        clients.insert(op.client);
        if (op.kind == WorkloadOp::PUT)
        {
            EXPECT_TRUE(puts.insert(op.key).second) << "each fresh key is put once";
        }
        if (op.kind == WorkloadOp::RANGE)
        {
            EXPECT_EQ(op.length, 100U);
            EXPECT_LE(op.key, op.endKey);
        }
    }
    const double mean = sumGap / ops.size();
    const double var = sumGap2 / ops.size() - mean * mean;
    EXPECT_NEAR(mean, 1.0 / 50, 0.02 / 50 * 2.5); // rate 50/s
    // Exponential gaps: standard deviation equals the mean.
    EXPECT_NEAR(std::sqrt(var), mean, 0.05 * mean);
    EXPECT_NEAR(kinds[WorkloadOp::GET] / 20000.0, 0.5, 0.02);
    EXPECT_NEAR(kinds[WorkloadOp::PUT] / 20000.0, 0.25, 0.02);
    EXPECT_NEAR(kinds[WorkloadOp::RANGE] / 20000.0, 0.25, 0.02);
    EXPECT_EQ(clients.size(), 7U);
}

TEST(LeadWorkloadTest, RangeLengthsFromADistributionAndDeterminism)
{
    const auto a = Make(3000, "ns3::UniformRandomVariable[Min=10|Max=1000]", 9);
    const auto b = Make(3000, "ns3::UniformRandomVariable[Min=10|Max=1000]", 9);
    const auto c = Make(3000, "ns3::UniformRandomVariable[Min=10|Max=1000]", 12);
    ASSERT_EQ(a.size(), b.size());
    bool same = true;
    bool differs = false;
    double sum = 0;
    uint32_t ranges = 0;
    for (size_t i = 0; i < a.size(); ++i)
    {
        same = same && a[i].time == b[i].time && a[i].key == b[i].key &&
               a[i].endKey == b[i].endKey && a[i].client == b[i].client && a[i].kind == b[i].kind;
        differs = differs || a[i].key != c[i].key;
        if (a[i].kind == WorkloadOp::RANGE)
        {
            EXPECT_GE(a[i].length, 10U);
            EXPECT_LE(a[i].length, 1000U);
            sum += a[i].length;
            ++ranges;
        }
    }
    EXPECT_TRUE(same) << "same streams, same workload";
    EXPECT_TRUE(differs) << "other streams, other workload";
    EXPECT_NEAR(sum / ranges, 505, 30);
}

TEST(LeadWorkloadTest, BadAttributesAbortNamingThem)
{
    EXPECT_DEATH(Make(10, "ns3::ConstantRandomVariable[Constant=100]", 1, -1), "ArrivalRate");
    auto w = CreateObject<LeadWorkload>();
    w->SetAttribute("GetShare", DoubleValue(0));
    w->SetAttribute("PutShare", DoubleValue(0));
    w->SetAttribute("RangeShare", DoubleValue(0));
    EXPECT_DEATH(w->Generate({1, 2, 3}, {}, 1, Seconds(0)), "RangeShare");
}
