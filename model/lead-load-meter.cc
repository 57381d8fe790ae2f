/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-load-meter.h"

#include "ns3/abort.h"

namespace ns3
{
namespace lead
{

LeadLoadMeter::LeadLoadMeter(Time window)
    : m_window(window)
{
    NS_ABORT_MSG_IF(!window.IsStrictlyPositive(), "LeadLoadMeter: the window must be positive");
}

double
LeadLoadMeter::Rate(uint32_t item, uint64_t count, Time now)
{
    auto [it, fresh] = m_items.try_emplace(item, Counter{count, now, 0});
    Counter& c = it->second;
    if (fresh)
    {
        return 0;
    }
    const Time span = now - c.since;
    if (span >= m_window && count >= c.count)
    {
        c.rate = static_cast<double>(count - c.count) / span.GetSeconds();
        c.count = count;
        c.since = now;
    }
    return c.rate;
}

} // namespace lead
} // namespace ns3
