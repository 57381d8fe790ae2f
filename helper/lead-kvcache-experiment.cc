/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-kvcache-experiment.h"

#include "lead-example-run.h"
#include "lead-helper.h"
#include "lead-report-util.h"
#include "lead-star-topology.h"

#include "ns3/abort.h"
#include "ns3/consistent-hash-model.h"
#include "ns3/ipv4.h"
#include "ns3/lead-kvcache-fabric.h"
#include "ns3/lead-kvcache-front-end.h"
#include "ns3/lead-kvcache-index.h"
#include "ns3/lead-kvcache-server.h"
#include "ns3/lead-node-app.h"
#include "ns3/lead-oracle.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <iomanip>
#include <set>
#include <sstream>

namespace ns3
{
namespace lead
{

namespace
{

Ipv4Address
AddressOfNode(Ptr<Node> node)
{
    return node->GetObject<Ipv4>()->GetAddress(1, 0).GetLocal();
}

/// Background documents live in streams far above any workload's.
constexpr uint64_t BACKGROUND_STREAM = uint64_t{1} << 36;

/// Everything a run builds, kept together so it outlives the set-up code.
struct Scene
{
    std::unique_ptr<LeadStarTopology> net;
    LeadHelper overlay;
    std::vector<Ptr<LeadNodeApp>> apps;
    std::vector<Ptr<LeadKvCacheServer>> servers;
    Ptr<LeadKvCacheIndex> index;
    Ptr<LeadKvCacheFrontEnd> front;
    Ptr<LeadKvCacheLedger> ledger;
    Ptr<LeadKvCacheFabric> fabric;
    std::vector<Ipv4Address> addresses;
    uint64_t overlayTx{0};
};

std::vector<Ipv4Address>
ServerAddresses(const Scene& s, uint32_t n)
{
    return std::vector<Ipv4Address>(s.addresses.begin(), s.addresses.begin() + n);
}

double
MaxOverMean(const std::vector<double>& v)
{
    const double mean = Mean(v);
    return mean > 0 ? *std::max_element(v.begin(), v.end()) / mean : 0.0;
}

} // namespace

LeadKvCacheExperiment::LeadKvCacheExperiment(Config config)
    : m_config(std::move(config))
{
}

namespace
{

/// The star, the addresses, the ledger and the KV fabric.
void
BuildNetwork(Scene& s, const LeadKvCacheExperiment::Config& c)
{
    const uint32_t n = c.servers;
    NS_ABORT_MSG_IF(c.transfer != "flow" && c.transfer != "tcp",
                    "--transfer must be flow or tcp, got '" << c.transfer << "'");
    std::ostringstream delay;
    delay << c.delay.GetNanoSeconds() << "ns";
    // TCP payloads need room for a few windows at the hub.
    s.net = std::make_unique<LeadStarTopology>(n + 2,
                                               c.linkRate,
                                               delay.str(),
                                               c.transfer == "tcp" ? "1000p" : "100p");
    NodeContainer hosts = s.net->GetHosts();
    for (uint32_t i = 0; i < n + 2; ++i)
    {
        s.addresses.push_back(AddressOfNode(hosts.Get(i)));
    }
    s.ledger = CreateObject<LeadKvCacheLedger>();
    s.fabric = CreateObject<LeadKvCacheFabric>();
    s.fabric->SetAttribute("LinkRate", DataRateValue(DataRate(c.linkRate)));
    s.fabric->SetAttribute("Mode", StringValue(c.transfer));
    s.fabric->Setup(n, c.delay * 4);
    if (c.transfer == "tcp")
    {
        std::vector<Ptr<Node>> nodes;
        for (uint32_t i = 0; i < n; ++i)
        {
            nodes.push_back(hosts.Get(i));
        }
        s.fabric->SetupTcp(nodes, ServerAddresses(s, n));
    }
}

/// The background documents' keys.
std::vector<uint64_t>
BackgroundKeys(const LeadKvCacheExperiment::Config& c)
{
    std::vector<uint64_t> keys;
    for (uint64_t d = 0; d < c.backgroundDocs; ++d)
    {
        for (uint32_t j = 0; j < c.backgroundBlocks; ++j)
        {
            keys.push_back(LeadPromptWorkload::BlockKey(BACKGROUND_STREAM + d, j));
        }
    }
    return keys;
}

/// The overlay on the servers (DHT systems), its hash trained on every index key.
void
InstallOverlay(Scene& s, const LeadKvCacheExperiment::Config& c, LeadKvCacheServer::System system)
{
    std::vector<uint64_t> keys = BackgroundKeys(c);
    for (const LeadPrompt& p : c.prompts)
    {
        const auto b = p.Blocks();
        keys.insert(keys.end(), b.begin(), b.end());
    }
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    Ptr<LearnedHashModel> model;
    if (system == LeadKvCacheServer::System::LEAD)
    {
        model = LearnedHashModel::CreateByName("rmi");
        model->Train(keys);
    }
    else
    {
        model = CreateObject<ConsistentHashModel>();
        if (system == LeadKvCacheServer::System::CHORD_DOC)
        {
            model->SetAttribute("GroupBits", UintegerValue(c.groupBits));
        }
    }
    NodeContainer serverNodes;
    for (uint32_t i = 0; i < c.servers; ++i)
    {
        serverNodes.Add(s.net->GetHosts().Get(i));
    }
    s.overlay.SetHashModel(model);
    s.overlay.SetAttribute("VnodesPerNode", UintegerValue(c.vnodes));
    // The index is soft state (a lost entry costs a miss, the holder still has the KV): no
    // replicas. Replica refreshes resend whole stores every interval, which at 10^5+ entries
    // per node would swamp the links.
    s.overlay.SetAttribute("ReplicationFactor", UintegerValue(0));
    ApplicationContainer apps = s.overlay.Install(serverNodes);
    s.overlay.AssignStreams(serverNodes, 10);
    for (uint32_t i = 0; i < c.servers; ++i)
    {
        s.apps.push_back(DynamicCast<LeadNodeApp>(apps.Get(i)));
        s.apps.back()->SetStartTime(MilliSeconds(100) * (i + 1));
        s.apps.back()->TraceConnectWithoutContext(
            "Tx",
            Callback<void, LeadMessageType, LeadPurpose, uint32_t, uint64_t>(
                [&s](LeadMessageType, LeadPurpose, uint32_t bytes, uint64_t) {
                    s.overlayTx += bytes;
                }));
    }
}

/// The serving nodes, the central index and the front end.
void
InstallApps(Scene& s,
            const LeadKvCacheExperiment::Config& c,
            LeadKvCacheServer::System system,
            const std::function<void(const KvCacheRequestResult&)>& each)
{
    const uint32_t n = c.servers;
    NodeContainer hosts = s.net->GetHosts();
    LeadKvCacheServer::Peers peers;
    peers.servers = ServerAddresses(s, n);
    peers.frontEnd = s.addresses[n];
    peers.index = s.addresses[n + 1];
    peers.oneWay = c.delay * 2;
    for (uint32_t i = 0; i < n; ++i)
    {
        Ptr<LeadKvCacheServer> server = CreateObject<LeadKvCacheServer>();
        peers.self = static_cast<uint16_t>(i);
        server->Setup(system, peers, s.fabric, s.ledger);
        if (!s.apps.empty())
        {
            server->SetOverlay(s.apps[i]);
        }
        server->AssignStreams(1000 + i);
        hosts.Get(i)->AddApplication(server);
        s.servers.push_back(server);
    }
    for (auto& server : s.servers)
    {
        server->SetCluster(s.servers);
    }
    if (c.inspect)
    {
        c.inspect(s.servers);
    }
    s.index = CreateObject<LeadKvCacheIndex>();
    s.index->Setup(peers.servers, s.ledger);
    hosts.Get(n + 1)->AddApplication(s.index);
    s.front = CreateObject<LeadKvCacheFrontEnd>();
    s.front->Setup(system, peers.servers, s.ledger, c.prompts);
    s.front->SetStartTime(c.warmup);
    hosts.Get(n)->AddApplication(s.front);
    if (each)
    {
        s.front->TraceConnectWithoutContext(
            "RequestDone",
            Callback<void, const KvCacheRequestResult&>(
                [&each](const KvCacheRequestResult& r) { each(r); }));
    }
}

/// Background: the index entries of documents cached earlier, placed where puts would put
/// them (the DHT's owners, or the central map), attributed to holders round robin.
void
Preload(Scene& s, const LeadKvCacheExperiment::Config& c)
{
    std::map<uint32_t, uint32_t> hostOf;
    for (uint32_t i = 0; i < c.servers; ++i)
    {
        hostOf[s.addresses[i].Get()] = i;
    }
    for (uint64_t key : BackgroundKeys(c))
    {
        const uint64_t holder = (key >> LeadPromptWorkload::INDEX_BITS) % c.servers;
        if (s.apps.empty())
        {
            s.index->AddEntry(key, static_cast<uint16_t>(holder));
            continue;
        }
        LeadKeyStore::Item item;
        item.key = key;
        item.hash = s.apps[0]->GetHashModel()->Hash(key);
        item.size = 8;
        item.tag = holder + 1;
        const auto owner = s.overlay.GetOracle()->Owner(item.hash);
        NS_ABORT_MSG_IF(!owner, "kv-cache preload: no live vnode");
        s.apps[hostOf.at(owner->address)]->StoreDirect(owner->vnode, item);
        s.overlay.GetOracle()->KeyStored(key, LeadOracle::Value{item.size, item.tag});
    }
}

/// The per-request figures of a row, over the measured requests that finished.
void
SummariseRequests(const Scene& s, LeadKvCacheExperiment::Row& row)
{
    std::vector<double> ttft;
    double reused = 0;
    double tokens = 0;
    double messages = 0;
    double bytes = 0;
    double kv = 0;
    double owners = 0;
    double lookedUp = 0;
    double lookup = 0;
    double fetch = 0;
    for (const auto& [id, r] : s.ledger->GetAll())
    {
        if (!r.measured || !r.done)
        {
            continue;
        }
        ttft.push_back(r.ttft.GetSeconds() * 1000);
        reused += std::min<double>(r.promptTokens, (r.localBlocks + r.fetchedBlocks) * 16.0);
        tokens += r.promptTokens;
        messages += r.messages;
        bytes += static_cast<double>(r.bytes);
        kv += static_cast<double>(r.kvBytes);
        lookup += r.lookup.GetSeconds() * 1000;
        fetch += r.fetch.GetSeconds() * 1000;
        if (r.owners > 0)
        {
            owners += r.owners;
            lookedUp += 1;
        }
    }
    const double count = std::max<double>(1.0, static_cast<double>(ttft.size()));
    row.requests = ttft.size();
    row.ttftP50 = Percentile(ttft, 50);
    row.ttftP90 = Percentile(ttft, 90);
    row.ttftP99 = Percentile(ttft, 99);
    row.hitRate = tokens > 0 ? reused / tokens : 0;
    row.messages = messages / count;
    row.bytes = bytes / count;
    row.kvBytes = kv / count;
    row.lookupMs = lookup / count;
    row.fetchMs = fetch / count;
    row.owners = lookedUp > 0 ? owners / lookedUp : 0;
}

/// GPU work and index entries per server, forwards and drops.
void
SummariseLoads(const Scene& s, LeadKvCacheServer::System system, LeadKvCacheExperiment::Row& row)
{
    std::vector<double> busy;
    std::vector<double> entries;
    for (size_t i = 0; i < s.servers.size(); ++i)
    {
        busy.push_back(s.servers[i]->GetBusySeconds());
        row.forwards += s.servers[i]->GetForwardCount();
        row.drops += s.servers[i]->GetDropCount();
        if (!s.apps.empty())
        {
            double held = 0;
            for (uint32_t v = 0; v < s.apps[i]->GetVnodeCount(); ++v)
            {
                held += static_cast<double>(s.apps[i]->GetStore(v).GetSize());
            }
            entries.push_back(held);
            row.indexEntries += static_cast<uint64_t>(held);
        }
    }
    row.drops += s.index->GetDropCount() + s.front->GetDropCount();
    if (system == LeadKvCacheServer::System::CENTRAL)
    {
        // The index server counts among the nodes: it holds everything.
        entries.assign(s.servers.size(), 0.0);
        entries.push_back(static_cast<double>(s.index->GetEntryCount()));
        row.indexEntries = s.index->GetEntryCount();
    }
    row.loadMaxMean = MaxOverMean(busy);
    row.indexMaxMean = entries.empty() ? 0.0 : MaxOverMean(entries);
}

/// Control traffic per second and the run's status.
void
SummariseControl(const Scene& s,
                 const LeadKvCacheExperiment::Config& c,
                 Time stopped,
                 uint64_t controlAtStart,
                 uint64_t overlayAtStart,
                 LeadKvCacheExperiment::Row& row)
{
    // Control: gossip and publishing (the ledger) plus overlay upkeep (overlay bytes sent that
    // no request was charged for; publishing puts are in the ledger already).
    const uint64_t overlayAll = s.overlayTx - overlayAtStart;
    const uint64_t attributed = s.ledger->GetOverlayBytes();
    const uint64_t upkeep = overlayAll > attributed ? overlayAll - attributed : 0;
    const double window = (stopped - c.warmup).GetSeconds();
    row.controlBytesPerS =
        window > 0
            ? static_cast<double>(s.ledger->GetControlBytes() - controlAtStart + upkeep) / window
            : 0;
    const auto measured = static_cast<uint64_t>(
        std::count_if(c.prompts.begin(), c.prompts.end(), [](const LeadPrompt& p) {
            return p.measured;
        }));
    if (row.requests < measured)
    {
        row.status = "incomplete";
    }
}

} // namespace

LeadKvCacheExperiment::Row
LeadKvCacheExperiment::Run(const std::function<void(const KvCacheRequestResult&)>& each)
{
    const Config& c = m_config;
    LeadKvCacheServer::System system;
    NS_ABORT_MSG_IF(!LeadKvCacheServer::ParseSystem(c.system, system),
                    "--systems: unknown system '"
                        << c.system
                        << "' (lead, chord, chord-batched, chord-doc, central, dualmap, "
                           "p2p-router, upper-bound)");
    NS_ABORT_MSG_IF(c.servers < 2 || c.servers > 1000,
                    "--n-servers must be in [2, 1000], got " << c.servers);
    NS_ABORT_MSG_IF(c.prompts.empty(), "the workload has no requests");
    NS_ABORT_MSG_IF(c.warmup < Seconds(1),
                    "LeadKvCacheExperiment: warm-up must be at least 1 s (the overlay joins and "
                    "the background is preloaded 0.5 s before the first request), got "
                        << c.warmup.As(Time::S));
    NS_ABORT_MSG_IF(c.backgroundDocs > 0 &&
                        (c.backgroundBlocks == 0 ||
                         c.backgroundBlocks >= (uint32_t{1} << LeadPromptWorkload::INDEX_BITS)),
                    "--background-docs: documents need 1 to 2^24 - 1 blocks, got "
                        << c.backgroundBlocks);
    Scene s;
    BuildNetwork(s, c);
    if (LeadKvCacheServer::UsesOverlay(system))
    {
        InstallOverlay(s, c, system);
    }
    InstallApps(s, c, system, each);
    Simulator::Schedule(c.warmup - MilliSeconds(500), [&s, &c]() { Preload(s, c); });
    // Stop once every request has its first token.
    double last = 0;
    for (const LeadPrompt& p : c.prompts)
    {
        last = std::max(last, p.arrival);
    }
    std::function<void()> watch = [&s, &c, &watch]() {
        if (s.front->GetDone() >= c.prompts.size())
        {
            Simulator::Stop();
            return;
        }
        Simulator::Schedule(MilliSeconds(100), watch);
    };
    Simulator::Schedule(c.warmup + Seconds(last), watch);
    uint64_t controlAtStart = 0;
    uint64_t overlayAtStart = 0;
    Simulator::Schedule(c.warmup, [&]() {
        controlAtStart = s.ledger->GetControlBytes();
        overlayAtStart = s.overlayTx;
    });
    RunWithTraces(*s.net,
                  c.prefix,
                  c.pcap,
                  c.flowmon,
                  c.progress,
                  c.warmup + Seconds(last) + c.drain);
    const Time stopped = Simulator::Now();

    Row row;
    row.system = c.system;
    row.workload = c.workload;
    row.simSeconds = stopped.GetSeconds();
    SummariseRequests(s, row);
    SummariseLoads(s, system, row);
    SummariseControl(s, c, stopped, controlAtStart, overlayAtStart, row);
    Simulator::Destroy();
    return row;
}

void
LeadKvCacheExperiment::WriteCsvHeader(std::ostream& out)
{
    out << "system,workload,requests,ttft_p50_ms,ttft_p90_ms,ttft_p99_ms,hit_rate,"
           "messages_per_request,bytes_per_request,owners_per_fetch,control_bytes_per_s,"
           "load_max_mean,status\n";
}

void
LeadKvCacheExperiment::WriteCsv(std::ostream& out, const Row& r)
{
    out << r.system << "," << r.workload << "," << r.requests << "," << std::fixed
        << std::setprecision(3) << r.ttftP50 << "," << r.ttftP90 << "," << r.ttftP99 << ","
        << std::setprecision(4) << r.hitRate << "," << std::setprecision(2) << r.messages << ","
        << std::setprecision(0) << r.bytes << "," << std::setprecision(3) << r.owners << ","
        << std::setprecision(0) << r.controlBytesPerS << "," << std::setprecision(3)
        << r.loadMaxMean << "," << r.status << "\n";
    out.unsetf(std::ios::floatfield);
}

std::string
LeadKvCacheExperiment::Summary(const Row& r)
{
    std::ostringstream s;
    s << std::fixed << std::setprecision(1) << "summary: kv-cache " << r.system << " " << r.workload
      << ": requests=" << r.requests << " ttft_p50_ms=" << r.ttftP50 << " p90=" << r.ttftP90
      << " p99=" << r.ttftP99 << std::setprecision(3) << " hit_rate=" << r.hitRate
      << std::setprecision(1) << " messages=" << r.messages << " kv_MiB=" << r.kvBytes / 1048576
      << " lookup_ms=" << std::setprecision(3) << r.lookupMs << " fetch_ms=" << r.fetchMs
      << " owners=" << r.owners << std::setprecision(0) << " control_B_s=" << r.controlBytesPerS
      << std::setprecision(2) << " gpu_max_mean=" << r.loadMaxMean
      << " index_max_mean=" << r.indexMaxMean << " index_entries=" << r.indexEntries
      << " forwards=" << r.forwards << " drops=" << r.drops << " status=" << r.status;
    return s.str();
}

} // namespace lead
} // namespace ns3
