/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

// LeadKvCacheFabric's TCP mode: each transfer is one ns-3 TCP connection.

#include "lead-kvcache-fabric.h"

#include "ns3/abort.h"
#include "ns3/inet-socket-address.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/uinteger.h"

#include <algorithm>

namespace ns3
{
namespace lead
{

namespace
{
constexpr uint32_t PREAMBLE = 16; //!< transfer id 8, length 8
constexpr uint32_t CHUNK = 65536; //!< largest write into a socket
} // namespace

bool
LeadKvCacheFabric::IsTcp() const
{
    return m_mode == "tcp";
}

void
LeadKvCacheFabric::SetupTcp(const std::vector<Ptr<Node>>& nodes,
                            const std::vector<Ipv4Address>& addresses)
{
    NS_ABORT_MSG_IF(m_mode != "tcp" && m_mode != "flow",
                    "LeadKvCacheFabric: Mode must be flow or tcp, got '" << m_mode << "'");
    NS_ABORT_MSG_IF(nodes.size() != addresses.size(), "LeadKvCacheFabric::SetupTcp: sizes differ");
    m_nodes = nodes;
    m_addresses = addresses;
    for (const Ptr<Node>& node : nodes)
    {
        Ptr<Socket> s = Socket::CreateSocket(node, TcpSocketFactory::GetTypeId());
        s->SetAttribute("RcvBufSize", UintegerValue(m_tcpBuffer));
        s->SetAttribute("SegmentSize", UintegerValue(1448));
        NS_ABORT_MSG_IF(s->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_tcpPort)) != 0,
                        "LeadKvCacheFabric: cannot bind TCP port " << m_tcpPort);
        s->Listen();
        s->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                             MakeCallback(&LeadKvCacheFabric::TcpAccept, this));
        m_listeners.push_back(s);
    }
}

void
LeadKvCacheFabric::TcpBegin(uint32_t src, uint32_t dst, uint64_t bytes, Callback<void> done)
{
    NS_ABORT_MSG_IF(src >= m_nodes.size() || dst >= m_nodes.size(),
                    "LeadKvCacheFabric: TCP mode without SetupTcp, or host " << std::max(src, dst)
                                                                             << " unknown");
    const uint64_t id = m_nextTcpId++;
    m_waiting[id] = {bytes, done};
    if (src == dst || bytes == 0)
    {
        Simulator::ScheduleNow([this, id]() {
            auto it = m_waiting.find(id);
            m_moved += it->second.first;
            Callback<void> cb = it->second.second;
            m_waiting.erase(it);
            if (!cb.IsNull())
            {
                cb();
            }
        });
        return;
    }
    Ptr<Socket> s = Socket::CreateSocket(m_nodes[src], TcpSocketFactory::GetTypeId());
    s->SetAttribute("SndBufSize", UintegerValue(m_tcpBuffer));
    // Full-size segments: 1448 payload bytes fill a 1500-byte MTU with timestamps on.
    s->SetAttribute("SegmentSize", UintegerValue(1448));
    s->Bind();
    TcpTx& tx = m_tx[s];
    tx.id = id;
    tx.length = bytes;
    s->SetConnectCallback(
        Callback<void, Ptr<Socket>>([this](Ptr<Socket> c) { TcpSend(c, c->GetTxAvailable()); }),
        MakeNullCallback<void, Ptr<Socket>>());
    s->SetSendCallback(MakeCallback(&LeadKvCacheFabric::TcpSend, this));
    s->Connect(InetSocketAddress(m_addresses[dst], m_tcpPort));
}

void
LeadKvCacheFabric::TcpSend(Ptr<Socket> socket, uint32_t /* available */)
{
    auto it = m_tx.find(socket);
    if (it == m_tx.end())
    {
        return;
    }
    TcpTx& tx = it->second;
    const uint64_t total = tx.length + PREAMBLE;
    while (tx.queued < total && socket->GetTxAvailable() > 0)
    {
        uint32_t n = static_cast<uint32_t>(
            std::min<uint64_t>({total - tx.queued, socket->GetTxAvailable(), CHUNK}));
        Ptr<Packet> p;
        if (tx.queued < PREAMBLE)
        {
            // The preamble goes first, alone (little-endian id and length).
            uint8_t head[PREAMBLE];
            for (int i = 0; i < 8; ++i)
            {
                head[i] = static_cast<uint8_t>(tx.id >> (8 * i));
                head[8 + i] = static_cast<uint8_t>(tx.length >> (8 * i));
            }
            n = std::min<uint32_t>(n, PREAMBLE - static_cast<uint32_t>(tx.queued));
            p = Create<Packet>(head + tx.queued, n);
        }
        else
        {
            p = Create<Packet>(n);
        }
        const int sent = socket->Send(p);
        if (sent <= 0)
        {
            return;
        }
        tx.queued += static_cast<uint64_t>(sent);
    }
    if (tx.queued >= total)
    {
        socket->SetSendCallback(MakeNullCallback<void, Ptr<Socket>, uint32_t>());
        socket->Close();
        m_tx.erase(it);
    }
}

void
LeadKvCacheFabric::TcpAccept(Ptr<Socket> socket, const Address& /* from */)
{
    socket->SetAttribute("RcvBufSize", UintegerValue(m_tcpBuffer));
    m_rx[socket] = TcpRx();
    socket->SetRecvCallback(MakeCallback(&LeadKvCacheFabric::TcpRead, this));
}

void
LeadKvCacheFabric::TcpRead(Ptr<Socket> socket)
{
    auto it = m_rx.find(socket);
    if (it == m_rx.end())
    {
        return;
    }
    TcpRx& rx = it->second;
    while (Ptr<Packet> p = socket->Recv())
    {
        uint32_t size = p->GetSize();
        uint32_t skip = 0;
        if (rx.preambleGot < PREAMBLE)
        {
            const uint32_t take = std::min(size, PREAMBLE - rx.preambleGot);
            p->CopyData(rx.preamble + rx.preambleGot, take);
            rx.preambleGot += take;
            skip = take;
            if (rx.preambleGot == PREAMBLE)
            {
                for (int i = 0; i < 8; ++i)
                {
                    rx.id |= uint64_t{rx.preamble[i]} << (8 * i);
                    rx.length |= uint64_t{rx.preamble[8 + i]} << (8 * i);
                }
            }
        }
        rx.got += size - skip;
    }
    if (rx.preambleGot == PREAMBLE && rx.got >= rx.length)
    {
        const uint64_t id = rx.id;
        socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        socket->Close();
        m_rx.erase(it);
        auto w = m_waiting.find(id);
        if (w != m_waiting.end())
        {
            m_moved += w->second.first;
            Callback<void> done = w->second.second;
            m_waiting.erase(w);
            if (!done.IsNull())
            {
                done();
            }
        }
    }
}

} // namespace lead
} // namespace ns3
