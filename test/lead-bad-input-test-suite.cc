/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

// ns-3 TestSuite "lead-bad-input": stray and hostile traffic reaching a running overlay from a
// host that is not part of it (its application never starts): a reply to a request nobody
// sent, a request from the unknown host, a one-way message with a bad body, and over TCP a
// frame whose length field exceeds the limit. Each must be counted on the Drop trace with its
// reason (or served, for the request), and afterwards every stored key must still be readable
// with its value and the ring must equal the oracle's.

#include "lead-test-overlay.h"

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/lead-header.h"
#include "ns3/lead-key-dataset.h"
#include "ns3/lead-node-app.h"
#include "ns3/network-module.h"
#include "ns3/rmi-hash-model.h"
#include "ns3/test.h"

#include <string>
#include <vector>

using namespace ns3;
using namespace ns3::lead;

namespace tests
{

/**
 * @ingroup lead-tests
 * Configuration: 5 nodes x 2 vnodes on one channel (UDP or TCP); node 4's application never
 * starts, so node 4 is a stranger. 30 keys are put, then the stranger sends its input to node
 * 1, then every key is read through node 2.
 * Expected behaviour: the Drop trace of node 1 names every bad message's reason; a PING from
 * the stranger is answered; all 30 keys are found with their tags; no vnode's neighbours differ
 * from the oracle's; the oracle still holds 30 keys.
 * How validated: Drop reasons, the stranger's received bytes, key reads against the tags put,
 * the oracle.
 */
class StrayInputTestCase : public TestCase
{
  public:
    /// @param tcp run the overlay on TCP and send an oversized frame
    explicit StrayInputTestCase(bool tcp)
        : TestCase(tcp ? "TCP: a frame longer than the limit drops the connection, nothing else"
                       : "UDP: a reply to no request, a stranger's request and a bad one-way "
                         "message: dropped or served, nothing lost"),
          m_tcp(tcp)
    {
    }

  private:
    /// A header from the stranger to vnode 0 of node 1.
    LeadHeader To(Ptr<LeadNodeApp> target, LeadMessageType type, bool reply, uint32_t id) const
    {
        LeadHeader h;
        h.SetType(type);
        h.SetReply(reply);
        h.SetRequestId(id);
        h.SetSrcId(0x123456789abcdefULL);
        h.SetDstId(target->GetVnode(0).id);
        h.SetDstVnode(0);
        return h;
    }

    void SendUdp(Ptr<Node> stranger, Ptr<LeadNodeApp> target, Ipv4Address to)
    {
        m_socket = Socket::CreateSocket(stranger, UdpSocketFactory::GetTypeId());
        m_socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), 4000));
        m_socket->SetRecvCallback([this](Ptr<Socket> s) {
            while (Ptr<Packet> p = s->Recv())
            {
                m_answered += p->GetSize();
            }
        });
        std::vector<Ptr<Packet>> out;
        // A reply (GET_REPLY) to request id 7, which node 1 never issued.
        Ptr<Packet> p = Create<Packet>(16);
        p->AddHeader(To(target, LeadMessageType::GET_REPLY, true, 7));
        out.push_back(p);
        // A well-formed PING from the stranger: a request, answered like any other.
        p = Create<Packet>();
        p->AddHeader(To(target, LeadMessageType::PING, false, 99));
        out.push_back(p);
        // A one-way lookup answer with no body, for a lookup nobody started.
        p = Create<Packet>();
        p->AddHeader(To(target, LeadMessageType::FIND_SUCCESSOR_REPLY, false, 0));
        out.push_back(p);
        for (const auto& packet : out)
        {
            m_socket->SendTo(packet, 0, InetSocketAddress(to, 4000));
        }
    }

    void SendTcp(Ptr<Node> stranger, Ipv4Address to)
    {
        m_socket = Socket::CreateSocket(stranger, TcpSocketFactory::GetTypeId());
        m_socket->Bind();
        m_socket->SetConnectCallback(
            [](Ptr<Socket> s) {
                // Length field 0xffffffff (4 GiB), far above the 64 MiB limit, then some bytes.
                std::vector<uint8_t> bytes(4 + 100, 0xab);
                bytes[0] = bytes[1] = bytes[2] = bytes[3] = 0xff;
                s->Send(Create<Packet>(bytes.data(), bytes.size()));
            },
            [](Ptr<Socket>) {});
        m_socket->SetCloseCallbacks([this](Ptr<Socket>) { m_closed = true; },
                                    [this](Ptr<Socket>) { m_closed = true; });
        m_socket->Connect(InetSocketAddress(to, 4000));
    }

    void DoRun() override
    {
        RngSeedManager::SetSeed(9);
        RngSeedManager::SetRun(1);
        const auto keys = KeyDataset::Generate(KeyDistribution::UNIFORM, 30, 3);
        auto rmi = CreateObject<RmiHashModel>();
        rmi->Train(keys);
        Overlay o(5, 2, rmi, MilliSeconds(100), m_tcp);
        o.App(4)->SetStartTime(Seconds(10000)); // the stranger never joins
        Ptr<LeadNodeApp> target = o.App(1);
        target->TraceConnectWithoutContext("Drop",
                                           MakeCallback(&StrayInputTestCase::Dropped, this));
        const Ipv4Address addr = o.nodes.Get(1)->GetObject<Ipv4>()->GetAddress(1, 0).GetLocal();
        uint32_t putOk = 0;
        for (size_t k = 0; k < keys.size(); ++k)
        {
            Simulator::Schedule(Seconds(20) + MilliSeconds(10 * k), [&, k]() {
                o.App(0)->Put(keys[k],
                              100,
                              1000 + k,
                              Callback<void, const KeyOpResult&>(
                                  [&](const KeyOpResult& r) { putOk += r.success ? 1 : 0; }));
            });
        }
        Simulator::Schedule(Seconds(30), [&]() {
            if (m_tcp)
            {
                SendTcp(o.nodes.Get(4), addr);
            }
            else
            {
                SendUdp(o.nodes.Get(4), target, addr);
            }
        });
        uint32_t readOk = 0;
        for (size_t k = 0; k < keys.size(); ++k)
        {
            Simulator::Schedule(Seconds(35) + MilliSeconds(10 * k), [&, k]() {
                o.App(2)->Get(keys[k],
                              Callback<void, const KeyOpResult&>([&, k](const KeyOpResult& r) {
                                  readOk += r.success && r.found && r.tag == 1000 + k ? 1 : 0;
                              }));
            });
        }
        Simulator::Stop(Seconds(45));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(putOk, keys.size(), "every put acknowledged before the junk");
        NS_TEST_EXPECT_MSG_EQ(readOk, keys.size(), "every key read back after the junk");
        NS_TEST_EXPECT_MSG_EQ(o.StoredKeys(0, ~0ULL).size(), keys.size(), "oracle keys");
        NS_TEST_EXPECT_MSG_EQ(o.CountWrongNeighbours(), 0, "ring equals the oracle's");
        auto dropped = [this](const std::string& what) {
            for (const auto& r : m_reasons)
            {
                if (r.find(what) != std::string::npos)
                {
                    return true;
                }
            }
            return false;
        };
        if (m_tcp)
        {
            NS_TEST_EXPECT_MSG_EQ(dropped("TCP frame length 4294967295 too large"),
                                  true,
                                  "oversized frame on the Drop trace");
            NS_TEST_EXPECT_MSG_EQ(m_closed, true, "the stranger's connection was closed");
        }
        else
        {
            NS_TEST_EXPECT_MSG_EQ(dropped("reply to a request never sent"),
                                  true,
                                  "forged reply on the Drop trace");
            NS_TEST_EXPECT_MSG_EQ(dropped("FIND_SUCCESSOR_REPLY"),
                                  true,
                                  "bad one-way message on the Drop trace");
            NS_TEST_EXPECT_MSG_GT(m_answered, 0, "the stranger's PING was answered");
        }
        NS_TEST_EXPECT_MSG_EQ(m_reasons.size(), target->GetDropCount(), "one trace per drop");
        Simulator::Destroy();
    }

    void Dropped(Ptr<const Packet>, const std::string& reason)
    {
        m_reasons.push_back(reason);
    }

    bool m_tcp;                         //!< overlay on TCP
    Ptr<Socket> m_socket;               //!< the stranger's socket
    std::vector<std::string> m_reasons; //!< Drop reasons at node 1
    uint32_t m_answered{0};             //!< bytes the stranger received (UDP)
    bool m_closed{false};               //!< the stranger's connection was closed (TCP)
};

/**
 * @ingroup lead-tests
 * @brief Stray and hostile traffic at a running overlay.
 */
class LeadBadInputTestSuite : public TestSuite
{
  public:
    LeadBadInputTestSuite()
        : TestSuite("lead-bad-input")
    {
        AddTestCase(new StrayInputTestCase(false));
        AddTestCase(new StrayInputTestCase(true));
    }
};

/// Static instance that registers the suite.
static LeadBadInputTestSuite g_leadBadInputTestSuite;

} // namespace tests
