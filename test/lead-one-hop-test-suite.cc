/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

// ns-3 TestSuite "lead-one-hop": the one-hop membership view (attribute OneHop) against the
// oracle of live vnodes, and range queries sent from it against the oracle's keys.

#include "lead-matrix-scene.h"

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/lead-experiment-helper.h"
#include "ns3/lead-membership-view.h"
#include "ns3/lead-node-app.h"
#include "ns3/lead-oracle.h"
#include "ns3/lead-ring-id.h"
#include "ns3/lead-topology-factory.h"
#include "ns3/learned-hash-model.h"
#include "ns3/network-module.h"
#include "ns3/test.h"

#include <algorithm>
#include <memory>
#include <set>

using namespace ns3;
using namespace ns3::lead;

namespace tests
{

/// The keys the oracle holds in [lo, hi], ascending.
std::vector<uint64_t>
StoredIn(Ptr<LeadOracle> oracle, uint64_t lo, uint64_t hi)
{
    std::vector<uint64_t> keys;
    const auto& stored = oracle->GetKeys();
    for (auto it = stored.lower_bound(lo); it != stored.end() && it->first <= hi; ++it)
    {
        keys.push_back(it->first);
    }
    return keys;
}

/// A range answer is exact when it is complete, holds every key stored before it was issued,
/// and nothing that is not stored when it arrives (a put still on its way may be in or out).
bool
IsExact(const RangeQueryResult& r,
        const std::vector<uint64_t>& before,
        const std::vector<uint64_t>& after)
{
    return r.complete &&
           std::includes(r.keys.begin(), r.keys.end(), before.begin(), before.end()) &&
           std::includes(after.begin(), after.end(), r.keys.begin(), r.keys.end());
}

/// Hosts on a synthetic latency matrix with LEAD and a one-hop view; the last `late` hosts
/// start `lateStart` after the others' joins.
struct OneHopScene
{
    std::unique_ptr<LeadTopology> net;
    std::unique_ptr<LeadExperimentHelper> exp;
    ApplicationContainer apps;
    Time loaded;
    uint64_t membershipBytes{0};

    OneHopScene(uint32_t hosts,
                uint32_t late,
                Time lateStart,
                uint64_t keys = 2000,
                uint32_t replication = 3)
    {
        MakeMatrixExperiment(hosts, keys, 4, net, exp);
        exp->SetOverlayAttribute("OneHop", BooleanValue(true));
        exp->SetOverlayAttribute("RangeWalk", StringValue("fanout"));
        exp->SetOverlayAttribute("ReplicationFactor", UintegerValue(replication));
        apps = exp->Install(net->GetHosts());
        net->AssignStreams(1000);
        for (uint32_t i = hosts - late; i < hosts; ++i)
        {
            apps.Get(i)->SetStartTime(lateStart + MilliSeconds(300) * (i - hosts + late));
        }
        loaded = exp->ScheduleLoad(exp->GetLastJoin() + Seconds(15));
        for (uint32_t i = 0; i < hosts; ++i)
        {
            App(i)->TraceConnectWithoutContext(
                "Tx",
                Callback<void, LeadMessageType, LeadPurpose, uint32_t, uint64_t>(
                    [this](LeadMessageType, LeadPurpose purpose, uint32_t bytes, uint64_t) {
                        membershipBytes += purpose == LeadPurpose::MEMBERSHIP ? bytes : 0;
                    }));
        }
    }

    Ptr<LeadNodeApp> App(uint32_t i) const
    {
        return DynamicCast<LeadNodeApp>(apps.Get(i));
    }

    /// Live apps whose view differs from the oracle's live vnodes.
    uint32_t ViewsWrong(bool print) const
    {
        std::set<uint64_t> truth;
        for (const auto& r : exp->GetOverlay().GetOracle()->GetLiveVnodes())
        {
            truth.insert(r.id);
        }
        uint32_t wrong = 0;
        for (uint32_t i = 0; i < apps.GetN(); ++i)
        {
            if (App(i)->GetState() != LeadNodeApp::State::ACTIVE)
            {
                continue;
            }
            const LeadMembershipView* view = App(i)->GetMembershipView();
            std::set<uint64_t> seen;
            for (const auto& r : view->GetLive())
            {
                seen.insert(r.id);
            }
            if (seen != truth)
            {
                ++wrong;
                if (print)
                {
                    uint32_t extra = 0;
                    for (uint64_t id : seen)
                    {
                        extra += truth.count(id) == 0 ? 1 : 0;
                    }
                    std::cout << "  node " << i << ": view " << seen.size() << " live (" << extra
                              << " dead), oracle " << truth.size() << std::endl;
                }
            }
        }
        return wrong;
    }
};

/**
 * @ingroup lead-tests
 * Configuration: 32 nodes x 4 vnodes on the synthetic matrix with OneHop; 28 join from 1 s,
 * 4 more at 60 s; at 80 s four early nodes crash (no notice). Expected behaviour: every live
 * node's view equals the oracle's live vnodes 20 s after the first joins, after the late joins
 * and after the crashes. How validated: the views against the oracle; the maintenance bytes are
 * printed.
 */
class ViewConvergesTestCase : public TestCase
{
  public:
    ViewConvergesTestCase()
        : TestCase("one-hop view: every node's view equals the oracle's live vnodes after joins "
                   "and failures")
    {
    }

  private:
    void DoRun() override
    {
        OneHopScene s(32, 4, Seconds(60));
        uint32_t afterJoins = 99;
        uint32_t afterLate = 99;
        uint32_t afterCrash = 99;
        Simulator::Schedule(Seconds(50), [&]() { afterJoins = s.ViewsWrong(true); });
        uint64_t quietFrom = 0;
        uint64_t quietTo = 0;
        Simulator::Schedule(Seconds(40), [&]() { quietFrom = s.membershipBytes; });
        Simulator::Schedule(Seconds(60), [&]() { quietTo = s.membershipBytes; });
        Simulator::Schedule(Seconds(80), [&]() { afterLate = s.ViewsWrong(true); });
        for (uint32_t victim : {3U, 9U, 14U, 20U})
        {
            s.App(victim)->SetStopTime(Seconds(80) + MilliSeconds(10)); // crash
        }
        Simulator::Schedule(Seconds(110), [&]() { afterCrash = s.ViewsWrong(true); });
        Simulator::Stop(Seconds(111));
        Simulator::Run();
        const double quiet = (quietTo - quietFrom) / 28.0 / 20.0;
        std::cout << "  membership bytes: " << s.membershipBytes << " ("
                  << s.membershipBytes / 32.0 / 110.0 << " B per node per s; on a quiet ring "
                  << quiet << ")" << std::endl;
        // Agreeing nodes exchange only digests and their own vnodes' events.
        NS_TEST_EXPECT_MSG_LT(quiet, 100.0, "upkeep of a quiet ring, bytes per node per s");
        NS_TEST_EXPECT_MSG_EQ(afterJoins, 0U, "views after the first joins");
        NS_TEST_EXPECT_MSG_EQ(afterLate, 0U, "views after the late joins");
        NS_TEST_EXPECT_MSG_EQ(afterCrash, 0U, "views after the crashes");
        NS_TEST_EXPECT_MSG_GT(s.membershipBytes, 0U, "membership traffic was sent");
        Simulator::Destroy();
    }
};

/**
 * @ingroup lead-tests
 * Configuration: 24 nodes x 4 vnodes on the synthetic matrix with OneHop, fan-out walk, 3,000
 * lognormal keys (3 replicas); ranges of 10, 100 and 300 keys (on at most about 16 vnodes,
 * within MAX_DIRECT_PARTS) from random nodes on the settled ring; at 120 s three nodes crash
 * and ranges start 10 ms later, before any view knows.
 * Expected behaviour: every answer holds exactly the oracle's keys of its range; on the settled
 * ring no query needs a lookup or falls back; after the crashes the queries whose owners died
 * fall back to a lookup and still answer exactly. How validated: answers against the oracle's
 * keys; lookup hops and fallbacks from the results and the nodes.
 */
class OneHopRangeTestCase : public TestCase
{
  public:
    OneHopRangeTestCase()
        : TestCase("one-hop range queries: exact, no lookup on a settled ring, exact after "
                   "crashes through the fallback")
    {
    }

  protected:
    /// @param name the case's name
    explicit OneHopRangeTestCase(const std::string& name)
        : TestCase(name)
    {
    }

    /// Issue `count` ranges from random live nodes, one every 300 ms from `at`.
    void Ranges(OneHopScene& s,
                Time at,
                uint32_t count,
                uint32_t stream,
                uint32_t& exact,
                uint32_t& lookedUp)
    {
        Ptr<UniformRandomVariable> u = CreateObject<UniformRandomVariable>();
        u->SetStream(stream);
        const auto& keys = s.exp->GetKeys();
        Ptr<LeadOracle> oracle = s.exp->GetOverlay().GetOracle();
        for (uint32_t q = 0; q < count; ++q)
        {
            const uint32_t len = q % 3 == 0 ? 10 : (q % 3 == 1 ? 100 : 300);
            const uint32_t first = u->GetInteger(0, keys.size() - len);
            const uint32_t from = u->GetInteger(0, s.apps.GetN() - 1);
            const uint64_t lo = keys[first];
            const uint64_t hi = keys[first + len - 1];
            Simulator::Schedule(
                at + MilliSeconds(300 * q) - Simulator::Now(),
                [&s, &exact, &lookedUp, oracle, lo, hi, from]() {
                    Ptr<LeadNodeApp> app = s.App(from);
                    if (app->GetState() != LeadNodeApp::State::ACTIVE)
                    {
                        app = s.App(0);
                    }
                    app->RangeQuery(
                        lo,
                        hi,
                        Callback<void, const RangeQueryResult&>(
                            [&exact, &lookedUp, oracle, lo, hi, before = StoredIn(oracle, lo, hi)](
                                const RangeQueryResult& r) {
                                exact += IsExact(r, before, StoredIn(oracle, lo, hi)) ? 1 : 0;
                                lookedUp += r.lookupHops > 0 ? 1 : 0;
                            }));
                });
        }
    }

    /// Whether the oracle's successor of a vnode has it as its predecessor (it took over its
    /// arc: before that, the new vnode and its successor both claim it, as in Chord).
    static bool SuccessorKnows(const OneHopScene& s, const VnodeRef& x)
    {
        auto succ = s.exp->GetOverlay().GetOracle()->Successor(x.id);
        for (uint32_t i = 0; succ && i < s.apps.GetN(); ++i)
        {
            for (uint32_t v = 0; v < s.App(i)->GetVnodeCount(); ++v)
            {
                if (s.App(i)->GetVnode(v).id == succ->id)
                {
                    auto pred = s.App(i)->GetRoutingTable(v).GetPredecessor();
                    return pred && pred->id == x.id;
                }
            }
        }
        return false;
    }

    /// For every joined vnode of the nodes from `firstNew` on: first a new key on its arc, put
    /// by its own node (so that only it holds the key); then, while some active node's view
    /// lacks it, the range of the keys on its arc, from that node.
    void ProbeNewArcs(OneHopScene& s,
                      uint32_t firstNew,
                      std::set<uint64_t>& seeded,
                      uint32_t& exact,
                      uint32_t& issued)
    {
        Ptr<LeadOracle> oracle = s.exp->GetOverlay().GetOracle();
        Ptr<LearnedHashModel> hash = s.App(0)->GetHashModel();
        const auto& keys = s.exp->GetKeys();
        for (uint32_t n = firstNew; n < s.apps.GetN(); ++n)
        {
            for (uint32_t v = 0; v < s.App(n)->GetVnodeCount(); ++v)
            {
                const VnodeRef x = s.App(n)->GetVnode(v);
                auto pred = oracle->Predecessor(x.id);
                if (!oracle->IsAlive(x.id) || !pred)
                {
                    continue;
                }
                for (uint32_t c = 0; c < firstNew; ++c)
                {
                    const LeadMembershipView* view = s.App(c)->GetMembershipView();
                    if (s.App(c)->GetState() != LeadNodeApp::State::ACTIVE || !view ||
                        view->Find(x.id))
                    {
                        continue;
                    }
                    // The stored keys whose position lies on (pred, x], in key order.
                    std::vector<uint64_t> onArc;
                    for (uint64_t k : keys)
                    {
                        if (RingId::BetweenRightIncl(pred->id, hash->Hash(k), x.id))
                        {
                            onArc.push_back(k);
                        }
                    }
                    if (onArc.size() < 2 || onArc[1] - onArc[0] < 2)
                    {
                        break;
                    }
                    if (!SuccessorKnows(s, x))
                    {
                        break; // the ring does not agree on the new vnode's arc yet
                    }
                    if (seeded.insert(x.id).second)
                    {
                        s.App(n)->Put(onArc[0] + 1, 100, 7, {}); // between two stored keys
                        break;
                    }
                    ++issued;
                    const uint64_t lo = onArc.front();
                    const uint64_t hi = onArc.back();
                    s.App(c)->RangeQuery(
                        lo,
                        hi,
                        Callback<void, const RangeQueryResult&>(
                            [&exact, oracle, lo, hi, before = StoredIn(oracle, lo, hi)](
                                const RangeQueryResult& r) {
                                exact += IsExact(r, before, StoredIn(oracle, lo, hi)) ? 1 : 0;
                            }));
                    break; // one query per new vnode per probe
                }
            }
        }
    }

    void DoRun() override
    {
        OneHopScene s(24, 0, Seconds(0), 3000);
        uint32_t exactSettled = 0;
        uint32_t lookedUpSettled = 0;
        uint32_t exactCrash = 0;
        uint32_t lookedUpCrash = 0;
        uint64_t fallbacksSettled = 0;
        Ranges(s, Seconds(80), 60, 21, exactSettled, lookedUpSettled);
        Simulator::Schedule(Seconds(119), [&]() {
            for (uint32_t i = 0; i < s.apps.GetN(); ++i)
            {
                fallbacksSettled += s.App(i)->GetViewFallbacks();
            }
        });
        for (uint32_t victim : {4U, 11U, 17U})
        {
            s.App(victim)->SetStopTime(Seconds(120)); // crash: no notice
        }
        Ranges(s, Seconds(120) + MilliSeconds(10), 30, 22, exactCrash, lookedUpCrash);
        Simulator::Stop(Seconds(140));
        Simulator::Run();
        uint64_t fallbacks = 0;
        for (uint32_t i = 0; i < s.apps.GetN(); ++i)
        {
            fallbacks += s.App(i)->GetViewFallbacks();
        }
        std::cout << "  settled: " << exactSettled << "/60 exact, " << lookedUpSettled
                  << " looked up; after the crashes: " << exactCrash << "/30 exact, "
                  << fallbacks - fallbacksSettled << " fell back" << std::endl;
        NS_TEST_EXPECT_MSG_EQ(exactSettled, 60U, "ranges on the settled ring exact");
        NS_TEST_EXPECT_MSG_EQ(lookedUpSettled, 0U, "no lookup on the settled ring");
        NS_TEST_EXPECT_MSG_EQ(fallbacksSettled, 0U, "no fallback on the settled ring");
        NS_TEST_EXPECT_MSG_EQ(exactCrash, 30U, "ranges right after the crashes exact");
        NS_TEST_EXPECT_MSG_GT(fallbacks - fallbacksSettled, 0U, "dead owners: fell back");
        Simulator::Destroy();
    }
};

/**
 * @ingroup lead-tests
 * Configuration: 27 nodes x 4 vnodes with OneHop and no replicas (as in the PlanetLab runs);
 * 24 join from 1 s, 3 more from 150 s. Every 100 ms from 150 s, each new vnode gets a new key
 * on its arc (put by its own node), and then, while some live node's view still lacks it, that
 * node asks for the keys on the new vnode's arc (which its view says the new vnode's successor
 * holds). Expected behaviour: every answer is exact: the successor, which handed the arc over,
 * refuses, and the query falls back to a lookup. How validated: answers against the oracle's
 * keys; refusals counted by the nodes. Without the owner check the successor answers for an arc
 * it no longer owns, from the copies it kept, without the new key.
 */
class OneHopJoinRangeTestCase : public OneHopRangeTestCase
{
  public:
    OneHopJoinRangeTestCase()
        : OneHopRangeTestCase("one-hop range queries right after joins: stale views are "
                              "refused, answers exact")
    {
    }

  private:
    void DoRun() override
    {
        OneHopScene s(27, 3, Seconds(150), 3000, 0);
        uint32_t exact = 0;
        uint32_t issued = 0;
        std::set<uint64_t> seeded;
        for (uint32_t k = 0; k < 60; ++k)
        {
            Simulator::Schedule(Seconds(150) + MilliSeconds(100 * k),
                                [&]() { ProbeNewArcs(s, 24, seeded, exact, issued); });
        }
        Simulator::Stop(Seconds(170));
        Simulator::Run();
        uint64_t refusals = 0;
        for (uint32_t i = 0; i < s.apps.GetN(); ++i)
        {
            refusals += s.App(i)->GetViewRefusals();
        }
        std::cout << "  after the joins: " << exact << "/" << issued << " exact, " << refusals
                  << " refusals" << std::endl;
        NS_TEST_EXPECT_MSG_GT(issued, 0U, "views lacked the new vnodes for a while");
        NS_TEST_EXPECT_MSG_EQ(exact, issued, "ranges right after the joins exact");
        NS_TEST_EXPECT_MSG_GT(refusals, 0U, "owners that handed part of their arc refused");
        Simulator::Destroy();
    }
};

class LeadOneHopTestSuite : public TestSuite
{
  public:
    LeadOneHopTestSuite()
        : TestSuite("lead-one-hop")
    {
        AddTestCase(new ViewConvergesTestCase);
        AddTestCase(new OneHopRangeTestCase);
        AddTestCase(new OneHopJoinRangeTestCase);
    }
};

static LeadOneHopTestSuite g_leadOneHopTestSuite; //!< registers the suite

} // namespace tests
