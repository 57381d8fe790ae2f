/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

/**
 * @file
 * @ingroup lead
 * Range queries, LEAD against its baselines on the same topology, keys, ranges and seeds:
 *
 * - lead: learned hash (RMI), one lookup of the start key, then a successor walk;
 * - linear: min-max scaling, the same walk (order-preserving without learning);
 * - chord: consistent hashing (SHA-1), one lookup and Get per key, sequentially;
 * - chord-batched: the same in batches of --batchSize, each batch waiting for its slowest.
 *
 * For every system a fresh overlay is built on the same substrate: by default hosts whose
 * pairwise one-way delay is half an RTT matrix entry (the PlanetLab 490-host matrix with
 * --latencyMatrix, else a synthetic matrix with its median), or a point-to-point star. Every
 * key is stored, then --queries ranges of each length in --rangeLengths are queried one
 * after another from random nodes. Each answer is compared with the keys the oracle knows to be
 * stored (completeness = share of queries answered exactly).
 *
 * Run: `lead-range-query-example --systems=lead,chord,chord-batched,linear --csv=range.csv`
 *
 * Output: one summary line per system, and with --csv one row per system and range length:
 * system,dataset,range_len,queries,mean_latency_ms,p50_latency_ms,p99_latency_ms,
 * mean_messages,mean_bytes,mean_nodes_visited,completeness
 */

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/lead-module.h"
#include "ns3/network-module.h"

#include <algorithm>
#include <fstream>
#include <functional>
#include <iomanip>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>

using namespace ns3;

namespace
{

/// Measurements of one (system, range length).
struct Cell
{
    std::vector<double> latencyMs; //!< per query
    double messages{0};            //!< sum
    double bytes{0};               //!< sum
    double visited{0};             //!< sum
    uint32_t exact{0};             //!< queries answered exactly
};

std::vector<std::string>
Split(const std::string& s)
{
    std::vector<std::string> out;
    std::stringstream ss(s);
    std::string item;
    while (std::getline(ss, item, ','))
    {
        if (!item.empty())
        {
            out.push_back(item);
        }
    }
    return out;
}

double
Percentile(std::vector<double> v, double p)
{
    if (v.empty())
    {
        return 0;
    }
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<size_t>(p / 100.0 * (v.size() - 1) + 0.5))];
}

} // namespace

int
main(int argc, char* argv[])
{
    std::string systems{"lead,chord,chord-batched,linear"};
    std::string dataset{"lognormal"};
    uint64_t nKeys{5000};
    uint32_t nNodes{16};
    uint32_t vnodes{5};
    std::string rangeLengths{"10,100,1000"};
    uint32_t queries{10};
    uint32_t batchSize{100};
    uint32_t valueSize{100};
    std::string linkRate{"100Mbps"};
    std::string linkDelay{"10ms"};
    std::string topology{"matrix"};
    std::string latencyMatrix;
    bool oneWayIsEntry{false};
    bool progress{true};
    std::string csv;

    CommandLine cmd(__FILE__);
    cmd.AddValue("systems", "Comma-separated: lead, chord, chord-batched, linear", systems);
    cmd.AddValue("dataset",
                 "Key distribution (uniform, normal, lognormal, zipf, clustered, "
                 "sequential)",
                 dataset);
    cmd.AddValue("nKeys", "Keys stored", nKeys);
    cmd.AddValue("nNodes", "Physical nodes", nNodes);
    cmd.AddValue("vnodes", "Virtual nodes per physical node", vnodes);
    cmd.AddValue("rangeLengths", "Comma-separated range lengths, in keys", rangeLengths);
    cmd.AddValue("queries", "Queries per range length", queries);
    cmd.AddValue("batchSize", "Gets per batch for chord-batched", batchSize);
    cmd.AddValue("valueSize", "Value size in bytes", valueSize);
    cmd.AddValue("linkRate", "Rate of every spoke", linkRate);
    cmd.AddValue("linkDelay", "One-way delay of every spoke", linkDelay);
    cmd.AddValue("topology",
                 "matrix (pairwise delays from --latencyMatrix, or a synthetic PlanetLab-like "
                 "matrix) or star",
                 topology);
    cmd.AddValue("latencyMatrix",
                 "RTT matrix file, e.g. the PlanetLab 490-host one",
                 latencyMatrix);
    cmd.AddValue("oneWayIsEntry",
                 "Matrix entry = one-way delay (p2psim) instead of RTT",
                 oneWayIsEntry);
    cmd.AddValue("progress", "Print progress every 5 s of wall time", progress);
    cmd.AddValue("csv", "Write one row per system and range length to this file", csv);
    cmd.Parse(argc, argv);

    NS_ABORT_MSG_IF(topology != "matrix" && topology != "star",
                    "--topology=" << topology << ": use matrix or star");
    auto matrix = std::make_shared<lead::LatencyMatrix>();
    if (topology == "matrix")
    {
        if (latencyMatrix.empty())
        {
            matrix->Generate(nNodes, 2024);
        }
        else
        {
            std::string error;
            NS_ABORT_MSG_IF(!matrix->Load(latencyMatrix, &error), error);
            NS_ABORT_MSG_IF(matrix->GetSize() < nNodes,
                            "--latencyMatrix has " << matrix->GetSize()
                                                   << " hosts, --nNodes=" << nNodes);
        }
    }

    std::vector<uint32_t> lengths;
    for (const auto& l : Split(rangeLengths))
    {
        lengths.push_back(static_cast<uint32_t>(std::stoul(l)));
        NS_ABORT_MSG_IF(lengths.back() == 0 || lengths.back() > nKeys,
                        "--rangeLengths: " << l << " is not in [1, nKeys]");
    }
    std::ofstream csvOut;
    if (!csv.empty())
    {
        csvOut.open(csv);
        NS_ABORT_MSG_IF(!csvOut, "cannot write CSV file '" << csv << "'");
        csvOut << "system,dataset,range_len,queries,mean_latency_ms,p50_latency_ms,"
                  "p99_latency_ms,mean_messages,mean_bytes,mean_nodes_visited,completeness\n";
    }

    bool allExact = true;
    for (const auto& system : Split(systems))
    {
        NS_ABORT_MSG_IF(system != "lead" && system != "chord" && system != "chord-batched" &&
                            system != "linear",
                        "--systems: unknown system '" << system << "'");
        // Same keys, same ranges, same seeds for every system.
        lead::LeadDatasetHelper data;
        data.SetDistribution(dataset);
        data.SetKeyCount(nKeys);
        data.AssignStreams(1);
        const std::vector<uint64_t> keys = data.GetKeys();
        Ptr<lead::LearnedHashModel> model = lead::LearnedHashModel::CreateByName(
            system == "lead" ? "rmi" : (system == "linear" ? "linear" : "sha1"));
        model->Train(keys);

        std::unique_ptr<lead::LeadStarTopology> star;
        std::unique_ptr<lead::LeadLatencyMatrixTopology> hosts;
        NodeContainer leaves;
        if (topology == "star")
        {
            star = std::make_unique<lead::LeadStarTopology>(nNodes, linkRate, linkDelay);
            leaves = star->GetLeaves();
            star->AssignStreams(1000);
        }
        else
        {
            hosts =
                std::make_unique<lead::LeadLatencyMatrixTopology>(matrix, nNodes, oneWayIsEntry);
            leaves = hosts->GetHosts();
            hosts->AssignStreams(1000);
        }
        lead::LeadHelper overlay;
        overlay.SetHashModel(model);
        overlay.SetAttribute("VnodesPerNode", UintegerValue(vnodes));
        ApplicationContainer apps = overlay.Install(leaves);
        overlay.AssignStreams(leaves, 10);
        for (uint32_t i = 0; i < nNodes; ++i)
        {
            apps.Get(i)->SetStartTime(Seconds(1) + MilliSeconds(500) * i);
        }
        Ptr<lead::LeadOracle> oracle = overlay.GetOracle();
        auto app = [&apps](uint32_t i) { return DynamicCast<lead::LeadNodeApp>(apps.Get(i)); };

        const Time putTime = Seconds(1) + MilliSeconds(500) * nNodes + Seconds(20);
        for (uint64_t k = 0; k < keys.size(); ++k)
        {
            Simulator::Schedule(putTime + MicroSeconds(500 * k),
                                [&app, &keys, k, nNodes, valueSize]() {
                                    app(k % nNodes)->Put(keys[k], valueSize, keys[k] ^ 0x5eed, {});
                                });
        }

        // Queries one after another (each issued 1 s after the previous answer), so that no
        // two interfere; the run stops after the last answer.
        struct Spec
        {
            uint32_t len;
            uint32_t from;
            std::vector<uint64_t> range;
        };

        std::vector<Spec> specs;
        Ptr<UniformRandomVariable> rng = CreateObject<UniformRandomVariable>();
        rng->SetStream(77);
        for (uint32_t len : lengths)
        {
            for (uint32_t q = 0; q < queries; ++q)
            {
                const uint32_t first = rng->GetInteger(0, keys.size() - len);
                const uint32_t from = rng->GetInteger(0, nNodes - 1);
                specs.push_back(
                    {len,
                     from,
                     std::vector<uint64_t>(keys.begin() + first, keys.begin() + first + len)});
            }
        }
        std::map<uint32_t, Cell> cells;
        size_t next = 0;
        std::function<void()> issueNext;
        issueNext = [&]() {
            if (next >= specs.size())
            {
                Simulator::Stop(Seconds(1));
                return;
            }
            const Spec& spec = specs[next++];
            const uint32_t len = spec.len;
            const std::vector<uint64_t> range = spec.range;
            auto done = Callback<void, const lead::RangeQueryResult&>(
                [&cells, &allExact, &issueNext, oracle, range, len](
                    const lead::RangeQueryResult& r) {
                    std::vector<uint64_t> want;
                    for (const auto& kv : oracle->GetKeys())
                    {
                        if (kv.first >= range.front() && kv.first <= range.back())
                        {
                            want.push_back(kv.first);
                        }
                    }
                    Cell& c = cells[len];
                    const bool exact = r.complete && r.keys == want;
                    c.exact += exact ? 1 : 0;
                    allExact = allExact && exact;
                    c.latencyMs.push_back(r.latency.GetSeconds() * 1000);
                    c.messages += r.messages;
                    c.bytes += r.bytes;
                    c.visited += r.nodesVisited;
                    Simulator::Schedule(Seconds(1), issueNext);
                });
            if (system == "lead" || system == "linear")
            {
                app(spec.from)->RangeQuery(range.front(), range.back(), done);
            }
            else
            {
                app(spec.from)->RangeQueryPerKey(range, system == "chord" ? 1 : batchSize, done);
            }
        };
        Simulator::Schedule(putTime + MicroSeconds(500 * keys.size()) + Seconds(20), issueNext);
        Simulator::Stop(Seconds(100000)); // safety net; the last answer stops the run earlier
        std::unique_ptr<ShowProgress> meter;
        if (progress)
        {
            meter = std::make_unique<ShowProgress>(Seconds(5), std::cerr);
        }
        Simulator::Run();
        meter.reset();

        std::ostringstream line;
        line << std::fixed << std::setprecision(1) << "summary: system=" << system
             << " dataset=" << dataset << " keys=" << keys.size();
        for (uint32_t len : lengths)
        {
            const Cell& c = cells[len];
            const double n = std::max<size_t>(1, c.latencyMs.size());
            double sum = 0;
            for (double v : c.latencyMs)
            {
                sum += v;
            }
            line << " len" << len << "_ms=" << sum / n << " len" << len
                 << "_msgs=" << c.messages / n;
            if (csvOut.is_open())
            {
                csvOut << system << "," << dataset << "," << len << "," << c.latencyMs.size() << ","
                       << sum / n << "," << Percentile(c.latencyMs, 50) << ","
                       << Percentile(c.latencyMs, 99) << "," << c.messages / n << "," << c.bytes / n
                       << "," << c.visited / n << "," << static_cast<double>(c.exact) / n << "\n";
            }
            allExact = allExact && c.latencyMs.size() == queries;
        }
        std::cout << line.str() << std::endl;
        Simulator::Destroy();
    }
    std::cout << "status=" << (allExact ? "ok" : "INCOMPLETE") << std::endl;
    return allExact ? 0 : 1;
}
