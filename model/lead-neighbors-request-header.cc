/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-neighbors-request-header.h"

namespace ns3
{
namespace lead
{

NS_OBJECT_ENSURE_REGISTERED(LeadNeighborsRequestHeader);

TypeId
LeadNeighborsRequestHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::lead::LeadNeighborsRequestHeader")
                            .SetParent<Header>()
                            .SetGroupName("Lead")
                            .AddConstructor<LeadNeighborsRequestHeader>();
    return tid;
}

TypeId
LeadNeighborsRequestHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
LeadNeighborsRequestHeader::Print(std::ostream& os) const
{
    os << "(" << (wantPredecessor ? "predecessor, " : "") << unsigned(maxSuccessors)
       << " successors" << (valid ? "" : " INVALID") << ")";
}

uint32_t
LeadNeighborsRequestHeader::GetSerializedSize() const
{
    return SIZE;
}

void
LeadNeighborsRequestHeader::Serialize(Buffer::Iterator start) const
{
    start.WriteU8(wantPredecessor ? 1 : 0);
    start.WriteU8(maxSuccessors);
}

uint32_t
LeadNeighborsRequestHeader::Deserialize(Buffer::Iterator start)
{
    if (start.GetRemainingSize() < SIZE)
    {
        valid = false;
        return 0;
    }
    const uint8_t flags = start.ReadU8();
    maxSuccessors = start.ReadU8();
    wantPredecessor = (flags & 1) != 0;
    valid = (flags & ~1) == 0;
    return SIZE;
}

bool
LeadNeighborsRequestHeader::operator==(const LeadNeighborsRequestHeader& o) const
{
    return valid == o.valid && wantPredecessor == o.wantPredecessor &&
           maxSuccessors == o.maxSuccessors;
}

} // namespace lead
} // namespace ns3
