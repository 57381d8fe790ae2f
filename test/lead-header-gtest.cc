/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

// GoogleTest for the packet headers: every header survives a round trip through a packet, and
// truncated, garbled or unknown input deserialises as invalid without reading past the end.

#include "ns3/lead-alert-header.h"
#include "ns3/lead-header.h"
#include "ns3/lead-heartbeat-header.h"
#include "ns3/lead-kv-header.h"
#include "ns3/lead-list-codec.h"
#include "ns3/lead-lookup-header.h"
#include "ns3/lead-lookup-reply-header.h"
#include "ns3/lead-model-header.h"
#include "ns3/lead-neighbors-header.h"
#include "ns3/lead-neighbors-request-header.h"
#include "ns3/lead-p2psim-accounting.h"
#include "ns3/lead-range-header.h"
#include "ns3/lead-recruit-header.h"
#include "ns3/lead-scan-answer-header.h"
#include "ns3/lead-successor-hint-header.h"
#include "ns3/lead-transfer-header.h"
#include "ns3/lead-update-header.h"
#include "ns3/lead-view-header.h"
#include "ns3/packet.h"

#include <cmath>
#include <gtest/gtest.h>
#include <random>

using namespace ns3;
using namespace ns3::lead;

namespace
{

/// Serialise `h` into a packet, read it back into a fresh header, and return that header.
template <typename H>
H
RoundTrip(const H& h)
{
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(h);
    EXPECT_EQ(p->GetSize(), h.GetSerializedSize());
    H out;
    EXPECT_EQ(p->RemoveHeader(out), h.GetSerializedSize());
    EXPECT_EQ(p->GetSize(), 0U);
    return out;
}

/// Bytes of a serialised header.
template <typename H>
std::vector<uint8_t>
Bytes(const H& h)
{
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(h);
    std::vector<uint8_t> b(p->GetSize());
    p->CopyData(b.data(), b.size());
    return b;
}

/// Every proper prefix of the serialised header deserialises as invalid.
template <typename H>
void
ExpectPrefixesInvalid(const H& h)
{
    auto bytes = Bytes(h);
    for (size_t len = 0; len < bytes.size(); ++len)
    {
        Ptr<Packet> p = Create<Packet>(bytes.data(), len);
        H out;
        p->RemoveHeader(out);
        EXPECT_FALSE(out.valid) << "prefix of " << len << " bytes accepted";
    }
}

VnodeRef
Ref(uint64_t id)
{
    return VnodeRef{id,
                    0x0a000001U + static_cast<uint32_t>(id % 97),
                    static_cast<uint16_t>(id % 5)};
}

} // namespace

TEST(LeadHeaderTest, RoundTripEveryTypeAndPurpose)
{
    for (uint8_t t = 1; t <= static_cast<uint8_t>(LeadMessageType::RECRUIT); ++t)
    {
        for (uint8_t pu = 0; pu < LEAD_PURPOSE_COUNT; ++pu)
        {
            LeadHeader h;
            h.SetType(static_cast<LeadMessageType>(t));
            h.SetPurpose(static_cast<LeadPurpose>(pu));
            h.SetReply(t % 2 == 0);
            h.SetRequestId(0xdeadbeef);
            h.SetSrcId(0x0123456789abcdefULL);
            h.SetDstId(0xfedcba9876543210ULL);
            h.SetSrcVnode(7);
            h.SetDstVnode(65535);
            h.SetModelVersion(42);
            LeadHeader out = RoundTrip(h);
            EXPECT_TRUE(out.IsValid());
            EXPECT_TRUE(out == h) << out.ToString() << " vs " << h.ToString();
            EXPECT_NE(LeadMessageTypeName(out.GetType()), "UNKNOWN");
            EXPECT_NE(LeadPurposeName(out.GetPurpose()), "UNKNOWN");
        }
    }
    EXPECT_EQ(LeadHeader().GetSerializedSize(), LeadHeader::SIZE);
}

TEST(LeadHeaderTest, TruncatedUnknownAndGarbledInputIsInvalid)
{
    LeadHeader h;
    h.SetType(LeadMessageType::NOTIFY);
    auto bytes = Bytes(h);
    for (size_t len = 0; len < bytes.size(); ++len)
    {
        Ptr<Packet> p = Create<Packet>(bytes.data(), len);
        LeadHeader out;
        EXPECT_EQ(p->RemoveHeader(out), 0U);
        EXPECT_FALSE(out.IsValid());
    }

    struct Case
    {
        size_t offset;
        uint8_t value;
    };

    // Bad version, type 0, type beyond the last, purpose beyond the last, unknown flag.
    for (const auto& c :
         {Case{0, 2}, Case{1, 0}, Case{1, 34}, Case{1, 255}, Case{2, 12}, Case{3, 0x80}})
    {
        auto bad = bytes;
        bad[c.offset] = c.value;
        Ptr<Packet> p = Create<Packet>(bad.data(), bad.size());
        LeadHeader out;
        p->RemoveHeader(out);
        EXPECT_FALSE(out.IsValid()) << "byte " << c.offset << " = " << unsigned(c.value);
    }
    // Random garbage never crashes; what is accepted has a known type and purpose.
    std::mt19937 rng(1);
    for (int k = 0; k < 2000; ++k)
    {
        std::vector<uint8_t> junk(rng() % 80);
        for (auto& b : junk)
        {
            b = static_cast<uint8_t>(rng());
        }
        Ptr<Packet> p = Create<Packet>(junk.data(), junk.size());
        LeadHeader out;
        p->RemoveHeader(out);
        if (out.IsValid())
        {
            EXPECT_NE(LeadMessageTypeName(out.GetType()), "UNKNOWN");
        }
    }
}

TEST(LeadLookupHeaderTest, RoundTripAndTruncation)
{
    LeadLookupHeader h;
    h.target = 0xffffffffffffffffULL;
    h.lookupId = 99;
    h.origin = Ref(123456789);
    h.hops = 29;
    h.wanted = 15;
    EXPECT_TRUE(RoundTrip(h) == h);
    h.iterative = true;
    EXPECT_TRUE(RoundTrip(h) == h);
    EXPECT_EQ(h.GetSerializedSize(), LeadLookupHeader::SIZE);
    ExpectPrefixesInvalid(h);
}

/// A header whose bytes have been changed at one offset deserialises as invalid.
template <typename H>
void
ExpectInvalidWith(const H& h, size_t offset, uint8_t value)
{
    auto bytes = Bytes(h);
    ASSERT_LT(offset, bytes.size());
    bytes[offset] = value;
    Ptr<Packet> p = Create<Packet>(bytes.data(), bytes.size());
    H bad;
    p->RemoveHeader(bad);
    EXPECT_FALSE(bad.valid) << "byte " << offset << " = " << unsigned(value) << " accepted";
}

TEST(LeadLookupReplyHeaderTest, RoundTripOwnerAndNextHop)
{
    LeadLookupReplyHeader h;
    h.lookupId = 5;
    h.target = 77;
    h.hops = 3;
    h.nodes.push_back(Ref(1));
    EXPECT_TRUE(RoundTrip(h) == h);
    h.owner = false; // an iterative step naming the next hop
    EXPECT_TRUE(RoundTrip(h) == h);
    h.owner = true;
    for (uint64_t k = 0; k < 14; ++k)
    {
        h.nodes.push_back(Ref(1000 + k));
    }
    EXPECT_TRUE(RoundTrip(h) == h);
    EXPECT_EQ(h.GetSerializedSize(), LeadLookupReplyHeader::FIXED_SIZE + 15 * 14);
    ExpectPrefixesInvalid(h);
    ExpectInvalidWith(h, 13, 0x02); // an unknown flag
    ExpectInvalidWith(h, 14, 0x01); // count 256 + 15: beyond the bytes and the limit
    ExpectInvalidWith(h, 15, 16);   // count 16, one vnode more than the bytes
}

TEST(LeadNeighborsHeadersTest, RequestAndAnswerRoundTrip)
{
    LeadNeighborsRequestHeader ask;
    ask.wantPredecessor = true;
    ask.maxSuccessors = 15;
    EXPECT_TRUE(RoundTrip(ask) == ask);
    EXPECT_EQ(ask.GetSerializedSize(), 2U);
    ExpectPrefixesInvalid(ask);
    ExpectInvalidWith(ask, 0, 0x03);

    LeadNeighborsHeader h;
    EXPECT_TRUE(RoundTrip(h) == h); // no predecessor, no successors
    EXPECT_EQ(h.GetSerializedSize(), 3U);
    h.predecessor = Ref(9);
    for (uint64_t k = 0; k < 15; ++k)
    {
        h.successors.push_back(Ref(2000 + k));
    }
    EXPECT_TRUE(RoundTrip(h) == h);
    EXPECT_EQ(h.GetSerializedSize(), 1 + 14 + 2 + 15 * 14U);
    ExpectPrefixesInvalid(h);
    ExpectInvalidWith(h, 0, 0x04);
    h.predecessor.reset();
    EXPECT_TRUE(RoundTrip(h) == h);
    ExpectInvalidWith(h, 2, 40); // 40 successors announced, 15 present
}

TEST(LeadSmallBodiesTest, HintAlertAndScanAnswer)
{
    LeadSuccessorHintHeader hint;
    hint.candidate = Ref(4242);
    EXPECT_TRUE(RoundTrip(hint) == hint);
    EXPECT_EQ(hint.GetSerializedSize(), 14U);
    ExpectPrefixesInvalid(hint);

    LeadAlertHeader alert;
    EXPECT_TRUE(RoundTrip(alert) == alert);
    alert.suspects = {Ref(1), Ref(2), Ref(3)};
    EXPECT_TRUE(RoundTrip(alert) == alert);
    ExpectPrefixesInvalid(alert);
    ExpectInvalidWith(alert, 1, 4);

    LeadScanAnswerHeader answer;
    answer.walkEnds = true;
    answer.keys = 1ULL << 40;
    answer.parts = 5;
    answer.successors = {Ref(7), Ref(8), Ref(9), Ref(10)};
    EXPECT_TRUE(RoundTrip(answer) == answer);
    EXPECT_EQ(answer.GetSerializedSize(), LeadScanAnswerHeader::FIXED_SIZE + 4 * 14);
    ExpectPrefixesInvalid(answer);
    ExpectInvalidWith(answer, 0, 0x04); // an unknown flag
    ExpectInvalidWith(answer, 10, 0);   // parts = 0 (a vnode uses at least one)
    LeadScanAnswerHeader refusal;
    refusal.refused = true;
    EXPECT_TRUE(RoundTrip(refusal) == refusal);
    EXPECT_FALSE(RoundTrip(refusal) == LeadScanAnswerHeader());
}

TEST(LeadListCodecTest, ListsLongerThanTheirKindOrTheMessageAreRefused)
{
    // 300 vnodes: the count fits, but a vnode list may hold at most 255.
    Buffer b;
    b.AddAtStart(2 + 300 * 14);
    Buffer::Iterator w = b.Begin();
    std::vector<VnodeRef> many;
    for (uint64_t k = 0; k < 300; ++k)
    {
        many.push_back(Ref(k));
    }
    LeadListCodec::Write(w, many, [](Buffer::Iterator& i, const VnodeRef& r) {
        LeadListCodec::WriteNode(i, r);
    });
    Buffer::Iterator r = b.Begin();
    std::vector<VnodeRef> out;
    EXPECT_FALSE(LeadListCodec::ReadNodes(r, out));
    Buffer::Iterator r2 = b.Begin();
    EXPECT_TRUE(LeadListCodec::Read(r2, out, 14, 300, [](Buffer::Iterator& i) {
        return LeadListCodec::ReadNode(i);
    }));
    EXPECT_EQ(out, many);
    EXPECT_EQ(LeadListCodec::Size(300, 14), 4202U);
}

TEST(LeadKvHeaderTest, RoundTripAndInvalidStatus)
{
    LeadKvHeader h;
    h.key = 1;
    h.hash = 2;
    h.size = 4096;
    h.tag = 0xabcdef;
    h.status = LeadKvHeader::NOT_RESPONSIBLE;
    h.replica = true;
    EXPECT_TRUE(RoundTrip(h) == h);
    ExpectPrefixesInvalid(h);
    auto bytes = Bytes(h);
    bytes[28] = 9; // status
    Ptr<Packet> p = Create<Packet>(bytes.data(), bytes.size());
    LeadKvHeader bad;
    p->RemoveHeader(bad);
    EXPECT_FALSE(bad.valid);
}

TEST(LeadTransferHeaderTest, RoundTripAndCountBeyondThePacket)
{
    LeadTransferHeader h;
    h.arcLo = 10;
    h.arcHi = 5; // wrapping arc
    h.replica = true;
    h.last = false;
    for (uint64_t k = 0; k < 40; ++k)
    {
        h.items.push_back({k, k * 1000, static_cast<uint32_t>(k * 10), k ^ 0x55});
    }
    LeadTransferHeader out = RoundTrip(h);
    EXPECT_TRUE(out == h);
    EXPECT_EQ(out.GetPayloadBytes(), 7800U);
    ExpectPrefixesInvalid(h);
    auto bytes = Bytes(h);
    bytes[17] = 0x7f; // count = 0x7f28: far more items than bytes
    Ptr<Packet> p = Create<Packet>(bytes.data(), bytes.size());
    LeadTransferHeader bad;
    p->RemoveHeader(bad);
    EXPECT_FALSE(bad.valid);
    ExpectInvalidWith(h, 16, 0x04 | 0x01); // a pull request carrying items
    ExpectInvalidWith(h, 16, 0x08);        // an unknown flag
    // A pull request: the arc, no items.
    LeadTransferHeader pull;
    pull.arcLo = 7;
    pull.arcHi = 99;
    pull.pull = true;
    EXPECT_TRUE(RoundTrip(pull) == pull);
    EXPECT_EQ(Bytes(pull)[16], 0x04 | 0x02);
}

TEST(LeadRangeHeaderTest, RoundTripAndTruncation)
{
    LeadRangeHeader h;
    h.queryId = 7;
    h.startKey = 100;
    h.endKey = 5000;
    h.endHash = 0xfedcba9876543210ULL;
    h.remaining = 42;
    h.client = Ref(99);
    h.seq = 3;
    h.prevId = 0x0123456789abcdefULL;
    EXPECT_TRUE(RoundTrip(h) == h);
    EXPECT_EQ(h.GetSerializedSize(), LeadRangeHeader::SIZE);
    ExpectPrefixesInvalid(h);
    h.clientDriven = true;
    EXPECT_TRUE(RoundTrip(h) == h);
    h.clientDriven = false;
    h.exactArc = true;
    EXPECT_TRUE(RoundTrip(h) == h);
    h.moreFollow = true;
    EXPECT_TRUE(RoundTrip(h) == h);
    h.viaLeader = true;
    EXPECT_TRUE(RoundTrip(h) == h);
    h.checkOwner = true;
    EXPECT_TRUE(RoundTrip(h) == h);
    LeadRangeHeader plain = h;
    plain.exactArc = false;
    EXPECT_FALSE(plain == h);
    {
        auto bytes = Bytes(h);
        bytes.back() = 0x80; // a flag this version does not know
        Ptr<Packet> q = Create<Packet>(bytes.data(), bytes.size());
        LeadRangeHeader unknown;
        q->RemoveHeader(unknown);
        EXPECT_FALSE(unknown.valid);
    }
    h.startKey = 6000; // start after end
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(h);
    LeadRangeHeader bad;
    p->RemoveHeader(bad);
    EXPECT_FALSE(bad.valid);
}

TEST(LeadRangePartHeaderTest, RoundTripAndCountBeyondThePacket)
{
    LeadRangePartHeader h;
    h.queryId = 9;
    h.seq = 2;
    h.chunk = 1;
    h.last = true;
    h.lastChunk = false;
    for (uint64_t k = 0; k < 30; ++k)
    {
        h.items.push_back({k * 3, static_cast<uint32_t>(k), k ^ 7});
    }
    EXPECT_TRUE(RoundTrip(h) == h);
    EXPECT_EQ(h.GetPayloadBytes(), 435U);
    ExpectPrefixesInvalid(h);
    h.viaLeader = true;
    EXPECT_TRUE(RoundTrip(h) == h);
    auto bytes = Bytes(h);
    bytes[9] = 0x7f; // count 0x7f1e: far beyond the bytes present
    Ptr<Packet> p = Create<Packet>(bytes.data(), bytes.size());
    LeadRangePartHeader bad;
    p->RemoveHeader(bad);
    EXPECT_FALSE(bad.valid);
}

namespace
{

/// A whole message: the common header of `type` (a reply if `reply`), then `body`.
template <typename B>
Ptr<Packet>
Message(LeadMessageType type, bool reply, const B* body)
{
    Ptr<Packet> p = Create<Packet>();
    if (body)
    {
        p->AddHeader(*body);
    }
    LeadHeader h;
    h.SetType(type);
    h.SetReply(reply);
    h.SetRequestId(reply ? 7 : 0);
    p->AddHeader(h);
    return p;
}

} // namespace

TEST(LeadP2psimAccountingTest, TwentyBytesPlusFourPerIdentifierCarried)
{
    using A = LeadP2psimAccounting;
    // Header only: pings, notifies, acknowledgements.
    const LeadAlertHeader* none = nullptr;
    EXPECT_EQ(A::Bytes(Message(LeadMessageType::PING, false, none)), 20U);
    EXPECT_EQ(A::Bytes(Message(LeadMessageType::NOTIFY, false, none)), 20U);
    EXPECT_EQ(A::Bytes(Message(LeadMessageType::FIND_SUCCESSOR, true, none)), 20U); // hop ack
    // A lookup: its position and its origin.
    LeadLookupHeader lk;
    lk.origin = Ref(5);
    EXPECT_EQ(A::Bytes(Message(LeadMessageType::FIND_SUCCESSOR, false, &lk)), 28U);
    // An answer with the owner and 14 successors.
    LeadLookupReplyHeader reply;
    for (uint64_t k = 0; k < 15; ++k)
    {
        reply.nodes.push_back(Ref(100 + k));
    }
    EXPECT_EQ(A::Bytes(Message(LeadMessageType::FIND_SUCCESSOR_REPLY, true, &reply)), 80U);
    EXPECT_EQ(A::Bytes(Message(LeadMessageType::FIND_SUCCESSOR, true, &reply)), 80U); // iterative
    // Neighbours: predecessor and 15 successors; a leave notice alike.
    LeadNeighborsHeader nb;
    nb.predecessor = Ref(9);
    for (uint64_t k = 0; k < 15; ++k)
    {
        nb.successors.push_back(Ref(200 + k));
    }
    EXPECT_EQ(A::Bytes(Message(LeadMessageType::GET_NEIGHBORS_REPLY, true, &nb)), 84U);
    EXPECT_EQ(A::Bytes(Message(LeadMessageType::LEAVE, false, &nb)), 84U);
    nb.predecessor.reset();
    nb.successors.resize(1);
    EXPECT_EQ(A::Bytes(Message(LeadMessageType::GET_NEIGHBORS_REPLY, true, &nb)), 24U);
    LeadNeighborsRequestHeader ask;
    ask.maxSuccessors = 15;
    EXPECT_EQ(A::Bytes(Message(LeadMessageType::GET_NEIGHBORS, false, &ask)), 20U);
    LeadSuccessorHintHeader hint;
    hint.candidate = Ref(3);
    EXPECT_EQ(A::Bytes(Message(LeadMessageType::SUCC_HINT, false, &hint)), 24U);
    LeadAlertHeader alert;
    alert.suspects = {Ref(1), Ref(2)};
    EXPECT_EQ(A::Bytes(Message(LeadMessageType::ALERT, false, &alert)), 28U);
    // Garbage where a body should be: nothing counted, no crash.
    Ptr<Packet> bad = Create<Packet>(5);
    LeadHeader h;
    h.SetType(LeadMessageType::FIND_SUCCESSOR_REPLY);
    h.SetReply(true);
    bad->AddHeader(h);
    EXPECT_EQ(A::CountIds(bad), 0U);
    EXPECT_EQ(A::CountIds(Create<Packet>(3)), 0U);
}

TEST(LeadModelHeaderTest, ChunksRoundTripAndBadChunksAreRefused)
{
    LeadModelHeader req;
    req.version = 4;
    req.base = 3;
    req.offset = 120000;
    EXPECT_EQ(RoundTrip(req), req); // a request: an offset, the version held, no chunk
    ExpectPrefixesInvalid(req);
    LeadModelHeader chunk;
    chunk.version = 4;
    chunk.total = 150000;
    chunk.offset = 120000;
    chunk.data.assign(30000, 0x5a);
    chunk.data[0] = 1;
    EXPECT_EQ(RoundTrip(chunk).data, chunk.data);
    EXPECT_EQ(chunk.GetSerializedSize(), 19U + 30000U);
    chunk.delta = true;
    chunk.base = 3;
    EXPECT_EQ(RoundTrip(chunk), chunk);
    ExpectInvalidWith(chunk, 8, 0x03); // an unknown flag
    // A chunk that runs past the image, an image beyond the limit, a length beyond the body.
    LeadModelHeader past = chunk;
    past.total = 140000;
    Ptr<Packet> pp = Create<Packet>();
    pp->AddHeader(past);
    LeadModelHeader pastOut;
    pp->RemoveHeader(pastOut);
    EXPECT_FALSE(pastOut.valid);
    ExpectInvalidWith(chunk, 9, 0x7f);  // total 2 GiB and more
    ExpectInvalidWith(chunk, 17, 0xff); // length 65,000 and more
    auto bytes = Bytes(chunk);
    Ptr<Packet> cut = Create<Packet>(bytes.data(), bytes.size() - 1);
    LeadModelHeader out;
    cut->RemoveHeader(out);
    EXPECT_FALSE(out.valid);
    EXPECT_TRUE(out.data.empty());
}

TEST(LeadHeartbeatHeaderTest, RoundTripAndUnknownFlags)
{
    LeadHeartbeatHeader hb;
    hb.version = 7;
    hb.ready = true;
    hb.keys = 123456789012ULL;
    hb.peerKeys = 987654321098ULL;
    EXPECT_EQ(RoundTrip(hb), hb);
    EXPECT_EQ(hb.GetSerializedSize(), 21U);
    ExpectPrefixesInvalid(hb);
    ExpectInvalidWith(hb, 4, 0x05); // an unknown flag bit
    ExpectInvalidWith(hb, 4, 0x03); // a rumour announced but missing
    hb.ready = false;
    EXPECT_FALSE(RoundTrip(hb).ready);

    // With the cold-node rumour.
    hb.hasCold = true;
    hb.coldAddress = 0x0A010203;
    hb.coldKeys = 77;
    hb.coldAgeMs = 4500;
    EXPECT_EQ(RoundTrip(hb), hb);
    EXPECT_EQ(hb.GetSerializedSize(), 37U);
    ExpectPrefixesInvalid(hb);
}

TEST(LeadViewHeaderTest, RoundTripTruncationAndBadFlags)
{
    LeadViewHeader h;
    h.digest = 0x0123456789ABCDEFULL;
    h.live = 490;
    EXPECT_EQ(RoundTrip(h), h);
    EXPECT_EQ(h.GetSerializedSize(), LeadViewHeader::FIXED_SIZE);
    h.events = {{Ref(5), true, Seconds(1)}, {Ref(6), false, NanoSeconds(123456789012345)}};
    EXPECT_EQ(RoundTrip(h), h);
    EXPECT_EQ(h.GetSerializedSize(), LeadViewHeader::FIXED_SIZE + 2 * LeadViewHeader::EVENT_SIZE);
    ExpectPrefixesInvalid(h);
    ExpectInvalidWith(h, 12 + 2 + 14, 0x02); // an unknown event flag
    ExpectInvalidWith(h, 12 + 2 + 15, 0x80); // a negative stamp
    LeadViewHeader other = h;
    other.events[1].alive = true;
    EXPECT_FALSE(other == h);
}

TEST(LeadRecruitHeaderTest, RoundTripAndTruncation)
{
    LeadRecruitHeader r;
    r.id = 0xFEDCBA9876543210ULL;
    r.keys = 4321;
    EXPECT_EQ(RoundTrip(r), r);
    EXPECT_EQ(r.GetSerializedSize(), 16U);
    ExpectPrefixesInvalid(r);
}

TEST(LeadUpdateHeaderTest, EveryPhaseRoundTripsAndBadBodiesAreRefused)
{
    LeadUpdateHeader pull;
    pull.phase = LeadUpdateHeader::PULL;
    pull.round = 0x1234567890ABCDEFULL;
    pull.version = 65536 + 77;
    EXPECT_EQ(RoundTrip(pull), pull);
    EXPECT_EQ(pull.GetSerializedSize(), 24U);

    LeadUpdateHeader report = pull;
    report.reply = true;
    report.accepted = true;
    report.word = 42;
    report.counts = {{3, 100, 1000, 2000}, {4, 7, 2001, 2500}};
    EXPECT_EQ(RoundTrip(report), report);
    EXPECT_EQ(report.GetSerializedSize(), 24U + 2 * 28U);
    ExpectPrefixesInvalid(report);

    LeadUpdateHeader refit = pull;
    refit.phase = LeadUpdateHeader::REFIT;
    refit.word = 1;
    refit.assignments = {{3, 10.5, 99.25}, {4, 99.25, 120.0}};
    EXPECT_EQ(RoundTrip(refit), refit);
    EXPECT_EQ(refit.GetSerializedSize(), 24U + 2 * 20U);
    ExpectPrefixesInvalid(refit);

    LeadUpdateHeader pieces = refit;
    pieces.reply = true;
    LeafParams p;
    p.intercept = -3.5;
    p.slope = 1e-9;
    p.firstRank = 10;
    p.lastRank = 99;
    p.keys = 90;
    p.maxError = 2;
    pieces.pieces = {{3, p}};
    const LeadUpdateHeader back = RoundTrip(pieces);
    ASSERT_EQ(back.pieces.size(), 1U);
    EXPECT_EQ(back.pieces[0].first, 3U);
    EXPECT_EQ(back.pieces[0].second.intercept, -3.5);
    EXPECT_EQ(back.pieces[0].second.slope, 1e-9);
    EXPECT_EQ(back.pieces[0].second.lastRank, 99U);
    EXPECT_EQ(back.pieces[0].second.keys, 90U);
    EXPECT_EQ(back.pieces[0].second.maxError, 2U);
    ExpectPrefixesInvalid(pieces);

    LeadUpdateHeader announce;
    announce.phase = LeadUpdateHeader::ANNOUNCE;
    announce.version = 131072;
    announce.word = 0xFFFFFFFFFFFFFFF0ULL;
    EXPECT_EQ(RoundTrip(announce), announce);

    // An unknown phase, an unknown flag, entries where the phase has none, a count past the
    // limit: refused.
    ExpectInvalidWith(pull, 0, 4);
    ExpectInvalidWith(pull, 1, 0x04);
    auto bytes = Bytes(announce);
    bytes[23] = 1; // count 1 for a body without entries
    bytes.resize(bytes.size() + 28, 0);
    {
        Ptr<Packet> pk = Create<Packet>(bytes.data(), bytes.size());
        LeadUpdateHeader out;
        pk->RemoveHeader(out);
        EXPECT_FALSE(out.valid);
    }
    auto many = Bytes(report);
    many[22] = 0x04; // 1,026 entries: over MAX_ENTRIES
    many[23] = 0x02;
    {
        Ptr<Packet> pk = Create<Packet>(many.data(), many.size());
        LeadUpdateHeader out;
        pk->RemoveHeader(out);
        EXPECT_FALSE(out.valid);
    }
    // A NaN travels as sent: the coordinator's validation, not the decoder, judges values.
    pieces.pieces[0].second.slope = std::nan("");
    EXPECT_TRUE(std::isnan(RoundTrip(pieces).pieces[0].second.slope));
}
