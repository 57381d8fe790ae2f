/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef RMI_SPLINE_ROOT_H
#define RMI_SPLINE_ROOT_H

#include "rmi-root.h"

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief RMI root "spline" (the module's default; not in the authors' code): a monotone
 * piecewise-linear interpolation of the CDF through the keys at RootKnots evenly spaced
 * quantiles. It keeps the leaves evenly filled on skewed keys, where the cubic root leaves
 * most of them empty (doc/lead.rst, benchmark table).
 *
 * Evaluation finds the knot below a key through a radix table over the exponent and top
 * mantissa bits of key - min (narrow buckets where offsets are small, so skewed keys spread
 * over many), then a branch-free binary search among the few knots of one bucket.
 */
class RmiSplineRoot : public RmiRoot
{
  public:
    /**
     * @brief A spline root.
     * @param knots most knots to place (at least 2)
     */
    explicit RmiSplineRoot(uint32_t knots = 1024);

    void Fit(const std::vector<uint64_t>& keys) override;
    double Cdf(uint64_t key) const override;
    double CdfAscending(uint64_t key, size_t& cursor) const override;
    Kind GetKind() const override;
    uint64_t GetSizeBytes() const override;
    void Serialize(ByteWriter& w) const override;
    bool Deserialize(ByteReader& r, std::string& error) override;

    /**
     * @brief Knots in use.
     * @return count
     */
    size_t GetKnotCount() const;

    /// Radix buckets of the knot search: 65 exponents x 128 mantissa steps, plus zero.
    static constexpr uint32_t KNOT_BUCKETS{65 * 128 + 1};

  private:
    /// A knot as evaluated.
    struct Knot
    {
        uint64_t offset; //!< key - min
        double y;        //!< CDF at the knot
        double slope;    //!< CDF per key unit up to the next knot
    };

    /**
     * @brief Radix bucket of a key offset (monotone in the offset).
     * @param offset key - min
     * @return bucket index below KNOT_BUCKETS
     */
    static uint32_t Bucket(uint64_t offset);

    /**
     * @brief Build the evaluation copy of the knots and the radix table.
     * @param offsets knot offsets, increasing, the first 0
     * @param ys CDF at the knots, non-decreasing
     */
    void Index(const std::vector<uint64_t>& offsets, const std::vector<double>& ys);

    uint32_t m_maxKnots;            //!< knots to place when fitting
    uint64_t m_minKey{0};           //!< smallest training key
    uint64_t m_maxKey{0};           //!< largest training key
    std::vector<Knot> m_knots;      //!< the knots
    std::vector<uint32_t> m_bucket; //!< knots before each radix bucket
};

} // namespace lead
} // namespace ns3

#endif // RMI_SPLINE_ROOT_H
