/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-kv-header.h"

#include "lead-ring-id.h"

namespace ns3
{
namespace lead
{

NS_OBJECT_ENSURE_REGISTERED(LeadKvHeader);

TypeId
LeadKvHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::lead::LeadKvHeader")
                            .SetParent<Header>()
                            .SetGroupName("Lead")
                            .AddConstructor<LeadKvHeader>();
    return tid;
}

TypeId
LeadKvHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
LeadKvHeader::Print(std::ostream& os) const
{
    os << "(key=" << key << " hash=" << RingId::ToString(hash) << " size=" << size << " tag=" << tag
       << " status=" << unsigned(status) << (replica ? " replica" : "") << (valid ? "" : " INVALID")
       << ")";
}

uint32_t
LeadKvHeader::GetSerializedSize() const
{
    return SIZE;
}

void
LeadKvHeader::Serialize(Buffer::Iterator start) const
{
    Buffer::Iterator i = start;
    i.WriteHtonU64(key);
    i.WriteHtonU64(hash);
    i.WriteHtonU32(size);
    i.WriteHtonU64(tag);
    i.WriteU8(status);
    i.WriteU8(replica ? 1 : 0);
}

uint32_t
LeadKvHeader::Deserialize(Buffer::Iterator start)
{
    Buffer::Iterator i = start;
    if (i.GetRemainingSize() < SIZE)
    {
        valid = false;
        return 0;
    }
    key = i.ReadNtohU64();
    hash = i.ReadNtohU64();
    size = i.ReadNtohU32();
    tag = i.ReadNtohU64();
    status = i.ReadU8();
    const uint8_t flags = i.ReadU8();
    replica = (flags & 1) != 0;
    valid = status <= MOVED && (flags & ~1) == 0;
    return SIZE;
}

bool
LeadKvHeader::operator==(const LeadKvHeader& o) const
{
    return valid == o.valid && key == o.key && hash == o.hash && size == o.size && tag == o.tag &&
           status == o.status && replica == o.replica;
}

} // namespace lead
} // namespace ns3
