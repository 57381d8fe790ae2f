/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_MODEL_SCENE_H
#define LEAD_MODEL_SCENE_H

// The scene of the model suites (lead-model, lead-update): a small ring on the synthetic
// latency matrix with LEAD, its oracle and the keys to load.

#include "lead-matrix-scene.h"

#include "ns3/core-module.h"
#include "ns3/lead-experiment-helper.h"
#include "ns3/lead-key-dataset.h"
#include "ns3/lead-node-app.h"
#include "ns3/lead-oracle.h"
#include "ns3/lead-topology-factory.h"
#include "ns3/network-module.h"

#include <memory>

namespace tests
{

using namespace ns3;
using namespace ns3::lead;

/// `hosts` nodes (24) x 2 vnodes on the synthetic matrix with LEAD installed and `keys` keys to
/// load.
struct ModelScene
{
    std::unique_ptr<LeadTopology> net;
    std::unique_ptr<LeadExperimentHelper> exp;
    ApplicationContainer apps;
    Ptr<LeadOracle> oracle;

    explicit ModelScene(uint64_t keys, uint32_t hosts = 24)
    {
        MakeMatrixExperiment(hosts, keys, 2, net, exp);
        apps = exp->Install(net->GetHosts());
        net->AssignStreams(1000);
        oracle = exp->GetOverlay().GetOracle();
    }

    Ptr<LeadNodeApp> App(uint32_t i) const
    {
        return DynamicCast<LeadNodeApp>(apps.Get(i));
    }

    /// Schedule the load of the keys after the joins settle; returns when it ends.
    Time Load()
    {
        return exp->ScheduleLoad(exp->GetLastJoin() + Seconds(10));
    }

    /// A stored key (the oracle's), drawn from `u`.
    uint64_t RandomKey(Ptr<UniformRandomVariable> u) const
    {
        const auto& keys = oracle->GetKeys();
        auto it = keys.begin();
        std::advance(it, u->GetInteger(0, keys.size() - 1));
        return it->first;
    }

    /// The next version of the nodes' model, trained on `n` uniform keys.
    Ptr<LearnedHashModel> NextModel(uint64_t n) const
    {
        Ptr<LearnedHashModel> start = App(0)->GetHashModel();
        Ptr<LearnedHashModel> next = start->Clone();
        next->Train(KeyDataset::Generate(KeyDistribution::UNIFORM, n, 8));
        next->SetVersion(start->GetVersion() + 1);
        return next;
    }
};

} // namespace tests

#endif // LEAD_MODEL_SCENE_H
