/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "rmi-root.h"

#include "rmi-cubic-root.h"
#include "rmi-linear-root.h"
#include "rmi-spline-root.h"

namespace ns3
{
namespace lead
{

std::unique_ptr<RmiRoot>
RmiRoot::Create(uint32_t kind, uint32_t knots)
{
    switch (kind)
    {
    case LINEAR:
        return std::make_unique<RmiLinearRoot>();
    case CUBIC:
    case LINEAR_SPLINE:
        return std::make_unique<RmiCubicRoot>();
    case SPLINE:
        return std::make_unique<RmiSplineRoot>(knots);
    default:
        return nullptr;
    }
}

double
RmiRoot::CdfAscending(uint64_t key, size_t& /* cursor */) const
{
    return Cdf(key);
}

std::string
RmiRoot::GetName() const
{
    return KindName(GetKind());
}

std::string
RmiRoot::KindName(uint32_t kind)
{
    switch (kind)
    {
    case LINEAR:
        return "linear";
    case CUBIC:
        return "cubic";
    case LINEAR_SPLINE:
        return "linear-spline";
    case SPLINE:
        return "spline";
    default:
        return "unknown";
    }
}

} // namespace lead
} // namespace ns3
