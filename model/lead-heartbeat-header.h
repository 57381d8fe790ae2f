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
   flags      1    bit 0: ready (its drift reached DriftThreshold); other bits 0
   keys       8    keys the sender vnode owns
   peer keys  8    keys its physical node owns (all its vnodes; the Shadow Balancer's input)
   total     21
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

    bool valid{true};     //!< false after a Deserialize of bad input
    uint32_t version{0};  //!< model version
    bool ready{false};    //!< ready to refine its leaves
    uint64_t keys{0};     //!< keys owned
    uint64_t peerKeys{0}; //!< keys its node owns
};

} // namespace lead
} // namespace ns3

#endif // LEAD_HEARTBEAT_HEADER_H
