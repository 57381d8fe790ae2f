/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_OP_TAG_H
#define LEAD_OP_TAG_H

#include "ns3/tag.h"

#include <cstdint>

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief Simulation-only metadata on a LEAD message: the operation that caused it (a lookup,
 * key operation or range query, named by the node that issued it), so that costs can be
 * counted per operation from what was actually sent.
 *
 * A byte tag on the message's bytes: it is not part of the wire format (pcap files and the
 * dissector never see it) and it survives the TCP transport's framing and segmentation.
 * Maintenance messages carry no tag.
 */
class LeadOpTag : public Tag
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    LeadOpTag() = default;

    /**
     * @brief A tag for an operation.
     * @param op the operation id
     */
    explicit LeadOpTag(uint64_t op);

    // Inherited
    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(TagBuffer i) const override;
    void Deserialize(TagBuffer i) override;
    void Print(std::ostream& os) const override;

    /**
     * @brief The operation.
     * @return its id
     */
    uint64_t GetOp() const;

  private:
    uint64_t m_op{0}; //!< operation id
};

} // namespace lead
} // namespace ns3

#endif // LEAD_OP_TAG_H
