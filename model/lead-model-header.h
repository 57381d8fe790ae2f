/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_MODEL_HEADER_H
#define LEAD_MODEL_HEADER_H

#include "ns3/header.h"

#include <cstdint>
#include <vector>

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief Body of MODEL_GET (a request for a chunk of a hash model image, or of a delta from
 * the version the requester holds) and of its reply (the chunk).
 *
 * @verbatim
   field    bytes  meaning
   version    4    model version asked for (request) or held by the sender (reply)
   base       4    request: the version the requester holds (0: send the whole image);
                   reply: the base of the delta being sent (0: the whole image)
   flags      1    bit 0: the image is a delta (LeadModelDelta); other bits 0
   total      4    size of the whole image or delta (0 in a request)
   offset     4    first byte of the chunk in the image
   length     2    bytes in this chunk (0 in a request)
   data       n    the chunk
   total   19 + n
   @endverbatim
 *
 * A reply whose version differs from the request's says that the sender holds another
 * version now (and carries no data).
 */
class LeadModelHeader : public Header
{
  public:
    /// Largest chunk a message carries.
    static constexpr uint32_t MAX_CHUNK{60000};
    /// Largest image accepted (256 MiB).
    static constexpr uint32_t MAX_IMAGE{256u << 20};

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
    bool operator==(const LeadModelHeader& o) const;

    bool valid{true};          //!< false after a Deserialize of bad input
    uint32_t version{0};       //!< model version
    uint32_t base{0};          //!< the requester's version, or the delta's base
    bool delta{false};         //!< the image is a delta
    uint32_t total{0};         //!< image size
    uint32_t offset{0};        //!< chunk offset
    std::vector<uint8_t> data; //!< chunk bytes (at most MAX_CHUNK)
};

} // namespace lead
} // namespace ns3

#endif // LEAD_MODEL_HEADER_H
