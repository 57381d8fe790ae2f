/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-heartbeat-header.h"

namespace ns3
{
namespace lead
{

NS_OBJECT_ENSURE_REGISTERED(LeadHeartbeatHeader);

namespace
{
constexpr uint32_t SIZE{21};      //!< serialised size without the rumour
constexpr uint32_t COLD_SIZE{16}; //!< the cold-node rumour
} // namespace

TypeId
LeadHeartbeatHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::lead::LeadHeartbeatHeader")
                            .SetParent<Header>()
                            .SetGroupName("Lead")
                            .AddConstructor<LeadHeartbeatHeader>();
    return tid;
}

TypeId
LeadHeartbeatHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
LeadHeartbeatHeader::Print(std::ostream& os) const
{
    os << "(version=" << version << " ready=" << ready << " keys=" << keys
       << " peerKeys=" << peerKeys;
    if (hasCold)
    {
        os << " cold=" << coldAddress << "/" << coldKeys << "/" << coldAgeMs << "ms";
    }
    os << (valid ? "" : " INVALID") << ")";
}

uint32_t
LeadHeartbeatHeader::GetSerializedSize() const
{
    return SIZE + (hasCold ? COLD_SIZE : 0);
}

void
LeadHeartbeatHeader::Serialize(Buffer::Iterator start) const
{
    Buffer::Iterator i = start;
    i.WriteHtonU32(version);
    i.WriteU8((ready ? 1 : 0) | (hasCold ? 2 : 0));
    i.WriteHtonU64(keys);
    i.WriteHtonU64(peerKeys);
    if (hasCold)
    {
        i.WriteHtonU32(coldAddress);
        i.WriteHtonU64(coldKeys);
        i.WriteHtonU32(coldAgeMs);
    }
}

uint32_t
LeadHeartbeatHeader::Deserialize(Buffer::Iterator start)
{
    Buffer::Iterator i = start;
    valid = false;
    if (i.GetRemainingSize() < SIZE)
    {
        return i.GetDistanceFrom(start);
    }
    version = i.ReadNtohU32();
    const uint8_t flags = i.ReadU8();
    keys = i.ReadNtohU64();
    peerKeys = i.ReadNtohU64();
    ready = (flags & 1) != 0;
    hasCold = (flags & 2) != 0;
    if ((flags & ~3) != 0 || (hasCold && i.GetRemainingSize() < COLD_SIZE))
    {
        return i.GetDistanceFrom(start);
    }
    if (hasCold)
    {
        coldAddress = i.ReadNtohU32();
        coldKeys = i.ReadNtohU64();
        coldAgeMs = i.ReadNtohU32();
    }
    valid = true;
    return i.GetDistanceFrom(start);
}

bool
LeadHeartbeatHeader::operator==(const LeadHeartbeatHeader& o) const
{
    return valid == o.valid && version == o.version && ready == o.ready && keys == o.keys &&
           peerKeys == o.peerKeys && hasCold == o.hasCold && coldAddress == o.coldAddress &&
           coldKeys == o.coldKeys && coldAgeMs == o.coldAgeMs;
}

} // namespace lead
} // namespace ns3
