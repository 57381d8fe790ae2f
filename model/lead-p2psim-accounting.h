/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_P2PSIM_ACCOUNTING_H
#define LEAD_P2PSIM_ACCOUNTING_H

#include "ns3/packet.h"
#include "ns3/ptr.h"

#include <cstdint>

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief p2psim's byte accounting of a LEAD message, so that maintenance figures can be set
 * beside published p2psim results (lead-spec.md 4.9): 20 bytes per message plus 4 per node
 * identifier carried.
 *
 * The identifiers are counted in the message itself: the vnode references of a body (lookup
 * origin, owner and successors, predecessor and successor lists, hint candidates, alert
 * suspects, leave notices) and the ring position of a lookup (p2psim charges a lookup's key
 * as one identifier). Messages that carry keys and values (TRANSFER, PUT, GET, range scans)
 * are charged 20 bytes: p2psim does not account data.
 *
 * Simulator-free.
 */
class LeadP2psimAccounting
{
  public:
    /// Bytes p2psim charges per message.
    static constexpr uint32_t MESSAGE_BYTES{20};
    /// Bytes p2psim charges per identifier carried.
    static constexpr uint32_t ID_BYTES{4};

    /**
     * @brief Node identifiers carried by a message.
     * @param packet the whole message (LEAD header and body), as the transport sends it
     * @return the count (0 for a message that cannot be decoded)
     */
    static uint32_t CountIds(Ptr<const Packet> packet);

    /**
     * @brief p2psim's bytes for a message: 20 + 4 x CountIds.
     * @param packet the whole message
     * @return the bytes
     */
    static uint32_t Bytes(Ptr<const Packet> packet);
};

} // namespace lead
} // namespace ns3

#endif // LEAD_P2PSIM_ACCOUNTING_H
