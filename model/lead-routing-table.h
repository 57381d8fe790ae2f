/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_ROUTING_TABLE_H
#define LEAD_ROUTING_TABLE_H

#include "lead-vnode-ref.h"

#include "ns3/nstime.h"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <vector>

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief Chord routing state of one virtual node: successor list, predecessor, fingers.
 *
 * Simulator-free: the time of an event is passed in by the caller. The table never talks to
 * the network; the protocol decides what to ask whom and feeds the answers in.
 *
 * Fingers use base b (lead-spec.md section 4.3): for level i = 1, 2, ... the slot width is
 * lap_i = (2^64 - 1) / b^i, and for digit j = b-1 ... 1 the slot covers
 * [self + j * lap_i, self + j * lap_i + lap_i). Slots whose start lies inside the arc already
 * covered by the successor list are not kept.
 */
class LeadRoutingTable
{
  public:
    /// Result of a routing decision for a key.
    struct NextHop
    {
        bool valid{false}; //!< false if the table knows no other node at all
        bool owner{false}; //!< true if `node` owns the key (the key is in (self, successor])
        VnodeRef node;     //!< owner, or the next hop towards it
    };

    /// One finger slot.
    struct FingerSlot
    {
        uint64_t start{0}; //!< first id of the slot (the finger target)
        uint64_t width{0}; //!< number of ids in the slot
    };

    /**
     * @brief Create the table of a vnode that knows nobody yet.
     * @param self the vnode
     * @param successorListSize r, the successor-list length (>= 1)
     * @param fingerBase b, the finger base (>= 2)
     */
    LeadRoutingTable(const VnodeRef& self, uint32_t successorListSize, uint32_t fingerBase);

    /**
     * @brief The vnode this table belongs to.
     * @return self
     */
    const VnodeRef& GetSelf() const;

    /**
     * @brief Become a ring of one: self is its own successor.
     */
    void CreateRing();

    /**
     * @brief Whether a successor is known (self counts when the ring has one node).
     * @return true if routing is possible
     */
    bool HasSuccessor() const;

    /**
     * @brief The first successor.
     * @return successor (self in a one-node ring); undefined if HasSuccessor() is false
     */
    const VnodeRef& GetSuccessor() const;

    /**
     * @brief The successor list, nearest first.
     * @return up to r vnodes
     */
    std::vector<VnodeRef> GetSuccessors() const;

    /**
     * @brief Replace the successor list by `first` followed by the list it reported.
     *
     * Self and duplicates are dropped, the rest sorted clockwise from self and cut to r.
     * @param first the successor that answered
     * @param itsSuccessors its successor list
     * @param now time of the answer
     */
    void MergeSuccessorList(const VnodeRef& first,
                            const std::vector<VnodeRef>& itsSuccessors,
                            Time now);

    /**
     * @brief Learn of a vnode; it becomes a successor if it is closer than one of the r known.
     * @param ref the vnode
     * @param now time it was heard from
     * @return true if the successor list changed
     */
    bool AddSuccessorCandidate(const VnodeRef& ref, Time now);

    /**
     * @brief The predecessor, if known.
     * @return the predecessor
     */
    std::optional<VnodeRef> GetPredecessor() const;

    /**
     * @brief Adopt `ref` as predecessor if none is known or it lies in (predecessor, self).
     * @param ref candidate
     * @param now time it was heard from
     * @return true if the predecessor changed
     */
    bool ConsiderPredecessor(const VnodeRef& ref, Time now);

    /**
     * @brief Finger slots that the successor list does not cover, farthest first.
     * @return the slots
     */
    std::vector<FingerSlot> GetFingerSlots() const;

    /**
     * @brief The current slot that starts at `slotStart`.
     * @param slotStart start of the slot
     * @return the slot, if it exists
     */
    std::optional<FingerSlot> FindSlot(uint64_t slotStart) const;

    /**
     * @brief Record `ref` as the finger of the slot that starts at `slotStart`.
     *
     * Ignored unless ref lies in that slot; a node closer to the slot start replaces the
     * current finger.
     * @param slotStart start of the slot
     * @param ref the first vnode found at or after the start
     * @param now time of the answer
     * @return true if recorded
     */
    bool SetFinger(uint64_t slotStart, const VnodeRef& ref, Time now);

    /// Measured round trip to a physical node by its address (zero: not measured).
    using RttOf = std::function<Time(uint32_t address)>;

    /**
     * @brief Proximity neighbour selection (Gummadi et al., SIGCOMM 2003; Dabek et al., NSDI
     * 2004): offer `ref` for the slot that starts at `slotStart`. Ignored unless ref lies in
     * that slot; it becomes the finger if the slot has none, or if its round trip is measured
     * and lower than the current finger's (a vnode on self's host counts as zero, an
     * unmeasured current finger as worse than any measured one). Any vnode of the slot is a
     * correct finger: the slot's width bounds the distance left, so lookups still take
     * O(log n) hops.
     * @param slotStart start of the slot
     * @param ref a vnode found in the slot
     * @param now time of the answer
     * @param rttOf the measured round trips
     * @return true if ref is the slot's finger now
     */
    bool OfferFinger(uint64_t slotStart, const VnodeRef& ref, Time now, const RttOf& rttOf);

    /**
     * @brief Drop the fingers of slots that no longer exist: when the successor list spans
     * farther, its nearer slots fall inside it, and their fingers would otherwise stay in the
     * table unchecked (finger fixing visits only current slots).
     * @return fingers dropped
     */
    uint32_t PruneFingers();

    /**
     * @brief The finger of a slot.
     * @param slotStart start of the slot
     * @return the finger, if any
     */
    std::optional<VnodeRef> GetFinger(uint64_t slotStart) const;

    /**
     * @brief Time `id` was last heard from (successor, predecessor or finger).
     * @param id the vnode id
     * @return the time, or nullopt if the table does not hold it
     */
    std::optional<Time> GetLastHeard(uint64_t id) const;

    /**
     * @brief Record that `id` answered at `now`.
     * @param id the vnode id
     * @param now the time
     */
    void Heard(uint64_t id, Time now);

    /**
     * @brief Forget a vnode everywhere (it failed or left).
     * @param id the vnode id
     * @return true if it was known
     */
    bool Remove(uint64_t id);

    /**
     * @brief Mark a vnode that failed to answer as suspected for a while: successor lists
     * reported by others leave it out (MergeSuccessorList), and the stabiliser checks it
     * directly before adopting it as a closer successor; hearing from it (Heard) ends the
     * suspicion. Stops a dead successor from being handed back by a neighbour that has not
     * noticed yet.
     * @param id the vnode id
     * @param now the time
     * @param duration how long the suspicion lasts
     */
    void Suspect(uint64_t id, Time now, Time duration);

    /**
     * @brief Whether a vnode is suspected.
     * @param id the vnode id
     * @param now the time
     * @return true until the suspicion ends or the vnode is heard from
     */
    bool IsSuspected(uint64_t id, Time now) const;

    /**
     * @brief The known vnode that most closely precedes a key: the farthest successor,
     * finger or predecessor strictly between self and the key.
     * @param key ring position
     * @param avoidHosts physical nodes (addresses) to leave out: every vnode they run
     * @return the vnode, or nullopt if none precedes the key
     */
    std::optional<VnodeRef> ClosestPreceding(uint64_t key,
                                             const std::vector<uint32_t>& avoidHosts = {}) const;

    /**
     * @brief Proximity route selection (Dabek et al., NSDI 2004): among the known vnodes
     * strictly between self and the key, the one with the least expected latency to the key:
     * its round trip plus the hops still to go from it, ((b-1)/b) log_b(1 + d / s) for the id
     * distance d it leaves and the mean id spacing s of the successor list, times the mean
     * round trip of the candidates. Vnodes on self's host cost no round trip; unmeasured ones
     * are taken at the mean. Without any measurement, or with fewer than two successors to
     * estimate the spacing, this is ClosestPreceding.
     * @param key ring position
     * @param avoidHosts physical nodes (addresses) to leave out
     * @param rttOf the measured round trips
     * @return the vnode, or nullopt if none precedes the key
     */
    std::optional<VnodeRef> ClosestPrecedingByLatency(uint64_t key,
                                                      const std::vector<uint32_t>& avoidHosts,
                                                      const RttOf& rttOf) const;

    /**
     * @brief Routing decision for a key (Chord's find_successor step).
     * @param key ring position
     * @param avoidHosts physical nodes (addresses) that did not answer this lookup: none of
     * their vnodes is chosen, and the first successor on another host stands in for the
     * successor (the vnodes of one host fail together, so after one silent vnode the others
     * would cost a timeout each)
     * @param rttOf measured round trips: if set, the next hop is chosen by
     * ClosestPrecedingByLatency (proximity route selection), else by ClosestPreceding
     * @return the owner if key is in (self, successor], else the chosen preceding node
     * (or the successor when no other node precedes the key)
     */
    NextHop FindNextHop(uint64_t key,
                        const std::vector<uint32_t>& avoidHosts = {},
                        const RttOf& rttOf = nullptr) const;

    /**
     * @brief Whether self owns a ring position: it lies in (predecessor, self].
     * @param key ring position
     * @return false if the predecessor is unknown (except in a one-node ring)
     */
    bool Owns(uint64_t key) const;

    /**
     * @brief Every distinct vnode the table holds, self excluded.
     * @return the vnodes
     */
    std::vector<VnodeRef> GetKnownNodes() const;

    /**
     * @brief Successor-list length r.
     * @return r
     */
    uint32_t GetSuccessorListSize() const;

  private:
    /**
     * @brief Whether a vnode may be the finger of a current slot: another vnode inside it.
     * @param slotStart start of the slot
     * @param ref the vnode
     * @return true if it lies in the slot
     */
    bool FitsSlot(uint64_t slotStart, const VnodeRef& ref) const;

    /// A vnode and when it was last heard from.
    struct Entry
    {
        VnodeRef ref; //!< the vnode
        Time heard;   //!< last answer
    };

    /**
     * @brief Clockwise distance from self.
     * @param id ring position
     * @return distance
     */
    uint64_t Dist(uint64_t id) const;

    /**
     * @brief Call fn with every vnode the table holds: successors, predecessor, fingers (one
     * vnode may come more than once).
     * @param fn the callback, void(const VnodeRef&)
     */
    template <typename F>
    void ForEachEntry(F fn) const
    {
        for (const auto& e : m_successors)
        {
            fn(e.ref);
        }
        if (m_predecessor)
        {
            fn(m_predecessor->ref);
        }
        for (const auto& kv : m_fingers)
        {
            fn(kv.second.ref);
        }
    }

    /**
     * @brief Whether a vnode is a candidate next hop for a key: strictly between self and the
     * key, on a host not avoided.
     * @param ref the vnode
     * @param key ring position
     * @param avoidHosts hosts to leave out
     * @return true if it makes progress and is not avoided
     */
    bool Progresses(const VnodeRef& ref,
                    uint64_t key,
                    const std::vector<uint32_t>& avoidHosts) const;

    VnodeRef m_self;                     //!< the vnode
    uint32_t m_r;                        //!< successor-list length
    uint32_t m_base;                     //!< finger base
    bool m_alone{false};                 //!< one-node ring: self is its own successor
    std::vector<Entry> m_successors;     //!< nearest first, self excluded
    std::optional<Entry> m_predecessor;  //!< predecessor
    std::map<uint64_t, Entry> m_fingers; //!< slot start -> finger
    std::map<uint64_t, Time> m_suspects; //!< vnode id -> end of its suspicion
};

} // namespace lead
} // namespace ns3

#endif // LEAD_ROUTING_TABLE_H
