/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

// LEAD (or Chord) under churn, as p2psim runs it: nodes join, the keys are stored, then each
// non-bootstrap node alternates between sessions and down times (crashes, or graceful leaves)
// while every live node looks up random positions with exponential gaps. Every answer is
// checked against the oracle when it arrives. The run ends with one summary line.
//
//   ./build/examples/lead-churn-example --n-nodes=64 --duration=1800s
//   ./build/examples/lead-churn-example --n-nodes=490 --vnodes=1 --duration=7200s --csv=churn
//       --latency-matrix=../shared/data/planetlab-490-latency-ms.txt

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/lead-module.h"
#include "ns3/network-module.h"

#include <algorithm>
#include <chrono>
#include <iomanip>
#include <iostream>
#include <memory>
#include <sstream>

using namespace ns3;

namespace
{

/// The command line.
struct Options
{
    lead::LeadTopologyFactory::Params net;
    uint32_t vnodes{1};
    std::string hash{"rmi"};
    std::string dataset{"lognormal"};
    uint64_t nKeys{1000};
    uint32_t valueSize{100};
    std::string churn{"exponential"};
    Time sessionMean{Hours(1)};
    Time downMean{Minutes(25)};
    std::string churnTrace;
    double leaveShare{0};
    bool newIdentity{false};
    Time duration{Seconds(1800)};
    Time warmUp{Seconds(300)};
    Time lookupMean{Seconds(10)};
    Time getMean{Seconds(0)};
    Time rangeMean{Seconds(0)};
    uint32_t rangeLength{50};
    uint32_t replication{3};
    std::string transport{"udp"};
    std::string route{"greedy"};
    bool pcap{false};
    bool flowmon{false};
    bool progress{true};
    std::string csv;
};

void
Parse(int argc, char* argv[], Options& o)
{
    o.net.name = "matrix";
    o.net.hosts = 64;
    lead::LeadTopologyFactory::Params& n = o.net;
    CommandLine cmd(__FILE__);
    cmd.AddValue("topology", "star, dumbbell, csma, matrix or inet", n.name);
    cmd.AddValue("n-nodes", "Physical nodes running the overlay", n.hosts);
    cmd.AddValue("vnodes", "Virtual nodes per physical node", o.vnodes);
    cmd.AddValue("hash", "Key hash: rmi (LEAD), sha1 (Chord) or linear", o.hash);
    cmd.AddValue("dataset", "Key distribution (see lead-topology-example)", o.dataset);
    cmd.AddValue("n-keys", "Keys stored before churn starts", o.nKeys);
    cmd.AddValue("value-size", "Value size in bytes", o.valueSize);
    cmd.AddValue("latency-matrix", "matrix: RTT matrix file (else synthetic)", n.latencyMatrix);
    cmd.AddValue("one-way-is-entry", "matrix: entry = one-way delay (p2psim)", n.oneWayIsEntry);
    cmd.AddValue("topology-file", "inet: Inet-format router topology", n.topologyFile);
    cmd.AddValue("churn", "exponential, pareto, weibull, uniform or trace", o.churn);
    cmd.AddValue("session-mean", "Mean session (p2psim: 1 h)", o.sessionMean);
    cmd.AddValue("down-mean", "Mean down time (p2psim: 25 min)", o.downMean);
    cmd.AddValue("churn-trace",
                 "--churn=trace: lines 'node up down' (s from churn start)",
                 o.churnTrace);
    cmd.AddValue("leave-share", "Share of failures that are graceful leaves", o.leaveShare);
    cmd.AddValue("new-identity", "Returning nodes take new vnode ids", o.newIdentity);
    cmd.AddValue("duration", "Churn time (statistics after --warm-up)", o.duration);
    cmd.AddValue("warm-up", "Time from the start of churn to the start of statistics", o.warmUp);
    cmd.AddValue("lookup-mean", "Mean gap between a node's lookups (0: none)", o.lookupMean);
    cmd.AddValue("get-mean", "Mean gap between a node's gets (0: none)", o.getMean);
    cmd.AddValue("range-mean", "Mean gap between a node's range queries (0: none)", o.rangeMean);
    cmd.AddValue("range-length", "Keys per range query", o.rangeLength);
    cmd.AddValue("replication", "Replicas per key (ReplicationFactor)", o.replication);
    cmd.AddValue("transport", "Overlay transport: udp or tcp", o.transport);
    cmd.AddValue("route", "Next-hop choice (RouteSelection): greedy or proximity", o.route);
    cmd.AddValue("pcap", "Write pcap files of the hosts (lead-churn-<node>-<device>.pcap)", o.pcap);
    cmd.AddValue("flowmon", "Write FlowMonitor XML (lead-churn-flowmon.xml)", o.flowmon);
    cmd.AddValue("progress", "Print progress every 5 s of wall time", o.progress);
    cmd.AddValue("csv", "Write <prefix>-summary.csv, <prefix>-types.csv, <prefix>-time.csv", o.csv);
    cmd.Parse(argc, argv);
    lead::RequireRange("--vnodes", o.vnodes, 1, 4096);
    lead::RequireRange("--n-nodes", n.hosts, 2, 100000); // one bootstrap node never fails
    lead::RequireRange("--n-keys", o.nKeys, 1, 1000000000);
    NS_ABORT_MSG_IF(o.duration <= o.warmUp, "--duration must be longer than --warm-up");
    NS_ABORT_MSG_IF(o.route != "greedy" && o.route != "proximity",
                    "--route=" << o.route << ": use greedy or proximity");
    NS_ABORT_MSG_IF(o.churn == "trace" && o.churnTrace.empty(),
                    "--churn=trace needs --churn-trace");
}

/// Median of a list (0 if empty).
double
Median(std::vector<double> v)
{
    if (v.empty())
    {
        return 0;
    }
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

/// The churn helper configured from the options.
Ptr<lead::LeadChurnHelper>
MakeChurn(const Options& o)
{
    Ptr<lead::LeadChurnHelper> churn = CreateObject<lead::LeadChurnHelper>();
    churn->SetAttribute("Model", StringValue(o.churn));
    churn->SetAttribute("SessionMean", TimeValue(o.sessionMean));
    churn->SetAttribute("DownMean", TimeValue(o.downMean));
    churn->SetAttribute("TraceFile", StringValue(o.churnTrace));
    churn->SetAttribute("LeaveShare", DoubleValue(o.leaveShare));
    churn->SetAttribute("NewIdentity", BooleanValue(o.newIdentity));
    churn->SetAttribute("WarmUp", TimeValue(o.warmUp));
    churn->SetAttribute("LookupMean", TimeValue(o.lookupMean));
    churn->SetAttribute("GetMean", TimeValue(o.getMean));
    churn->SetAttribute("RangeMean", TimeValue(o.rangeMean));
    churn->SetAttribute("RangeLength", UintegerValue(o.rangeLength));
    churn->AssignStreams(2000);
    return churn;
}

/// Print the summary line, write the CSVs; returns whether the run met its targets.
bool
Report(const Options& o, const lead::LeadTopology& net, lead::LeadChurnHelper& churn, double wall)
{
    lead::LeadChurnStats& stats = churn.GetStats();
    const auto& t = stats.GetTotals();
    const auto [stored, lost] = churn.CountKeysLost();
    const double success = t.lookups ? double(t.correct) / t.lookups : 0;
    const double rangeComplete = t.ranges ? double(t.rangesComplete) / t.ranges : 1;
    // The targets of a p2psim-style churn run: 99 % of the lookups correct in time, and no
    // key lost when keys are replicated.
    const bool ok = t.lookups > 0 && success >= 0.99 && (o.replication == 0 || lost == 0);
    std::ostringstream line;
    line << std::fixed << std::setprecision(0) << "topology=" << o.net.name
         << " nodes=" << o.net.hosts << " vnodes=" << o.net.hosts * o.vnodes << " hash=" << o.hash
         << " churn=" << o.churn << " session_s=" << o.sessionMean.GetSeconds()
         << " down_s=" << o.downMean.GetSeconds() << " failures=" << churn.GetFailures()
         << " lookups=" << t.lookups << " correct=" << t.correct << " incorrect=" << t.incorrect
         << " failed=" << t.failed << std::setprecision(4) << " success=" << success
         << " keys_stored=" << stored << " keys_lost=" << lost
         << " range_complete=" << rangeComplete << std::setprecision(2)
         << " maint_bytes_per_node_s=" << stats.MaintenanceBytesPerNodeSecond(false)
         << " maint_p2psim_bytes_per_node_s=" << stats.MaintenanceBytesPerNodeSecond(true)
         << " repair_p50_s=" << Median(stats.GetRepairTimes());
    std::cout << "substrate: " << net.Describe() << "\nsummary: " << line.str() << std::fixed
              << std::setprecision(2) << " wall_s=" << wall << " peak_mb=" << lead::PeakMemoryMb()
              << " status=" << (ok ? "ok" : "FAILED") << std::endl;
    if (!o.csv.empty())
    {
        stats.WriteCsv(o.csv);
        lead::WriteFieldsCsv(o.csv + "-summary.csv", line.str());
    }
    return ok;
}

} // namespace

int
main(int argc, char* argv[])
{
    // TCP transport: as in lead-topology-example (full-size segments, an ACK per segment).
    Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1448));
    Config::SetDefault("ns3::TcpSocket::DelAckCount", UintegerValue(1));
    Options o;
    Parse(argc, argv, o);
    const uint32_t nNodes = o.net.hosts;
    const auto wallStart = std::chrono::steady_clock::now();

    std::unique_ptr<lead::LeadTopology> net = lead::LeadTopologyFactory::Create(o.net);
    lead::LeadExperimentHelper::Config cfg;
    cfg.hash = o.hash;
    cfg.dataset = o.dataset;
    cfg.keys = o.nKeys;
    cfg.vnodes = o.vnodes;
    cfg.valueSize = o.valueSize;
    cfg.joinSpacing = std::min(MilliSeconds(500), Seconds(100) / nNodes);
    lead::LeadExperimentHelper exp(cfg);
    exp.SetOverlayAttribute("Protocol", StringValue(o.transport));
    exp.SetOverlayAttribute("ReplicationFactor", UintegerValue(o.replication));
    exp.SetOverlayAttribute("RouteSelection", StringValue(o.route));
    ApplicationContainer apps = exp.Install(net->GetHosts());
    net->AssignStreams(1000);

    // Timeline: joins, settle, the keys, then churn (statistics after the warm-up).
    const Time putTime = exp.GetLastJoin() + Seconds(20) + Seconds(10) * (nNodes / 1000);
    const Time churnStart = exp.ScheduleLoad(putTime) + Seconds(5);
    const Time end = churnStart + o.duration;
    Ptr<lead::LeadChurnHelper> churn = MakeChurn(o);
    churn->Install(apps, 1, exp.GetOverlay().GetOracle(), churnStart, end);

    lead::RunWithTraces(*net, "lead-churn", o.pcap, o.flowmon, o.progress, end);
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
    const bool ok = Report(o, *net, *churn, wall);
    Simulator::Destroy();
    return ok ? 0 : 1;
}
