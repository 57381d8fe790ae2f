/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-successor-hint-header.h"

#include "lead-list-codec.h"
#include "lead-ring-id.h"

namespace ns3
{
namespace lead
{

NS_OBJECT_ENSURE_REGISTERED(LeadSuccessorHintHeader);

TypeId
LeadSuccessorHintHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::lead::LeadSuccessorHintHeader")
                            .SetParent<Header>()
                            .SetGroupName("Lead")
                            .AddConstructor<LeadSuccessorHintHeader>();
    return tid;
}

TypeId
LeadSuccessorHintHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
LeadSuccessorHintHeader::Print(std::ostream& os) const
{
    os << "(candidate=" << RingId::ToString(candidate.id) << (valid ? "" : " INVALID") << ")";
}

uint32_t
LeadSuccessorHintHeader::GetSerializedSize() const
{
    return SIZE;
}

void
LeadSuccessorHintHeader::Serialize(Buffer::Iterator start) const
{
    LeadListCodec::WriteNode(start, candidate);
}

uint32_t
LeadSuccessorHintHeader::Deserialize(Buffer::Iterator start)
{
    if (start.GetRemainingSize() < SIZE)
    {
        valid = false;
        return 0;
    }
    candidate = LeadListCodec::ReadNode(start);
    valid = true;
    return SIZE;
}

bool
LeadSuccessorHintHeader::operator==(const LeadSuccessorHintHeader& o) const
{
    return valid == o.valid && candidate == o.candidate;
}

} // namespace lead
} // namespace ns3
