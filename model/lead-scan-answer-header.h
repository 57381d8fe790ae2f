/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_SCAN_ANSWER_HEADER_H
#define LEAD_SCAN_ANSWER_HEADER_H

#include "lead-vnode-ref.h"

#include "ns3/header.h"

#include <vector>

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief Body of the reply to a RANGE_SCAN of a client-driven walk: whether the walk ends at
 * the answering vnode, how many keys it reported (for count-limited queries), how many part
 * numbers it used (a two-tier group leader uses one per member it asked), and its first
 * successors, where the client sends the next scan. The reply to a chain-walk scan is empty,
 * except that a scan sent from a one-hop view is refused with this body (flag refused).
 *
 * @verbatim
   field        bytes   meaning
   flags          1     bit 0: the walk ends here; bit 1: refused (a scan sent from a
                        one-hop view for an arc the vnode does not own wholly)
   keys           8     keys the vnode reported in its part
   parts          2     part numbers it used (1 for an ordinary vnode)
   successors  2 + 14 n nearest first (LeadListCodec)
   total       13 + 14 n
   @endverbatim
 */
class LeadScanAnswerHeader : public Header
{
  public:
    /// Serialised size without the successors.
    static constexpr uint32_t FIXED_SIZE{13};

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
    bool operator==(const LeadScanAnswerHeader& o) const;

    bool valid{true};                 //!< false after a Deserialize of bad input
    bool walkEnds{false};             //!< the walk ends at the answering vnode
    bool refused{false};              //!< a one-hop scan whose arc is not the vnode's
    uint64_t keys{0};                 //!< keys it reported
    uint16_t parts{1};                //!< part numbers it used
    std::vector<VnodeRef> successors; //!< where the walk continues
};

} // namespace lead
} // namespace ns3

#endif // LEAD_SCAN_ANSWER_HEADER_H
