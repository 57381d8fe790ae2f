/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

// ns-3 TestSuite "lead-update": the collaborative model update in the simulator
// (LeadUpdateService): a round started by drift converges on every node and evens the load
// while reads and range queries stay exact; concurrent rounds end in one version; a hostile
// participant cannot break the hash.

#include "lead-model-scene.h"

#include "ns3/test.h"

#include <algorithm>
#include <map>
#include <set>

using namespace ns3;
using namespace ns3::lead;

namespace tests
{

/// Keys per live vnode, max over mean, by the oracle under a model.
double
LoadMaxMean(const LeadOracle& oracle, const LearnedHashModel& m)
{
    std::map<uint64_t, uint64_t> load;
    for (const VnodeRef& v : oracle.GetLiveVnodes())
    {
        load[v.id] = 0;
    }
    for (const auto& kv : oracle.GetKeys())
    {
        ++load[oracle.Owner(m.Hash(kv.first))->id];
    }
    uint64_t max = 0;
    for (const auto& kv : load)
    {
        max = std::max(max, kv.second);
    }
    return static_cast<double>(max) * static_cast<double>(load.size()) /
           static_cast<double>(oracle.GetKeys().size());
}

/// The most stored keys that share one ring position under a model.
uint64_t
Pile(const LeadOracle& oracle, const LearnedHashModel& m)
{
    std::map<uint64_t, uint64_t> count;
    uint64_t most = 0;
    for (const auto& kv : oracle.GetKeys())
    {
        most = std::max(most, ++count[m.Hash(kv.first)]);
    }
    return most;
}

/// What a model change did to the stored keys.
struct Movement
{
    uint64_t hashChanged{0}; //!< keys whose ring position changed
    uint64_t moved{0};       //!< keys whose owner changed
    uint64_t window{0};      //!< keys in the key range of the changed leaves (the bound)
    uint64_t outside{0};     //!< keys outside that range whose position changed (must be 0)
};

/// Compare two models on the oracle's keys. The window is the key range from the lowest first
/// key of a changed leaf (old or new) to the first key of the unchanged leaf after the last
/// changed one: a round can only move keys inside it, whatever the participants sent.
Movement
Moved(const LeadOracle& oracle, const LearnedHashModel& before, const LearnedHashModel& after)
{
    Movement m;
    uint64_t lo = ~0ULL;
    uint64_t hi = 0;
    bool any = false;
    for (uint32_t i = 0; i < before.GetLeafCount(); ++i)
    {
        const LeafParams a = before.GetLeaf(i);
        const LeafParams b = after.GetLeaf(i);
        if (a.firstKey == b.firstKey && a.intercept == b.intercept && a.slope == b.slope &&
            a.firstRank == b.firstRank && a.lastRank == b.lastRank)
        {
            continue;
        }
        any = true;
        lo = std::min({lo, a.firstKey, b.firstKey});
        hi = i + 1 < before.GetLeafCount() ? before.GetLeaf(i + 1).firstKey : ~0ULL;
    }
    for (const auto& kv : oracle.GetKeys())
    {
        const uint64_t k = kv.first;
        const bool inside = any && k >= lo && (k < hi || hi == ~0ULL);
        m.window += inside ? 1 : 0;
        if (before.Hash(k) != after.Hash(k))
        {
            ++m.hashChanged;
            m.outside += inside ? 0 : 1;
        }
        m.moved += oracle.Owner(before.Hash(k))->id != oracle.Owner(after.Hash(k))->id ? 1 : 0;
    }
    return m;
}

/// Primary keys not at the oracle's owner under the node's own model.
uint64_t
Misplaced(const ModelScene& s)
{
    std::map<uint64_t, std::pair<uint32_t, uint32_t>> where; // vnode id -> (app, index)
    for (uint32_t i = 0; i < s.apps.GetN(); ++i)
    {
        for (uint32_t v = 0; v < s.App(i)->GetVnodeCount(); ++v)
        {
            where[s.App(i)->GetVnode(v).id] = {i, v};
        }
    }
    uint64_t bad = 0;
    Ptr<LearnedHashModel> m = s.App(0)->GetHashModel();
    for (const auto& kv : s.oracle->GetKeys())
    {
        const auto [app, index] = where[s.oracle->Owner(m->Hash(kv.first))->id];
        bad += s.App(app)->GetStore(index).Get(kv.first) ? 0 : 1;
    }
    return bad;
}

/// Crowd `n` new keys between the stored keys of ranks lo and hi, put from every node.
void
Crowd(ModelScene& s, uint32_t lo, uint32_t hi, uint32_t n, uint32_t* acked)
{
    std::vector<uint64_t> sorted;
    for (const auto& kv : s.oracle->GetKeys())
    {
        sorted.push_back(kv.first);
    }
    const uint64_t a = sorted[lo];
    const uint64_t b = sorted[hi];
    for (uint32_t k = 0; k < n; ++k)
    {
        const uint64_t key = a + 1 + (b - a - 2) / n * k;
        Simulator::Schedule(MilliSeconds(k), [&s, key, k, acked]() {
            s.App(k % s.apps.GetN())
                ->Put(key, Callback<void, const KeyOpResult&>([acked](const KeyOpResult& r) {
                          *acked += r.success ? 1 : 0;
                      }));
        });
    }
}

/// Reads of random stored keys every 100 ms, and every fifth time a range query of 60 keys,
/// each judged against the oracle.
struct QueryLoad
{
    ModelScene& s;
    Ptr<UniformRandomVariable> u;
    uint32_t reads{0};
    uint32_t readsOk{0};
    uint32_t ranges{0};
    uint32_t rangesOk{0};

    QueryLoad(ModelScene& scene, int64_t stream)
        : s(scene),
          u(CreateObject<UniformRandomVariable>())
    {
        u->SetStream(stream);
    }

    /// `n` reads from `start` on, 100 ms apart.
    void Schedule(Time start, int n)
    {
        for (int k = 0; k < n; ++k)
        {
            Simulator::Schedule(start + MilliSeconds(100 * k), [this]() { One(); });
        }
    }

    void One()
    {
        const uint64_t key = s.RandomKey(u);
        ++reads;
        s.App(u->GetInteger(0, s.apps.GetN() - 1))
            ->Get(key, Callback<void, const KeyOpResult&>([this, key](const KeyOpResult& r) {
                      readsOk +=
                          r.success && r.found && r.tag == s.oracle->GetKeys().at(key).tag ? 1 : 0;
                  }));
        if (reads % 5 != 0)
        {
            return;
        }
        const uint64_t lo = s.RandomKey(u);
        auto it = s.oracle->GetKeys().lower_bound(lo);
        std::vector<uint64_t> want;
        for (int k = 0; k < 60 && it != s.oracle->GetKeys().end(); ++k, ++it)
        {
            want.push_back(it->first);
        }
        ++ranges;
        s.App(u->GetInteger(0, s.apps.GetN() - 1))
            ->RangeQuery(
                lo,
                want.back(),
                Callback<void, const RangeQueryResult&>([this, want](const RangeQueryResult& r) {
                    rangesOk += r.complete && r.keys == want ? 1 : 0;
                }));
    }
};

class RoundConvergesTestCase : public TestCase
{
  public:
    RoundConvergesTestCase()
        : TestCase("drift starts a round; every node installs its version within seconds, keys "
                   "move to their new owners, load evens, reads and ranges stay exact")
    {
    }

  private:
    void DoRun() override
    {
        ModelScene s(4000);
        for (uint32_t i = 0; i < s.apps.GetN(); ++i)
        {
            s.App(i)->SetAttribute("HeartbeatInterval", TimeValue(Seconds(1)));
            s.App(i)->SetAttribute("Quorum", DoubleValue(0.0)); // a ready vnode coordinates
        }
        const Time loaded = s.Load();
        Ptr<LearnedHashModel> original = s.App(0)->GetHashModel();
        const uint32_t v0 = original->GetVersion();
        std::vector<ModelUpdateRoundResult> rounds;
        std::map<uint32_t, std::vector<Time>> installs; // version -> install times
        for (uint32_t i = 0; i < s.apps.GetN(); ++i)
        {
            s.App(i)->TraceConnectWithoutContext(
                "ModelUpdateRound",
                Callback<void, const ModelUpdateRoundResult&>(
                    [&rounds](const ModelUpdateRoundResult& r) { rounds.push_back(r); }));
            s.App(i)->TraceConnectWithoutContext(
                "ModelInstalled",
                Callback<void, uint32_t, uint64_t>([&installs](uint32_t v, uint64_t) {
                    installs[v].push_back(Simulator::Now());
                }));
        }
        uint32_t acked = 0;
        double before = 0;
        Simulator::Schedule(loaded + Seconds(2), [&]() {
            for (uint32_t i = 0; i < s.apps.GetN(); ++i)
            {
                s.App(i)->MarkModelBaseline();
            }
            Crowd(s, 2000, 2100, 2000, &acked);
        });
        // Reads and range queries from loaded + 5 s (inserts done) to loaded + 45 s.
        QueryLoad q(s, 77);
        q.Schedule(loaded + Seconds(5), 400);
        uint64_t misplaced = 0;
        double after = 0;
        std::set<uint32_t> versions;
        Simulator::Schedule(loaded + Seconds(60), [&]() {
            misplaced = Misplaced(s);
            before = LoadMaxMean(*s.oracle, *original); // the same keys on the first model
            after = LoadMaxMean(*s.oracle, *s.App(0)->GetHashModel());
            for (uint32_t i = 0; i < s.apps.GetN(); ++i)
            {
                versions.insert(s.App(i)->GetHashModel()->GetVersion());
            }
        });
        Simulator::Stop(loaded + Seconds(61));
        Simulator::Run();

        uint32_t installed = 0;
        for (const auto& r : rounds)
        {
            installed += r.installed ? 1 : 0;
        }
        NS_TEST_EXPECT_MSG_EQ(acked, 2000U, "every crowded key stored");
        NS_TEST_ASSERT_MSG_GT(installed, 0U, "a round installed a version");
        NS_TEST_EXPECT_MSG_EQ(versions.size(), 1U, "every node on one version");
        const uint32_t last = *versions.begin();
        NS_TEST_EXPECT_MSG_GT(last, v0, "a newer version");
        const auto& times = installs[last];
        NS_TEST_EXPECT_MSG_EQ(times.size(), s.apps.GetN(), "every node installed it once");
        const Time spread = *std::max_element(times.begin(), times.end()) -
                            *std::min_element(times.begin(), times.end());
        NS_TEST_EXPECT_MSG_LT(spread, Seconds(5), "the version reached every node in 5 s");
        NS_TEST_EXPECT_MSG_EQ(misplaced, 0U, "every key at its owner under the new model");
        NS_TEST_EXPECT_MSG_LT(after, before * 0.6, "the crowded vnodes shed load");
        NS_TEST_EXPECT_MSG_EQ(q.readsOk, q.reads, "every read during the update found its key");
        NS_TEST_EXPECT_MSG_EQ(q.rangesOk, q.ranges, "every range query during it exact");
        std::cout << "  " << rounds.size() << " rounds, " << installed << " installed; load "
                  << before << " -> " << after << "; spread " << spread.As(Time::MS) << "; "
                  << q.readsOk << "/" << q.reads << " reads, " << q.rangesOk << "/" << q.ranges
                  << " ranges" << std::endl;
        Simulator::Destroy();
    }
};

/// The node and vnode index of a vnode id.
std::pair<uint32_t, uint32_t>
Locate(const ModelScene& s, uint64_t id)
{
    for (uint32_t i = 0; i < s.apps.GetN(); ++i)
    {
        for (uint32_t v = 0; v < s.App(i)->GetVnodeCount(); ++v)
        {
            if (s.App(i)->GetVnode(v).id == id)
            {
                return {i, v};
            }
        }
    }
    return {0, 0};
}

class ConcurrentRoundsTestCase : public TestCase
{
  public:
    ConcurrentRoundsTestCase()
        : TestCase("two rounds started at once in different regions end in one version")
    {
    }

  private:
    void DoRun() override
    {
        ModelScene s(4000);
        const Time loaded = s.Load();
        std::vector<ModelUpdateRoundResult> rounds;
        for (uint32_t i = 0; i < s.apps.GetN(); ++i)
        {
            s.App(i)->TraceConnectWithoutContext(
                "ModelUpdateRound",
                Callback<void, const ModelUpdateRoundResult&>(
                    [&rounds](const ModelUpdateRoundResult& r) { rounds.push_back(r); }));
        }
        uint32_t started = 0;
        Simulator::Schedule(loaded + Seconds(2), [&]() {
            std::vector<uint64_t> sorted;
            for (const auto& kv : s.oracle->GetKeys())
            {
                sorted.push_back(kv.first);
            }
            Ptr<LearnedHashModel> m = s.App(0)->GetHashModel();
            for (uint32_t rank : {1000U, 3000U})
            {
                const auto [app, index] = Locate(s, s.oracle->Owner(m->Hash(sorted[rank]))->id);
                started += s.App(app)->StartModelUpdateRound(index) ? 1 : 0;
            }
        });
        std::set<uint32_t> versions;
        uint64_t misplaced = 0;
        Simulator::Schedule(loaded + Seconds(40), [&]() {
            for (uint32_t i = 0; i < s.apps.GetN(); ++i)
            {
                versions.insert(s.App(i)->GetHashModel()->GetVersion());
            }
            misplaced = Misplaced(s);
        });
        Simulator::Stop(loaded + Seconds(41));
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(started, 2U, "both rounds started");
        NS_TEST_ASSERT_MSG_EQ(rounds.size(), 2U, "both rounds ended");
        NS_TEST_EXPECT_MSG_EQ(rounds[0].installed && rounds[1].installed, true, "both installed");
        NS_TEST_EXPECT_MSG_EQ((rounds[0].newVersion >> 16),
                              (rounds[1].newVersion >> 16),
                              "on the same round counter");
        NS_TEST_EXPECT_MSG_NE(rounds[0].newVersion, rounds[1].newVersion, "two versions");
        NS_TEST_EXPECT_MSG_EQ(versions.size(), 1U, "every node ends on one version");
        NS_TEST_EXPECT_MSG_EQ(*versions.begin(),
                              std::max(rounds[0].newVersion, rounds[1].newVersion),
                              "the higher (round, coordinator) wins");
        NS_TEST_EXPECT_MSG_EQ(misplaced, 0U, "every key at its owner under it");
        Simulator::Destroy();
    }
};

class HostileParticipantTestCase : public TestCase
{
  public:
    HostileParticipantTestCase()
        : TestCase("a participant sending hostile leaves: the hash stays monotone, the keys "
                   "moved stay inside the round's window; validation keeps the load, plain "
                   "averaging and the median do not")
    {
    }

  private:
    /// What one round did.
    struct Outcome
    {
        uint64_t pile{0};  //!< most keys on one ring position after it
        double load{0};    //!< keys per vnode max/mean after it
        Movement movement; //!< keys it moved
    };

    /// One round with node 5 hostile or not, under an aggregation, with validation or not.
    Outcome Run(bool validate, bool hostile, const std::string& aggregation)
    {
        ModelScene s(4000);
        s.App(5)->SetAttribute("HostileUpdates", BooleanValue(hostile));
        for (uint32_t i = 0; i < s.apps.GetN(); ++i)
        {
            s.App(i)->SetAttribute("UpdateValidation", BooleanValue(validate));
            s.App(i)->SetAttribute("Aggregation", StringValue(aggregation));
        }
        const Time loaded = s.Load();
        ModelUpdateRoundResult round;
        for (uint32_t i = 0; i < s.apps.GetN(); ++i)
        {
            s.App(i)->TraceConnectWithoutContext(
                "ModelUpdateRound",
                Callback<void, const ModelUpdateRoundResult&>(
                    [&round](const ModelUpdateRoundResult& r) { round = r; }));
        }
        double before = 0;
        uint64_t pileBefore = 0;
        Ptr<LearnedHashModel> old;
        Simulator::Schedule(loaded + Seconds(2), [&]() {
            old = s.App(0)->GetHashModel()->Clone();
            before = LoadMaxMean(*s.oracle, *old);
            pileBefore = Pile(*s.oracle, *old);
            // The coordinator: the predecessor of the hostile node's first vnode.
            const uint64_t pred = s.oracle->Predecessor(s.App(5)->GetVnode(0).id)->id;
            const auto [app, index] = Locate(s, pred);
            s.App(app)->StartModelUpdateRound(index);
        });
        Outcome out;
        uint64_t inversions = 0;
        uint64_t misplaced = 0;
        Simulator::Schedule(loaded + Seconds(40), [&]() {
            Ptr<LearnedHashModel> m = s.App(0)->GetHashModel();
            out.load = LoadMaxMean(*s.oracle, *m);
            uint64_t prev = 0;
            for (const auto& kv : s.oracle->GetKeys())
            {
                inversions += m->Hash(kv.first) < prev ? 1 : 0;
                prev = m->Hash(kv.first);
            }
            out.pile = Pile(*s.oracle, *m);
            out.movement = Moved(*s.oracle, *old, *m);
            misplaced = Misplaced(s);
        });
        Simulator::Stop(loaded + Seconds(41));
        Simulator::Run();
        const uint64_t keys = s.oracle->GetKeys().size();
        Simulator::Destroy();
        NS_TEST_EXPECT_MSG_EQ(round.installed, true, "the round installed a version");
        const bool replaced = round.replaced > 0;
        NS_TEST_EXPECT_MSG_EQ(replaced, validate && hostile, "pieces replaced iff hostile");
        NS_TEST_EXPECT_MSG_EQ(inversions, 0U, "the hash stays monotone");
        NS_TEST_EXPECT_MSG_EQ(misplaced, 0U, "every key at its owner");
        NS_TEST_EXPECT_MSG_EQ(out.movement.outside, 0U, "no key outside the window changed");
        NS_TEST_EXPECT_MSG_LT_OR_EQ(out.movement.moved, out.movement.window, "moved <= window");
        NS_TEST_EXPECT_MSG_GT(before, 0.0, "load measured");
        std::cout << "  " << (hostile ? "hostile, " : "honest, ") << aggregation
                  << (validate ? ", validated" : ", no validation") << ": load max/mean " << before
                  << " -> " << out.load << ", at most " << pileBefore << " -> " << out.pile
                  << " keys on one position; moved " << out.movement.moved << " of " << keys
                  << " keys (" << 100.0 * out.movement.moved / keys << " %), window "
                  << out.movement.window << " (" << 100.0 * out.movement.window / keys << " %)"
                  << std::endl;
        return out;
    }

    void DoRun() override
    {
        const Outcome honest = Run(true, false, "mean");
        const Outcome validated = Run(true, true, "mean");
        const Outcome plain = Run(false, true, "mean");
        const Outcome median = Run(false, true, "median");
        NS_TEST_EXPECT_MSG_LT_OR_EQ(validated.pile, honest.pile + 2, "validated: as if honest");
        NS_TEST_EXPECT_MSG_LT_OR_EQ(validated.load, honest.load * 1.05, "validated: load");
        NS_TEST_EXPECT_MSG_LT_OR_EQ(validated.movement.moved,
                                    honest.movement.moved * 11 / 10 + 5,
                                    "validated: moves what an honest round moves");
        NS_TEST_EXPECT_MSG_GT(plain.pile, 10 * honest.pile, "plain averaging: a leaf piles up");
        NS_TEST_EXPECT_MSG_GT(plain.load, honest.load * 1.05, "and the load is worse");
        NS_TEST_EXPECT_MSG_GT(median.pile, 10 * honest.pile, "one or two pieces: median as mean");
    }
};

class LeadUpdateTestSuite : public TestSuite
{
  public:
    LeadUpdateTestSuite()
        : TestSuite("lead-update")
    {
        AddTestCase(new RoundConvergesTestCase);
        AddTestCase(new ConcurrentRoundsTestCase);
        AddTestCase(new HostileParticipantTestCase);
    }
};

static LeadUpdateTestSuite g_leadUpdateTestSuite; //!< registers the suite

} // namespace tests
