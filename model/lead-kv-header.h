/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_KV_HEADER_H
#define LEAD_KV_HEADER_H

#include "ns3/header.h"

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief Body of PUT, GET, DELETE and their replies.
 *
 * PUT and a GET_REPLY that found the key are followed by `size` bytes of value payload.
 *
 * @verbatim
   field    bytes  meaning
   key        8    the key
   hash       8    its ring position
   size       4    value size in bytes
   tag        8    value content tag
   status     1    replies: 0 ok, 1 not found, 2 not responsible, 3 refused
   flags      1    bit 0: replica copy (PUT)
   total     30
   @endverbatim
 */
class LeadKvHeader : public Header
{
  public:
    /// Serialised size.
    static constexpr uint32_t SIZE{30};

    /// Reply status codes.
    enum Status : uint8_t
    {
        OK = 0,              //!< done
        NOT_FOUND = 1,       //!< GET/DELETE: no such key
        NOT_RESPONSIBLE = 2, //!< the receiver does not own the key (stale routing)
        REFUSED = 3,         //!< e.g. the node is leaving
        MOVED = 4,           //!< GET/DELETE under an older model: the key's position under the
                             //!< receiver's model is in `hash` (ask there)
    };

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
    bool operator==(const LeadKvHeader& o) const;

    bool valid{true};    //!< false after a bad Deserialize
    uint64_t key{0};     //!< the key
    uint64_t hash{0};    //!< ring position
    uint32_t size{0};    //!< value size
    uint64_t tag{0};     //!< value content tag
    uint8_t status{OK};  //!< reply status
    bool replica{false}; //!< replica copy
};

} // namespace lead
} // namespace ns3

#endif // LEAD_KV_HEADER_H
