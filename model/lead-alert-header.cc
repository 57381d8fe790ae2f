/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-alert-header.h"

#include "lead-list-codec.h"

namespace ns3
{
namespace lead
{

NS_OBJECT_ENSURE_REGISTERED(LeadAlertHeader);

TypeId
LeadAlertHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::lead::LeadAlertHeader")
                            .SetParent<Header>()
                            .SetGroupName("Lead")
                            .AddConstructor<LeadAlertHeader>();
    return tid;
}

TypeId
LeadAlertHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
LeadAlertHeader::Print(std::ostream& os) const
{
    os << "(suspects=" << suspects.size() << (valid ? "" : " INVALID") << ")";
}

uint32_t
LeadAlertHeader::GetSerializedSize() const
{
    return LeadListCodec::NodesSize(suspects.size());
}

void
LeadAlertHeader::Serialize(Buffer::Iterator start) const
{
    LeadListCodec::WriteNodes(start, suspects);
}

uint32_t
LeadAlertHeader::Deserialize(Buffer::Iterator start)
{
    Buffer::Iterator i = start;
    valid = LeadListCodec::ReadNodes(i, suspects);
    return i.GetDistanceFrom(start);
}

bool
LeadAlertHeader::operator==(const LeadAlertHeader& o) const
{
    return valid == o.valid && suspects == o.suspects;
}

} // namespace lead
} // namespace ns3
