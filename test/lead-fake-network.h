/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_FAKE_NETWORK_H
#define LEAD_FAKE_NETWORK_H

// Shared by the GoogleTest suites: the protocol layer (LeadVnodeHost and everything it hosts)
// on a deterministic in-process network, without ns-3 sockets or events. Each node has its
// own fake environment on one shared clock; a message from a to b arrives after a fixed
// per-pair delay (5 to 45 ms, the same both ways) unless it is lost or b is down.

#include "lead-fake-environment.h"

#include "ns3/lead-ring-id.h"
#include "ns3/lead-vnode-host.h"

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <vector>

namespace tests
{

class FakeNetwork
{
  public:
    /// One physical node.
    struct Node
    {
        uint32_t address{0};                            //!< its address
        std::unique_ptr<FakeEnvironment> env;           //!< its environment
        std::unique_ptr<ns3::lead::LeadVnodeHost> host; //!< its protocol layer
        bool up{false};                                 //!< started and not crashed
    };

    /// What crossed the network.
    struct Stats
    {
        uint64_t sent{0};                   //!< messages sent between nodes
        uint64_t lost{0};                   //!< lost on the way
        uint64_t dropped{0};                //!< reported malformed by a node
        std::map<uint64_t, uint64_t> perOp; //!< messages per operation
        std::map<std::pair<uint64_t, uint8_t>, uint64_t> perOpType; //!< (op, type) -> count
        /// Requests (not replies) per operation and type, between co-located vnodes too.
        std::map<std::pair<uint64_t, uint8_t>, uint64_t> requests;
    };

    explicit FakeNetwork(uint64_t seed = 1, double loss = 0)
        : m_rng(seed),
          m_loss(loss)
    {
    }

    /// Add a node (not started) with `vnodes` vnodes; the first node added is the bootstrap.
    Node& AddNode(uint32_t vnodes, ns3::lead::LeadVnodeConfig config)
    {
        using namespace ns3::lead;
        auto node = std::make_unique<Node>();
        node->address = 0x0a000001 + static_cast<uint32_t>(m_nodes.size());
        node->env = std::make_unique<FakeEnvironment>(m_clock, 1000 + node->address);
        config.address = node->address;
        config.bootstrap = {0x0a000001};
        LeadRpc::Config rpc;
        const uint32_t from = node->address;
        node->host = std::make_unique<LeadVnodeHost>(
            *node->env,
            config,
            rpc,
            [this, from](ns3::Ptr<ns3::Packet> p, const LeadHeader& h, uint32_t to, uint64_t op) {
                Send(from, p, h, to, op);
            },
            [this](ns3::Ptr<const ns3::Packet>, const std::string&) { ++m_stats.dropped; });
        node->host->CreateVnodes(vnodes);
        m_nodes.push_back(std::move(node));
        return *m_nodes.back();
    }

    /// Start node i at time `at`.
    void StartAt(size_t i, ns3::Time at)
    {
        m_clock.At(at, [this, i]() {
            m_nodes[i]->up = true;
            m_nodes[i]->host->Start();
        });
    }

    /// Crash node i now: it stops and every message to it is lost.
    void Crash(size_t i)
    {
        m_nodes[i]->up = false;
        m_nodes[i]->host->Stop();
    }

    /// One-way delay between two addresses.
    static ns3::Time Delay(uint32_t a, uint32_t b)
    {
        const uint64_t lo = std::min(a, b);
        const uint64_t hi = std::max(a, b);
        const uint64_t mix = (lo * 0x9e3779b97f4a7c15ULL) ^ (hi * 0xc2b2ae3d27d4eb4fULL);
        return ns3::MilliSeconds(5 + static_cast<int64_t>((mix >> 33) % 41));
    }

    /// The joined vnodes of the nodes that are up, sorted by id: the reference ring.
    std::vector<ns3::lead::VnodeRef> ReferenceRing() const
    {
        std::vector<ns3::lead::VnodeRef> ring;
        for (const auto& n : m_nodes)
        {
            for (uint32_t v = 0; n->up && v < n->host->GetVnodeCount(); ++v)
            {
                ring.push_back(n->host->GetVnode(v).GetSelf());
            }
        }
        std::sort(ring.begin(), ring.end(), [](const auto& a, const auto& b) {
            return a.id < b.id;
        });
        return ring;
    }

    /// The reference owner of a position: the first vnode of the ring at or after it.
    static ns3::lead::VnodeRef Owner(const std::vector<ns3::lead::VnodeRef>& ring, uint64_t p)
    {
        auto it = std::lower_bound(ring.begin(), ring.end(), p, [](const auto& a, uint64_t x) {
            return a.id < x;
        });
        return it == ring.end() ? ring.front() : *it;
    }

    /// Vnodes of up nodes whose successor or predecessor differs from the reference ring, or
    /// that have not joined.
    uint32_t CountWrongNeighbours() const
    {
        const auto ring = ReferenceRing();
        uint32_t wrong = 0;
        for (size_t k = 0; k < ring.size(); ++k)
        {
            const auto& v = Find(ring[k].address).host->GetVnode(ring[k].vnode);
            const auto pred = v.GetTable().GetPredecessor();
            const bool ok = v.IsJoined() &&
                            v.GetTable().GetSuccessor().id == ring[(k + 1) % ring.size()].id &&
                            pred && pred->id == ring[(k + ring.size() - 1) % ring.size()].id;
            wrong += ok ? 0 : 1;
        }
        return wrong;
    }

    Node& Find(uint32_t address) const
    {
        return *m_nodes.at(address - 0x0a000001);
    }

    Node& At(size_t i)
    {
        return *m_nodes.at(i);
    }

    size_t Size() const
    {
        return m_nodes.size();
    }

    FakeClock& Clock()
    {
        return m_clock;
    }

    const Stats& GetStats() const
    {
        return m_stats;
    }

  private:
    void Send(uint32_t from,
              ns3::Ptr<ns3::Packet> p,
              const ns3::lead::LeadHeader& h,
              uint32_t to,
              uint64_t op)
    {
        const bool local = from == to;
        if (!h.IsReply())
        {
            ++m_stats.requests[{op, static_cast<uint8_t>(h.GetType())}];
        }
        if (!local)
        {
            ++m_stats.sent;
            ++m_stats.perOp[op];
            ++m_stats.perOpType[{op, static_cast<uint8_t>(h.GetType())}];
            if (m_loss > 0 && std::uniform_real_distribution<double>(0, 1)(m_rng) < m_loss)
            {
                ++m_stats.lost;
                return;
            }
        }
        const ns3::Time delay = local ? ns3::Time(0) : Delay(from, to);
        m_clock.At(m_clock.Now() + delay, [this, p, from, to, op]() {
            Node& dst = Find(to);
            if (!dst.up)
            {
                return;
            }
            ns3::lead::LeadHeader header;
            p->RemoveHeader(header);
            if (!header.IsValid())
            {
                ++m_stats.dropped;
                return;
            }
            dst.host->Receive(header, p, from, op);
        });
    }

    FakeClock m_clock;                          //!< shared clock
    std::vector<std::unique_ptr<Node>> m_nodes; //!< the nodes
    std::mt19937_64 m_rng;                      //!< losses
    double m_loss;                              //!< loss probability per message
    Stats m_stats;                              //!< counters
};

} // namespace tests

#endif // LEAD_FAKE_NETWORK_H
