/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-header.h"

#include "lead-ring-id.h"

#include <sstream>

namespace ns3
{
namespace lead
{

NS_OBJECT_ENSURE_REGISTERED(LeadHeader);

namespace
{
/// Highest defined message type.
constexpr uint8_t MAX_TYPE{static_cast<uint8_t>(LeadMessageType::VIEW_SYNC)};
/// Reply flag bit.
constexpr uint8_t FLAG_REPLY{0x01};
} // namespace

std::string
LeadMessageTypeName(LeadMessageType type)
{
    switch (type)
    {
    case LeadMessageType::FIND_SUCCESSOR:
        return "FIND_SUCCESSOR";
    case LeadMessageType::FIND_SUCCESSOR_REPLY:
        return "FIND_SUCCESSOR_REPLY";
    case LeadMessageType::GET_NEIGHBORS:
        return "GET_NEIGHBORS";
    case LeadMessageType::GET_NEIGHBORS_REPLY:
        return "GET_NEIGHBORS_REPLY";
    case LeadMessageType::NOTIFY:
        return "NOTIFY";
    case LeadMessageType::NOTIFY_REPLY:
        return "NOTIFY_REPLY";
    case LeadMessageType::PING:
        return "PING";
    case LeadMessageType::PONG:
        return "PONG";
    case LeadMessageType::PUT:
        return "PUT";
    case LeadMessageType::PUT_REPLY:
        return "PUT_REPLY";
    case LeadMessageType::GET:
        return "GET";
    case LeadMessageType::GET_REPLY:
        return "GET_REPLY";
    case LeadMessageType::DELETE:
        return "DELETE";
    case LeadMessageType::DELETE_REPLY:
        return "DELETE_REPLY";
    case LeadMessageType::TRANSFER:
        return "TRANSFER";
    case LeadMessageType::TRANSFER_REPLY:
        return "TRANSFER_REPLY";
    case LeadMessageType::LEAVE:
        return "LEAVE";
    case LeadMessageType::LEAVE_REPLY:
        return "LEAVE_REPLY";
    case LeadMessageType::ALERT:
        return "ALERT";
    case LeadMessageType::ALERT_REPLY:
        return "ALERT_REPLY";
    case LeadMessageType::RANGE_SCAN:
        return "RANGE_SCAN";
    case LeadMessageType::RANGE_PART:
        return "RANGE_PART";
    case LeadMessageType::SUCC_HINT:
        return "SUCC_HINT";
    case LeadMessageType::SUCC_HINT_REPLY:
        return "SUCC_HINT_REPLY";
    case LeadMessageType::MODEL_GET:
        return "MODEL_GET";
    case LeadMessageType::MODEL_GET_REPLY:
        return "MODEL_GET_REPLY";
    case LeadMessageType::HEARTBEAT:
        return "HEARTBEAT";
    case LeadMessageType::UPDATE:
        return "UPDATE";
    case LeadMessageType::UPDATE_REPLY:
        return "UPDATE_REPLY";
    case LeadMessageType::MODEL_ANNOUNCE:
        return "MODEL_ANNOUNCE";
    case LeadMessageType::RECRUIT:
        return "RECRUIT";
    case LeadMessageType::VIEW_GOSSIP:
        return "VIEW_GOSSIP";
    case LeadMessageType::VIEW_SYNC:
        return "VIEW_SYNC";
    }
    return "UNKNOWN";
}

std::string
LeadPurposeName(LeadPurpose purpose)
{
    switch (purpose)
    {
    case LeadPurpose::USER_LOOKUP:
        return "USER_LOOKUP";
    case LeadPurpose::JOIN:
        return "JOIN";
    case LeadPurpose::STABILIZE:
        return "STABILIZE";
    case LeadPurpose::NOTIFY:
        return "NOTIFY";
    case LeadPurpose::SUCC_LIST:
        return "SUCC_LIST";
    case LeadPurpose::PRED_CHECK:
        return "PRED_CHECK";
    case LeadPurpose::FINGER:
        return "FINGER";
    case LeadPurpose::MIGRATION:
        return "MIGRATION";
    case LeadPurpose::REPLICATION:
        return "REPLICATION";
    case LeadPurpose::MISC:
        return "MISC";
    case LeadPurpose::MODEL:
        return "MODEL";
    case LeadPurpose::MEMBERSHIP:
        return "MEMBERSHIP";
    }
    return "UNKNOWN";
}

LeadHeader::LeadHeader() = default;

TypeId
LeadHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::lead::LeadHeader")
                            .SetParent<Header>()
                            .SetGroupName("Lead")
                            .AddConstructor<LeadHeader>();
    return tid;
}

TypeId
LeadHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
LeadHeader::Print(std::ostream& os) const
{
    os << "(type=" << LeadMessageTypeName(m_type) << " purpose=" << LeadPurposeName(m_purpose)
       << (IsReply() ? " reply" : "") << " rid=" << m_requestId
       << " src=" << RingId::ToString(m_srcId) << "/" << m_srcVnode
       << " dst=" << RingId::ToString(m_dstId) << "/" << m_dstVnode << " model=" << m_modelVersion
       << (m_valid ? "" : " INVALID") << ")";
}

std::string
LeadHeader::ToString() const
{
    std::ostringstream os;
    Print(os);
    return os.str();
}

uint32_t
LeadHeader::GetSerializedSize() const
{
    return SIZE;
}

void
LeadHeader::Serialize(Buffer::Iterator start) const
{
    Buffer::Iterator i = start;
    i.WriteU8(m_version);
    i.WriteU8(static_cast<uint8_t>(m_type));
    i.WriteU8(static_cast<uint8_t>(m_purpose));
    i.WriteU8(m_flags);
    i.WriteHtonU32(m_requestId);
    i.WriteHtonU64(m_srcId);
    i.WriteHtonU64(m_dstId);
    i.WriteHtonU16(m_srcVnode);
    i.WriteHtonU16(m_dstVnode);
    i.WriteHtonU32(m_modelVersion);
}

uint32_t
LeadHeader::Deserialize(Buffer::Iterator start)
{
    Buffer::Iterator i = start;
    if (i.GetRemainingSize() < SIZE)
    {
        m_valid = false;
        return 0;
    }
    m_version = i.ReadU8();
    const uint8_t type = i.ReadU8();
    const uint8_t purpose = i.ReadU8();
    m_flags = i.ReadU8();
    m_requestId = i.ReadNtohU32();
    m_srcId = i.ReadNtohU64();
    m_dstId = i.ReadNtohU64();
    m_srcVnode = i.ReadNtohU16();
    m_dstVnode = i.ReadNtohU16();
    m_modelVersion = i.ReadNtohU32();
    m_type = static_cast<LeadMessageType>(type);
    m_purpose = static_cast<LeadPurpose>(purpose);
    m_valid = m_version == PROTOCOL_VERSION && type >= 1 && type <= MAX_TYPE &&
              purpose < LEAD_PURPOSE_COUNT && (m_flags & ~FLAG_REPLY) == 0;
    return SIZE;
}

bool
LeadHeader::IsValid() const
{
    return m_valid;
}

LeadMessageType
LeadHeader::GetType() const
{
    return m_type;
}

void
LeadHeader::SetType(LeadMessageType type)
{
    m_type = type;
}

LeadPurpose
LeadHeader::GetPurpose() const
{
    return m_purpose;
}

void
LeadHeader::SetPurpose(LeadPurpose purpose)
{
    m_purpose = purpose;
}

bool
LeadHeader::IsReply() const
{
    return (m_flags & FLAG_REPLY) != 0;
}

void
LeadHeader::SetReply(bool reply)
{
    m_flags = reply ? (m_flags | FLAG_REPLY) : (m_flags & ~FLAG_REPLY);
}

uint32_t
LeadHeader::GetRequestId() const
{
    return m_requestId;
}

void
LeadHeader::SetRequestId(uint32_t id)
{
    m_requestId = id;
}

uint64_t
LeadHeader::GetSrcId() const
{
    return m_srcId;
}

void
LeadHeader::SetSrcId(uint64_t id)
{
    m_srcId = id;
}

uint64_t
LeadHeader::GetDstId() const
{
    return m_dstId;
}

void
LeadHeader::SetDstId(uint64_t id)
{
    m_dstId = id;
}

uint16_t
LeadHeader::GetSrcVnode() const
{
    return m_srcVnode;
}

void
LeadHeader::SetSrcVnode(uint16_t vnode)
{
    m_srcVnode = vnode;
}

uint16_t
LeadHeader::GetDstVnode() const
{
    return m_dstVnode;
}

void
LeadHeader::SetDstVnode(uint16_t vnode)
{
    m_dstVnode = vnode;
}

uint32_t
LeadHeader::GetModelVersion() const
{
    return m_modelVersion;
}

void
LeadHeader::SetModelVersion(uint32_t version)
{
    m_modelVersion = version;
}

bool
LeadHeader::operator==(const LeadHeader& o) const
{
    return m_valid == o.m_valid && m_version == o.m_version && m_type == o.m_type &&
           m_purpose == o.m_purpose && m_flags == o.m_flags && m_requestId == o.m_requestId &&
           m_srcId == o.m_srcId && m_dstId == o.m_dstId && m_srcVnode == o.m_srcVnode &&
           m_dstVnode == o.m_dstVnode && m_modelVersion == o.m_modelVersion;
}

} // namespace lead
} // namespace ns3
