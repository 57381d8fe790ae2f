/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-lookup-reply-header.h"

#include "lead-list-codec.h"
#include "lead-ring-id.h"

namespace ns3
{
namespace lead
{

NS_OBJECT_ENSURE_REGISTERED(LeadLookupReplyHeader);

namespace
{
constexpr uint8_t FLAG_OWNER{0x01}; //!< nodes[0] is the owner
} // namespace

TypeId
LeadLookupReplyHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::lead::LeadLookupReplyHeader")
                            .SetParent<Header>()
                            .SetGroupName("Lead")
                            .AddConstructor<LeadLookupReplyHeader>();
    return tid;
}

TypeId
LeadLookupReplyHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
LeadLookupReplyHeader::Print(std::ostream& os) const
{
    os << "(lookup=" << lookupId << " target=" << RingId::ToString(target)
       << " hops=" << unsigned(hops) << (owner ? " owner" : " next-hop")
       << " nodes=" << nodes.size() << (valid ? "" : " INVALID") << ")";
}

uint32_t
LeadLookupReplyHeader::GetSerializedSize() const
{
    return FIXED_SIZE - LeadListCodec::COUNT_SIZE + LeadListCodec::NodesSize(nodes.size());
}

void
LeadLookupReplyHeader::Serialize(Buffer::Iterator start) const
{
    Buffer::Iterator i = start;
    i.WriteHtonU32(lookupId);
    i.WriteHtonU64(target);
    i.WriteU8(hops);
    i.WriteU8(owner ? FLAG_OWNER : 0);
    LeadListCodec::WriteNodes(i, nodes);
}

uint32_t
LeadLookupReplyHeader::Deserialize(Buffer::Iterator start)
{
    Buffer::Iterator i = start;
    nodes.clear();
    valid = false;
    if (i.GetRemainingSize() < FIXED_SIZE - LeadListCodec::COUNT_SIZE)
    {
        return 0;
    }
    lookupId = i.ReadNtohU32();
    target = i.ReadNtohU64();
    hops = i.ReadU8();
    const uint8_t flags = i.ReadU8();
    owner = (flags & FLAG_OWNER) != 0;
    valid = (flags & ~FLAG_OWNER) == 0 && LeadListCodec::ReadNodes(i, nodes);
    return i.GetDistanceFrom(start);
}

bool
LeadLookupReplyHeader::operator==(const LeadLookupReplyHeader& o) const
{
    return valid == o.valid && lookupId == o.lookupId && target == o.target && hops == o.hops &&
           owner == o.owner && nodes == o.nodes;
}

} // namespace lead
} // namespace ns3
