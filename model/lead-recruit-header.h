/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_RECRUIT_HEADER_H
#define LEAD_RECRUIT_HEADER_H

#include "ns3/header.h"

#include <cstdint>

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief Body of RECRUIT (one-way, node to node; the dynamic Shadow Balancer): an overloaded
 * node asks a lightly loaded one to add a shadow vnode at a ring id it chose inside its own
 * arc, where the new vnode takes `keys` of its keys. The receiver may refuse silently.
 *
 * @verbatim
   field   bytes  meaning
   id        8    ring id of the shadow vnode to add
   keys      8    keys the new vnode would take over
   total    16
   @endverbatim
 */
class LeadRecruitHeader : public Header
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
    bool operator==(const LeadRecruitHeader& o) const;

    bool valid{true}; //!< false after a Deserialize of bad input
    uint64_t id{0};   //!< the shadow vnode's ring id
    uint64_t keys{0}; //!< keys it would take over
};

} // namespace lead
} // namespace ns3

#endif // LEAD_RECRUIT_HEADER_H
