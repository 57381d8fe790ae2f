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
 * p99_latency_ms,mean_messages,mean_bytes,mean_nodes_visited,completeness,op,load_max_mean,
 * peer_load_max_mean,floor_ms (load_max_mean: most keys held by one vnode, or one member for
 * marques, over the mean; peer_load_max_mean: the same per physical peer, its vnodes together;
 * floor_ms: the mean round trip from each query's client to the host holding its start key,
 * the physical floor of any answer; nan where the substrate does not know its round trips).
 */

#include "ns3/core-module.h"
#include "ns3/flow-monitor-helper.h"
#include "ns3/internet-module.h"
#include "ns3/lead-module.h"
#include "ns3/network-module.h"

#include <algorithm>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>

using namespace ns3;

namespace
{

/// The command line.
struct Options
{
    std::string systems{"lead,chord,chord-batched,marques,pht,linear"};
    std::string dataset{"lognormal"};
    uint64_t nKeys{5000};
    uint32_t nNodes{16};
    uint32_t vnodes{5};
    std::string balancer{"static"};
    Time balanceTime{Seconds(300)};
    std::string rangeLengths{"10,100,1000"};
    uint32_t queries{10};
    uint32_t batchSize{100};
    uint32_t groupSize{5};
    uint32_t phtBucket{100};
    uint32_t valueSize{100};
    bool preload{false};
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
    std::string peerLoads;
};

void
Parse(int argc, char* argv[], Options& o)
{
    CommandLine cmd(__FILE__);
    cmd.AddValue("systems",
                 "Comma-separated: lead, chord, chord-batched, marques, pht, linear",
                 o.systems);
    cmd.AddValue("dataset",
                 "Key distribution (uniform, normal, lognormal, zipf, clustered, sequential)",
                 o.dataset);
    cmd.AddValue("n-keys", "Keys stored", o.nKeys);
    cmd.AddValue("n-nodes", "Physical nodes", o.nNodes);
    cmd.AddValue("vnodes", "Virtual nodes per physical node (marques: per leader)", o.vnodes);
    cmd.AddValue("balancer",
                 "Shadow Balancer: off (one vnode per node), static (--vnodes per node) or "
                 "dynamic (static, then shadow vnodes added and shed for --balance-time)",
                 o.balancer);
    cmd.AddValue("balance-time", "dynamic: time from the load to the queries", o.balanceTime);
    cmd.AddValue("range-lengths",
                 "sequential workload: comma-separated range lengths, in keys",
                 o.rangeLengths);
    cmd.AddValue("queries", "sequential workload: queries per range length", o.queries);
    cmd.AddValue("batch-size", "Gets per batch for chord-batched", o.batchSize);
    cmd.AddValue("group-size", "marques: members per group leader", o.groupSize);
    cmd.AddValue("pht-bucket", "pht: most keys per trie leaf", o.phtBucket);
    cmd.AddValue("value-size", "Value size in bytes", o.valueSize);
    cmd.AddValue("preload",
                 "Place every key at its owner at once, without puts (millions of keys; no "
                 "replicas)",
                 o.preload);
    cmd.AddValue("range-walk",
                 "lead, linear: chain, client or fanout (marques: chain or client; fanout walks "
                 "the leaders' chain)",
                 o.rangeWalk);
    cmd.AddValue("workload", "sequential (one query at a time) or poisson (a mix)", o.workload);
    cmd.AddValue("ops", "poisson workload: operations", o.ops);
    cmd.AddValue("rate", "poisson workload: operations per second", o.rate);
    cmd.AddValue("mix", "poisson workload: shares of get,put,range", o.mix);
    cmd.AddValue("range-length",
                 "poisson workload: keys per range, an ns-3 random variable, e.g. "
                 "ns3::UniformRandomVariable[Min=10|Max=1000]",
                 o.rangeLength);
    cmd.AddValue("link-rate", "star: rate of every spoke", o.linkRate);
    cmd.AddValue("link-delay", "star: one-way delay of every spoke", o.linkDelay);
    cmd.AddValue("topology",
                 "matrix (pairwise delays from --latency-matrix, or a synthetic PlanetLab-like "
                 "matrix) or star",
                 o.topology);
    cmd.AddValue("latency-matrix",
                 "RTT matrix file, e.g. the PlanetLab 490-host one",
                 o.latencyMatrix);
    cmd.AddValue("one-way-is-entry",
                 "Matrix entry = one-way delay (p2psim) instead of RTT",
                 o.oneWayIsEntry);
    cmd.AddValue("timeouts",
                 "auto: RPC, lookup and range-query timeouts from the largest RTT among the "
                 "hosts (at least the attribute defaults); default: the LeadNodeApp attribute "
                 "values (set them with --ns3::lead::LeadNodeApp::...)",
                 o.timeouts);
    cmd.AddValue("progress", "Print progress every 5 s of wall time", o.progress);
    cmd.AddValue("pcap",
                 "Write pcap files per host (lead-range-<system>-<node>-<device>.pcap) and the "
                 "messages sent per type (lead-range-<system>-tx.csv)",
                 o.pcap);
    cmd.AddValue("flowmon",
                 "Write FlowMonitor XML per system (lead-range-<system>-flowmon.xml)",
                 o.flowmon);
    cmd.AddValue("csv", "Write one row per system and range length to this file", o.csv);
    cmd.AddValue("peer-loads",
                 "Append 'system,balancer,node,keys' rows (keys per physical node at the end)",
                 o.peerLoads);
    cmd.Parse(argc, argv);
    NS_ABORT_MSG_IF(o.balancer != "off" && o.balancer != "static" && o.balancer != "dynamic",
                    "--balancer=" << o.balancer << ": use off, static or dynamic");
    NS_ABORT_MSG_IF(o.topology != "matrix" && o.topology != "star",
                    "--topology=" << o.topology << ": use matrix or star");
    NS_ABORT_MSG_IF(o.workload != "sequential" && o.workload != "poisson",
                    "--workload=" << o.workload << ": use sequential or poisson");
    lead::RequireRange("--n-nodes", o.nNodes, 2, 100000);
    lead::RequireRange("--n-keys", o.nKeys, 1, 1000000000);
    lead::RequireRange("--vnodes", o.vnodes, 1, 4096);
    lead::RequireRange("--group-size", o.groupSize, 1, 4096);
    lead::RequireRange("--batch-size", o.batchSize, 1, 1000000);
    lead::RequireRange("--pht-bucket", o.phtBucket, 1, 1000000);
    for (const auto& system : lead::SplitList(o.systems))
    {
        const auto& known = lead::LeadExperimentHelper::Systems();
        NS_ABORT_MSG_IF(std::find(known.begin(), known.end(), system) == known.end(),
                        "--systems: unknown system '"
                            << system << "' (lead, chord, chord-batched, marques, pht, linear)");
    }
    NS_ABORT_MSG_IF(o.timeouts != "auto" && o.timeouts != "default",
                    "--timeouts=" << o.timeouts << ": use auto or default");
    NS_ABORT_MSG_IF(lead::SplitList(o.mix).size() != 3,
                    "--mix=" << o.mix << ": give three shares get,put,range");
    for (const auto& share : lead::SplitList(o.mix))
    {
        lead::ParseNumber("--mix", share, 0, 1);
    }
}

/// Messages each type sent over the network (the Tx trace), to compare with the pcap files.
void
CountTx(std::map<std::string, uint64_t>* count,
        lead::LeadMessageType type,
        lead::LeadPurpose,
        uint32_t,
        uint64_t)
{
    ++(*count)[lead::LeadMessageTypeName(type)];
}

/// One system: build, load, query, report. Returns whether every answer was exact.
/// Append the keys per physical node of a run to --peer-loads.
void
WritePeerLoads(const Options& o, const std::string& system, const lead::LeadExperimentHelper& exp)
{
    if (o.peerLoads.empty())
    {
        return;
    }
    const bool fresh = !std::ifstream(o.peerLoads).good();
    std::ofstream out(o.peerLoads, std::ios::app);
    NS_ABORT_MSG_IF(!out, "cannot write --peer-loads file '" << o.peerLoads << "'");
    if (fresh)
    {
        out << "system,dataset,balancer,node,keys\n";
    }
    const auto loads = exp.GetPeerLoads();
    for (size_t i = 0; i < loads.size(); ++i)
    {
        out << system << "," << o.dataset << "," << o.balancer << "," << i << "," << loads[i]
            << "\n";
    }
}

bool
RunSystem(const Options& o,
          const std::string& system,
          const std::vector<uint32_t>& lengths,
          std::shared_ptr<const lead::LatencyMatrix> matrix,
          std::ostream* csv)
{
    const bool poisson = o.workload == "poisson";
    lead::LeadTopologyFactory::Params tp;
    tp.name = o.topology;
    tp.hosts = o.nNodes;
    tp.linkRate = o.linkRate;
    tp.linkDelay = o.linkDelay;
    tp.oneWayIsEntry = o.oneWayIsEntry;
    std::unique_ptr<lead::LeadTopology> net =
        matrix
            ? std::make_unique<lead::LeadLatencyMatrixTopology>(matrix, o.nNodes, o.oneWayIsEntry)
            : lead::LeadTopologyFactory::Create(tp);
    net->AssignStreams(1000);

    lead::LeadExperimentHelper::Config cfg;
    cfg.system = system;
    cfg.dataset = o.dataset;
    cfg.keys = o.nKeys;
    cfg.freshKeys = poisson ? o.ops : 0;
    cfg.vnodes = o.balancer == "off" ? 1 : o.vnodes;
    cfg.valueSize = o.valueSize;
    cfg.batchSize = o.batchSize;
    cfg.groupSize = o.groupSize;
    cfg.phtBucket = o.phtBucket;
    cfg.maxRtt = o.timeouts == "auto" ? net->GetMaxRtt() : Time(0);
    lead::LeadExperimentHelper exp(cfg);
    exp.SetOverlayAttribute("RangeWalk", StringValue(o.rangeWalk));
    const bool dynamic = o.balancer == "dynamic";
    if (dynamic)
    {
        exp.SetOverlayAttribute("Balancer", StringValue("dynamic"));
        exp.SetOverlayAttribute("HeartbeatInterval", TimeValue(Seconds(2)));
    }
    exp.Install(net->GetHosts());
    exp.SetRtt([&net](uint32_t a, uint32_t b) { return net->GetRtt(a, b); });

    // Load after the last join and 20 s of stabilisation; queries 20 s after the load (the
    // dynamic balancer gets --balance-time).
    const Time loadStart = exp.GetLastJoin() + MilliSeconds(500) + Seconds(20);
    if (o.preload)
    {
        exp.Preload(loadStart);
    }
    const Time loaded = o.preload ? loadStart : exp.ScheduleLoad(loadStart);
    const Time queryTime = loaded + (dynamic ? o.balanceTime : Seconds(20));
    std::vector<std::string> cells;
    uint32_t issued = 0;
    if (poisson)
    {
        const auto shares = lead::SplitList(o.mix);
        auto gen = CreateObject<lead::LeadWorkload>();
        gen->SetAttribute("Operations", UintegerValue(o.ops));
        gen->SetAttribute("ArrivalRate", DoubleValue(o.rate));
        gen->SetAttribute("GetShare", DoubleValue(lead::ParseNumber("--mix", shares[0], 0, 1)));
        gen->SetAttribute("PutShare", DoubleValue(lead::ParseNumber("--mix", shares[1], 0, 1)));
        gen->SetAttribute("RangeShare", DoubleValue(lead::ParseNumber("--mix", shares[2], 0, 1)));
        gen->SetAttribute("RangeLength", StringValue(o.rangeLength));
        gen->AssignStreams(500);
        // Everything answered well before: lookups and range queries give up by then.
        Simulator::Stop(exp.SchedulePoisson(queryTime, gen) + Seconds(120));
        cells = {"get", "put", "range"};
        issued = o.ops;
    }
    else
    {
        exp.ScheduleRangeSeries(queryTime, lengths, o.queries);
        Simulator::Stop(Seconds(1000000)); // safety net; the last answer stops the run
        for (uint32_t len : lengths)
        {
            cells.push_back(std::to_string(len));
        }
        issued = o.queries * static_cast<uint32_t>(lengths.size());
    }

    const std::string prefix = "lead-range-" + system;
    std::map<std::string, uint64_t> txCount;
    if (o.pcap)
    {
        for (uint32_t i = 0; i < o.nNodes; ++i)
        {
            exp.App(i)->TraceConnectWithoutContext("Tx", MakeBoundCallback(&CountTx, &txCount));
        }
        net->EnablePcap(prefix);
    }
    FlowMonitorHelper flowmonHelper;
    Ptr<FlowMonitor> monitor = o.flowmon ? flowmonHelper.Install(net->GetHosts()) : nullptr;
    std::unique_ptr<ShowProgress> meter;
    if (o.progress)
    {
        meter = std::make_unique<ShowProgress>(Seconds(5), std::cerr);
    }
    Simulator::Run();
    meter.reset();
    if (monitor)
    {
        monitor->SerializeToXmlFile(prefix + "-flowmon.xml", true, true);
    }
    if (o.pcap)
    {
        std::ofstream tx(prefix + "-tx.csv");
        NS_ABORT_MSG_IF(!tx, "cannot write " << prefix << "-tx.csv");
        tx << "type,messages\n";
        for (const auto& kv : txCount)
        {
            tx << kv.first << "," << kv.second << "\n";
        }
    }
    std::cout << exp.Summary(cells, issued, poisson) << std::endl;
    WritePeerLoads(o, system, exp);
    if (csv)
    {
        exp.WriteCsv(*csv, cells, poisson);
    }
    const bool ok = exp.IsExact() && exp.CountAnswered(cells) == issued;
    Simulator::Destroy();
    return ok;
}

} // namespace

int
main(int argc, char* argv[])
{
    Options o;
    Parse(argc, argv, o);
    std::vector<uint32_t> lengths;
    for (const auto& l : lead::SplitList(o.rangeLengths))
    {
        // A sequential query asks for that many keys: more than are stored cannot be exact.
        const uint64_t most = o.workload == "sequential" ? o.nKeys : 0xffffffffULL;
        lengths.push_back(static_cast<uint32_t>(lead::ParseCount("--range-lengths", l, 1, most)));
    }
    std::shared_ptr<const lead::LatencyMatrix> matrix;
    if (o.topology == "matrix")
    {
        matrix = lead::LeadLatencyMatrixTopology::LoadOrGenerate(o.latencyMatrix, o.nNodes);
    }
    std::ofstream csvOut;
    if (!o.csv.empty())
    {
        csvOut.open(o.csv);
        NS_ABORT_MSG_IF(!csvOut, "cannot write CSV file '" << o.csv << "'");
        lead::LeadExperimentHelper::WriteCsvHeader(csvOut);
    }
    bool allExact = true;
    for (const auto& system : lead::SplitList(o.systems))
    {
        allExact =
            RunSystem(o, system, lengths, matrix, csvOut.is_open() ? &csvOut : nullptr) && allExact;
    }
    std::cout << "status=" << (allExact ? "ok" : "INCOMPLETE") << std::endl;
    return allExact ? 0 : 1;
}
