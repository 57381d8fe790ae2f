/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-stats-collector.h"

#include "lead-report-util.h"

#include "ns3/abort.h"
#include "ns3/callback.h"
#include "ns3/lead-node-app.h"

#include <algorithm>
#include <fstream>

namespace ns3
{
namespace lead
{

void
LeadStatsCollector::Install(ApplicationContainer apps, Ptr<LeadOracle> oracle)
{
    m_oracle = oracle;
    for (uint32_t i = 0; i < apps.GetN(); ++i)
    {
        Ptr<LeadNodeApp> app = DynamicCast<LeadNodeApp>(apps.Get(i));
        NS_ABORT_MSG_IF(!app,
                        "LeadStatsCollector::Install: application " << i
                                                                    << " is not a LeadNodeApp");
        app->TraceConnectWithoutContext("Tx", MakeCallback(&LeadStatsCollector::OnTx, this));
        app->TraceConnectWithoutContext("LookupDone",
                                        MakeCallback(&LeadStatsCollector::OnLookup, this));
        app->TraceConnectWithoutContext("KeyOpDone",
                                        MakeCallback(&LeadStatsCollector::OnKeyOp, this));
        ++m_nodes;
    }
}

void
LeadStatsCollector::ResetTraffic(Time now)
{
    m_traffic.clear();
    m_trafficStart = now;
}

void
LeadStatsCollector::OnTx(LeadMessageType type,
                         LeadPurpose purpose,
                         uint32_t bytes,
                         uint64_t /* op */)
{
    Counter& c = m_traffic[{static_cast<uint8_t>(type), static_cast<uint8_t>(purpose)}];
    ++c.messages;
    c.bytes += bytes;
}

void
LeadStatsCollector::OnLookup(const LookupResult& r)
{
    if (r.purpose != LeadPurpose::USER_LOOKUP)
    {
        return;
    }
    ++m_lookups.issued;
    auto owner = m_oracle && r.answered ? m_oracle->Owner(r.target) : std::optional<VnodeRef>();
    const bool right = !m_oracle || (owner && owner->id == r.owner.id);
    if (!r.success)
    {
        // p2psim: too late is failed; late answers are still checked.
        ++m_lookups.failed;
        m_lookups.late += r.answered ? 1 : 0;
        m_lookups.lateWrong += r.answered && !right ? 1 : 0;
        return;
    }
    if (right)
    {
        ++m_lookups.correct;
    }
    else
    {
        ++m_lookups.incorrect;
    }
    m_hops.push_back(r.hops);
    m_latencyNs.push_back(r.latency.GetNanoSeconds());
}

void
LeadStatsCollector::OnKeyOp(const KeyOpResult& r)
{
    if (r.op == LeadKeyOp::PUT)
    {
        ++m_keyOps.puts;
        m_keyOps.putsOk += r.success ? 1 : 0;
        return;
    }
    if (r.op != LeadKeyOp::GET)
    {
        return;
    }
    ++m_keyOps.gets;
    if (!r.success)
    {
        ++m_keyOps.getsFailed;
        return;
    }
    bool stored = false;
    bool right = false;
    if (m_oracle)
    {
        auto it = m_oracle->GetKeys().find(r.key);
        stored = it != m_oracle->GetKeys().end();
        right = stored && r.found && r.tag == it->second.tag && r.size == it->second.size;
    }
    m_keyOps.getsFound += right ? 1 : 0;
    m_keyOps.getsLost += (stored && !right) ? 1 : 0;
}

const LeadStatsCollector::LookupStats&
LeadStatsCollector::GetLookupStats() const
{
    return m_lookups;
}

const LeadStatsCollector::KeyOpStats&
LeadStatsCollector::GetKeyOpStats() const
{
    return m_keyOps;
}

double
LeadStatsCollector::HopPercentile(double p) const
{
    return Percentile(m_hops, p);
}

Time
LeadStatsCollector::LatencyPercentile(double p) const
{
    return NanoSeconds(Percentile(m_latencyNs, p));
}

double
LeadStatsCollector::MeanHops() const
{
    if (m_hops.empty())
    {
        return 0.0;
    }
    double sum = 0;
    for (auto h : m_hops)
    {
        sum += h;
    }
    return sum / m_hops.size();
}

std::pair<uint64_t, uint64_t>
LeadStatsCollector::GetTotalTraffic() const
{
    uint64_t m = 0;
    uint64_t b = 0;
    for (const auto& kv : m_traffic)
    {
        m += kv.second.messages;
        b += kv.second.bytes;
    }
    return {m, b};
}

void
LeadStatsCollector::WriteTrafficCsv(const std::string& path, Time now) const
{
    std::ofstream out(path);
    NS_ABORT_MSG_IF(!out, "LeadStatsCollector: cannot write CSV file '" << path << "'");
    const double seconds = std::max(1e-9, (now - m_trafficStart).GetSeconds());
    const double nodes = std::max<uint32_t>(1, m_nodes);
    out << "type,purpose,messages,bytes,messages_per_node_per_s,bytes_per_node_per_s\n";
    for (const auto& kv : m_traffic)
    {
        out << LeadMessageTypeName(static_cast<LeadMessageType>(kv.first.first)) << ","
            << LeadPurposeName(static_cast<LeadPurpose>(kv.first.second)) << ","
            << kv.second.messages << "," << kv.second.bytes << ","
            << kv.second.messages / nodes / seconds << "," << kv.second.bytes / nodes / seconds
            << "\n";
    }
}

void
LeadStatsCollector::WriteSummaryCsv(const std::string& path) const
{
    std::ofstream out(path);
    NS_ABORT_MSG_IF(!out, "LeadStatsCollector: cannot write CSV file '" << path << "'");
    auto ms = [this](double p) { return LatencyPercentile(p).GetSeconds() * 1000; };
    out << "lookups,correct,incorrect,failed,late,mean_hops,p10_hops,p50_hops,p90_hops,p10_ms,p50_"
           "ms,"
           "p90_ms,p99_ms,puts,puts_ok,gets,gets_found,gets_lost,gets_failed\n"
        << m_lookups.issued << "," << m_lookups.correct << "," << m_lookups.incorrect << ","
        << m_lookups.failed << "," << m_lookups.late << "," << MeanHops() << ","
        << HopPercentile(10) << "," << HopPercentile(50) << "," << HopPercentile(90) << ","
        << ms(10) << "," << ms(50) << "," << ms(90) << "," << ms(99) << "," << m_keyOps.puts << ","
        << m_keyOps.putsOk << "," << m_keyOps.gets << "," << m_keyOps.getsFound << ","
        << m_keyOps.getsLost << "," << m_keyOps.getsFailed << "\n";
}

} // namespace lead
} // namespace ns3
