/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_LOOKUP_REPLY_HEADER_H
#define LEAD_LOOKUP_REPLY_HEADER_H

#include "lead-vnode-ref.h"

#include "ns3/header.h"

#include <vector>

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief Body of the answer to a lookup: FIND_SUCCESSOR_REPLY (sent by the vnode before the
 * owner straight to the origin of a recursive lookup) and the reply to an iterative
 * FIND_SUCCESSOR step.
 *
 * @verbatim
   field      bytes  meaning
   lookupId     4    the origin's lookup id
   target       8    the position looked up
   hops         1    forwarding hops of the lookup so far
   flags        1    bit 0: nodes[0] is the owner (always, in FIND_SUCCESSOR_REPLY); clear
                     in an iterative step: nodes[0] is the next hop to ask
   nodes    2 + 14 n the owner followed by its successors, or the next hop (LeadListCodec)
   total    16 + 14 n
   @endverbatim
 */
class LeadLookupReplyHeader : public Header
{
  public:
    /// Serialised size without the vnodes.
    static constexpr uint32_t FIXED_SIZE{16};

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
    bool operator==(const LeadLookupReplyHeader& o) const;

    bool valid{true};            //!< false after a Deserialize of bad input
    uint32_t lookupId{0};        //!< the lookup
    uint64_t target{0};          //!< the position looked up
    uint8_t hops{0};             //!< forwarding hops so far
    bool owner{true};            //!< nodes[0] is the owner (else the next hop)
    std::vector<VnodeRef> nodes; //!< owner and successors, or the next hop
};

} // namespace lead
} // namespace ns3

#endif // LEAD_LOOKUP_REPLY_HEADER_H
