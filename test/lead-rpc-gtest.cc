/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

// GoogleTest: the RPC engine (LeadRpc) on a fake clock. Two engines, A (address 1) and B
// (address 2), joined by a scripted link with a one-way delay that can drop the n-th message
// in either direction; B answers every request with a PONG unless it is dead. Expected times
// and counts are worked out by hand from the delays and timeouts.

#include "lead-fake-environment.h"

#include "ns3/lead-rpc.h"

#include <gtest/gtest.h>
#include <set>
#include <vector>

namespace tests
{

using namespace ns3;
using namespace ns3::lead;

namespace
{

class RpcHarness
{
  public:
    RpcHarness(Time delay, const LeadRpc::Config& config)
        : m_envA(m_clock, 1),
          m_envB(m_clock, 2),
          m_a(
              m_envA,
              [this](Ptr<Packet> p, const LeadHeader&, uint32_t, uint64_t op) { FromA(p, op); },
              config),
          m_b(
              m_envB,
              [this](Ptr<Packet> p, const LeadHeader&, uint32_t, uint64_t op) { FromB(p, op); },
              config),
          m_delay(delay)
    {
    }

    /// Change the one-way delay of messages sent from now on.
    void SetDelay(Time delay)
    {
        m_delay = delay;
    }

    /// A PING from A to B under operation `op`.
    void Ping(uint64_t op = 0)
    {
        LeadHeader h;
        h.SetType(LeadMessageType::PING);
        h.SetSrcId(100);
        h.SetDstId(200);
        LeadRpc::OpScope scope(m_a, op);
        m_a.Call(
            h,
            Create<Packet>(),
            2,
            [this](const LeadHeader& r, Ptr<Packet>) {
                EXPECT_EQ(r.GetType(), LeadMessageType::PONG);
                m_replies.push_back(m_clock.Now());
                m_replyOps.push_back(m_a.GetCurrentOp());
            },
            [this]() {
                m_failures.push_back(m_clock.Now());
                m_failureOps.push_back(m_a.GetCurrentOp());
            });
    }

    FakeClock m_clock;
    FakeEnvironment m_envA;
    FakeEnvironment m_envB;
    LeadRpc m_a;                        //!< requester
    LeadRpc m_b;                        //!< responder
    std::set<uint32_t> m_dropAtoB;      //!< indices (from 0) of A->B messages to drop
    std::set<uint32_t> m_dropBtoA;      //!< indices of B->A messages to drop
    bool m_bDead{false};                //!< B drops everything
    uint32_t m_sentAtoB{0};             //!< messages A sent
    uint32_t m_sentBtoA{0};             //!< messages B sent
    uint32_t m_handled{0};              //!< requests B processed (not duplicates)
    std::vector<Time> m_replies;        //!< times A got replies
    std::vector<Time> m_failures;       //!< times A gave up
    std::vector<uint64_t> m_sentOps;    //!< operation of every message sent, both ways
    std::vector<uint64_t> m_replyOps;   //!< operation current in each reply callback
    std::vector<uint64_t> m_failureOps; //!< operation current in each failure callback

  private:
    void FromA(Ptr<Packet> p, uint64_t op)
    {
        m_sentOps.push_back(op);
        if (m_dropAtoB.count(m_sentAtoB++) == 0 && !m_bDead)
        {
            m_envA.Schedule(m_delay, [this, p, op]() { DeliverToB(p, op); });
        }
    }

    void FromB(Ptr<Packet> p, uint64_t op)
    {
        m_sentOps.push_back(op);
        if (m_dropBtoA.count(m_sentBtoA++) == 0)
        {
            m_envB.Schedule(m_delay, [this, p]() { DeliverToA(p); });
        }
    }

    void DeliverToB(Ptr<Packet> p, uint64_t op)
    {
        LeadHeader h;
        p->RemoveHeader(h);
        LeadRpc::OpScope scope(m_b, op); // as the host does with the packet's tag
        if (m_b.IsDuplicate(h, 1))
        {
            return;
        }
        ++m_handled;
        LeadHeader r;
        r.SetType(LeadMessageType::PONG);
        r.SetSrcId(200);
        r.SetDstId(100);
        m_b.Reply(h, r, Create<Packet>(), 1);
    }

    void DeliverToA(Ptr<Packet> p)
    {
        LeadHeader h;
        p->RemoveHeader(h);
        m_a.HandleReply(h, p, 2);
    }

    Time m_delay; //!< one-way delay
};

const Time D = MilliSeconds(40);

} // namespace

TEST(LeadRpcTest, CleanExchangeSamplesRtt)
{
    RpcHarness h(D, LeadRpc::Config());
    h.m_envA.Schedule(Seconds(1), [&h]() { h.Ping(); });
    h.m_clock.Run();
    ASSERT_EQ(h.m_replies.size(), 1U);
    EXPECT_EQ(h.m_replies[0], Seconds(1) + 2 * D);
    EXPECT_EQ(h.m_a.GetRtt(2), 2 * D);
    EXPECT_EQ(h.m_a.GetTimeout(2), MilliSeconds(240)); // 3 x RTT
    EXPECT_EQ(h.m_a.GetPending(), 0U);
}

TEST(LeadRpcTest, LostRequestRetriedWithoutRttSample)
{
    RpcHarness h(D, LeadRpc::Config());
    h.m_dropAtoB = {0};
    h.m_envA.Schedule(Seconds(1), [&h]() { h.Ping(); });
    h.m_clock.Run();
    ASSERT_EQ(h.m_replies.size(), 1U);
    EXPECT_EQ(h.m_replies[0], Seconds(2) + 2 * D); // after the 1 s initial timeout
    EXPECT_EQ(h.m_a.GetRtt(2), Time(0));           // Karn: no sample from a retry
    EXPECT_EQ(h.m_a.GetCounters().retries, 1U);
    EXPECT_EQ(h.m_handled, 1U);
}

TEST(LeadRpcTest, DeadPeerFailsAfterDoubledTimeouts)
{
    RpcHarness h(D, LeadRpc::Config());
    h.m_bDead = true;
    h.m_envA.Schedule(Seconds(1), [&h]() { h.Ping(); });
    h.m_clock.Run();
    EXPECT_TRUE(h.m_replies.empty());
    ASSERT_EQ(h.m_failures.size(), 1U);
    EXPECT_EQ(h.m_failures[0], Seconds(8)); // 1 + 1 + 2 + 4 s
    EXPECT_EQ(h.m_sentAtoB, 3U);
    EXPECT_EQ(h.m_a.GetCounters().failed, 1U);
}

TEST(LeadRpcTest, DeadPeerLeavesNoBackoff)
{
    // A call that fails altogether must not slow down the next caller's detection.
    RpcHarness h(D, LeadRpc::Config());
    h.m_bDead = true;
    h.m_envA.Schedule(Seconds(1), [&h]() { h.Ping(); });
    h.m_clock.Run();
    EXPECT_EQ(h.m_a.GetTimeout(2), Seconds(1));
}

TEST(LeadRpcTest, RttVarianceFollowsRfc6298)
{
    // Samples 80 ms, then 120 ms: RTTVAR = 3/4 x 40 + 1/4 x 40 = 40 ms, SRTT = 7/8 x 80 +
    // 1/8 x 120 = 85 ms; with multiplier 1 the timeout is SRTT + 4 RTTVAR = 245 ms, with the
    // default 3 it is 3 x SRTT = 255 ms.
    LeadRpc::Config cfg;
    cfg.timeoutMultiplier = 1.0;
    RpcHarness h(D, cfg);
    h.m_envA.Schedule(Seconds(1), [&h]() { h.Ping(); });
    h.m_clock.Run();
    EXPECT_EQ(h.m_a.GetRttVariance(2), D); // first sample: R / 2
    EXPECT_EQ(h.m_a.GetTimeout(2), 2 * D + 4 * D);
    h.SetDelay(MilliSeconds(60));
    h.m_envA.Schedule(Seconds(1), [&h]() { h.Ping(); });
    h.m_clock.Run();
    EXPECT_EQ(h.m_a.GetRtt(2), MilliSeconds(85));
    EXPECT_EQ(h.m_a.GetRttVariance(2), MilliSeconds(40));
    EXPECT_EQ(h.m_a.GetTimeout(2), MilliSeconds(245));

    RpcHarness d(D, LeadRpc::Config());
    d.m_envA.Schedule(Seconds(1), [&d]() { d.Ping(); });
    d.m_clock.Run();
    d.SetDelay(MilliSeconds(60));
    d.m_envA.Schedule(Seconds(1), [&d]() { d.Ping(); });
    d.m_clock.Run();
    EXPECT_EQ(d.m_a.GetTimeout(2), MilliSeconds(255));
}

TEST(LeadRpcTest, FarPeerAnsweredLateIsMeasuredAfterBackoff)
{
    // A peer 3 s away (round trip 6 s) with the 1 s initial timeout. Call 1: attempts at 0, 1
    // and 3 s; the reply to the first attempt arrives at 6 s and completes the call (a reply to
    // any attempt does). Karn: no sample, and 4 s (the timeout that got the answer) becomes the
    // peer's. Call 2: attempts at 0 and 4 s, answered at 6 s: no sample, 8 s. Call 3: answered
    // at its first attempt: a sample of 6 s, and the timeout is SRTT + 4 x RTTVAR = 18 s,
    // capped at 10 s.
    RpcHarness h(Seconds(3), LeadRpc::Config());
    h.m_envA.Schedule(Seconds(1), [&h]() { h.Ping(); });
    h.m_clock.Run();
    ASSERT_EQ(h.m_replies.size(), 1U);
    EXPECT_EQ(h.m_replies[0], Seconds(7));
    EXPECT_TRUE(h.m_failures.empty());
    EXPECT_EQ(h.m_a.GetCounters().retries, 2U);
    EXPECT_EQ(h.m_a.GetRtt(2), Time(0));
    EXPECT_EQ(h.m_a.GetTimeout(2), Seconds(4));

    h.m_envA.Schedule(Seconds(1), [&h]() { h.Ping(); });
    h.m_clock.Run();
    ASSERT_EQ(h.m_replies.size(), 2U);
    EXPECT_EQ(h.m_a.GetCounters().retries, 3U);
    EXPECT_EQ(h.m_a.GetTimeout(2), Seconds(8));

    h.m_envA.Schedule(Seconds(1), [&h]() { h.Ping(); });
    h.m_clock.Run();
    ASSERT_EQ(h.m_replies.size(), 3U);
    EXPECT_EQ(h.m_a.GetCounters().retries, 3U);
    EXPECT_EQ(h.m_a.GetRtt(2), Seconds(6));
    EXPECT_EQ(h.m_a.GetTimeout(2), Seconds(10));
    EXPECT_TRUE(h.m_failures.empty());
}

TEST(LeadRpcTest, LostReplyAnsweredFromCache)
{
    RpcHarness h(D, LeadRpc::Config());
    h.m_dropBtoA = {0};
    h.m_envA.Schedule(Seconds(1), [&h]() { h.Ping(); });
    h.m_clock.Run();
    ASSERT_EQ(h.m_replies.size(), 1U);
    EXPECT_EQ(h.m_handled, 1U); // the duplicate is not processed again
    EXPECT_EQ(h.m_b.GetCounters().duplicates, 1U);
    EXPECT_EQ(h.m_sentBtoA, 2U); // the cached reply resent
}

TEST(LeadRpcTest, LateReplyCountedAndIgnored)
{
    LeadRpc::Config quick;
    quick.initialTimeout = MilliSeconds(10);
    quick.maxAttempts = 1;
    RpcHarness h(D, quick);
    h.m_envA.Schedule(Seconds(1), [&h]() { h.Ping(); });
    h.m_clock.Run();
    EXPECT_EQ(h.m_failures.size(), 1U);
    EXPECT_TRUE(h.m_replies.empty());
    EXPECT_EQ(h.m_a.GetCounters().lateReplies, 1U);
}

TEST(LeadRpcTest, CancelAllSilencesEverything)
{
    RpcHarness h(D, LeadRpc::Config());
    h.m_bDead = true;
    h.m_envA.Schedule(Seconds(1), [&h]() { h.Ping(); });
    h.m_envA.Schedule(Seconds(1.5), [&h]() { h.m_a.CancelAll(); });
    h.m_clock.Run();
    EXPECT_TRUE(h.m_failures.empty());
    EXPECT_EQ(h.m_sentAtoB, 1U); // no retry after the cancel
}

TEST(LeadRpcTest, OperationFollowsRequestsRetriesRepliesAndCallbacks)
{
    // Request of operation 7 lost once, its reply lost once: every message of the exchange
    // (two attempts, the reply and the cached reply) carries 7, and so does the callback; a
    // request of operation 9 to a dead peer fails under 9; outside both the operation is 0.
    RpcHarness h(D, LeadRpc::Config());
    h.m_dropAtoB = {0};
    h.m_dropBtoA = {0};
    h.m_envA.Schedule(Seconds(1), [&h]() { h.Ping(7); });
    h.m_clock.Run();
    ASSERT_EQ(h.m_replies.size(), 1U);
    EXPECT_EQ(h.m_sentOps, (std::vector<uint64_t>{7, 7, 7, 7, 7}));
    EXPECT_EQ(h.m_replyOps, std::vector<uint64_t>{7});
    EXPECT_EQ(h.m_a.GetCurrentOp(), 0U);

    h.m_bDead = true;
    h.m_envA.Schedule(Seconds(1), [&h]() { h.Ping(9); });
    h.m_clock.Run();
    EXPECT_EQ(h.m_failureOps, std::vector<uint64_t>{9});
    EXPECT_EQ(h.m_a.GetCurrentOp(), 0U);
}

TEST(LeadRpcTest, ManyRequestsShareOneTimer)
{
    // 1,000 requests answered in time: far fewer timers than requests (a deadline heap with
    // one timer), and every request completes exactly once.
    RpcHarness h(D, LeadRpc::Config());
    for (int i = 0; i < 1000; ++i)
    {
        h.m_envA.Schedule(Seconds(1) + MilliSeconds(i), [&h]() { h.Ping(); });
    }
    const uint64_t before = h.m_envA.Scheduled();
    h.m_clock.Run();
    EXPECT_EQ(h.m_replies.size(), 1000U);
    EXPECT_EQ(h.m_a.GetCounters().completed, 1000U);
    // 1,000 deliveries to B are scheduled on A's environment; the RPC timer adds few.
    EXPECT_LT(h.m_envA.Scheduled() - before, 1000U + 50U);
    EXPECT_EQ(h.m_a.GetPending(), 0U);
}

TEST(LeadRpcTest, EarlierDeadlineRearmsTheTimer)
{
    // A request with a 1 s timeout, then one whose 100 ms timeout (10 ms floor, RTT-based)
    // expires first: both fail at their own deadlines.
    LeadRpc::Config cfg;
    cfg.maxAttempts = 1;
    RpcHarness h(D, cfg);
    h.m_envA.Schedule(Seconds(1), [&h]() { h.Ping(); }); // learns RTT 80 ms -> timeout 240 ms
    h.m_clock.Run();
    h.m_bDead = true;
    Time start;
    h.m_envA.Schedule(Seconds(1), [&h, &start]() {
        // To a peer without a sample (initial timeout 1 s), then to B (240 ms).
        start = h.m_clock.Now();
        LeadHeader x;
        x.SetType(LeadMessageType::PING);
        h.m_a.Call(x, Create<Packet>(), 3, {}, [&h]() { h.m_failures.push_back(h.m_clock.Now()); });
        h.Ping();
    });
    h.m_clock.Run();
    ASSERT_EQ(h.m_failures.size(), 2U);
    EXPECT_EQ(h.m_failures[0], start + MilliSeconds(240));
    EXPECT_EQ(h.m_failures[1], start + Seconds(1));
}

} // namespace tests
