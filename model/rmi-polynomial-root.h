/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef RMI_POLYNOMIAL_ROOT_H
#define RMI_POLYNOMIAL_ROOT_H

#include "rmi-root.h"

#include <utility>

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief What the linear and cubic roots share: a polynomial of degree at most 3 in the
 * normalised key t = (key - min) / (max - min), clamped to [0, 1]; its parameters are the key
 * range and four coefficients (constant first).
 */
class RmiPolynomialRoot : public RmiRoot
{
  public:
    /**
     * @brief The straight line through the end points (tiny or degenerate key sets).
     * @param minKey smallest key
     * @param maxKey largest key
     */
    void FitEnds(uint64_t minKey, uint64_t maxKey);

    double Cdf(uint64_t key) const override;
    uint64_t GetSizeBytes() const override;
    void Serialize(ByteWriter& w) const override;
    bool Deserialize(ByteReader& r, std::string& error) override;

    /// Keys sampled to fit and compare polynomial roots.
    static constexpr uint64_t SAMPLE{1U << 16};

  protected:
    /**
     * @brief Set the key range (and its inverse).
     * @param keys sorted keys
     */
    void SetRange(const std::vector<uint64_t>& keys);

    /**
     * @brief Normalised key.
     * @param key a key in [min, max]
     * @return t in [0, 1]
     */
    double T(uint64_t key) const;

    /**
     * @brief A sample of (t, CDF) points of the keys, one every n / SAMPLE, plus (1, 1).
     * @param keys sorted keys
     * @return the points
     */
    std::vector<std::pair<double, double>> Sample(const std::vector<uint64_t>& keys) const;

    uint64_t m_minKey{0};         //!< smallest training key
    uint64_t m_maxKey{0};         //!< largest training key
    double m_invRange{0.0};       //!< 1 / (max - min)
    double m_coef[4]{0, 0, 0, 0}; //!< coefficients, constant first
};

} // namespace lead
} // namespace ns3

#endif // RMI_POLYNOMIAL_ROOT_H
