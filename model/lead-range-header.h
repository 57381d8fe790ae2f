/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_RANGE_HEADER_H
#define LEAD_RANGE_HEADER_H

#include "lead-vnode-ref.h"

#include "ns3/header.h"

#include <vector>

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief Body of RANGE_SCAN: "send the client your keys in [startKey, endKey], then pass the
 * scan on to your successor unless you own endHash or the count is reached".
 *
 * @verbatim
   field       bytes  meaning
   queryId       4    client's query id
   startKey      8    first key of the range
   endKey        8    last key of the range
   endHash       8    ring position of endKey (the walk stops at its owner)
   remaining     8    keys still wanted (0: no limit)
   client       14    vnode that issued the query (parts go straight to it)
   seq           2    position of the receiving vnode in the walk (0: the start owner)
   prevId        8    the arc (prevId, receiver] is the receiver's part of the walk
   flags         1    bit 0: client-driven walk (the receiver answers the scan with its
                      successors instead of passing the scan on); bit 1: exact arc (report
                      only keys whose ring position lies on (prevId, endHash], do not walk);
                      bit 2: with bit 1, more parts follow from other vnodes (a group
                      member's part of a two-tier walk), so the part is not the last;
                      bit 3: a group leader relayed this scan (two-tier walk);
                      bit 4: fan-out walk (the receiver sends the scan at once to every
                      successor it knows whose arc the range covers, as exact arcs, the last
                      one known continuing the walk);
                      bit 5: sent from a one-hop view: with bit 1, the receiver refuses the
                      scan unless it owns all of (prevId, receiver] (a stale view)
   total        61
   @endverbatim
 */
class LeadRangeHeader : public Header
{
  public:
    /// Serialised size.
    static constexpr uint32_t SIZE{61};

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
    bool operator==(const LeadRangeHeader& o) const;

    bool valid{true};         //!< false after a bad Deserialize
    uint32_t queryId{0};      //!< client's query id
    uint64_t startKey{0};     //!< first key
    uint64_t endKey{0};       //!< last key
    uint64_t endHash{0};      //!< ring position of endKey
    uint64_t remaining{0};    //!< keys still wanted (0: no limit)
    VnodeRef client;          //!< query origin
    uint16_t seq{0};          //!< position in the walk
    uint64_t prevId{0};       //!< ring id before the receiver's part of the walk
    bool clientDriven{false}; //!< the client drives the walk
    bool exactArc{false};     //!< one vnode, keys on (prevId, endHash] only
    bool moreFollow{false};   //!< exact arc: other parts follow this one
    bool viaLeader{false};    //!< a group leader relayed this scan
    bool fanOut{false};       //!< fan-out walk
    bool checkOwner{false};   //!< from a one-hop view: refuse unless the arc is the receiver's
};

/**
 * @ingroup lead
 * @brief Body of RANGE_PART: one vnode's part of a range answer, sent straight to the client,
 * followed by the values' payload bytes.
 *
 * @verbatim
   field       bytes  meaning
   queryId       4    the query
   seq           2    position of the sender in the walk
   chunk         2    index of this message among the sender's messages
   flags         1    bit 0: the walk ends at the sender; bit 1: the sender's last message;
                      bit 2: a group leader passed the scan to the sender (two-tier walk)
   items   2 + 20 n   key 8, size 4, tag 8 each (LeadListCodec)
   total   11 + 20 n
   @endverbatim
 */
class LeadRangePartHeader : public Header
{
  public:
    /// Serialised size without the items.
    static constexpr uint32_t FIXED_SIZE{11};
    /// Serialised size of one item.
    static constexpr uint32_t ITEM_SIZE{20};

    /// One key of the answer.
    struct Item
    {
        uint64_t key{0};  //!< the key
        uint32_t size{0}; //!< value size
        uint64_t tag{0};  //!< value tag

        /**
         * @brief Field-wise equality.
         * @param o the other item
         * @return true if equal
         */
        bool operator==(const Item& o) const
        {
            return key == o.key && size == o.size && tag == o.tag;
        }
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
    bool operator==(const LeadRangePartHeader& o) const;

    /**
     * @brief Sum of the item value sizes (the payload that follows).
     * @return bytes
     */
    uint64_t GetPayloadBytes() const;

    bool valid{true};        //!< false after a bad Deserialize
    uint32_t queryId{0};     //!< the query
    uint16_t seq{0};         //!< position of the sender in the walk
    uint16_t chunk{0};       //!< index among the sender's messages
    bool last{false};        //!< the walk ends at the sender
    bool lastChunk{true};    //!< the sender's last message
    bool viaLeader{false};   //!< a group leader relayed the scan to the sender
    std::vector<Item> items; //!< the keys
};

} // namespace lead
} // namespace ns3

#endif // LEAD_RANGE_HEADER_H
