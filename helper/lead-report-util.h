/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_REPORT_UTIL_H
#define LEAD_REPORT_UTIL_H

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief Split a comma-separated list (empty items are skipped).
 * @param text the list
 * @param separator the separator
 * @return the items
 */
std::vector<std::string> SplitList(const std::string& text, char separator = ',');

/**
 * @ingroup lead
 * @brief A whole number given on the command line; aborts naming the flag if the text is not
 * a decimal integer in [lo, hi].
 * @param flag the flag, for the message ("--range-lengths")
 * @param text the text
 * @param lo smallest value accepted
 * @param hi largest value accepted
 * @return the value
 */
uint64_t ParseCount(const std::string& flag, const std::string& text, uint64_t lo, uint64_t hi);

/**
 * @ingroup lead
 * @brief A number given on the command line; aborts naming the flag if the text is not a
 * finite number in [lo, hi].
 * @param flag the flag, for the message ("--mix")
 * @param text the text
 * @param lo smallest value accepted
 * @param hi largest value accepted
 * @return the value
 */
double ParseNumber(const std::string& flag, const std::string& text, double lo, double hi);

/**
 * @ingroup lead
 * @brief Abort naming the flag unless a count given on the command line is in [lo, hi] (an
 * unsigned flag given a negative number arrives as a huge value).
 * @param flag the flag ("--n-keys")
 * @param value its value
 * @param lo smallest value accepted
 * @param hi largest value accepted
 */
void RequireRange(const std::string& flag, uint64_t value, uint64_t lo, uint64_t hi);

/**
 * @ingroup lead
 * @brief Nearest-rank percentile (rounded to the closest rank) of a sample.
 * @param values the sample (copied and sorted)
 * @param p percentile in [0, 100]
 * @return the value, or T{} for an empty sample
 */
template <typename T>
T
Percentile(std::vector<T> values, double p)
{
    if (values.empty())
    {
        return T{};
    }
    std::sort(values.begin(), values.end());
    const double q = std::clamp(p, 0.0, 100.0) / 100.0;
    const auto rank = static_cast<size_t>(q * static_cast<double>(values.size() - 1) + 0.5);
    return values[std::min(rank, values.size() - 1)];
}

/**
 * @ingroup lead
 * @brief Mean of a sample.
 * @param values the sample
 * @return the mean, or 0 for an empty sample
 */
double Mean(const std::vector<double>& values);

/**
 * @ingroup lead
 * @brief Peak resident set size of this process (Linux /proc/self/status, VmHWM).
 * @return megabytes, or 0 where unknown
 */
double PeakMemoryMb();

} // namespace lead
} // namespace ns3

#endif // LEAD_REPORT_UTIL_H
