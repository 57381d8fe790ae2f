/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-scan-answer-header.h"

#include "lead-list-codec.h"

namespace ns3
{
namespace lead
{

NS_OBJECT_ENSURE_REGISTERED(LeadScanAnswerHeader);

TypeId
LeadScanAnswerHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::lead::LeadScanAnswerHeader")
                            .SetParent<Header>()
                            .SetGroupName("Lead")
                            .AddConstructor<LeadScanAnswerHeader>();
    return tid;
}

TypeId
LeadScanAnswerHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
LeadScanAnswerHeader::Print(std::ostream& os) const
{
    os << "(" << (walkEnds ? "walk ends" : "walk continues") << (refused ? " refused" : "")
       << " keys=" << keys << " parts=" << parts << " successors=" << successors.size()
       << (valid ? "" : " INVALID") << ")";
}

uint32_t
LeadScanAnswerHeader::GetSerializedSize() const
{
    return FIXED_SIZE - LeadListCodec::COUNT_SIZE + LeadListCodec::NodesSize(successors.size());
}

void
LeadScanAnswerHeader::Serialize(Buffer::Iterator start) const
{
    Buffer::Iterator i = start;
    i.WriteU8((walkEnds ? 1 : 0) | (refused ? 2 : 0));
    i.WriteHtonU64(keys);
    i.WriteHtonU16(parts);
    LeadListCodec::WriteNodes(i, successors);
}

uint32_t
LeadScanAnswerHeader::Deserialize(Buffer::Iterator start)
{
    Buffer::Iterator i = start;
    successors.clear();
    valid = false;
    if (i.GetRemainingSize() < FIXED_SIZE - LeadListCodec::COUNT_SIZE)
    {
        return 0;
    }
    const uint8_t flags = i.ReadU8();
    keys = i.ReadNtohU64();
    parts = i.ReadNtohU16();
    walkEnds = (flags & 1) != 0;
    refused = (flags & 2) != 0;
    valid = (flags & ~3) == 0 && parts >= 1 && LeadListCodec::ReadNodes(i, successors);
    return i.GetDistanceFrom(start);
}

bool
LeadScanAnswerHeader::operator==(const LeadScanAnswerHeader& o) const
{
    return valid == o.valid && walkEnds == o.walkEnds && refused == o.refused && keys == o.keys &&
           parts == o.parts && successors == o.successors;
}

} // namespace lead
} // namespace ns3
