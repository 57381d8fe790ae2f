/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

// ns-3 TestSuite "lead-model": every node owns its hash model; a newer version installed at
// one node reaches every node over the ring's own traffic (LeadModelService).

#include "lead-model-scene.h"

#include "ns3/core-module.h"
#include "ns3/lead-experiment-helper.h"
#include "ns3/lead-key-dataset.h"
#include "ns3/lead-node-app.h"
#include "ns3/lead-oracle.h"
#include "ns3/lead-topology-factory.h"
#include "ns3/network-module.h"
#include "ns3/test.h"

#include <cmath>
#include <map>
#include <memory>
#include <set>

using namespace ns3;
using namespace ns3::lead;

namespace tests
{

class ModelVersionSpreadsTestCase : public TestCase
{
  public:
    ModelVersionSpreadsTestCase()
        : TestCase("a model installed at one node reaches every node, byte for byte")
    {
    }

  private:
    void DoRun() override
    {
        ModelScene s(100);
        ApplicationContainer& apps = s.apps;
        auto app = [&s](uint32_t i) { return s.App(i); };

        // Every node starts from the helper's model; the new one is trained on other keys
        // (50,000 of them: an image of several chunks).
        Ptr<LearnedHashModel> start = app(0)->GetHashModel();
        const uint32_t v0 = start->GetVersion();
        Ptr<LearnedHashModel> next = start->Clone();
        next->Train(KeyDataset::Generate(KeyDistribution::NORMAL, 50000, 3));
        next->SetVersion(v0 + 1);
        const std::vector<uint8_t> image = next->ToBytes();

        uint32_t installs = 0;
        uint64_t fetched = 0;
        Time last;
        for (uint32_t i = 0; i < apps.GetN(); ++i)
        {
            app(i)->TraceConnectWithoutContext(
                "ModelInstalled",
                Callback<void, uint32_t, uint64_t>([&](uint32_t version, uint64_t bytes) {
                    NS_TEST_EXPECT_MSG_EQ(version, v0 + 1, "installed version");
                    ++installs;
                    fetched += bytes;
                    last = Simulator::Now();
                }));
        }
        const Time at = s.exp->GetLastJoin() + Seconds(10);
        bool refused = false;
        Simulator::Schedule(at, [&]() {
            refused = !app(7)->InstallModel(start); // not newer
            NS_TEST_EXPECT_MSG_EQ(app(7)->InstallModel(next), true, "newer model installed");
        });
        Simulator::Stop(at + Seconds(60));
        Simulator::Run();

        NS_TEST_EXPECT_MSG_EQ(refused, true, "an older or equal version is refused");
        NS_TEST_EXPECT_MSG_EQ(installs, apps.GetN(), "every node installed the new version");
        // Every other node fetched the whole image over the network.
        NS_TEST_EXPECT_MSG_EQ(fetched, uint64_t{image.size()} * (apps.GetN() - 1), "bytes fetched");
        for (uint32_t i = 0; i < apps.GetN(); ++i)
        {
            Ptr<LearnedHashModel> m = app(i)->GetHashModel();
            NS_TEST_EXPECT_MSG_EQ(m->GetVersion(), v0 + 1, "node " << i << " version");
            NS_TEST_EXPECT_MSG_EQ((m->ToBytes() == image), true, "node " << i << " image");
            NS_TEST_EXPECT_MSG_EQ((i == 7 || PeekPointer(m) != PeekPointer(next)),
                                  true,
                                  "node " << i << " holds its own copy");
        }
        // Versions ride on the stabilisation traffic (every second): a few rounds suffice.
        NS_TEST_EXPECT_MSG_LT(last - at, Seconds(20), "time to reach every node");
        std::cout << "  model of " << image.size() << " bytes reached " << apps.GetN()
                  << " nodes in " << (last - at).GetSeconds() << " s" << std::endl;
        Simulator::Destroy();
    }
};

class KeysFollowTheModelTestCase : public TestCase
{
  public:
    KeysFollowTheModelTestCase()
        : TestCase("after a new model, every key lies at its new owner; reads and range "
                   "queries during the change find every key")
    {
    }

  private:
    void DoRun() override
    {
        ModelScene s(600);
        ApplicationContainer& apps = s.apps;
        auto app = [&s](uint32_t i) { return s.App(i); };
        Ptr<LeadOracle> oracle = s.oracle;
        const Time loaded = s.Load();

        // The new model is trained on another distribution: most keys change owner.
        Ptr<LearnedHashModel> start = app(0)->GetHashModel();
        Ptr<LearnedHashModel> next = s.NextModel(20000);
        const Time at = loaded + Seconds(5);
        Simulator::Schedule(at, [&]() { app(7)->InstallModel(next); });

        // 300 reads of stored keys from random nodes while the model spreads and keys move.
        uint32_t reads = 0;
        uint32_t found = 0;
        Ptr<UniformRandomVariable> u = CreateObject<UniformRandomVariable>();
        u->SetStream(21);
        for (uint32_t q = 0; q < 300; ++q)
        {
            const Time when = at + MilliSeconds(100 * q);
            Simulator::Schedule(when, [&, q]() {
                const uint64_t key = s.RandomKey(u); // drawn before the reader
                app(u->GetInteger(0, apps.GetN() - 1))
                    ->Get(key, Callback<void, const KeyOpResult&>([&](const KeyOpResult& r) {
                              ++reads;
                              found += r.success && r.found ? 1 : 0;
                          }));
            });
        }
        // 60 range queries of about 20 keys during the change, judged against the oracle.
        uint32_t ranges = 0;
        uint32_t exact = 0;
        for (uint32_t q = 0; q < 60; ++q)
        {
            Simulator::Schedule(at + MilliSeconds(50 + 500 * q), [&]() {
                std::vector<uint64_t> sorted;
                for (const auto& kv : oracle->GetKeys())
                {
                    sorted.push_back(kv.first);
                }
                const size_t first = u->GetInteger(0, sorted.size() - 21);
                const uint64_t lo = sorted[first];
                const uint64_t hi = sorted[first + 19];
                std::vector<uint64_t> truth(sorted.begin() + first, sorted.begin() + first + 20);
                app(u->GetInteger(0, apps.GetN() - 1))
                    ->RangeQuery(lo,
                                 hi,
                                 Callback<void, const RangeQueryResult&>(
                                     [&, truth](const RangeQueryResult& r) {
                                         ++ranges;
                                         exact += r.complete && r.keys == truth ? 1 : 0;
                                     }));
            });
        }
        uint32_t stored = 0;
        uint32_t atOwner = 0;
        uint32_t moved = 0;
        Simulator::Schedule(at + Seconds(60), [&]() {
            for (const auto& [key, value] : oracle->GetKeys())
            {
                ++stored;
                moved +=
                    start->Hash(key) != next->Hash(key) && oracle->Owner(start->Hash(key))->id !=
                                                               oracle->Owner(next->Hash(key))->id
                        ? 1
                        : 0;
                const VnodeRef owner = *oracle->Owner(next->Hash(key));
                for (uint32_t i = 0; i < apps.GetN(); ++i)
                {
                    for (uint32_t v = 0; v < app(i)->GetVnodeCount(); ++v)
                    {
                        if (app(i)->GetVnode(v).id == owner.id)
                        {
                            auto item = app(i)->GetStore(v).Get(key);
                            atOwner += item && item->tag == value.tag ? 1 : 0;
                        }
                    }
                }
            }
        });
        Simulator::Stop(at + Seconds(61));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(stored, 600U, "keys acknowledged");
        NS_TEST_EXPECT_MSG_GT(moved, 300U, "most keys changed owner");
        NS_TEST_EXPECT_MSG_EQ(atOwner, stored, "keys held by the owner of their new position");
        NS_TEST_EXPECT_MSG_EQ(reads, 300U, "reads answered");
        NS_TEST_EXPECT_MSG_EQ(found, 300U, "reads that found their key");
        NS_TEST_EXPECT_MSG_EQ(ranges, 60U, "range queries answered");
        NS_TEST_EXPECT_MSG_EQ(exact, 60U, "range queries complete and exact");
        std::cout << "  " << moved << " of " << stored << " keys changed owner" << std::endl;
        Simulator::Destroy();
    }
};

class StaleReaderIsRedirectedTestCase : public TestCase
{
  public:
    StaleReaderIsRedirectedTestCase()
        : TestCase("a node left on the old model reads every key: the owners redirect it (MOVED)")
    {
    }

  private:
    void DoRun() override
    {
        ModelScene s(600);
        auto app = [&s](uint32_t i) { return s.App(i); };
        app(3)->SetAttribute("ModelFetch", BooleanValue(false)); // stays on the old model
        Ptr<LeadOracle> oracle = s.oracle;
        const Time loaded = s.Load();
        Ptr<LearnedHashModel> start = app(0)->GetHashModel();
        Ptr<LearnedHashModel> next = s.NextModel(20000);
        const Time at = loaded + Seconds(5);
        Simulator::Schedule(at, [&]() { app(7)->InstallModel(next); });
        // Long after the keys moved and the givers dropped their copies, node 3 reads keys
        // held by other nodes.
        uint32_t reads = 0;
        uint32_t found = 0;
        uint32_t redirected = 0;
        Ptr<UniformRandomVariable> u = CreateObject<UniformRandomVariable>();
        u->SetStream(22);
        for (uint32_t q = 0; q < 100; ++q)
        {
            Simulator::Schedule(at + Seconds(40) + MilliSeconds(50 * q), [&]() {
                app(3)->Get(s.RandomKey(u),
                            Callback<void, const KeyOpResult&>([&](const KeyOpResult& r) {
                                ++reads;
                                found += r.success && r.found ? 1 : 0;
                                redirected += r.attempts > 1 ? 1 : 0;
                            }));
            });
        }
        Simulator::Stop(at + Seconds(50));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(app(3)->GetHashModel()->GetVersion(),
                              start->GetVersion(),
                              "node 3 kept its model");
        NS_TEST_EXPECT_MSG_EQ(reads, 100U, "reads answered");
        NS_TEST_EXPECT_MSG_EQ(found, 100U, "reads that found their key");
        NS_TEST_EXPECT_MSG_GT(redirected, 50U, "reads redirected to the new position");
        std::cout << "  " << redirected << " of 100 reads redirected" << std::endl;
        Simulator::Destroy();
    }
};

class DriftMakesVnodesReadyTestCase : public TestCase
{
  public:
    DriftMakesVnodesReadyTestCase()
        : TestCase("inserts crowding one key region make exactly the vnodes that own it "
                   "ready, and heartbeats tell their neighbours")
    {
    }

  private:
    void DoRun() override
    {
        ModelScene s(600);
        ApplicationContainer& apps = s.apps;
        auto app = [&s](uint32_t i) { return s.App(i); };
        for (uint32_t i = 0; i < apps.GetN(); ++i)
        {
            app(i)->SetAttribute("HeartbeatInterval", TimeValue(Seconds(2)));
        }
        Ptr<LeadOracle> oracle = s.oracle;
        const Time loaded = s.Load();
        // Baseline once the training keys are stored; then 200 new keys between two stored
        // keys 30 apart, put from random nodes.
        std::map<uint64_t, uint64_t> base;     // vnode id -> keys held at the baseline
        std::map<uint64_t, uint64_t> inserted; // vnode id -> new keys it owns (the oracle)
        uint32_t acked = 0;
        Simulator::Schedule(loaded + Seconds(2), [&]() {
            std::vector<uint64_t> sorted;
            for (const auto& kv : oracle->GetKeys())
            {
                sorted.push_back(kv.first);
            }
            for (uint32_t i = 0; i < apps.GetN(); ++i)
            {
                app(i)->MarkModelBaseline();
                for (uint32_t v = 0; v < app(i)->GetVnodeCount(); ++v)
                {
                    base[app(i)->GetVnode(v).id] = app(i)->GetStore(v).GetSize();
                }
            }
            const uint64_t lo = sorted[300];
            const uint64_t hi = sorted[330];
            Ptr<LearnedHashModel> model = app(0)->GetHashModel();
            for (uint64_t k = 0; k < 200; ++k)
            {
                const uint64_t key = lo + 1 + (hi - lo - 1) * k / 200;
                if (oracle->GetKeys().count(key))
                {
                    continue;
                }
                ++inserted[oracle->Owner(model->Hash(key))->id];
                app(k % apps.GetN())
                    ->Put(key, Callback<void, const KeyOpResult&>([&](const KeyOpResult& r) {
                              acked += r.success ? 1 : 0;
                          }));
            }
        });
        uint32_t ready = 0;
        uint32_t agree = 0;
        uint32_t vnodes = 0;
        std::set<uint64_t> readyIds;
        uint32_t heardRight = 0;
        Simulator::Schedule(loaded + Seconds(20), [&]() {
            for (uint32_t i = 0; i < apps.GetN(); ++i)
            {
                for (uint32_t v = 0; v < app(i)->GetVnodeCount(); ++v)
                {
                    const uint64_t id = app(i)->GetVnode(v).id;
                    const double drift = static_cast<double>(inserted[id]) /
                                         static_cast<double>(std::max<uint64_t>(base[id], 1));
                    const bool expected = inserted[id] > 0 && drift >= 0.4;
                    ready += app(i)->IsModelReady(v) ? 1 : 0;
                    if (app(i)->IsModelReady(v))
                    {
                        readyIds.insert(id);
                    }
                    agree += app(i)->IsModelReady(v) == expected &&
                                     std::abs(app(i)->GetDrift(v) - drift) < 1e-9
                                 ? 1
                                 : 0;
                    ++vnodes;
                }
            }
            // Heartbeats: each vnode hears from the vnodes that list it as a successor (its 15
            // predecessors on this settled ring) and from its successor; the share of them
            // that are ready must be what the oracle's ring and the readiness above give.
            for (uint32_t i = 0; i < apps.GetN(); ++i)
            {
                for (uint32_t v = 0; v < app(i)->GetVnodeCount(); ++v)
                {
                    const uint64_t id = app(i)->GetVnode(v).id;
                    std::set<uint64_t> senders{oracle->Successor(id)->id};
                    uint64_t u = id;
                    for (int k = 0; k < 15; ++k)
                    {
                        u = oracle->Predecessor(u)->id;
                        senders.insert(u);
                    }
                    senders.erase(id);
                    uint32_t readySenders = 0;
                    for (uint64_t sid : senders)
                    {
                        readySenders += readyIds.count(sid);
                    }
                    const double share = double(readySenders) / double(senders.size());
                    heardRight += std::abs(app(i)->GetNeighboursReady(v) - share) < 1e-9 ? 1 : 0;
                }
            }
        });
        Simulator::Stop(loaded + Seconds(21));
        Simulator::Run();
        uint64_t expectedPuts = 0;
        for (const auto& kv : inserted)
        {
            expectedPuts += kv.second;
        }
        NS_TEST_EXPECT_MSG_EQ(acked, expectedPuts, "every new key acknowledged");
        NS_TEST_EXPECT_MSG_EQ(agree, vnodes, "drift and readiness of every vnode as the oracle");
        NS_TEST_EXPECT_MSG_GT(ready, 0U, "the crowded vnodes are ready");
        NS_TEST_EXPECT_MSG_LT(ready, 5U, "only they");
        NS_TEST_EXPECT_MSG_EQ(heardRight, vnodes, "ready share of the heartbeats' senders");
        std::cout << "  " << ready << " of " << vnodes << " vnodes ready" << std::endl;
        Simulator::Destroy();
    }
};

class LeadModelTestSuite : public TestSuite
{
  public:
    LeadModelTestSuite()
        : TestSuite("lead-model")
    {
        AddTestCase(new ModelVersionSpreadsTestCase);
        AddTestCase(new KeysFollowTheModelTestCase);
        AddTestCase(new StaleReaderIsRedirectedTestCase);
        AddTestCase(new DriftMakesVnodesReadyTestCase);
    }
};

static LeadModelTestSuite g_leadModelTestSuite; //!< registers the suite

} // namespace tests
