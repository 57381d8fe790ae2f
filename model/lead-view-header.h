/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_VIEW_HEADER_H
#define LEAD_VIEW_HEADER_H

#include "lead-membership-view.h"

#include "ns3/header.h"

#include <cstdint>
#include <vector>

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief Body of the one-hop membership messages: VIEW_GOSSIP (one-way: recent events),
 * VIEW_SYNC (the sender's digest of its live set and its own vnodes' events) and its reply
 * (the answering node's events when the digests differ, none when they agree).
 *
 * @verbatim
   field         bytes   meaning
   digest          8     the sender's GetDigest()
   live            4     the sender's live vnodes
   events     2 + 23 n   id 8, address 4, vnode 2, flags 1 (bit 0: alive), stamp 8 (ns)
   total      14 + 23 n
   @endverbatim
 */
class LeadViewHeader : public Header
{
  public:
    /// Serialised size of one event.
    static constexpr uint32_t EVENT_SIZE{23};
    /// Serialised size without the events.
    static constexpr uint32_t FIXED_SIZE{14};

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
    bool operator==(const LeadViewHeader& o) const;

    bool valid{true};                              //!< false after a bad Deserialize
    uint64_t digest{0};                            //!< the sender's digest
    uint32_t live{0};                              //!< the sender's live vnodes
    std::vector<LeadMembershipView::Event> events; //!< events
};

} // namespace lead
} // namespace ns3

#endif // LEAD_VIEW_HEADER_H
