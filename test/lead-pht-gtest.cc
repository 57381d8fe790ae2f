/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

// GoogleTest: PhtLabel and PhtIndex, the simulator-free part of the PHT baseline.

#include "ns3/lead-key-dataset.h"
#include "ns3/lead-pht-index.h"

#include <gtest/gtest.h>
#include <set>

using namespace ns3::lead;

TEST(PhtLabelTest, RangesAndChildren)
{
    const PhtLabel root;
    EXPECT_EQ(root.Low(), 0U);
    EXPECT_EQ(root.High(), UINT64_MAX);
    const PhtLabel right = root.Child(1);
    EXPECT_EQ(right.length, 1);
    EXPECT_EQ(right.Low(), uint64_t{1} << 63);
    EXPECT_EQ(right.High(), UINT64_MAX);
    EXPECT_EQ(root.Child(0).High(), (uint64_t{1} << 63) - 1);
    const PhtLabel l = PhtLabel::Of(0xabcdef0123456789ULL, 12);
    EXPECT_EQ(l.bits, 0xabc0000000000000ULL);
    EXPECT_EQ(l.High(), 0xabcfffffffffffffULL);
    EXPECT_EQ(l.Child(0).High() + 1, l.Child(1).Low());
    const PhtLabel full = PhtLabel::Of(42, 64);
    EXPECT_EQ(full.Low(), 42U);
    EXPECT_EQ(full.High(), 42U);
    // Positions and markers differ between labels that share bits but not length, and
    // between the two kinds of one label.
    EXPECT_NE(PhtLabel::Of(0, 3).Position(), PhtLabel::Of(0, 4).Position());
    EXPECT_NE(l.MarkerKey(true), l.MarkerKey(false));
    EXPECT_NE(l.MarkerKey(true), l.Position());
}

TEST(PhtIndexTest, LeavesPartitionTheKeySpaceAndHoldEveryKeyOnce)
{
    for (auto dist :
         {KeyDistribution::UNIFORM, KeyDistribution::LOGNORMAL, KeyDistribution::SEQUENTIAL})
    {
        const auto keys = KeyDataset::Generate(dist, 5000, 3);
        for (uint32_t bucket : {1U, 16U, 100U})
        {
            const PhtIndex index(keys, bucket);
            uint64_t expectLow = 0;
            bool first = true;
            size_t held = 0;
            uint32_t leaves = 0;
            std::set<uint64_t> positions;
            for (const auto& n : index.GetNodes())
            {
                positions.insert(n.label.Position());
                if (!n.leaf)
                {
                    EXPECT_TRUE(n.keys.empty());
                    continue;
                }
                ++leaves;
                // Depth-first order lists the leaves left to right, each starting where the
                // previous one ended.
                EXPECT_EQ(n.label.Low(), first ? 0 : expectLow);
                first = false;
                expectLow = n.label.High() + 1;
                EXPECT_LE(n.keys.size(), bucket);
                for (uint64_t k : n.keys)
                {
                    EXPECT_GE(k, n.label.Low());
                    EXPECT_LE(k, n.label.High());
                    EXPECT_TRUE(index.FindLeaf(k) == n.label);
                }
                held += n.keys.size();
            }
            EXPECT_EQ(expectLow, 0U) << "the last leaf ends at the top of the key space";
            EXPECT_EQ(held, keys.size());
            EXPECT_EQ(leaves, index.GetLeafCount());
            EXPECT_EQ(positions.size(), index.GetNodes().size()) << "no two nodes share a position";
            // A trie of n keys in buckets of B has at least n / B leaves.
            EXPECT_GE(leaves * bucket, keys.size());
        }
    }
}

TEST(PhtIndexTest, DepthLimitAndErrors)
{
    const std::vector<uint64_t> keys{10, 11, 12, 13, 14, 15, 16, 17};
    // All keys share their first 59 bits: splitting stops at depth 4 with every key in the
    // leftmost leaf, and an empty right sibling at each of the depths 1 to 4.
    const PhtIndex shallow(keys, 2, 4);
    EXPECT_EQ(shallow.GetLeafCount(), 5U);
    EXPECT_EQ(shallow.GetDepth(), 4);
    EXPECT_EQ(shallow.FindLeaf(17).length, 4);
    for (const auto& n : shallow.GetNodes())
    {
        EXPECT_EQ(n.keys.size(), n.label == shallow.FindLeaf(10) ? keys.size() : 0U);
    }
    const PhtIndex deep(keys, 2);
    EXPECT_GE(deep.GetDepth(), 61);
    EXPECT_TRUE(deep.FindLeaf(13) == deep.FindLeaf(12));
    EXPECT_DEATH(PhtIndex(keys, 0), "BucketSize");
    EXPECT_DEATH(PhtIndex({3, 1}, 4), "sorted");
}
