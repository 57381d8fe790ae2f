/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-model-header.h"

#include "ns3/abort.h"

namespace ns3
{
namespace lead
{

NS_OBJECT_ENSURE_REGISTERED(LeadModelHeader);

namespace
{
constexpr uint32_t FIXED_SIZE{19}; //!< version, base, flags, total, offset, length
} // namespace

TypeId
LeadModelHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::lead::LeadModelHeader")
                            .SetParent<Header>()
                            .SetGroupName("Lead")
                            .AddConstructor<LeadModelHeader>();
    return tid;
}

TypeId
LeadModelHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
LeadModelHeader::Print(std::ostream& os) const
{
    os << "(version=" << version << " base=" << base << (delta ? " delta" : "")
       << " total=" << total << " offset=" << offset << " length=" << data.size()
       << (valid ? "" : " INVALID") << ")";
}

uint32_t
LeadModelHeader::GetSerializedSize() const
{
    return FIXED_SIZE + static_cast<uint32_t>(data.size());
}

void
LeadModelHeader::Serialize(Buffer::Iterator start) const
{
    NS_ABORT_MSG_IF(data.size() > MAX_CHUNK,
                    "LeadModelHeader: chunk of " << data.size() << " bytes, at most " << MAX_CHUNK);
    Buffer::Iterator i = start;
    i.WriteHtonU32(version);
    i.WriteHtonU32(base);
    i.WriteU8(delta ? 1 : 0);
    i.WriteHtonU32(total);
    i.WriteHtonU32(offset);
    i.WriteHtonU16(static_cast<uint16_t>(data.size()));
    if (!data.empty())
    {
        i.Write(data.data(), static_cast<uint32_t>(data.size()));
    }
}

uint32_t
LeadModelHeader::Deserialize(Buffer::Iterator start)
{
    Buffer::Iterator i = start;
    data.clear();
    valid = false;
    if (i.GetRemainingSize() < FIXED_SIZE)
    {
        return i.GetDistanceFrom(start);
    }
    version = i.ReadNtohU32();
    base = i.ReadNtohU32();
    const uint8_t flags = i.ReadU8();
    delta = (flags & 1) != 0;
    total = i.ReadNtohU32();
    offset = i.ReadNtohU32();
    const uint32_t length = i.ReadNtohU16();
    // A chunk must fit the message and lie inside the image, and the image must be bounded
    // (a request carries no chunk, only the offset it asks for).
    if ((flags & ~1) != 0 || length > MAX_CHUNK || i.GetRemainingSize() < length ||
        total > MAX_IMAGE || (length > 0 && uint64_t{offset} + length > total))
    {
        return i.GetDistanceFrom(start);
    }
    data.resize(length);
    if (length > 0)
    {
        i.Read(data.data(), length);
    }
    valid = true;
    return i.GetDistanceFrom(start);
}

bool
LeadModelHeader::operator==(const LeadModelHeader& o) const
{
    return valid == o.valid && version == o.version && base == o.base && delta == o.delta &&
           total == o.total && offset == o.offset && data == o.data;
}

} // namespace lead
} // namespace ns3
