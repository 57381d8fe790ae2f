/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-latency-matrix.h"

#include "ns3/abort.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <random>
#include <sstream>

namespace ns3
{
namespace lead
{

bool
LatencyMatrix::Load(const std::string& path, std::string* error)
{
    auto fail = [error](const std::string& text) {
        if (error)
        {
            *error = text;
        }
        return false;
    };
    std::ifstream in(path);
    if (!in)
    {
        return fail("cannot open latency matrix '" + path + "'");
    }
    return Parse(in, "latency matrix '" + path + "'", error);
}

bool
LatencyMatrix::Parse(std::istream& in, const std::string& where, std::string* error)
{
    auto fail = [error](const std::string& text) {
        if (error)
        {
            *error = text;
        }
        return false;
    };
    std::vector<std::vector<double>> rows;
    std::string line;
    uint32_t lineNo = 0;
    while (std::getline(in, line))
    {
        ++lineNo;
        std::istringstream ss(line);
        std::vector<double> row;
        std::string tok;
        while (ss >> tok)
        {
            char* end = nullptr;
            const double v = std::strtod(tok.c_str(), &end);
            if (end == tok.c_str() || *end != '\0' || !std::isfinite(v) || v < 0)
            {
                return fail(where + " line " + std::to_string(lineNo) + ": '" + tok.substr(0, 20) +
                            "' is not a non-negative number");
            }
            row.push_back(v);
        }
        if (!row.empty())
        {
            rows.push_back(std::move(row));
        }
    }
    if (rows.size() < 2)
    {
        return fail(where + " has fewer than 2 rows");
    }
    for (size_t r = 0; r < rows.size(); ++r)
    {
        if (rows[r].size() != rows.size())
        {
            return fail(where + " row " + std::to_string(r + 1) + " has " +
                        std::to_string(rows[r].size()) + " values; a square matrix of " +
                        std::to_string(rows.size()) + " rows needs " + std::to_string(rows.size()));
        }
    }
    for (size_t r = 0; r < rows.size(); ++r)
    {
        for (size_t c = r + 1; c < rows.size(); ++c)
        {
            if (rows[r][c] != rows[c][r])
            {
                std::ostringstream text;
                text << where << " is not symmetric: row " << r + 1 << " column " << c + 1
                     << " holds " << rows[r][c] << ", row " << c + 1 << " column " << r + 1
                     << " holds " << rows[c][r]
                     << " (each pair of hosts has one delay; make the matrix symmetric)";
                return fail(text.str());
            }
        }
    }
    m_n = static_cast<uint32_t>(rows.size());
    m_rtt.assign(static_cast<size_t>(m_n) * m_n, 0.0);
    for (uint32_t i = 0; i < m_n; ++i)
    {
        for (uint32_t j = 0; j < m_n; ++j)
        {
            m_rtt[static_cast<size_t>(i) * m_n + j] = i == j ? 0.0 : rows[i][j];
        }
    }
    return true;
}

void
LatencyMatrix::Generate(uint32_t n, uint64_t seed)
{
    NS_ABORT_MSG_IF(n < 2, "LatencyMatrix::Generate: at least 2 hosts");
    std::mt19937_64 rng(seed);
    auto unit = [&rng]() { return (static_cast<double>(rng() >> 11) + 0.5) / 9007199254740992.0; };
    // Hosts on a unit sphere (continents are not modelled) with a lognormal access delay.
    std::vector<double> x(n);
    std::vector<double> y(n);
    std::vector<double> z(n);
    std::vector<double> access(n);
    for (uint32_t i = 0; i < n; ++i)
    {
        const double u = 2 * unit() - 1;
        const double phi = 2 * 3.14159265358979323846 * unit();
        const double r = std::sqrt(1 - u * u);
        x[i] = r * std::cos(phi);
        y[i] = r * std::sin(phi);
        z[i] = u;
        const double g =
            std::sqrt(-2 * std::log(unit())) * std::cos(2 * 3.14159265358979323846 * unit());
        access[i] = std::exp(0.8 * g);
    }
    m_n = n;
    m_rtt.assign(static_cast<size_t>(n) * n, 0.0);
    std::vector<double> off;
    off.reserve(static_cast<size_t>(n) * (n - 1) / 2);
    for (uint32_t i = 0; i < n; ++i)
    {
        for (uint32_t j = i + 1; j < n; ++j)
        {
            const double dot = std::clamp(x[i] * x[j] + y[i] * y[j] + z[i] * z[j], -1.0, 1.0);
            const double v = std::acos(dot) + 0.15 * (access[i] + access[j]);
            m_rtt[static_cast<size_t>(i) * n + j] = v;
            m_rtt[static_cast<size_t>(j) * n + i] = v;
            off.push_back(v);
        }
    }
    std::nth_element(off.begin(), off.begin() + off.size() / 2, off.end());
    const double scale = 135.0 / off[off.size() / 2];
    for (auto& v : m_rtt)
    {
        v *= scale;
    }
}

uint32_t
LatencyMatrix::GetSize() const
{
    return m_n;
}

double
LatencyMatrix::GetRttMs(uint32_t i, uint32_t j) const
{
    NS_ABORT_MSG_IF(i >= m_n || j >= m_n,
                    "LatencyMatrix: entry (" << i << ", " << j << ") of a " << m_n
                                             << "-host matrix");
    return m_rtt[static_cast<size_t>(i) * m_n + j];
}

double
LatencyMatrix::GetMedianMs() const
{
    std::vector<double> off;
    for (uint32_t i = 0; i < m_n; ++i)
    {
        for (uint32_t j = i + 1; j < m_n; ++j)
        {
            off.push_back(m_rtt[static_cast<size_t>(i) * m_n + j]);
        }
    }
    if (off.empty())
    {
        return 0;
    }
    std::nth_element(off.begin(), off.begin() + off.size() / 2, off.end());
    return off[off.size() / 2];
}

} // namespace lead
} // namespace ns3
