/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-op-tag.h"

#include <ostream>

namespace ns3
{
namespace lead
{

NS_OBJECT_ENSURE_REGISTERED(LeadOpTag);

LeadOpTag::LeadOpTag(uint64_t op)
    : m_op(op)
{
}

TypeId
LeadOpTag::GetTypeId()
{
    static TypeId tid = TypeId("ns3::lead::LeadOpTag")
                            .SetParent<Tag>()
                            .SetGroupName("Lead")
                            .AddConstructor<LeadOpTag>();
    return tid;
}

TypeId
LeadOpTag::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
LeadOpTag::GetSerializedSize() const
{
    return 8;
}

void
LeadOpTag::Serialize(TagBuffer i) const
{
    i.WriteU64(m_op);
}

void
LeadOpTag::Deserialize(TagBuffer i)
{
    m_op = i.ReadU64();
}

void
LeadOpTag::Print(std::ostream& os) const
{
    os << "op=" << (m_op >> 32) << ":" << (m_op & 0xffffffffU);
}

uint64_t
LeadOpTag::GetOp() const
{
    return m_op;
}

} // namespace lead
} // namespace ns3
