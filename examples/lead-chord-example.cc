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
 * The LEAD overlay on a point-to-point star: nodes join one after another, store keys, then
 * look up random ring positions and read the keys back. Lookups and reads are checked
 * against the oracle; the summary line says whether everything was correct.
 *
 * @verbatim
             leaf 1     leaf 2
                 \        /
     leaf 0 ---  hub router  --- leaf 3        one LeadNodeApp (k vnodes) per leaf;
                 /        \                    linkRate / linkDelay on every spoke
             leaf n-1   ...
   @endverbatim
 *
 * Timeline: leaf i starts at 1 + 0.5 i s; puts 20 s after the last join; gets and lookups
 * 20 s later; the run stops 10 s after that.
 *
 * Run: `lead-chord-example --nNodes=16 --vnodes=5 --hash=rmi --transport=tcp --pcap --flowmon
 * --csv=out`
 *
 * Expected output (default arguments; one line, wrapped here; "lookups" counts the user
 * lookups, including those of the puts and gets):
 * @verbatim
   summary: nodes=16 vnodes=80 hash=rmi transport=udp keys=2000 puts_ok=2000 gets_ok=2000
   lookups=5000 correct=5000 failed=0 mean_hops=2.12 p50_ms=60.06 p99_ms=100.10
   msgs_per_node_per_s=146.53 status=ok
   @endverbatim
 */

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/flow-monitor-helper.h"
#include "ns3/internet-module.h"
#include "ns3/lead-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-layout-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/traffic-control-module.h"

#include <iomanip>
#include <iostream>

using namespace ns3;

int
main(int argc, char* argv[])
{
    uint32_t nNodes{16};
    uint32_t vnodes{5};
    std::string hash{"rmi"};
    std::string dataset{"lognormal"};
    uint64_t nKeys{2000};
    uint32_t valueSize{1024};
    uint32_t nLookups{1000};
    std::string linkRate{"100Mbps"};
    std::string linkDelay{"10ms"};
    std::string transport{"udp"};
    bool pcap{false};
    bool flowmon{false};
    bool progress{true};
    std::string csv;

    // TCP transport: a 1448-byte MSS and an ACK for every segment. With ns-3's defaults (536
    // bytes, delayed ACKs after 200 ms) the request-response traffic of the overlay stalls
    // behind delayed ACKs once values reach a kilobyte. Both can be overridden on the command
    // line (--ns3::TcpSocket::SegmentSize=..., --ns3::TcpSocket::DelAckCount=...).
    Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1448));
    Config::SetDefault("ns3::TcpSocket::DelAckCount", UintegerValue(1));

    CommandLine cmd(__FILE__);
    cmd.AddValue("nNodes", "Physical nodes (leaves of the star)", nNodes);
    cmd.AddValue("vnodes", "Virtual nodes per physical node", vnodes);
    cmd.AddValue("hash", "Key hash: rmi (LEAD), sha1 (Chord) or linear", hash);
    cmd.AddValue("dataset",
                 "Key distribution: uniform, normal, lognormal, zipf, clustered, "
                 "sequential",
                 dataset);
    cmd.AddValue("nKeys", "Keys stored", nKeys);
    cmd.AddValue("valueSize", "Value size in bytes", valueSize);
    cmd.AddValue("nLookups", "Random lookups issued", nLookups);
    cmd.AddValue("linkRate", "Rate of every spoke", linkRate);
    cmd.AddValue("linkDelay", "One-way delay of every spoke", linkDelay);
    cmd.AddValue("transport", "Overlay transport: udp or tcp", transport);
    cmd.AddValue("pcap", "Write pcap files (prefix lead-chord)", pcap);
    cmd.AddValue("flowmon", "Write FlowMonitor XML (lead-chord-flowmon.xml)", flowmon);
    cmd.AddValue("progress", "Print progress every 5 s of wall time", progress);
    cmd.AddValue("csv", "Write <prefix>-traffic.csv and <prefix>-summary.csv", csv);
    cmd.Parse(argc, argv);

    NS_ABORT_MSG_IF(nNodes < 2, "--nNodes must be at least 2");
    NS_ABORT_MSG_IF(transport != "udp" && transport != "tcp",
                    "--transport=" << transport << ": use udp or tcp");

    // Keys and the hash model.
    lead::LeadDatasetHelper data;
    data.SetDistribution(dataset);
    data.SetKeyCount(nKeys);
    data.AssignStreams(1);
    const std::vector<uint64_t> keys = data.GetKeys();
    Ptr<lead::LearnedHashModel> model = lead::LearnedHashModel::CreateByName(hash);
    model->Train(keys);

    // Topology: a star of point-to-point links, no FqCoDel, global routing.
    lead::LeadStarTopology star(nNodes, linkRate, linkDelay);
    NodeContainer leaves = star.GetLeaves();

    // The overlay.
    lead::LeadHelper lead;
    lead.SetHashModel(model);
    lead.SetAttribute("VnodesPerNode", UintegerValue(vnodes));
    if (transport == "tcp")
    {
        lead.SetAttribute("Protocol", TypeIdValue(TcpSocketFactory::GetTypeId()));
    }
    ApplicationContainer apps = lead.Install(leaves);
    lead.AssignStreams(leaves, 10);
    star.AssignStreams(1000);
    for (uint32_t i = 0; i < nNodes; ++i)
    {
        apps.Get(i)->SetStartTime(Seconds(1) + MilliSeconds(500) * i);
    }
    lead::LeadStatsCollector stats;
    stats.Install(apps, lead.GetOracle());

    const Time lastJoin = Seconds(1) + MilliSeconds(500) * (nNodes - 1);
    const Time putTime = lastJoin + Seconds(20);
    const Time readTime = putTime + Seconds(20);
    const Time stopTime = readTime + Seconds(10);

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

    if (pcap)
    {
        star.EnablePcap("lead-chord");
    }
    FlowMonitorHelper flowmonHelper;
    Ptr<FlowMonitor> monitor;
    if (flowmon)
    {
        monitor = flowmonHelper.InstallAll();
    }
    std::unique_ptr<ShowProgress> progressMeter;
    if (progress)
    {
        progressMeter = std::make_unique<ShowProgress>(Seconds(5), std::cerr);
    }

    Simulator::Stop(stopTime);
    Simulator::Run();

    if (monitor)
    {
        monitor->CheckForLostPackets();
        monitor->SerializeToXmlFile("lead-chord-flowmon.xml", true, true);
    }
    const auto& ls = stats.GetLookupStats();
    const auto& ks = stats.GetKeyOpStats();
    const auto traffic = stats.GetTotalTraffic();
    const double window = (stopTime - readTime).GetSeconds();
    const bool ok = ks.putsOk == keys.size() && ks.getsFound == keys.size() &&
                    ls.correct == ls.issued && ls.issued > 0;
    std::ostringstream summary;
    summary << std::fixed << std::setprecision(2) << "summary: nodes=" << nNodes
            << " vnodes=" << nNodes * vnodes << " hash=" << hash << " transport=" << transport
            << " keys=" << keys.size() << " puts_ok=" << ks.putsOk << " gets_ok=" << ks.getsFound
            << " lookups=" << ls.issued << " correct=" << ls.correct << " failed=" << ls.failed
            << " mean_hops=" << stats.MeanHops()
            << " p50_ms=" << stats.LatencyPercentile(50).GetSeconds() * 1000
            << " p99_ms=" << stats.LatencyPercentile(99).GetSeconds() * 1000
            << " msgs_per_node_per_s=" << traffic.first / window / nNodes
            << " status=" << (ok ? "ok" : "FAILED");
    std::cout << summary.str() << std::endl;
    if (!csv.empty())
    {
        stats.WriteTrafficCsv(csv + "-traffic.csv", stopTime);
        stats.WriteSummaryCsv(csv + "-summary.csv");
    }
    Simulator::Destroy();
    return ok ? 0 : 1;
}
