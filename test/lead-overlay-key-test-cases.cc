/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

// Test cases of the "lead-overlay" suite about keys: durability across a leave and a crash,
// large values, deletes and churn. Every check compares answers and stores with the oracle.

#include "lead-overlay-key-test-cases.h"

#include "lead-test-overlay.h"
#include "lead-test-utils.h"

#include "ns3/consistent-hash-model.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/lead-helper.h"
#include "ns3/lead-key-dataset.h"
#include "ns3/lead-node-app.h"
#include "ns3/lead-ring-id.h"
#include "ns3/lead-stats-collector.h"
#include "ns3/network-module.h"
#include "ns3/rmi-hash-model.h"
#include "ns3/simple-net-device-helper.h"
#include "ns3/test.h"

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>

using namespace ns3;
using namespace ns3::lead;

namespace tests
{

namespace
{

/**
 * @ingroup lead-tests
 * Configuration: 16 nodes x 5 vnodes, RMI hash trained on 1,000 lognormal keys, replication 3.
 * 1,000 PUTs at 40 s, GETs of every key at 60 s; node 5 leaves gracefully at 70 s, GETs at
 * 90 s; node 9 crashes at 100 s, GETs at 130 s and 500 lookups at 131 s.
 * Expected behaviour: every PUT is acknowledged; every GET finds the key with the tag that was
 * stored (0 keys lost after the leave and after the crash); after the crash every lookup
 * returns the oracle's owner.
 * How validated: GET results against the oracle's acknowledged keys; lookups against the
 * oracle's live vnodes.
 */
class KeyDurabilityTestCase : public TestCase
{
  public:
    explicit KeyDurabilityTestCase(bool tcp)
        : TestCase(std::string("Puts and gets are correct, and survive a graceful leave and a "
                               "crash, over ") +
                   (tcp ? "TCP" : "UDP")),
          m_tcp(tcp)
    {
    }

  private:
    void PutAll(Overlay* o)
    {
        for (size_t i = 0; i < m_keys.size(); ++i)
        {
            o->App(i % o->apps.GetN())
                ->Put(m_keys[i],
                      512,
                      m_keys[i] ^ 0x5a5a,
                      MakeCallback(&KeyDurabilityTestCase::PutDone, this));
        }
    }

    void PutDone(const KeyOpResult& r)
    {
        m_putsOk += r.success ? 1 : 0;
    }

    void GetAll(Overlay* o, uint32_t round)
    {
        for (size_t i = 0; i < m_keys.size(); ++i)
        {
            uint32_t from = (i + round) % o->apps.GetN();
            while (o->App(from)->GetState() == LeadNodeApp::State::STOPPED)
            {
                from = (from + 1) % o->apps.GetN();
            }
            o->App(from)->Get(m_keys[i],
                              Callback<void, const KeyOpResult&>(
                                  [this, round](const KeyOpResult& r) { GetDone(round, r); }));
        }
    }

    void GetDone(uint32_t round, const KeyOpResult& r)
    {
        const auto& stored = m_oracle->GetKeys();
        auto it = stored.find(r.key);
        bool ok = r.success && r.found && it != stored.end() && r.tag == it->second.tag &&
                  r.size == it->second.size;
        m_getsOk[round] += ok ? 1 : 0;
    }

    void Lookups(Overlay* o)
    {
        Ptr<UniformRandomVariable> rng = CreateObject<UniformRandomVariable>();
        rng->SetStream(9);
        for (int i = 0; i < 500; ++i)
        {
            uint32_t from = rng->GetInteger(0, o->apps.GetN() - 1);
            while (o->App(from)->GetState() == LeadNodeApp::State::STOPPED)
            {
                from = (from + 1) % o->apps.GetN();
            }
            const uint64_t target = (static_cast<uint64_t>(rng->GetInteger(0, 0xffffffffU)) << 32) |
                                    rng->GetInteger(0, 0xffffffffU);
            o->App(from)->Lookup(target,
                                 Callback<void, const LookupResult&>([this](const LookupResult& r) {
                                     auto owner = m_oracle->Owner(r.target);
                                     m_lookupsOk += (r.success && owner && owner->id == r.owner.id);
                                 }));
        }
    }

    void DoRun() override
    {
        RngSeedManager::SetSeed(3);
        RngSeedManager::SetRun(1);
        m_keys = KeyDataset::Generate(KeyDistribution::LOGNORMAL, 1000, 11);
        auto rmi = CreateObject<RmiHashModel>();
        rmi->Train(m_keys);
        Overlay o(16, 5, rmi, MilliSeconds(200), m_tcp);
        m_oracle = o.oracle;
        Simulator::Schedule(Seconds(40), &KeyDurabilityTestCase::PutAll, this, &o);
        Simulator::Schedule(Seconds(60), &KeyDurabilityTestCase::GetAll, this, &o, 0);
        Simulator::Schedule(Seconds(70), &LeadNodeApp::Leave, o.App(5));
        Simulator::Schedule(Seconds(90), &KeyDurabilityTestCase::GetAll, this, &o, 1);
        o.App(9)->SetStopTime(Seconds(100)); // crash: no hand-off
        Simulator::Schedule(Seconds(130), &KeyDurabilityTestCase::GetAll, this, &o, 2);
        Simulator::Schedule(Seconds(131), &KeyDurabilityTestCase::Lookups, this, &o);
        Simulator::Stop(Seconds(140));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(m_putsOk, m_keys.size(), "every put acknowledged");
        NS_TEST_EXPECT_MSG_EQ(m_oracle->GetKeys().size(), m_keys.size(), "oracle holds all keys");
        NS_TEST_EXPECT_MSG_EQ(m_getsOk[0], m_keys.size(), "gets in steady state");
        NS_TEST_EXPECT_MSG_EQ(m_getsOk[1], m_keys.size(), "gets after a graceful leave");
        NS_TEST_EXPECT_MSG_EQ(m_getsOk[2], m_keys.size(), "gets after a crash (replication 3)");
        NS_TEST_EXPECT_MSG_EQ(m_lookupsOk, 500, "lookups correct again after the crash");
        Simulator::Destroy();
    }

    std::vector<uint64_t> m_keys;  //!< the keys
    Ptr<LeadOracle> m_oracle;      //!< ground truth
    uint32_t m_putsOk{0};          //!< acknowledged puts
    uint32_t m_getsOk[3]{0, 0, 0}; //!< correct gets per round
    uint32_t m_lookupsOk{0};       //!< correct lookups after the crash
    bool m_tcp;                    //!< TCP instead of UDP
};

/**
 * @ingroup lead-tests
 * Configuration: 4 nodes x 2 vnodes; a 200,000-byte value is put and read back, once over UDP
 * and once over TCP.
 * Expected behaviour: UDP refuses the value (it does not fit in one datagram) and reports the
 * put as failed; TCP carries it (segmented) and the get returns its size and tag.
 * How validated: key-operation results.
 */
class LargeValueTestCase : public TestCase
{
  public:
    LargeValueTestCase()
        : TestCase("Values larger than a datagram: refused over UDP, carried over TCP")
    {
    }

  private:
    void RunOnce(bool tcp, bool& putOk, bool& getOk)
    {
        RngSeedManager::SetSeed(8);
        RngSeedManager::SetRun(1);
        auto keys = KeyDataset::Generate(KeyDistribution::UNIFORM, 50, 2);
        auto rmi = CreateObject<RmiHashModel>();
        rmi->Train(keys);
        Overlay o(4, 2, rmi, MilliSeconds(100), tcp);
        Ptr<LeadNodeApp> app = o.App(2);
        Simulator::Schedule(Seconds(20), [&]() {
            app->Put(keys[3],
                     200000,
                     99,
                     Callback<void, const KeyOpResult&>(
                         [&](const KeyOpResult& r) { putOk = r.success; }));
        });
        Simulator::Schedule(Seconds(25), [&]() {
            o.App(0)->Get(keys[3], Callback<void, const KeyOpResult&>([&](const KeyOpResult& r) {
                              getOk = r.success && r.found && r.size == 200000 && r.tag == 99;
                          }));
        });
        Simulator::Stop(Seconds(30));
        Simulator::Run();
        Simulator::Destroy();
    }

    void DoRun() override
    {
        bool putUdp = true;
        bool getUdp = true;
        RunOnce(false, putUdp, getUdp);
        NS_TEST_EXPECT_MSG_EQ(putUdp, false, "UDP must refuse a 200 kB value");
        NS_TEST_EXPECT_MSG_EQ(getUdp, false, "nothing stored over UDP");
        bool putTcp = false;
        bool getTcp = false;
        RunOnce(true, putTcp, getTcp);
        NS_TEST_EXPECT_MSG_EQ(putTcp, true, "TCP carries a 200 kB value");
        NS_TEST_EXPECT_MSG_EQ(getTcp, true, "and reads it back");
    }
};

/**
 * @ingroup lead-tests
 * Configuration: 8 nodes x 3 vnodes, RMI hash, ReplicationFactor 0 or 2; 200 keys put at 30 s,
 * replicas refreshed (10 s period), then 100 of them deleted at 50 s.
 * Expected behaviour: a delete reaches the same replica holders as a put: with replication 2,
 * two replica deletes per deleted key and afterwards no store or replica store anywhere holds a
 * deleted key, while every kept key is held by its owner and two replicas on other nodes;
 * with replication 0, no replica delete is sent at all.
 * How validated: the Tx traces (DELETE messages of purpose REPLICATION) and every vnode's
 * stores, against the oracle's keys.
 */
class DeleteReplicationTestCase : public TestCase
{
  public:
    explicit DeleteReplicationTestCase(uint32_t factor)
        : TestCase("Deletes reach the replica holders of " + std::to_string(factor) +
                   " replicas, and only them"),
          m_factor(factor)
    {
    }

  private:
    void Tx(LeadMessageType type, LeadPurpose purpose, uint32_t, uint64_t)
    {
        m_replicaDeletes +=
            (type == LeadMessageType::DELETE && purpose == LeadPurpose::REPLICATION) ? 1 : 0;
    }

    void DoRun() override
    {
        RngSeedManager::SetSeed(22);
        RngSeedManager::SetRun(1);
        auto keys = KeyDataset::Generate(KeyDistribution::UNIFORM, 200, 13);
        auto rmi = CreateObject<RmiHashModel>();
        rmi->Train(keys);
        Config::SetDefault("ns3::lead::LeadNodeApp::ReplicationFactor", UintegerValue(m_factor));
        Overlay o(8, 3, rmi, MilliSeconds(200));
        Config::Reset();
        for (uint32_t i = 0; i < 8; ++i)
        {
            o.App(i)->TraceConnectWithoutContext(
                "Tx",
                MakeCallback(&DeleteReplicationTestCase::Tx, this));
        }
        Simulator::Schedule(Seconds(30), [&o, &keys]() {
            for (size_t i = 0; i < keys.size(); ++i)
            {
                o.App(i % 8)->Put(keys[i], 64, keys[i], {});
            }
        });
        uint32_t deleted = 0;
        Simulator::Schedule(Seconds(50), [&o, &keys, &deleted]() {
            for (size_t i = 0; i < keys.size(); i += 2)
            {
                o.App(i % 8)->Delete(
                    keys[i],
                    Callback<void, const KeyOpResult&>([&deleted](const KeyOpResult& r) {
                        deleted += (r.success && r.found) ? 1 : 0;
                    }));
            }
        });
        Simulator::Stop(Seconds(55));
        Simulator::Run();
        // Where every key is held now: owner stores and replica stores, by node.
        std::map<uint64_t, std::set<uint32_t>> owners;
        std::map<uint64_t, std::set<uint32_t>> replicas;
        for (uint32_t i = 0; i < 8; ++i)
        {
            for (uint32_t v = 0; v < o.App(i)->GetVnodeCount(); ++v)
            {
                for (const auto& it : o.App(i)->GetStore(v).GetAll())
                {
                    owners[it.key].insert(i);
                }
                for (const auto& it : o.App(i)->GetReplicaStore(v).GetAll())
                {
                    replicas[it.key].insert(i);
                }
            }
        }
        uint32_t deletedStillHeld = 0;
        uint32_t keptAsReplicated = 0;
        for (size_t i = 0; i < keys.size(); ++i)
        {
            const uint64_t k = keys[i];
            if (i % 2 == 0)
            {
                deletedStillHeld += (owners.count(k) + replicas.count(k)) > 0 ? 1 : 0;
                continue;
            }
            std::set<uint32_t> others = replicas[k];
            for (uint32_t n : owners[k])
            {
                others.erase(n);
            }
            keptAsReplicated += (owners[k].size() == 1 && others.size() == m_factor) ? 1 : 0;
        }
        NS_TEST_EXPECT_MSG_EQ(deleted, 100, "every delete found its key");
        NS_TEST_EXPECT_MSG_EQ(o.oracle->GetKeys().size(), 100, "the oracle keeps the others");
        NS_TEST_EXPECT_MSG_EQ(m_replicaDeletes, m_factor * 100, "replica deletes per delete");
        NS_TEST_EXPECT_MSG_EQ(deletedStillHeld, 0, "no copy of a deleted key is left");
        NS_TEST_EXPECT_MSG_EQ(keptAsReplicated, 100, "kept keys: owner and its replicas");
        Simulator::Destroy();
    }

    uint32_t m_factor;            //!< ReplicationFactor
    uint32_t m_replicaDeletes{0}; //!< DELETE messages of purpose REPLICATION sent
};

/**
 * @ingroup lead-tests
 * Configuration: 12 nodes x 3 vnodes, RMI hash, 600 keys stored at 30 s. At 45 s node 4's
 * interface goes down (the oracle is told: unreachable is dead) and at 46 s node 7 crashes
 * (application stopped). At 70 s a new application rejoins on node 7 with the same vnode ids.
 * Expected behaviour: every key is readable at 60 s (two simultaneous failures, replication 3)
 * and at 100 s after the rejoin; at 100 s every live vnode's successor and predecessor are the
 * oracle's, the rejoined vnodes included.
 * How validated: GET results against the oracle's keys; routing tables against the oracle.
 */
class ChurnTestCase : public TestCase
{
  public:
    ChurnTestCase()
        : TestCase("Interface-down failure, crash and rejoin: no key lost, ring repaired")
    {
    }

  private:
    void GetAll(Overlay* o, uint32_t round, std::vector<uint32_t> skip)
    {
        for (size_t i = 0; i < m_keys.size(); ++i)
        {
            uint32_t from = i % o->apps.GetN();
            while (std::find(skip.begin(), skip.end(), from) != skip.end())
            {
                from = (from + 1) % o->apps.GetN();
            }
            o->App(from)->Get(
                m_keys[i],
                Callback<void, const KeyOpResult&>([this, round](const KeyOpResult& r) {
                    auto it = m_oracle->GetKeys().find(r.key);
                    m_ok[round] += (r.success && r.found && it != m_oracle->GetKeys().end() &&
                                    r.tag == it->second.tag)
                                       ? 1
                                       : 0;
                }));
        }
    }

    void DoRun() override
    {
        RngSeedManager::SetSeed(13);
        RngSeedManager::SetRun(1);
        m_keys = KeyDataset::Generate(KeyDistribution::ZIPF, 600, 4);
        auto rmi = CreateObject<RmiHashModel>();
        rmi->Train(m_keys);
        Overlay o(12, 3, rmi, MilliSeconds(200));
        m_oracle = o.oracle;
        Simulator::Schedule(Seconds(30), [this, &o]() {
            for (size_t i = 0; i < m_keys.size(); ++i)
            {
                o.App(i % 12)->Put(m_keys[i], 256, m_keys[i] + 1, {});
            }
        });
        Simulator::Schedule(Seconds(45), [&o]() {
            o.nodes.Get(4)->GetObject<Ipv4>()->SetDown(1);
            for (uint32_t v = 0; v < o.App(4)->GetVnodeCount(); ++v)
            {
                o.oracle->RemoveVnode(o.App(4)->GetVnode(v).id);
            }
        });
        o.App(7)->SetStopTime(Seconds(46));
        Simulator::Schedule(Seconds(60),
                            &ChurnTestCase::GetAll,
                            this,
                            &o,
                            0,
                            std::vector<uint32_t>{4, 7});
        ApplicationContainer rejoined = o.helper.Install(o.nodes.Get(7));
        rejoined.Get(0)->SetStartTime(Seconds(70));
        o.helper.AssignStreams(NodeContainer(o.nodes.Get(7)), 500);
        Simulator::Schedule(Seconds(100),
                            &ChurnTestCase::GetAll,
                            this,
                            &o,
                            1,
                            std::vector<uint32_t>{4, 7});
        uint32_t wrong = 1000;
        Simulator::Schedule(Seconds(100), [&]() { wrong = o.CountWrongNeighbours(rejoined); });
        Simulator::Stop(Seconds(110));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(m_oracle->GetKeys().size(), m_keys.size(), "all puts acknowledged");
        NS_TEST_EXPECT_MSG_EQ(m_ok[0], m_keys.size(), "every key readable after two failures");
        NS_TEST_EXPECT_MSG_EQ(m_ok[1], m_keys.size(), "every key readable after the rejoin");
        NS_TEST_EXPECT_MSG_EQ(DynamicCast<LeadNodeApp>(rejoined.Get(0))->IsJoined(0),
                              true,
                              "node 7 rejoined");
        NS_TEST_EXPECT_MSG_EQ(wrong, 0, "ring repaired, rejoined vnodes included");
        Simulator::Destroy();
    }

    std::vector<uint64_t> m_keys; //!< the keys
    Ptr<LeadOracle> m_oracle;     //!< ground truth
    uint32_t m_ok[2]{0, 0};       //!< correct gets per round
};

} // namespace

TestCase*
MakeKeyDurabilityTestCase(bool tcp)
{
    return new KeyDurabilityTestCase(tcp);
}

TestCase*
MakeLargeValueTestCase()
{
    return new LargeValueTestCase;
}

TestCase*
MakeDeleteReplicationTestCase(uint32_t replicationFactor)
{
    return new DeleteReplicationTestCase(replicationFactor);
}

TestCase*
MakeChurnTestCase()
{
    return new ChurnTestCase;
}

} // namespace tests
