/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_UPDATE_HEADER_H
#define LEAD_UPDATE_HEADER_H

#include "lead-update-plan.h"

#include "ns3/header.h"

#include <cstdint>
#include <utility>
#include <vector>

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief Body of UPDATE, UPDATE_REPLY and MODEL_ANNOUNCE: one round of the collaborative model
 * update (LeadUpdateService) and the announcement of its result along a tree over fingers.
 *
 * @verbatim
   field    bytes  meaning
   phase      1    1 PULL, 2 REFIT, 3 ANNOUNCE
   flags      1    bit 0: a reply; bit 1: accepted (a reply to PULL); other bits 0
   round      8    the coordinator's vnode id
   version    4    PULL: the coordinator's model version; REFIT: the version the round makes;
                   ANNOUNCE: the version announced
   word       8    PULL reply: the replier's arc start (predecessor id);
                   ANNOUNCE: end of the ring interval the receiver forwards to; else 0
   count      2    entries that follow (at most MAX_ENTRIES)
   entries         PULL reply: leaf 4, keys 8, smallest key 8, largest key 8 (28 each);
                   REFIT: leaf 4, rank interval start 8, end 8 (20 each, doubles);
                   REFIT reply: leaf 4, intercept 8, slope 8, first rank 8, last rank 8,
                   keys 8, max error 8 (52 each); none otherwise
   total   24 + entries
   @endverbatim
 */
class LeadUpdateHeader : public Header
{
  public:
    /// Round phases.
    enum Phase : uint8_t
    {
        PULL = 1,     //!< coordinator asks for keys per leaf
        REFIT = 2,    //!< coordinator assigns rank intervals; the reply has the pieces
        ANNOUNCE = 3, //!< a new version, forwarded along a tree over fingers
    };

    /// Most entries a body carries.
    static constexpr uint32_t MAX_ENTRIES{1024};

    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    // Inherited
    TypeId GetInstanceTypeId() const override;
    void Print(std::ostream& os) const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;

    /**
     * @brief Field-wise equality.
     * @param o the other header
     * @return true if equal
     */
    bool operator==(const LeadUpdateHeader& o) const;

    bool valid{true};                                    //!< false after a Deserialize of bad input
    uint8_t phase{PULL};                                 //!< Phase
    bool reply{false};                                   //!< a reply
    bool accepted{false};                                //!< PULL reply: the replier takes part
    uint64_t round{0};                                   //!< coordinator vnode id
    uint32_t version{0};                                 //!< see the table
    uint64_t word{0};                                    //!< arc start or forwarding limit
    std::vector<LeadUpdatePlan::LeafCount> counts;       //!< PULL reply
    std::vector<LeadUpdatePlan::Assignment> assignments; //!< REFIT
    std::vector<std::pair<uint32_t, LeafParams>> pieces; //!< REFIT reply

  private:
    /**
     * @brief Serialised size of one entry for this phase and direction.
     * @return bytes (0: no entries)
     */
    uint32_t EntrySize() const;

    /**
     * @brief Number of entries for this phase and direction.
     * @return the count
     */
    size_t EntryCount() const;
};

} // namespace lead
} // namespace ns3

#endif // LEAD_UPDATE_HEADER_H
