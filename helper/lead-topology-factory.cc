/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-topology-factory.h"

#include "lead-csma-topology.h"
#include "lead-dumbbell-topology.h"
#include "lead-inet-topology.h"
#include "lead-latency-matrix-topology.h"
#include "lead-star-topology.h"

#include "ns3/abort.h"

namespace ns3
{
namespace lead
{

const std::vector<std::string>&
LeadTopologyFactory::Names()
{
    static const std::vector<std::string> names{"star", "dumbbell", "csma", "matrix", "inet"};
    return names;
}

std::unique_ptr<LeadTopology>
LeadTopologyFactory::Create(const Params& p)
{
    if (p.name == "star")
    {
        return std::make_unique<LeadStarTopology>(p.hosts, p.linkRate, p.linkDelay, p.linkQueue);
    }
    if (p.name == "dumbbell")
    {
        return std::make_unique<LeadDumbbellTopology>(p.hosts,
                                                      p.linkRate,
                                                      p.linkDelay,
                                                      p.bottleneckRate,
                                                      p.bottleneckDelay,
                                                      p.bottleneckQueue);
    }
    if (p.name == "csma")
    {
        return std::make_unique<LeadCsmaTopology>(p.hosts, p.linkRate, p.lanDelay);
    }
    if (p.name == "matrix")
    {
        return std::make_unique<LeadLatencyMatrixTopology>(
            LeadLatencyMatrixTopology::LoadOrGenerate(p.latencyMatrix, p.hosts),
            p.hosts,
            p.oneWayIsEntry);
    }
    if (p.name == "inet")
    {
        NS_ABORT_MSG_IF(p.topologyFile.empty(),
                        "--topology=inet needs --topology-file (e.g. "
                        "examples/topologies/lead-inet-24.txt)");
        return std::make_unique<LeadInetTopology>(p.topologyFile,
                                                  p.hosts,
                                                  p.linkRate,
                                                  p.msPerWeight,
                                                  p.linkDelay);
    }
    NS_ABORT_MSG("--topology=" << p.name << ": use star, dumbbell, csma, matrix or inet");
    return nullptr;
}

} // namespace lead
} // namespace ns3
