/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_LOAD_METER_H
#define LEAD_LOAD_METER_H

#include "ns3/nstime.h"

#include <cstdint>
#include <map>

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief Request rates from cumulative counters (the dynamic Shadow Balancer's request load):
 * per item, the rate over the last window of at least `window`, updated when a sample comes a
 * window or more after the previous update. Simulator-free: time is a parameter.
 */
class LeadLoadMeter
{
  public:
    /**
     * @brief A meter.
     * @param window shortest span a rate is measured over (positive)
     */
    explicit LeadLoadMeter(Time window);

    /**
     * @brief Sample a counter and get its rate.
     * @param item which counter (a vnode index)
     * @param count its value now (never decreasing)
     * @param now the time
     * @return events per second over the last full window (0 before one has passed)
     */
    double Rate(uint32_t item, uint64_t count, Time now);

  private:
    /// One counter's state.
    struct Counter
    {
        uint64_t count{0}; //!< value at the window's start
        Time since;        //!< the window's start
        double rate{0};    //!< rate over the last full window
    };

    Time m_window;                       //!< shortest window
    std::map<uint32_t, Counter> m_items; //!< per item
};

} // namespace lead
} // namespace ns3

#endif // LEAD_LOAD_METER_H
