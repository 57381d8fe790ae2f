/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

// GoogleTest for the key data sets: seeded generators and the SOSD binary and text loaders.

#include "ns3/lead-inet-file.h"
#include "ns3/lead-key-dataset.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>
#include <unistd.h>

using namespace ns3::lead;

namespace
{

std::string
TempPath(const std::string& name)
{
    return testing::TempDir() + "lead-ds-" + std::to_string(getpid()) + "-" + name;
}

void
WriteBytes(const std::string& path, const std::vector<uint8_t>& bytes)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()), bytes.size());
}

void
WriteText(const std::string& path, const std::string& text)
{
    std::ofstream out(path, std::ios::trunc);
    out << text;
}

std::vector<uint8_t>
Le64(uint64_t v)
{
    std::vector<uint8_t> b;
    for (int i = 0; i < 8; ++i)
    {
        b.push_back(static_cast<uint8_t>(v >> (8 * i)));
    }
    return b;
}

double
Median(const std::vector<uint64_t>& keys)
{
    return static_cast<double>(keys[keys.size() / 2]);
}

class GeneratorTest : public testing::TestWithParam<KeyDistribution>
{
};

} // namespace

TEST_P(GeneratorTest, SortedDistinctAndDeterministic)
{
    auto a = KeyDataset::Generate(GetParam(), 20000, 123);
    auto b = KeyDataset::Generate(GetParam(), 20000, 123);
    auto c = KeyDataset::Generate(GetParam(), 20000, 124);
    ASSERT_EQ(a.size(), 20000U);
    EXPECT_TRUE(std::adjacent_find(a.begin(),
                                   a.end(),
                                   [](uint64_t x, uint64_t y) { return x >= y; }) == a.end())
        << "keys must be strictly increasing";
    EXPECT_EQ(a, b);
    EXPECT_NE(a, c);
}

INSTANTIATE_TEST_SUITE_P(AllDistributions,
                         GeneratorTest,
                         testing::ValuesIn(KeyDataset::GetAll()),
                         [](const testing::TestParamInfo<KeyDistribution>& info) {
                             return KeyDataset::GetName(info.param);
                         });

TEST(KeyDatasetTest, DistributionShapes)
{
    const uint64_t n = 50000;
    auto uniform = KeyDataset::Generate(KeyDistribution::UNIFORM, n, 1);
    EXPECT_NEAR(Median(uniform) / std::ldexp(1.0, 64), 0.5, 0.02);

    auto normal = KeyDataset::Generate(KeyDistribution::NORMAL, n, 1);
    EXPECT_NEAR(Median(normal), std::ldexp(1.0, 63), 0.05 * std::ldexp(1.0, 60));
    // About 68 % within one standard deviation (2^60) of the mean.
    auto within = std::count_if(normal.begin(), normal.end(), [](uint64_t k) {
        return std::fabs(static_cast<double>(k) - std::ldexp(1.0, 63)) < std::ldexp(1.0, 60);
    });
    EXPECT_NEAR(static_cast<double>(within) / n, 0.6827, 0.01);

    auto lognormal = KeyDataset::Generate(KeyDistribution::LOGNORMAL, n, 1);
    EXPECT_NEAR(Median(lognormal) / 1e9, 1.0, 0.05); // median of exp(N(0,4)) is 1

    auto seq = KeyDataset::Generate(KeyDistribution::SEQUENTIAL, n, 1);
    uint64_t unitGaps = 0;
    for (size_t i = 1; i < seq.size(); ++i)
    {
        unitGaps += (seq[i] - seq[i - 1] == 1);
    }
    EXPECT_NEAR(static_cast<double>(unitGaps) / n, 0.9, 0.01);

    // Zipf: the most popular of the 1024 regions (width 2^54) holds far more than 1/1024.
    auto zipf = KeyDataset::Generate(KeyDistribution::ZIPF, n, 1);
    std::vector<uint64_t> regions(1024, 0);
    for (auto k : zipf)
    {
        ++regions[k >> 54];
    }
    EXPECT_GT(*std::max_element(regions.begin(), regions.end()), n / 20);

    // Clustered: the densest 1 % of the key domain holds much more than 1 % of the keys.
    auto clustered = KeyDataset::Generate(KeyDistribution::CLUSTERED, n, 1);
    std::vector<uint64_t> cells(100, 0);
    for (auto k : clustered)
    {
        ++cells[std::min<uint64_t>(99, static_cast<uint64_t>(k / 1.4e17))];
    }
    EXPECT_GT(*std::max_element(cells.begin(), cells.end()), n / 10);
}

TEST(KeyDatasetTest, ParseNames)
{
    for (auto d : KeyDataset::GetAll())
    {
        KeyDistribution parsed;
        ASSERT_TRUE(KeyDataset::ParseDistribution(KeyDataset::GetName(d), parsed));
        EXPECT_EQ(parsed, d);
    }
    KeyDistribution unused;
    EXPECT_FALSE(KeyDataset::ParseDistribution("gaussian", unused));
}

TEST(KeyDatasetTest, SosdRoundTripAndSorting)
{
    const std::string path = TempPath("keys.bin");
    std::vector<uint64_t> keys = {9, 3, 18446744073709551615ULL, 0, 3};
    std::string error;
    ASSERT_TRUE(KeyDataset::SaveSosd(path, keys, &error)) << error;
    // Independent check of the layout: count then keys, little-endian.
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    EXPECT_EQ(static_cast<size_t>(in.tellg()), 8 + 8 * keys.size());
    std::vector<uint64_t> loaded;
    ASSERT_TRUE(KeyDataset::LoadSosd(path, loaded, &error)) << error;
    std::vector<uint64_t> sorted = keys;
    std::sort(sorted.begin(), sorted.end());
    EXPECT_EQ(loaded, sorted);
    std::vector<uint64_t> viaLoad;
    ASSERT_TRUE(KeyDataset::Load(path, viaLoad, &error));
    EXPECT_EQ(viaLoad, sorted);
    std::remove(path.c_str());
}

TEST(KeyDatasetTest, SosdHandWrittenFile)
{
    const std::string path = TempPath("hand.bin");
    std::vector<uint8_t> bytes = Le64(2);
    auto a = Le64(0x0102030405060708ULL);
    auto b = Le64(7);
    bytes.insert(bytes.end(), a.begin(), a.end());
    bytes.insert(bytes.end(), b.begin(), b.end());
    WriteBytes(path, bytes);
    std::vector<uint64_t> keys;
    ASSERT_TRUE(KeyDataset::LoadSosd(path, keys, nullptr));
    EXPECT_EQ(keys, (std::vector<uint64_t>{7, 0x0102030405060708ULL}));
    std::remove(path.c_str());
}

TEST(KeyDatasetTest, BadSosdFilesAreRejectedWithTheirName)
{
    const std::string path = TempPath("bad.bin");

    struct Case
    {
        std::vector<uint8_t> bytes;
        std::string why;
    };

    auto threeKeysTwoPresent = Le64(3);
    for (int i = 0; i < 16; ++i)
    {
        threeKeysTwoPresent.push_back(1);
    }
    auto oneKeyTwoPresent = Le64(1);
    for (int i = 0; i < 16; ++i)
    {
        oneKeyTwoPresent.push_back(1);
    }
    auto ragged = Le64(1);
    for (int i = 0; i < 11; ++i)
    {
        ragged.push_back(1);
    }
    std::vector<Case> cases = {
        {{}, "truncated"},
        {{1, 2, 3}, "truncated"},
        {Le64(0), "no keys"},
        {threeKeysTwoPresent, "truncated"},
        {oneKeyTwoPresent, "fewer"},
        {ragged, "announces 1 keys"},
    };
    for (const auto& c : cases)
    {
        WriteBytes(path, c.bytes);
        std::vector<uint64_t> keys = {99};
        std::string error;
        EXPECT_FALSE(KeyDataset::LoadSosd(path, keys, &error));
        EXPECT_NE(error.find(path), std::string::npos) << error;
        EXPECT_NE(error.find(c.why), std::string::npos) << error;
        EXPECT_EQ(keys, std::vector<uint64_t>{99}) << "output touched on failure";
    }
    std::remove(path.c_str());
    std::string error;
    std::vector<uint64_t> keys;
    EXPECT_FALSE(KeyDataset::LoadSosd(path, keys, &error));
    EXPECT_NE(error.find("cannot open"), std::string::npos);
}

TEST(KeyDatasetTest, TextFiles)
{
    const std::string path = TempPath("keys.txt");
    WriteText(path, "# header comment\n42\n\n  7  \r\n18446744073709551615\n0\n");
    std::vector<uint64_t> keys;
    std::string error;
    ASSERT_TRUE(KeyDataset::Load(path, keys, &error)) << error;
    EXPECT_EQ(keys, (std::vector<uint64_t>{0, 7, 42, 18446744073709551615ULL}));

    struct Case
    {
        std::string text;
        std::string why;
    };

    std::vector<Case> cases = {
        {"1\n2\n12a\n", "line 3"},
        {"18446744073709551616\n", "line 1"},
        {"-5\n", "line 1"},
        {"1.5\n", "line 1"},
        {"1 2\n", "line 1"},
        {"# only a comment\n\n", "holds no keys"},
    };
    for (const auto& c : cases)
    {
        WriteText(path, c.text);
        std::vector<uint64_t> out = {99};
        EXPECT_FALSE(KeyDataset::LoadText(path, out, &error)) << c.text;
        EXPECT_NE(error.find(path), std::string::npos) << error;
        EXPECT_NE(error.find(c.why), std::string::npos) << error;
        EXPECT_EQ(out, std::vector<uint64_t>{99});
    }
    std::remove(path.c_str());
}

namespace
{

using ns3::lead::LeadInetFile;

/// Parse an Inet topology text; returns the error ("" on success).
std::string
ParseInet(const std::string& text, LeadInetFile& f)
{
    std::istringstream in(text);
    std::string error;
    return f.Parse(in, "topology file 't'", &error) ? "" : error;
}

TEST(LeadInetFileTest, ReadsNodesAndLinksWithWeights)
{
    LeadInetFile f;
    ASSERT_EQ(ParseInet("3 3\n0 10 20\n2 1.5 -3\n1 0 0\n0 1 5\n1 2\n2 0 0.25\n\n", f), "");
    EXPECT_EQ(f.GetNodes(), 3U);
    ASSERT_EQ(f.GetLinks().size(), 3U);
    EXPECT_EQ(f.GetLinks()[0].weight, 5.0);
    EXPECT_EQ(f.GetLinks()[1].weight, 1.0); // no weight: 1, not the line before's
    EXPECT_EQ(f.GetLinks()[2].from, 2U);
    EXPECT_EQ(f.GetLinks()[2].weight, 0.25);
}

TEST(LeadInetFileTest, BadFilesNameTheirLineAndLeaveTheObjectEmpty)
{
    const std::vector<std::pair<std::string, std::string>> bad{
        {"", "topology file 't': the file is empty"},
        {"3\n", "line 1: expected 'nodes links'"},
        {"1 1\n0 0 0\n0 0\n", "line 1: announces 1 nodes and 1 links"},
        {"2 1\n0 0 0\n", "line 2: the file ends after 2 lines"},
        {"2 1\n0 0 0\n5 0 0\n0 1\n", "line 3: expected a node line 'id x y' with id below 2"},
        {"2 1\n0 0 0\n0 1 1\n0 1\n", "line 3: node 0 is listed twice"},
        {"2 1\n0 0 0\n1 x 1\n0 1\n", "line 3: expected a node line"},
        {"2 1\n0 0 0\n1 0 0\n0 2\n", "line 4: expected a link line 'from to [weight]'"},
        {"2 1\n0 0 0\n1 0 0\n1 1\n", "line 4: link from node 1 to itself"},
        {"2 1\n0 0 0\n1 0 0\n0 1 -2\n", "line 4: link weight '-2' is not a positive number"},
        {"2 1\n0 0 0\n1 0 0\n0 1 nan\n", "line 4: link weight 'nan'"},
        {"2 1\n0 0 0\n1 0 0\n0 1\n1 0\n", "line 5: unexpected text after the 1 announced links"},
        {"70000 1\n", "line 1: expected 'nodes links' (two counts, at most 65535 nodes)"},
    };
    for (const auto& [text, expected] : bad)
    {
        LeadInetFile f;
        const std::string error = ParseInet(text, f);
        EXPECT_NE(error.find(expected), std::string::npos)
            << "'" << text << "' gave '" << error << "'";
        EXPECT_EQ(f.GetNodes(), 0U);
        EXPECT_TRUE(f.GetLinks().empty());
    }
}

TEST(LeadInetFileTest, TheShippedTopologyIsValid)
{
    std::ifstream in(std::string(LEAD_SOURCE_DIR) + "/examples/topologies/lead-inet-24.txt");
    ASSERT_TRUE(in.good());
    LeadInetFile f;
    std::string error;
    ASSERT_TRUE(f.Parse(in, "lead-inet-24.txt", &error)) << error;
    EXPECT_EQ(f.GetNodes(), 24U);
    EXPECT_EQ(f.GetLinks().size(), 34U);
}

} // namespace
