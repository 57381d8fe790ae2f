/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

// Google Benchmark micro-benchmarks of one hash evaluation per model, on 10^6 lognormal keys
// queried in random order. Complements lead-hash-benchmark, which prints the full table.

#include "ns3/consistent-hash-model.h"
#include "ns3/lead-key-dataset.h"
#include "ns3/linear-hash-model.h"
#include "ns3/object-factory.h"
#include "ns3/rmi-hash-model.h"
#include "ns3/string.h"

#include <benchmark/benchmark.h>
#include <random>

using namespace ns3;
using namespace ns3::lead;

namespace
{

const std::vector<uint64_t>&
Keys()
{
    static const auto keys = KeyDataset::Generate(KeyDistribution::LOGNORMAL, 1000000, 1);
    return keys;
}

const std::vector<uint64_t>&
Queries()
{
    static const auto queries = [] {
        std::mt19937_64 rng(2);
        std::vector<uint64_t> q(1 << 16);
        for (auto& k : q)
        {
            k = Keys()[rng() % Keys().size()];
        }
        return q;
    }();
    return queries;
}

void
RunModel(benchmark::State& state, Ptr<LearnedHashModel> model)
{
    model->Train(Keys());
    const auto& q = Queries();
    size_t i = 0;
    for (auto _ : state)
    {
        benchmark::DoNotOptimize(model->Hash(q[i++ & (q.size() - 1)]));
    }
    state.SetItemsProcessed(state.iterations());
}

void
BmRmiCubic(benchmark::State& state)
{
    RunModel(state, CreateObjectWithAttributes<RmiHashModel>("RootModel", StringValue("cubic")));
}

void
BmRmiSpline(benchmark::State& state)
{
    RunModel(state, CreateObjectWithAttributes<RmiHashModel>("RootModel", StringValue("spline")));
}

void
BmSha1(benchmark::State& state)
{
    RunModel(state, CreateObject<ConsistentHashModel>());
}

void
BmLinear(benchmark::State& state)
{
    RunModel(state, CreateObject<LinearHashModel>());
}

} // namespace

BENCHMARK(BmRmiCubic);
BENCHMARK(BmRmiSpline);
BENCHMARK(BmSha1);
BENCHMARK(BmLinear);
BENCHMARK_MAIN();
