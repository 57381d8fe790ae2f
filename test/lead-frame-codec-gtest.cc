/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

// GoogleTest: the length framing of the TCP transport (LeadFrameCodec), simulator-free. The
// expected frames are the messages the test itself framed, never the decoder's own output.

#include "ns3/lead-frame-codec.h"

#include <gtest/gtest.h>
#include <random>

namespace tests
{

using ns3::lead::LeadFrameCodec;

namespace
{

/// `count` messages of pseudo-random lengths in [0, maxLen] and contents.
std::vector<std::vector<uint8_t>>
Messages(size_t count, uint32_t maxLen, uint32_t seed)
{
    std::mt19937 rng(seed);
    std::vector<std::vector<uint8_t>> out;
    for (size_t i = 0; i < count; ++i)
    {
        std::vector<uint8_t> m(rng() % (maxLen + 1));
        for (auto& b : m)
        {
            b = static_cast<uint8_t>(rng());
        }
        out.push_back(std::move(m));
    }
    return out;
}

/// The stream carrying the messages, frame after frame.
std::vector<uint8_t>
Stream(const std::vector<std::vector<uint8_t>>& messages)
{
    std::vector<uint8_t> s;
    for (const auto& m : messages)
    {
        LeadFrameCodec::AppendFrame(s, m.data(), static_cast<uint32_t>(m.size()));
    }
    return s;
}

} // namespace

TEST(LeadFrameCodecTest, LengthFieldIsBigEndian)
{
    uint8_t out[4];
    LeadFrameCodec::WriteLength(0x01020304, out);
    EXPECT_EQ(out[0], 1);
    EXPECT_EQ(out[1], 2);
    EXPECT_EQ(out[2], 3);
    EXPECT_EQ(out[3], 4);
}

TEST(LeadFrameCodecTest, WholeFramesInOneRead)
{
    const auto msgs = Messages(50, 300, 1);
    const auto s = Stream(msgs);
    LeadFrameCodec c;
    std::vector<uint32_t> frames;
    ASSERT_TRUE(c.Push(s.data(), s.size(), frames));
    ASSERT_EQ(frames.size(), msgs.size());
    for (size_t i = 0; i < msgs.size(); ++i)
    {
        EXPECT_EQ(frames[i], msgs[i].size()) << "frame " << i;
    }
    EXPECT_EQ(c.GetPartialBytes(), 0U);
}

TEST(LeadFrameCodecTest, FrameSplitAcrossReadsAtEveryPosition)
{
    // One 9-byte message and one empty one, the stream cut in two at every position: the
    // frames complete exactly when their last byte arrives.
    const std::vector<std::vector<uint8_t>> msgs{{1, 2, 3, 4, 5, 6, 7, 8, 9}, {}};
    const auto s = Stream(msgs);
    ASSERT_EQ(s.size(), 17U);
    for (size_t cut = 0; cut <= s.size(); ++cut)
    {
        LeadFrameCodec c;
        std::vector<uint32_t> first;
        std::vector<uint32_t> second;
        ASSERT_TRUE(c.Push(s.data(), cut, first));
        EXPECT_EQ(first.size(), cut >= 13 ? (cut == 17 ? 2U : 1U) : 0U) << "cut " << cut;
        EXPECT_EQ(c.GetPartialBytes(), cut < 13 ? cut : cut - 13 - (cut == 17 ? 4 : 0))
            << "cut " << cut;
        ASSERT_TRUE(c.Push(s.data() + cut, s.size() - cut, second));
        first.insert(first.end(), second.begin(), second.end());
        ASSERT_EQ(first.size(), 2U) << "cut " << cut;
        EXPECT_EQ(first[0], 9U);
        EXPECT_EQ(first[1], 0U);
        EXPECT_EQ(c.GetPartialBytes(), 0U);
    }
}

TEST(LeadFrameCodecTest, ByteByByteAndRandomPieces)
{
    const auto msgs = Messages(200, 5000, 2);
    const auto s = Stream(msgs);
    std::mt19937 rng(3);
    for (int mode = 0; mode < 2; ++mode)
    {
        LeadFrameCodec c;
        std::vector<uint32_t> frames;
        size_t pos = 0;
        while (pos < s.size())
        {
            const size_t n = mode == 0 ? 1 : std::min<size_t>(1 + rng() % 3000, s.size() - pos);
            ASSERT_TRUE(c.Push(s.data() + pos, n, frames));
            pos += n;
        }
        ASSERT_EQ(frames.size(), msgs.size());
        for (size_t i = 0; i < msgs.size(); ++i)
        {
            EXPECT_EQ(frames[i], msgs[i].size());
        }
    }
}

TEST(LeadFrameCodecTest, FrameLengthLimit)
{
    // A frame of exactly the limit passes; one byte more breaks the stream for good, even
    // if valid frames follow.
    LeadFrameCodec c(100);
    std::vector<uint8_t> atLimit(100, 7);
    std::vector<uint8_t> s;
    LeadFrameCodec::AppendFrame(s, atLimit.data(), 100);
    std::vector<uint32_t> frames;
    ASSERT_TRUE(c.Push(s.data(), s.size(), frames));
    ASSERT_EQ(frames.size(), 1U);

    std::vector<uint8_t> over(101, 1);
    std::vector<uint8_t> bad;
    LeadFrameCodec::AppendFrame(bad, over.data(), 101);
    LeadFrameCodec::AppendFrame(bad, atLimit.data(), 3);
    frames.clear();
    EXPECT_FALSE(c.Push(bad.data(), bad.size(), frames));
    EXPECT_TRUE(frames.empty());
    EXPECT_TRUE(c.IsBroken());
    EXPECT_EQ(c.GetBadLength(), 101U);
    EXPECT_FALSE(c.Push(s.data(), s.size(), frames));
    EXPECT_TRUE(frames.empty());
}

TEST(LeadFrameCodecTest, HugeLengthFieldSplitAcrossReads)
{
    // 0xffffffff arriving one byte at a time: refused when the fourth byte arrives.
    LeadFrameCodec c;
    const uint8_t len[4] = {0xff, 0xff, 0xff, 0xff};
    std::vector<uint32_t> frames;
    for (int i = 0; i < 3; ++i)
    {
        EXPECT_TRUE(c.Push(len + i, 1, frames));
    }
    EXPECT_FALSE(c.Push(len + 3, 1, frames));
    EXPECT_EQ(c.GetBadLength(), 0xffffffffU);
    EXPECT_EQ(c.GetMaxFrame(), LeadFrameCodec::DEFAULT_MAX_FRAME);
}

} // namespace tests
