/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_INET_FILE_H
#define LEAD_INET_FILE_H

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
 * @brief A router-level topology file in the Inet generator's format, checked line by line.
 *
 * @verbatim
   N L                first line: node count, link count
   id x y             N node lines (id in [0, N), each once; x and y are numbers)
   from to weight     L link lines (distinct node ids in [0, N); weight > 0, optional)
   @endverbatim
 *
 * ns-3's InetTopologyReader skips the node lines, accepts any token as a node name and keeps a
 * link's weight from the line before when one is missing; LeadInetTopology runs this check
 * first so that a bad file stops with its name, line and reason. Simulator-free.
 */
class LeadInetFile
{
  public:
    /// One link.
    struct Link
    {
        uint32_t from{0}; //!< node id
        uint32_t to{0};   //!< node id
        double weight{1}; //!< weight (1 when the line has none)
    };

    /// Largest node count accepted (the addressing plan of LeadInetTopology).
    static constexpr uint32_t MAX_NODES{65535};

    /**
     * @brief Parse a file's content.
     * @param in the text
     * @param where what it is, for messages ("topology file 'x'")
     * @param error set to a message naming `where` and the line on failure (may be nullptr)
     * @return true on success; the object is unchanged on failure
     */
    bool Parse(std::istream& in, const std::string& where, std::string* error);

    /**
     * @brief Node count announced (and present).
     * @return N
     */
    uint32_t GetNodes() const;

    /**
     * @brief The links in file order.
     * @return the links
     */
    const std::vector<Link>& GetLinks() const;

  private:
    uint32_t m_nodes{0};       //!< node count
    std::vector<Link> m_links; //!< links
};

} // namespace lead
} // namespace ns3

#endif // LEAD_INET_FILE_H
