/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-range-header.h"

#include "lead-list-codec.h"
#include "lead-ring-id.h"

namespace ns3
{
namespace lead
{

NS_OBJECT_ENSURE_REGISTERED(LeadRangeHeader);
NS_OBJECT_ENSURE_REGISTERED(LeadRangePartHeader);

TypeId
LeadRangeHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::lead::LeadRangeHeader")
                            .SetParent<Header>()
                            .SetGroupName("Lead")
                            .AddConstructor<LeadRangeHeader>();
    return tid;
}

TypeId
LeadRangeHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
LeadRangeHeader::Print(std::ostream& os) const
{
    os << "(query=" << queryId << " keys=[" << startKey << ", " << endKey
       << "] endHash=" << RingId::ToString(endHash) << " remaining=" << remaining << " seq=" << seq
       << (clientDriven ? " client-driven" : "") << (exactArc ? " exact-arc" : "")
       << (moreFollow ? " more-follow" : "") << (fanOut ? " fan-out" : "")
       << (checkOwner ? " check-owner" : "") << (valid ? "" : " INVALID") << ")";
}

uint32_t
LeadRangeHeader::GetSerializedSize() const
{
    return SIZE;
}

void
LeadRangeHeader::Serialize(Buffer::Iterator start) const
{
    Buffer::Iterator i = start;
    i.WriteHtonU32(queryId);
    i.WriteHtonU64(startKey);
    i.WriteHtonU64(endKey);
    i.WriteHtonU64(endHash);
    i.WriteHtonU64(remaining);
    LeadListCodec::WriteNode(i, client);
    i.WriteHtonU16(seq);
    i.WriteHtonU64(prevId);
    i.WriteU8((clientDriven ? 1U : 0U) | (exactArc ? 2U : 0U) | (moreFollow ? 4U : 0U) |
              (viaLeader ? 8U : 0U) | (fanOut ? 16U : 0U) | (checkOwner ? 32U : 0U));
}

uint32_t
LeadRangeHeader::Deserialize(Buffer::Iterator start)
{
    Buffer::Iterator i = start;
    if (i.GetRemainingSize() < SIZE)
    {
        valid = false;
        return 0;
    }
    queryId = i.ReadNtohU32();
    startKey = i.ReadNtohU64();
    endKey = i.ReadNtohU64();
    endHash = i.ReadNtohU64();
    remaining = i.ReadNtohU64();
    client = LeadListCodec::ReadNode(i);
    seq = i.ReadNtohU16();
    prevId = i.ReadNtohU64();
    const uint8_t flags = i.ReadU8();
    clientDriven = (flags & 1U) != 0;
    exactArc = (flags & 2U) != 0;
    moreFollow = (flags & 4U) != 0;
    viaLeader = (flags & 8U) != 0;
    fanOut = (flags & 16U) != 0;
    checkOwner = (flags & 32U) != 0;
    // Unknown flags come from a newer or corrupt sender.
    valid = startKey <= endKey && (flags & ~63U) == 0;
    return SIZE;
}

bool
LeadRangeHeader::operator==(const LeadRangeHeader& o) const
{
    return valid == o.valid && queryId == o.queryId && startKey == o.startKey &&
           endKey == o.endKey && endHash == o.endHash && remaining == o.remaining &&
           client == o.client && seq == o.seq && prevId == o.prevId &&
           clientDriven == o.clientDriven && exactArc == o.exactArc && moreFollow == o.moreFollow &&
           viaLeader == o.viaLeader && fanOut == o.fanOut && checkOwner == o.checkOwner;
}

TypeId
LeadRangePartHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::lead::LeadRangePartHeader")
                            .SetParent<Header>()
                            .SetGroupName("Lead")
                            .AddConstructor<LeadRangePartHeader>();
    return tid;
}

TypeId
LeadRangePartHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
LeadRangePartHeader::Print(std::ostream& os) const
{
    os << "(query=" << queryId << " seq=" << seq << " chunk=" << chunk << " items=" << items.size()
       << (last ? " last" : "") << (valid ? "" : " INVALID") << ")";
}

uint32_t
LeadRangePartHeader::GetSerializedSize() const
{
    return FIXED_SIZE + ITEM_SIZE * static_cast<uint32_t>(items.size());
}

void
LeadRangePartHeader::Serialize(Buffer::Iterator start) const
{
    Buffer::Iterator i = start;
    i.WriteHtonU32(queryId);
    i.WriteHtonU16(seq);
    i.WriteHtonU16(chunk);
    i.WriteU8((last ? 1 : 0) | (lastChunk ? 2 : 0) | (viaLeader ? 4 : 0));
    LeadListCodec::Write(i, items, [](Buffer::Iterator& w, const Item& it) {
        w.WriteHtonU64(it.key);
        w.WriteHtonU32(it.size);
        w.WriteHtonU64(it.tag);
    });
}

uint32_t
LeadRangePartHeader::Deserialize(Buffer::Iterator start)
{
    Buffer::Iterator i = start;
    items.clear();
    if (i.GetRemainingSize() < FIXED_SIZE - LeadListCodec::COUNT_SIZE)
    {
        valid = false;
        return 0;
    }
    queryId = i.ReadNtohU32();
    seq = i.ReadNtohU16();
    chunk = i.ReadNtohU16();
    const uint8_t flags = i.ReadU8();
    last = (flags & 1) != 0;
    lastChunk = (flags & 2) != 0;
    viaLeader = (flags & 4) != 0;
    valid =
        (flags & ~7) == 0 &&
        LeadListCodec::Read(i, items, ITEM_SIZE, LeadListCodec::MAX_ITEMS, [](Buffer::Iterator& r) {
            Item it;
            it.key = r.ReadNtohU64();
            it.size = r.ReadNtohU32();
            it.tag = r.ReadNtohU64();
            return it;
        });
    return i.GetDistanceFrom(start);
}

bool
LeadRangePartHeader::operator==(const LeadRangePartHeader& o) const
{
    return valid == o.valid && queryId == o.queryId && seq == o.seq && chunk == o.chunk &&
           last == o.last && lastChunk == o.lastChunk && viaLeader == o.viaLeader &&
           items == o.items;
}

uint64_t
LeadRangePartHeader::GetPayloadBytes() const
{
    uint64_t b = 0;
    for (const auto& it : items)
    {
        b += it.size;
    }
    return b;
}

} // namespace lead
} // namespace ns3
