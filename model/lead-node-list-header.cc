/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-node-list-header.h"

#include "lead-header.h"
#include "lead-ring-id.h"

#include "ns3/abort.h"

namespace ns3
{
namespace lead
{

NS_OBJECT_ENSURE_REGISTERED(LeadNodeListHeader);

namespace
{
constexpr uint8_t FLAG_HAS_PRED{0x01};  //!< predecessor present
constexpr uint8_t FLAG_WANT_PRED{0x02}; //!< predecessor wanted
constexpr uint8_t FLAG_FINAL{0x04};     //!< iterative step reached the owner
} // namespace

TypeId
LeadNodeListHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::lead::LeadNodeListHeader")
                            .SetParent<Header>()
                            .SetGroupName("Lead")
                            .AddConstructor<LeadNodeListHeader>();
    return tid;
}

TypeId
LeadNodeListHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
LeadNodeListHeader::Print(std::ostream& os) const
{
    os << "(lookup=" << lookupId << " target=" << RingId::ToString(target)
       << " hops=" << unsigned(hops)
       << " pred=" << (predecessor ? RingId::ToString(predecessor->id) : std::string("none"))
       << " nodes=" << nodes.size() << (valid ? "" : " INVALID") << ")";
}

uint32_t
LeadNodeListHeader::GetSerializedSize() const
{
    return FIXED_SIZE + LeadHeader::VNODE_REF_SIZE * static_cast<uint32_t>(nodes.size());
}

void
LeadNodeListHeader::Serialize(Buffer::Iterator start) const
{
    NS_ABORT_MSG_IF(nodes.size() > MAX_NODES,
                    "LeadNodeListHeader: " << nodes.size() << " nodes, at most " << MAX_NODES);
    Buffer::Iterator i = start;
    i.WriteHtonU32(lookupId);
    i.WriteHtonU64(target);
    i.WriteU8(hops);
    i.WriteU8((predecessor ? FLAG_HAS_PRED : 0) | (wantPredecessor ? FLAG_WANT_PRED : 0) |
              (final ? FLAG_FINAL : 0));
    i.WriteU8(maxSuccessors);
    LeadHeader::WriteVnodeRef(i, predecessor.value_or(VnodeRef{}));
    i.WriteU8(static_cast<uint8_t>(nodes.size()));
    for (const auto& n : nodes)
    {
        LeadHeader::WriteVnodeRef(i, n);
    }
}

uint32_t
LeadNodeListHeader::Deserialize(Buffer::Iterator start)
{
    Buffer::Iterator i = start;
    nodes.clear();
    predecessor.reset();
    if (i.GetRemainingSize() < FIXED_SIZE)
    {
        valid = false;
        return 0;
    }
    lookupId = i.ReadNtohU32();
    target = i.ReadNtohU64();
    hops = i.ReadU8();
    const uint8_t flags = i.ReadU8();
    maxSuccessors = i.ReadU8();
    VnodeRef pred = LeadHeader::ReadVnodeRef(i);
    const uint8_t count = i.ReadU8();
    if ((flags & ~(FLAG_HAS_PRED | FLAG_WANT_PRED | FLAG_FINAL)) != 0 ||
        i.GetRemainingSize() < LeadHeader::VNODE_REF_SIZE * uint32_t{count})
    {
        valid = false;
        return FIXED_SIZE;
    }
    wantPredecessor = (flags & FLAG_WANT_PRED) != 0;
    final = (flags & FLAG_FINAL) != 0;
    if (flags & FLAG_HAS_PRED)
    {
        predecessor = pred;
    }
    nodes.reserve(count);
    for (uint8_t k = 0; k < count; ++k)
    {
        nodes.push_back(LeadHeader::ReadVnodeRef(i));
    }
    valid = true;
    return GetSerializedSize();
}

bool
LeadNodeListHeader::operator==(const LeadNodeListHeader& o) const
{
    return valid == o.valid && lookupId == o.lookupId && target == o.target && hops == o.hops &&
           wantPredecessor == o.wantPredecessor && final == o.final &&
           maxSuccessors == o.maxSuccessors && predecessor == o.predecessor && nodes == o.nodes;
}

} // namespace lead
} // namespace ns3
