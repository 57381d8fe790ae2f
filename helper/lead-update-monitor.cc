/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-update-monitor.h"

#include "ns3/abort.h"
#include "ns3/simulator.h"

#include <algorithm>
#include <fstream>
#include <iomanip>

namespace ns3
{
namespace lead
{

namespace
{
/// Max over mean of a list of loads (0 if empty or all zero).
double
MaxOverMean(const std::vector<uint64_t>& loads)
{
    uint64_t sum = 0;
    uint64_t max = 0;
    for (uint64_t l : loads)
    {
        sum += l;
        max = std::max(max, l);
    }
    return sum == 0 ? 0.0
                    : static_cast<double>(max) * static_cast<double>(loads.size()) /
                          static_cast<double>(sum);
}
} // namespace

LeadUpdateMonitor::LeadUpdateMonitor(const ApplicationContainer& apps, Ptr<LeadOracle> oracle)
    : m_oracle(oracle)
{
    for (uint32_t i = 0; i < apps.GetN(); ++i)
    {
        Ptr<LeadNodeApp> app = DynamicCast<LeadNodeApp>(apps.Get(i));
        NS_ABORT_MSG_IF(!app, "LeadUpdateMonitor: application " << i << " is not a LeadNodeApp");
        m_apps.push_back(app);
    }
    m_installs.resize(m_apps.size());
    for (size_t i = 0; i < m_apps.size(); ++i)
    {
        m_apps[i]->TraceConnectWithoutContext(
            "Tx",
            Callback<void, LeadMessageType, LeadPurpose, uint32_t, uint64_t>(
                [this](LeadMessageType t, LeadPurpose p, uint32_t b, uint64_t) { OnTx(t, p, b); }));
        m_apps[i]->TraceConnectWithoutContext(
            "ModelInstalled",
            Callback<void, uint32_t, uint64_t>([this, i](uint32_t version, uint64_t) {
                m_installs[i][version] = Simulator::Now();
            }));
        m_apps[i]->TraceConnectWithoutContext(
            "ModelUpdateRound",
            Callback<void, const ModelUpdateRoundResult&>([this](const ModelUpdateRoundResult& r) {
                if (m_counting)
                {
                    m_rounds.push_back(r);
                }
            }));
        m_apps[i]->TraceConnectWithoutContext(
            "KeysMigrated",
            Callback<void, uint32_t, LeadPurpose>([this](uint32_t n, LeadPurpose p) {
                m_keysMoved += m_counting && p == LeadPurpose::MIGRATION ? n : 0;
            }));
    }
}

void
LeadUpdateMonitor::OnTx(LeadMessageType type, LeadPurpose purpose, uint32_t bytes)
{
    if (!m_counting || purpose != LeadPurpose::MODEL)
    {
        return;
    }
    if (type == LeadMessageType::HEARTBEAT)
    {
        m_heartbeatBytes += bytes;
    }
    else
    {
        m_updateBytes += bytes;
    }
}

void
LeadUpdateMonitor::Start(Time from, Time to, Time interval)
{
    NS_ABORT_MSG_IF(!interval.IsStrictlyPositive(), "LeadUpdateMonitor: the interval must be > 0");
    Simulator::Schedule(from - Simulator::Now(), [this, interval, to]() {
        m_counting = true;
        Sampling(interval, to);
        PollReady(interval / 10, to);
    });
}

void
LeadUpdateMonitor::Sampling(Time interval, Time to)
{
    m_samples.push_back(Measure());
    if (Simulator::Now() + interval <= to)
    {
        Simulator::Schedule(interval, [this, interval, to]() { Sampling(interval, to); });
    }
}

void
LeadUpdateMonitor::PollReady(Time interval, Time to)
{
    for (const auto& app : m_apps)
    {
        if (app->GetState() != LeadNodeApp::State::ACTIVE)
        {
            continue;
        }
        for (uint32_t v = 0; v < app->GetVnodeCount(); ++v)
        {
            if (app->IsModelReady(v))
            {
                m_firstReady = Simulator::Now();
                return;
            }
        }
    }
    if (Simulator::Now() + interval <= to)
    {
        Simulator::Schedule(interval, [this, interval, to]() { PollReady(interval, to); });
    }
}

LeadUpdateMonitor::Sample
LeadUpdateMonitor::Measure() const
{
    Sample s;
    s.at = Simulator::Now();
    std::vector<uint64_t> peers;
    std::vector<uint64_t> vnodes;
    s.versionMin = UINT32_MAX;
    for (const auto& app : m_apps)
    {
        if (app->GetState() != LeadNodeApp::State::ACTIVE)
        {
            continue;
        }
        ++s.live;
        const uint32_t version = app->GetHashModel()->GetVersion();
        s.versionMin = std::min(s.versionMin, version);
        s.versionMax = std::max(s.versionMax, version);
        uint64_t keys = 0;
        for (uint32_t v = 0; v < app->GetVnodeCount(); ++v)
        {
            keys += app->GetStore(v).GetSize();
            vnodes.push_back(app->GetStore(v).GetSize());
            s.readyVnodes += app->IsModelReady(v) ? 1 : 0;
        }
        peers.push_back(keys);
    }
    for (const auto& app : m_apps)
    {
        s.onNewest += app->GetState() == LeadNodeApp::State::ACTIVE &&
                              app->GetHashModel()->GetVersion() == s.versionMax
                          ? 1
                          : 0;
    }
    s.versionMin = s.live > 0 ? s.versionMin : 0;
    s.peerLoadMaxMean = MaxOverMean(peers);
    s.vnodeLoadMaxMean = MaxOverMean(vnodes);
    s.updateBytes = m_updateBytes;
    s.heartbeatBytes = m_heartbeatBytes;
    s.keysMoved = m_keysMoved;
    s.rounds = static_cast<uint32_t>(m_rounds.size());
    s.installed = static_cast<uint32_t>(
        std::count_if(m_rounds.begin(), m_rounds.end(), [](const auto& r) { return r.installed; }));
    return s;
}

double
LeadUpdateMonitor::PeerLoadUnder(const LearnedHashModel& model) const
{
    std::map<uint64_t, size_t> hostOf; // live vnode id -> node
    std::vector<uint64_t> peers(m_apps.size(), 0);
    std::vector<bool> live(m_apps.size(), false);
    for (size_t i = 0; i < m_apps.size(); ++i)
    {
        live[i] = m_apps[i]->GetState() == LeadNodeApp::State::ACTIVE;
        for (uint32_t v = 0; live[i] && v < m_apps[i]->GetVnodeCount(); ++v)
        {
            hostOf[m_apps[i]->GetVnode(v).id] = i;
        }
    }
    for (const auto& kv : m_oracle->GetKeys())
    {
        auto owner = m_oracle->Owner(model.Hash(kv.first));
        auto it = owner ? hostOf.find(owner->id) : hostOf.end();
        if (it != hostOf.end())
        {
            ++peers[it->second];
        }
    }
    std::vector<uint64_t> loads;
    for (size_t i = 0; i < m_apps.size(); ++i)
    {
        if (live[i])
        {
            loads.push_back(peers[i]);
        }
    }
    return MaxOverMean(loads);
}

const std::vector<LeadUpdateMonitor::Sample>&
LeadUpdateMonitor::GetSamples() const
{
    return m_samples;
}

const std::vector<ModelUpdateRoundResult>&
LeadUpdateMonitor::GetRounds() const
{
    return m_rounds;
}

std::optional<Time>
LeadUpdateMonitor::GetFirstReady() const
{
    return m_firstReady;
}

LeadUpdateMonitor::Convergence
LeadUpdateMonitor::GetConvergence() const
{
    Convergence c;
    c.all = true;
    for (const auto& app : m_apps)
    {
        if (app->GetState() == LeadNodeApp::State::ACTIVE)
        {
            c.version = std::max(c.version, app->GetHashModel()->GetVersion());
        }
    }
    for (size_t i = 0; i < m_apps.size(); ++i)
    {
        if (m_apps[i]->GetState() != LeadNodeApp::State::ACTIVE)
        {
            continue;
        }
        c.all = c.all && m_apps[i]->GetHashModel()->GetVersion() == c.version;
        auto it = m_installs[i].find(c.version);
        if (it != m_installs[i].end())
        {
            c.lastInstall = Max(c.lastInstall, it->second);
        }
    }
    return c;
}

std::pair<Time, Time>
LeadUpdateMonitor::GetVersionSpread() const
{
    Time max;
    Time sum;
    int64_t n = 0;
    for (const auto& r : m_rounds)
    {
        if (!r.installed)
        {
            continue;
        }
        std::optional<Time> first;
        Time last;
        for (const auto& node : m_installs)
        {
            auto it = node.find(r.newVersion);
            if (it != node.end())
            {
                first = first ? Min(*first, it->second) : it->second;
                last = Max(last, it->second);
            }
        }
        if (first)
        {
            max = Max(max, last - *first);
            sum += last - *first;
            ++n;
        }
    }
    return {max, n > 0 ? sum / n : Time(0)};
}

void
LeadUpdateMonitor::WriteCsv(const std::string& path) const
{
    std::ofstream out(path);
    NS_ABORT_MSG_IF(!out, "LeadUpdateMonitor: cannot write '" << path << "'");
    out << "time_s,live,version_min,version_max,on_newest,ready_vnodes,peer_load_max_mean,"
           "vnode_load_max_mean,update_bytes,heartbeat_bytes,keys_moved,rounds,installed\n";
    out << std::fixed;
    for (const Sample& s : m_samples)
    {
        out << std::setprecision(1) << s.at.GetSeconds() << "," << s.live << "," << s.versionMin
            << "," << s.versionMax << "," << s.onNewest << "," << s.readyVnodes << ","
            << std::setprecision(3) << s.peerLoadMaxMean << "," << s.vnodeLoadMaxMean << ","
            << s.updateBytes << "," << s.heartbeatBytes << "," << s.keysMoved << "," << s.rounds
            << "," << s.installed << "\n";
    }
}

} // namespace lead
} // namespace ns3
