/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-churn-helper.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/ipv4.h"
#include "ns3/lead-node-app.h"
#include "ns3/lead-ns3-compat.h"
#include "ns3/lead-routing-table.h"
#include "ns3/lead-transport.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <algorithm>

namespace ns3
{
namespace lead
{

NS_LOG_COMPONENT_DEFINE("LeadChurnHelper");
NS_OBJECT_ENSURE_REGISTERED(LeadChurnHelper);

TypeId
LeadChurnHelper::AddWorkloadAttributes(TypeId tid)
{
    // What the live nodes do during churn, and how it is measured.
    return tid
        .AddAttribute("LookupMean",
                      "Mean gap between the lookups of one live node (p2psim: 10 s); 0 "
                      "turns lookups off.",
                      TimeValue(Seconds(10)),
                      MakeTimeAccessor(&LeadChurnHelper::m_lookupMean),
                      MakeTimeChecker(Time(0)))
        .AddAttribute("GetMean",
                      "Mean gap between the gets (of acknowledged keys) of one live node; "
                      "0 turns gets off.",
                      TimeValue(Time(0)),
                      MakeTimeAccessor(&LeadChurnHelper::m_getMean),
                      MakeTimeChecker(Time(0)))
        .AddAttribute("RangeMean",
                      "Mean gap between the range queries of one live node; 0 turns them "
                      "off.",
                      TimeValue(Time(0)),
                      MakeTimeAccessor(&LeadChurnHelper::m_rangeMean),
                      MakeTimeChecker(Time(0)))
        .AddAttribute("RangeLength",
                      "Acknowledged keys per range query (the range spans them).",
                      UintegerValue(100),
                      MakeUintegerAccessor(&LeadChurnHelper::m_rangeLength),
                      MakeUintegerChecker<uint32_t>(1))
        .AddAttribute("WarmUp",
                      "Statistics start this long after churn starts.",
                      TimeValue(Seconds(0)),
                      MakeTimeAccessor(&LeadChurnHelper::m_warmUp),
                      MakeTimeChecker(Time(0)))
        .AddAttribute("Interval",
                      "Length of a row of the time series.",
                      TimeValue(Seconds(60)),
                      MakeTimeAccessor(&LeadChurnHelper::m_interval),
                      MakeTimeChecker(MilliSeconds(1)))
        .AddAttribute("RepairCheck",
                      "Period of the checks of rings being repaired after a failure.",
                      TimeValue(MilliSeconds(100)),
                      MakeTimeAccessor(&LeadChurnHelper::m_repairCheck),
                      MakeTimeChecker(MilliSeconds(1)));
}

TypeId
LeadChurnHelper::GetTypeId()
{
    static TypeId tid =
        AddWorkloadAttributes(TypeId("ns3::lead::LeadChurnHelper")
                                  .SetParent<Object>()
                                  .SetGroupName("Lead")
                                  .AddConstructor<LeadChurnHelper>())
            .AddAttribute("Model",
                          "Where sessions come from: exponential, pareto, weibull or uniform "
                          "draws, or the TraceFile.",
                          EnumValue(MODEL_EXPONENTIAL),
                          LEAD_ENUM_ACCESSOR(Model, &LeadChurnHelper::m_model),
                          MakeEnumChecker(MODEL_EXPONENTIAL,
                                          "exponential",
                                          MODEL_PARETO,
                                          "pareto",
                                          MODEL_WEIBULL,
                                          "weibull",
                                          MODEL_UNIFORM,
                                          "uniform",
                                          MODEL_TRACE,
                                          "trace"))
            .AddAttribute("SessionMean",
                          "Mean time a node stays up (p2psim's lifemean: 1 h).",
                          TimeValue(Hours(1)),
                          MakeTimeAccessor(&LeadChurnHelper::m_sessionMean),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("DownMean",
                          "Mean time a failed node stays down (p2psim's deathmean: 25 min).",
                          TimeValue(Minutes(25)),
                          MakeTimeAccessor(&LeadChurnHelper::m_downMean),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("ParetoShape",
                          "Shape of the Pareto distribution (> 1; the scale follows from the "
                          "mean).",
                          DoubleValue(2.0),
                          MakeDoubleAccessor(&LeadChurnHelper::m_paretoShape),
                          MakeDoubleChecker<double>(1.01))
            .AddAttribute("WeibullShape",
                          "Shape of the Weibull distribution (the scale follows from the mean).",
                          DoubleValue(0.5),
                          MakeDoubleAccessor(&LeadChurnHelper::m_weibullShape),
                          MakeDoubleChecker<double>(0.05))
            .AddAttribute("LeaveShare",
                          "Share of failures that are graceful leaves (keys handed over); the "
                          "others are crashes (p2psim: all crashes).",
                          DoubleValue(0.0),
                          MakeDoubleAccessor(&LeadChurnHelper::m_leaveShare),
                          MakeDoubleChecker<double>(0.0, 1.0))
            .AddAttribute("NewIdentity",
                          "A returning node joins with new vnode ids (as with a new address) "
                          "instead of its previous ones.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&LeadChurnHelper::m_newIdentity),
                          MakeBooleanChecker())
            .AddAttribute("TraceFile",
                          "Sessions for Model=trace: lines 'node up down' (seconds from the "
                          "start of churn).",
                          StringValue(""),
                          MakeStringAccessor(&LeadChurnHelper::m_traceFile),
                          MakeStringChecker())
            .AddTraceSource("NodeUp",
                            "A node came back (index, false).",
                            MakeTraceSourceAccessor(&LeadChurnHelper::m_upTrace),
                            "ns3::lead::LeadChurnHelper::ChurnTracedCallback")
            .AddTraceSource("NodeDown",
                            "A node failed (index, graceful).",
                            MakeTraceSourceAccessor(&LeadChurnHelper::m_downTrace),
                            "ns3::lead::LeadChurnHelper::ChurnTracedCallback");
    return tid;
}

LeadChurnHelper::LeadChurnHelper()
    : m_rng(CreateObject<UniformRandomVariable>())
{
}

LeadChurnHelper::~LeadChurnHelper() = default;

void
LeadChurnHelper::DoDispose()
{
    m_repairEvent.Cancel();
    m_apps.clear();
    m_byAddr.clear();
    m_oracle = nullptr;
    m_rng = nullptr;
    Object::DoDispose();
}

int64_t
LeadChurnHelper::AssignStreams(int64_t stream)
{
    m_rng->SetStream(stream);
    return 1;
}

Time
LeadChurnHelper::Gap(Time mean)
{
    return LeadChurnModel::Draw(LeadChurnModel::EXPONENTIAL,
                                mean,
                                m_rng->GetValue(),
                                LeadChurnModel::Shapes());
}

void
LeadChurnHelper::Install(const ApplicationContainer& apps,
                         uint32_t bootstraps,
                         Ptr<LeadOracle> oracle,
                         Time start,
                         Time end)
{
    NS_ABORT_MSG_IF(!oracle, "LeadChurnHelper::Install: no oracle");
    NS_ABORT_MSG_IF(bootstraps == 0 || bootstraps > apps.GetN(),
                    "LeadChurnHelper::Install: " << bootstraps << " bootstrap nodes of "
                                                 << apps.GetN());
    NS_ABORT_MSG_IF(end <= start + m_warmUp,
                    "LeadChurnHelper::Install: the run ends before the warm-up does");
    m_bootstraps = bootstraps;
    m_oracle = oracle;
    m_end = end;
    m_stats = std::make_unique<LeadChurnStats>(start + m_warmUp, end, m_interval);
    for (uint32_t i = 0; i < apps.GetN(); ++i)
    {
        Ptr<LeadNodeApp> app = DynamicCast<LeadNodeApp>(apps.Get(i));
        NS_ABORT_MSG_IF(!app,
                        "LeadChurnHelper::Install: application " << i << " is not a LeadNodeApp");
        m_apps.push_back(app);
        Ptr<Ipv4> ipv4 = app->GetNode()->GetObject<Ipv4>();
        NS_ABORT_MSG_IF(!ipv4 || ipv4->GetNInterfaces() < 2,
                        "LeadChurnHelper::Install: node of application " << i << " has no address");
        m_byAddr[ipv4->GetAddress(1, 0).GetLocal().Get()] = app;
        app->GetTransport()->TraceConnectWithoutContext(
            "TxPacket",
            Callback<void, Ptr<const Packet>, uint32_t>(
                [this](Ptr<const Packet> p, uint32_t) { m_stats->OnTx(p, Simulator::Now()); }));
    }
    m_live = apps.GetN();
    Simulator::Schedule(start - Simulator::Now(),
                        [this]() { m_stats->OnLiveNodes(m_live, Simulator::Now()); });
    ScheduleSessions(start, end);
    for (uint32_t i = 0; i < m_apps.size(); ++i)
    {
        for (Kind kind : {LOOKUP, GET, RANGE})
        {
            Simulator::Schedule(start - Simulator::Now(), [this, i, kind]() { Next(i, kind); });
        }
    }
    Simulator::Schedule(end - Simulator::Now(), [this]() { m_stats->Finish(); });
}

void
LeadChurnHelper::ScheduleSessions(Time start, Time end)
{
    std::vector<LeadChurnModel::Session> sessions;
    if (m_model == MODEL_TRACE)
    {
        NS_ABORT_MSG_IF(m_traceFile.empty(),
                        "ns3::lead::LeadChurnHelper::TraceFile: Model=trace needs a file");
        sessions = LeadChurnModel::LoadTrace(m_traceFile);
        for (const auto& s : sessions)
        {
            NS_ABORT_MSG_IF(s.node >= m_apps.size(),
                            "churn trace '" << m_traceFile << "': node " << s.node
                                            << " does not exist (" << m_apps.size() << " nodes)");
            NS_ABORT_MSG_IF(s.node < m_bootstraps,
                            "churn trace '" << m_traceFile << "': node " << s.node
                                            << " is a bootstrap node, which never fails");
        }
    }
    else
    {
        LeadChurnModel::Shapes shapes;
        shapes.pareto = m_paretoShape;
        shapes.weibull = m_weibullShape;
        for (uint32_t i = m_bootstraps; i < m_apps.size(); ++i)
        {
            auto mine = LeadChurnModel::Generate(i,
                                                 start,
                                                 end,
                                                 static_cast<LeadChurnModel::Distribution>(m_model),
                                                 m_sessionMean,
                                                 m_downMean,
                                                 shapes,
                                                 [this]() { return m_rng->GetValue(); });
            sessions.insert(sessions.end(), mine.begin(), mine.end());
        }
    }
    // Trace times count from the start of churn; a node whose first session starts later is
    // down until then.
    const Time offset = m_model == MODEL_TRACE ? start : Time(0);
    std::map<uint32_t, Time> firstUp;
    for (const auto& s : sessions)
    {
        auto [it, fresh] = firstUp.emplace(s.node, s.up + offset);
        if (s.up + offset > start || !fresh)
        {
            Simulator::Schedule(s.up + offset - Simulator::Now(), [this, n = s.node]() { Up(n); });
        }
        if (s.down + offset < end)
        {
            Simulator::Schedule(s.down + offset - Simulator::Now(),
                                [this, n = s.node]() { Down(n); });
        }
    }
    for (const auto& [node, up] : firstUp)
    {
        if (up > start)
        {
            Simulator::Schedule(start - Simulator::Now(), [this, n = node]() { Down(n); });
        }
    }
}

void
LeadChurnHelper::Down(uint32_t i)
{
    Ptr<LeadNodeApp> app = m_apps[i];
    const auto state = app->GetState();
    if (state != LeadNodeApp::State::ACTIVE && state != LeadNodeApp::State::JOINING)
    {
        return; // already down
    }
    // The vnodes before this node's: their successor changes; watch them until it is right.
    for (uint32_t v = 0; v < app->GetVnodeCount(); ++v)
    {
        const VnodeRef self = app->GetVnode(v);
        auto before = m_oracle->Predecessor(self.id);
        if (before && before->address != self.address && m_oracle->IsAlive(self.id))
        {
            NS_LOG_LOGIC("watching " << before->id << " after the failure of " << self.id);
            m_repairs.push_back(Repair{*before, Simulator::Now()});
        }
    }
    const bool graceful = m_rng->GetValue() < m_leaveShare;
    NS_LOG_INFO("node " << i << (graceful ? " leaves" : " crashes"));
    if (graceful)
    {
        app->Leave();
    }
    else
    {
        app->Crash();
    }
    ++m_failures;
    m_live = m_live > 0 ? m_live - 1 : 0;
    m_stats->OnLiveNodes(m_live, Simulator::Now());
    m_downTrace(i, graceful);
    if (m_repairEvent.IsExpired())
    {
        m_repairEvent = Simulator::Schedule(m_repairCheck, &LeadChurnHelper::CheckRepairs, this);
    }
}

void
LeadChurnHelper::Up(uint32_t i)
{
    Ptr<LeadNodeApp> app = m_apps[i];
    if (app->GetState() == LeadNodeApp::State::LEAVING)
    {
        app->Crash(); // back before its hand-off finished: what is left is lost
    }
    if (app->GetState() != LeadNodeApp::State::STOPPED)
    {
        return;
    }
    NS_LOG_INFO("node " << i << " comes back");
    app->Restart(m_newIdentity);
    ++m_live;
    m_stats->OnLiveNodes(m_live, Simulator::Now());
    m_upTrace(i, false);
}

void
LeadChurnHelper::CheckRepairs()
{
    const Time now = Simulator::Now();
    auto repaired = [this, now](const Repair& r) {
        if (!m_oracle->IsAlive(r.before.id))
        {
            return true; // it failed too: its own repair is watched
        }
        auto it = m_byAddr.find(r.before.address);
        auto next = m_oracle->Successor(r.before.id);
        if (it == m_byAddr.end() || !next || r.before.vnode >= it->second->GetVnodeCount())
        {
            return true;
        }
        const LeadRoutingTable& t = it->second->GetRoutingTable(r.before.vnode);
        if (t.GetSelf().id != r.before.id || !t.HasSuccessor())
        {
            return t.GetSelf().id != r.before.id;
        }
        if (t.GetSuccessor().id == next->id)
        {
            NS_LOG_LOGIC("ring after a failure at " << r.failedAt.As(Time::S) << " repaired");
            m_stats->OnRepaired(r.failedAt, now);
            return true;
        }
        return false;
    };
    m_repairs.erase(std::remove_if(m_repairs.begin(), m_repairs.end(), repaired), m_repairs.end());
    if (!m_repairs.empty() && now + m_repairCheck < m_end)
    {
        m_repairEvent = Simulator::Schedule(m_repairCheck, &LeadChurnHelper::CheckRepairs, this);
    }
}

void
LeadChurnHelper::Next(uint32_t i, Kind kind)
{
    const Time mean = kind == LOOKUP ? m_lookupMean : kind == GET ? m_getMean : m_rangeMean;
    if (!mean.IsStrictlyPositive())
    {
        return;
    }
    const Time gap = Gap(mean);
    if (Simulator::Now() + gap >= m_end)
    {
        return;
    }
    Simulator::Schedule(gap, [this, i, kind]() {
        Issue(i, kind);
        Next(i, kind);
    });
}

void
LeadChurnHelper::Issue(uint32_t i, Kind kind)
{
    Ptr<LeadNodeApp> app = m_apps[i];
    if (app->GetState() != LeadNodeApp::State::ACTIVE)
    {
        return; // down, or not joined yet
    }
    if (kind == LOOKUP)
    {
        const uint64_t position =
            (uint64_t{m_rng->GetInteger(0, UINT32_MAX)} << 32) | m_rng->GetInteger(0, UINT32_MAX);
        app->Lookup(position, Callback<void, const LookupResult&>([this](const LookupResult& r) {
                        auto owner = m_oracle->Owner(r.target);
                        const auto outcome = !r.success ? LeadChurnStats::FAILED
                                             : owner && owner->id == r.owner.id
                                                 ? LeadChurnStats::CORRECT
                                                 : LeadChurnStats::INCORRECT;
                        m_stats->OnLookup(outcome, Simulator::Now());
                    }));
        return;
    }
    // The acknowledged keys, as a vector for drawing one in constant time (rebuilt when the
    // oracle's count changes).
    const auto& keys = m_oracle->GetKeys();
    if (m_keys.size() != keys.size())
    {
        m_keys.clear();
        for (const auto& kv : keys)
        {
            m_keys.push_back(kv.first);
        }
    }
    if (m_keys.empty())
    {
        return;
    }
    const size_t first = m_rng->GetInteger(0, m_keys.size() - 1);
    auto it = keys.find(m_keys[first]);
    if (it == keys.end())
    {
        return; // deleted since the snapshot
    }
    if (kind == GET)
    {
        const uint64_t key = it->first;
        const uint64_t tag = it->second.tag;
        app->Get(key, Callback<void, const KeyOpResult&>([this, tag](const KeyOpResult& r) {
                     m_stats->OnGet(r.success && r.found && r.tag == tag, Simulator::Now());
                 }));
        return;
    }
    // A range over the next RangeLength acknowledged keys.
    const std::vector<uint64_t> expected(
        m_keys.begin() + first,
        m_keys.begin() + std::min<size_t>(m_keys.size(), first + m_rangeLength));
    app->RangeQuery(
        expected.front(),
        expected.back(),
        Callback<void, const RangeQueryResult&>([this, expected](const RangeQueryResult& r) {
            bool complete = r.complete;
            for (uint64_t k : expected)
            {
                // Keys deleted meanwhile need not come back.
                complete = complete && (m_oracle->GetKeys().count(k) == 0 ||
                                        std::binary_search(r.keys.begin(), r.keys.end(), k));
            }
            m_stats->OnRange(complete, Simulator::Now());
        }));
}

std::pair<uint64_t, uint64_t>
LeadChurnHelper::CountKeysLost() const
{
    uint64_t lost = 0;
    for (const auto& [key, value] : m_oracle->GetKeys())
    {
        bool held = false;
        for (const auto& app : m_apps)
        {
            if (app->GetState() != LeadNodeApp::State::ACTIVE &&
                app->GetState() != LeadNodeApp::State::JOINING)
            {
                continue;
            }
            for (uint32_t v = 0; v < app->GetVnodeCount() && !held; ++v)
            {
                held = app->GetStore(v).Get(key).has_value() ||
                       app->GetReplicaStore(v).Get(key).has_value();
            }
            if (held)
            {
                break;
            }
        }
        lost += held ? 0 : 1;
    }
    return {m_oracle->GetKeys().size(), lost};
}

LeadChurnStats&
LeadChurnHelper::GetStats()
{
    return *m_stats;
}

uint32_t
LeadChurnHelper::GetLiveNodes() const
{
    return m_live;
}

uint32_t
LeadChurnHelper::GetFailures() const
{
    return m_failures;
}

} // namespace lead
} // namespace ns3
