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
 * Range queries, LEAD against its baselines on the same topology, keys, queries and seeds:
 *
 * - lead: learned hash (RMI), one lookup of the start key, then a successor walk
 *   (--range-walk=chain: each vnode passes the scan on; client: the client asks each vnode);
 * - chord: consistent hashing (SHA-1), one lookup and Get per key, sequentially;
 * - chord-batched: the same in batches of --batch-size, each batch waiting for its slowest;
 * - marques: a two-tier range partition: group leaders on the ring (learned hash), each with
 *   --group-size members holding equal sub-arcs of the leader's arcs;
 * - pht: a prefix hash tree (buckets of --pht-bucket keys) stored on the Chord DHT, range
 *   queries by parallel trie traversal;
 * - linear: min-max scaling, the LEAD walk (order-preserving without learning).
 *
 * For every system a fresh overlay is built on the same substrate: by default hosts whose
 * pairwise one-way delay is half an RTT matrix entry (the PlanetLab 490-host matrix with
 * --latency-matrix, else a synthetic matrix with its median), or a point-to-point star. Every
 * key is stored, then either (--workload=sequential) --queries ranges of each length in
 * --range-lengths run one after another from random nodes, or (--workload=poisson) --ops
 * operations arrive as a Poisson process of --rate per second, a mix of gets, puts of new keys
 * and range queries (--mix=get,put,range shares; lengths from --range-length, an ns-3 random
 * variable). Every answer is checked against the keys acknowledged before it was issued.
 *
 * Run: `lead-range-query-example --systems=lead,chord,chord-batched,marques,pht,linear`
 *
 * Output: one summary line per system, and with --csv one row per system and range length
 * (or operation kind): system,dataset,range_len,queries,mean_latency_ms,p50_latency_ms,
 * p99_latency_ms,mean_messages,mean_bytes,mean_nodes_visited,completeness,op,load_max_mean
 * (load_max_mean: most keys held by one vnode, or one member for marques, over the mean).
 */

#include "ns3/core-module.h"
#include "ns3/flow-monitor-helper.h"
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
#include <set>
#include <sstream>

using namespace ns3;

namespace
{

/// Measurements of one (system, range length or operation kind).
struct Cell
{
    std::vector<double> latencyMs; //!< per query
    double messages{0};            //!< sum
    double bytes{0};               //!< sum
    double visited{0};             //!< sum
    double length{0};              //!< sum of range lengths
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

const std::set<std::string> kSystems{"lead", "chord", "chord-batched", "marques", "pht", "linear"};

} // namespace

int
main(int argc, char* argv[])
{
    std::string systems{"lead,chord,chord-batched,marques,pht,linear"};
    std::string dataset{"lognormal"};
    uint64_t nKeys{5000};
    uint32_t nNodes{16};
    uint32_t vnodes{5};
    std::string rangeLengths{"10,100,1000"};
    uint32_t queries{10};
    uint32_t batchSize{100};
    uint32_t groupSize{5};
    uint32_t phtBucket{100};
    uint32_t valueSize{100};
    std::string rangeWalk{"chain"};
    std::string workload{"sequential"};
    uint32_t ops{200};
    double rate{5};
    std::string mix{"0.3,0.2,0.5"};
    std::string rangeLength{"ns3::ConstantRandomVariable[Constant=100]"};
    std::string linkRate{"100Mbps"};
    std::string linkDelay{"10ms"};
    std::string topology{"matrix"};
    std::string latencyMatrix;
    bool oneWayIsEntry{false};
    std::string timeouts{"auto"};
    bool progress{true};
    bool pcap{false};
    bool flowmon{false};
    std::string csv;

    CommandLine cmd(__FILE__);
    cmd.AddValue("systems",
                 "Comma-separated: lead, chord, chord-batched, marques, pht, linear",
                 systems);
    cmd.AddValue("dataset",
                 "Key distribution (uniform, normal, lognormal, zipf, clustered, "
                 "sequential)",
                 dataset);
    cmd.AddValue("n-keys", "Keys stored", nKeys);
    cmd.AddValue("n-nodes", "Physical nodes", nNodes);
    cmd.AddValue("vnodes", "Virtual nodes per physical node (marques: per leader)", vnodes);
    cmd.AddValue("range-lengths",
                 "sequential workload: comma-separated range lengths, in keys",
                 rangeLengths);
    cmd.AddValue("queries", "sequential workload: queries per range length", queries);
    cmd.AddValue("batch-size", "Gets per batch for chord-batched", batchSize);
    cmd.AddValue("group-size", "marques: members per group leader", groupSize);
    cmd.AddValue("pht-bucket", "pht: most keys per trie leaf", phtBucket);
    cmd.AddValue("value-size", "Value size in bytes", valueSize);
    cmd.AddValue("range-walk", "lead, linear, marques: chain or client", rangeWalk);
    cmd.AddValue("workload", "sequential (one query at a time) or poisson (a mix)", workload);
    cmd.AddValue("ops", "poisson workload: operations", ops);
    cmd.AddValue("rate", "poisson workload: operations per second", rate);
    cmd.AddValue("mix", "poisson workload: shares of get,put,range", mix);
    cmd.AddValue("range-length",
                 "poisson workload: keys per range, an ns-3 random variable, e.g. "
                 "ns3::UniformRandomVariable[Min=10|Max=1000]",
                 rangeLength);
    cmd.AddValue("link-rate", "star: rate of every spoke", linkRate);
    cmd.AddValue("link-delay", "star: one-way delay of every spoke", linkDelay);
    cmd.AddValue("topology",
                 "matrix (pairwise delays from --latency-matrix, or a synthetic PlanetLab-like "
                 "matrix) or star",
                 topology);
    cmd.AddValue("latency-matrix",
                 "RTT matrix file, e.g. the PlanetLab 490-host one",
                 latencyMatrix);
    cmd.AddValue("one-way-is-entry",
                 "Matrix entry = one-way delay (p2psim) instead of RTT",
                 oneWayIsEntry);
    cmd.AddValue("timeouts",
                 "auto: RPC, lookup and range-query timeouts from the largest RTT among the "
                 "hosts (at least the attribute defaults); default: the LeadNodeApp attribute "
                 "values (set them with --ns3::lead::LeadNodeApp::...)",
                 timeouts);
    cmd.AddValue("progress", "Print progress every 5 s of wall time", progress);
    cmd.AddValue("pcap",
                 "Write pcap files per host (lead-range-<system>-<node>-<device>.pcap) and the "
                 "messages sent per type (lead-range-<system>-tx.csv)",
                 pcap);
    cmd.AddValue("flowmon",
                 "Write FlowMonitor XML per system (lead-range-<system>-flowmon.xml)",
                 flowmon);
    cmd.AddValue("csv", "Write one row per system and range length to this file", csv);
    cmd.Parse(argc, argv);

    NS_ABORT_MSG_IF(topology != "matrix" && topology != "star",
                    "--topology=" << topology << ": use matrix or star");
    NS_ABORT_MSG_IF(workload != "sequential" && workload != "poisson",
                    "--workload=" << workload << ": use sequential or poisson");
    NS_ABORT_MSG_IF(nNodes < 2, "--n-nodes=" << nNodes << ": at least 2");
    NS_ABORT_MSG_IF(timeouts != "auto" && timeouts != "default",
                    "--timeouts=" << timeouts << ": use auto or default");
    std::shared_ptr<const lead::LatencyMatrix> matrix;
    if (topology == "matrix")
    {
        matrix = lead::LeadLatencyMatrixTopology::LoadOrGenerate(latencyMatrix, nNodes);
    }
    // Timeouts that suit the substrate: an RPC may take the largest round trip (the PlanetLab
    // matrix has pairs near 3 s; the attribute defaults are p2psim's 1 s).
    double maxRttMs = 0;
    if (topology == "matrix")
    {
        for (uint32_t i = 0; i < nNodes; ++i)
        {
            for (uint32_t j = 0; j < nNodes; ++j)
            {
                maxRttMs = std::max(maxRttMs, matrix->GetRttMs(i, j));
            }
        }
        maxRttMs *= oneWayIsEntry ? 2 : 1;
    }
    else
    {
        maxRttMs = 4 * Time(linkDelay).GetSeconds() * 1000;
    }
    const Time rpcTimeout = std::max(Seconds(1), MilliSeconds(1.25 * maxRttMs));
    const Time lookupTimeout = std::max(Seconds(2), 6 * rpcTimeout);
    const Time rangeTimeout = std::max(Seconds(10), 20 * rpcTimeout);

    std::vector<uint32_t> lengths;
    for (const auto& l : Split(rangeLengths))
    {
        lengths.push_back(static_cast<uint32_t>(std::stoul(l)));
        NS_ABORT_MSG_IF(workload == "sequential" && (lengths.back() == 0 || lengths.back() > nKeys),
                        "--range-lengths: " << l << " is not in [1, n-keys]");
    }
    const auto shares = Split(mix);
    NS_ABORT_MSG_IF(shares.size() != 3, "--mix=" << mix << ": give three shares get,put,range");
    std::ofstream csvOut;
    if (!csv.empty())
    {
        csvOut.open(csv);
        NS_ABORT_MSG_IF(!csvOut, "cannot write CSV file '" << csv << "'");
        csvOut << "system,dataset,range_len,queries,mean_latency_ms,p50_latency_ms,"
                  "p99_latency_ms,mean_messages,mean_bytes,mean_nodes_visited,completeness,op,"
                  "load_max_mean\n";
    }

    bool allExact = true;
    for (const auto& system : Split(systems))
    {
        NS_ABORT_MSG_IF(kSystems.count(system) == 0,
                        "--systems: unknown system '" << system << "'");
        const bool poisson = workload == "poisson";
        // Same keys, same queries, same seeds for every system. New keys for puts are held
        // out of the generated set, so they follow the same distribution.
        lead::LeadDatasetHelper data;
        data.SetDistribution(dataset);
        data.SetKeyCount(nKeys + (poisson ? ops : 0));
        data.AssignStreams(1);
        std::vector<uint64_t> keys;
        std::vector<uint64_t> fresh;
        {
            const std::vector<uint64_t> all = data.GetKeys();
            const size_t every = poisson ? std::max<size_t>(2, all.size() / ops) : 0;
            for (size_t i = 0; i < all.size(); ++i)
            {
                (every != 0 && i % every == every - 1 ? fresh : keys).push_back(all[i]);
            }
        }
        const std::set<uint64_t> dataKeys = [&]() {
            std::set<uint64_t> s(keys.begin(), keys.end());
            s.insert(fresh.begin(), fresh.end());
            return s;
        }();
        const bool ordered = system == "lead" || system == "marques" || system == "linear";
        Ptr<lead::LearnedHashModel> model = lead::LearnedHashModel::CreateByName(
            system == "linear" ? "linear" : (ordered ? "rmi" : "sha1"));
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
        overlay.SetAttribute("RangeWalk", StringValue(rangeWalk));
        if (timeouts == "auto")
        {
            overlay.SetAttribute("RpcInitialTimeout", TimeValue(rpcTimeout));
            overlay.SetAttribute("RpcMaxTimeout", TimeValue(rpcTimeout));
            overlay.SetAttribute("MaxLookupTime", TimeValue(lookupTimeout));
            overlay.SetAttribute("MaxRangeQueryTime", TimeValue(rangeTimeout));
        }
        ApplicationContainer apps = overlay.Install(leaves);
        overlay.AssignStreams(leaves, 10);
        auto app = [&apps](uint32_t i) { return DynamicCast<lead::LeadNodeApp>(apps.Get(i)); };

        // marques: the first nNodes / (1 + groupSize) nodes lead, the others are members.
        uint32_t ringNodes = nNodes;
        if (system == "marques")
        {
            ringNodes = std::max<uint32_t>(1, nNodes / (1 + groupSize));
            std::vector<std::vector<Ipv4Address>> groups(ringNodes);
            for (uint32_t i = ringNodes; i < nNodes; ++i)
            {
                app(i)->SetRole(lead::LeadNodeApp::ROLE_MEMBER);
                groups[(i - ringNodes) % ringNodes].push_back(
                    leaves.Get(i)->GetObject<Ipv4>()->GetAddress(1, 0).GetLocal());
            }
            for (uint32_t l = 0; l < ringNodes; ++l)
            {
                NS_ABORT_MSG_IF(groups[l].empty(),
                                "marques: --n-nodes=" << nNodes << " leaves leader " << l
                                                      << " without members");
                app(l)->SetGroupMembers(groups[l]);
            }
        }
        for (uint32_t i = 0; i < nNodes; ++i)
        {
            apps.Get(i)->SetStartTime(Seconds(1) + MilliSeconds(500) * (i % ringNodes));
        }
        std::vector<Ptr<lead::LeadPhtClient>> pht;
        std::unique_ptr<lead::PhtIndex> phtIndex;
        if (system == "pht")
        {
            phtIndex = std::make_unique<lead::PhtIndex>(keys, phtBucket);
            for (uint32_t i = 0; i < nNodes; ++i)
            {
                pht.push_back(CreateObject<lead::LeadPhtClient>());
                pht.back()->SetApp(app(i));
            }
        }
        Ptr<lead::LeadOracle> oracle = overlay.GetOracle();

        // Load: one PUT every 500 us (for the PHT, its trie markers and keys at their nodes'
        // positions); every one must be acknowledged.
        const Time putTime = Seconds(1) + MilliSeconds(500) * ringNodes + Seconds(20);
        std::vector<lead::LeadKeyStore::Item> load;
        if (phtIndex)
        {
            for (const auto& node : phtIndex->GetNodes())
            {
                const auto items = lead::LeadPhtClient::Items(node, valueSize, 0x5eed);
                load.insert(load.end(), items.begin(), items.end());
            }
        }
        else
        {
            for (uint64_t k : keys)
            {
                load.push_back({k, model->Hash(k), valueSize, k ^ 0x5eed});
            }
        }
        uint64_t loaded = 0;
        auto loadDone = Callback<void, const lead::KeyOpResult&>(
            [&loaded](const lead::KeyOpResult& r) { loaded += r.success ? 1 : 0; });
        for (size_t k = 0; k < load.size(); ++k)
        {
            Simulator::Schedule(putTime + MicroSeconds(500) * k, [&, k]() {
                const auto& it = load[k];
                if (phtIndex)
                {
                    app(k % ringNodes)->PutAt(it.key, it.hash, it.size, it.tag, loadDone);
                }
                else
                {
                    app(k % ringNodes)->Put(it.key, it.size, it.tag, loadDone);
                }
            });
        }
        const Time queryTime = putTime + MicroSeconds(500) * load.size() + Seconds(20);

        std::map<std::string, Cell> cells;
        std::set<uint64_t> puts; // new keys whose PUT was issued
        auto record = [&cells](const std::string& cell,
                               bool exact,
                               Time latency,
                               double messages,
                               double bytes,
                               double visited,
                               double length) {
            Cell& c = cells[cell];
            c.exact += exact ? 1 : 0;
            c.latencyMs.push_back(latency.GetSeconds() * 1000);
            c.messages += messages;
            c.bytes += bytes;
            c.visited += visited;
            c.length += length;
        };
        // Keys acknowledged so far in [lo, hi] (the PHT's trie markers are not data keys).
        auto storedIn = [&oracle, &dataKeys](uint64_t lo, uint64_t hi) {
            std::vector<uint64_t> in;
            const auto& stored = oracle->GetKeys();
            for (auto it = stored.lower_bound(lo); it != stored.end() && it->first <= hi; ++it)
            {
                if (dataKeys.count(it->first) != 0)
                {
                    in.push_back(it->first);
                }
            }
            return in;
        };

        // A range query: every key acknowledged before the issue must be in the answer; keys
        // whose PUT was still running may be.
        auto issueRange = [&](uint32_t from,
                              uint64_t lo,
                              uint64_t hi,
                              const std::string& cell,
                              std::function<void()> then) {
            const std::vector<uint64_t> before = storedIn(lo, hi);
            auto done = Callback<void, const lead::RangeQueryResult&>(
                [&, before, lo, hi, cell, then](const lead::RangeQueryResult& r) {
                    bool exact =
                        r.complete &&
                        std::includes(r.keys.begin(), r.keys.end(), before.begin(), before.end());
                    for (uint64_t k : r.keys)
                    {
                        exact = exact && k >= lo && k <= hi &&
                                (std::binary_search(before.begin(), before.end(), k) ||
                                 puts.count(k) != 0);
                    }
                    allExact = allExact && exact;
                    if (!exact)
                    {
                        std::cerr << "inexact answer: " << system << " [" << lo << ", " << hi
                                  << "] complete=" << r.complete << " keys=" << r.keys.size()
                                  << " stored before=" << before.size() << "\n";
                    }
                    record(cell,
                           exact,
                           r.latency,
                           r.messages,
                           r.bytes,
                           r.nodesVisited,
                           static_cast<double>(before.size()));
                    if (then)
                    {
                        then();
                    }
                });
            if (ordered)
            {
                app(from)->RangeQuery(lo, hi, done);
            }
            else if (system == "pht")
            {
                pht[from]->RangeQuery(lo, hi, done);
            }
            else
            {
                // Chord fetches each key it knows to be stored in the range.
                app(from)->RangeQueryPerKey(before, system == "chord" ? 1 : batchSize, done);
            }
        };
        auto keyOpDone = [&](const std::string& cell, bool mustFind) {
            return Callback<void, const lead::KeyOpResult&>(
                [&, cell, mustFind](const lead::KeyOpResult& r) {
                    const bool ok = r.success && (!mustFind || r.found);
                    allExact = allExact && ok;
                    record(cell, ok, r.latency, r.messages, 0, 1, 1);
                });
        };

        std::unique_ptr<ShowProgress> meter;
        if (!poisson)
        {
            // Queries one after another (each issued 1 s after the previous answer), so that
            // no two interfere; the run stops after the last answer.
            struct Spec
            {
                uint32_t len;
                uint32_t from;
                uint32_t first;
            };

            std::vector<Spec> specs;
            Ptr<UniformRandomVariable> rng = CreateObject<UniformRandomVariable>();
            rng->SetStream(77);
            for (uint32_t len : lengths)
            {
                for (uint32_t q = 0; q < queries; ++q)
                {
                    const uint32_t first = rng->GetInteger(0, keys.size() - len);
                    const uint32_t from = rng->GetInteger(0, nNodes - 1) % ringNodes;
                    specs.push_back({len, from, first});
                }
            }
            auto next = std::make_shared<size_t>(0);
            auto issueNext = std::make_shared<std::function<void()>>();
            *issueNext = [&, next, issueNext, specs]() {
                if (*next >= specs.size())
                {
                    Simulator::Stop(Seconds(1));
                    return;
                }
                const Spec& s = specs[(*next)++];
                issueRange(s.from,
                           keys[s.first],
                           keys[s.first + s.len - 1],
                           std::to_string(s.len),
                           [issueNext]() { Simulator::Schedule(Seconds(1), *issueNext); });
            };
            Simulator::Schedule(queryTime, *issueNext);
            Simulator::Stop(Seconds(1000000)); // safety net; the last answer stops the run
        }
        else
        {
            auto gen = CreateObject<lead::LeadWorkload>();
            gen->SetAttribute("Operations", UintegerValue(ops));
            gen->SetAttribute("ArrivalRate", DoubleValue(rate));
            gen->SetAttribute("GetShare", DoubleValue(std::stod(shares[0])));
            gen->SetAttribute("PutShare", DoubleValue(std::stod(shares[1])));
            gen->SetAttribute("RangeShare", DoubleValue(std::stod(shares[2])));
            gen->SetAttribute("RangeLength", StringValue(rangeLength));
            gen->AssignStreams(500);
            const auto schedule = gen->Generate(keys, fresh, ringNodes, queryTime);
            for (const auto& op : schedule)
            {
                Simulator::Schedule(op.time, [&, op]() {
                    switch (op.kind)
                    {
                    case lead::WorkloadOp::GET:
                        if (system == "pht")
                        {
                            issueRange(op.client, op.key, op.key, "get", {});
                        }
                        else
                        {
                            app(op.client)->Get(op.key, keyOpDone("get", true));
                        }
                        break;
                    case lead::WorkloadOp::PUT:
                        puts.insert(op.key);
                        if (system == "pht")
                        {
                            pht[op.client]->Insert(op.key,
                                                   valueSize,
                                                   op.key ^ 0x5eed,
                                                   keyOpDone("put", false));
                        }
                        else
                        {
                            app(op.client)->Put(op.key,
                                                valueSize,
                                                op.key ^ 0x5eed,
                                                keyOpDone("put", false));
                        }
                        break;
                    case lead::WorkloadOp::RANGE:
                        issueRange(op.client, op.key, op.endKey, "range", {});
                        break;
                    }
                });
            }
            // Everything answered well before: lookups and range queries give up by then.
            Simulator::Stop((schedule.empty() ? queryTime : schedule.back().time) + Seconds(120));
        }
        const std::string prefix = "lead-range-" + system;
        // Messages each type sent over the network (the Tx trace), to compare with the pcap.
        std::map<std::string, uint64_t> txCount;
        if (pcap)
        {
            for (uint32_t i = 0; i < nNodes; ++i)
            {
                app(i)->TraceConnectWithoutContext(
                    "Tx",
                    MakeCallback(+[](std::map<std::string, uint64_t>* count,
                                     lead::LeadMessageType type,
                                     lead::LeadPurpose,
                                     uint32_t,
                                     uint64_t) {
                        ++(*count)[lead::LeadMessageTypeName(type)];
                    }).Bind(&txCount));
            }
            if (star)
            {
                star->EnablePcap(prefix);
            }
            else
            {
                hosts->EnablePcap(prefix);
            }
        }
        FlowMonitorHelper flowmonHelper;
        Ptr<FlowMonitor> monitor;
        if (flowmon)
        {
            monitor = flowmonHelper.Install(leaves);
        }
        if (progress)
        {
            meter = std::make_unique<ShowProgress>(Seconds(5), std::cerr);
        }
        Simulator::Run();
        meter.reset();
        if (monitor)
        {
            monitor->SerializeToXmlFile(prefix + "-flowmon.xml", true, true);
        }
        if (pcap)
        {
            std::ofstream tx(prefix + "-tx.csv");
            NS_ABORT_MSG_IF(!tx, "cannot write " << prefix << "-tx.csv");
            tx << "type,messages\n";
            for (const auto& kv : txCount)
            {
                tx << kv.first << "," << kv.second << "\n";
            }
        }

        // Load balance: keys held per vnode (marques: per member), max over mean.
        std::vector<uint64_t> held;
        for (uint32_t i = 0; i < nNodes; ++i)
        {
            const bool member = app(i)->GetRole() == lead::LeadNodeApp::ROLE_MEMBER;
            if (system == "marques" && !member)
            {
                continue;
            }
            uint64_t node = 0;
            for (uint32_t v = 0; v < app(i)->GetVnodeCount(); ++v)
            {
                if (member)
                {
                    node += app(i)->GetStore(v).GetSize();
                }
                else
                {
                    held.push_back(app(i)->GetStore(v).GetSize());
                }
            }
            if (member)
            {
                held.push_back(node);
            }
        }
        double heldSum = 0;
        for (auto h : held)
        {
            heldSum += static_cast<double>(h);
        }
        const double loadMaxMean =
            heldSum > 0 ? static_cast<double>(*std::max_element(held.begin(), held.end())) /
                              (heldSum / static_cast<double>(held.size()))
                        : 0;

        std::ostringstream line;
        line << std::fixed << std::setprecision(1) << "summary: system=" << system
             << " dataset=" << dataset << " keys=" << keys.size();
        std::vector<std::string> order;
        if (poisson)
        {
            order = {"get", "put", "range"};
        }
        for (uint32_t len : lengths)
        {
            if (!poisson)
            {
                order.push_back(std::to_string(len));
            }
        }
        uint32_t answered = 0;
        uint32_t exact = 0;
        for (const auto& name : order)
        {
            const Cell& c = cells[name];
            exact += c.exact;
            const double n = std::max<size_t>(1, c.latencyMs.size());
            answered += static_cast<uint32_t>(c.latencyMs.size());
            double sum = 0;
            for (double v : c.latencyMs)
            {
                sum += v;
            }
            const std::string label = poisson ? name : "len" + name;
            line << " " << label << "_ms=" << sum / n << " " << label << "_msgs=" << c.messages / n;
            if (csvOut.is_open() && !c.latencyMs.empty())
            {
                const std::string rangeLen =
                    poisson ? std::to_string(static_cast<uint64_t>(c.length / n + 0.5)) : name;
                csvOut << system << "," << dataset << "," << rangeLen << "," << c.latencyMs.size()
                       << "," << sum / n << "," << Percentile(c.latencyMs, 50) << ","
                       << Percentile(c.latencyMs, 99) << "," << c.messages / n << "," << c.bytes / n
                       << "," << c.visited / n << "," << static_cast<double>(c.exact) / n << ","
                       << (poisson ? name : "range") << "," << loadMaxMean << "\n";
            }
        }
        const uint32_t issued = poisson ? ops : queries * static_cast<uint32_t>(lengths.size());
        allExact = allExact && answered == issued;
        allExact = allExact && loaded == load.size();
        line << " stored=" << loaded << "/" << load.size()
             << " load_max/mean=" << std::setprecision(2) << loadMaxMean << " exact=" << exact
             << "/" << issued;
        std::cout << line.str() << std::endl;
        Simulator::Destroy();
    }
    std::cout << "status=" << (allExact ? "ok" : "INCOMPLETE") << std::endl;
    return allExact ? 0 : 1;
}
