/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

// ns-3 TestSuite "lead-costs": the messages and bytes that results report are counted from
// what was sent. Each check compares a result with counts taken independently of the module's
// ledger: at the IP layer of every node (packets carrying the operation's tag) and from the
// transports' Tx traces.

#include "lead-test-overlay.h"

#include "ns3/error-model.h"
#include "ns3/lead-key-dataset.h"
#include "ns3/lead-op-tag.h"
#include "ns3/lead-transport.h"
#include "ns3/rmi-hash-model.h"
#include "ns3/simple-net-device.h"
#include "ns3/test.h"

#include <map>

using namespace ns3;
using namespace ns3::lead;

namespace tests
{

/**
 * @ingroup lead-tests
 * Configuration: 16 nodes x 5 vnodes, RMI on 2,000 lognormal keys, replication 3, UDP or TCP;
 * with UDP every host drops 1 % of the packets it receives. Keys stored at 30 s; at 50 s node
 * 5 crashes; from 50.01 s, 40 range queries of 300 keys (chain walk), 100 gets and 100
 * lookups, from nodes other than 5.
 * Expected behaviour: the messages and bytes every result reports equal, one for one, the
 * IP-layer packets and the UDP payload bytes that carried its operation tag until the result
 * was published, and equal the transports' Tx traces for the operation; with loss and a dead
 * node some queries need more messages than a loss-free walk could send (retransmissions
 * and reroutes are counted); every user message that arrives carries its operation (the tag
 * survives UDP and TCP framing).
 * How validated: Ipv4L3Protocol Tx and LeadTransport Tx/Rx trace sinks that count per
 * operation, against each result as it is published.
 */
class CountedCostTestCase : public TestCase
{
  public:
    explicit CountedCostTestCase(bool tcp)
        : TestCase(std::string("Reported costs equal what was sent, with 1 % loss and a crashed "
                               "node, over ") +
                   (tcp ? "TCP" : "UDP")),
          m_tcp(tcp)
    {
    }

  private:
    void IpTx(Ptr<const Packet> p, Ptr<Ipv4>, uint32_t)
    {
        LeadOpTag tag;
        if (p->FindFirstMatchingByteTag(tag))
        {
            ++m_ipPackets[tag.GetOp()];
        }
    }

    void TransportTx(LeadMessageType, LeadPurpose, uint32_t bytes, uint64_t op)
    {
        ++m_txMessages[op];
        m_txBytes[op] += bytes;
    }

    void TransportRx(LeadMessageType, LeadPurpose purpose, uint32_t, uint64_t op)
    {
        m_untaggedUser += (purpose == LeadPurpose::USER_LOOKUP && op == 0) ? 1 : 0;
        m_rxUser += purpose == LeadPurpose::USER_LOOKUP ? 1 : 0;
    }

    /// Check one result's counts (the IP layer counts packets only over UDP: TCP segments
    /// need not match messages one for one).
    void Check(uint64_t op, uint32_t messages, uint64_t bytes, uint32_t walkMax)
    {
        ++m_results;
        m_asTxTrace += (op != 0 && messages == m_txMessages[op] && bytes == m_txBytes[op]) ? 1 : 0;
        m_asIp += (m_tcp || messages == m_ipPackets[op]) ? 1 : 0;
        m_beyondWalk += messages > walkMax ? 1 : 0;
    }

    void DoRun() override
    {
        RngSeedManager::SetSeed(21);
        RngSeedManager::SetRun(1);
        auto keys = KeyDataset::Generate(KeyDistribution::LOGNORMAL, 2000, 12);
        auto rmi = CreateObject<RmiHashModel>();
        rmi->Train(keys);
        Overlay o(16, 5, rmi, MilliSeconds(200), m_tcp);
        for (uint32_t i = 0; i < 16; ++i)
        {
            Ptr<Node> node = o.nodes.Get(i);
            node->GetObject<Ipv4L3Protocol>()->TraceConnectWithoutContext(
                "Tx",
                MakeCallback(&CountedCostTestCase::IpTx, this));
            o.App(i)->GetTransport()->TraceConnectWithoutContext(
                "Tx",
                MakeCallback(&CountedCostTestCase::TransportTx, this));
            o.App(i)->GetTransport()->TraceConnectWithoutContext(
                "Rx",
                MakeCallback(&CountedCostTestCase::TransportRx, this));
            for (uint32_t d = 0; d < node->GetNDevices() && !m_tcp; ++d)
            {
                if (Ptr<SimpleNetDevice> dev = DynamicCast<SimpleNetDevice>(node->GetDevice(d)))
                {
                    Ptr<RateErrorModel> em = CreateObject<RateErrorModel>();
                    em->SetAttribute("ErrorUnit", StringValue("ERROR_UNIT_PACKET"));
                    em->SetAttribute("ErrorRate", DoubleValue(0.01));
                    em->AssignStreams(300 + i);
                    dev->SetAttribute("ReceiveErrorModel", PointerValue(em));
                }
            }
        }
        Simulator::Schedule(Seconds(30), [&o, &keys]() {
            for (size_t i = 0; i < keys.size(); ++i)
            {
                o.App(i % 16)->Put(keys[i], 100, keys[i] ^ 0x11, {});
            }
        });
        o.App(5)->SetStopTime(Seconds(50));
        for (uint32_t q = 0; q < 40; ++q)
        {
            const uint32_t from = (q % 15) + (q % 15 >= 5 ? 1 : 0);
            const size_t first = (q * 41) % (keys.size() - 300);
            Simulator::Schedule(
                Seconds(50) + MilliSeconds(10 + 50 * q),
                [this, &o, &keys, from, first]() {
                    o.App(from)->RangeQuery(
                        keys[first],
                        keys[first + 299],
                        Callback<void, const RangeQueryResult&>([this](const RangeQueryResult& r) {
                            Check(r.opId,
                                  r.messages,
                                  r.bytes,
                                  2 * r.lookupHops + 1 + 4 * r.nodesVisited);
                        }));
                });
        }
        for (uint32_t q = 0; q < 100; ++q)
        {
            const uint32_t from = (q % 15) + (q % 15 >= 5 ? 1 : 0);
            Simulator::Schedule(
                Seconds(50) + MilliSeconds(7 + 20 * q),
                [this, &o, &keys, from, q]() {
                    o.App(from)->Get(
                        keys[(q * 97) % keys.size()],
                        Callback<void, const KeyOpResult&>([this](const KeyOpResult& r) {
                            Check(r.opId, r.messages, r.bytes, 2 * r.hops + 3);
                        }));
                    o.App(from)->Lookup(
                        keys[q] * 0x9e3779b97f4a7c15ULL,
                        Callback<void, const LookupResult&>([this](const LookupResult& r) {
                            Check(r.opId, r.messages, r.bytes, 2 * r.hops + 1);
                        }));
                });
        }
        Simulator::Stop(Seconds(90));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(m_results, 240, "every query reported");
        NS_TEST_EXPECT_MSG_EQ(m_asTxTrace, m_results, "costs equal the Tx traces'");
        NS_TEST_EXPECT_MSG_EQ(m_asIp, m_results, "messages equal the IP packets sent");
        NS_TEST_EXPECT_MSG_GT(m_beyondWalk, 0, "retransmissions and reroutes are counted");
        NS_TEST_EXPECT_MSG_GT(m_rxUser, 1000, "user messages arrived");
        NS_TEST_EXPECT_MSG_EQ(m_untaggedUser, 0, "every user message arrives with its operation");
        Simulator::Destroy();
    }

    bool m_tcp;                                //!< TCP instead of UDP
    std::map<uint64_t, uint32_t> m_ipPackets;  //!< IP packets per operation
    std::map<uint64_t, uint32_t> m_txMessages; //!< Tx trace messages per operation
    std::map<uint64_t, uint64_t> m_txBytes;    //!< Tx trace bytes per operation
    uint32_t m_results{0};                     //!< results checked
    uint32_t m_asTxTrace{0};                   //!< results equal to the Tx traces
    uint32_t m_asIp{0};                        //!< results equal to the IP layer
    uint32_t m_beyondWalk{0};                  //!< results above the loss-free walk
    uint64_t m_rxUser{0};                      //!< user messages received
    uint64_t m_untaggedUser{0};                //!< user messages received without a tag
};

/**
 * @ingroup lead-tests
 * The suite.
 */
class LeadCostTestSuite : public TestSuite
{
  public:
    LeadCostTestSuite()
        : TestSuite("lead-costs")
    {
        AddTestCase(new CountedCostTestCase(false));
        AddTestCase(new CountedCostTestCase(true));
    }
};

/// Static instance that registers the suite.
static LeadCostTestSuite g_leadCostTestSuite;

} // namespace tests
