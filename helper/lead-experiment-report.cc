/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

// LeadExperimentHelper, second part: what an experiment reports (cells, exactness, load
// balance, the summary line and the CSV rows).

#include "lead-experiment-helper.h"
#include "lead-report-util.h"

#include "ns3/ipv4.h"
#include "ns3/lead-node-app.h"
#include "ns3/lead-oracle.h"
#include "ns3/simulator.h"

#include <algorithm>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>

namespace ns3
{
namespace lead
{

const LeadExperimentHelper::Cell&
LeadExperimentHelper::GetCell(const std::string& name) const
{
    static const Cell empty;
    auto it = m_cells.find(name);
    return it == m_cells.end() ? empty : it->second;
}

bool
LeadExperimentHelper::IsExact() const
{
    return m_exact && m_loaded == m_load.size();
}

uint32_t
LeadExperimentHelper::CountAnswered(const std::vector<std::string>& cells) const
{
    uint32_t n = 0;
    for (const auto& name : cells)
    {
        n += static_cast<uint32_t>(GetCell(name).latencyMs.size());
    }
    return n;
}

uint64_t
LeadExperimentHelper::GetStored() const
{
    return m_loaded;
}

uint64_t
LeadExperimentHelper::GetLoadSize() const
{
    return m_load.size();
}

double
LeadExperimentHelper::GetLoadMaxMean() const
{
    // Keys held per vnode (marques: per member), max over mean.
    std::vector<double> held;
    for (uint32_t i = 0; i < m_apps.GetN(); ++i)
    {
        const bool member = App(i)->GetRole() == LeadNodeApp::ROLE_MEMBER;
        if (m_config.system == "marques" && !member)
        {
            continue;
        }
        double node = 0;
        for (uint32_t v = 0; v < App(i)->GetVnodeCount(); ++v)
        {
            const auto size = static_cast<double>(App(i)->GetStore(v).GetSize());
            if (member)
            {
                node += size;
            }
            else
            {
                held.push_back(size);
            }
        }
        if (member)
        {
            held.push_back(node);
        }
    }
    const double mean = Mean(held);
    return mean > 0 ? *std::max_element(held.begin(), held.end()) / mean : 0;
}

std::vector<double>
LeadExperimentHelper::GetPeerLoads() const
{
    std::vector<double> held;
    for (uint32_t i = 0; i < m_apps.GetN(); ++i)
    {
        const bool member = App(i)->GetRole() == LeadNodeApp::ROLE_MEMBER;
        if (m_config.system == "marques" && !member)
        {
            continue; // the leaders relay; the members store
        }
        double node = 0;
        for (uint32_t v = 0; v < App(i)->GetVnodeCount(); ++v)
        {
            // Ring vnodes count while joined (the dynamic balancer retires some); group
            // members never join.
            if (member || App(i)->IsJoined(v))
            {
                node += static_cast<double>(App(i)->GetStore(v).GetSize());
            }
        }
        held.push_back(node);
    }
    return held;
}

double
LeadExperimentHelper::GetPeerLoadMaxMean() const
{
    const std::vector<double> held = GetPeerLoads();
    const double mean = Mean(held);
    return mean > 0 ? *std::max_element(held.begin(), held.end()) / mean : 0;
}

std::string
LeadExperimentHelper::Summary(const std::vector<std::string>& cells,
                              uint32_t issued,
                              bool poisson) const
{
    std::ostringstream line;
    line << std::fixed << std::setprecision(1) << "summary: system=" << m_config.system
         << " dataset=" << m_config.dataset << " keys=" << m_keys.size();
    uint32_t answered = 0;
    uint32_t exact = 0;
    for (const auto& name : cells)
    {
        const Cell& c = GetCell(name);
        exact += c.exact;
        answered += static_cast<uint32_t>(c.latencyMs.size());
        const double n = std::max<size_t>(1, c.latencyMs.size());
        const std::string label = poisson ? name : "len" + name;
        line << " " << label << "_ms=" << Mean(c.latencyMs) << " " << label
             << "_msgs=" << c.messages / n;
    }
    line << " stored=" << m_loaded << "/" << m_load.size()
         << " load_max/mean=" << std::setprecision(2) << GetLoadMaxMean()
         << " peer_load_max/mean=" << GetPeerLoadMaxMean() << " exact=" << exact << "/" << issued;
    if (answered != issued)
    {
        line << " answered=" << answered;
    }
    if (m_viewBytes > 0)
    {
        // The one-hop view's upkeep over the whole run, joins included.
        uint64_t fallbacks = 0;
        for (uint32_t i = 0; i < m_apps.GetN(); ++i)
        {
            fallbacks += App(i)->GetViewFallbacks();
        }
        // Over the whole run (joins and load included), and from the first query on.
        const double hosts = m_apps.GetN();
        const double queries = m_queryStart ? (Simulator::Now() - *m_queryStart).GetSeconds() : 0.0;
        line << " view_B_per_node_s=" << m_viewBytes / hosts / Simulator::Now().GetSeconds()
             << " view_B_per_node_s_queries="
             << (queries > 0 ? m_viewBytesQueries / hosts / queries : 0.0)
             << " view_fallbacks=" << fallbacks;
    }
    if (m_balancerActions > 0)
    {
        line << " balancer_actions=" << m_balancerActions
             << " balancer_keys_moved=" << m_balancerKeys << " balancer_bytes=" << m_balancerBytes;
    }
    return line.str();
}

void
LeadExperimentHelper::WriteCsvHeader(std::ostream& out)
{
    out << "system,dataset,range_len,queries,mean_latency_ms,p50_latency_ms,p99_latency_ms,"
           "mean_messages,mean_bytes,mean_nodes_visited,completeness,op,load_max_mean,"
           "peer_load_max_mean,floor_ms\n";
}

void
LeadExperimentHelper::WriteCsv(std::ostream& out,
                               const std::vector<std::string>& cells,
                               bool poisson) const
{
    const double loadMaxMean = GetLoadMaxMean();
    const double peerLoadMaxMean = GetPeerLoadMaxMean();
    for (const auto& name : cells)
    {
        const Cell& c = GetCell(name);
        if (c.latencyMs.empty())
        {
            continue;
        }
        const double n = static_cast<double>(c.latencyMs.size());
        const std::string rangeLen =
            poisson ? std::to_string(static_cast<uint64_t>(c.length / n + 0.5)) : name;
        out << m_config.system << "," << m_config.dataset << "," << rangeLen << ","
            << c.latencyMs.size() << "," << Mean(c.latencyMs) << "," << Percentile(c.latencyMs, 50)
            << "," << Percentile(c.latencyMs, 99) << "," << c.messages / n << "," << c.bytes / n
            << "," << c.visited / n << "," << c.exact / n << "," << (poisson ? name : "range")
            << "," << loadMaxMean << "," << peerLoadMaxMean << ",";
        if (c.floorMs.empty())
        {
            out << "nan\n";
        }
        else
        {
            out << Mean(c.floorMs) << "\n";
        }
    }
}

} // namespace lead
} // namespace ns3
