/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

// The collaborative model update (lead-spec.md 8) through a distribution shift: the keys the
// model was trained on are stored, then inserts from another distribution (by default a
// cluster in one percent of the key ranks, as many keys as were loaded) crowd some vnodes
// while lookups, gets and range queries run (and, optionally, nodes fail and return). Vnodes
// whose drift passes DriftThreshold tell their neighbours in heartbeats; where Quorum of them
// are ready a round refits the leaves and every node installs the new version. The run ends
// with one summary line; --csv writes the time series.
//
//   ./build/examples/lead-model-update-example
//   ./build/examples/lead-model-update-example --update=false      (the same run, no update)
//   ./build/examples/lead-model-update-example --churn=exponential --n-nodes=98

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
    uint32_t vnodes{5};
    std::string dataset{"lognormal"};
    uint64_t nKeys{20000};
    std::string shift{"cluster"};
    double shiftShare{1.0};
    Time shiftTime{Seconds(60)};
    Time after{Seconds(120)};
    bool update{true};
    Time heartbeat{Seconds(2)};
    double quorum{0.0};
    double drift{0.4};
    std::string aggregation{"mean"};
    bool validation{true};
    uint32_t hostile{0};
    std::string route{"proximity"};
    std::string balancer{"static"};
    std::string churn{"none"};
    Time sessionMean{Hours(1)};
    Time downMean{Minutes(25)};
    Time lookupMean{Seconds(10)};
    Time getMean{Seconds(10)};
    Time rangeMean{Seconds(20)};
    uint32_t rangeLength{50};
    bool pcap{false};
    bool flowmon{false};
    bool progress{true};
    std::string csv;
};

void
Parse(int argc, char* argv[], Options& o)
{
    o.net.name = "matrix";
    o.net.hosts = 48;
    CommandLine cmd(__FILE__);
    cmd.AddValue("n-nodes", "Physical nodes running the overlay", o.net.hosts);
    cmd.AddValue("latency-matrix", "RTT matrix file (else synthetic)", o.net.latencyMatrix);
    cmd.AddValue("vnodes", "Virtual nodes per physical node", o.vnodes);
    cmd.AddValue("dataset", "Distribution the model is trained on and loaded from", o.dataset);
    cmd.AddValue("n-keys", "Keys loaded before the shift", o.nKeys);
    cmd.AddValue("shift",
                 "New keys, within the loaded keys' range: uniform, normal (mean at the "
                 "range's middle, sd a sixth of it) or cluster (one percent of the keys' ranks)",
                 o.shift);
    cmd.AddValue("shift-share", "New keys as a share of --n-keys", o.shiftShare);
    cmd.AddValue("shift-time", "Time over which the new keys are put", o.shiftTime);
    cmd.AddValue("after", "Time the run goes on after the shift", o.after);
    cmd.AddValue("update", "Model update rounds (ModelUpdate)", o.update);
    cmd.AddValue("heartbeat", "HeartbeatInterval (also the round checks' period)", o.heartbeat);
    cmd.AddValue("quorum",
                 "Quorum: ready share of neighbours for a round (the spec's 0.9 never starts "
                 "one on a shift that crowds a few vnodes: see doc/lead.rst)",
                 o.quorum);
    cmd.AddValue("drift", "DriftThreshold", o.drift);
    cmd.AddValue("aggregation", "Aggregation: mean, trimmed or median", o.aggregation);
    cmd.AddValue("validation", "UpdateValidation of refitted pieces", o.validation);
    cmd.AddValue("hostile", "Nodes sending hostile leaves (HostileUpdates)", o.hostile);
    cmd.AddValue("route", "RouteSelection: greedy or proximity", o.route);
    cmd.AddValue("balancer", "Shadow Balancer: static or dynamic", o.balancer);
    cmd.AddValue("churn", "none, exponential, pareto, weibull or uniform", o.churn);
    cmd.AddValue("session-mean", "Mean session under churn", o.sessionMean);
    cmd.AddValue("down-mean", "Mean down time under churn", o.downMean);
    cmd.AddValue("lookup-mean", "Mean gap between a node's lookups (0: none)", o.lookupMean);
    cmd.AddValue("get-mean", "Mean gap between a node's gets (0: none)", o.getMean);
    cmd.AddValue("range-mean", "Mean gap between a node's range queries (0: none)", o.rangeMean);
    cmd.AddValue("range-length", "Keys per range query", o.rangeLength);
    cmd.AddValue("pcap", "Write pcap files (lead-update-<node>-<device>.pcap)", o.pcap);
    cmd.AddValue("flowmon", "Write FlowMonitor XML (lead-update-flowmon.xml)", o.flowmon);
    cmd.AddValue("progress", "Print progress every 5 s of wall time", o.progress);
    cmd.AddValue("csv", "Write <prefix>-time.csv and <prefix>-summary.csv", o.csv);
    cmd.Parse(argc, argv);
    lead::RequireRange("--vnodes", o.vnodes, 1, 4096);
    lead::RequireRange("--n-nodes", o.net.hosts, 4, 100000);
    lead::RequireRange("--n-keys", o.nKeys, 100, 1000000000);
    NS_ABORT_MSG_IF(o.shift != "uniform" && o.shift != "normal" && o.shift != "cluster",
                    "--shift=" << o.shift << ": use uniform, normal or cluster");
    NS_ABORT_MSG_IF(!(o.shiftShare > 0), "--shift-share must be positive");
    NS_ABORT_MSG_IF(o.hostile >= o.net.hosts, "--hostile must be below --n-nodes");
    NS_ABORT_MSG_IF(o.update && !o.heartbeat.IsStrictlyPositive(),
                    "--update needs --heartbeat > 0");
}

/// New keys of the shift, inside the loaded keys' range and not among them.
std::vector<uint64_t>
ShiftKeys(const Options& o, const std::vector<uint64_t>& loaded, Ptr<UniformRandomVariable> u)
{
    const uint64_t n = static_cast<uint64_t>(o.shiftShare * static_cast<double>(loaded.size()));
    const double lo = static_cast<double>(loaded.front());
    const double hi = static_cast<double>(loaded.back());
    const double cLo = static_cast<double>(loaded[loaded.size() * 40 / 100]);
    const double cHi = static_cast<double>(loaded[loaded.size() * 41 / 100]);
    Ptr<NormalRandomVariable> normal = CreateObject<NormalRandomVariable>();
    normal->SetStream(u->GetStream() + 1);
    std::vector<uint64_t> keys;
    while (keys.size() < n)
    {
        double k = o.shift == "uniform"   ? u->GetValue(lo, hi)
                   : o.shift == "cluster" ? u->GetValue(cLo, cHi)
                                          : (lo + hi) / 2 + normal->GetValue() * (hi - lo) / 6;
        const auto key = static_cast<uint64_t>(std::clamp(k, lo, hi));
        if (!std::binary_search(loaded.begin(), loaded.end(), key))
        {
            keys.push_back(key);
        }
    }
    return keys;
}

/// The shift's puts, evenly spread from `start` over --shift-time, from random live nodes.
void
ScheduleShift(const Options& o,
              const std::vector<uint64_t>& keys,
              const ApplicationContainer& apps,
              Time start,
              Ptr<UniformRandomVariable> u)
{
    const Time gap = o.shiftTime / static_cast<int64_t>(std::max<size_t>(keys.size(), 1));
    for (size_t k = 0; k < keys.size(); ++k)
    {
        Simulator::Schedule(start + gap * static_cast<int64_t>(k), [&apps, key = keys[k], u]() {
            for (int attempt = 0; attempt < 16; ++attempt)
            {
                auto app =
                    DynamicCast<lead::LeadNodeApp>(apps.Get(u->GetInteger(0, apps.GetN() - 1)));
                if (app->GetState() == lead::LeadNodeApp::State::ACTIVE)
                {
                    app->Put(key, Callback<void, const lead::KeyOpResult&>());
                    return;
                }
            }
        });
    }
}

/// Overlay attributes from the options.
void
Configure(const Options& o, lead::LeadExperimentHelper& exp)
{
    exp.SetOverlayAttribute("HeartbeatInterval", TimeValue(o.heartbeat));
    exp.SetOverlayAttribute("ModelUpdate", BooleanValue(o.update));
    exp.SetOverlayAttribute("Quorum", DoubleValue(o.quorum));
    exp.SetOverlayAttribute("DriftThreshold", DoubleValue(o.drift));
    exp.SetOverlayAttribute("Aggregation", StringValue(o.aggregation));
    exp.SetOverlayAttribute("UpdateValidation", BooleanValue(o.validation));
    exp.SetOverlayAttribute("RouteSelection", StringValue(o.route));
    exp.SetOverlayAttribute("Balancer", StringValue(o.balancer));
}

/// The churn helper: workload for the whole run, churn if asked.
Ptr<lead::LeadChurnHelper>
MakeWorkload(const Options& o)
{
    Ptr<lead::LeadChurnHelper> churn = CreateObject<lead::LeadChurnHelper>();
    if (o.churn != "none")
    {
        churn->SetAttribute("Model", StringValue(o.churn));
    }
    churn->SetAttribute("SessionMean", TimeValue(o.sessionMean));
    churn->SetAttribute("DownMean", TimeValue(o.downMean));
    churn->SetAttribute("WarmUp", TimeValue(Seconds(0)));
    churn->SetAttribute("LookupMean", TimeValue(o.lookupMean));
    churn->SetAttribute("GetMean", TimeValue(o.getMean));
    churn->SetAttribute("RangeMean", TimeValue(o.rangeMean));
    churn->SetAttribute("RangeLength", UintegerValue(o.rangeLength));
    churn->AssignStreams(2000);
    return churn;
}

/// What the run ends with.
struct Outcome
{
    uint32_t versionBefore{0};
    Ptr<lead::LearnedHashModel> initial; //!< the model the keys were loaded with
};

/// Print the summary line and write the CSVs; returns whether the run met its targets.
bool
Report(const Options& o,
       const Outcome& out,
       const lead::LeadUpdateMonitor& mon,
       lead::LeadChurnHelper& churn,
       Ptr<lead::LearnedHashModel> final,
       double wall)
{
    const auto& t = churn.GetStats().GetTotals();
    const auto c = mon.GetConvergence();
    const auto s = mon.Measure();
    const double lookups = t.lookups ? double(t.correct) / t.lookups : 1;
    const double gets = t.gets ? double(t.getsOk) / t.gets : 1;
    const double ranges = t.ranges ? double(t.rangesComplete) / t.ranges : 1;
    double converge = -1;
    if (mon.GetFirstReady() && c.version != out.versionBefore)
    {
        converge = (c.lastInstall - *mon.GetFirstReady()).GetSeconds();
    }
    const bool updated = !o.update || c.version > out.versionBefore;
    const bool ok = c.all && updated && lookups >= 0.99 && gets >= 0.99 && ranges >= 0.99;
    std::ostringstream line;
    line << std::fixed << std::setprecision(0) << "nodes=" << o.net.hosts
         << " vnodes=" << o.net.hosts * o.vnodes << " keys=" << o.nKeys << " shift=" << o.shift
         << " update=" << (o.update ? "on" : "off") << " balancer=" << o.balancer
         << " churn=" << o.churn << " version_before=" << out.versionBefore
         << " version_after=" << c.version << " rounds=" << s.rounds
         << " rounds_installed=" << s.installed << std::setprecision(2)
         << " converge_s=" << converge
         << " version_spread_max_s=" << mon.GetVersionSpread().first.GetSeconds()
         << " version_spread_mean_s=" << mon.GetVersionSpread().second.GetSeconds()
         << " update_bytes=" << s.updateBytes << " heartbeat_bytes=" << s.heartbeatBytes
         << " keys_moved=" << s.keysMoved
         << " peer_load_max_mean_before=" << mon.PeerLoadUnder(*out.initial)
         << " peer_load_max_mean_after=" << mon.PeerLoadUnder(*final) << std::setprecision(4)
         << " lookup_success=" << lookups << " get_success=" << gets
         << " range_complete=" << ranges;
    std::cout << "summary: " << line.str() << std::fixed << std::setprecision(2)
              << " wall_s=" << wall << " peak_mb=" << lead::PeakMemoryMb()
              << " status=" << (ok ? "ok" : "FAILED") << std::endl;
    if (!o.csv.empty())
    {
        mon.WriteCsv(o.csv + "-time.csv");
        lead::WriteFieldsCsv(o.csv + "-summary.csv", line.str());
    }
    return ok;
}

/// The first live node's model.
Ptr<lead::LearnedHashModel>
LiveModel(const ApplicationContainer& apps)
{
    for (uint32_t i = 0; i < apps.GetN(); ++i)
    {
        auto app = DynamicCast<lead::LeadNodeApp>(apps.Get(i));
        if (app->GetState() == lead::LeadNodeApp::State::ACTIVE)
        {
            return app->GetHashModel();
        }
    }
    return DynamicCast<lead::LeadNodeApp>(apps.Get(0))->GetHashModel();
}

} // namespace

int
main(int argc, char* argv[])
{
    Options o;
    Parse(argc, argv, o);
    const auto wallStart = std::chrono::steady_clock::now();
    std::unique_ptr<lead::LeadTopology> net = lead::LeadTopologyFactory::Create(o.net);
    lead::LeadExperimentHelper::Config cfg;
    cfg.dataset = o.dataset;
    cfg.keys = o.nKeys;
    cfg.vnodes = o.vnodes;
    cfg.joinSpacing = std::min(MilliSeconds(500), Seconds(100) / o.net.hosts);
    lead::LeadExperimentHelper exp(cfg);
    Configure(o, exp);
    ApplicationContainer apps = exp.Install(net->GetHosts());
    for (uint32_t i = 0; i < o.hostile; ++i) // the last nodes, never the bootstrap
    {
        apps.Get(apps.GetN() - 1 - i)->SetAttribute("HostileUpdates", BooleanValue(true));
    }
    net->AssignStreams(1000);
    Ptr<UniformRandomVariable> u = CreateObject<UniformRandomVariable>();
    u->SetStream(3000);

    // Timeline: joins, the trained keys, a baseline, the shift, then --after.
    const Time loaded = exp.ScheduleLoad(exp.GetLastJoin() + Seconds(20)) + Seconds(5);
    const Time shiftStart = loaded + Seconds(2);
    const Time end = shiftStart + o.shiftTime + o.after;
    Outcome out;
    Simulator::Schedule(loaded, [&apps, &out]() {
        out.initial = LiveModel(apps);
        out.versionBefore = out.initial->GetVersion();
        for (uint32_t i = 0; i < apps.GetN(); ++i)
        {
            DynamicCast<lead::LeadNodeApp>(apps.Get(i))->MarkModelBaseline();
        }
    });
    ScheduleShift(o, ShiftKeys(o, exp.GetKeys(), u), apps, shiftStart, u);
    Ptr<lead::LeadChurnHelper> churn = MakeWorkload(o);
    churn->Install(apps,
                   o.churn == "none" ? apps.GetN() : 1,
                   exp.GetOverlay().GetOracle(),
                   shiftStart,
                   end);
    lead::LeadUpdateMonitor monitor(apps, exp.GetOverlay().GetOracle());
    monitor.Start(loaded, end, Seconds(1));

    lead::RunWithTraces(*net, "lead-update", o.pcap, o.flowmon, o.progress, end);
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
    const bool ok = Report(o, out, monitor, *churn, LiveModel(apps), wall);
    Simulator::Destroy();
    return ok ? 0 : 1;
}
