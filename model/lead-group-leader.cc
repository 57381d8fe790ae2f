/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-group-leader.h"

#include "lead-kv-header.h"
#include "lead-range-header.h"
#include "lead-ring-id.h"
#include "lead-vnode-context.h"
#include "lead-vnode.h"

#include <algorithm>

namespace ns3
{
namespace lead
{

namespace
{
/// Width of each of `members` equal sub-arcs of an arc of length `arc` (0: the whole ring),
/// rounded up so that the sub-arcs cover the arc.
uint64_t
SubArcWidth(uint64_t arc, uint64_t members)
{
    return arc == 0 ? (UINT64_MAX / members + 1) : (arc - 1) / members + 1;
}
} // namespace

LeadGroupLeader::LeadGroupLeader(LeadVnodeContext& ctx)
    : m_ctx(ctx)
{
}

void
LeadGroupLeader::SetMembers(const std::vector<VnodeRef>& members)
{
    m_members = members;
}

bool
LeadGroupLeader::IsLeader() const
{
    return !m_members.empty();
}

uint64_t
LeadGroupLeader::GroupPredecessor(const LeadVnode& at) const
{
    if (auto pred = at.GetTable().GetPredecessor())
    {
        return pred->id;
    }
    return at.GetLastPredecessor().value_or(at.GetSelf().id);
}

size_t
LeadGroupLeader::MemberFor(const LeadVnode& at, uint64_t position) const
{
    // Offsets from the predecessor: the arc is (pred, self], split into equal sub-arcs.
    const uint64_t pred = GroupPredecessor(at);
    const uint64_t arc = at.GetSelf().id - pred; // 0: the whole ring
    const uint64_t m = m_members.size();
    const uint64_t width = SubArcWidth(arc, m);
    const uint64_t offset = position - pred;
    return static_cast<size_t>(std::min<uint64_t>(m - 1, (offset - 1) / width));
}

VnodeRef
LeadGroupLeader::GetMemberFor(const LeadVnode& at, uint64_t position) const
{
    return m_members.at(MemberFor(at, position));
}

void
LeadGroupLeader::RelayKeyRequest(LeadVnode& at,
                                 const LeadHeader& h,
                                 const LeadKvHeader& kv,
                                 uint32_t from,
                                 LeadMessageType replyType)
{
    // A group leader stores nothing itself: the member holding the key's sub-arc does, and
    // its answer goes back to the requester through the leader.
    const VnodeRef member = m_members[MemberFor(at, kv.hash)];
    Ptr<Packet> fwd = Create<Packet>(h.GetType() == LeadMessageType::PUT ? kv.size : 0);
    fwd->AddHeader(kv);
    const VnodeRef self = at.GetSelf();
    m_ctx.Call(
        self,
        member,
        h.GetType(),
        h.GetPurpose(),
        fwd,
        [this, self, h, from, replyType](const LeadHeader&, Ptr<Packet> answer) {
            m_ctx.Reply(self, h, from, replyType, answer);
        },
        [this, self, h, from, replyType, kv]() {
            LeadKvHeader out = kv;
            out.status = LeadKvHeader::REFUSED;
            out.size = 0;
            Ptr<Packet> p = Create<Packet>();
            p->AddHeader(out);
            m_ctx.Reply(self, h, from, replyType, p);
        });
}

uint16_t
LeadGroupLeader::ScanGroup(LeadVnode& at,
                           const LeadRangeHeader& scan,
                           bool walkEnds,
                           uint64_t partEnd)
{
    // The part (scan.prevId, partEnd] of this leader's arc, split along the members' sub-arcs;
    // each member gets an exact-arc scan and sends its part straight to the client, numbered
    // one after another from scan.seq.
    const uint64_t self = at.GetSelf().id;
    const uint64_t pred = GroupPredecessor(at);
    const bool inArc =
        scan.prevId != self && (scan.prevId == pred || RingId::Between(pred, scan.prevId, self));
    const uint64_t from = inArc ? scan.prevId : pred;
    const size_t first = from == pred ? 0 : MemberFor(at, from + 1);
    // A stale predecessor can put partEnd's sub-arc before from's; never report backwards.
    const size_t last = std::max(first, MemberFor(at, partEnd));
    const uint64_t width = SubArcWidth(self - pred, m_members.size());
    for (size_t j = first; j <= last; ++j)
    {
        LeadRangeHeader sub = scan;
        sub.seq = static_cast<uint16_t>(scan.seq + (j - first));
        sub.prevId = j == first ? from : pred + j * width;
        sub.endHash = j == last ? partEnd : pred + (j + 1) * width;
        sub.exactArc = true;
        sub.clientDriven = false;
        sub.moreFollow = !(walkEnds && j == last);
        // The first member's part tells the client that a leader relayed the scan.
        sub.viaLeader = j == first;
        Ptr<Packet> body = Create<Packet>();
        body->AddHeader(sub);
        m_ctx.Call(at.GetSelf(),
                   m_members[j],
                   LeadMessageType::RANGE_SCAN,
                   LeadPurpose::USER_LOOKUP,
                   body,
                   {},
                   {});
    }
    return static_cast<uint16_t>(last - first + 1);
}

} // namespace lead
} // namespace ns3
