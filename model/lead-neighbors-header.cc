/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-neighbors-header.h"

#include "lead-list-codec.h"
#include "lead-ring-id.h"

namespace ns3
{
namespace lead
{

NS_OBJECT_ENSURE_REGISTERED(LeadNeighborsHeader);

TypeId
LeadNeighborsHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::lead::LeadNeighborsHeader")
                            .SetParent<Header>()
                            .SetGroupName("Lead")
                            .AddConstructor<LeadNeighborsHeader>();
    return tid;
}

TypeId
LeadNeighborsHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
LeadNeighborsHeader::Print(std::ostream& os) const
{
    os << "(pred=" << (predecessor ? RingId::ToString(predecessor->id) : std::string("none"))
       << " successors=" << successors.size() << (valid ? "" : " INVALID") << ")";
}

uint32_t
LeadNeighborsHeader::GetSerializedSize() const
{
    return 1 + (predecessor ? LeadListCodec::NODE_SIZE : 0) +
           LeadListCodec::NodesSize(successors.size());
}

void
LeadNeighborsHeader::Serialize(Buffer::Iterator start) const
{
    Buffer::Iterator i = start;
    i.WriteU8(predecessor ? 1 : 0);
    if (predecessor)
    {
        LeadListCodec::WriteNode(i, *predecessor);
    }
    LeadListCodec::WriteNodes(i, successors);
}

uint32_t
LeadNeighborsHeader::Deserialize(Buffer::Iterator start)
{
    Buffer::Iterator i = start;
    predecessor.reset();
    successors.clear();
    valid = false;
    if (i.GetRemainingSize() < 1)
    {
        return 0;
    }
    const uint8_t flags = i.ReadU8();
    if ((flags & ~1) != 0)
    {
        return i.GetDistanceFrom(start);
    }
    if (flags & 1)
    {
        if (i.GetRemainingSize() < LeadListCodec::NODE_SIZE)
        {
            return i.GetDistanceFrom(start);
        }
        predecessor = LeadListCodec::ReadNode(i);
    }
    valid = LeadListCodec::ReadNodes(i, successors);
    return i.GetDistanceFrom(start);
}

bool
LeadNeighborsHeader::operator==(const LeadNeighborsHeader& o) const
{
    return valid == o.valid && predecessor == o.predecessor && successors == o.successors;
}

} // namespace lead
} // namespace ns3
