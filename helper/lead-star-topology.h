/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_STAR_TOPOLOGY_H
#define LEAD_STAR_TOPOLOGY_H

#include "ns3/lead-topology.h"
#include "ns3/node-container.h"
#include "ns3/point-to-point-helper.h"

#include <memory>
#include <string>

namespace ns3
{

class PointToPointStarHelper;

namespace lead
{

/**
 * @ingroup lead
 * @brief A point-to-point star substrate for overlay experiments: n leaves around one hub
 * router, every spoke with the same rate and delay, IPv4 on 10.1.0.0/30 subnets, no FqCoDel
 * queue disc (it dominates memory and time under DHT traffic), a static default route on every
 * leaf (the hub reaches every leaf directly).
 *
 * @verbatim
      leaf1   leaf2
          \   /
   leaf0 -- hub -- leaf3      every spoke: rate, delay
          /   \
      leaf5   leaf4
   @endverbatim
 */
class LeadStarTopology : public LeadTopology
{
  public:
    /**
     * @brief Build the star.
     * @param leaves number of leaves (>= 2)
     * @param rate spoke rate, e.g. "100Mbps"
     * @param delay spoke one-way delay, e.g. "10ms"
     * @param queue queue size of every spoke device, e.g. "100p"
     */
    LeadStarTopology(uint32_t leaves,
                     const std::string& rate,
                     const std::string& delay,
                     const std::string& queue = "100p");
    ~LeadStarTopology();

    /**
     * @brief The leaves (where the overlay runs).
     * @return the nodes
     */
    NodeContainer GetLeaves() const;

    // Inherited
    NodeContainer GetHosts() const override;
    NodeContainer GetAllNodes() const override;
    std::string Describe() const override;
    Time GetMaxRtt() const override;
    Time GetRtt(uint32_t a, uint32_t b) const override;

    /**
     * @brief Fix the random streams of the leaves' and hub's IP stacks.
     * @param stream first stream index
     * @return streams used
     */
    int64_t AssignStreams(int64_t stream) override;

    /**
     * @brief Write pcap files of every spoke device.
     * @param prefix file name prefix
     */
    void EnablePcap(const std::string& prefix) override;

  private:
    PointToPointHelper m_spoke;                     //!< spoke links
    std::unique_ptr<PointToPointStarHelper> m_star; //!< the star
    NodeContainer m_leaves;                         //!< leaves
    std::string m_rate;                             //!< spoke rate
    std::string m_delay;                            //!< spoke delay
    std::string m_queue;                            //!< spoke queue size
};

} // namespace lead
} // namespace ns3

#endif // LEAD_STAR_TOPOLOGY_H
