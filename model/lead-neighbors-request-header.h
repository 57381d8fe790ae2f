/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_NEIGHBORS_REQUEST_HEADER_H
#define LEAD_NEIGHBORS_REQUEST_HEADER_H

#include "ns3/header.h"

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief Body of GET_NEIGHBORS (p2psim's GET_PREDSUCC): what the asking vnode wants to know.
 *
 * @verbatim
   field          bytes  meaning
   flags            1    bit 0: send your predecessor
   maxSuccessors    1    send at most this many successors (0: none)
   total            2
   @endverbatim
 */
class LeadNeighborsRequestHeader : public Header
{
  public:
    /// Serialised size.
    static constexpr uint32_t SIZE{2};

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
    bool operator==(const LeadNeighborsRequestHeader& o) const;

    bool valid{true};            //!< false after a Deserialize of bad input
    bool wantPredecessor{false}; //!< send the predecessor
    uint8_t maxSuccessors{0};    //!< successors wanted
};

} // namespace lead
} // namespace ns3

#endif // LEAD_NEIGHBORS_REQUEST_HEADER_H
