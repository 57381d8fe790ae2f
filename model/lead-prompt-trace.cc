/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

// The Mooncake trace reader of LeadPromptWorkload.

#include "lead-prompt-workload.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <fstream>

namespace ns3
{
namespace lead
{

namespace
{

/// Largest trace hash id whose sub-block keys fit in 64 bits.
constexpr uint64_t MAX_HASH_ID = (uint64_t{1} << (64 - LeadPromptWorkload::MOONCAKE_SUB_BITS)) - 1;
/// Tokens a request may have (a longer one is a corrupt line, not a prompt).
constexpr double MAX_TOKENS = 1e8;

/// Position just after `"name"` and its colon, or npos.
size_t
FieldValue(const std::string& line, const std::string& name)
{
    const std::string quoted = "\"" + name + "\"";
    size_t at = line.find(quoted);
    if (at == std::string::npos)
    {
        return std::string::npos;
    }
    at += quoted.size();
    while (at < line.size() && (line[at] == ' ' || line[at] == '\t'))
    {
        ++at;
    }
    if (at >= line.size() || line[at] != ':')
    {
        return std::string::npos;
    }
    return at + 1;
}

/// Parse a JSON number at `at` (after blanks); false if none.
bool
ReadNumber(const std::string& line, size_t& at, double& value)
{
    while (at < line.size() && (line[at] == ' ' || line[at] == '\t'))
    {
        ++at;
    }
    if (at >= line.size())
    {
        return false;
    }
    const char* begin = line.c_str() + at;
    char* end = nullptr;
    errno = 0;
    value = std::strtod(begin, &end);
    if (end == begin || errno != 0 || !std::isfinite(value))
    {
        return false;
    }
    at += static_cast<size_t>(end - begin);
    return true;
}

bool
ReadCount(const std::string& line, const std::string& name, double& v, std::string& error)
{
    size_t at = FieldValue(line, name);
    if (at == std::string::npos || !ReadNumber(line, at, v) || v < 0 || v > MAX_TOKENS)
    {
        error = "field \"" + name + "\" missing or not a number in [0, 1e8]";
        return false;
    }
    return true;
}

bool
ReadIds(const std::string& line, std::vector<uint64_t>& ids, std::string& error)
{
    size_t at = FieldValue(line, "hash_ids");
    while (at != std::string::npos && at < line.size() && line[at] == ' ')
    {
        ++at;
    }
    if (at == std::string::npos || at >= line.size() || line[at] != '[')
    {
        error = "field \"hash_ids\" missing or not a list";
        return false;
    }
    ++at;
    while (true)
    {
        while (at < line.size() && (line[at] == ' ' || line[at] == ','))
        {
            ++at;
        }
        if (at < line.size() && line[at] == ']')
        {
            return true;
        }
        double v = 0;
        if (!ReadNumber(line, at, v) || v < 0 || v != std::floor(v) ||
            v > static_cast<double>(MAX_HASH_ID))
        {
            error = "\"hash_ids\" holds something other than integer ids in [0, 2^59)";
            return false;
        }
        ids.push_back(static_cast<uint64_t>(v));
    }
}

} // namespace

bool
LeadPromptWorkload::ParseMooncakeLine(const std::string& line, LeadPrompt& out, std::string& error)
{
    double timestamp = 0;
    double input = 0;
    double output = 0;
    std::vector<uint64_t> ids;
    size_t at = FieldValue(line, "timestamp");
    if (at == std::string::npos || !ReadNumber(line, at, timestamp) || timestamp < 0)
    {
        error = "field \"timestamp\" missing or not a number >= 0";
        return false;
    }
    if (!ReadCount(line, "input_length", input, error) ||
        !ReadCount(line, "output_length", output, error) || !ReadIds(line, ids, error))
    {
        return false;
    }
    out = LeadPrompt();
    out.arrival = timestamp / 1000.0;
    out.promptTokens = static_cast<uint32_t>(input);
    out.outputTokens = static_cast<uint32_t>(output);
    // Id number i covers tokens [512 i, 512 (i + 1)); only its full 16-token blocks count.
    std::vector<uint64_t> keys;
    const uint32_t perId = MOONCAKE_TOKENS / BLOCK_TOKENS;
    for (size_t i = 0; i < ids.size(); ++i)
    {
        const double first = static_cast<double>(i) * MOONCAKE_TOKENS;
        if (first >= input)
        {
            break;
        }
        const uint32_t full =
            std::min<uint32_t>(perId, static_cast<uint32_t>((input - first) / BLOCK_TOKENS));
        for (uint32_t j = 0; j < full; ++j)
        {
            keys.push_back((ids[i] << MOONCAKE_SUB_BITS) | j);
        }
    }
    out.runs = ToRuns(keys);
    return true;
}

bool
LeadPromptWorkload::LoadMooncake(const std::string& path,
                                 uint32_t maxRequests,
                                 std::vector<LeadPrompt>& out,
                                 std::string& error)
{
    std::ifstream in(path);
    if (!in)
    {
        error = "cannot open the trace file '" + path + "'";
        return false;
    }
    out.clear();
    std::string line;
    uint64_t number = 0;
    double last = 0;
    while (std::getline(in, line))
    {
        ++number;
        if (line.find_first_not_of(" \t\r") == std::string::npos)
        {
            continue;
        }
        LeadPrompt p;
        std::string why;
        if (!ParseMooncakeLine(line, p, why))
        {
            error = path + ":" + std::to_string(number) + ": " + why;
            return false;
        }
        if (p.arrival < last)
        {
            error = path + ":" + std::to_string(number) + ": timestamps go backwards";
            return false;
        }
        last = p.arrival;
        p.id = out.size();
        out.push_back(std::move(p));
        if (maxRequests > 0 && out.size() >= maxRequests)
        {
            break;
        }
    }
    if (out.empty())
    {
        error = "the trace file '" + path + "' holds no requests";
        return false;
    }
    return true;
}

} // namespace lead
} // namespace ns3
