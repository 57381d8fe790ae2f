/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_TRANSFER_HEADER_H
#define LEAD_TRANSFER_HEADER_H

#include "lead-key-store.h"

#include "ns3/header.h"

#include <vector>

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief Body of TRANSFER: a batch of keys handed over on join or leave, or copied to a
 * replica, or (pull flag, no keys) a joined vnode's request to its successor for the keys it
 * holds of the arc. Followed by the values' payload bytes (the sum of the sizes).
 *
 * @verbatim
   field      bytes  meaning
   arcLo        8    the keys belong to the arc (arcLo, arcHi]
   arcHi        8
   flags        1    bit 0: replica copies; bit 1: last batch of the hand-off;
                     bit 2: pull request (no items): send me your keys of the arc
   items   2 + 28 n  key 8, hash 8, size 4, tag 8 each (LeadListCodec)
   total   19 + 28 n
   @endverbatim
 */
class LeadTransferHeader : public Header
{
  public:
    /// Serialised size without the items.
    static constexpr uint32_t FIXED_SIZE{19};
    /// Serialised size of one item.
    static constexpr uint32_t ITEM_SIZE{28};

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
    bool operator==(const LeadTransferHeader& o) const;

    /**
     * @brief Sum of the item value sizes (the payload that follows).
     * @return bytes
     */
    uint64_t GetPayloadBytes() const;

    bool valid{true};                      //!< false after a bad Deserialize
    uint64_t arcLo{0};                     //!< arc start (excluded)
    uint64_t arcHi{0};                     //!< arc end (included)
    bool replica{false};                   //!< replica copies
    bool last{true};                       //!< last batch of the hand-off
    bool pull{false};                      //!< a request for the keys of the arc
    std::vector<LeadKeyStore::Item> items; //!< the keys
};

} // namespace lead
} // namespace ns3

#endif // LEAD_TRANSFER_HEADER_H
