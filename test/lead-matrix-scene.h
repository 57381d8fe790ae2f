/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_MATRIX_SCENE_H
#define LEAD_MATRIX_SCENE_H

// The set-up the simulator suites share: hosts on a synthetic latency matrix and an experiment
// on them, joins 100 ms apart; the caller sets attributes, then installs.

#include "ns3/lead-experiment-helper.h"
#include "ns3/lead-topology-factory.h"

#include <memory>

namespace tests
{

/**
 * @brief Create a synthetic latency matrix and an experiment for it.
 * @param hosts hosts on the matrix
 * @param keys keys the experiment loads
 * @param vnodes vnodes per node
 * @param net receives the topology
 * @param exp receives the experiment (not installed yet)
 */
inline void
MakeMatrixExperiment(uint32_t hosts,
                     uint64_t keys,
                     uint32_t vnodes,
                     std::unique_ptr<ns3::lead::LeadTopology>& net,
                     std::unique_ptr<ns3::lead::LeadExperimentHelper>& exp)
{
    ns3::lead::LeadTopologyFactory::Params p;
    p.name = "matrix";
    p.hosts = hosts;
    net = ns3::lead::LeadTopologyFactory::Create(p);
    ns3::lead::LeadExperimentHelper::Config cfg;
    cfg.keys = keys;
    cfg.vnodes = vnodes;
    cfg.joinSpacing = ns3::MilliSeconds(100);
    exp = std::make_unique<ns3::lead::LeadExperimentHelper>(cfg);
}

} // namespace tests

#endif // LEAD_MATRIX_SCENE_H
