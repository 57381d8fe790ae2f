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
 * Learned-hash benchmark: RMI vs SHA-1 (consistent hashing) vs linear (min-max) on every
 * synthetic distribution, measured in one run so that ratios compare like with like.
 *
 * Per (key count, distribution, model) it prints one Markdown row: build time per million
 * keys, hash evaluation time per key (random and sorted query order), model bytes, max and mean
 * rank error in % of N, order inversions over the sorted keys, and the max/mean keys per physical
 * peer for peers x vnodes = 8x1, 8x16, 8x256 and 490x1 (PeerHASH vnode ids). Then one line per data
 * set with the RMI/SHA-1 evaluation-time ratio.
 *
 * Run: `lead-hash-benchmark --keys=1000000,10000000` (the figures in doc/lead.rst).
 */

#include "ns3/command-line.h"
#include "ns3/consistent-hash-model.h"
#include "ns3/lead-hash-evaluator.h"
#include "ns3/lead-key-dataset.h"
#include "ns3/linear-hash-model.h"
#include "ns3/object-factory.h"
#include "ns3/rmi-hash-model.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <random>
#include <sstream>

using namespace ns3;
using namespace ns3::lead;

namespace
{

/// One ring configuration for the load measurement.
struct RingShape
{
    uint32_t peers;  //!< physical peers
    uint32_t vnodes; //!< vnodes per peer
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
Seconds(std::chrono::steady_clock::time_point a, std::chrono::steady_clock::time_point b)
{
    return std::chrono::duration<double>(b - a).count();
}

std::string
CpuModel()
{
    std::ifstream in("/proc/cpuinfo");
    std::string line;
    while (std::getline(in, line))
    {
        if (line.rfind("model name", 0) == 0)
        {
            return line.substr(line.find(':') + 2);
        }
    }
    return "unknown CPU";
}

/// Evaluation time per key over `queries` (random order), best of three passes.
double
EvalNsPerKey(const LearnedHashModel& m, const std::vector<uint64_t>& queries)
{
    double best = 1e30;
    uint64_t sink = 0;
    for (int pass = 0; pass < 3; ++pass)
    {
        auto t0 = std::chrono::steady_clock::now();
        for (auto k : queries)
        {
            sink += m.Hash(k);
        }
        auto t1 = std::chrono::steady_clock::now();
        best = std::min(best, Seconds(t0, t1) * 1e9 / queries.size());
    }
    volatile uint64_t keep = sink; // the hashes must be computed
    (void)keep;
    return best;
}

} // namespace

int
main(int argc, char* argv[])
{
    std::string keyCounts{"1000000"};
    std::string datasets{"all"};
    std::string models{"rmi,sha1,linear"};
    std::string root{"spline"};
    uint32_t leaves{0};
    uint64_t seed{1};
    bool quick{false};
    std::string csv;

    CommandLine cmd(__FILE__);
    cmd.AddValue("keys", "Comma-separated key counts", keyCounts);
    cmd.AddValue("datasets", "Comma-separated distributions, or all", datasets);
    cmd.AddValue("models", "Comma-separated models: rmi, sha1, linear", models);
    cmd.AddValue("root", "RMI root model: cubic, linear or spline", root);
    cmd.AddValue("leaves", "RMI leaves (0 = automatic)", leaves);
    cmd.AddValue("seed", "Key generator seed", seed);
    cmd.AddValue("quick", "Measure the load for 8x16 only", quick);
    cmd.AddValue("csv", "Also write the rows as CSV to this file", csv);
    cmd.Parse(argc, argv);

    std::vector<KeyDistribution> dists;
    if (datasets == "all")
    {
        dists = KeyDataset::GetAll();
    }
    else
    {
        for (const auto& name : Split(datasets))
        {
            KeyDistribution d;
            NS_ABORT_MSG_IF(!KeyDataset::ParseDistribution(name, d),
                            "--datasets: unknown distribution '" << name << "'");
            dists.push_back(d);
        }
    }
    std::vector<RingShape> shapes = {{8, 1}, {8, 16}, {8, 256}, {490, 1}};
    if (quick)
    {
        shapes = {{8, 16}};
    }

    std::ofstream csvOut;
    if (!csv.empty())
    {
        csvOut.open(csv);
        NS_ABORT_MSG_IF(!csvOut, "cannot open CSV file '" << csv << "'");
        csvOut << "keys,dataset,model,root,leaves,build_ms_per_mkeys,eval_ns_random,"
                  "eval_ns_sorted,model_bytes,"
                  "max_err_pct,mean_err_pct,avg_lg2_err,inversions";
        for (const auto& s : shapes)
        {
            csvOut << ",load_" << s.peers << "x" << s.vnodes;
        }
        csvOut << "\n";
    }

    std::cout << "# lead-hash-benchmark on " << CpuModel() << ", compiler " << __VERSION__
              << ", RMI root " << root << "\n\n";
    std::cout
        << "| keys | dataset | model | leaves | build ms/M keys | eval ns/key random | eval ns/key "
           "sorted | model bytes "
           "| max err % N | mean err % N | inversions |";
    for (const auto& s : shapes)
    {
        std::cout << " load " << s.peers << "x" << s.vnodes << " |";
    }
    std::cout << "\n|---|---|---|---|---|---|---|---|---|---|---|";
    for (size_t i = 0; i < shapes.size(); ++i)
    {
        std::cout << "---|";
    }
    std::cout << "\n";

    std::vector<std::string> ratioLines;
    for (const auto& countStr : Split(keyCounts))
    {
        const uint64_t n = std::stoull(countStr);
        for (auto dist : dists)
        {
            auto keys = KeyDataset::Generate(dist, n, seed);
            // Random-order queries: a sample of the keys, shuffled.
            std::vector<uint64_t> queries(std::min<uint64_t>(n, 2000000));
            // Sorted-order queries: a contiguous run of the sorted keys.
            std::vector<uint64_t> sortedQueries(keys.begin(), keys.begin() + queries.size());
            std::mt19937_64 rng(seed);
            for (size_t i = 0; i < queries.size(); ++i)
            {
                queries[i] = keys[rng() % keys.size()];
            }
            double rmiNs = 0;
            double shaNs = 0;
            for (const auto& name : Split(models))
            {
                Ptr<LearnedHashModel> m = LearnedHashModel::CreateByName(name);
                if (name == "rmi")
                {
                    m->SetAttribute("RootModel", StringValue(root));
                    m->SetAttribute("Leaves", UintegerValue(leaves));
                }
                auto t0 = std::chrono::steady_clock::now();
                m->Train(keys);
                auto t1 = std::chrono::steady_clock::now();
                const double buildMsPerM = Seconds(t0, t1) * 1e3 / (n / 1e6);
                const double evalNs = EvalNsPerKey(*m, queries);
                const double evalSortedNs = EvalNsPerKey(*m, sortedQueries);
                if (name == "rmi")
                {
                    rmiNs = evalNs;
                }
                if (name == "sha1")
                {
                    shaNs = evalNs;
                }
                auto q = HashEvaluator::Evaluate(*m, keys);
                std::vector<double> loads;
                for (const auto& s : shapes)
                {
                    auto ids = HashEvaluator::PeerIds(s.peers, s.vnodes);
                    loads.push_back(
                        HashEvaluator::MeasureLoad(*m, keys, ids, s.vnodes).maxOverMean);
                }
                std::cout << std::fixed << "| " << n << " | " << KeyDataset::GetName(dist) << " | "
                          << name << " | " << m->GetLeafCount() << " | " << std::setprecision(2)
                          << buildMsPerM << " | " << evalNs << " | " << evalSortedNs << " | "
                          << m->GetModelSizeBytes() << " | " << std::setprecision(4)
                          << q.maxErrorPct << " | " << q.meanErrorPct << " | " << q.inversions
                          << " |";
                for (double l : loads)
                {
                    std::cout << " " << std::setprecision(3) << l << " |";
                }
                std::cout << std::endl;
                if (csvOut.is_open())
                {
                    csvOut << n << "," << KeyDataset::GetName(dist) << "," << name << ","
                           << (name == "rmi" ? root : "-") << "," << m->GetLeafCount() << ","
                           << buildMsPerM << "," << evalNs << "," << evalSortedNs << ","
                           << m->GetModelSizeBytes() << "," << q.maxErrorPct << ","
                           << q.meanErrorPct << "," << q.avgLg2Error << "," << q.inversions;
                    for (double l : loads)
                    {
                        csvOut << "," << l;
                    }
                    csvOut << "\n";
                }
            }
            if (rmiNs > 0 && shaNs > 0)
            {
                std::ostringstream line;
                line << std::fixed << std::setprecision(3) << "ratio rmi/sha1 eval time, "
                     << KeyDataset::GetName(dist) << " " << n << " keys: " << rmiNs / shaNs;
                ratioLines.push_back(line.str());
            }
        }
    }
    std::cout << "\n";
    for (const auto& l : ratioLines)
    {
        std::cout << l << "\n";
    }
    return 0;
}
