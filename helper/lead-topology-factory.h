/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_TOPOLOGY_FACTORY_H
#define LEAD_TOPOLOGY_FACTORY_H

#include "lead-topology.h"

#include <memory>
#include <string>
#include <vector>

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief Builds a substrate by name (the examples' --topology): star, dumbbell, csma, matrix
 * or inet, each from the parameters that concern it.
 */
class LeadTopologyFactory
{
  public:
    /// What a substrate is built from (the examples' flags).
    struct Params
    {
        std::string name{"star"};              //!< star, dumbbell, csma, matrix or inet
        uint32_t hosts{16};                    //!< hosts running the overlay
        std::string linkRate{"100Mbps"};       //!< host links (star, dumbbell, csma, inet)
        std::string linkDelay{"10ms"};         //!< host links (star, dumbbell, inet access)
        std::string linkQueue{"100p"};         //!< star: spoke queue
        std::string bottleneckRate{"100Mbps"}; //!< dumbbell: router link rate
        std::string bottleneckDelay{"20ms"};   //!< dumbbell: router link delay
        std::string bottleneckQueue{"1000p"};  //!< dumbbell: router link queue
        std::string lanDelay{"6560ns"};        //!< csma: propagation delay
        std::string topologyFile;              //!< inet: Inet-format file
        double msPerWeight{1};                 //!< inet: delay per unit of link weight
        std::string latencyMatrix;             //!< matrix: RTT file (empty: synthetic)
        bool oneWayIsEntry{false};             //!< matrix: entry = one-way delay (p2psim)
    };

    /**
     * @brief The substrate names.
     * @return star, dumbbell, csma, matrix, inet
     */
    static const std::vector<std::string>& Names();

    /**
     * @brief Build a substrate; aborts naming the choices for an unknown name, and naming
     * the flag for inet without a file.
     * @param p the parameters
     * @return the substrate
     */
    static std::unique_ptr<LeadTopology> Create(const Params& p);
};

} // namespace lead
} // namespace ns3

#endif // LEAD_TOPOLOGY_FACTORY_H
