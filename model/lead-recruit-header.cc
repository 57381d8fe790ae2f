/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-recruit-header.h"

namespace ns3
{
namespace lead
{

NS_OBJECT_ENSURE_REGISTERED(LeadRecruitHeader);

namespace
{
constexpr uint32_t SIZE{16}; //!< serialised size
} // namespace

TypeId
LeadRecruitHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::lead::LeadRecruitHeader")
                            .SetParent<Header>()
                            .SetGroupName("Lead")
                            .AddConstructor<LeadRecruitHeader>();
    return tid;
}

TypeId
LeadRecruitHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
LeadRecruitHeader::Print(std::ostream& os) const
{
    os << "(id=" << id << " keys=" << keys << (valid ? "" : " INVALID") << ")";
}

uint32_t
LeadRecruitHeader::GetSerializedSize() const
{
    return SIZE;
}

void
LeadRecruitHeader::Serialize(Buffer::Iterator start) const
{
    Buffer::Iterator i = start;
    i.WriteHtonU64(id);
    i.WriteHtonU64(keys);
}

uint32_t
LeadRecruitHeader::Deserialize(Buffer::Iterator start)
{
    Buffer::Iterator i = start;
    valid = false;
    if (i.GetRemainingSize() < SIZE)
    {
        return i.GetDistanceFrom(start);
    }
    id = i.ReadNtohU64();
    keys = i.ReadNtohU64();
    valid = true;
    return i.GetDistanceFrom(start);
}

bool
LeadRecruitHeader::operator==(const LeadRecruitHeader& o) const
{
    return valid == o.valid && id == o.id && keys == o.keys;
}

} // namespace lead
} // namespace ns3
