/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "rmi-polynomial-root.h"

#include <algorithm>
#include <cmath>

namespace ns3
{
namespace lead
{

void
RmiPolynomialRoot::SetRange(const std::vector<uint64_t>& keys)
{
    m_minKey = keys.front();
    m_maxKey = keys.back();
    m_invRange = m_maxKey > m_minKey ? 1.0 / static_cast<double>(m_maxKey - m_minKey) : 0.0;
}

void
RmiPolynomialRoot::FitEnds(uint64_t minKey, uint64_t maxKey)
{
    SetRange({minKey, maxKey});
    std::fill(std::begin(m_coef), std::end(m_coef), 0.0);
    m_coef[1] = 1.0;
}

double
RmiPolynomialRoot::T(uint64_t key) const
{
    return static_cast<double>(key - m_minKey) * m_invRange;
}

double
RmiPolynomialRoot::Cdf(uint64_t key) const
{
    const double t = T(std::clamp(key, m_minKey, m_maxKey));
    const double y = ((m_coef[3] * t + m_coef[2]) * t + m_coef[1]) * t + m_coef[0];
    return std::clamp(y, 0.0, 1.0);
}

std::vector<std::pair<double, double>>
RmiPolynomialRoot::Sample(const std::vector<uint64_t>& keys) const
{
    const uint64_t n = keys.size();
    const double yScale = n > 1 ? 1.0 / static_cast<double>(n - 1) : 0.0;
    const uint64_t stride = std::max<uint64_t>(1, n / SAMPLE);
    std::vector<std::pair<double, double>> pts;
    pts.reserve(n / stride + 2);
    for (uint64_t i = 0; i < n; i += stride)
    {
        pts.emplace_back(T(keys[i]), static_cast<double>(i) * yScale);
    }
    pts.emplace_back(1.0, 1.0);
    return pts;
}

uint64_t
RmiPolynomialRoot::GetSizeBytes() const
{
    return 2 * 8 + 4 * 8; // key range, coefficients
}

void
RmiPolynomialRoot::Serialize(ByteWriter& w) const
{
    w.PutU64(m_minKey);
    w.PutU64(m_maxKey);
    for (double c : m_coef)
    {
        w.PutDouble(c);
    }
}

bool
RmiPolynomialRoot::Deserialize(ByteReader& r, std::string& error)
{
    uint64_t minKey = 0;
    uint64_t maxKey = 0;
    double coef[4];
    if (!r.GetU64(minKey) || !r.GetU64(maxKey) || !r.GetDouble(coef[0]) || !r.GetDouble(coef[1]) ||
        !r.GetDouble(coef[2]) || !r.GetDouble(coef[3]))
    {
        error = "root model truncated";
        return false;
    }
    if (minKey > maxKey)
    {
        error = "key range is empty (min > max)";
        return false;
    }
    for (double c : coef)
    {
        if (!std::isfinite(c))
        {
            error = "root coefficient is not finite";
            return false;
        }
    }
    SetRange({minKey, maxKey});
    std::copy(std::begin(coef), std::end(coef), std::begin(m_coef));
    return true;
}

} // namespace lead
} // namespace ns3
