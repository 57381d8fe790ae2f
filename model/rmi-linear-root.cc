/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "rmi-linear-root.h"

#include <algorithm>

namespace ns3
{
namespace lead
{

void
RmiLinearRoot::Fit(const std::vector<uint64_t>& keys)
{
    SetRange(keys);
    const auto pts = Sample(keys);
    double mt = 0;
    double my = 0;
    for (const auto& p : pts)
    {
        mt += p.first;
        my += p.second;
    }
    mt /= pts.size();
    my /= pts.size();
    double stt = 0;
    double sty = 0;
    for (const auto& p : pts)
    {
        stt += (p.first - mt) * (p.first - mt);
        sty += (p.first - mt) * (p.second - my);
    }
    const double slope = stt > 0 ? std::max(0.0, sty / stt) : 0.0;
    std::fill(std::begin(m_coef), std::end(m_coef), 0.0);
    m_coef[0] = my - slope * mt;
    m_coef[1] = slope;
}

RmiRoot::Kind
RmiLinearRoot::GetKind() const
{
    return LINEAR;
}

} // namespace lead
} // namespace ns3
