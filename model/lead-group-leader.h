/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_GROUP_LEADER_H
#define LEAD_GROUP_LEADER_H

#include "lead-header.h"
#include "lead-vnode-ref.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace ns3
{
namespace lead
{

class LeadKvHeader;
class LeadRangeHeader;
class LeadVnode;
class LeadVnodeContext;

/**
 * @ingroup lead
 * @brief The leader's policy of the two-tier (Marques-style) baseline: the arc
 * (predecessor, self] of each of the leader's vnodes is split into equal sub-arcs, one per
 * member in the order given; a key operation reaching the leader is relayed to the member of
 * the key's sub-arc (its answer goes back through the leader), and a range scan is fanned out
 * in parallel to the members whose sub-arcs overlap it (exact-arc scans with consecutive part
 * numbers, each member answering the client directly).
 *
 * The partition is static: a change of the leader's predecessor does not move keys between
 * members. Simulator-free.
 */
class LeadGroupLeader
{
  public:
    /**
     * @brief A leader without members (inactive).
     * @param ctx the world
     */
    explicit LeadGroupLeader(LeadVnodeContext& ctx);

    /**
     * @brief The members, in sub-arc order (their vnode 0 stores the keys).
     * @param members the members (empty: the node is an ordinary ring node)
     */
    void SetMembers(const std::vector<VnodeRef>& members);

    /**
     * @brief Whether the node leads a group.
     * @return true if it has members
     */
    bool IsLeader() const;

    /**
     * @brief The member whose sub-arc holds a ring position of a vnode's arc.
     * @param at the leader's vnode
     * @param position the ring position
     * @return member index
     */
    size_t MemberFor(const LeadVnode& at, uint64_t position) const;

    /**
     * @brief The member whose sub-arc holds a ring position of a vnode's arc.
     * @param at the leader's vnode
     * @param position the position
     * @return the member
     */
    VnodeRef GetMemberFor(const LeadVnode& at, uint64_t position) const;

    /**
     * @brief Relay a key operation to the member of the key's sub-arc; its answer, or
     * REFUSED if it does not answer, goes back to the requester.
     * @param at the leader's vnode
     * @param h the request's header
     * @param kv its body
     * @param from requester address
     * @param replyType the type of the answer
     */
    void RelayKeyRequest(LeadVnode& at,
                         const LeadHeader& h,
                         const LeadKvHeader& kv,
                         uint32_t from,
                         LeadMessageType replyType);

    /**
     * @brief Fan a scan of the part (scan.prevId, partEnd] of a vnode's arc out to the members
     * whose sub-arcs it covers.
     * @param at the leader's vnode
     * @param scan the scan that reached it
     * @param walkEnds whether the walk ends at this vnode
     * @param partEnd end of the part of the arc to scan
     * @return the part numbers used (one per member asked)
     */
    uint16_t ScanGroup(LeadVnode& at, const LeadRangeHeader& scan, bool walkEnds, uint64_t partEnd);

  private:
    /**
     * @brief The predecessor that bounds a vnode's arc; the last one known while it is
     * missing, so the partition does not jump to the whole ring when a check is late.
     * @param at the vnode
     * @return the predecessor's id (self if none was ever known)
     */
    uint64_t GroupPredecessor(const LeadVnode& at) const;

    LeadVnodeContext& m_ctx;         //!< the world
    std::vector<VnodeRef> m_members; //!< members in sub-arc order
};

} // namespace lead
} // namespace ns3

#endif // LEAD_GROUP_LEADER_H
