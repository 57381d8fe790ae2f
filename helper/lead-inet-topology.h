/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_INET_TOPOLOGY_H
#define LEAD_INET_TOPOLOGY_H

#include "ns3/ipv4-address.h"
#include "ns3/lead-topology.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/topology-reader.h"

#include <string>
#include <vector>

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief A router-level topology read with ns-3's topology-read module (Inet format: a line
 * "routers links", one line per router, then "from to weight" per link), with the overlay
 * hosts attached round-robin to the edge routers (those of degree 1; every router if there is
 * none).
 *
 * Router links are point-to-point with a delay of weight x DelayPerWeight; each host has its
 * own access link. Routes are static and aggregated: the hosts of edge router e live in
 * 10.(64+e).0.0/16, and every router holds one route per edge router, toward the shortest
 * path (by delay) next hop. No FqCoDel. At most 190 routers.
 *
 * @verbatim
   host -- stub router -- distribution -- core == core -- distribution -- stub -- host
                (example file: examples/topologies/lead-inet-24.txt, 24 routers)
   @endverbatim
 */
class LeadInetTopology : public LeadTopology
{
  public:
    /**
     * @brief Read the file and build the network. Aborts naming the file if it cannot be
     * read, has no links, or is not connected.
     * @param file Inet topology file
     * @param hosts number of overlay hosts (>= 2)
     * @param linkRate rate of router and access links
     * @param msPerWeight link delay per unit of weight, in ms
     * @param accessDelay delay of a host's access link
     */
    LeadInetTopology(const std::string& file,
                     uint32_t hosts,
                     const std::string& linkRate,
                     double msPerWeight,
                     const std::string& accessDelay);

    // Inherited
    NodeContainer GetHosts() const override;
    NodeContainer GetAllNodes() const override;
    void EnablePcap(const std::string& prefix) override;
    std::string Describe() const override;

    /**
     * @brief The routers, in the order the file names them.
     * @return the routers
     */
    NodeContainer GetRouters() const;

  private:
    /// A router link as seen from one end.
    struct Edge
    {
        uint32_t to{0};      //!< router at the other end
        double ms{0};        //!< delay
        Ipv4Address nextHop; //!< the neighbour's address on this link
        uint32_t iface{0};   //!< our interface on this link
    };

    void LinkRouters(Ptr<TopologyReader> topo,
                     const std::string& file,
                     const std::string& linkRate,
                     double msPerWeight);
    std::vector<uint32_t> EdgeRouters() const;
    void AttachHosts(uint32_t hosts,
                     const std::vector<uint32_t>& edges,
                     const std::string& linkRate,
                     const std::string& accessDelay);
    void RouteToEdges(const std::string& file);

    std::vector<std::vector<Edge>> m_adj;   //!< router links, per router
    std::vector<uint32_t> m_edgesWithHosts; //!< edge routers with hosts, ascending
    PointToPointHelper m_access;            //!< host access links
    NodeContainer m_routers;                //!< routers
    NodeContainer m_hosts;                  //!< hosts
    std::string m_description;              //!< for Describe
};

} // namespace lead
} // namespace ns3

#endif // LEAD_INET_TOPOLOGY_H
