/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-inet-file.h"

#include <cmath>
#include <cstdlib>
#include <istream>
#include <sstream>

namespace ns3
{
namespace lead
{

namespace
{

/// Split a line into whitespace-separated tokens.
std::vector<std::string>
Tokens(const std::string& line)
{
    std::istringstream ss(line);
    std::vector<std::string> out;
    std::string tok;
    while (ss >> tok)
    {
        out.push_back(tok);
    }
    return out;
}

/// A decimal integer in [0, limit), or false.
bool
ParseIndex(const std::string& tok, uint64_t limit, uint32_t& out)
{
    if (tok.empty() || tok.size() > 10 || tok.find_first_not_of("0123456789") != std::string::npos)
    {
        return false;
    }
    const uint64_t v = std::strtoull(tok.c_str(), nullptr, 10);
    if (v >= limit)
    {
        return false;
    }
    out = static_cast<uint32_t>(v);
    return true;
}

/// A finite number, or false.
bool
ParseNumber(const std::string& tok, double& out)
{
    char* end = nullptr;
    out = std::strtod(tok.c_str(), &end);
    return end != tok.c_str() && *end == '\0' && std::isfinite(out);
}

} // namespace

bool
LeadInetFile::Parse(std::istream& in, const std::string& where, std::string* error)
{
    uint64_t lineNo = 0;
    auto fail = [&](const std::string& text) {
        if (error)
        {
            *error = where + (lineNo > 0 ? " line " + std::to_string(lineNo) : "") + ": " + text;
        }
        return false;
    };
    std::string line;
    if (!std::getline(in, line))
    {
        return fail("the file is empty (Inet format: 'nodes links' on the first line)");
    }
    lineNo = 1;
    std::vector<std::string> t = Tokens(line);
    uint32_t nodes = 0;
    uint32_t links = 0;
    if (t.size() != 2 || !ParseIndex(t[0], MAX_NODES + 1ULL, nodes) ||
        !ParseIndex(t[1], 1ULL << 31, links))
    {
        return fail("expected 'nodes links' (two counts, at most " + std::to_string(MAX_NODES) +
                    " nodes)");
    }
    if (nodes < 2 || links == 0)
    {
        return fail("announces " + std::to_string(nodes) + " nodes and " + std::to_string(links) +
                    " links; at least 2 nodes and 1 link are needed");
    }
    std::vector<bool> seen(nodes, false);
    std::vector<Link> parsed;
    const uint64_t total = 1ULL + nodes + links;
    while (lineNo < total)
    {
        if (!std::getline(in, line))
        {
            return fail("the file ends after " + std::to_string(lineNo) + " lines; " +
                        std::to_string(nodes) + " node and " + std::to_string(links) +
                        " link lines were announced");
        }
        ++lineNo;
        t = Tokens(line);
        if (lineNo <= 1ULL + nodes)
        {
            uint32_t id = 0;
            double x = 0;
            double y = 0;
            if (t.size() != 3 || !ParseIndex(t[0], nodes, id) || !ParseNumber(t[1], x) ||
                !ParseNumber(t[2], y))
            {
                return fail("expected a node line 'id x y' with id below " + std::to_string(nodes));
            }
            if (seen[id])
            {
                return fail("node " + std::to_string(id) + " is listed twice");
            }
            seen[id] = true;
            continue;
        }
        Link l;
        if ((t.size() != 2 && t.size() != 3) || !ParseIndex(t[0], nodes, l.from) ||
            !ParseIndex(t[1], nodes, l.to))
        {
            return fail("expected a link line 'from to [weight]' with node ids below " +
                        std::to_string(nodes));
        }
        if (l.from == l.to)
        {
            return fail("link from node " + t[0] + " to itself");
        }
        if (t.size() == 3 && (!ParseNumber(t[2], l.weight) || !(l.weight > 0)))
        {
            return fail("link weight '" + t[2].substr(0, 20) + "' is not a positive number");
        }
        parsed.push_back(l);
    }
    while (std::getline(in, line))
    {
        ++lineNo;
        if (!Tokens(line).empty())
        {
            return fail("unexpected text after the " + std::to_string(links) + " announced links");
        }
    }
    m_nodes = nodes;
    m_links = std::move(parsed);
    return true;
}

uint32_t
LeadInetFile::GetNodes() const
{
    return m_nodes;
}

const std::vector<LeadInetFile::Link>&
LeadInetFile::GetLinks() const
{
    return m_links;
}

} // namespace lead
} // namespace ns3
