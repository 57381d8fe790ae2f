/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_NODE_LIST_HEADER_H
#define LEAD_NODE_LIST_HEADER_H

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
 * @brief Body of the messages that carry vnodes: FIND_SUCCESSOR_REPLY (the owner first, then
 * its successors), GET_NEIGHBORS and its reply (predecessor and successor list), LEAVE (the
 * leaver's predecessor and successors).
 *
 * @verbatim
   field           bytes  meaning
   lookupId          4    FIND_SUCCESSOR_REPLY: the lookup answered
   target            8    FIND_SUCCESSOR_REPLY: the position looked up
   hops              1    FIND_SUCCESSOR_REPLY: forwarding hops of the lookup
   flags             1    bit 0: predecessor present; bit 1: predecessor wanted;
                          bit 2: iterative step answered with the owner (else next hop)
   maxSuccessors     1    GET_NEIGHBORS: successors wanted
   predecessor      14    if flagged, else zero
   count             1    number of vnodes that follow (at most 255)
   nodes        14 each
   total        30 + 14 * count
   @endverbatim
 */
class LeadNodeListHeader : public Header
{
  public:
    /// Serialised size without the node list.
    static constexpr uint32_t FIXED_SIZE{30};
    /// Longest node list.
    static constexpr uint32_t MAX_NODES{255};

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
    bool operator==(const LeadNodeListHeader& o) const;

    bool valid{true};                    //!< false after a Deserialize that ran out of bytes
    uint32_t lookupId{0};                //!< lookup answered
    uint64_t target{0};                  //!< position looked up
    uint8_t hops{0};                     //!< forwarding hops of the lookup
    bool wantPredecessor{false};         //!< GET_NEIGHBORS: send the predecessor
    bool final{false};                   //!< iterative step: nodes[0] is the owner
    uint8_t maxSuccessors{0};            //!< GET_NEIGHBORS: successors wanted
    std::optional<VnodeRef> predecessor; //!< predecessor, if known
    std::vector<VnodeRef> nodes;         //!< owner and successors, or successor list
};

} // namespace lead
} // namespace ns3

#endif // LEAD_NODE_LIST_HEADER_H
