/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-inet-topology.h"

#include "ns3/abort.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4.h"
#include "ns3/lead-inet-file.h"
#include "ns3/string.h"
#include "ns3/topology-reader-helper.h"
#include "ns3/traffic-control-helper.h"

#include <algorithm>
#include <fstream>
#include <limits>
#include <map>
#include <queue>
#include <sstream>

namespace ns3
{
namespace lead
{

LeadInetTopology::LeadInetTopology(const std::string& file,
                                   uint32_t hosts,
                                   const std::string& linkRate,
                                   double msPerWeight,
                                   const std::string& accessDelay)
{
    NS_ABORT_MSG_IF(hosts < 2, "LeadInetTopology: at least 2 hosts, got " << hosts);
    std::ifstream in(file);
    NS_ABORT_MSG_IF(!in, "LeadInetTopology: cannot read topology file '" << file << "'");
    LeadInetFile checked;
    std::string error;
    NS_ABORT_MSG_IF(!checked.Parse(in, "topology file '" + file + "'", &error),
                    "LeadInetTopology: " << error);
    TopologyReaderHelper reader;
    reader.SetFileName(file);
    reader.SetFileType("Inet");
    Ptr<TopologyReader> topo = reader.GetTopologyReader();
    m_routers = topo->Read();
    NS_ABORT_MSG_IF(topo->LinksSize() == 0 || m_routers.GetN() < 2,
                    "LeadInetTopology: '" << file << "' holds no links (Inet format expected)");
    NS_ABORT_MSG_IF(m_routers.GetN() > 190,
                    "LeadInetTopology: '" << file << "' has " << m_routers.GetN()
                                          << " routers; at most 190 are supported");
    InternetStackHelper stack;
    stack.Install(m_routers);
    LinkRouters(topo, file, linkRate, msPerWeight);
    const std::vector<uint32_t> edges = EdgeRouters();
    AttachHosts(hosts, edges, linkRate, accessDelay);
    RouteToEdges(file);
    m_description = "router-level topology " + file + " (" + std::to_string(m_routers.GetN()) +
                    " routers, " + std::to_string(topo->LinksSize()) + " links, " +
                    std::to_string(edges.size()) + " edge routers), " + std::to_string(hosts) +
                    " hosts, links " + linkRate;
}

void
LeadInetTopology::LinkRouters(Ptr<TopologyReader> topo,
                              const std::string& file,
                              const std::string& linkRate,
                              double msPerWeight)
{
    // Router links, each its own /30 in 10.2.0.0/16; delay = weight x msPerWeight.
    std::map<uint32_t, uint32_t> index; // node id -> router index
    for (uint32_t i = 0; i < m_routers.GetN(); ++i)
    {
        index[m_routers.Get(i)->GetId()] = i;
    }
    m_adj.assign(m_routers.GetN(), {});
    Ipv4AddressHelper linkAddresses("10.2.0.0", "255.255.255.252");
    TrafficControlHelper tch;
    for (auto it = topo->LinksBegin(); it != topo->LinksEnd(); ++it)
    {
        double weight = 1;
        std::string w;
        if (it->GetAttributeFailSafe("Weight", w))
        {
            std::istringstream(w) >> weight;
        }
        NS_ABORT_MSG_IF(!(weight > 0),
                        "LeadInetTopology: '" << file << "': link " << it->GetFromNodeName() << "-"
                                              << it->GetToNodeName()
                                              << " has a weight that is not positive");
        const double ms = weight * msPerWeight;
        PointToPointHelper p2p;
        p2p.SetDeviceAttribute("DataRate", StringValue(linkRate));
        p2p.SetChannelAttribute("Delay", TimeValue(MicroSeconds(static_cast<int64_t>(ms * 1000))));
        NetDeviceContainer d = p2p.Install(it->GetFromNode(), it->GetToNode());
        Ipv4InterfaceContainer a = linkAddresses.Assign(d); // installs the default queue disc
        tch.Uninstall(d);
        linkAddresses.NewNetwork();
        const uint32_t u = index[it->GetFromNode()->GetId()];
        const uint32_t v = index[it->GetToNode()->GetId()];
        m_adj[u].push_back({v, ms, a.GetAddress(1), a.Get(0).second});
        m_adj[v].push_back({u, ms, a.GetAddress(0), a.Get(1).second});
    }
}

std::vector<uint32_t>
LeadInetTopology::EdgeRouters() const
{
    // Edge routers: degree 1, or all.
    std::vector<uint32_t> edges;
    for (uint32_t r = 0; r < m_adj.size(); ++r)
    {
        if (m_adj[r].size() == 1)
        {
            edges.push_back(r);
        }
    }
    if (edges.empty())
    {
        for (uint32_t r = 0; r < m_adj.size(); ++r)
        {
            edges.push_back(r);
        }
    }
    return edges;
}

void
LeadInetTopology::AttachHosts(uint32_t hosts,
                              const std::vector<uint32_t>& edges,
                              const std::string& linkRate,
                              const std::string& accessDelay)
{
    // Hosts, round-robin over the edge routers; edge router r's hosts in 10.(64+r).0.0/16.
    m_hosts.Create(hosts);
    InternetStackHelper stack;
    stack.Install(m_hosts);
    m_access.SetDeviceAttribute("DataRate", StringValue(linkRate));
    m_access.SetChannelAttribute("Delay", StringValue(accessDelay));
    std::map<uint32_t, Ipv4AddressHelper> accessAddresses;
    Ipv4StaticRoutingHelper routing;
    TrafficControlHelper tch;
    for (uint32_t h = 0; h < hosts; ++h)
    {
        const uint32_t r = edges[h % edges.size()];
        if (accessAddresses.count(r) == 0)
        {
            std::ostringstream base;
            base << "10." << 64 + r << ".0.0";
            accessAddresses[r] = Ipv4AddressHelper(base.str().c_str(), "255.255.255.252");
            m_edgesWithHosts.push_back(r);
        }
        NetDeviceContainer d = m_access.Install(m_hosts.Get(h), m_routers.Get(r));
        Ipv4InterfaceContainer a = accessAddresses[r].Assign(d);
        tch.Uninstall(d);
        accessAddresses[r].NewNetwork();
        m_hostDevices.Add(d.Get(0));
        routing.GetStaticRouting(m_hosts.Get(h)->GetObject<Ipv4>())
            ->SetDefaultRoute(a.GetAddress(1), a.Get(0).second);
    }
    std::sort(m_edgesWithHosts.begin(), m_edgesWithHosts.end());
}

void
LeadInetTopology::RouteToEdges(const std::string& file)
{
    // Shortest paths (by delay) from every router; one aggregated route per edge router.
    const auto n = static_cast<uint32_t>(m_adj.size());
    Ipv4StaticRoutingHelper routing;
    for (uint32_t s = 0; s < n; ++s)
    {
        std::vector<double> dist(n, std::numeric_limits<double>::infinity());
        std::vector<int32_t> firstEdge(n, -1); // index into m_adj[s] of the first hop
        using Item = std::pair<double, uint32_t>;
        std::priority_queue<Item, std::vector<Item>, std::greater<>> pq;
        dist[s] = 0;
        pq.emplace(0, s);
        while (!pq.empty())
        {
            auto [d, u] = pq.top();
            pq.pop();
            if (d > dist[u])
            {
                continue;
            }
            for (size_t k = 0; k < m_adj[u].size(); ++k)
            {
                const Edge& e = m_adj[u][k];
                if (d + e.ms < dist[e.to])
                {
                    dist[e.to] = d + e.ms;
                    firstEdge[e.to] = u == s ? static_cast<int32_t>(k) : firstEdge[u];
                    pq.emplace(dist[e.to], e.to);
                }
            }
        }
        Ptr<Ipv4StaticRouting> table =
            routing.GetStaticRouting(m_routers.Get(s)->GetObject<Ipv4>());
        for (uint32_t r : m_edgesWithHosts)
        {
            if (r == s)
            {
                continue; // its access links are connected routes
            }
            NS_ABORT_MSG_IF(firstEdge[r] < 0,
                            "LeadInetTopology: '" << file << "' is not connected (router " << s
                                                  << " cannot reach router " << r << ")");
            const Edge& e = m_adj[s][firstEdge[r]];
            std::ostringstream net;
            net << "10." << 64 + r << ".0.0";
            table->AddNetworkRouteTo(Ipv4Address(net.str().c_str()),
                                     Ipv4Mask("255.255.0.0"),
                                     e.nextHop,
                                     e.iface);
        }
    }
}

NodeContainer
LeadInetTopology::GetHosts() const
{
    return m_hosts;
}

NodeContainer
LeadInetTopology::GetAllNodes() const
{
    NodeContainer all(m_hosts);
    all.Add(m_routers);
    return all;
}

NodeContainer
LeadInetTopology::GetRouters() const
{
    return m_routers;
}

void
LeadInetTopology::EnablePcap(const std::string& prefix)
{
    m_access.EnablePcap(prefix, m_hostDevices);
}

std::string
LeadInetTopology::Describe() const
{
    return m_description;
}

} // namespace lead
} // namespace ns3
