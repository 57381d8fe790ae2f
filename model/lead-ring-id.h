/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_RING_ID_H
#define LEAD_RING_ID_H

#include <cstdint>
#include <string>

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief Arithmetic on the 2^64 identifier ring (all of it modulo 2^64).
 *
 * Intervals follow Chord: Between(a, x, b) is the open arc from a clockwise to b, and when
 * a == b it is the whole ring except a; BetweenRightIncl(a, x, b) is the half-open arc (a, b],
 * the whole ring when a == b.
 */
class RingId
{
  public:
    /**
     * @brief Clockwise distance from a to b.
     * @param a start
     * @param b end
     * @return (b - a) mod 2^64
     */
    static constexpr uint64_t Distance(uint64_t a, uint64_t b)
    {
        return b - a;
    }

    /**
     * @brief Whether x lies on the open arc (a, b).
     * @param a arc start (excluded)
     * @param x the point
     * @param b arc end (excluded)
     * @return true if x is strictly between a and b clockwise
     */
    static constexpr bool Between(uint64_t a, uint64_t x, uint64_t b)
    {
        if (a == b)
        {
            return x != a;
        }
        return Distance(a, x) != 0 && Distance(a, x) < Distance(a, b);
    }

    /**
     * @brief Whether x lies on the half-open arc (a, b].
     * @param a arc start (excluded)
     * @param x the point
     * @param b arc end (included)
     * @return true if x is after a and not after b clockwise
     */
    static constexpr bool BetweenRightIncl(uint64_t a, uint64_t x, uint64_t b)
    {
        if (a == b)
        {
            return true;
        }
        return Distance(a, x) != 0 && Distance(a, x) <= Distance(a, b);
    }

    /**
     * @brief Hexadecimal text of an identifier, for logs ("0x00ab...").
     * @param id the identifier
     * @return 18 characters
     */
    static std::string ToString(uint64_t id);
};

} // namespace lead
} // namespace ns3

#endif // LEAD_RING_ID_H
