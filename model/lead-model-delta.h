/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_MODEL_DELTA_H
#define LEAD_MODEL_DELTA_H

#include "learned-hash-model.h"

#include "ns3/ptr.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief A model version as the leaves that changed since an earlier version (the model
 * update's "delta", lead-spec.md 8): what a node that holds the earlier version fetches instead
 * of the whole image. Simulator-free.
 *
 * @verbatim
   field      bytes  meaning
   magic        4    "LDLT"
   base         4    version the delta applies to
   version      4    version it makes
   leaves       4    leaf count of both
   checksum    32    SHA-256 of the target's image (the last 32 bytes of ToBytes())
   count        4    changed leaves
   entries   60 each leaf 4, first key 8, intercept 8, slope 8, first rank 8, last rank 8,
                     keys 8, max error 8
   @endverbatim
 *
 * Applying a delta rebuilds the target from the base and checks the rebuilt image against the
 * checksum, so a delta from another base or a corrupt one is refused, never half applied.
 */
class LeadModelDelta
{
  public:
    /// Bytes before the entries.
    static constexpr uint32_t FIXED_SIZE{52};
    /// Bytes per changed leaf.
    static constexpr uint32_t ENTRY_SIZE{60};

    /**
     * @brief The delta from `base` to `target`.
     * @param base the earlier version
     * @param target the later version
     * @return the bytes, or empty if the two differ in more than leaves (type, leaf count)
     */
    static std::vector<uint8_t> Make(const LearnedHashModel& base, const LearnedHashModel& target);

    /**
     * @brief Rebuild the target from its base and a delta.
     * @param base the earlier version (not changed)
     * @param data the delta
     * @param size its bytes
     * @param error set to what is wrong, if anything
     * @return the target, or nullptr if the delta is malformed, for another base, or does not
     * rebuild the image its checksum names
     */
    static Ptr<LearnedHashModel> Apply(const LearnedHashModel& base,
                                       const uint8_t* data,
                                       size_t size,
                                       std::string* error);
};

} // namespace lead
} // namespace ns3

#endif // LEAD_MODEL_DELTA_H
