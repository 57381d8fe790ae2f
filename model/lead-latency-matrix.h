/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_LATENCY_MATRIX_H
#define LEAD_LATENCY_MATRIX_H

#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief A square matrix of pairwise round-trip times in milliseconds, as the PlanetLab
 * 490-node data set the LEAD authors' simulator uses (lead-spec.md section 11.1).
 *
 * Loaded from a text file (one row per line, values separated by spaces or tabs) or generated
 * with the same statistics when no file is at hand. Simulator-free.
 */
class LatencyMatrix
{
  public:
    /**
     * @brief Load a matrix file.
     *
     * The file must hold n lines of n non-negative numbers (ms), symmetric (entry i, j equal to
     * entry j, i); the diagonal is ignored.
     * @param path the file
     * @param error set to a message naming the file (and line) on failure (may be nullptr)
     * @return true on success; the matrix is unchanged on failure
     */
    bool Load(const std::string& path, std::string* error);

    /**
     * @brief Parse a matrix file's content (what Load() reads).
     * @param in the text
     * @param where what it is, for messages ("latency matrix 'x'")
     * @param error set to a message naming `where` on failure (may be nullptr)
     * @return true on success; the matrix is unchanged on failure
     */
    bool Parse(std::istream& in, const std::string& where, std::string* error);

    /**
     * @brief A synthetic n x n matrix shaped like the PlanetLab one: symmetric, zero diagonal,
     * RTT = 2 x (great-circle-like distance between random points) + a lognormal access delay,
     * scaled so that the median off-diagonal RTT is 135 ms (PlanetLab: median 135 ms, mean
     * 147 ms).
     * @param n number of hosts
     * @param seed generator seed
     */
    void Generate(uint32_t n, uint64_t seed);

    /**
     * @brief Number of hosts.
     * @return n
     */
    uint32_t GetSize() const;

    /**
     * @brief Round-trip time between two hosts.
     * @param i row
     * @param j column
     * @return RTT in ms (0 on the diagonal)
     */
    double GetRttMs(uint32_t i, uint32_t j) const;

    /**
     * @brief Median of the off-diagonal entries.
     * @return ms
     */
    double GetMedianMs() const;

  private:
    uint32_t m_n{0};           //!< hosts
    std::vector<double> m_rtt; //!< row-major n x n
};

} // namespace lead
} // namespace ns3

#endif // LEAD_LATENCY_MATRIX_H
