/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef RMI_LINEAR_ROOT_H
#define RMI_LINEAR_ROOT_H

#include "rmi-polynomial-root.h"

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief RMI root "linear": the least-squares line through a sample of (t, CDF) points
 * (lead-spec.md 3.3), with a non-negative slope.
 */
class RmiLinearRoot : public RmiPolynomialRoot
{
  public:
    void Fit(const std::vector<uint64_t>& keys) override;
    Kind GetKind() const override;
};

} // namespace lead
} // namespace ns3

#endif // RMI_LINEAR_ROOT_H
