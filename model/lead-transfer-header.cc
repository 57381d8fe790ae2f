/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-transfer-header.h"

#include "lead-list-codec.h"
#include "lead-ring-id.h"

namespace ns3
{
namespace lead
{

NS_OBJECT_ENSURE_REGISTERED(LeadTransferHeader);

TypeId
LeadTransferHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::lead::LeadTransferHeader")
                            .SetParent<Header>()
                            .SetGroupName("Lead")
                            .AddConstructor<LeadTransferHeader>();
    return tid;
}

TypeId
LeadTransferHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
LeadTransferHeader::Print(std::ostream& os) const
{
    os << "(arc=(" << RingId::ToString(arcLo) << ", " << RingId::ToString(arcHi)
       << "] items=" << items.size() << (replica ? " replica" : "") << (last ? " last" : "")
       << (pull ? " pull" : "") << (valid ? "" : " INVALID") << ")";
}

uint32_t
LeadTransferHeader::GetSerializedSize() const
{
    return FIXED_SIZE + ITEM_SIZE * static_cast<uint32_t>(items.size());
}

void
LeadTransferHeader::Serialize(Buffer::Iterator start) const
{
    Buffer::Iterator i = start;
    i.WriteHtonU64(arcLo);
    i.WriteHtonU64(arcHi);
    i.WriteU8((replica ? 1 : 0) | (last ? 2 : 0) | (pull ? 4 : 0));
    LeadListCodec::Write(i, items, [](Buffer::Iterator& w, const LeadKeyStore::Item& it) {
        w.WriteHtonU64(it.key);
        w.WriteHtonU64(it.hash);
        w.WriteHtonU32(it.size);
        w.WriteHtonU64(it.tag);
    });
}

uint32_t
LeadTransferHeader::Deserialize(Buffer::Iterator start)
{
    Buffer::Iterator i = start;
    items.clear();
    if (i.GetRemainingSize() < FIXED_SIZE - LeadListCodec::COUNT_SIZE)
    {
        valid = false;
        return 0;
    }
    arcLo = i.ReadNtohU64();
    arcHi = i.ReadNtohU64();
    const uint8_t flags = i.ReadU8();
    replica = (flags & 1) != 0;
    last = (flags & 2) != 0;
    pull = (flags & 4) != 0;
    valid =
        (flags & ~7) == 0 &&
        LeadListCodec::Read(i, items, ITEM_SIZE, LeadListCodec::MAX_ITEMS, [](Buffer::Iterator& r) {
            LeadKeyStore::Item it;
            it.key = r.ReadNtohU64();
            it.hash = r.ReadNtohU64();
            it.size = r.ReadNtohU32();
            it.tag = r.ReadNtohU64();
            return it;
        });
    valid = valid && !(pull && !items.empty());
    return i.GetDistanceFrom(start);
}

bool
LeadTransferHeader::operator==(const LeadTransferHeader& o) const
{
    return valid == o.valid && arcLo == o.arcLo && arcHi == o.arcHi && replica == o.replica &&
           last == o.last && pull == o.pull && items == o.items;
}

uint64_t
LeadTransferHeader::GetPayloadBytes() const
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
