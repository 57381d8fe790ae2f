/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_MEMBERSHIP_VIEW_H
#define LEAD_MEMBERSHIP_VIEW_H

#include "lead-vnode-ref.h"

#include "ns3/nstime.h"

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief A node's view of the whole ring for one-hop routing (attribute OneHop): every vnode
 * it has heard of, alive or dead, with the time of the newest event about it.
 *
 * Events are ordered by their stamp, the simulated time they were made: a newer event about
 * a vnode replaces an older one, so a dead vnode's tombstone keeps an old "alive" from coming
 * back, and a vnode wrongly declared dead revives itself with a newer "alive" (a deployment
 * would order by incarnation numbers; the simulator's clock is global). The owner of a ring
 * position is the first live vnode at or after it, as on the ring.
 *
 * Simulator-free: times are passed in.
 */
class LeadMembershipView
{
  public:
    /// What is known of one vnode.
    struct Event
    {
        VnodeRef ref;     //!< the vnode
        bool alive{true}; //!< joined (true) or failed or left (false)
        Time stamp;       //!< when the event was made

        /**
         * @brief Field-wise equality.
         * @param o the other event
         * @return true if equal
         */
        bool operator==(const Event& o) const
        {
            return ref == o.ref && alive == o.alive && stamp == o.stamp;
        }
    };

    /**
     * @brief Learn an event.
     * @param e the event
     * @return true if it is newer than what was known of its vnode (the view took it)
     */
    bool Apply(const Event& e);

    /**
     * @brief What is known of a vnode.
     * @param id the vnode id
     * @return its newest event, if any
     */
    std::optional<Event> Find(uint64_t id) const;

    /**
     * @brief The owner of a ring position: the first live vnode at or after it.
     * @param position ring position
     * @return the vnode, or nullopt if none is alive
     */
    std::optional<VnodeRef> OwnerOf(uint64_t position) const;

    /**
     * @brief The live vnodes whose arcs cover the ring positions [from, to] (clockwise from
     * `from`), in ring order: the owner of `from`, its successors, up to the owner of `to`.
     * @param from first position
     * @param to last position
     * @param most longest list wanted
     * @return the vnodes, or an empty list if none is alive or more than `most` are needed
     */
    std::vector<VnodeRef> OwnersOf(uint64_t from, uint64_t to, size_t most) const;

    /**
     * @brief The live vnodes, in ring order.
     * @return the vnodes
     */
    std::vector<VnodeRef> GetLive() const;

    /**
     * @brief The distinct addresses of the live vnodes' nodes, ascending.
     * @return the addresses
     */
    std::vector<uint32_t> GetLiveHosts() const;

    /**
     * @brief Number of distinct nodes with a live vnode.
     * @return the count
     */
    size_t GetLiveHostCount() const;

    /**
     * @brief Every event known (live vnodes and tombstones), in id order.
     * @return the events
     */
    std::vector<Event> GetEvents() const;

    /**
     * @brief Number of live vnodes.
     * @return the count
     */
    size_t GetLiveCount() const;

    /**
     * @brief A digest of the live set: equal sets give equal digests whatever the order of
     * events that built them (a sum of mixed vnode refs).
     * @return the digest (0 for an empty set)
     */
    uint64_t GetDigest() const;

    /**
     * @brief Forget the tombstones stamped before a time.
     * @param before the time
     * @return tombstones forgotten
     */
    uint32_t ForgetTombstones(Time before);

  private:
    /**
     * @brief The digest term of a vnode.
     * @param ref the vnode
     * @return a 64-bit mix of its id, address and index
     */
    static uint64_t Mix(const VnodeRef& ref);

    std::map<uint64_t, Event> m_events;        //!< vnode id -> newest event
    size_t m_live{0};                          //!< live vnodes
    std::map<uint32_t, uint32_t> m_hostVnodes; //!< node address -> its live vnodes
    uint64_t m_digest{0};                      //!< sum of Mix over the live vnodes
};

} // namespace lead
} // namespace ns3

#endif // LEAD_MEMBERSHIP_VIEW_H
