/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

// ns-3 TestSuite "lead-rpc": the RPC engine inside the simulator, between two engines joined
// by a scripted link (fixed one-way delay, chosen packets dropped).

#include "ns3/lead-rpc.h"
#include "ns3/simulator.h"
#include "ns3/test.h"

#include <functional>
#include <set>

using namespace ns3;
using namespace ns3::lead;

namespace tests
{

/**
 * @ingroup lead-tests
 * Two RPC engines, A (address 1) and B (address 2), and a link with a one-way delay that can
 * drop the n-th message in either direction. B answers every request with a PONG, unless it
 * is "dead".
 */
class RpcHarness
{
  public:
    RpcHarness(Time delay, const LeadRpc::Config& config)
        : m_delay(delay)
    {
        m_a = Create<LeadRpc>(MakeCallback(&RpcHarness::SendFromA, this), config);
        m_b = Create<LeadRpc>(MakeCallback(&RpcHarness::SendFromB, this), config);
    }

    /// Issue a PING from A to B.
    void Ping()
    {
        LeadHeader h;
        h.SetType(LeadMessageType::PING);
        h.SetSrcId(100);
        h.SetDstId(200);
        m_a->Call(h,
                  Create<Packet>(),
                  2,
                  MakeCallback(&RpcHarness::OnReply, this),
                  MakeCallback(&RpcHarness::OnFailure, this));
    }

    Ptr<LeadRpc> m_a;              //!< requester
    Ptr<LeadRpc> m_b;              //!< responder
    std::set<uint32_t> m_dropAtoB; //!< indices (from 0) of A->B messages to drop
    std::set<uint32_t> m_dropBtoA; //!< indices of B->A messages to drop
    bool m_bDead{false};           //!< B drops everything
    uint32_t m_sentAtoB{0};        //!< messages A sent
    uint32_t m_sentBtoA{0};        //!< messages B sent
    uint32_t m_handled{0};         //!< requests B processed (not duplicates)
    std::vector<Time> m_replies;   //!< times A got replies
    std::vector<Time> m_failures;  //!< times A gave up

  private:
    void SendFromA(Ptr<Packet> p, uint32_t /* peer */)
    {
        if (m_dropAtoB.count(m_sentAtoB++) == 0 && !m_bDead)
        {
            Simulator::Schedule(m_delay, &RpcHarness::DeliverToB, this, p);
        }
    }

    void SendFromB(Ptr<Packet> p, uint32_t /* peer */)
    {
        if (m_dropBtoA.count(m_sentBtoA++) == 0)
        {
            Simulator::Schedule(m_delay, &RpcHarness::DeliverToA, this, p);
        }
    }

    void DeliverToB(Ptr<Packet> p)
    {
        LeadHeader h;
        p->RemoveHeader(h);
        if (m_b->IsDuplicate(h, 1))
        {
            return;
        }
        ++m_handled;
        LeadHeader r;
        r.SetType(LeadMessageType::PONG);
        r.SetSrcId(200);
        r.SetDstId(100);
        m_b->Reply(h, r, Create<Packet>(), 1);
    }

    void DeliverToA(Ptr<Packet> p)
    {
        LeadHeader h;
        p->RemoveHeader(h);
        m_a->HandleReply(h, p, 2);
    }

    void OnReply(const LeadHeader& h, Ptr<Packet> /* body */)
    {
        NS_ASSERT(h.GetType() == LeadMessageType::PONG);
        m_replies.push_back(Simulator::Now());
    }

    void OnFailure()
    {
        m_failures.push_back(Simulator::Now());
    }

    Time m_delay; //!< one-way delay
};

/**
 * @ingroup lead-tests
 * Configuration: 40 ms one-way delay, initial timeout 1 s, 3 attempts; scripted losses.
 * Expected behaviour: answered requests complete once at 2 x delay after the last attempt;
 * RTT is sampled only from first attempts and sets the next timeout to 3 x RTT; a dead peer
 * fails after 1 + 2 + 4 s; a retransmitted request is not processed twice and gets the cached
 * reply; late replies are counted and ignored.
 * How validated: callback times and engine counters against the values worked out by hand.
 */
class RpcTestCase : public TestCase
{
  public:
    RpcTestCase()
        : TestCase("RPC timeouts, retries, RTT estimate and duplicate suppression")
    {
    }

  private:
    void DoRun() override
    {
        LeadRpc::Config cfg;
        const Time d = MilliSeconds(40);

        // 1. Clean exchange: reply after one RTT; the RTT sample sets the timeout to 3 x 80 ms.
        {
            RpcHarness h(d, cfg);
            Simulator::Schedule(Seconds(1), &RpcHarness::Ping, &h);
            Simulator::Run();
            NS_TEST_ASSERT_MSG_EQ(h.m_replies.size(), 1, "one reply expected");
            NS_TEST_EXPECT_MSG_EQ(h.m_replies[0], Seconds(1) + 2 * d, "reply after one RTT");
            NS_TEST_EXPECT_MSG_EQ(h.m_a->GetRtt(2), 2 * d, "RTT sample");
            NS_TEST_EXPECT_MSG_EQ(h.m_a->GetTimeout(2), MilliSeconds(240), "3 x RTT");
            NS_TEST_EXPECT_MSG_EQ(h.m_a->GetPending(), 0, "nothing pending");
            Simulator::Destroy();
        }
        // 2. First request lost: retried after the 1 s initial timeout; no RTT sample.
        {
            RpcHarness h(d, cfg);
            h.m_dropAtoB = {0};
            Simulator::Schedule(Seconds(1), &RpcHarness::Ping, &h);
            Simulator::Run();
            NS_TEST_ASSERT_MSG_EQ(h.m_replies.size(), 1, "one reply expected");
            NS_TEST_EXPECT_MSG_EQ(h.m_replies[0], Seconds(2) + 2 * d, "reply to the retry");
            NS_TEST_EXPECT_MSG_EQ(h.m_a->GetRtt(2), Time(0), "Karn: no sample from a retry");
            NS_TEST_EXPECT_MSG_EQ(h.m_a->GetCounters().retries, 1, "one retry");
            NS_TEST_EXPECT_MSG_EQ(h.m_handled, 1, "handled once");
            Simulator::Destroy();
        }
        // 3. Dead peer: attempts at 1, 2 and 4 s of timeout, failure at 1 + 1 + 2 + 4 = 8 s.
        {
            RpcHarness h(d, cfg);
            h.m_bDead = true;
            Simulator::Schedule(Seconds(1), &RpcHarness::Ping, &h);
            Simulator::Run();
            NS_TEST_EXPECT_MSG_EQ(h.m_replies.size(), 0, "no reply");
            NS_TEST_ASSERT_MSG_EQ(h.m_failures.size(), 1, "one failure");
            NS_TEST_EXPECT_MSG_EQ(h.m_failures[0], Seconds(8), "failure time");
            NS_TEST_EXPECT_MSG_EQ(h.m_sentAtoB, 3, "three attempts");
            NS_TEST_EXPECT_MSG_EQ(h.m_a->GetCounters().failed, 1, "failed counter");
            Simulator::Destroy();
        }
        // 4. Reply lost: the retry is a duplicate at B, answered from the cache.
        {
            RpcHarness h(d, cfg);
            h.m_dropBtoA = {0};
            Simulator::Schedule(Seconds(1), &RpcHarness::Ping, &h);
            Simulator::Run();
            NS_TEST_ASSERT_MSG_EQ(h.m_replies.size(), 1, "one reply expected");
            NS_TEST_EXPECT_MSG_EQ(h.m_handled, 1, "the duplicate is not processed again");
            NS_TEST_EXPECT_MSG_EQ(h.m_b->GetCounters().duplicates, 1, "duplicate recognised");
            NS_TEST_EXPECT_MSG_EQ(h.m_sentBtoA, 2, "cached reply resent");
            Simulator::Destroy();
        }
        // 5. A reply slower than every timeout arrives after the failure: counted, ignored.
        {
            LeadRpc::Config quick = cfg;
            quick.initialTimeout = MilliSeconds(10);
            quick.maxAttempts = 1;
            RpcHarness h(d, quick);
            Simulator::Schedule(Seconds(1), &RpcHarness::Ping, &h);
            Simulator::Run();
            NS_TEST_EXPECT_MSG_EQ(h.m_failures.size(), 1, "timed out");
            NS_TEST_EXPECT_MSG_EQ(h.m_replies.size(), 0, "late reply not delivered");
            NS_TEST_EXPECT_MSG_EQ(h.m_a->GetCounters().lateReplies, 1, "late reply counted");
            Simulator::Destroy();
        }
        // 6. CancelAll: pending requests vanish without callbacks.
        {
            RpcHarness h(d, cfg);
            h.m_bDead = true;
            Simulator::Schedule(Seconds(1), &RpcHarness::Ping, &h);
            Simulator::Schedule(Seconds(1.5), &LeadRpc::CancelAll, h.m_a);
            Simulator::Run();
            NS_TEST_EXPECT_MSG_EQ(h.m_failures.size(), 0, "no failure callback");
            NS_TEST_EXPECT_MSG_EQ(h.m_sentAtoB, 1, "no retry after cancel");
            Simulator::Destroy();
        }
    }
};

/**
 * @ingroup lead-tests
 * The suite.
 */
class LeadRpcTestSuite : public TestSuite
{
  public:
    LeadRpcTestSuite()
        : TestSuite("lead-rpc")
    {
        AddTestCase(new RpcTestCase);
    }
};

/// Static instance that registers the suite.
static LeadRpcTestSuite g_leadRpcTestSuite;

} // namespace tests
