/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

// GoogleTest for the simulator-free overlay core: ring arithmetic, the routing table of a
// vnode and the ordered key store. Routing is checked against an oracle: the sorted list of
// all vnode ids, where the owner of a key is the first id at or after it.

#include "ns3/lead-key-store.h"
#include "ns3/lead-ring-id.h"
#include "ns3/lead-routing-table.h"

#include <algorithm>
#include <cmath>
#include <gtest/gtest.h>
#include <limits>
#include <map>
#include <random>

using namespace ns3;
using namespace ns3::lead;

namespace
{

constexpr uint64_t U64_MAX = std::numeric_limits<uint64_t>::max();

/// Ground truth of a static ring.
class Oracle
{
  public:
    explicit Oracle(std::vector<uint64_t> ids)
        : m_ids(std::move(ids))
    {
        std::sort(m_ids.begin(), m_ids.end());
    }

    /// First id at or after `key`, wrapping.
    uint64_t Owner(uint64_t key) const
    {
        auto it = std::lower_bound(m_ids.begin(), m_ids.end(), key);
        return it == m_ids.end() ? m_ids.front() : *it;
    }

    /// The i-th successor of id (i = 1 is the next id).
    uint64_t Successor(uint64_t id, size_t i) const
    {
        auto it = std::lower_bound(m_ids.begin(), m_ids.end(), id);
        size_t pos = static_cast<size_t>(it - m_ids.begin());
        return m_ids[(pos + i) % m_ids.size()];
    }

    uint64_t Predecessor(uint64_t id) const
    {
        return Successor(id, m_ids.size() - 1);
    }

    const std::vector<uint64_t>& Ids() const
    {
        return m_ids;
    }

  private:
    std::vector<uint64_t> m_ids;
};

VnodeRef
Ref(uint64_t id)
{
    return VnodeRef{id, static_cast<uint32_t>(id >> 32), static_cast<uint16_t>(id & 7)};
}

/// Routing tables of every vnode, filled from the oracle (successors, predecessor, fingers).
std::map<uint64_t, LeadRoutingTable>
BuildTables(const Oracle& oracle, uint32_t r, uint32_t base)
{
    std::map<uint64_t, LeadRoutingTable> tables;
    for (uint64_t id : oracle.Ids())
    {
        LeadRoutingTable t(Ref(id), r, base);
        std::vector<VnodeRef> succs;
        for (size_t i = 2; i <= r && i < oracle.Ids().size(); ++i)
        {
            succs.push_back(Ref(oracle.Successor(id, i)));
        }
        t.MergeSuccessorList(Ref(oracle.Successor(id, 1)), succs, Seconds(1));
        t.ConsiderPredecessor(Ref(oracle.Predecessor(id)), Seconds(1));
        for (const auto& slot : t.GetFingerSlots())
        {
            uint64_t f = oracle.Owner(slot.start);
            if (RingId::Distance(slot.start, f) < slot.width)
            {
                EXPECT_TRUE(t.SetFinger(slot.start, Ref(f), Seconds(1)));
            }
        }
        tables.emplace(id, std::move(t));
    }
    return tables;
}

} // namespace

TEST(RingIdTest, IntervalsWrapAroundZero)
{
    EXPECT_TRUE(RingId::Between(10, 11, 20));
    EXPECT_FALSE(RingId::Between(10, 10, 20));
    EXPECT_FALSE(RingId::Between(10, 20, 20));
    EXPECT_TRUE(RingId::Between(U64_MAX - 5, 3, 10)); // wraps
    EXPECT_TRUE(RingId::Between(U64_MAX - 5, U64_MAX, 10));
    EXPECT_FALSE(RingId::Between(U64_MAX - 5, 11, 10));
    EXPECT_TRUE(RingId::Between(7, 8, 7)); // a == b: everything but a
    EXPECT_FALSE(RingId::Between(7, 7, 7));
    EXPECT_TRUE(RingId::BetweenRightIncl(10, 20, 20));
    EXPECT_FALSE(RingId::BetweenRightIncl(10, 10, 20));
    EXPECT_TRUE(RingId::BetweenRightIncl(7, 7, 7)); // a == b: the whole ring
    EXPECT_TRUE(RingId::BetweenRightIncl(U64_MAX, 0, 0));
    EXPECT_EQ(RingId::Distance(U64_MAX, 1), 2U);
    EXPECT_EQ(RingId::ToString(0xab), "0x00000000000000ab");
}

TEST(LeadRoutingTableTest, SuccessorListMergeDropsSelfDuplicatesAndExcess)
{
    LeadRoutingTable t(Ref(100), 3, 2);
    EXPECT_FALSE(t.HasSuccessor());
    t.MergeSuccessorList(Ref(200), {Ref(300), Ref(100), Ref(200), Ref(50), Ref(400)}, Seconds(1));
    // Clockwise from 100: 200, 300, 400, then 50 (after the wrap); cut to 3.
    std::vector<uint64_t> ids;
    for (const auto& s : t.GetSuccessors())
    {
        ids.push_back(s.id);
    }
    EXPECT_EQ(ids, (std::vector<uint64_t>{200, 300, 400}));
    EXPECT_EQ(t.GetSuccessor().id, 200U);
    EXPECT_TRUE(t.AddSuccessorCandidate(Ref(150), Seconds(2)));
    EXPECT_EQ(t.GetSuccessor().id, 150U);
    EXPECT_EQ(t.GetSuccessors().size(), 3U);
    EXPECT_FALSE(t.AddSuccessorCandidate(Ref(50), Seconds(2))); // farther than all three
    EXPECT_EQ(t.GetLastHeard(150), Seconds(2));
}

TEST(LeadRoutingTableTest, PredecessorAndOwnership)
{
    LeadRoutingTable t(Ref(100), 4, 2);
    EXPECT_FALSE(t.Owns(50));
    EXPECT_TRUE(t.ConsiderPredecessor(Ref(10), Seconds(1)));
    EXPECT_TRUE(t.ConsiderPredecessor(Ref(60), Seconds(1)));  // in (10, 100)
    EXPECT_FALSE(t.ConsiderPredecessor(Ref(20), Seconds(1))); // not in (60, 100)
    EXPECT_EQ(t.GetPredecessor()->id, 60U);
    EXPECT_TRUE(t.Owns(61));
    EXPECT_TRUE(t.Owns(100));
    EXPECT_FALSE(t.Owns(60));
    EXPECT_FALSE(t.Owns(101));
    EXPECT_TRUE(t.Remove(60));
    EXPECT_FALSE(t.GetPredecessor().has_value());
    EXPECT_FALSE(t.Remove(60));
}

TEST(LeadRoutingTableTest, OneNodeRingOwnsEverything)
{
    LeadRoutingTable t(Ref(100), 4, 2);
    t.CreateRing();
    EXPECT_TRUE(t.HasSuccessor());
    auto hop = t.FindNextHop(5);
    EXPECT_TRUE(hop.valid);
    EXPECT_TRUE(hop.owner);
    EXPECT_EQ(hop.node.id, 100U);
    EXPECT_TRUE(t.Owns(U64_MAX));
    // A second node arrives: it becomes the successor and owns (100, 300].
    t.AddSuccessorCandidate(Ref(300), Seconds(1));
    EXPECT_EQ(t.FindNextHop(200).node.id, 300U);
    EXPECT_TRUE(t.FindNextHop(200).owner);
}

TEST(LeadRoutingTableTest, AvoidedHostsLoseEveryVnode)
{
    // Self at 0 with successors 100 (host 7), 200 (host 7), 300 (host 9); 100 and 200 are
    // two vnodes of one physical node.
    auto at = [](uint64_t id, uint32_t host) { return VnodeRef{id, host, 0}; };
    LeadRoutingTable t(at(0, 1), 4, 2);
    t.AddSuccessorCandidate(at(100, 7), Seconds(1));
    t.AddSuccessorCandidate(at(200, 7), Seconds(1));
    t.AddSuccessorCandidate(at(300, 9), Seconds(1));
    ASSERT_EQ(t.GetSuccessor().id, 100U);
    // Without avoidance: key 250 goes to the closest preceding vnode, 200.
    EXPECT_EQ(t.FindNextHop(250).node.id, 200U);
    EXPECT_FALSE(t.FindNextHop(250).owner);
    // Host 7 did not answer: neither of its vnodes is chosen, and 300 stands in as the
    // successor, so it owns 250 (it takes the arc over if host 7 is down).
    auto hop = t.FindNextHop(250, {7});
    EXPECT_TRUE(hop.valid);
    EXPECT_TRUE(hop.owner);
    EXPECT_EQ(hop.node.id, 300U);
    EXPECT_EQ(t.FindNextHop(50, {7}).node.id, 300U);
    // Avoiding a host the table does not hold changes nothing.
    EXPECT_EQ(t.FindNextHop(250, {8}).node.id, 200U);
    EXPECT_FALSE(t.ClosestPreceding(250, {7, 9}).has_value());
    EXPECT_EQ(t.ClosestPreceding(350, {7})->id, 300U);
}

TEST(LeadRoutingTableTest, FingerSlotsStopAtTheSuccessorSpan)
{
    LeadRoutingTable t(Ref(0), 2, 2);
    // No successors: every level has one slot for base 2.
    EXPECT_EQ(t.GetFingerSlots().size(), 63U); // widths (2^64-1)/2^i for i = 1..63
    t.MergeSuccessorList(Ref(1ULL << 40), {Ref(1ULL << 50)}, Seconds(1));
    auto slots = t.GetFingerSlots();
    // Targets 2^63 ... 2^51 lie beyond the last successor (2^50): 13 slots, farthest first.
    ASSERT_EQ(slots.size(), 13U);
    EXPECT_EQ(slots.front().start, (U64_MAX / 2));
    EXPECT_EQ(slots.back().width, U64_MAX >> 13);
    // A finger outside its slot is refused; a closer one replaces a farther one.
    EXPECT_FALSE(t.SetFinger(slots.front().start, Ref(5), Seconds(1)));
    EXPECT_TRUE(t.SetFinger(slots.front().start, Ref(slots.front().start + 1000), Seconds(1)));
    EXPECT_TRUE(t.SetFinger(slots.front().start, Ref(slots.front().start + 10), Seconds(1)));
    EXPECT_FALSE(t.SetFinger(slots.front().start, Ref(slots.front().start + 500), Seconds(1)));
    EXPECT_EQ(t.GetFinger(slots.front().start)->id, slots.front().start + 10);
    // Base 4: three digits per level.
    LeadRoutingTable t4(Ref(0), 2, 4);
    auto s4 = t4.GetFingerSlots();
    ASSERT_GE(s4.size(), 3U);
    EXPECT_EQ(s4[0].start, 3 * (U64_MAX / 4));
    EXPECT_EQ(s4[1].start, 2 * (U64_MAX / 4));
    EXPECT_EQ(s4[2].start, 1 * (U64_MAX / 4));
}

TEST(LeadRoutingTableTest, FingersOfVanishedSlotsArePruned)
{
    // A finger fills the nearest slot [2^46 - 1, 2^47 - 2); once the successor list reaches
    // beyond it that slot no longer exists, and pruning drops its finger (finger fixing
    // would never check it again); the farther fingers stay.
    LeadRoutingTable t(Ref(0), 2, 2);
    t.MergeSuccessorList(Ref(1ULL << 40), {Ref(1ULL << 45)}, Seconds(1));
    const uint64_t start = (1ULL << 46) - 1;
    ASSERT_EQ(t.GetFingerSlots().back().start, start);
    ASSERT_TRUE(t.SetFinger(start, Ref(start + 5), Seconds(1)));
    const uint64_t far = t.GetFingerSlots().front().start;
    ASSERT_TRUE(t.SetFinger(far, Ref(far + 5), Seconds(1)));
    EXPECT_EQ(t.PruneFingers(), 0U);
    t.MergeSuccessorList(Ref(1ULL << 40), {Ref(1ULL << 47)}, Seconds(2));
    EXPECT_EQ(t.PruneFingers(), 1U);
    EXPECT_TRUE(t.GetFinger(far).has_value());
    EXPECT_FALSE(t.GetFinger(start).has_value());
    EXPECT_FALSE(t.GetLastHeard(start + 5).has_value());
}

TEST(LeadRoutingTableTest, SuspectedVnodesAreLeftOutOfReportedListsUntilHeard)
{
    LeadRoutingTable t(Ref(100), 4, 2);
    t.MergeSuccessorList(Ref(200), {Ref(300), Ref(400)}, Seconds(1));
    // 300 failed: removed and suspected for 30 s.
    t.Remove(300);
    t.Suspect(300, Seconds(2), Seconds(30));
    EXPECT_TRUE(t.IsSuspected(300, Seconds(2)));
    // A successor that has not noticed reports it again: left out.
    t.MergeSuccessorList(Ref(200), {Ref(300), Ref(400)}, Seconds(3));
    std::vector<uint64_t> ids;
    for (const auto& s : t.GetSuccessors())
    {
        ids.push_back(s.id);
    }
    EXPECT_EQ(ids, (std::vector<uint64_t>{200, 400}));
    // Heard from directly: welcome back.
    t.Heard(300, Seconds(5));
    EXPECT_FALSE(t.IsSuspected(300, Seconds(5)));
    t.MergeSuccessorList(Ref(200), {Ref(300), Ref(400)}, Seconds(6));
    EXPECT_EQ(t.GetSuccessors().size(), 3U);
    // A suspicion ends by itself.
    t.Suspect(400, Seconds(10), Seconds(30));
    EXPECT_TRUE(t.IsSuspected(400, Seconds(39)));
    EXPECT_FALSE(t.IsSuspected(400, Seconds(40)));
    // The successor that answers is taken even if suspected (it just answered).
    t.Suspect(200, Seconds(41), Seconds(30));
    t.MergeSuccessorList(Ref(200), {Ref(300)}, Seconds(42));
    EXPECT_EQ(t.GetSuccessor().id, 200U);
    EXPECT_FALSE(t.IsSuspected(200, Seconds(42)));
}

/// Parameters of the routing test: vnodes, successor-list length, finger base.
struct RoutingCase
{
    uint32_t n;
    uint32_t r;
    uint32_t base;
};

class RoutingTest : public testing::TestWithParam<RoutingCase>
{
};

TEST_P(RoutingTest, GreedyRoutingReachesTheOracleOwnerInLogHops)
{
    const auto c = GetParam();
    std::mt19937_64 rng(c.n * 31 + c.base);
    std::vector<uint64_t> ids(c.n);
    for (auto& id : ids)
    {
        id = rng();
    }
    Oracle oracle(ids);
    auto tables = BuildTables(oracle, c.r, c.base);
    double totalHops = 0;
    uint32_t maxHops = 0;
    const int lookups = 2000;
    for (int q = 0; q < lookups; ++q)
    {
        const uint64_t key = rng();
        uint64_t cur = oracle.Ids()[rng() % c.n];
        uint32_t hops = 0;
        while (true)
        {
            auto hop = tables.at(cur).FindNextHop(key);
            ASSERT_TRUE(hop.valid);
            if (hop.owner)
            {
                ASSERT_EQ(hop.node.id, oracle.Owner(key)) << "wrong owner for key " << key;
                break;
            }
            // Every hop gets strictly closer to the key.
            ASSERT_LT(RingId::Distance(hop.node.id, key), RingId::Distance(cur, key));
            cur = hop.node.id;
            ++hops;
            ASSERT_LE(hops, 64U) << "routing loop";
        }
        totalHops += hops;
        maxHops = std::max(maxHops, hops);
    }
    const double mean = totalHops / lookups;
    RecordProperty("meanHops", std::to_string(mean));
    const double logN = std::log2(static_cast<double>(c.n));
    // Chord: about (1/2) log2 N forwarding hops with base 2; fewer with larger bases.
    EXPECT_LE(mean, 0.5 * logN + 1.0) << "mean hops " << mean;
    EXPECT_LE(maxHops, static_cast<uint32_t>(2 * logN + 2));
    if (c.base == 2 && c.n >= 256)
    {
        EXPECT_NEAR(mean, 0.5 * logN, 0.15 * 0.5 * logN + 0.5) << "mean hops " << mean;
    }
}

TEST(RoutingHopsTest, HopsMatchChordsAnalysis)
{
    // Hops as Chord and p2psim count them (forwarding messages, the origin's first send
    // included, the answer not): with fingers alone (r = 1) about (1/2) log2 N; a successor
    // list of r replaces the last (1/2) log2 r finger hops of a path by one hop.
    for (uint32_t n : {256U, 1024U, 4096U})
    {
        for (uint32_t r : {1U, 15U})
        {
            std::mt19937_64 rng(n + r);
            std::vector<uint64_t> ids(n);
            for (auto& id : ids)
            {
                id = rng();
            }
            Oracle oracle(ids);
            auto tables = BuildTables(oracle, r, 2);
            double total = 0;
            const int lookups = 3000;
            for (int q = 0; q < lookups; ++q)
            {
                const uint64_t key = rng();
                uint64_t cur = oracle.Ids()[rng() % n];
                for (auto hop = tables.at(cur).FindNextHop(key); !hop.owner;
                     hop = tables.at(cur).FindNextHop(key))
                {
                    cur = hop.node.id;
                    total += 1;
                }
            }
            const double mean = total / lookups;
            const double analysis =
                0.5 * std::log2(double(n)) - (r > 1 ? 0.5 * std::log2(double(r)) - 1 : 0);
            EXPECT_NEAR(mean, analysis, 0.08 * analysis) << "n " << n << " r " << r;
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Rings,
                         RoutingTest,
                         testing::Values(RoutingCase{2, 15, 2},
                                         RoutingCase{8, 15, 2},
                                         RoutingCase{64, 15, 2},
                                         RoutingCase{256, 15, 2},
                                         RoutingCase{1024, 15, 2},
                                         RoutingCase{1024, 4, 4},
                                         RoutingCase{490, 15, 2}),
                         [](const testing::TestParamInfo<RoutingCase>& info) {
                             return "n" + std::to_string(info.param.n) + "r" +
                                    std::to_string(info.param.r) + "b" +
                                    std::to_string(info.param.base);
                         });

TEST(LeadRoutingTableTest, ProximitySelectionWeighsRoundTripAgainstProgress)
{
    // Self at 0 (host 1); successors spaced 2^50 apart (a ring of about 16,000 vnodes);
    // one finger at the start of each slot farther along.
    auto at = [](uint64_t id, uint32_t host) { return VnodeRef{id, host, 0}; };
    const uint64_t s = uint64_t{1} << 50;
    LeadRoutingTable t(at(0, 1), 3, 2);
    t.MergeSuccessorList(at(s, 2), {at(2 * s, 3), at(3 * s, 4)}, Seconds(1));
    for (const auto& slot : t.GetFingerSlots())
    {
        // One finger per slot, at its start, on host 100 + slot level.
        t.SetFinger(slot.start,
                    at(slot.start, 100 + static_cast<uint32_t>(slot.start % 97)),
                    Seconds(1));
    }
    const uint64_t key = (uint64_t{1} << 60) + 5;
    const auto greedy = t.ClosestPreceding(key);
    ASSERT_TRUE(greedy.has_value());
    // Nothing measured: proximity selection is greedy.
    std::map<uint32_t, double> rtt;
    auto rttOf = [&rtt](uint32_t a) {
        auto it = rtt.find(a);
        return it == rtt.end() ? Time(0) : Seconds(it->second);
    };
    EXPECT_EQ(t.ClosestPrecedingByLatency(key, {}, rttOf)->id, greedy->id);
    // Every candidate 100 ms away: the farthest still wins (it leaves the fewest hops).
    for (uint32_t h = 2; h < 200; ++h)
    {
        rtt[h] = 0.1;
    }
    EXPECT_EQ(t.ClosestPrecedingByLatency(key, {}, rttOf)->id, greedy->id);
    // The greedy choice 3 s away: a finger short of it wins instead.
    rtt[greedy->address] = 3.0;
    auto prs = t.ClosestPrecedingByLatency(key, {}, rttOf);
    ASSERT_TRUE(prs.has_value());
    EXPECT_NE(prs->id, greedy->id);
    EXPECT_TRUE(RingId::Between(0, prs->id, key));
    EXPECT_EQ(t.FindNextHop(key, {}, rttOf).node.id, prs->id);
    // A vnode on self's own host costs no round trip: for a key halfway through the next
    // slot, the finger one slot short of the greedy choice, moved to host 1, beats it (half a
    // hop more to go, one 100 ms round trip less).
    const uint64_t far = (uint64_t{1} << 60) + (uint64_t{1} << 59);
    rtt[greedy->address] = 0.1;
    LeadRoutingTable t2(at(0, 1), 3, 2);
    t2.MergeSuccessorList(at(s, 2), {at(2 * s, 3), at(3 * s, 4)}, Seconds(1));
    uint64_t shorter = 0;
    for (const auto& slot : t2.GetFingerSlots())
    {
        if (slot.start < greedy->id)
        {
            shorter = std::max(shorter, slot.start);
        }
    }
    ASSERT_GT(shorter, 3 * s);
    for (const auto& slot : t2.GetFingerSlots())
    {
        const bool own = slot.start == shorter;
        t2.SetFinger(slot.start,
                     at(slot.start, own ? 1 : 100 + static_cast<uint32_t>(slot.start % 97)),
                     Seconds(1));
    }
    ASSERT_EQ(t2.ClosestPreceding(far)->id, greedy->id);
    EXPECT_EQ(t2.ClosestPrecedingByLatency(far, {}, rttOf)->id, shorter);
    // Avoided hosts stay avoided.
    EXPECT_EQ(t2.ClosestPrecedingByLatency(far, {1}, rttOf)->id, greedy->id);
}

TEST(RoutingProximityTest, ProximityRoutingReachesTheOracleOwnerFaster)
{
    // 1,000 vnodes on hosts placed at random in a 200 ms square, one in ten far out (+1 s
    // to everyone, as PlanetLab's slowest hosts); tables filled from the oracle.
    std::mt19937_64 rng(2024);
    std::vector<uint64_t> ids(1000);
    for (auto& id : ids)
    {
        id = rng();
    }
    Oracle oracle(ids);
    auto tables = BuildTables(oracle, 8, 2);
    std::uniform_real_distribution<double> coord(0, 0.2);
    std::map<uint32_t, std::pair<double, double>> place; // host -> (x, y) in s
    std::map<uint32_t, double> penalty;
    for (uint64_t id : ids)
    {
        const uint32_t host = Ref(id).address;
        place[host] = {coord(rng), coord(rng)};
        penalty[host] = rng() % 10 == 0 ? 1.0 : 0.0;
    }
    auto rttBetween = [&](uint32_t a, uint32_t b) {
        const double dx = place[a].first - place[b].first;
        const double dy = place[a].second - place[b].second;
        return a == b ? 0.0 : std::sqrt(dx * dx + dy * dy) + penalty[a] + penalty[b];
    };
    double latency[2] = {0, 0};
    uint32_t hopsTotal[2] = {0, 0};
    const int lookups = 2000;
    for (int q = 0; q < lookups; ++q)
    {
        const uint64_t key = rng();
        const uint64_t start = oracle.Ids()[rng() % ids.size()];
        for (int prs = 0; prs < 2; ++prs)
        {
            uint64_t cur = start;
            for (uint32_t hops = 0;; ++hops)
            {
                const uint32_t here = Ref(cur).address;
                LeadRoutingTable::RttOf rttOf = [&](uint32_t a) {
                    return Seconds(rttBetween(here, a));
                };
                auto hop = prs ? tables.at(cur).FindNextHop(key, {}, rttOf)
                               : tables.at(cur).FindNextHop(key);
                ASSERT_TRUE(hop.valid);
                if (hop.owner)
                {
                    ASSERT_EQ(hop.node.id, oracle.Owner(key));
                    hopsTotal[prs] += hops;
                    break;
                }
                ASSERT_LT(RingId::Distance(hop.node.id, key), RingId::Distance(cur, key));
                ASSERT_LE(hops, 64U) << "routing loop";
                latency[prs] += rttBetween(here, hop.node.address) / 2;
                cur = hop.node.id;
            }
        }
    }
    // Proximity selection takes more hops but far less time on the way.
    EXPECT_GT(hopsTotal[1], hopsTotal[0]);
    EXPECT_LT(latency[1], 0.7 * latency[0])
        << "greedy " << latency[0] / lookups << " s, proximity " << latency[1] / lookups << " s";
}

TEST(RoutingProximityTest, ProximityFingersStayInTheirSlotsAndAreTheNearest)
{
    // 2,000 vnodes on hosts with random round trips from the table's host (one in five never
    // measured); every vnode of every slot, and vnodes outside it, offered in random order.
    std::mt19937_64 rng(7);
    std::vector<uint64_t> ids(2000);
    for (auto& id : ids)
    {
        id = rng();
    }
    Oracle oracle(ids);
    std::map<uint32_t, double> rttMs;
    for (uint64_t id : ids)
    {
        rttMs[Ref(id).address] = rng() % 5 == 0 ? 0.0 : 1.0 + static_cast<double>(rng() % 500);
    }
    LeadRoutingTable::RttOf rttOf = [&](uint32_t a) { return MilliSeconds(rttMs[a]); };
    double pnsSum = 0;
    double firstSum = 0;
    for (int t = 0; t < 20; ++t)
    {
        const uint64_t self = ids[rng() % ids.size()];
        LeadRoutingTable table(Ref(self), 8, 2);
        std::vector<VnodeRef> succs;
        for (size_t i = 2; i <= 8; ++i)
        {
            succs.push_back(Ref(oracle.Successor(self, i)));
        }
        table.MergeSuccessorList(Ref(oracle.Successor(self, 1)), succs, Seconds(1));
        for (const auto& slot : table.GetFingerSlots())
        {
            std::vector<uint64_t> offered(ids);
            std::shuffle(offered.begin(), offered.end(), rng);
            offered.resize(400);
            offered.push_back(oracle.Owner(slot.start));
            std::optional<double> best;
            for (uint64_t c : offered)
            {
                const bool in = RingId::Distance(slot.start, c) < slot.width && c != self;
                const double ms = rttMs[Ref(c).address];
                EXPECT_EQ(table.OfferFinger(slot.start, Ref(c), Seconds(2), rttOf) && !in, false)
                    << "a vnode outside the slot was taken";
                if (in && ms > 0 && (!best || ms < *best))
                {
                    best = ms;
                }
            }
            auto f = table.GetFinger(slot.start);
            ASSERT_TRUE(f.has_value());
            EXPECT_LT(RingId::Distance(slot.start, f->id), slot.width) << "finger in its slot";
            if (best)
            {
                EXPECT_EQ(rttMs[f->address], *best) << "the nearest measured vnode of the slot";
                pnsSum += *best;
                const double first = rttMs[Ref(oracle.Owner(slot.start)).address];
                firstSum += first > 0 ? first : 250.5; // unmeasured: the mean
            }
        }
    }
    EXPECT_LT(pnsSum, 0.5 * firstSum) << "nearer fingers than the first vnode of each slot";
}

TEST(LeadRoutingTableTest, RoutingSurvivesARemovedNode)
{
    std::mt19937_64 rng(5);
    std::vector<uint64_t> ids(128);
    for (auto& id : ids)
    {
        id = rng();
    }
    Oracle oracle(ids);
    auto tables = BuildTables(oracle, 15, 2);
    // Node `dead` fails: everyone forgets it (as failure detection would make them).
    const uint64_t dead = oracle.Ids()[17];
    for (auto& kv : tables)
    {
        kv.second.Remove(dead);
    }
    std::vector<uint64_t> alive;
    for (auto id : oracle.Ids())
    {
        if (id != dead)
        {
            alive.push_back(id);
        }
    }
    Oracle after(alive);
    for (int q = 0; q < 500; ++q)
    {
        const uint64_t key = rng();
        uint64_t cur = alive[rng() % alive.size()];
        for (int hops = 0; hops < 64; ++hops)
        {
            auto hop = tables.at(cur).FindNextHop(key);
            ASSERT_NE(hop.node.id, dead);
            if (hop.owner)
            {
                ASSERT_EQ(hop.node.id, after.Owner(key));
                break;
            }
            cur = hop.node.id;
        }
    }
}

TEST(LeadKeyStoreTest, PutGetDeleteAndBytes)
{
    LeadKeyStore s;
    EXPECT_TRUE(s.Put({5, 50, 100, 1}));
    EXPECT_TRUE(s.Put({3, 30, 10, 2}));
    EXPECT_FALSE(s.Put({5, 55, 40, 3})); // overwrite, new hash and size
    EXPECT_EQ(s.GetSize(), 2U);
    EXPECT_EQ(s.GetBytes(), 50U);
    EXPECT_EQ(s.Get(5)->tag, 3U);
    EXPECT_EQ(s.Get(5)->hash, 55U);
    EXPECT_FALSE(s.Get(4).has_value());
    EXPECT_EQ(s.CopyArc(50, 55).size(), 1U); // the old hash 50 is gone from the index
    EXPECT_TRUE(s.Delete(3));
    EXPECT_FALSE(s.Delete(3));
    EXPECT_EQ(s.GetBytes(), 40U);
}

TEST(LeadKeyStoreTest, ScanIsOrderedInclusiveAndLimited)
{
    LeadKeyStore s;
    for (uint64_t k : {9, 1, 7, 3, 5})
    {
        s.Put({k, k * 10, 1, k});
    }
    auto all = s.Scan(2, 7, 0);
    ASSERT_EQ(all.size(), 3U);
    EXPECT_EQ(all[0].key, 3U);
    EXPECT_EQ(all[2].key, 7U);
    EXPECT_EQ(s.Scan(0, 100, 2).size(), 2U);
    EXPECT_TRUE(s.Scan(8, 2, 0).empty());
    EXPECT_EQ(s.Scan(U64_MAX, U64_MAX, 0).size(), 0U);
}

TEST(LeadKeyStoreTest, ArcsMatchBruteForceIncludingWrapAndWholeRing)
{
    std::mt19937_64 rng(3);
    LeadKeyStore s;
    std::vector<LeadKeyStore::Item> items;
    for (int i = 0; i < 500; ++i)
    {
        LeadKeyStore::Item it{rng(), rng(), static_cast<uint32_t>(rng() % 1000), rng()};
        if (i % 50 == 0)
        {
            it.hash = (i % 100 == 0) ? 0 : U64_MAX; // the ends of the ring
        }
        if (s.Put(it))
        {
            items.push_back(it);
        }
    }
    std::vector<std::pair<uint64_t, uint64_t>> arcs = {{10, 1ULL << 62},
                                                       {1ULL << 63, 1ULL << 60}, // wraps
                                                       {U64_MAX, 5},
                                                       {5, U64_MAX},
                                                       {0, 0}, // whole ring
                                                       {1ULL << 61, 1ULL << 61}};
    for (int i = 0; i < 20; ++i)
    {
        arcs.emplace_back(rng(), rng());
    }
    for (const auto& [lo, hi] : arcs)
    {
        std::set<uint64_t> expect;
        for (const auto& it : items)
        {
            if (RingId::BetweenRightIncl(lo, it.hash, hi))
            {
                expect.insert(it.key);
            }
        }
        auto got = s.CopyArc(lo, hi);
        std::set<uint64_t> gotKeys;
        uint64_t prevDist = 0;
        for (const auto& it : got)
        {
            gotKeys.insert(it.key);
            // Ring order from lo.
            EXPECT_GE(RingId::Distance(lo + 1, it.hash), prevDist);
            prevDist = RingId::Distance(lo + 1, it.hash);
        }
        EXPECT_EQ(gotKeys, expect) << "arc (" << lo << ", " << hi << "]";
        EXPECT_EQ(got.size(), expect.size());
        // PositionAt: the rank-th position in ring order from lo (brute force: the sorted
        // distances from lo), none past the end.
        std::vector<uint64_t> dist;
        for (const auto& it : items)
        {
            if (RingId::BetweenRightIncl(lo, it.hash, hi))
            {
                dist.push_back(RingId::Distance(lo + 1, it.hash));
            }
        }
        std::sort(dist.begin(), dist.end());
        for (uint64_t r : {uint64_t{0}, uint64_t{dist.size() / 2}, uint64_t{dist.size()} - 1})
        {
            if (r < dist.size())
            {
                EXPECT_EQ(s.PositionAt(lo, hi, r), lo + 1 + dist[r]) << "rank " << r;
            }
        }
        EXPECT_FALSE(s.PositionAt(lo, hi, dist.size()).has_value());
    }
    // TakeArc removes exactly the arc's keys.
    auto taken = s.TakeArc(1ULL << 63, 1ULL << 60);
    EXPECT_EQ(s.GetSize() + taken.size(), items.size());
    for (const auto& it : taken)
    {
        EXPECT_FALSE(s.Get(it.key).has_value());
    }
    auto rest = s.TakeArc(0, 0);
    EXPECT_EQ(s.GetSize(), 0U);
    EXPECT_EQ(s.GetBytes(), 0U);
    EXPECT_EQ(rest.size() + taken.size(), items.size());
}
