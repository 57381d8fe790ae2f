/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_LOOKUP_HEADER_H
#define LEAD_LOOKUP_HEADER_H

#include "lead-vnode-ref.h"

#include "ns3/header.h"

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief Body of FIND_SUCCESSOR: a lookup routed hop by hop towards the owner of a target.
 *
 * @verbatim
   field      bytes  meaning
   target       8    ring position looked up
   lookupId     4    id chosen by the origin, echoed in FIND_SUCCESSOR_REPLY
   origin      14    vnode that started the lookup (the reply goes straight to it)
   hops         1    forwarding hops so far
   wanted       1    successors wanted in the reply (m)
   iterative    1    1: answer the origin with the next hop instead of forwarding
   total       29
   @endverbatim
 */
class LeadLookupHeader : public Header
{
  public:
    /// Serialised size.
    static constexpr uint32_t SIZE{29};

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
    bool operator==(const LeadLookupHeader& o) const;

    bool valid{true};      //!< false after a Deserialize that ran out of bytes
    uint64_t target{0};    //!< ring position looked up
    uint32_t lookupId{0};  //!< origin's lookup id
    VnodeRef origin;       //!< vnode that started the lookup
    uint8_t hops{0};       //!< forwarding hops so far
    uint8_t wanted{1};     //!< successors wanted in the reply
    bool iterative{false}; //!< iterative lookup step (reply with the next hop)
};

} // namespace lead
} // namespace ns3

#endif // LEAD_LOOKUP_HEADER_H
