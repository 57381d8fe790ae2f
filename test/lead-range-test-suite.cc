/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

// ns-3 TestSuite "lead-range": range queries of LEAD (chain and client-driven walks) and of
// the baselines (Chord per key, sequential and batched; PHT) over a LEAD overlay on one
// channel. Every answer is compared with the oracle's acknowledged keys.

#include "lead-test-overlay.h"

#include "ns3/consistent-hash-model.h"
#include "ns3/lead-key-dataset.h"
#include "ns3/lead-peer-hash.h"
#include "ns3/lead-pht-client.h"
#include "ns3/lead-pht-index.h"
#include "ns3/rmi-hash-model.h"
#include "ns3/test.h"

#include <algorithm>
#include <map>
#include <set>

using namespace ns3;
using namespace ns3::lead;

namespace tests
{

/**
 * @ingroup lead-tests
 * Configuration: 16 nodes x 5 vnodes, RMI hash trained on 3,000 lognormal keys, all stored at
 * 40 s. From 60 s: ranges of 1, 10, 100 and 1,000 consecutive keys, a range reaching the top
 * of the key space (its end hashes onto the wrap-around of the ring), one starting at key 0,
 * empty ranges between neighbouring keys, count-limited queries and the whole key space.
 * Expected behaviour: every query completes and returns exactly the stored keys of its range,
 * each once, in order; a count query returns the first `count` of them; the walk visits a few
 * vnodes for short ranges and every vnode for the whole key space (the first one twice).
 * The number of vnodes visited and of messages equal what the oracle's ring predicts (one
 * lookup, then one successor step per further arc owner).
 * How validated: returned keys against the oracle's acknowledged keys; walk length and message
 * count against a walk computed on the oracle's sorted list of live vnodes.
 */
class RangeQueryTestCase : public TestCase
{
  public:
    /**
     * @param walk RangeWalk attribute: chain or client
     */
    explicit RangeQueryTestCase(std::string walk)
        : TestCase("Range queries (" + walk + " walk) return exactly the stored keys of the range"),
          m_walk(walk)
    {
    }

  private:
    struct Query
    {
        uint64_t start;
        uint64_t end;
        uint64_t count; //!< 0: whole range
    };

    void Issue(Overlay* o, uint32_t from, Query q)
    {
        auto cb = Callback<void, const RangeQueryResult&>(
            [this, q](const RangeQueryResult& r) { Check(q, r); });
        if (q.count == 0)
        {
            o->App(from)->RangeQuery(q.start, q.end, cb);
        }
        else
        {
            o->App(from)->RangeQueryCount(q.start, q.count, cb);
        }
    }

    void Check(const Query& q, const RangeQueryResult& r)
    {
        ++m_done;
        std::vector<uint64_t> expected;
        for (const auto& kv : m_oracle->GetKeys())
        {
            if (kv.first >= q.start && kv.first <= q.end &&
                (q.count == 0 || expected.size() < q.count))
            {
                expected.push_back(kv.first);
            }
        }
        const bool ok = r.complete && r.keys == expected;
        m_correct += ok ? 1 : 0;
        if (q.count == 0)
        {
            // The walk the oracle predicts on the live ring: from the owner of the start key's
            // hash, one successor step at a time, to the vnode whose arc holds the end's hash.
            const auto live = m_oracle->GetLiveVnodes();
            const uint64_t hs = m_model->Hash(q.start);
            const uint64_t he = m_model->Hash(q.end);
            size_t cur = 0;
            while (cur < live.size() && live[cur].id < hs)
            {
                ++cur;
            }
            cur %= live.size();
            uint64_t prev = hs - 1;
            uint32_t predicted = 1;
            while (!RingId::BetweenRightIncl(prev, he, live[cur].id))
            {
                prev = live[cur].id;
                cur = (cur + 1) % live.size();
                ++predicted;
            }
            m_walksAsPredicted += (r.nodesVisited == predicted) ? 1 : 0;
            // Messages: what the Tx traces of all nodes saw for this query's operation until
            // its answer. Without loss it is at most the lookup's hops and acknowledgements
            // plus the reply, then a scan and a part (each acknowledged) per vnode: messages
            // between co-located vnodes never reach the network, so it can be less.
            const uint32_t sent = m_txPerOp[r.opId];
            m_messagesAsSent += (r.opId != 0 && r.messages == sent) ? 1 : 0;
            m_messagesWithinWalk += (r.messages <= 2 * r.lookupHops + 1 + 4 * predicted &&
                                     r.messages >= 2 * (predicted - 1))
                                        ? 1
                                        : 0;
            ++m_rangeQueries;
        }
        if (!ok && m_reported++ < 3)
        {
            std::cerr << "range [" << q.start << ", " << q.end << "] count " << q.count
                      << ": complete=" << r.complete << " got " << r.keys.size() << " keys, want "
                      << expected.size() << ", visited " << r.nodesVisited << "\n";
        }
        if (q.count == 0 && q.start == 0 && q.end == UINT64_MAX)
        {
            m_wholeVisited = r.nodesVisited;
        }
        if (q.count == 0 && expected.size() == 10)
        {
            m_visited10 = std::max(m_visited10, r.nodesVisited);
        }
    }

    void DoRun() override
    {
        RngSeedManager::SetSeed(14);
        RngSeedManager::SetRun(1);
        auto keys = KeyDataset::Generate(KeyDistribution::LOGNORMAL, 3000, 5);
        auto rmi = CreateObject<RmiHashModel>();
        rmi->Train(keys);
        m_model = rmi;
        Config::SetDefault("ns3::lead::LeadNodeApp::RangeWalk", StringValue(m_walk));
        Overlay o(16, 5, rmi, MilliSeconds(200));
        Config::SetDefault("ns3::lead::LeadNodeApp::RangeWalk", StringValue("chain"));
        for (uint32_t i = 0; i < 16; ++i)
        {
            o.App(i)->TraceConnectWithoutContext("Tx",
                                                 MakeCallback(&RangeQueryTestCase::CountTx, this));
        }
        NS_TEST_ASSERT_MSG_EQ((o.App(0)->GetRangeWalk() == LeadNodeApp::RANGE_WALK_CLIENT),
                              (m_walk == "client"),
                              "walk mode set");
        m_oracle = o.oracle;
        Simulator::Schedule(Seconds(40), [&o, &keys]() {
            for (size_t i = 0; i < keys.size(); ++i)
            {
                o.App(i % 16)->Put(keys[i], 100, keys[i] ^ 0x77, {});
            }
        });
        std::vector<Query> queries;
        Ptr<UniformRandomVariable> rng = CreateObject<UniformRandomVariable>();
        rng->SetStream(31);
        for (uint32_t len : {1U, 10U, 100U, 1000U})
        {
            for (int k = 0; k < 8; ++k)
            {
                uint32_t i = rng->GetInteger(0, keys.size() - len);
                queries.push_back({keys[i], keys[i + len - 1], 0});
            }
        }
        queries.push_back({keys[keys.size() - 20], UINT64_MAX, 0}); // end of the key space
        queries.push_back({0, keys[15], 0});                        // start of the key space
        for (int k = 0; k < 5; ++k)
        {
            uint32_t i = rng->GetInteger(0, keys.size() - 2);
            if (keys[i + 1] - keys[i] > 2)
            {
                queries.push_back({keys[i] + 1, keys[i + 1] - 1, 0}); // no key inside
            }
        }
        queries.push_back({keys[100], 0, 50});
        queries.push_back({keys[2990], 0, 50}); // fewer than 50 left
        queries.push_back({0, UINT64_MAX, 0});  // everything
        for (size_t k = 0; k < queries.size(); ++k)
        {
            Query q = queries[k];
            if (q.count != 0)
            {
                q.end = UINT64_MAX;
            }
            Simulator::Schedule(Seconds(60) + MilliSeconds(50 * k),
                                &RangeQueryTestCase::Issue,
                                this,
                                &o,
                                static_cast<uint32_t>(k % 16),
                                q);
        }
        m_issued = static_cast<uint32_t>(queries.size());
        Simulator::Stop(Seconds(80));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(m_oracle->GetKeys().size(), keys.size(), "all keys stored");
        NS_TEST_EXPECT_MSG_EQ(m_done, m_issued, "every query finished");
        NS_TEST_EXPECT_MSG_EQ(m_correct, m_issued, "every query returned exactly its keys");
        // Every vnode, and the first one twice: its arc straddles the top of the ring, so the
        // walk ends where it began.
        NS_TEST_EXPECT_MSG_EQ(m_wholeVisited, 81, "the whole key space visits every vnode");
        NS_TEST_EXPECT_MSG_LT_OR_EQ(m_visited10, 3, "a 10-key range visits at most 3 vnodes");
        NS_TEST_EXPECT_MSG_EQ(m_walksAsPredicted, m_rangeQueries, "walk length as predicted");
        NS_TEST_EXPECT_MSG_EQ(m_messagesAsSent, m_rangeQueries, "messages as the Tx traces saw");
        NS_TEST_EXPECT_MSG_EQ(m_messagesWithinWalk, m_rangeQueries, "messages within the walk's");
        Simulator::Destroy();
    }

    std::string m_walk;                     //!< RangeWalk attribute
    Ptr<LeadOracle> m_oracle;               //!< ground truth
    uint32_t m_issued{0};                   //!< queries issued
    uint32_t m_done{0};                     //!< queries finished
    uint32_t m_correct{0};                  //!< exact answers
    uint32_t m_reported{0};                 //!< mismatches printed
    uint32_t m_wholeVisited{0};             //!< vnodes visited by the whole-space query
    uint32_t m_visited10{0};                //!< most vnodes visited by a 10-key range
    Ptr<LearnedHashModel> m_model;          //!< the hash, to predict walks
    uint32_t m_rangeQueries{0};             //!< queries by key range (not count)
    uint32_t m_walksAsPredicted{0};         //!< walks as long as the oracle predicts
    uint32_t m_messagesAsSent{0};           //!< message counts equal to the Tx traces'
    uint32_t m_messagesWithinWalk{0};       //!< message counts within the walk's bounds
    std::map<uint64_t, uint32_t> m_txPerOp; //!< messages sent per operation

    void CountTx(LeadMessageType, LeadPurpose, uint32_t, uint64_t op)
    {
        ++m_txPerOp[op];
    }
};

/**
 * @ingroup lead-tests
 * Configuration: the Chord baseline: 16 nodes x 5 vnodes with consistent hashing, 2,000 uniform
 * keys stored at 40 s; from 60 s, six ranges of 100 consecutive keys fetched one Get per key,
 * sequentially (batch 1) and in batches of 10.
 * Expected behaviour: both return exactly the keys of the range and complete; batches finish
 * faster than the sequential fetch, with the same number of messages per key on average
 * (one lookup and one Get each); the Gets go out in issue order, batch k+1 only after every
 * Get of batch k answered (lead-spec.md 7.1: group by issue order, not by sorted latency).
 * How validated: returned keys against the oracle; latencies and message counts compared; the
 * issue and answer time of every Get from the KeyOpDone trace.
 */
class PerKeyRangeTestCase : public TestCase
{
  public:
    PerKeyRangeTestCase()
        : TestCase("Chord per-key range queries, sequential and batched, return the same keys")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(15);
        RngSeedManager::SetRun(1);
        auto keys = KeyDataset::Generate(KeyDistribution::UNIFORM, 2000, 6);
        Overlay o(16, 5, CreateObject<ConsistentHashModel>(), MilliSeconds(200));
        Simulator::Schedule(Seconds(40), [&o, &keys]() {
            for (size_t i = 0; i < keys.size(); ++i)
            {
                o.App(i % 16)->Put(keys[i], 64, keys[i] + 3, {});
            }
        });
        // Issue and answer time of every Get of the querying node.
        std::map<uint64_t, std::pair<Time, Time>> gets;
        o.App(3)->TraceConnectWithoutContext(
            "KeyOpDone",
            MakeCallback(+[](std::map<uint64_t, std::pair<Time, Time>>* log, const KeyOpResult& r) {
                if (r.op == LeadKeyOp::GET)
                {
                    (*log)[r.key] = {Simulator::Now() - r.latency, Simulator::Now()};
                }
            }).Bind(&gets));
        uint32_t ordered[2] = {0, 0};
        uint32_t exact[2] = {0, 0};
        double latency[2] = {0, 0};
        double messagesPerKey[2] = {0, 0};
        for (int r = 0; r < 6; ++r)
        {
            std::vector<uint64_t> range(keys.begin() + 300 * r, keys.begin() + 300 * r + 100);
            for (int mode = 0; mode < 2; ++mode)
            {
                const uint32_t batch = mode == 0 ? 1 : 10;
                Simulator::Schedule(Seconds(60 + 10 * r + 5 * mode), [&, range, batch, mode]() {
                    o.App(3)->RangeQueryPerKey(
                        range,
                        batch,
                        Callback<void, const RangeQueryResult&>([&, range, mode](
                                                                    const RangeQueryResult& res) {
                            std::vector<uint64_t> want;
                            for (auto k : range)
                            {
                                if (o.oracle->GetKeys().count(k))
                                {
                                    want.push_back(k);
                                }
                            }
                            std::sort(want.begin(), want.end());
                            exact[mode] += (res.complete && res.keys == want && want.size() == 100);
                            // Batch b is range[b*size .. (b+1)*size - 1]: all of it issued
                            // together, after the last answer of batch b-1.
                            const size_t size = mode == 0 ? 1 : 10;
                            bool inOrder = true;
                            for (size_t b = 0; b * size < range.size(); ++b)
                            {
                                const Time issued = gets[range[b * size]].first;
                                for (size_t i = b * size; i < (b + 1) * size; ++i)
                                {
                                    inOrder = inOrder && gets[range[i]].first == issued;
                                    if (b > 0)
                                    {
                                        for (size_t j = (b - 1) * size; j < b * size; ++j)
                                        {
                                            inOrder = inOrder && gets[range[j]].second <= issued;
                                        }
                                    }
                                }
                            }
                            ordered[mode] += inOrder ? 1 : 0;
                            latency[mode] += res.latency.GetSeconds();
                            messagesPerKey[mode] += static_cast<double>(res.messages) / 100;
                        }));
                });
            }
        }
        Simulator::Stop(Seconds(130));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(exact[0], 6, "sequential per-key fetches return the range");
        NS_TEST_EXPECT_MSG_EQ(exact[1], 6, "batched per-key fetches return the range");
        NS_TEST_EXPECT_MSG_EQ(ordered[0], 6, "sequential Gets one after another, in issue order");
        NS_TEST_EXPECT_MSG_EQ(ordered[1], 6, "batches in issue order, each after the last");
        NS_TEST_EXPECT_MSG_LT(latency[1] * 3, latency[0], "batches of 10 are much faster");
        NS_TEST_EXPECT_MSG_EQ_TOL(messagesPerKey[1],
                                  messagesPerKey[0],
                                  0.1 * messagesPerKey[0],
                                  "same messages per key");
        Simulator::Destroy();
    }
};

/**
 * @ingroup lead-tests
 * Configuration: the PHT baseline: 16 nodes x 5 vnodes with consistent hashing, 2,000
 * lognormal keys (clustered, so the trie is deep in places) bulk-loaded as a prefix hash tree
 * with buckets of 16 keys at 40 s, and one more key inserted later through a binary search;
 * from 70 s, ranges of 1 to 1,000 consecutive keys, ranges with no key, the whole key space and
 * a range reaching the top of the key space, one after another.
 * Expected behaviour: every answer holds exactly the keys of its range (the inserted one
 * included) and is complete; a range inside one leaf reads at most 2 + log2(64) trie nodes.
 * How validated: answers against the keys the oracle holds in each range (trie markers are
 * not keys of the data set and are left out); trie-node reads against the tree's shape.
 */
class PhtRangeTestCase : public TestCase
{
  public:
    PhtRangeTestCase()
        : TestCase("PHT range queries over the DHT return exactly the stored keys of the range")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(16);
        RngSeedManager::SetRun(1);
        auto keys = KeyDataset::Generate(KeyDistribution::LOGNORMAL, 2000, 7);
        const PhtIndex index(keys, 16);
        Overlay o(16, 5, CreateObject<ConsistentHashModel>(), MilliSeconds(200));
        std::vector<Ptr<LeadPhtClient>> clients;
        for (uint32_t i = 0; i < 16; ++i)
        {
            clients.push_back(CreateObject<LeadPhtClient>());
            clients.back()->SetApp(o.App(i));
        }
        uint32_t stored = 0;
        auto countStored = Callback<void, const KeyOpResult&>(
            [&stored](const KeyOpResult& r) { stored += r.success ? 1 : 0; });
        Simulator::Schedule(Seconds(40), [&]() {
            for (size_t n = 0; n < index.GetNodes().size(); ++n)
            {
                clients[n % 16]->Store(index.GetNodes()[n], 64, 0x99, countStored);
            }
        });
        // A key between two clustered keys, inserted without a split.
        uint64_t extra = 0;
        for (size_t i = 1; i < keys.size() && extra == 0; ++i)
        {
            extra = keys[i] - keys[i - 1] > 2 ? keys[i - 1] + 1 : 0;
        }
        bool inserted = false;
        Simulator::Schedule(Seconds(60), [&]() {
            clients[5]->Insert(extra,
                               64,
                               1,
                               Callback<void, const KeyOpResult&>(
                                   [&inserted](const KeyOpResult& r) { inserted = r.success; }));
        });

        std::set<uint64_t> data(keys.begin(), keys.end());
        data.insert(extra);
        std::vector<std::pair<uint64_t, uint64_t>> ranges;
        Ptr<UniformRandomVariable> rng = CreateObject<UniformRandomVariable>();
        rng->SetStream(41);
        for (uint32_t len : {1U, 10U, 100U, 1000U})
        {
            for (int k = 0; k < 5; ++k)
            {
                const uint32_t i = rng->GetInteger(0, keys.size() - len);
                ranges.emplace_back(keys[i], keys[i + len - 1]);
            }
        }
        ranges.emplace_back(extra, extra);
        ranges.emplace_back(keys[keys.size() - 30], UINT64_MAX);
        ranges.emplace_back(0, UINT64_MAX);
        for (int k = 0; k < 4; ++k)
        {
            const uint32_t i = rng->GetInteger(0, keys.size() - 2);
            if (keys[i + 1] - keys[i] > 2 && keys[i] + 1 != extra)
            {
                ranges.emplace_back(keys[i] + 1, keys[i + 1] - 1); // no key inside
            }
        }
        uint32_t done = 0;
        uint32_t exact = 0;
        uint32_t maxReadsInLeaf = 0;
        for (size_t q = 0; q < ranges.size(); ++q)
        {
            const auto range = ranges[q];
            Simulator::Schedule(Seconds(70) + Seconds(2) * q, [&, range]() {
                clients[range.first % 16]->RangeQuery(
                    range.first,
                    range.second,
                    Callback<void, const RangeQueryResult&>([&, range](const RangeQueryResult& r) {
                        ++done;
                        std::vector<uint64_t> want;
                        for (auto it = data.lower_bound(range.first);
                             it != data.end() && *it <= range.second;
                             ++it)
                        {
                            want.push_back(*it);
                        }
                        const bool ok = r.complete && r.keys == want;
                        exact += ok ? 1 : 0;
                        if (!ok)
                        {
                            std::cerr << "PHT range [" << range.first << ", " << range.second
                                      << "]: complete=" << r.complete << " got " << r.keys.size()
                                      << " want " << want.size() << "\n";
                        }
                        if (index.FindLeaf(range.first) == index.FindLeaf(range.second))
                        {
                            maxReadsInLeaf = std::max(maxReadsInLeaf, r.nodesVisited);
                        }
                    }));
            });
        }
        Simulator::Stop(Seconds(70) + Seconds(2) * ranges.size() + Seconds(10));
        Simulator::Run();
        size_t items = 0;
        for (const auto& n : index.GetNodes())
        {
            items += 1 + n.keys.size();
        }
        NS_TEST_EXPECT_MSG_EQ(stored, items, "every trie marker and key stored");
        NS_TEST_EXPECT_MSG_EQ(inserted, true, "the extra key was inserted");
        NS_TEST_EXPECT_MSG_GT(index.GetDepth(), 8, "the clustered keys make a deep trie");
        NS_TEST_EXPECT_MSG_EQ(done, ranges.size(), "every query finished");
        NS_TEST_EXPECT_MSG_EQ(exact, ranges.size(), "every query returned exactly its keys");
        NS_TEST_EXPECT_MSG_LT_OR_EQ(maxReadsInLeaf, 8, "a range in one leaf: a binary search");
        Simulator::Destroy();
    }
};

/**
 * @ingroup lead-tests
 * Configuration: the Marques-style two-tier baseline: 18 nodes, 3 group leaders of 5 vnodes
 * each on the ring (learned hash) and 5 members per leader (Role member, its leader as
 * gateway); 2,000 lognormal keys stored from 30 s (one every 2 ms), every other put from a
 * member; from 40 s, ranges of 1 to 1,000 keys, ranges with no key, the start and the top of the
 * key space and the whole key space, one after another, every other one from a member.
 * Expected behaviour: every answer is complete and exact; only members store keys; every
 * member stores some.
 * How validated: answers against the oracle's keys; stores read from every application.
 */
class MarquesRangeTestCase : public TestCase
{
  public:
    /**
     * @param walk RangeWalk attribute: chain or client
     */
    explicit MarquesRangeTestCase(std::string walk)
        : TestCase("Two-tier (Marques-style) range queries (" + walk +
                   " walk) return exactly the stored keys"),
          m_walk(walk)
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(17);
        RngSeedManager::SetRun(1);
        auto keys = KeyDataset::Generate(KeyDistribution::LOGNORMAL, 2000, 8);
        auto rmi = CreateObject<RmiHashModel>();
        rmi->Train(keys);
        const uint32_t leaders = 3;
        const uint32_t groupSize = 5;
        Config::SetDefault("ns3::lead::LeadNodeApp::RangeWalk", StringValue(m_walk));
        Overlay o(leaders * (1 + groupSize), 5, rmi, MilliSeconds(200));
        Config::SetDefault("ns3::lead::LeadNodeApp::RangeWalk", StringValue("chain"));
        for (uint32_t l = 0; l < leaders; ++l)
        {
            std::vector<Ipv4Address> members;
            for (uint32_t m = 0; m < groupSize; ++m)
            {
                const uint32_t node = leaders + l * groupSize + m;
                o.App(node)->SetRole(LeadNodeApp::ROLE_MEMBER);
                o.App(node)->SetGateway(
                    o.nodes.Get(l)->GetObject<Ipv4>()->GetAddress(1, 0).GetLocal());
                members.push_back(
                    o.nodes.Get(node)->GetObject<Ipv4>()->GetAddress(1, 0).GetLocal());
            }
            o.App(l)->SetGroupMembers(members);
        }
        for (size_t i = 0; i < keys.size(); ++i)
        {
            // Every other put comes from a member, through its leader.
            const uint32_t from = i % 2 ? leaders + i % (leaders * groupSize) : i % leaders;
            Simulator::Schedule(Seconds(30) + MilliSeconds(2 * i), [&o, &keys, i, from]() {
                o.App(from)->Put(keys[i], 100, keys[i] ^ 0x55, {});
            });
        }
        std::vector<std::pair<uint64_t, uint64_t>> ranges;
        Ptr<UniformRandomVariable> rng = CreateObject<UniformRandomVariable>();
        rng->SetStream(43);
        for (uint32_t len : {1U, 10U, 100U, 1000U})
        {
            for (int k = 0; k < 5; ++k)
            {
                const uint32_t i = rng->GetInteger(0, keys.size() - len);
                ranges.emplace_back(keys[i], keys[i + len - 1]);
            }
        }
        ranges.emplace_back(0, keys[20]);
        ranges.emplace_back(keys[keys.size() - 30], UINT64_MAX);
        ranges.emplace_back(0, UINT64_MAX);
        for (int k = 0; k < 3; ++k)
        {
            const uint32_t i = rng->GetInteger(0, keys.size() - 2);
            if (keys[i + 1] - keys[i] > 2)
            {
                ranges.emplace_back(keys[i] + 1, keys[i + 1] - 1);
            }
        }
        uint32_t done = 0;
        uint32_t exact = 0;
        for (size_t q = 0; q < ranges.size(); ++q)
        {
            const auto range = ranges[q];
            // Every other query comes from a member: the same origins as the other systems.
            const uint32_t from = q % 2 ? leaders + q % (leaders * groupSize) : q % leaders;
            Simulator::Schedule(Seconds(40) + Seconds(1) * q, [&, range, from]() {
                o.App(from)->RangeQuery(
                    range.first,
                    range.second,
                    Callback<void, const RangeQueryResult&>([&, range](const RangeQueryResult& r) {
                        ++done;
                        const std::vector<uint64_t> want = o.StoredKeys(range.first, range.second);
                        const bool ok = r.complete && r.keys == want;
                        exact += ok ? 1 : 0;
                        if (!ok)
                        {
                            std::cerr << "two-tier range [" << range.first << ", " << range.second
                                      << "]: complete=" << r.complete << " got " << r.keys.size()
                                      << " want " << want.size() << "\n";
                        }
                    }));
            });
        }
        Simulator::Stop(Seconds(40) + Seconds(1) * ranges.size() + Seconds(10));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(o.oracle->GetKeys().size(), keys.size(), "every key stored");
        uint64_t leaderKeys = 0;
        uint32_t emptyMembers = 0;
        uint64_t memberKeys = 0;
        for (uint32_t n = 0; n < leaders * (1 + groupSize); ++n)
        {
            uint64_t held = 0;
            for (uint32_t v = 0; v < o.App(n)->GetVnodeCount(); ++v)
            {
                held += o.App(n)->GetStore(v).GetSize();
            }
            if (n < leaders)
            {
                leaderKeys += held;
            }
            else
            {
                memberKeys += held;
                emptyMembers += held == 0 ? 1 : 0;
            }
        }
        NS_TEST_EXPECT_MSG_EQ(leaderKeys, 0, "leaders store nothing");
        NS_TEST_EXPECT_MSG_EQ(memberKeys, keys.size(), "members store every key once");
        NS_TEST_EXPECT_MSG_EQ(emptyMembers, 0, "every member holds a sub-arc with keys");
        NS_TEST_EXPECT_MSG_EQ(done, ranges.size(), "every query finished");
        NS_TEST_EXPECT_MSG_EQ(exact, ranges.size(), "every query returned exactly its keys");
        Simulator::Destroy();
    }

    std::string m_walk; //!< RangeWalk attribute
};

/**
 * @ingroup lead-tests
 * Configuration: 16 nodes x 5 vnodes, learned hash, 3,000 lognormal keys with 3 replicas; at
 * 50 s node 5 crashes (its application stops: no hand-off, no notice), and 10 ms later, long
 * before stabilisation notices, ranges of 1,000 keys start from other nodes, then queries of
 * the whole key space, then ranges of 50 keys that start on each dead vnode's arc; chain,
 * client-driven or fan-out walk.
 * Expected behaviour: every walk that reaches one of the dead node's vnodes times out on it,
 * moves on to the next live successor (which reports the dead vnode's arc from its replicas),
 * and returns exactly the stored keys; a scan sent to a dead start owner goes to the owner of
 * the position after it, found by a second lookup.
 * How validated: answers against the oracle's keys (the crash loses none: replicas).
 */
class DeadSuccessorRangeTestCase : public TestCase
{
  public:
    /**
     * @param walk RangeWalk attribute: chain or client
     */
    explicit DeadSuccessorRangeTestCase(std::string walk)
        : TestCase("Range queries (" + walk + " walk) step over a crashed successor"),
          m_walk(walk)
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(18);
        RngSeedManager::SetRun(1);
        auto keys = KeyDataset::Generate(KeyDistribution::LOGNORMAL, 3000, 9);
        auto rmi = CreateObject<RmiHashModel>();
        rmi->Train(keys);
        Config::SetDefault("ns3::lead::LeadNodeApp::RangeWalk", StringValue(m_walk));
        Overlay o(16, 5, rmi, MilliSeconds(200));
        Config::SetDefault("ns3::lead::LeadNodeApp::RangeWalk", StringValue("chain"));
        for (size_t i = 0; i < keys.size(); ++i)
        {
            Simulator::Schedule(Seconds(30) + MilliSeconds(2 * i), [&o, &keys, i]() {
                o.App(i % 16)->Put(keys[i], 100, keys[i] ^ 0x33, {});
            });
        }
        const uint32_t victim = 5;
        o.App(victim)->SetStopTime(Seconds(50)); // crash: no hand-off, no notice
        uint32_t done = 0;
        uint32_t exact = 0;
        uint32_t crossed = 0;
        std::vector<std::pair<uint64_t, uint64_t>> ranges;
        for (size_t first = 0; first + 1000 <= keys.size(); first += 500)
        {
            ranges.emplace_back(keys[first], keys[first + 999]);
        }
        ranges.emplace_back(0, UINT64_MAX);
        ranges.emplace_back(0, UINT64_MAX);
        // Arcs of the dead node's vnodes, to tell the walks that had to step over it.
        std::vector<uint64_t> deadIds;
        for (uint32_t v = 0; v < 5; ++v) // VnodesPerNode (the vnodes exist only once started)
        {
            deadIds.push_back(PeerHash::FromIpv4(
                o.nodes.Get(victim)->GetObject<Ipv4>()->GetAddress(1, 0).GetLocal().Get(),
                v));
        }
        // Ranges that start on a dead vnode's arc: the lookup names the dead start owner.
        std::vector<uint64_t> sorted = keys;
        std::sort(sorted.begin(), sorted.end());
        for (uint64_t id : deadIds)
        {
            size_t j = 0;
            while (j < sorted.size() && rmi->Hash(sorted[j]) <= id)
            {
                ++j;
            }
            if (j > 0)
            {
                ranges.emplace_back(sorted[j - 1], sorted[std::min(j + 49, sorted.size() - 1)]);
            }
        }
        for (size_t q = 0; q < ranges.size(); ++q)
        {
            const auto range = ranges[q];
            const uint32_t from = (victim + 1 + q) % 16 == victim ? 0 : (victim + 1 + q) % 16;
            Simulator::Schedule(Seconds(50) + MilliSeconds(10 + q), [&, range, from]() {
                o.App(from)->RangeQuery(
                    range.first,
                    range.second,
                    Callback<void, const RangeQueryResult&>([&, range](const RangeQueryResult& r) {
                        ++done;
                        const std::vector<uint64_t> want = o.StoredKeys(range.first, range.second);
                        const bool ok = r.complete && r.keys == want;
                        exact += ok ? 1 : 0;
                        const uint64_t lo = rmi->Hash(range.first);
                        const uint64_t hi = rmi->Hash(range.second);
                        for (uint64_t id : deadIds)
                        {
                            crossed += (id >= lo && id < hi) ? 1 : 0;
                        }
                        if (!ok)
                        {
                            std::cerr << "dead-successor range [" << range.first << ", "
                                      << range.second << "]: complete=" << r.complete << " got "
                                      << r.keys.size() << " want " << want.size() << "\n";
                        }
                    }));
            });
        }
        Simulator::Stop(Seconds(120));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(o.oracle->GetKeys().size(), keys.size(), "every key stored");
        NS_TEST_EXPECT_MSG_EQ(done, ranges.size(), "every query finished");
        NS_TEST_EXPECT_MSG_EQ(exact, ranges.size(), "every query returned exactly its keys");
        NS_TEST_EXPECT_MSG_GT(crossed, 10, "the walks had to step over the dead vnodes");
        Simulator::Destroy();
    }

    std::string m_walk; //!< RangeWalk attribute
};

/**
 * @ingroup lead-tests
 * The suite.
 */
class LeadRangeTestSuite : public TestSuite
{
  public:
    LeadRangeTestSuite()
        : TestSuite("lead-range")
    {
        AddTestCase(new RangeQueryTestCase("chain"));
        AddTestCase(new RangeQueryTestCase("client"));
        AddTestCase(new RangeQueryTestCase("fanout"));
        AddTestCase(new PerKeyRangeTestCase);
        AddTestCase(new PhtRangeTestCase);
        AddTestCase(new MarquesRangeTestCase("chain"));
        AddTestCase(new MarquesRangeTestCase("client"));
        AddTestCase(new DeadSuccessorRangeTestCase("chain"));
        AddTestCase(new DeadSuccessorRangeTestCase("client"));
        AddTestCase(new DeadSuccessorRangeTestCase("fanout"));
    }
};

/// Static instance.
static LeadRangeTestSuite g_leadRangeTestSuite;

} // namespace tests
