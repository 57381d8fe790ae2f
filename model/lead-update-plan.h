/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_UPDATE_PLAN_H
#define LEAD_UPDATE_PLAN_H

#include "lead-leaf-aggregator.h"
#include "learned-hash-model.h"

#include "ns3/ptr.h"

#include <cstdint>
#include <map>
#include <vector>

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief One round of the collaborative model update, as the transient coordinator plans it
 * (lead-spec.md 8, with this module's design of the refit). Simulator-free.
 *
 * 1. Every participant (the coordinator's predecessor, itself and its successors) reports its
 *    arc and, per leaf, how many of its keys the leaf serves and their smallest and largest key
 *    (CountLeaves).
 * 2. The plan keeps the longest chain of consecutive arcs through the coordinator that does not
 *    wrap past ring position 0. The leaves strictly between the chain's first and last leaf hold
 *    keys of the chain only (the hash is monotone); they share the rank span between the last
 *    rank of the first leaf and the first rank of the last. The plan gives every key in that
 *    span an equal share of it, in key order: each participant is assigned, per interior leaf, a
 *    rank interval in proportion to its keys there.
 * 3. Each participant refits its pieces on its own keys, spread evenly over its assigned
 *    intervals (FitPiece), and sends the leaf parameters back.
 * 4. The coordinator checks each contribution against what it assigned (optional), combines the
 *    contributions per leaf with a LeadLeafAggregator and builds the next version.
 * Ring positions outside the chain's interior span do not change, so keys move only between
 * the chain's vnodes, and the interior's keys end up spread over its arcs in proportion to arc
 * length.
 */
class LeadUpdatePlan
{
  public:
    /// A participant's keys in one leaf.
    struct LeafCount
    {
        uint32_t leaf{0};   //!< leaf index
        uint64_t keys{0};   //!< keys of the participant the leaf serves
        uint64_t minKey{0}; //!< smallest of them
        uint64_t maxKey{0}; //!< largest of them
    };

    /// A participant's assigned rank interval in one leaf.
    struct Assignment
    {
        uint32_t leaf{0};   //!< leaf index
        double rankLo{0.0}; //!< first rank of the participant's keys in the leaf
        double rankHi{0.0}; //!< end of their rank interval
    };

    /// A participant's answer to the first phase.
    struct Report
    {
        uint64_t id{0};                //!< vnode id (end of its arc)
        uint64_t arcStart{0};          //!< its predecessor's id (exclusive start of its arc)
        std::vector<LeafCount> leaves; //!< per leaf, in leaf order
    };

    /**
     * @brief Per-leaf counts of a vnode's keys.
     * @param model the model in use
     * @param sortedKeys the vnode's primary keys, ascending
     * @return one entry per leaf that serves at least one key, in leaf order
     */
    static std::vector<LeafCount> CountLeaves(const LearnedHashModel& model,
                                              const std::vector<uint64_t>& sortedKeys);

    /**
     * @brief Least-squares line of one leaf piece: the keys spread evenly over [rankLo,
     * rankHi] (the k-th of n at rankLo + (k + 0.5)/n x width), in the leaf's own coordinate.
     * @param model the model in use (for the leaf's origin)
     * @param leaf the leaf
     * @param keys the participant's keys in the leaf, ascending (may be empty)
     * @param rankLo assigned interval start
     * @param rankHi assigned interval end
     * @return the parameters (rank interval = the assignment, keys = their count)
     */
    static LeafParams FitPiece(const LearnedHashModel& model,
                               uint32_t leaf,
                               const std::vector<uint64_t>& keys,
                               double rankLo,
                               double rankHi);

    /**
     * @brief A plan for a round.
     * @param model the coordinator's model (trained, with leaves)
     * @param coordinator the coordinator's vnode id
     */
    LeadUpdatePlan(Ptr<const LearnedHashModel> model, uint64_t coordinator);

    /**
     * @brief Add a participant's report (the coordinator's own too).
     * @param report the report
     */
    void AddReport(const Report& report);

    /**
     * @brief Build the chain and the assignments.
     * @return false if there is nothing to refit (no chain of two, or no interior keys)
     */
    bool Plan();

    /**
     * @brief Participants in the chain, in ring order (after Plan).
     * @return vnode ids
     */
    const std::vector<uint64_t>& GetChain() const;

    /**
     * @brief A participant's assignments (after Plan).
     * @param id the participant
     * @return per interior leaf where it has keys, in leaf order (empty if none)
     */
    std::vector<Assignment> GetAssignments(uint64_t id) const;

    /**
     * @brief Number of interior leaves (after Plan).
     * @return the count
     */
    uint32_t GetInteriorLeaves() const;

    /**
     * @brief Keys in the interior (after Plan).
     * @return the count
     */
    uint64_t GetInteriorKeys() const;

    /**
     * @brief Add a participant's refitted piece of a leaf.
     *
     * With validation, the piece's rank interval and key count become those the coordinator
     * assigned and counted, and a line that maps the participant's reported keys outside its
     * assignment by more than the assignment's width (or is not finite) is replaced by the
     * straight line through the ends of the assignment. Without validation the piece is used as
     * sent (on the leaf's own origin: replies do not carry one). A piece for a leaf the participant
     * was not assigned is ignored.
     * @param id the participant
     * @param leaf the leaf
     * @param params its parameters
     * @param validate check it
     * @return false if it was replaced or ignored
     */
    bool AddPiece(uint64_t id, uint32_t leaf, const LeafParams& params, bool validate);

    /**
     * @brief Pieces not received (a participant fell silent): the straight line through the
     * ends of each missing assignment, and flat leaves where no participant has keys.
     * @return pieces filled in
     */
    uint32_t FillMissing();

    /**
     * @brief The next version of the model.
     * @param method how pieces of one leaf are combined
     * @param version its version
     * @return the model
     */
    Ptr<LearnedHashModel> Build(LeadLeafAggregator::Method method, uint32_t version) const;

  private:
    /// A participant's assignment and what it reported for the leaf.
    struct Slot
    {
        Assignment assignment; //!< the interval
        LeafCount count;       //!< what it reported
        bool received{false};  //!< a piece arrived
    };

    /**
     * @brief The straight line through the ends of a slot's assignment.
     * @param slot the slot
     * @return the parameters
     */
    LeafParams ChordLine(const Slot& slot) const;

    /// Build m_chain from the reports.
    void BuildChain();

    Ptr<const LearnedHashModel> m_model;                   //!< the base model
    uint64_t m_coordinator;                                //!< coordinator id
    std::map<uint64_t, Report> m_reports;                  //!< by participant id
    std::vector<uint64_t> m_chain;                         //!< participants in ring order
    std::map<uint64_t, std::vector<Slot>> m_slots;         //!< per participant, in leaf order
    std::vector<std::pair<uint32_t, LeafParams>> m_pieces; //!< pieces to combine
    uint32_t m_interior{0};                                //!< interior leaves
    uint64_t m_interiorKeys{0};                            //!< keys in them
};

} // namespace lead
} // namespace ns3

#endif // LEAD_UPDATE_PLAN_H
