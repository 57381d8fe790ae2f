/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_NEIGHBORS_HEADER_H
#define LEAD_NEIGHBORS_HEADER_H

#include "lead-vnode-ref.h"

#include "ns3/header.h"

#include <optional>
#include <vector>

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief Body of the messages that tell a vnode's neighbourhood: GET_NEIGHBORS_REPLY (the
 * answering vnode's predecessor, if asked and known, and its first successors) and LEAVE (the
 * leaving vnode's predecessor and successors, so the receivers can close the gap).
 *
 * @verbatim
   field         bytes   meaning
   flags           1     bit 0: a predecessor follows
   predecessor    14     only if flagged
   successors   2 + 14 n nearest first (LeadListCodec)
   total        3 (+ 14) + 14 n
   @endverbatim
 */
class LeadNeighborsHeader : public Header
{
  public:
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
    bool operator==(const LeadNeighborsHeader& o) const;

    bool valid{true};                    //!< false after a Deserialize of bad input
    std::optional<VnodeRef> predecessor; //!< the sender's predecessor
    std::vector<VnodeRef> successors;    //!< the sender's successors, nearest first
};

} // namespace lead
} // namespace ns3

#endif // LEAD_NEIGHBORS_HEADER_H
