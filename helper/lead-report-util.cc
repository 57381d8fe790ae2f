/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-report-util.h"

#include "ns3/abort.h"

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace ns3
{
namespace lead
{

std::vector<std::string>
SplitList(const std::string& text, char separator)
{
    std::vector<std::string> out;
    std::stringstream ss(text);
    std::string item;
    while (std::getline(ss, item, separator))
    {
        if (!item.empty())
        {
            out.push_back(item);
        }
    }
    return out;
}

uint64_t
ParseCount(const std::string& flag, const std::string& text, uint64_t lo, uint64_t hi)
{
    const bool digits = !text.empty() && text.size() <= 19 &&
                        text.find_first_not_of("0123456789") == std::string::npos;
    const uint64_t v = digits ? std::strtoull(text.c_str(), nullptr, 10) : 0;
    NS_ABORT_MSG_IF(!digits || v < lo || v > hi,
                    flag << ": '" << text << "' is not a whole number in [" << lo << ", " << hi
                         << "]");
    return v;
}

double
ParseNumber(const std::string& flag, const std::string& text, double lo, double hi)
{
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    NS_ABORT_MSG_IF(text.empty() || *end != '\0' || !std::isfinite(v) || v < lo || v > hi,
                    flag << ": '" << text << "' is not a number in [" << lo << ", " << hi << "]");
    return v;
}

void
RequireRange(const std::string& flag, uint64_t value, uint64_t lo, uint64_t hi)
{
    NS_ABORT_MSG_IF(value < lo || value > hi,
                    flag << "=" << value << ": must be in [" << lo << ", " << hi << "]"
                         << (value > hi ? " (a negative number wraps around)" : ""));
}

double
Mean(const std::vector<double>& values)
{
    if (values.empty())
    {
        return 0;
    }
    double sum = 0;
    for (double v : values)
    {
        sum += v;
    }
    return sum / static_cast<double>(values.size());
}

double
PeakMemoryMb()
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
    {
        if (line.rfind("VmHWM:", 0) == 0)
        {
            return std::stod(line.substr(6)) / 1024.0;
        }
    }
    return 0;
}

} // namespace lead
} // namespace ns3
