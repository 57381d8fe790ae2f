/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_ALERT_HEADER_H
#define LEAD_ALERT_HEADER_H

#include "lead-vnode-ref.h"

#include "ns3/header.h"

#include <vector>

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief Body of ALERT: "these vnodes did not answer me" (lead-spec.md 4.5); the receiver
 * checks each suspect itself and forgets it if it is silent too.
 *
 * @verbatim
   field       bytes   meaning
   suspects  2 + 14 n  the vnodes (LeadListCodec)
   total     2 + 14 n
   @endverbatim
 */
class LeadAlertHeader : public Header
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
    bool operator==(const LeadAlertHeader& o) const;

    bool valid{true};               //!< false after a Deserialize of bad input
    std::vector<VnodeRef> suspects; //!< vnodes that did not answer
};

} // namespace lead
} // namespace ns3

#endif // LEAD_ALERT_HEADER_H
