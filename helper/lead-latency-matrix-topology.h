/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_LATENCY_MATRIX_TOPOLOGY_H
#define LEAD_LATENCY_MATRIX_TOPOLOGY_H

#include "ns3/lead-latency-matrix-channel.h"
#include "ns3/lead-latency-matrix.h"
#include "ns3/node-container.h"

#include <memory>

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief Hosts whose pairwise one-way delay is a latency-matrix entry (RTT/2, or the entry
 * with OneWayIsEntry): host i is matrix row i, all on one LatencyMatrixChannel, IPv4
 * 10.0.0.0/16, no queue disc, no routing needed.
 */
class LeadLatencyMatrixTopology
{
  public:
    /**
     * @brief Build the hosts.
     * @param matrix pairwise RTTs (at least `hosts` rows)
     * @param hosts number of hosts (rows 0 .. hosts-1 are used)
     * @param oneWayIsEntry use the entry, not half of it, as the one-way delay
     */
    LeadLatencyMatrixTopology(std::shared_ptr<const LatencyMatrix> matrix,
                              uint32_t hosts,
                              bool oneWayIsEntry = false);

    /**
     * @brief The hosts, in matrix row order.
     * @return the nodes
     */
    NodeContainer GetHosts() const;

    /**
     * @brief The channel.
     * @return the channel
     */
    Ptr<LatencyMatrixChannel> GetChannel() const;

    /**
     * @brief Fix the random streams of the hosts' IP stacks.
     * @param stream first stream index
     * @return streams used
     */
    int64_t AssignStreams(int64_t stream);

  private:
    NodeContainer m_hosts;               //!< hosts
    Ptr<LatencyMatrixChannel> m_channel; //!< the channel
};

} // namespace lead
} // namespace ns3

#endif // LEAD_LATENCY_MATRIX_TOPOLOGY_H
