/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

// GoogleTest: the churn model (session draws, schedules, trace files).

#include "ns3/lead-churn-model.h"

#include <gtest/gtest.h>
#include <random>
#include <sstream>

namespace tests
{

using namespace ns3;
using namespace ns3::lead;

namespace
{

/// Mean and coefficient of variation of n draws.
std::pair<double, double>
Moments(LeadChurnModel::Distribution d, Time mean, const LeadChurnModel::Shapes& shapes, int n)
{
    std::mt19937_64 rng(42);
    std::uniform_real_distribution<double> u(0, 1);
    double sum = 0;
    double sq = 0;
    for (int i = 0; i < n; ++i)
    {
        const double x = LeadChurnModel::Draw(d, mean, u(rng), shapes).GetSeconds();
        sum += x;
        sq += x * x;
    }
    const double m = sum / n;
    return {m, std::sqrt(sq / n - m * m) / m};
}

} // namespace

TEST(LeadChurnModelTest, DrawsHaveTheirMeanAndShape)
{
    LeadChurnModel::Shapes shapes;
    shapes.pareto = 3.0;  // finite variance: CV = 1 / sqrt(a (a - 2)) = 0.577
    shapes.weibull = 0.5; // CV = sqrt(Gamma(5) / Gamma(3)^2 - 1) = sqrt(5) = 2.236
    const Time mean = Seconds(3600);
    const auto [me, ce] = Moments(LeadChurnModel::EXPONENTIAL, mean, shapes, 200000);
    EXPECT_NEAR(me, 3600, 36);
    EXPECT_NEAR(ce, 1.0, 0.02);
    const auto [mp, cp] = Moments(LeadChurnModel::PARETO, mean, shapes, 200000);
    EXPECT_NEAR(mp, 3600, 36);
    EXPECT_NEAR(cp, 0.577, 0.05);
    const auto [mw, cw] = Moments(LeadChurnModel::WEIBULL, mean, shapes, 400000);
    EXPECT_NEAR(mw, 3600, 72);
    EXPECT_NEAR(cw, 2.236, 0.2);
    const auto [mu, cu] = Moments(LeadChurnModel::UNIFORM, mean, shapes, 200000);
    EXPECT_NEAR(mu, 3600, 36);
    EXPECT_NEAR(cu, 1.8 / std::sqrt(12.0), 0.01); // U[0.1 m, 1.9 m]
    // Exact points of the inverse transforms.
    EXPECT_EQ(LeadChurnModel::Draw(LeadChurnModel::UNIFORM, mean, 0.5, shapes), mean);
    EXPECT_NEAR(LeadChurnModel::Draw(LeadChurnModel::EXPONENTIAL, mean, 1 - std::exp(-1.0), shapes)
                    .GetSeconds(),
                3600,
                1e-6);
    // The Pareto minimum is its scale, m (a - 1) / a.
    EXPECT_NEAR(LeadChurnModel::Draw(LeadChurnModel::PARETO, mean, 0.0, shapes).GetSeconds(),
                2400,
                1e-6);
}

TEST(LeadChurnModelTest, GenerateAlternatesSessionsAndDownTimesUntilTheEnd)
{
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> u(0, 1);
    const auto s = LeadChurnModel::Generate(3,
                                            Seconds(100),
                                            Seconds(100 + 7200),
                                            LeadChurnModel::EXPONENTIAL,
                                            Seconds(600),
                                            Seconds(300),
                                            LeadChurnModel::Shapes(),
                                            [&]() { return u(rng); });
    ASSERT_FALSE(s.empty());
    EXPECT_EQ(s.front().up, Seconds(100));
    double upTime = 0;
    for (size_t i = 0; i < s.size(); ++i)
    {
        EXPECT_EQ(s[i].node, 3U);
        EXPECT_LT(s[i].up, s[i].down);
        EXPECT_LE(s[i].down, Seconds(7300));
        if (i > 0)
        {
            EXPECT_GT(s[i].up, s[i - 1].down);
        }
        upTime += (s[i].down - s[i].up).GetSeconds();
    }
    // About 600 / (600 + 300) of the time up, over about 8 cycles.
    EXPECT_GT(s.size(), 3U);
    EXPECT_NEAR(upTime / 7200, 2.0 / 3, 0.25);
}

TEST(LeadChurnModelTest, TraceIsReadSortedAndCommentsIgnored)
{
    std::istringstream in("# node up down\n"
                          "2 10 20\n"
                          "\n"
                          "1 0 5.5   # first session\n"
                          "2 30 40\n");
    std::vector<LeadChurnModel::Session> s;
    ASSERT_EQ(LeadChurnModel::ParseTrace(in, s), "");
    ASSERT_EQ(s.size(), 3U);
    EXPECT_EQ(s[0].node, 1U);
    EXPECT_EQ(s[0].down, Seconds(5.5));
    EXPECT_EQ(s[1].node, 2U);
    EXPECT_EQ(s[1].up, Seconds(10));
    EXPECT_EQ(s[2].up, Seconds(30));
}

TEST(LeadChurnModelTest, MalformedTraceLinesAreRejectedWithTheirNumber)
{
    const std::vector<std::pair<std::string, std::string>> bad{
        {"1 0 10\n2 5\n", "line 2: expected three fields"},
        {"1 0 10 4\n", "line 1: expected three fields"},
        {"x 0 10\n", "line 1: "},
        {"-1 0 10\n", "line 1: node '-1' is not a node index"},
        {"1 0 10\n\n1 a 10\n", "line 3: "},
        {"1 0 1e\n", "line 1: down time '1e' is not a number"},
        {"1 10 5\n", "line 1: a session must have 0 <= up < down"},
        {"1 -1 5\n", "line 1: a session must have 0 <= up < down"},
        {"1 0 nan\n", "line 1: a session must have 0 <= up < down"},
        {"1 0 10\n1 5 20\n", "node 1: sessions overlap"},
        {"99999999999 0 10\n", "line 1: node 99999999999 is out of range"},
        {"1 0 1e10\n", "line 1: down time 1e10 s is beyond the 1000000000 s"},
    };
    for (const auto& [text, expected] : bad)
    {
        std::istringstream in(text);
        std::vector<LeadChurnModel::Session> s;
        const std::string error = LeadChurnModel::ParseTrace(in, s);
        EXPECT_EQ(error.rfind(expected, 0), 0U) << "'" << text << "' gave '" << error << "'";
    }
}

TEST(LeadChurnModelTest, FuzzerFindingTimeBeyondNs3RangeIsRefused)
{
    // lead-file-fuzzer (churn), first run: a 35-digit down time overflowed ns-3's Time
    // (undefined behaviour in int64x64 under UBSan). The input, byte for byte.
    const std::string input("#)\0o\1\0\0\0\0\0\0\0dpn\n0 0 100\n"
                            "1 1 2666666666666666666666666666666666660.5\n2 30 400",
                            74);
    std::istringstream in(input);
    std::vector<LeadChurnModel::Session> s;
    const std::string error = LeadChurnModel::ParseTrace(in, s);
    EXPECT_EQ(
        error.rfind("line 3: down time 2666666666666666666666666666666666660.5 s is beyond", 0),
        0U)
        << error;
}

} // namespace tests
