/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef RMI_CUBIC_ROOT_H
#define RMI_CUBIC_ROOT_H

#include "rmi-polynomial-root.h"

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief RMI root "cubic", the authors' choice (lead-spec.md 3.3): a monotone cubic Hermite
 * spline through (0, 0) and (1, 1) whose end slopes come from the second and second-to-last
 * keys, scaled so that m1^2 + m2^2 <= 9; replaced by the straight line through the end points
 * ("linear-spline") when that has a smaller L1 error on a sample of the keys.
 */
class RmiCubicRoot : public RmiPolynomialRoot
{
  public:
    void Fit(const std::vector<uint64_t>& keys) override;
    Kind GetKind() const override;

    /**
     * @brief Read the parameters of a model file's root of this kind.
     * @param kind CUBIC or LINEAR_SPLINE
     */
    void SetKind(Kind kind);

  private:
    Kind m_kind{CUBIC}; //!< CUBIC, or LINEAR_SPLINE after the fallback
};

} // namespace lead
} // namespace ns3

#endif // RMI_CUBIC_ROOT_H
