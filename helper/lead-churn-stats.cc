/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-churn-stats.h"

#include "ns3/abort.h"
#include "ns3/lead-p2psim-accounting.h"

#include <algorithm>
#include <fstream>

namespace ns3
{
namespace lead
{

LeadChurnStats::LeadChurnStats(Time from, Time to, Time interval)
    : m_from(from),
      m_to(to),
      m_interval(interval),
      m_liveSince(from)
{
    NS_ABORT_MSG_IF(!interval.IsStrictlyPositive(), "LeadChurnStats: the interval must be > 0");
    m_current.at = from + interval;
}

bool
LeadChurnStats::InWindow(Time now) const
{
    return now >= m_from && now < m_to;
}

void
LeadChurnStats::Roll(Time now)
{
    while (now >= m_current.at && m_current.at <= m_to)
    {
        m_current.liveNodes = m_live;
        m_samples.push_back(m_current);
        const Time next = m_current.at + m_interval;
        m_current = Sample();
        m_current.at = next;
    }
}

bool
LeadChurnStats::IsMaintenance(LeadPurpose purpose)
{
    switch (purpose)
    {
    case LeadPurpose::USER_LOOKUP:
    case LeadPurpose::MIGRATION:
    case LeadPurpose::REPLICATION:
        return false;
    default:
        return true;
    }
}

void
LeadChurnStats::OnTx(Ptr<const Packet> packet, Time now)
{
    if (!InWindow(now))
    {
        return;
    }
    Roll(now);
    LeadHeader h;
    packet->PeekHeader(h);
    if (!h.IsValid())
    {
        return;
    }
    const uint32_t p2psim = LeadP2psimAccounting::Bytes(packet);
    TypeTraffic& t =
        m_traffic[static_cast<uint8_t>(h.GetPurpose())][static_cast<uint8_t>(h.GetType())];
    ++t.messages;
    t.bytes += packet->GetSize();
    t.p2psimBytes += p2psim;
    if (IsMaintenance(h.GetPurpose()))
    {
        m_current.maintBytes += packet->GetSize();
        m_current.maintP2psimBytes += p2psim;
    }
}

void
LeadChurnStats::OnLookup(LookupOutcome outcome, Time now)
{
    if (!InWindow(now))
    {
        return;
    }
    Roll(now);
    ++m_totals.lookups;
    ++m_current.lookups;
    switch (outcome)
    {
    case CORRECT:
        ++m_totals.correct;
        ++m_current.correct;
        break;
    case INCORRECT:
        ++m_totals.incorrect;
        break;
    case FAILED:
        ++m_totals.failed;
        break;
    }
}

void
LeadChurnStats::OnGet(bool ok, Time now)
{
    if (InWindow(now))
    {
        ++m_totals.gets;
        m_totals.getsOk += ok ? 1 : 0;
    }
}

void
LeadChurnStats::OnRange(bool complete, Time now)
{
    if (InWindow(now))
    {
        ++m_totals.ranges;
        m_totals.rangesComplete += complete ? 1 : 0;
    }
}

void
LeadChurnStats::OnLiveNodes(uint32_t live, Time now)
{
    const Time t = std::clamp(now, m_from, m_to);
    Roll(t);
    m_totals.nodeSeconds += m_live * (t - std::max(m_liveSince, m_from)).GetSeconds();
    m_live = live;
    m_liveSince = t;
}

void
LeadChurnStats::OnRepaired(Time failedAt, Time now)
{
    if (InWindow(failedAt))
    {
        m_repairs.push_back((now - failedAt).GetSeconds());
    }
}

void
LeadChurnStats::Finish()
{
    OnLiveNodes(m_live, m_to);
    Roll(m_to);
}

const LeadChurnStats::Totals&
LeadChurnStats::GetTotals() const
{
    return m_totals;
}

const LeadChurnStats::TypeTraffic&
LeadChurnStats::GetTraffic(LeadPurpose purpose, LeadMessageType type) const
{
    return m_traffic.at(static_cast<uint8_t>(purpose)).at(static_cast<uint8_t>(type));
}

double
LeadChurnStats::MaintenanceBytesPerNodeSecond(bool p2psim) const
{
    double bytes = 0;
    for (uint8_t p = 0; p < LEAD_PURPOSE_COUNT; ++p)
    {
        if (!IsMaintenance(static_cast<LeadPurpose>(p)))
        {
            continue;
        }
        for (const auto& t : m_traffic[p])
        {
            bytes += p2psim ? t.p2psimBytes : t.bytes;
        }
    }
    return m_totals.nodeSeconds > 0 ? bytes / m_totals.nodeSeconds : 0;
}

double
LeadChurnStats::DataBytesPerNodeSecond() const
{
    double bytes = 0;
    for (LeadPurpose p : {LeadPurpose::MIGRATION, LeadPurpose::REPLICATION})
    {
        for (const auto& t : m_traffic[static_cast<uint8_t>(p)])
        {
            bytes += t.bytes;
        }
    }
    return m_totals.nodeSeconds > 0 ? bytes / m_totals.nodeSeconds : 0;
}

const std::vector<double>&
LeadChurnStats::GetRepairTimes() const
{
    return m_repairs;
}

const std::vector<LeadChurnStats::Sample>&
LeadChurnStats::GetSamples() const
{
    return m_samples;
}

void
LeadChurnStats::WriteCsv(const std::string& prefix) const
{
    const std::string typesPath = prefix + "-types.csv";
    std::ofstream types(typesPath);
    NS_ABORT_MSG_IF(!types, "cannot write '" << typesPath << "'");
    const double ns = std::max(m_totals.nodeSeconds, 1e-9);
    types << "purpose,type,maintenance,messages,bytes,p2psim_bytes,bytes_per_node_s,"
             "p2psim_bytes_per_node_s\n";
    for (uint8_t p = 0; p < LEAD_PURPOSE_COUNT; ++p)
    {
        for (size_t t = 0; t < m_traffic[p].size(); ++t)
        {
            const TypeTraffic& x = m_traffic[p][t];
            if (x.messages == 0)
            {
                continue;
            }
            types << LeadPurposeName(static_cast<LeadPurpose>(p)) << ","
                  << LeadMessageTypeName(static_cast<LeadMessageType>(t)) << ","
                  << (IsMaintenance(static_cast<LeadPurpose>(p)) ? 1 : 0) << "," << x.messages
                  << "," << x.bytes << "," << x.p2psimBytes << "," << x.bytes / ns << ","
                  << x.p2psimBytes / ns << "\n";
        }
    }
    const std::string timePath = prefix + "-time.csv";
    std::ofstream time(timePath);
    NS_ABORT_MSG_IF(!time, "cannot write '" << timePath << "'");
    time << "t_s,live_nodes,lookups,correct,success,maint_bytes_per_node_s,"
            "maint_p2psim_bytes_per_node_s\n";
    for (const Sample& s : m_samples)
    {
        const double nodeS = std::max<double>(s.liveNodes, 1) * m_interval.GetSeconds();
        time << s.at.GetSeconds() << "," << s.liveNodes << "," << s.lookups << "," << s.correct
             << "," << (s.lookups ? double(s.correct) / s.lookups : 1.0) << ","
             << s.maintBytes / nodeS << "," << s.maintP2psimBytes / nodeS << "\n";
    }
}

} // namespace lead
} // namespace ns3
