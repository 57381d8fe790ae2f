/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-report-util.h"

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
