/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

// Simulator-free parts of the KV-cache case study: the radix tree (longest prefix, LRU
// eviction, snapshots), the flow model (max-min sharing) and the workloads.

#include "ns3/lead-flow-model.h"
#include "ns3/lead-prompt-workload.h"
#include "ns3/lead-radix-tree.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <gtest/gtest.h>
#include <map>
#include <random>
#include <set>

using namespace ns3::lead;

namespace
{

std::vector<uint64_t>
Seq(uint64_t start, uint32_t count)
{
    std::vector<uint64_t> v;
    for (uint32_t i = 0; i < count; ++i)
    {
        v.push_back(start + i);
    }
    return v;
}

std::vector<uint64_t>
Cat(std::vector<uint64_t> a, const std::vector<uint64_t>& b)
{
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

/// Brute-force longest cached prefix over a set of cached prompts (each with its prefixes).
uint32_t
OracleMatch(const std::vector<std::vector<uint64_t>>& cached, const std::vector<uint64_t>& q)
{
    uint32_t best = 0;
    for (const auto& c : cached)
    {
        uint32_t k = 0;
        while (k < c.size() && k < q.size() && c[k] == q[k])
        {
            ++k;
        }
        best = std::max(best, k);
    }
    return best;
}

} // namespace

TEST(LeadRadixTree, LongestPrefixAgainstBruteForce)
{
    // Random prompts built from shared stems, checked against a brute-force matcher.
    std::mt19937_64 gen(7);
    LeadRadixTree tree;
    std::vector<std::vector<uint64_t>> cached;
    for (int i = 0; i < 300; ++i)
    {
        const uint64_t stem = gen() % 6;
        std::vector<uint64_t> p = Seq(stem * 1000, 1 + gen() % 40);
        p = Cat(p, Seq(100000 + gen() % 50 * 100, gen() % 30));
        if (gen() % 2 == 0)
        {
            tree.Insert(p, i);
            cached.push_back(p);
        }
        ASSERT_EQ(tree.Match(p), OracleMatch(cached, p)) << "prompt " << i;
    }
    uint64_t blocks = 0;
    std::set<std::vector<uint64_t>> prefixes;
    for (const auto& c : cached)
    {
        for (size_t k = 1; k <= c.size(); ++k)
        {
            prefixes.insert(std::vector<uint64_t>(c.begin(), c.begin() + k));
        }
    }
    blocks = prefixes.size(); // every distinct prefix is one block of the tree
    EXPECT_EQ(tree.GetBlockCount(), blocks);
}

TEST(LeadRadixTree, SplitsAndMatchesPartialEdges)
{
    LeadRadixTree tree;
    tree.Insert(Seq(0, 10), 1);
    EXPECT_EQ(tree.GetNodeCount(), 1u);
    tree.Insert(Cat(Seq(0, 4), Seq(50, 3)), 2);
    EXPECT_EQ(tree.GetNodeCount(), 3u); // the shared 4 blocks, then two tails
    EXPECT_EQ(tree.GetBlockCount(), 13u);
    EXPECT_EQ(tree.Match(Seq(0, 10)), 10u);
    EXPECT_EQ(tree.Match(Seq(0, 7)), 7u);
    EXPECT_EQ(tree.Match(Cat(Seq(0, 4), Seq(50, 9))), 7u);
    EXPECT_EQ(tree.Match(Seq(1, 5)), 0u);
    EXPECT_EQ(tree.Match({}), 0u);
}

TEST(LeadRadixTree, EvictsLeastRecentlyUsedLeavesOnly)
{
    LeadRadixTree tree(20);
    tree.Insert(Seq(0, 8), 1);                   // A
    tree.Insert(Cat(Seq(0, 2), Seq(100, 6)), 2); // B shares A's first 2 blocks
    tree.Insert(Seq(500, 6), 3);                 // C: 8 + 6 + 6 = 20 blocks
    EXPECT_EQ(tree.GetBlockCount(), 20u);
    tree.Touch(Seq(0, 8), 4);    // A is now the most recent
    tree.Insert(Seq(900, 4), 5); // needs 4: evict the LRU leaf (B's tail)
    EXPECT_EQ(tree.GetEvictedCount(), 6u);
    EXPECT_EQ(tree.Match(Cat(Seq(0, 2), Seq(100, 6))), 2u); // the shared stem stays
    EXPECT_EQ(tree.Match(Seq(0, 8)), 8u);
    EXPECT_EQ(tree.Match(Seq(500, 6)), 6u);
    EXPECT_EQ(tree.Match(Seq(900, 4)), 4u);
    // Every cached block keeps its whole prefix: each leaf path is a prompt prefix inserted.
    for (const auto& path : tree.GetLeafPaths())
    {
        EXPECT_EQ(tree.Match(path), path.size());
    }
    tree.Insert(Seq(2000, 25), 6); // larger than the capacity: everything goes, itself too
    EXPECT_LE(tree.GetBlockCount(), 20u);
}

TEST(LeadRadixTree, SnapshotRoundTripAndRejectsCorruptEncodings)
{
    LeadRadixTree tree;
    tree.Insert(Seq(0, 40), 1);
    tree.Insert(Cat(Seq(0, 10), Seq(7000, 5)), 2);
    tree.Insert(Seq(300, 3), 3);
    std::vector<uint8_t> bytes;
    tree.Encode(bytes);
    EXPECT_EQ(bytes.size(), tree.GetEncodedSize());
    LeadRadixTree copy;
    std::string error;
    ASSERT_TRUE(copy.Decode(bytes.data(), bytes.size(), 9, error)) << error;
    EXPECT_EQ(copy.GetLeafPaths(), tree.GetLeafPaths());
    EXPECT_EQ(copy.GetBlockCount(), tree.GetBlockCount());
    // Truncations, a huge run length and a bad version all fail and leave the tree as it was.
    for (size_t cut = 0; cut < bytes.size(); ++cut)
    {
        ASSERT_FALSE(copy.Decode(bytes.data(), cut, 9, error)) << "cut at " << cut;
    }
    std::vector<uint8_t> huge = bytes;
    huge[1 + 4 + 4 + 4 + 8 + 3] = 0x7f; // first run's length, high byte (little-endian)
    EXPECT_FALSE(copy.Decode(huge.data(), huge.size(), 9, error));
    std::vector<uint8_t> version = bytes;
    version[0] = 2;
    EXPECT_FALSE(copy.Decode(version.data(), version.size(), 9, error));
    EXPECT_EQ(copy.GetLeafPaths(), tree.GetLeafPaths());
}

TEST(LeadFlowModel, OneFlowTakesBytesOverRate)
{
    LeadFlowModel m(4, 1000.0);
    const uint64_t id = m.Start(0, 1, 5000, 0.0);
    EXPECT_DOUBLE_EQ(m.GetRate(id), 1000.0);
    EXPECT_NEAR(m.NextFinish(), 5.0, 1e-9);
    EXPECT_TRUE(m.Advance(4.9).empty());
    EXPECT_EQ(m.Advance(5.0), std::vector<uint64_t>{id});
    EXPECT_EQ(m.GetActiveCount(), 0u);
    EXPECT_NEAR(m.GetDeliveredBytes(), 5000.0, 1e-6);
}

TEST(LeadFlowModel, SharesBottlenecksMaxMinFairly)
{
    // Two flows into host 2 share its downlink; a third, 0 -> 3, shares host 0's uplink with
    // the first: max-min gives 1/2, 1/2, 1/2 of the link. When one ends the others speed up.
    LeadFlowModel m(4, 1000.0);
    const uint64_t a = m.Start(0, 2, 1000, 0.0);
    const uint64_t b = m.Start(1, 2, 3000, 0.0);
    const uint64_t c = m.Start(0, 3, 1000, 0.0);
    EXPECT_NEAR(m.GetRate(a), 500.0, 1e-9);
    EXPECT_NEAR(m.GetRate(b), 500.0, 1e-9);
    EXPECT_NEAR(m.GetRate(c), 500.0, 1e-9);
    auto done = m.Advance(2.0);
    EXPECT_EQ(done, (std::vector<uint64_t>{a, c}));
    EXPECT_NEAR(m.GetRate(b), 1000.0, 1e-9); // alone now
    EXPECT_NEAR(m.NextFinish(), 4.0, 1e-9);  // 2000 bytes left at 1000 B/s
    // Unequal shares: host 0 sends to 1 and 2; host 3 also sends to 1.
    LeadFlowModel u(4, 900.0);
    const uint64_t x = u.Start(0, 1, 1e6, 0.0);
    const uint64_t y = u.Start(0, 2, 1e6, 0.0);
    const uint64_t z = u.Start(3, 1, 1e6, 0.0);
    EXPECT_NEAR(u.GetRate(x) + u.GetRate(y), 900.0, 1e-6);
    EXPECT_NEAR(u.GetRate(x) + u.GetRate(z), 900.0, 1e-6);
    EXPECT_NEAR(u.GetRate(x), 450.0, 1e-6);
    EXPECT_NEAR(u.GetRate(y), 450.0, 1e-6);
}

TEST(LeadPromptWorkload, LongDocQaRepeatModes)
{
    LeadPromptWorkload::LongDocQa p;
    p.documents = 4;
    p.repeatCount = 3;
    p.documentLength = 20000;
    std::vector<LeadPrompt> out;
    std::string error;
    p.repeatMode = "interleave";
    ASSERT_TRUE(LeadPromptWorkload::MakeLongDocQa(p, 1, out, error)) << error;
    ASSERT_EQ(out.size(), 4u + 12u);
    for (size_t i = 0; i < 4; ++i)
    {
        EXPECT_FALSE(out[i].measured);
        EXPECT_EQ(out[i].BlockCount(), 1250u);
        EXPECT_EQ(out[i].runs.size(), 1u);
    }
    for (size_t i = 0; i < 12; ++i)
    {
        EXPECT_EQ(out[4 + i].runs[0].start, LeadPromptWorkload::BlockKey(i / 3 + 1, 0));
    }
    p.repeatMode = "tile";
    ASSERT_TRUE(LeadPromptWorkload::MakeLongDocQa(p, 1, out, error));
    for (size_t i = 0; i < 12; ++i)
    {
        EXPECT_EQ(out[4 + i].runs[0].start, LeadPromptWorkload::BlockKey(i % 4 + 1, 0));
    }
    p.repeatMode = "random";
    ASSERT_TRUE(LeadPromptWorkload::MakeLongDocQa(p, 1, out, error));
    std::map<uint64_t, int> seen;
    for (size_t i = 4; i < out.size(); ++i)
    {
        ++seen[out[i].runs[0].start];
        EXPECT_GT(out[i].arrival, out[i - 1].arrival);
    }
    EXPECT_EQ(seen.size(), 4u);
    for (const auto& [k, n] : seen)
    {
        EXPECT_EQ(n, 3);
    }
    // Same seed, same workload; another seed, another order.
    std::vector<LeadPrompt> again;
    ASSERT_TRUE(LeadPromptWorkload::MakeLongDocQa(p, 1, again, error));
    EXPECT_EQ(again[7].runs, out[7].runs);
    EXPECT_DOUBLE_EQ(again[7].arrival, out[7].arrival);
    p.repeatMode = "sideways";
    EXPECT_FALSE(LeadPromptWorkload::MakeLongDocQa(p, 1, out, error));
    EXPECT_NE(error.find("sideways"), std::string::npos);
}

TEST(LeadPromptWorkload, HitMissRatioForcesFreshPrefixes)
{
    LeadPromptWorkload::LongDocQa p;
    p.documents = 2;
    p.repeatCount = 4;
    p.hits = 3;
    p.misses = 1;
    p.warmup = false;
    std::vector<LeadPrompt> out;
    std::string error;
    ASSERT_TRUE(LeadPromptWorkload::MakeLongDocQa(p, 3, out, error));
    std::set<uint64_t> fresh;
    for (size_t i = 0; i < out.size(); ++i)
    {
        const uint64_t stream = out[i].runs[0].start >> LeadPromptWorkload::INDEX_BITS;
        if (i % 4 == 3)
        {
            EXPECT_GT(stream, 2u);
            EXPECT_TRUE(fresh.insert(stream).second);
        }
        else
        {
            EXPECT_LE(stream, 2u);
        }
    }
}

TEST(LeadPromptWorkload, MmluSharesSubjectPrefixesWithZipfSkew)
{
    LeadPromptWorkload::Mmlu p;
    p.requests = 4000;
    p.zipf = 1.0;
    std::vector<LeadPrompt> out;
    std::string error;
    ASSERT_TRUE(LeadPromptWorkload::MakeMmlu(p, 5, out, error)) << error;
    std::map<uint64_t, int> bySubject;
    for (const auto& q : out)
    {
        ASSERT_EQ(q.runs.size(), 2u);
        ++bySubject[q.runs[0].start];
        EXPECT_EQ(q.promptTokens,
                  q.runs[0].count * 16 + q.promptTokens % 16 +
                      (q.promptTokens - q.runs[0].count * 16) / 16 * 16);
    }
    EXPECT_LE(bySubject.size(), 57u);
    // Zipf(1) over 57 ranks: the first holds 1/H(57) = 21.5 % of the requests.
    EXPECT_NEAR(bySubject[LeadPromptWorkload::BlockKey(1, 0)] / 4000.0, 0.215, 0.03);
    p.zipf = 0;
    ASSERT_TRUE(LeadPromptWorkload::MakeMmlu(p, 5, out, error));
    bySubject.clear();
    for (const auto& q : out)
    {
        ++bySubject[q.runs[0].start];
    }
    EXPECT_EQ(bySubject.size(), 57u);
}

TEST(LeadPromptWorkload, MooncakeLinesExpandIntoSixteenTokenBlocks)
{
    LeadPrompt p;
    std::string error;
    ASSERT_TRUE(LeadPromptWorkload::ParseMooncakeLine(
        R"({"timestamp": 1500, "input_length": 1100, "output_length": 7, "hash_ids": [0, 5, 6]})",
        p,
        error))
        << error;
    EXPECT_DOUBLE_EQ(p.arrival, 1.5);
    EXPECT_EQ(p.outputTokens, 7u);
    // 1100 tokens: id 0 and id 5 whole (32 blocks each), id 6 covers 76 tokens: 4 full blocks.
    ASSERT_EQ(p.runs.size(), 2u);
    EXPECT_EQ(p.runs[0], (LeadBlockRun{0, 32}));
    EXPECT_EQ(p.runs[1], (LeadBlockRun{5u << 5, 36}));
    for (const char* bad :
         {R"({"timestamp": 1, "input_length": 10, "output_length": 1})",
          R"({"timestamp": -1, "input_length": 10, "output_length": 1, "hash_ids": []})",
          R"({"timestamp": 1, "input_length": "x", "output_length": 1, "hash_ids": []})",
          R"({"timestamp": 1, "input_length": 10, "output_length": 1, "hash_ids": [1.5]})",
          R"({"timestamp": 1, "input_length": 10, "output_length": 1, "hash_ids": [1, )",
          ""})
    {
        EXPECT_FALSE(LeadPromptWorkload::ParseMooncakeLine(bad, p, error)) << bad;
    }
}

TEST(LeadPromptWorkload, MooncakeFilesNameTheirErrors)
{
    std::vector<LeadPrompt> out;
    std::string error;
    EXPECT_FALSE(LeadPromptWorkload::LoadMooncake("/nonexistent/trace.jsonl", 0, out, error));
    EXPECT_NE(error.find("/nonexistent/trace.jsonl"), std::string::npos);
    const std::string path = testing::TempDir() + "lead-mooncake-test.jsonl";
    {
        std::ofstream f(path);
        f << R"({"timestamp": 0, "input_length": 600, "output_length": 1, "hash_ids": [0, 1]})"
          << "\n"
          << R"({"timestamp": 5, "input_length": 600, "output_length": 1, "hash_ids": [0, 2]})"
          << "\n"
          << "not json\n";
    }
    EXPECT_FALSE(LeadPromptWorkload::LoadMooncake(path, 0, out, error));
    EXPECT_NE(error.find(":3:"), std::string::npos) << error;
    ASSERT_TRUE(LeadPromptWorkload::LoadMooncake(path, 2, out, error)) << error;
    ASSERT_EQ(out.size(), 2u);
    EXPECT_EQ(out[1].id, 1u);
    {
        std::ofstream f(path);
    }
    EXPECT_FALSE(LeadPromptWorkload::LoadMooncake(path, 0, out, error));
    EXPECT_NE(error.find("no requests"), std::string::npos);
}

TEST(LeadPromptWorkload, ReadsTheSharedMooncakeSlice)
{
    const std::string path = LEAD_SOURCE_DIR "/../shared/data/mooncake-slice-1000.jsonl";
    std::ifstream probe(path);
    if (!probe)
    {
        GTEST_SKIP() << "shared data not present";
    }
    std::vector<LeadPrompt> out;
    std::string error;
    ASSERT_TRUE(LeadPromptWorkload::LoadMooncake(path, 0, out, error)) << error;
    EXPECT_EQ(out.size(), 1000u);
    // Every conversation request starts with the shared system prompt (id 0).
    for (const auto& p : out)
    {
        ASSERT_FALSE(p.runs.empty());
        EXPECT_EQ(p.runs[0].start, 0u);
        EXPECT_LE(p.BlockCount() * 16u, p.promptTokens);
    }
}
