/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-transport.h"

#include "lead-op-tag.h"

#include "ns3/abort.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/udp-socket-factory.h"

#include <algorithm>
#include <vector>

namespace ns3
{
namespace lead
{

NS_LOG_COMPONENT_DEFINE("LeadTransport");

NS_OBJECT_ENSURE_REGISTERED(LeadTransport);

TypeId
LeadTransport::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::lead::LeadTransport")
            .SetParent<Object>()
            .SetGroupName("Lead")
            .AddConstructor<LeadTransport>()
            .AddTraceSource("Tx",
                            "A message left for the network (type, purpose, bytes, operation).",
                            MakeTraceSourceAccessor(&LeadTransport::m_txTrace),
                            "ns3::lead::LeadTransport::MessageTracedCallback")
            .AddTraceSource("Rx",
                            "A valid message arrived from the network (type, purpose, bytes, "
                            "operation).",
                            MakeTraceSourceAccessor(&LeadTransport::m_rxTrace),
                            "ns3::lead::LeadTransport::MessageTracedCallback")
            .AddTraceSource("TxPacket",
                            "A message left for the network: the whole message (LEAD header, "
                            "body, value bytes) and the peer's IPv4 address.",
                            MakeTraceSourceAccessor(&LeadTransport::m_txPacketTrace),
                            "ns3::lead::LeadTransport::PacketTracedCallback")
            .AddTraceSource("Drop",
                            "A malformed or misaddressed message was discarded.",
                            MakeTraceSourceAccessor(&LeadTransport::m_dropTrace),
                            "ns3::lead::LeadTransport::DropTracedCallback");
    return tid;
}

LeadTransport::LeadTransport() = default;

LeadTransport::~LeadTransport() = default;

void
LeadTransport::DoDispose()
{
    Stop();
    m_node = nullptr;
    m_receive = nullptr;
    Object::DoDispose();
}

void
LeadTransport::Start(Ptr<Node> node, Protocol protocol, uint16_t port, ReceiveCallback receive)
{
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    NS_ABORT_MSG_IF(!ipv4 || ipv4->GetNInterfaces() < 2,
                    "LeadTransport on node " << node->GetId() << " needs an IPv4 interface");
    m_node = node;
    m_protocol = protocol;
    m_port = port;
    m_receive = std::move(receive);
    m_address = ipv4->GetAddress(1, 0).GetLocal();
    const TypeId factory =
        protocol == TCP ? TcpSocketFactory::GetTypeId() : UdpSocketFactory::GetTypeId();
    m_socket = Socket::CreateSocket(node, factory);
    NS_ABORT_MSG_IF(m_socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), port)) != 0,
                    "LeadTransport: cannot bind " << (protocol == TCP ? "TCP" : "UDP") << " port "
                                                  << port << " on node " << node->GetId());
    if (protocol == TCP)
    {
        m_socket->Listen();
        m_socket->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                    MakeCallback(&LeadTransport::HandleAccept, this));
    }
    else
    {
        m_socket->SetRecvCallback(MakeCallback(&LeadTransport::HandleRead, this));
    }
}

void
LeadTransport::Stop()
{
    // Close in the order of the peers' addresses, not of socket pointers, so that runs stay
    // deterministic.
    std::vector<std::pair<uint32_t, Ptr<Socket>>> open;
    for (auto& kv : m_tcpConnections)
    {
        open.emplace_back(kv.second.peer, kv.first);
    }
    std::stable_sort(open.begin(), open.end(), [](const auto& a, const auto& b) {
        return a.first < b.first;
    });
    for (auto& [peer, s] : open)
    {
        s->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        s->SetSendCallback(MakeNullCallback<void, Ptr<Socket>, uint32_t>());
        s->SetCloseCallbacks(MakeNullCallback<void, Ptr<Socket>>(),
                             MakeNullCallback<void, Ptr<Socket>>());
        s->Close();
    }
    m_tcpConnections.clear();
    m_tcpSender.clear();
    if (m_socket)
    {
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        m_socket->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                    MakeNullCallback<void, Ptr<Socket>, const Address&>());
        m_socket->Close();
        m_socket = nullptr;
    }
}

bool
LeadTransport::IsRunning() const
{
    return m_socket != nullptr;
}

Ipv4Address
LeadTransport::GetAddress() const
{
    return m_address;
}

uint64_t
LeadTransport::GetDropCount() const
{
    return m_drops;
}

void
LeadTransport::DropPacket(Ptr<const Packet> packet, const std::string& reason)
{
    ++m_drops;
    NS_LOG_WARN("node " << m_address << " dropped a message: " << reason);
    m_dropTrace(packet, reason);
}

void
LeadTransport::Send(Ptr<Packet> packet, const LeadHeader& h, uint32_t address, uint64_t op)
{
    if (!m_socket)
    {
        return;
    }
    if (address == m_address.Get())
    {
        // Co-located vnodes: no network, no delay beyond the event itself.
        Simulator::ScheduleNow([this, packet, op]() {
            if (m_socket)
            {
                LeadHeader local;
                packet->RemoveHeader(local);
                m_receive(local, packet, m_address.Get(), op);
            }
        });
        return;
    }
    m_txTrace(h.GetType(), h.GetPurpose(), packet->GetSize(), op);
    m_txPacketTrace(packet, address);
    if (op != 0)
    {
        packet->AddByteTag(LeadOpTag(op));
    }
    if (m_protocol == TCP)
    {
        SendTcp(packet, address);
        return;
    }
    m_socket->SendTo(packet, 0, InetSocketAddress(Ipv4Address(address), m_port));
}

void
LeadTransport::HandleRead(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> packet = socket->RecvFrom(from))
    {
        if (!InetSocketAddress::IsMatchingType(from))
        {
            DropPacket(packet, "not an IPv4 sender");
            continue;
        }
        Receive(packet, InetSocketAddress::ConvertFrom(from).GetIpv4().Get(), true);
    }
}

void
LeadTransport::Receive(Ptr<Packet> packet, uint32_t from, bool network)
{
    const uint32_t size = packet->GetSize();
    if (size < LeadHeader::SIZE)
    {
        DropPacket(packet, "shorter than the LEAD header");
        return;
    }
    LeadOpTag tag;
    const uint64_t op = packet->FindFirstMatchingByteTag(tag) ? tag.GetOp() : 0;
    LeadHeader h;
    packet->RemoveHeader(h);
    if (!h.IsValid())
    {
        DropPacket(packet, "invalid LEAD header");
        return;
    }
    if (network)
    {
        m_rxTrace(h.GetType(), h.GetPurpose(), size, op);
    }
    m_receive(h, packet, from, op);
}

// ------------------------------------------------------------------------------- TCP

void
LeadTransport::SendTcp(Ptr<Packet> packet, uint32_t address)
{
    const uint32_t len = packet->GetSize();
    auto it = m_tcpSender.find(address);
    if (len > LeadFrameCodec::DEFAULT_MAX_FRAME)
    {
        NS_LOG_WARN("node " << m_address << ": a " << len << "-byte message exceeds the TCP "
                            << "frame limit; not sent");
        return;
    }
    if (it == m_tcpSender.end())
    {
        Ptr<Socket> s = Socket::CreateSocket(m_node, TcpSocketFactory::GetTypeId());
        s->Bind();
        s->SetConnectCallback(MakeCallback(&LeadTransport::HandleConnected, this),
                              MakeCallback(&LeadTransport::HandleConnectionClosed, this));
        WatchConnection(s, address).connected = false;
        it = m_tcpSender.emplace(address, s).first;
        NS_LOG_LOGIC("node " << m_address << " opens a TCP connection to " << Ipv4Address(address));
        s->Connect(InetSocketAddress(Ipv4Address(address), m_port));
    }
    TcpConnection& c = m_tcpConnections[it->second];
    uint8_t length[LeadFrameCodec::HEADER_SIZE];
    LeadFrameCodec::WriteLength(len, length);
    c.out->AddAtEnd(Create<Packet>(length, LeadFrameCodec::HEADER_SIZE));
    c.out->AddAtEnd(packet); // byte tags (the operation) travel with the message's bytes
    FlushTcp(it->second);
}

LeadTransport::TcpConnection&
LeadTransport::WatchConnection(Ptr<Socket> s, uint32_t address)
{
    TcpConnection& c = m_tcpConnections[s];
    c.peer = address;
    c.out = Create<Packet>();
    c.in = Create<Packet>();
    s->SetRecvCallback(MakeCallback(&LeadTransport::HandleTcpRead, this));
    s->SetSendCallback(MakeCallback(&LeadTransport::HandleTcpSendSpace, this));
    s->SetCloseCallbacks(MakeCallback(&LeadTransport::HandleConnectionClosed, this),
                         MakeCallback(&LeadTransport::HandleConnectionClosed, this));
    return c;
}

void
LeadTransport::HandleAccept(Ptr<Socket> s, const Address& from)
{
    const uint32_t peer = InetSocketAddress::ConvertFrom(from).GetIpv4().Get();
    WatchConnection(s, peer).connected = true;
    // One connection per peer pair: use the accepted one for sending too, unless we have one.
    m_tcpSender.emplace(peer, s);
}

void
LeadTransport::HandleConnected(Ptr<Socket> s)
{
    auto it = m_tcpConnections.find(s);
    if (it != m_tcpConnections.end())
    {
        it->second.connected = true;
        FlushTcp(s);
    }
}

void
LeadTransport::HandleConnectionClosed(Ptr<Socket> s)
{
    auto it = m_tcpConnections.find(s);
    if (it == m_tcpConnections.end())
    {
        return;
    }
    // The peer vanished (or refused): unsent messages are lost; their RPCs time out.
    NS_LOG_WARN("node " << m_address << ": TCP connection with " << Ipv4Address(it->second.peer)
                        << " closed, " << it->second.out->GetSize() << " bytes unsent");
    auto snd = m_tcpSender.find(it->second.peer);
    if (snd != m_tcpSender.end() && snd->second == s)
    {
        m_tcpSender.erase(snd);
    }
    m_tcpConnections.erase(it);
}

void
LeadTransport::CloseConnection(Ptr<Socket> s)
{
    auto it = m_tcpConnections.find(s);
    if (it == m_tcpConnections.end())
    {
        return;
    }
    const uint32_t peer = it->second.peer;
    s->Close();
    auto snd = m_tcpSender.find(peer);
    if (snd != m_tcpSender.end() && snd->second == s)
    {
        m_tcpSender.erase(snd);
    }
    m_tcpConnections.erase(it);
}

void
LeadTransport::HandleTcpSendSpace(Ptr<Socket> s, uint32_t /* available */)
{
    FlushTcp(s);
}

void
LeadTransport::FlushTcp(Ptr<Socket> s)
{
    auto it = m_tcpConnections.find(s);
    if (it == m_tcpConnections.end() || !it->second.connected)
    {
        return;
    }
    TcpConnection& c = it->second;
    while (c.out->GetSize() > 0)
    {
        const uint32_t room = s->GetTxAvailable();
        if (room == 0)
        {
            break; // resumed from the send callback
        }
        const uint32_t n = std::min(room, c.out->GetSize());
        const int sent = s->Send(c.out->CreateFragment(0, n));
        if (sent <= 0)
        {
            break;
        }
        c.out->RemoveAtStart(static_cast<uint32_t>(sent));
    }
}

void
LeadTransport::HandleTcpRead(Ptr<Socket> s)
{
    auto it = m_tcpConnections.find(s);
    if (it == m_tcpConnections.end())
    {
        return;
    }
    TcpConnection& c = it->second;
    std::vector<uint32_t> frames;
    std::vector<uint8_t> bytes;
    while (Ptr<Packet> p = s->Recv())
    {
        bytes.resize(p->GetSize());
        p->CopyData(bytes.data(), p->GetSize());
        c.in->AddAtEnd(p);
        if (!c.codec.Push(bytes.data(), bytes.size(), frames))
        {
            // The stream cannot be resynchronised: drop what is buffered and the connection.
            DropPacket(Create<Packet>(),
                       "TCP frame length " + std::to_string(c.codec.GetBadLength()) + " too large");
            CloseConnection(s);
            return;
        }
    }
    // Cut the complete frames out first: delivering one may close the connection.
    std::vector<Ptr<Packet>> messages;
    messages.reserve(frames.size());
    for (uint32_t len : frames)
    {
        messages.push_back(c.in->CreateFragment(LeadFrameCodec::HEADER_SIZE, len));
        c.in->RemoveAtStart(LeadFrameCodec::HEADER_SIZE + len);
    }
    const uint32_t peer = c.peer;
    for (const auto& m : messages)
    {
        if (!m_socket)
        {
            return; // stopped while delivering
        }
        Receive(m, peer, true);
    }
}

} // namespace lead
} // namespace ns3
