/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

// GoogleTest for the one-hop membership view (LeadMembershipView): event order, owners of
// positions and arcs against a brute-force oracle of the live ids, the digest.

#include "ns3/lead-membership-view.h"
#include "ns3/lead-ring-id.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <random>
#include <set>

using namespace ns3;
using namespace ns3::lead;

namespace
{

VnodeRef
Ref(uint64_t id)
{
    return VnodeRef{id,
                    0x0a000000U + static_cast<uint32_t>(id % 31),
                    static_cast<uint16_t>(id % 4)};
}

/// First live id at or after `position`, wrapping.
uint64_t
OracleOwner(const std::set<uint64_t>& live, uint64_t position)
{
    auto it = live.lower_bound(position);
    return it == live.end() ? *live.begin() : *it;
}

} // namespace

TEST(LeadMembershipViewTest, NewerEventsWinAndTombstonesHoldOffOldNews)
{
    LeadMembershipView v;
    EXPECT_TRUE(v.Apply({Ref(10), true, Seconds(1)}));
    EXPECT_FALSE(v.Apply({Ref(10), true, Seconds(1)})); // nothing new
    EXPECT_TRUE(v.Apply({Ref(10), false, Seconds(5)}));
    EXPECT_FALSE(v.Apply({Ref(10), true, Seconds(3)})); // older than the death
    EXPECT_EQ(v.GetLiveCount(), 0U);
    EXPECT_FALSE(v.OwnerOf(0).has_value());
    EXPECT_TRUE(v.Apply({Ref(10), true, Seconds(6)})); // came back
    EXPECT_EQ(v.GetLiveCount(), 1U);
    // At the same time a death wins over a life, not the other way round.
    EXPECT_TRUE(v.Apply({Ref(10), false, Seconds(6)}));
    EXPECT_FALSE(v.Apply({Ref(10), true, Seconds(6)}));
    EXPECT_EQ(v.Find(10)->alive, false);
    // Tombstones go after their time; live entries stay.
    v.Apply({Ref(20), true, Seconds(1)});
    EXPECT_EQ(v.ForgetTombstones(Seconds(6)), 0U);
    EXPECT_EQ(v.ForgetTombstones(Seconds(7)), 1U);
    EXPECT_FALSE(v.Find(10).has_value());
    EXPECT_TRUE(v.Find(20).has_value());
}

TEST(LeadMembershipViewTest, OwnersMatchTheOracleOfLiveIds)
{
    std::mt19937_64 rng(11);
    LeadMembershipView v;
    std::set<uint64_t> live;
    for (int k = 0; k < 400; ++k)
    {
        const uint64_t id = rng();
        const bool alive = rng() % 4 != 0;
        v.Apply({Ref(id), alive, Seconds(k)});
        if (alive)
        {
            live.insert(id);
        }
    }
    ASSERT_EQ(v.GetLiveCount(), live.size());
    const auto all = v.GetLive();
    ASSERT_EQ(all.size(), live.size());
    for (int q = 0; q < 2000; ++q)
    {
        const uint64_t from =
            q < 3 ? std::vector<uint64_t>{0, UINT64_MAX, *live.rbegin()}[q] : rng();
        const uint64_t span = rng() >> (rng() % 64);
        const uint64_t to = from + span;
        ASSERT_EQ(v.OwnerOf(from)->id, OracleOwner(live, from));
        // The owners of [from, to]: from the owner of `from` up to the owner of `to`.
        std::vector<uint64_t> want{OracleOwner(live, from)};
        while (RingId::Distance(from, want.back()) < span)
        {
            want.push_back(OracleOwner(live, want.back() + 1));
        }
        const auto got = v.OwnersOf(from, to, live.size());
        ASSERT_EQ(got.size(), want.size()) << "query " << q;
        for (size_t i = 0; i < want.size(); ++i)
        {
            EXPECT_EQ(got[i].id, want[i]);
        }
        if (want.size() > 1)
        {
            EXPECT_TRUE(v.OwnersOf(from, to, want.size() - 1).empty()) << "more than allowed";
        }
    }
}

TEST(LeadMembershipViewTest, DigestDependsOnTheLiveSetOnly)
{
    std::vector<LeadMembershipView::Event> events;
    std::mt19937_64 rng(3);
    for (int k = 0; k < 100; ++k)
    {
        events.push_back({Ref(rng()), true, Seconds(k)});
    }
    events.push_back({events[7].ref, false, Seconds(200)});
    LeadMembershipView a;
    LeadMembershipView b;
    for (const auto& e : events)
    {
        a.Apply(e);
    }
    std::shuffle(events.begin(), events.end(), rng);
    for (const auto& e : events)
    {
        b.Apply(e);
    }
    EXPECT_EQ(a.GetDigest(), b.GetDigest()) << "same events in another order";
    EXPECT_EQ(a.GetLiveCount(), 99U);
    LeadMembershipView c = a;
    c.ForgetTombstones(Seconds(1000));
    EXPECT_EQ(c.GetDigest(), a.GetDigest()) << "tombstones are not in the digest";
    c.Apply({Ref(12345), true, Seconds(300)});
    EXPECT_NE(c.GetDigest(), a.GetDigest());
    c.Apply({Ref(12345), false, Seconds(301)});
    EXPECT_EQ(c.GetDigest(), a.GetDigest());
    EXPECT_EQ(LeadMembershipView().GetDigest(), 0U);
    std::set<uint32_t> hosts;
    for (const auto& r : a.GetLive())
    {
        hosts.insert(r.address);
    }
    EXPECT_EQ(a.GetLiveHosts(), std::vector<uint32_t>(hosts.begin(), hosts.end()));
    EXPECT_EQ(a.GetLiveHostCount(), hosts.size());
    EXPECT_EQ(c.GetLiveHosts(), a.GetLiveHosts()) << "a vnode that came and went leaves no host";
}
