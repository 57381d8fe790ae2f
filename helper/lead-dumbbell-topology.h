/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_DUMBBELL_TOPOLOGY_H
#define LEAD_DUMBBELL_TOPOLOGY_H

#include "ns3/lead-topology.h"
#include "ns3/point-to-point-helper.h"

#include <memory>
#include <string>

namespace ns3
{

class PointToPointDumbbellHelper;

namespace lead
{

/**
 * @ingroup lead
 * @brief A point-to-point dumbbell: half of the hosts on the left router, half on the right,
 * the two routers joined by a bottleneck link; static routes, no FqCoDel. Hosts alternate
 * sides (host 2k on the left, 2k+1 on the right), so any overlay spans the bottleneck.
 *
 * @verbatim
   h0 --\                          /-- h1
   h2 ---- left ==bottleneck== right ---- h3      leaves: leafRate, leafDelay
   h4 --/                          \-- h5      bottleneck: its own rate, delay, queue
   @endverbatim
 */
class LeadDumbbellTopology : public LeadTopology
{
  public:
    /**
     * @brief Build the dumbbell.
     * @param hosts number of hosts (>= 2)
     * @param leafRate rate of the host links
     * @param leafDelay delay of the host links
     * @param bottleneckRate rate of the router link
     * @param bottleneckDelay delay of the router link
     * @param bottleneckQueue queue size of the router link's devices, e.g. "100p"
     */
    LeadDumbbellTopology(uint32_t hosts,
                         const std::string& leafRate,
                         const std::string& leafDelay,
                         const std::string& bottleneckRate,
                         const std::string& bottleneckDelay,
                         const std::string& bottleneckQueue = "100p");
    ~LeadDumbbellTopology() override;

    // Inherited
    NodeContainer GetHosts() const override;
    NodeContainer GetAllNodes() const override;
    void EnablePcap(const std::string& prefix) override;
    std::string Describe() const override;

  private:
    PointToPointHelper m_leaf;                              //!< host links
    std::unique_ptr<PointToPointDumbbellHelper> m_dumbbell; //!< the layout
    NodeContainer m_hosts;                                  //!< hosts, alternating sides
    std::string m_description;                              //!< for Describe
};

} // namespace lead
} // namespace ns3

#endif // LEAD_DUMBBELL_TOPOLOGY_H
