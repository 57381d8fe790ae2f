/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

/**
 * @file
 * The KV-cache case study of the LEAD poster (case study I: 8 A100 nodes, Llama-3 8B, block
 * size 16, Long-DocQA): LLM serving nodes reuse KV blocks another node already computed.
 *
 * Systems, each on the same servers, network, workload and seeds (--systems, in this order):
 * - lead: block -> holder index on the LEAD overlay; a cached span is one range query;
 * - chord: the same index under consistent hashing, one Get per block (--chord-window in
 *   flight) until the first miss;
 * - chord-batched: Chord's per-owner option: one lookup per block, then one scan per owner;
 * - chord-doc: consistent hashing of the document, so a document sits on one owner;
 * - central: one index server maps blocks to holders, as cluster routers do;
 * - dualmap: no KV moves; the front end picks one of two hash choices of the prompt prefix,
 *   the cache-affine one unless its predicted TTFT exceeds --slo-ms;
 * - p2p-router: no KV moves; radix-tree snapshots by anti-entropy, one forwarding hop to the
 *   peer with the longest estimated match;
 * - upper-bound: every reusable block fetched at link speed with no lookup.
 *
 * Workloads (--workload): long-docqa (vLLM's and LMCache's generator: --documents,
 * --document-length, --repeat-count, --repeat-mode, --hit-miss-ratio, --output-len, --rate;
 * a warm-up round is not measured), mooncake (--trace=FILE, the Mooncake JSONL format;
 * --requests limits the rows) and mmlu (57 subject prefixes with Zipf popularity: --zipf,
 * --requests, --rate).
 *
 * Run: `lead-kv-cache-example --workload=long-docqa --csv=kv.csv --progress`
 *
 * Output: a summary line per system and, with --csv, one row per system:
 * system,workload,requests,ttft_p50_ms,ttft_p90_ms,ttft_p99_ms,hit_rate,messages_per_request,
 * bytes_per_request,owners_per_fetch,control_bytes_per_s,load_max_mean,status
 * (hit_rate: reused tokens over prompt tokens; messages and bytes: control messages sent for
 * a request by any node, bytes including the KV payload moved for it; owners_per_fetch: index
 * owners that answered, over requests that looked up; control_bytes_per_s: gossip, index
 * publishing and overlay upkeep; load_max_mean: GPU prefill work, busiest server over mean).
 */

#include "ns3/core-module.h"
#include "ns3/lead-module.h"

#include <fstream>
#include <iostream>

using namespace ns3;
using namespace ns3::lead;

namespace
{

/// The command line.
struct Options
{
    std::string workload{"long-docqa"};
    std::string trace;
    std::string systems{
        "lead,chord,chord-batched,chord-doc,central,dualmap,p2p-router,upper-bound"};
    uint32_t servers{8};
    std::string csv;
    bool progress{false};
    bool pcap{false};
    bool flowmon{false};
    LeadPromptWorkload::LongDocQa doc;
    LeadPromptWorkload::Mmlu mmlu;
    std::string hitMiss{"1:0"};
    uint32_t requests{0};
    double rate{0};
    std::string linkRate{"100Gbps"};
    std::string transfer{"flow"};
    double delayUs{5};
    uint32_t vnodes{1};
    uint32_t backgroundDocs{400};
    uint64_t cacheBlocks{100000};
    uint32_t chordWindow{32};
    double sloMs{2000};
    double gossipMs{500};
    uint32_t gossipFanout{1};
};

Options
Parse(int argc, char* argv[])
{
    Options o;
    CommandLine cmd(__FILE__);
    cmd.AddValue("workload", "long-docqa, mooncake or mmlu", o.workload);
    cmd.AddValue("trace", "mooncake: the trace file (JSONL)", o.trace);
    cmd.AddValue("systems",
                 "Comma-separated: lead,chord,chord-batched,chord-doc,central,dualmap,p2p-router,"
                 "upper-bound",
                 o.systems);
    cmd.AddValue("n-servers", "Serving nodes", o.servers);
    cmd.AddValue("csv", "Write one row per system to this file", o.csv);
    cmd.AddValue("progress", "Print progress every 5 s of wall time", o.progress);
    cmd.AddValue("pcap", "Write pcap files lead-kv-cache-<system>-<node>-<device>.pcap", o.pcap);
    cmd.AddValue("flowmon", "Write FlowMonitor XML lead-kv-cache-<system>-flowmon.xml", o.flowmon);
    cmd.AddValue("documents", "long-docqa: documents", o.doc.documents);
    cmd.AddValue("document-length", "long-docqa: tokens per document", o.doc.documentLength);
    cmd.AddValue("repeat-count", "long-docqa: queries per document", o.doc.repeatCount);
    cmd.AddValue("repeat-mode", "long-docqa: random, tile or interleave", o.doc.repeatMode);
    cmd.AddValue("hit-miss-ratio", "long-docqa: hits:misses of the query round", o.hitMiss);
    cmd.AddValue("output-len", "long-docqa and mmlu: output tokens", o.doc.outputLength);
    cmd.AddValue("requests", "mmlu: requests; mooncake: rows read (0: all)", o.requests);
    cmd.AddValue("rate", "long-docqa and mmlu: Poisson arrivals per second (0: default)", o.rate);
    cmd.AddValue("zipf", "mmlu: Zipf exponent of subject popularity", o.mmlu.zipf);
    cmd.AddValue("link-rate", "Rate of every link", o.linkRate);
    cmd.AddValue("transfer",
                 "KV payloads: flow (flow-level model) or tcp (ns-3 TCP, packet level; small "
                 "configurations)",
                 o.transfer);
    cmd.AddValue("delay-us", "One-way delay of every spoke, microseconds", o.delayUs);
    cmd.AddValue("vnodes", "Overlay vnodes per server", o.vnodes);
    cmd.AddValue("background-docs",
                 "Documents (1,250 blocks each) already in the index before the run",
                 o.backgroundDocs);
    cmd.AddValue("cache-blocks", "KV blocks a server caches", o.cacheBlocks);
    cmd.AddValue("chord-window", "chord: Gets in flight", o.chordWindow);
    cmd.AddValue("slo-ms", "dualmap: TTFT SLO", o.sloMs);
    cmd.AddValue("gossip-ms", "p2p-router: gossip interval", o.gossipMs);
    cmd.AddValue("gossip-fanout", "p2p-router: peers per gossip round", o.gossipFanout);
    cmd.Parse(argc, argv);
    RequireRange("--vnodes", o.vnodes, 1, 4096);
    RequireRange("--n-servers", o.servers, 2, 1000);
    return o;
}

std::vector<LeadPrompt>
MakeWorkload(Options& o, uint64_t seed)
{
    std::vector<LeadPrompt> prompts;
    std::string error;
    bool ok = false;
    if (o.workload == "long-docqa")
    {
        const auto colon = o.hitMiss.find(':');
        NS_ABORT_MSG_IF(colon == std::string::npos,
                        "--hit-miss-ratio must look like 3:1, got '" << o.hitMiss << "'");
        o.doc.hits = static_cast<uint32_t>(
            ParseCount("--hit-miss-ratio", o.hitMiss.substr(0, colon), 0, 1000000));
        o.doc.misses = static_cast<uint32_t>(
            ParseCount("--hit-miss-ratio", o.hitMiss.substr(colon + 1), 0, 1000000));
        o.doc.rate = o.rate > 0 ? o.rate : o.doc.rate;
        ok = LeadPromptWorkload::MakeLongDocQa(o.doc, seed, prompts, error);
    }
    else if (o.workload == "mmlu")
    {
        o.mmlu.requests = o.requests > 0 ? o.requests : o.mmlu.requests;
        o.mmlu.rate = o.rate > 0 ? o.rate : o.mmlu.rate;
        o.mmlu.outputLength = o.doc.outputLength;
        ok = LeadPromptWorkload::MakeMmlu(o.mmlu, seed, prompts, error);
    }
    else if (o.workload == "mooncake")
    {
        NS_ABORT_MSG_IF(o.trace.empty(),
                        "--workload=mooncake needs --trace=FILE (scripts/get-data.sh fetches "
                        "the Mooncake conversation trace)");
        ok = LeadPromptWorkload::LoadMooncake(o.trace, o.requests, prompts, error);
    }
    else
    {
        error = "unknown workload '" + o.workload + "' (long-docqa, mooncake or mmlu)";
    }
    NS_ABORT_MSG_IF(!ok, "--workload: " << error);
    return prompts;
}

} // namespace

int
main(int argc, char* argv[])
{
    Options o = Parse(argc, argv);
    // The workload's seed follows --RngRun through an ns-3 stream.
    Ptr<UniformRandomVariable> draw = CreateObject<UniformRandomVariable>();
    draw->SetStream(7);
    const auto seed = static_cast<uint64_t>(draw->GetInteger(0, 0x7fffffff));
    const std::vector<LeadPrompt> prompts = MakeWorkload(o, seed);
    Config::SetDefault("ns3::lead::LeadKvCacheServer::CacheBlocks", UintegerValue(o.cacheBlocks));
    Config::SetDefault("ns3::lead::LeadKvCacheServer::ChordWindow", UintegerValue(o.chordWindow));
    Config::SetDefault("ns3::lead::LeadKvCacheServer::GossipInterval",
                       TimeValue(MilliSeconds(o.gossipMs)));
    Config::SetDefault("ns3::lead::LeadKvCacheServer::GossipFanout", UintegerValue(o.gossipFanout));
    Config::SetDefault("ns3::lead::LeadKvCacheFrontEnd::Slo", TimeValue(MilliSeconds(o.sloMs)));

    std::ofstream csv;
    if (!o.csv.empty())
    {
        csv.open(o.csv);
        NS_ABORT_MSG_IF(!csv, "--csv: cannot write '" << o.csv << "'");
        LeadKvCacheExperiment::WriteCsvHeader(csv);
    }
    for (const std::string& system : SplitList(o.systems))
    {
        LeadKvCacheExperiment::Config c;
        c.system = system;
        c.workload = o.workload;
        c.prompts = prompts;
        c.servers = o.servers;
        c.linkRate = o.linkRate;
        c.transfer = o.transfer;
        c.delay = NanoSeconds(static_cast<int64_t>(o.delayUs * 1000));
        c.vnodes = o.vnodes;
        c.groupBits = o.workload == "mooncake" ? LeadPromptWorkload::MOONCAKE_SUB_BITS
                                               : LeadPromptWorkload::INDEX_BITS;
        c.backgroundDocs = o.backgroundDocs;
        c.pcap = o.pcap;
        c.flowmon = o.flowmon;
        c.progress = o.progress;
        c.prefix = "lead-kv-cache-" + system;
        if (o.progress)
        {
            std::cerr << "running " << system << " on " << prompts.size() << " requests\n";
        }
        const auto row = LeadKvCacheExperiment(c).Run();
        std::cout << LeadKvCacheExperiment::Summary(row) << std::endl;
        if (csv.is_open())
        {
            LeadKvCacheExperiment::WriteCsv(csv, row);
        }
    }
    return 0;
}
