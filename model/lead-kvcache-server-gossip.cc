/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

// LeadKvCacheServer: the P2P prefix-cache router (radix-tree snapshots by anti-entropy, one
// forwarding hop at most).

#include "lead-kvcache-ledger.h"
#include "lead-kvcache-server.h"

#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"

#include <algorithm>

namespace ns3
{
namespace lead
{

NS_LOG_COMPONENT_DEFINE("LeadKvCacheRouter");

void
LeadKvCacheServer::GossipTick()
{
    // Push-pull with GossipFanout distinct random peers; each answers with its own snapshot.
    std::vector<uint16_t> peers;
    for (uint16_t i = 0; i < m_peers.servers.size(); ++i)
    {
        if (i != m_peers.self)
        {
            peers.push_back(i);
        }
    }
    for (uint32_t k = 0; k < m_gossipFanout && !peers.empty(); ++k)
    {
        const auto pick =
            static_cast<size_t>(m_rng->GetInteger(0, static_cast<uint32_t>(peers.size() - 1)));
        SendSnapshot(m_peers.servers[peers[pick]], false);
        peers.erase(peers.begin() + static_cast<std::ptrdiff_t>(pick));
    }
    m_gossipEvent = Simulator::Schedule(m_gossipInterval, &LeadKvCacheServer::GossipTick, this);
}

void
LeadKvCacheServer::SendSnapshot(Ipv4Address to, bool reply)
{
    std::vector<uint8_t> bytes;
    m_cache.Encode(bytes);
    const size_t chunk = LeadKvCacheHeader::MAX_BLOB;
    const size_t count = (bytes.size() + chunk - 1) / chunk;
    if (count > 0xffff)
    {
        NS_LOG_WARN("snapshot of " << bytes.size() << " bytes is too large to gossip");
        return;
    }
    ++m_version;
    for (size_t c = 0; c < count; ++c)
    {
        LeadKvCacheHeader g;
        g.type = LeadKvCacheHeader::GOSSIP;
        g.flags = reply ? 1 : 0;
        g.request = m_version;
        g.value = (uint64_t{c} << 16) | count;
        const size_t end = std::min(bytes.size(), (c + 1) * chunk);
        g.blob.assign(bytes.begin() + static_cast<std::ptrdiff_t>(c * chunk),
                      bytes.begin() + static_cast<std::ptrdiff_t>(end));
        Send(to, g, 0, true);
    }
}

void
LeadKvCacheServer::OnGossip(const LeadKvCacheHeader& h, Ipv4Address from)
{
    const auto peer = static_cast<uint16_t>(IndexOf(from));
    const auto index = static_cast<uint16_t>(h.value >> 16);
    const auto count = static_cast<uint16_t>(h.value & 0xffff);
    if (count == 0 || index >= count || (h.value >> 32) != 0)
    {
        ++m_drops;
        m_dropTrace(Create<Packet>(), "gossip chunk numbers out of range");
        return;
    }
    Assembly& a = m_assembly[peer];
    if (a.version != h.request || a.count != count)
    {
        // A newer snapshot (or the first): start over.
        a = Assembly();
        a.version = h.request;
        a.count = count;
    }
    a.reply = (h.flags & 1) != 0;
    a.chunks[index] = h.blob;
    if (a.chunks.size() < a.count)
    {
        return;
    }
    std::vector<uint8_t> bytes;
    for (const auto& [i, part] : a.chunks)
    {
        bytes.insert(bytes.end(), part.begin(), part.end());
    }
    const bool reply = a.reply;
    m_assembly.erase(peer);
    // Peers have this node's capacity: a snapshot larger than that is refused.
    LeadRadixTree estimate(m_capacity);
    std::string error;
    if (!estimate.Decode(bytes.data(), bytes.size(), Simulator::Now().GetNanoSeconds(), error))
    {
        ++m_drops;
        m_dropTrace(Create<Packet>(), "gossip snapshot: " + error);
        return;
    }
    m_estimates[peer] = std::move(estimate);
    if (!reply)
    {
        SendSnapshot(from, true);
    }
}

bool
LeadKvCacheServer::MaybeForward(Job& job)
{
    const uint32_t local = m_cache.Match(job.blocks);
    const auto n = static_cast<double>(job.blocks.size());
    if (job.blocks.empty() || local >= m_localThreshold * n)
    {
        return false;
    }
    uint32_t best = 0;
    std::vector<uint16_t> tied;
    for (const auto& [peer, tree] : m_estimates)
    {
        const uint32_t m = tree.Match(job.blocks);
        if (m > best)
        {
            best = m;
            tied.clear();
        }
        if (m == best && m > 0)
        {
            tied.push_back(peer);
        }
    }
    // Forward only for a real gain that outweighs the extra one-way trip.
    const uint32_t gain = best > local ? best - local : 0;
    const Time saved =
        m_prefillPerToken * static_cast<int64_t>(uint64_t{gain} * LeadPromptWorkload::BLOCK_TOKENS);
    if (tied.empty() || gain < m_minGain || saved <= m_peers.oneWay)
    {
        return false;
    }
    const uint16_t target =
        tied[tied.size() == 1 ? 0 : m_rng->GetInteger(0, static_cast<uint32_t>(tied.size() - 1))];
    LeadKvCacheHeader f = job.request;
    f.type = LeadKvCacheHeader::FORWARD;
    ++m_forwards;
    m_forwardedTrace(job.request.request, target, best);
    Send(m_peers.servers[target], f, job.request.request, false);
    return true;
}

} // namespace lead
} // namespace ns3
