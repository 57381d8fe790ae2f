/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-lookup-header.h"

#include "lead-list-codec.h"
#include "lead-ring-id.h"

namespace ns3
{
namespace lead
{

NS_OBJECT_ENSURE_REGISTERED(LeadLookupHeader);

TypeId
LeadLookupHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::lead::LeadLookupHeader")
                            .SetParent<Header>()
                            .SetGroupName("Lead")
                            .AddConstructor<LeadLookupHeader>();
    return tid;
}

TypeId
LeadLookupHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
LeadLookupHeader::Print(std::ostream& os) const
{
    os << "(target=" << RingId::ToString(target) << " lookup=" << lookupId
       << " origin=" << RingId::ToString(origin.id) << " hops=" << unsigned(hops)
       << " wanted=" << unsigned(wanted) << (iterative ? " iterative" : "")
       << (valid ? "" : " INVALID") << ")";
}

uint32_t
LeadLookupHeader::GetSerializedSize() const
{
    return SIZE;
}

void
LeadLookupHeader::Serialize(Buffer::Iterator start) const
{
    Buffer::Iterator i = start;
    i.WriteHtonU64(target);
    i.WriteHtonU32(lookupId);
    LeadListCodec::WriteNode(i, origin);
    i.WriteU8(hops);
    i.WriteU8(wanted);
    i.WriteU8(iterative ? 1 : 0);
}

uint32_t
LeadLookupHeader::Deserialize(Buffer::Iterator start)
{
    Buffer::Iterator i = start;
    if (i.GetRemainingSize() < SIZE)
    {
        valid = false;
        return 0;
    }
    target = i.ReadNtohU64();
    lookupId = i.ReadNtohU32();
    origin = LeadListCodec::ReadNode(i);
    hops = i.ReadU8();
    wanted = i.ReadU8();
    const uint8_t mode = i.ReadU8();
    iterative = mode == 1;
    valid = wanted >= 1 && mode <= 1;
    return SIZE;
}

bool
LeadLookupHeader::operator==(const LeadLookupHeader& o) const
{
    return valid == o.valid && target == o.target && lookupId == o.lookupId && origin == o.origin &&
           hops == o.hops && wanted == o.wanted && iterative == o.iterative;
}

} // namespace lead
} // namespace ns3
