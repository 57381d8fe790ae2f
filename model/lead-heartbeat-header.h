/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_HEARTBEAT_HEADER_H
#define LEAD_HEARTBEAT_HEADER_H

#include "ns3/header.h"

#include <cstdint>

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief Body of HEARTBEAT (one-way, to ring neighbours; lead-spec.md 8): the sender vnode's
 * model state and load.
 *
 * @verbatim
   field    bytes  meaning
   version    4    hash model version the sender holds
   flags      1    bit 0: ready (its drift reached DriftThreshold); bit 1: a cold-node rumour
                   follows; other bits 0
   keys       8    keys the sender vnode owns
   peer keys  8    keys its physical node owns (all its vnodes; the Shadow Balancer's input)
   total     21    without the rumour
   -- with flag bit 1, the least loaded node the sender knows of (the dynamic balancer's
      gossip: overloaded nodes recruit such nodes to split their arcs) --
   address    4    its IPv4 address
   keys       8    keys it owns
   age        4    milliseconds since that node said so
   total     37
   @endverbatim
 */
class LeadHeartbeatHeader : public Header
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
    bool operator==(const LeadHeartbeatHeader& o) const;

    bool valid{true};        //!< false after a Deserialize of bad input
    uint32_t version{0};     //!< model version
    bool ready{false};       //!< ready to refine its leaves
    uint64_t keys{0};        //!< keys owned
    uint64_t peerKeys{0};    //!< keys its node owns
    bool hasCold{false};     //!< the cold-node rumour follows
    uint32_t coldAddress{0}; //!< rumour: the node's address
    uint64_t coldKeys{0};    //!< rumour: the keys it owns
    uint32_t coldAgeMs{0};   //!< rumour: its age in milliseconds
};

} // namespace lead
} // namespace ns3

#endif // LEAD_HEARTBEAT_HEADER_H
