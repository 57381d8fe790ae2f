/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_SUCCESSOR_HINT_HEADER_H
#define LEAD_SUCCESSOR_HINT_HEADER_H

#include "lead-vnode-ref.h"

#include "ns3/header.h"

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief Body of SUCC_HINT: "this vnode might be your successor" (the concurrent-join
 * repair; the receiver adopts it only if it lies between itself and its successor).
 *
 * @verbatim
   field       bytes  meaning
   candidate    14    the vnode
   total        14
   @endverbatim
 */
class LeadSuccessorHintHeader : public Header
{
  public:
    /// Serialised size.
    static constexpr uint32_t SIZE{14};

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
    bool operator==(const LeadSuccessorHintHeader& o) const;

    bool valid{true};   //!< false after a Deserialize of bad input
    VnodeRef candidate; //!< the vnode that might be the receiver's successor
};

} // namespace lead
} // namespace ns3

#endif // LEAD_SUCCESSOR_HINT_HEADER_H
