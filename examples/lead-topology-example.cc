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
 * The LEAD overlay on any of the module's substrates, with every trace ns-3 users expect:
 * nodes join one after another, store keys, then look up random ring positions and read the
 * keys back. Lookups and reads are checked against the oracle; the summary line says whether
 * everything was correct.
 *
 * Substrates (--topology):
 * @verbatim
   star      leaf -- hub -- leaf            point-to-point spokes (--link-rate, --link-delay,
                                            --link-queue)
   dumbbell  hosts -- L ==== R -- hosts     --bottleneck-rate, --bottleneck-delay,
                                            --bottleneck-queue between the routers
   csma      one shared LAN                 --link-rate, --lan-delay
   matrix    one latency-matrix channel     pair (i, j): RTT(i, j) / 2 (--latency-matrix,
                                            else synthetic; --one-way-is-entry)
   inet      router-level topology file     --topology-file (Inet format), hosts on the
                                            edge routers, delay = weight x --ms-per-weight
   @endverbatim
 * Any of them can be made lossy (--loss: packets arriving at a host are dropped with that
 * probability) or slow (--link-rate).
 *
 * Timeline: node i starts at 1 s + i x --join-spacing; puts --settle after the last join
 * (auto: 20 s, plus 10 s per 1,000 nodes); gets and lookups 20 s later; the run stops 10 s
 * after that.
 *
 * Run: `lead-topology-example --topology=dumbbell --n-nodes=16 --transport=tcp --pcap
 * --flowmon --csv=out`
 *
 * Files: `lead-topology-<node>-<device>.pcap` (--pcap), `lead-topology-flowmon.xml`
 * (--flowmon), `<prefix>-traffic.csv` and `<prefix>-summary.csv` (--csv),
 * `lead-topology-netanim.xml` (--netanim).
 */

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/flow-monitor-helper.h"
#include "ns3/internet-module.h"
#include "ns3/lead-module.h"
#include "ns3/network-module.h"
#ifdef LEAD_HAVE_NETANIM
#include "ns3/netanim-module.h"
#endif

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <functional>
#include <iomanip>
#include <iostream>
#include <memory>
#include <optional>

using namespace ns3;

namespace
{

/// Peak resident set size of this process in MB (Linux), or 0.
double
PeakMemoryMb()
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
    {
        if (line.rfind("VmHWM:", 0) == 0)
        {
            return std::stod(line.substr(6)) / 1024.0;
        }
    }
    return 0;
}

} // namespace

int
main(int argc, char* argv[])
{
    std::string topology{"star"};
    uint32_t nNodes{16};
    uint32_t vnodes{5};
    std::string hash{"rmi"};
    std::string dataset{"lognormal"};
    uint64_t nKeys{2000};
    uint32_t valueSize{1024};
    uint32_t nLookups{1000};
    std::string linkRate{"100Mbps"};
    std::string linkDelay{"10ms"};
    std::string bottleneckRate{"100Mbps"};
    std::string bottleneckDelay{"20ms"};
    std::string bottleneckQueue{"1000p"};
    std::string linkQueue{"100p"};
    std::string lanDelay{"6560ns"};
    std::string topologyFile;
    double msPerWeight{1};
    std::string latencyMatrix;
    bool oneWayIsEntry{false};
    double loss{0};
    std::string joinSpacing{"auto"};
    std::string settle{"auto"};
    std::string transport{"udp"};
    bool pcap{false};
    bool flowmon{false};
    bool netanim{false};
    bool progress{true};
    std::string csv;

    // TCP transport: a 1448-byte MSS and an ACK for every segment. With ns-3's defaults (536
    // bytes, delayed ACKs after 200 ms) the request-response traffic of the overlay stalls
    // behind delayed ACKs once values reach a kilobyte. Both can be overridden on the command
    // line (--ns3::TcpSocket::SegmentSize=..., --ns3::TcpSocket::DelAckCount=...).
    Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1448));
    Config::SetDefault("ns3::TcpSocket::DelAckCount", UintegerValue(1));

    CommandLine cmd(__FILE__);
    cmd.AddValue("topology", "star, dumbbell, csma, matrix or inet", topology);
    cmd.AddValue("n-nodes", "Physical nodes running the overlay (hosts)", nNodes);
    cmd.AddValue("vnodes", "Virtual nodes per physical node", vnodes);
    cmd.AddValue("hash", "Key hash: rmi (LEAD), sha1 (Chord) or linear", hash);
    cmd.AddValue("dataset",
                 "Key distribution: uniform, normal, lognormal, zipf, clustered, "
                 "sequential",
                 dataset);
    cmd.AddValue("n-keys", "Keys stored", nKeys);
    cmd.AddValue("value-size", "Value size in bytes", valueSize);
    cmd.AddValue("n-lookups", "Random lookups issued", nLookups);
    cmd.AddValue("link-rate", "Rate of host links (star, dumbbell, csma, inet)", linkRate);
    cmd.AddValue("link-delay", "Delay of host links (star, dumbbell, inet access)", linkDelay);
    cmd.AddValue("link-queue", "star: queue size of every spoke device", linkQueue);
    cmd.AddValue("lan-delay", "csma: propagation delay of the LAN", lanDelay);
    cmd.AddValue("bottleneck-rate", "dumbbell: rate between the routers", bottleneckRate);
    cmd.AddValue("bottleneck-delay", "dumbbell: delay between the routers", bottleneckDelay);
    cmd.AddValue("bottleneck-queue", "dumbbell: queue of the router link", bottleneckQueue);
    cmd.AddValue("topology-file", "inet: Inet-format router topology", topologyFile);
    cmd.AddValue("ms-per-weight", "inet: link delay per unit of weight, ms", msPerWeight);
    cmd.AddValue("latency-matrix", "matrix: RTT matrix file (else synthetic)", latencyMatrix);
    cmd.AddValue("one-way-is-entry", "matrix: entry = one-way delay (p2psim)", oneWayIsEntry);
    cmd.AddValue("loss", "Probability that a packet arriving at a host is lost", loss);
    cmd.AddValue("join-spacing",
                 "Time between node starts, or auto (100 s / n-nodes, at most 500 ms)",
                 joinSpacing);
    cmd.AddValue("settle",
                 "Time between the last join and the puts, or auto (20 s + 10 s per 1,000 "
                 "nodes: a ring that grew fast needs more stabilisation rounds)",
                 settle);
    cmd.AddValue("transport", "Overlay transport: udp or tcp", transport);
    cmd.AddValue("pcap",
                 "Write pcap files of the hosts (lead-topology-<node>-<device>.pcap)",
                 pcap);
    cmd.AddValue("flowmon", "Write FlowMonitor XML (lead-topology-flowmon.xml)", flowmon);
    cmd.AddValue("netanim", "Write a NetAnim trace (lead-topology-netanim.xml)", netanim);
    cmd.AddValue("progress", "Print progress every 5 s of wall time", progress);
    cmd.AddValue("csv", "Write <prefix>-traffic.csv and <prefix>-summary.csv", csv);
    cmd.Parse(argc, argv);

    NS_ABORT_MSG_IF(nNodes < 2, "--n-nodes must be at least 2");
    NS_ABORT_MSG_IF(transport != "udp" && transport != "tcp",
                    "--transport=" << transport << ": use udp or tcp");
    // auto: all nodes join within 100 s (at most 500 ms apart).
    const Time spacing = joinSpacing == "auto" ? std::min(MilliSeconds(500), Seconds(100) / nNodes)
                                               : Time(joinSpacing);
    const auto wallStart = std::chrono::steady_clock::now();

    // Keys and the hash model.
    lead::LeadDatasetHelper data;
    data.SetDistribution(dataset);
    data.SetKeyCount(nKeys);
    data.AssignStreams(1);
    const std::vector<uint64_t> keys = data.GetKeys();
    Ptr<lead::LearnedHashModel> model = lead::LearnedHashModel::CreateByName(hash);
    model->Train(keys);

    // The substrate.
    std::unique_ptr<lead::LeadTopology> net;
    if (topology == "star")
    {
        net = std::make_unique<lead::LeadStarTopology>(nNodes, linkRate, linkDelay, linkQueue);
    }
    else if (topology == "dumbbell")
    {
        net = std::make_unique<lead::LeadDumbbellTopology>(nNodes,
                                                           linkRate,
                                                           linkDelay,
                                                           bottleneckRate,
                                                           bottleneckDelay,
                                                           bottleneckQueue);
    }
    else if (topology == "csma")
    {
        net = std::make_unique<lead::LeadCsmaTopology>(nNodes, linkRate, lanDelay);
    }
    else if (topology == "matrix")
    {
        net = std::make_unique<lead::LeadLatencyMatrixTopology>(
            lead::LeadLatencyMatrixTopology::LoadOrGenerate(latencyMatrix, nNodes),
            nNodes,
            oneWayIsEntry);
    }
    else if (topology == "inet")
    {
        NS_ABORT_MSG_IF(topologyFile.empty(),
                        "--topology=inet needs --topology-file (e.g. "
                        "examples/topologies/lead-inet-24.txt)");
        net = std::make_unique<lead::LeadInetTopology>(topologyFile,
                                                       nNodes,
                                                       linkRate,
                                                       msPerWeight,
                                                       linkDelay);
    }
    else
    {
        NS_ABORT_MSG("--topology=" << topology << ": use star, dumbbell, csma, matrix or inet");
    }
    if (loss > 0)
    {
        net->SetHostLossRate(loss);
    }
    NodeContainer hosts = net->GetHosts();

    // The overlay.
    lead::LeadHelper lead;
    lead.SetHashModel(model);
    lead.SetAttribute("VnodesPerNode", UintegerValue(vnodes));
    if (transport == "tcp")
    {
        lead.SetAttribute("Protocol", StringValue("tcp"));
    }
    if (topology == "csma")
    {
        // Round trips of microseconds, but a replica transfer holds the shared medium for
        // milliseconds: a 10 ms timeout floor would give up on busy peers.
        lead.SetAttribute("RpcMinTimeout", TimeValue(MilliSeconds(200)));
    }
    ApplicationContainer apps = lead.Install(hosts);
    lead.AssignStreams(hosts, 10);
    net->AssignStreams(1000);
    for (uint32_t i = 0; i < nNodes; ++i)
    {
        apps.Get(i)->SetStartTime(Seconds(1) + spacing * i);
    }
    lead::LeadStatsCollector stats;
    stats.Install(apps, lead.GetOracle());

    const Time lastJoin = Seconds(1) + spacing * (nNodes - 1);
    const Time settleTime =
        settle == "auto" ? Seconds(20) + Seconds(10) * (nNodes / 1000) : Time(settle);
    const Time putTime = lastJoin + settleTime;
    const Time readTime = putTime + Seconds(20);
    const Time stopTime = readTime + std::max(Seconds(10), MicroSeconds(500) * keys.size());

    auto app = [&apps](uint32_t i) { return DynamicCast<lead::LeadNodeApp>(apps.Get(i)); };
    Ptr<UniformRandomVariable> rng = CreateObject<UniformRandomVariable>();
    rng->SetStream(5);
    for (uint64_t k = 0; k < keys.size(); ++k)
    {
        Simulator::Schedule(putTime + MicroSeconds(500 * k), [&app, &keys, k, nNodes, valueSize]() {
            app(k % nNodes)->Put(keys[k], valueSize, keys[k] * 2654435761ULL, {});
        });
        Simulator::Schedule(readTime + MicroSeconds(500 * k), [&app, &keys, k, nNodes]() {
            app((k + 7) % nNodes)->Get(keys[k], {});
        });
    }
    for (uint32_t q = 0; q < nLookups; ++q)
    {
        Simulator::Schedule(readTime + MilliSeconds(2 * q), [&app, rng, nNodes]() {
            const uint64_t target = (static_cast<uint64_t>(rng->GetInteger(0, 0xffffffffU)) << 32) |
                                    rng->GetInteger(0, 0xffffffffU);
            app(rng->GetInteger(0, nNodes - 1))->Lookup(target, {});
        });
    }
    Simulator::Schedule(readTime, &lead::LeadStatsCollector::ResetTraffic, &stats, readTime);

    // Ring state against the oracle: vnodes that never joined, and joined vnodes whose
    // successor is not the next live vnode. Checked every second from the last join until
    // the puts start, to report when the ring first became exact.
    Ptr<lead::LeadOracle> oracle = lead.GetOracle();
    auto ringState = [&app, oracle, nNodes]() {
        std::pair<uint32_t, uint32_t> unjoinedWrong{0, 0};
        for (uint32_t i = 0; i < nNodes; ++i)
        {
            for (uint32_t v = 0; v < app(i)->GetVnodeCount(); ++v)
            {
                if (!app(i)->IsJoined(v))
                {
                    ++unjoinedWrong.first;
                    continue;
                }
                const auto succ = oracle->Successor(app(i)->GetVnode(v).id);
                unjoinedWrong.second +=
                    (!succ || app(i)->GetRoutingTable(v).GetSuccessor().id != succ->id);
            }
        }
        return unjoinedWrong;
    };
    std::optional<Time> converged;
    std::function<void()> probe = [&]() {
        const auto state = ringState();
        if (state.first == 0 && state.second == 0)
        {
            converged = Simulator::Now() - lastJoin;
            return;
        }
        if (Simulator::Now() + Seconds(1) < putTime)
        {
            Simulator::Schedule(Seconds(1), probe);
        }
    };
    Simulator::Schedule(lastJoin, probe);

    if (pcap)
    {
        net->EnablePcap("lead-topology");
    }
    FlowMonitorHelper flowmonHelper;
    Ptr<FlowMonitor> monitor;
    if (flowmon)
    {
        monitor = flowmonHelper.Install(net->GetAllNodes());
    }
#ifdef LEAD_HAVE_NETANIM
    std::unique_ptr<AnimationInterface> anim;
    if (netanim)
    {
        // Hosts on a circle, routers and hubs inside it.
        NodeContainer all = net->GetAllNodes();
        for (uint32_t i = 0; i < all.GetN(); ++i)
        {
            const bool host = i < nNodes;
            const double angle =
                2 * M_PI * (host ? i : i - nNodes) / (host ? nNodes : 1 + all.GetN() - nNodes);
            const double radius = host ? 100 : 40;
            AnimationInterface::SetConstantPosition(all.Get(i),
                                                    120 + radius * std::cos(angle),
                                                    120 + radius * std::sin(angle));
        }
        anim = std::make_unique<AnimationInterface>("lead-topology-netanim.xml");
        anim->SetMaxPktsPerTraceFile(500000);
    }
#else
    NS_ABORT_MSG_IF(netanim, "--netanim: this ns-3 has no netanim module");
#endif
    std::unique_ptr<ShowProgress> progressMeter;
    if (progress)
    {
        progressMeter = std::make_unique<ShowProgress>(Seconds(5), std::cerr);
    }

    // FlowMonitor and the overlay's timers schedule forever: stop explicitly.
    Simulator::Stop(stopTime);
    Simulator::Run();
    progressMeter.reset();

    if (monitor)
    {
        monitor->CheckForLostPackets();
        monitor->SerializeToXmlFile("lead-topology-flowmon.xml", true, true);
    }
    const auto [unjoined, wrongSucc] = ringState();
    const auto& ls = stats.GetLookupStats();
    const auto& ks = stats.GetKeyOpStats();
    const auto traffic = stats.GetTotalTraffic();
    const double window = (stopTime - readTime).GetSeconds();
    // Every key stored and read back (99 % on lossy links), no lookup answered wrongly, and
    // at most 1 % of the lookups lost to timeouts (retried operations still succeed). On lossy
    // links 3 x --loss: a lookup's answer is one datagram, sent straight to the origin.
    const double need = loss > 0 ? 0.99 : 1.0;
    const double maxFailed = std::max(0.01, 3 * loss);
    const uint64_t wrong = ls.issued - ls.correct - ls.failed;
    const bool ok = ls.issued > 0 && ks.putsOk >= need * keys.size() &&
                    ks.getsFound >= need * ks.putsOk && wrong == 0 &&
                    ls.failed <= maxFailed * ls.issued;
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
    std::ostringstream summary;
    summary << std::fixed << std::setprecision(2) << "summary: topology=" << topology
            << " nodes=" << nNodes << " vnodes=" << nNodes * vnodes << " hash=" << hash
            << " transport=" << transport << " loss=" << loss << " keys=" << keys.size()
            << " puts_ok=" << ks.putsOk << " gets_ok=" << ks.getsFound << " lookups=" << ls.issued
            << " correct=" << ls.correct << " failed=" << ls.failed << " wrong=" << wrong
            << " unjoined=" << unjoined << " wrong_successors=" << wrongSucc
            << " converged_s=" << (converged ? converged->GetSeconds() : -1.0)
            << " mean_hops=" << stats.MeanHops()
            << " p50_ms=" << stats.LatencyPercentile(50).GetSeconds() * 1000
            << " p99_ms=" << stats.LatencyPercentile(99).GetSeconds() * 1000
            << " msgs_per_node_per_s=" << traffic.first / window / nNodes
            << " sim_s=" << stopTime.GetSeconds() << " wall_s=" << wall
            << " peak_mb=" << PeakMemoryMb() << " status=" << (ok ? "ok" : "FAILED");
    std::cout << "substrate: " << net->Describe() << "\n" << summary.str() << std::endl;
    if (!csv.empty())
    {
        stats.WriteTrafficCsv(csv + "-traffic.csv", stopTime);
        stats.WriteSummaryCsv(csv + "-summary.csv");
    }
#ifdef LEAD_HAVE_NETANIM
    anim.reset();
#endif
    Simulator::Destroy();
    return ok ? 0 : 1;
}
