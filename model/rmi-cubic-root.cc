/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "rmi-cubic-root.h"

#include <algorithm>
#include <cmath>

namespace ns3
{
namespace lead
{

void
RmiCubicRoot::Fit(const std::vector<uint64_t>& keys)
{
    SetRange(keys);
    const uint64_t n = keys.size();
    const double yScale = 1.0 / static_cast<double>(n - 1);
    // End slopes from the neighbouring keys, capped, then scaled into the monotone region.
    const double large = 1e6;
    const double t1 = T(keys[1]);
    const double tm = T(keys[n - 2]);
    double m1 = t1 > 0 ? yScale / t1 : large;
    double m2 = tm < 1.0 ? (1.0 - static_cast<double>(n - 2) * yScale) / (1.0 - tm) : large;
    m1 = std::min(m1, large);
    m2 = std::min(m2, large);
    const double norm = m1 * m1 + m2 * m2;
    if (norm > 9.0)
    {
        const double s = 3.0 / std::sqrt(norm);
        m1 *= s;
        m2 *= s;
    }
    const double cubic[4] = {0.0, m1, 3.0 - 2.0 * m1 - m2, m1 + m2 - 2.0};
    double errCubic = 0;
    double errLine = 0;
    for (const auto& p : Sample(keys))
    {
        const double t = p.first;
        const double y = ((cubic[3] * t + cubic[2]) * t + cubic[1]) * t + cubic[0];
        errCubic += std::fabs(y - p.second);
        errLine += std::fabs(t - p.second);
    }
    if (errLine < errCubic)
    {
        FitEnds(keys.front(), keys.back());
        m_kind = LINEAR_SPLINE;
        return;
    }
    std::copy(std::begin(cubic), std::end(cubic), std::begin(m_coef));
    m_kind = CUBIC;
}

RmiRoot::Kind
RmiCubicRoot::GetKind() const
{
    return m_kind;
}

void
RmiCubicRoot::SetKind(Kind kind)
{
    m_kind = kind;
}

} // namespace lead
} // namespace ns3
