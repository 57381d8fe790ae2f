/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-node-app.h"

#include "lead-kv-header.h"
#include "lead-lookup-header.h"
#include "lead-node-list-header.h"
#include "lead-peer-hash.h"
#include "lead-range-header.h"
#include "lead-ring-id.h"
#include "lead-transfer-header.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/pointer.h"
#include "ns3/random-variable-stream.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/string.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/type-id.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <algorithm>

namespace ns3
{
namespace lead
{

NS_LOG_COMPONENT_DEFINE("LeadNodeApp");

NS_OBJECT_ENSURE_REGISTERED(LeadNodeApp);

namespace
{
/// Largest value payload sent in one UDP datagram (leaves room for the headers).
constexpr uint32_t MAX_UDP_PAYLOAD{60000};
/// Longest message accepted on a TCP connection (a larger length field is malformed).
constexpr uint32_t MAX_TCP_FRAME{64U << 20};
/// Longest successor walk of a range query.
constexpr uint16_t MAX_RANGE_WALK{4096};
/// Successors a vnode names in its answer to a client-driven scan (the first is the next
/// step, the others are fallbacks if it died).
constexpr size_t MAX_SCAN_ANSWER_SUCCESSORS{4};
/// Delay before a key operation retries after a stale owner answered.
const Time STALE_OWNER_RETRY = MilliSeconds(100);

/// Width of each of `members` equal sub-arcs of an arc of length `arc` (0: the whole ring),
/// rounded up so that the sub-arcs cover the arc.
uint64_t
SubArcWidth(uint64_t arc, uint64_t members)
{
    return arc == 0 ? (UINT64_MAX / members + 1) : (arc - 1) / members + 1;
}
} // namespace

TypeId
LeadNodeApp::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::lead::LeadNodeApp")
            .SetParent<Application>()
            .SetGroupName("Lead")
            .AddConstructor<LeadNodeApp>()
            .AddAttribute("Port",
                          "UDP port of the overlay (the same on every node).",
                          UintegerValue(4000),
                          MakeUintegerAccessor(&LeadNodeApp::m_port),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("Protocol",
                          "Transport of the overlay: ns3::UdpSocketFactory (datagrams) or "
                          "ns3::TcpSocketFactory (length-framed messages on one reused "
                          "connection per peer).",
                          TypeIdValue(UdpSocketFactory::GetTypeId()),
                          MakeTypeIdAccessor(&LeadNodeApp::m_protocol),
                          MakeTypeIdChecker())
            .AddAttribute(
                "LookupMode",
                "recursive: each hop forwards and the last replies to the origin "
                "(p2psim recurs=1); iterative: the origin asks each hop for the next "
                "(recurs=0).",
                StringValue("recursive"),
                MakeStringAccessor(&LeadNodeApp::SetLookupMode, &LeadNodeApp::GetLookupMode),
                MakeStringChecker())
            .AddAttribute(
                "RangeWalk",
                "How a range query walks the successors: chain (each vnode passes the scan "
                "to its successor and sends its part straight to the client) or client (each "
                "vnode answers the client with its successors and the client asks the next).",
                StringValue("chain"),
                MakeStringAccessor(&LeadNodeApp::SetRangeWalk, &LeadNodeApp::GetRangeWalk),
                MakeStringChecker())
            .AddAttribute("Role",
                          "peer: a node of the ring; member: a member of a two-tier group "
                          "(Marques-style baseline) that stores what its leader passes on and "
                          "never joins the ring.",
                          StringValue("peer"),
                          MakeStringAccessor(&LeadNodeApp::SetRole, &LeadNodeApp::GetRole),
                          MakeStringChecker())
            .AddAttribute("VnodesPerNode",
                          "Virtual nodes hosted by this node (Shadow Balancer).",
                          UintegerValue(5),
                          MakeUintegerAccessor(&LeadNodeApp::m_vnodesPerNode),
                          MakeUintegerChecker<uint32_t>(1, 4096))
            .AddAttribute("SuccessorListSize",
                          "Successor-list length r (p2psim: successors).",
                          UintegerValue(15),
                          MakeUintegerAccessor(&LeadNodeApp::m_successorListSize),
                          MakeUintegerChecker<uint32_t>(1, 255))
            .AddAttribute("FingerBase",
                          "Finger base b (p2psim: base).",
                          UintegerValue(2),
                          MakeUintegerAccessor(&LeadNodeApp::m_fingerBase),
                          MakeUintegerChecker<uint32_t>(2, 256))
            .AddAttribute("StabilizeInterval",
                          "Period of fix-successor, notify and predecessor check "
                          "(p2psim: basictimer).",
                          TimeValue(Seconds(1)),
                          MakeTimeAccessor(&LeadNodeApp::m_stabilizeInterval),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("SuccessorListInterval",
                          "Period of the successor-list refresh (p2psim: succlisttimer).",
                          TimeValue(Seconds(1)),
                          MakeTimeAccessor(&LeadNodeApp::m_successorListInterval),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("SuccessorHints",
                          "Send SUCC_HINT messages that repair interleaved strands after "
                          "concurrent joins (not in the authors' protocol; false restores plain "
                          "PODC-style stabilisation).",
                          BooleanValue(true),
                          MakeBooleanAccessor(&LeadNodeApp::m_successorHints),
                          MakeBooleanChecker())
            .AddAttribute("JoinProbeTime",
                          "For this long after joining, a vnode looks up its own position "
                          "through a far vnode every stabilisation round, until three probes in "
                          "a row find it in place: concurrent joins "
                          "answered from stale views leave interleaved strands that "
                          "stabilisation alone cannot see. 0 turns the probe off.",
                          TimeValue(Seconds(30)),
                          MakeTimeAccessor(&LeadNodeApp::m_joinProbeTime),
                          MakeTimeChecker(Time(0)))
            .AddAttribute("FingerInterval",
                          "Period of finger fixing (p2psim: fingertimer).",
                          TimeValue(Seconds(10)),
                          MakeTimeAccessor(&LeadNodeApp::m_fingerInterval),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("ReplicationInterval",
                          "Period of the replica refresh on the successors.",
                          TimeValue(Seconds(10)),
                          MakeTimeAccessor(&LeadNodeApp::m_replicationInterval),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("MaxLookupTime",
                          "A lookup without an answer after this long has failed "
                          "(p2psim: maxlookuptime).",
                          TimeValue(Seconds(2)),
                          MakeTimeAccessor(&LeadNodeApp::m_maxLookupTime),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("JoinRetryInterval",
                          "Pause before a failed join is tried again.",
                          TimeValue(MilliSeconds(200)),
                          MakeTimeAccessor(&LeadNodeApp::m_joinRetryInterval),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("RpcInitialTimeout",
                          "Timeout of a first attempt to a peer with no RTT sample yet.",
                          TimeValue(Seconds(1)),
                          MakeTimeAccessor(&LeadNodeApp::m_rpcInitialTimeout),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("RpcMaxTimeout",
                          "Cap of the first-attempt timeout (retries double it).",
                          TimeValue(Seconds(1)),
                          MakeTimeAccessor(&LeadNodeApp::m_rpcMaxTimeout),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("RpcMinTimeout",
                          "Floor of the first-attempt timeout (raise it on LANs, where round "
                          "trips are microseconds but a bulk transfer can hold the medium for "
                          "milliseconds).",
                          TimeValue(MilliSeconds(10)),
                          MakeTimeAccessor(&LeadNodeApp::m_rpcMinTimeout),
                          MakeTimeChecker(MicroSeconds(1)))
            .AddAttribute("RpcTimeoutMultiplier",
                          "First-attempt timeout = multiplier x smoothed RTT "
                          "(p2psim: timeout_multiplier).",
                          DoubleValue(3.0),
                          MakeDoubleAccessor(&LeadNodeApp::m_rpcTimeoutMultiplier),
                          MakeDoubleChecker<double>(1.0))
            .AddAttribute("RpcMaxAttempts",
                          "Attempts per RPC before the peer is declared failed.",
                          UintegerValue(3),
                          MakeUintegerAccessor(&LeadNodeApp::m_rpcMaxAttempts),
                          MakeUintegerChecker<uint32_t>(1, 16))
            .AddAttribute("ReplicationFactor",
                          "Replicas of every key, on the next successors of distinct nodes.",
                          UintegerValue(3),
                          MakeUintegerAccessor(&LeadNodeApp::m_replicationFactor),
                          MakeUintegerChecker<uint32_t>(0, 16))
            .AddAttribute("MaxKeyOpAttempts",
                          "Lookups a Put/Get/Delete may need when owners turn out stale.",
                          UintegerValue(3),
                          MakeUintegerAccessor(&LeadNodeApp::m_maxKeyOpAttempts),
                          MakeUintegerChecker<uint32_t>(1, 16))
            .AddAttribute("ValueSize",
                          "Value size in bytes used by Put(key, callback).",
                          UintegerValue(1024),
                          MakeUintegerAccessor(&LeadNodeApp::m_valueSize),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("MaxRangeQueryTime",
                          "A range query whose parts have not all arrived after this long "
                          "finishes incomplete.",
                          TimeValue(Seconds(10)),
                          MakeTimeAccessor(&LeadNodeApp::m_maxRangeQueryTime),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("HashModel",
                          "Key hash: a trained LearnedHashModel (RmiHashModel for LEAD, "
                          "ConsistentHashModel for Chord, LinearHashModel).",
                          PointerValue(),
                          MakePointerAccessor(&LeadNodeApp::m_hashModel),
                          MakePointerChecker<LearnedHashModel>())
            .AddTraceSource("LookupDone",
                            "A lookup finished (answered or timed out).",
                            MakeTraceSourceAccessor(&LeadNodeApp::m_lookupDoneTrace),
                            "ns3::lead::LeadNodeApp::LookupTracedCallback")
            .AddTraceSource("KeyOpDone",
                            "A Put, Get or Delete finished.",
                            MakeTraceSourceAccessor(&LeadNodeApp::m_keyOpDoneTrace),
                            "ns3::lead::LeadNodeApp::KeyOpTracedCallback")
            .AddTraceSource("RangeQueryDone",
                            "A range query finished (complete or not).",
                            MakeTraceSourceAccessor(&LeadNodeApp::m_rangeDoneTrace),
                            "ns3::lead::LeadNodeApp::RangeQueryTracedCallback")
            .AddTraceSource("Tx",
                            "A message left for the network (type, purpose, bytes).",
                            MakeTraceSourceAccessor(&LeadNodeApp::m_txTrace),
                            "ns3::lead::LeadNodeApp::MessageTracedCallback")
            .AddTraceSource("Rx",
                            "A valid message arrived from the network (type, purpose, bytes).",
                            MakeTraceSourceAccessor(&LeadNodeApp::m_rxTrace),
                            "ns3::lead::LeadNodeApp::MessageTracedCallback")
            .AddTraceSource("Drop",
                            "A malformed or misaddressed message was discarded.",
                            MakeTraceSourceAccessor(&LeadNodeApp::m_dropTrace),
                            "ns3::lead::LeadNodeApp::DropTracedCallback")
            .AddTraceSource("StateTransition",
                            "The node's life-cycle state changed.",
                            MakeTraceSourceAccessor(&LeadNodeApp::m_stateTrace),
                            "ns3::lead::LeadNodeApp::StateTracedCallback")
            .AddTraceSource("KeysMigrated",
                            "Keys arrived by hand-off or replication (count, purpose).",
                            MakeTraceSourceAccessor(&LeadNodeApp::m_keysMigratedTrace),
                            "ns3::lead::LeadNodeApp::MigrationTracedCallback");
    return tid;
}

LeadNodeApp::LeadNodeApp()
    : m_jitter(CreateObject<UniformRandomVariable>())
{
    NS_LOG_FUNCTION(this);
}

LeadNodeApp::~LeadNodeApp()
{
    NS_LOG_FUNCTION(this);
}

void
LeadNodeApp::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_socket = nullptr;
    m_rpc = nullptr;
    m_hashModel = nullptr;
    m_oracle = nullptr;
    m_vnodes.clear();
    m_lookups.clear();
    m_keyOps.clear();
    m_ranges.clear();
    Application::DoDispose();
}

void
LeadNodeApp::SetLookupMode(std::string mode)
{
    NS_ABORT_MSG_IF(mode != "recursive" && mode != "iterative",
                    "ns3::lead::LeadNodeApp::LookupMode: '" << mode
                                                            << "' (use recursive or iterative)");
    m_iterative = mode == "iterative";
}

std::string
LeadNodeApp::GetLookupMode() const
{
    return m_iterative ? "iterative" : "recursive";
}

void
LeadNodeApp::SetRole(std::string role)
{
    NS_ABORT_MSG_IF(role != "peer" && role != "member",
                    "ns3::lead::LeadNodeApp::Role: '" << role << "' (use peer or member)");
    m_member = role == "member";
}

std::string
LeadNodeApp::GetRole() const
{
    return m_member ? "member" : "peer";
}

void
LeadNodeApp::SetGroupMembers(const std::vector<Ipv4Address>& members)
{
    m_members.clear();
    for (const auto& a : members)
    {
        m_members.push_back(VnodeRef{PeerHash::FromIpv4(a.Get(), 0), a.Get(), 0});
    }
}

void
LeadNodeApp::SetRangeWalk(std::string walk)
{
    NS_ABORT_MSG_IF(walk != "chain" && walk != "client",
                    "ns3::lead::LeadNodeApp::RangeWalk: '" << walk << "' (use chain or client)");
    m_clientWalk = walk == "client";
}

std::string
LeadNodeApp::GetRangeWalk() const
{
    return m_clientWalk ? "client" : "chain";
}

void
LeadNodeApp::SetBootstrap(const std::vector<Ipv4Address>& bootstrap)
{
    m_bootstrap = bootstrap;
}

void
LeadNodeApp::SetOracle(Ptr<LeadOracle> oracle)
{
    m_oracle = oracle;
}

int64_t
LeadNodeApp::AssignStreams(int64_t stream)
{
    m_jitter->SetStream(stream);
    return 1;
}

LeadNodeApp::State
LeadNodeApp::GetState() const
{
    return m_state;
}

uint32_t
LeadNodeApp::GetVnodeCount() const
{
    return static_cast<uint32_t>(m_vnodes.size());
}

VnodeRef
LeadNodeApp::GetVnode(uint32_t index) const
{
    return m_vnodes.at(index).self;
}

const LeadRoutingTable&
LeadNodeApp::GetRoutingTable(uint32_t index) const
{
    return *m_vnodes.at(index).table;
}

const LeadKeyStore&
LeadNodeApp::GetStore(uint32_t index) const
{
    return m_vnodes.at(index).store;
}

const LeadKeyStore&
LeadNodeApp::GetReplicaStore(uint32_t index) const
{
    return m_vnodes.at(index).replicas;
}

bool
LeadNodeApp::IsJoined(uint32_t index) const
{
    return m_vnodes.at(index).joined;
}

Ptr<LearnedHashModel>
LeadNodeApp::GetHashModel() const
{
    return m_hashModel;
}

uint64_t
LeadNodeApp::GetDropCount() const
{
    return m_drops;
}

void
LeadNodeApp::SwitchToState(State state)
{
    if (state == m_state)
    {
        return;
    }
    const State old = m_state;
    m_state = state;
    NS_LOG_INFO(Simulator::Now().As(Time::S)
                << " node " << m_address << " state " << static_cast<int>(old) << " --> "
                << static_cast<int>(state));
    m_stateTrace(old, state);
}

// ------------------------------------------------------------------------- life cycle

void
LeadNodeApp::StartApplication()
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(!m_hashModel,
                    "ns3::lead::LeadNodeApp::HashModel is not set (use LeadHelper::SetHashModel)");
    NS_ABORT_MSG_IF(!m_hashModel->IsTrained(),
                    "ns3::lead::LeadNodeApp::HashModel: the " << m_hashModel->GetName()
                                                              << " model is not trained");
    Ptr<Ipv4> ipv4 = GetNode()->GetObject<Ipv4>();
    NS_ABORT_MSG_IF(!ipv4 || ipv4->GetNInterfaces() < 2,
                    "LeadNodeApp on node " << GetNode()->GetId() << " needs an IPv4 interface");
    m_address = ipv4->GetAddress(1, 0).GetLocal();

    m_tcp = m_protocol == TcpSocketFactory::GetTypeId();
    NS_ABORT_MSG_IF(!m_tcp && m_protocol != UdpSocketFactory::GetTypeId(),
                    "ns3::lead::LeadNodeApp::Protocol: " << m_protocol.GetName()
                                                         << " is neither ns3::UdpSocketFactory "
                                                            "nor ns3::TcpSocketFactory");
    m_socket = Socket::CreateSocket(GetNode(), m_protocol);
    NS_ABORT_MSG_IF(m_socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_port)) != 0,
                    "LeadNodeApp: cannot bind " << (m_tcp ? "TCP" : "UDP") << " port " << m_port);
    if (m_tcp)
    {
        m_socket->Listen();
        m_socket->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                    MakeCallback(&LeadNodeApp::HandleAccept, this));
    }
    else
    {
        m_socket->SetRecvCallback(MakeCallback(&LeadNodeApp::HandleRead, this));
    }

    LeadRpc::Config cfg;
    cfg.initialTimeout = m_rpcInitialTimeout;
    cfg.maxTimeout = m_rpcMaxTimeout;
    cfg.minTimeout = std::min(m_rpcMinTimeout, m_rpcMaxTimeout);
    cfg.timeoutMultiplier = m_rpcTimeoutMultiplier;
    cfg.maxAttempts = m_rpcMaxAttempts;
    if (m_tcp)
    {
        // TCP retransmits by itself; a second copy of a request would only queue behind the
        // first. One attempt, given the time the datagram attempts would have had together.
        const double budget = (1U << m_rpcMaxAttempts) - 1;
        cfg.initialTimeout = m_rpcInitialTimeout * budget;
        cfg.maxTimeout = m_rpcMaxTimeout * budget;
        cfg.timeoutMultiplier = m_rpcTimeoutMultiplier * budget;
        cfg.maxAttempts = 1;
    }
    m_rpc = Create<LeadRpc>(MakeCallback(&LeadNodeApp::Send, this), cfg);

    m_vnodes.clear();
    m_vnodes.resize(m_vnodesPerNode);
    for (uint32_t i = 0; i < m_vnodesPerNode; ++i)
    {
        Vnode& v = m_vnodes[i];
        v.self = VnodeRef{PeerHash::FromIpv4(m_address.Get(), i),
                          m_address.Get(),
                          static_cast<uint16_t>(i)};
        v.table = std::make_unique<LeadRoutingTable>(v.self, m_successorListSize, m_fingerBase);
    }
    if (m_member)
    {
        SwitchToState(State::ACTIVE); // serves its leader; never joins the ring
        return;
    }
    SwitchToState(State::JOINING);
    for (uint32_t i = 0; i < m_vnodesPerNode; ++i)
    {
        TryJoin(i);
    }
}

void
LeadNodeApp::StopApplication()
{
    NS_LOG_FUNCTION(this);
    if (m_state == State::STOPPED || m_state == State::NOT_STARTED)
    {
        return;
    }
    for (auto& v : m_vnodes)
    {
        v.stabilizeEvent.Cancel();
        v.fingerEvent.Cancel();
        v.replicateEvent.Cancel();
        v.joinEvent.Cancel();
        if (v.joined && m_oracle)
        {
            m_oracle->RemoveVnode(v.self.id);
        }
        v.joined = false;
    }
    for (auto& kv : m_lookups)
    {
        kv.second.timer.Cancel();
    }
    m_lookups.clear();
    m_keyOps.clear();
    for (auto& kv : m_ranges)
    {
        kv.second.timer.Cancel();
    }
    m_ranges.clear();
    if (m_rpc)
    {
        m_rpc->CancelAll();
    }
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
    SwitchToState(State::STOPPED);
}

// -------------------------------------------------------------------------- messaging

LeadHeader
LeadNodeApp::MakeHeader(const Vnode& from,
                        const VnodeRef& to,
                        LeadMessageType type,
                        LeadPurpose purpose) const
{
    LeadHeader h;
    h.SetType(type);
    h.SetPurpose(purpose);
    h.SetSrcId(from.self.id);
    h.SetSrcVnode(from.self.vnode);
    h.SetDstId(to.id);
    h.SetDstVnode(to.vnode);
    h.SetModelVersion(m_hashModel->GetVersion());
    return h;
}

void
LeadNodeApp::Send(Ptr<Packet> packet, uint32_t address)
{
    if (!m_socket)
    {
        return;
    }
    if (address == m_address.Get())
    {
        // Co-located vnodes: no network, no delay beyond the event itself.
        Simulator::ScheduleNow(&LeadNodeApp::Deliver, this, packet, address);
        return;
    }
    if (!m_txTrace.IsEmpty())
    {
        LeadHeader h;
        packet->PeekHeader(h);
        m_txTrace(h.GetType(), h.GetPurpose(), packet->GetSize());
    }
    if (m_tcp)
    {
        SendTcp(packet, address);
        return;
    }
    m_socket->SendTo(packet, 0, InetSocketAddress(Ipv4Address(address), m_port));
}

// ------------------------------------------------------------------------------- TCP

void
LeadNodeApp::SendTcp(Ptr<Packet> packet, uint32_t address)
{
    auto it = m_tcpSender.find(address);
    if (it == m_tcpSender.end())
    {
        Ptr<Socket> s = Socket::CreateSocket(GetNode(), m_protocol);
        s->Bind();
        s->SetConnectCallback(MakeCallback(&LeadNodeApp::HandleConnected, this),
                              MakeCallback(&LeadNodeApp::HandleConnectionClosed, this));
        WatchConnection(s, address);
        m_tcpConnections[s].connected = false;
        it = m_tcpSender.emplace(address, s).first;
        NS_LOG_LOGIC("node " << m_address << " opens a TCP connection to " << Ipv4Address(address));
        s->Connect(InetSocketAddress(Ipv4Address(address), m_port));
    }
    TcpConnection& c = m_tcpConnections[it->second];
    const uint32_t len = packet->GetSize();
    const size_t at = c.out.size();
    c.out.resize(at + 4 + len);
    c.out[at] = static_cast<uint8_t>(len >> 24);
    c.out[at + 1] = static_cast<uint8_t>(len >> 16);
    c.out[at + 2] = static_cast<uint8_t>(len >> 8);
    c.out[at + 3] = static_cast<uint8_t>(len);
    packet->CopyData(c.out.data() + at + 4, len);
    FlushTcp(it->second);
}

void
LeadNodeApp::WatchConnection(Ptr<Socket> s, uint32_t address)
{
    m_tcpConnections[s].peer = address;
    s->SetRecvCallback(MakeCallback(&LeadNodeApp::HandleTcpRead, this));
    s->SetSendCallback(MakeCallback(&LeadNodeApp::HandleTcpSendSpace, this));
    s->SetCloseCallbacks(MakeCallback(&LeadNodeApp::HandleConnectionClosed, this),
                         MakeCallback(&LeadNodeApp::HandleConnectionClosed, this));
}

void
LeadNodeApp::HandleAccept(Ptr<Socket> s, const Address& from)
{
    const uint32_t peer = InetSocketAddress::ConvertFrom(from).GetIpv4().Get();
    WatchConnection(s, peer);
    m_tcpConnections[s].connected = true;
    // One connection per peer pair: use the accepted one for sending too, unless we have one.
    m_tcpSender.emplace(peer, s);
}

void
LeadNodeApp::HandleConnected(Ptr<Socket> s)
{
    auto it = m_tcpConnections.find(s);
    if (it != m_tcpConnections.end())
    {
        it->second.connected = true;
        FlushTcp(s);
    }
}

void
LeadNodeApp::HandleConnectionClosed(Ptr<Socket> s)
{
    auto it = m_tcpConnections.find(s);
    if (it == m_tcpConnections.end())
    {
        return;
    }
    // The peer vanished (or refused): unsent messages are lost; their RPCs time out.
    NS_LOG_WARN("node " << m_address << ": TCP connection with " << Ipv4Address(it->second.peer)
                        << " closed, " << it->second.out.size() - it->second.head
                        << " bytes unsent");
    auto snd = m_tcpSender.find(it->second.peer);
    if (snd != m_tcpSender.end() && snd->second == s)
    {
        m_tcpSender.erase(snd);
    }
    m_tcpConnections.erase(it);
}

void
LeadNodeApp::HandleTcpSendSpace(Ptr<Socket> s, uint32_t /* available */)
{
    FlushTcp(s);
}

void
LeadNodeApp::FlushTcp(Ptr<Socket> s)
{
    auto it = m_tcpConnections.find(s);
    if (it == m_tcpConnections.end() || !it->second.connected)
    {
        return;
    }
    TcpConnection& c = it->second;
    while (c.head < c.out.size())
    {
        const uint32_t room = s->GetTxAvailable();
        if (room == 0)
        {
            break; // resumed from the send callback
        }
        const uint32_t n = static_cast<uint32_t>(std::min<size_t>(room, c.out.size() - c.head));
        const int sent = s->Send(Create<Packet>(c.out.data() + c.head, n));
        if (sent <= 0)
        {
            break;
        }
        c.head += static_cast<size_t>(sent);
    }
    if (c.head == c.out.size())
    {
        c.out.clear();
        c.head = 0;
    }
    else if (c.head > (1U << 20))
    {
        c.out.erase(c.out.begin(), c.out.begin() + static_cast<std::ptrdiff_t>(c.head));
        c.head = 0;
    }
}

void
LeadNodeApp::HandleTcpRead(Ptr<Socket> s)
{
    auto it = m_tcpConnections.find(s);
    if (it == m_tcpConnections.end())
    {
        return;
    }
    while (Ptr<Packet> p = s->Recv())
    {
        TcpConnection& c = m_tcpConnections[s];
        const size_t at = c.in.size();
        c.in.resize(at + p->GetSize());
        p->CopyData(c.in.data() + at, p->GetSize());
    }
    // Deliver every complete frame: a 4-byte length, then the message.
    size_t pos = 0;
    while (true)
    {
        auto conn = m_tcpConnections.find(s);
        if (conn == m_tcpConnections.end())
        {
            return; // closed while delivering
        }
        TcpConnection& c = conn->second;
        if (c.in.size() - pos < 4)
        {
            break;
        }
        const uint32_t len = (uint32_t{c.in[pos]} << 24) | (uint32_t{c.in[pos + 1]} << 16) |
                             (uint32_t{c.in[pos + 2]} << 8) | uint32_t{c.in[pos + 3]};
        if (len > MAX_TCP_FRAME)
        {
            // The stream cannot be resynchronised: drop what is buffered and the connection.
            DropPacket(Create<Packet>(), "TCP frame length " + std::to_string(len) + " too large");
            const uint32_t peer = c.peer;
            s->Close();
            auto snd = m_tcpSender.find(peer);
            if (snd != m_tcpSender.end() && snd->second == s)
            {
                m_tcpSender.erase(snd);
            }
            m_tcpConnections.erase(conn);
            return;
        }
        if (c.in.size() - pos - 4 < len)
        {
            break;
        }
        Ptr<Packet> msg = Create<Packet>(c.in.data() + pos + 4, len);
        pos += 4 + len;
        const uint32_t peer = c.peer;
        Receive(msg, peer);
    }
    auto conn = m_tcpConnections.find(s);
    if (conn != m_tcpConnections.end() && pos > 0)
    {
        auto& in = conn->second.in;
        in.erase(in.begin(), in.begin() + static_cast<std::ptrdiff_t>(pos));
    }
}

void
LeadNodeApp::Deliver(Ptr<Packet> packet, uint32_t from)
{
    if (m_socket)
    {
        Receive(packet, from);
    }
}

void
LeadNodeApp::ReplyTo(const Vnode& at,
                     const LeadHeader& request,
                     uint32_t from,
                     LeadMessageType type,
                     Ptr<Packet> body)
{
    const VnodeRef requester{request.GetSrcId(), from, request.GetSrcVnode()};
    m_rpc->Reply(request, MakeHeader(at, requester, type, request.GetPurpose()), body, from);
}

void
LeadNodeApp::Call(Vnode& from,
                  const VnodeRef& to,
                  LeadMessageType type,
                  LeadPurpose purpose,
                  Ptr<Packet> body,
                  LeadRpc::ReplyCallback onReply,
                  LeadRpc::FailureCallback onFailure,
                  Time extra)
{
    m_rpc->Call(MakeHeader(from, to, type, purpose), body, to.address, onReply, onFailure, extra);
}

void
LeadNodeApp::SendOneWay(const Vnode& from,
                        const VnodeRef& to,
                        LeadMessageType type,
                        LeadPurpose purpose,
                        Ptr<Packet> body)
{
    LeadHeader h = MakeHeader(from, to, type, purpose);
    h.SetRequestId(0);
    Ptr<Packet> p = body->Copy();
    p->AddHeader(h);
    Send(p, to.address);
}

void
LeadNodeApp::HandleRead(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> packet = socket->RecvFrom(from))
    {
        if (!InetSocketAddress::IsMatchingType(from))
        {
            DropPacket(packet, "not an IPv4 sender");
            continue;
        }
        Receive(packet, InetSocketAddress::ConvertFrom(from).GetIpv4().Get());
    }
}

void
LeadNodeApp::DropPacket(Ptr<const Packet> packet, const std::string& reason)
{
    ++m_drops;
    NS_LOG_WARN("node " << m_address << " dropped a message: " << reason);
    m_dropTrace(packet, reason);
}

LeadNodeApp::Vnode*
LeadNodeApp::FindVnode(uint64_t id, uint16_t index)
{
    if (id == 0)
    {
        // Addressed to "any vnode of this node" (join through a bootstrap node).
        for (auto& v : m_vnodes)
        {
            if (v.joined)
            {
                return &v;
            }
        }
        return nullptr;
    }
    if (index < m_vnodes.size() && m_vnodes[index].self.id == id)
    {
        return &m_vnodes[index];
    }
    return nullptr;
}

void
LeadNodeApp::Receive(Ptr<Packet> packet, uint32_t from)
{
    const uint32_t size = packet->GetSize();
    if (size < LeadHeader::SIZE)
    {
        DropPacket(packet, "shorter than the LEAD header");
        return;
    }
    LeadHeader h;
    packet->RemoveHeader(h);
    if (!h.IsValid())
    {
        DropPacket(packet, "invalid LEAD header");
        return;
    }
    if (from != m_address.Get())
    {
        m_rxTrace(h.GetType(), h.GetPurpose(), size);
    }
    if (h.IsReply())
    {
        m_rpc->HandleReply(h, packet, from);
        return;
    }
    Vnode* at = FindVnode(h.GetDstId(), h.GetDstVnode());
    if (!at)
    {
        DropPacket(packet, "no such vnode here");
        return;
    }
    if (h.GetRequestId() != 0 && m_rpc->IsDuplicate(h, from))
    {
        return;
    }
    at->table->Heard(h.GetSrcId(), Simulator::Now());
    switch (h.GetType())
    {
    case LeadMessageType::FIND_SUCCESSOR:
        OnFindSuccessor(*at, h, packet, from);
        break;
    case LeadMessageType::FIND_SUCCESSOR_REPLY:
        OnFindSuccessorReply(*at, h, packet);
        break;
    case LeadMessageType::GET_NEIGHBORS:
        OnGetNeighbors(*at, h, packet, from);
        break;
    case LeadMessageType::NOTIFY:
        OnNotify(*at, h, from);
        break;
    case LeadMessageType::SUCC_HINT:
        OnSuccessorHint(*at, h, packet, from);
        break;
    case LeadMessageType::PING: {
        ReplyTo(*at, h, from, LeadMessageType::PONG, Create<Packet>());
        break;
    }
    case LeadMessageType::PUT:
    case LeadMessageType::GET:
    case LeadMessageType::DELETE:
        OnKeyRequest(*at, h, packet, from);
        break;
    case LeadMessageType::TRANSFER:
        OnTransfer(*at, h, packet, from);
        break;
    case LeadMessageType::LEAVE:
        OnLeave(*at, h, packet, from);
        break;
    case LeadMessageType::ALERT:
        OnAlert(*at, h, packet, from);
        break;
    case LeadMessageType::RANGE_SCAN:
        OnRangeScan(*at, h, packet, from);
        break;
    case LeadMessageType::RANGE_PART:
        OnRangePart(*at, h, packet, from);
        break;
    default:
        DropPacket(packet,
                   "reply type " + LeadMessageTypeName(h.GetType()) + " without reply flag");
        break;
    }
}

// ---------------------------------------------------------------------------- lookups

void
LeadNodeApp::Lookup(uint64_t position, Callback<void, const LookupResult&> cb)
{
    StartLookup(0, position, LeadPurpose::USER_LOOKUP, cb);
}

uint32_t
LeadNodeApp::StartLookup(uint32_t vnode,
                         uint64_t target,
                         LeadPurpose purpose,
                         Callback<void, const LookupResult&> done,
                         std::optional<VnodeRef> via)
{
    const uint32_t id = m_nextLookupId++;
    PendingLookup& pl = m_lookups[id];
    pl.vnode = vnode;
    pl.done = done;
    pl.result.target = target;
    pl.result.origin = m_vnodes[vnode].self;
    pl.result.purpose = purpose;
    pl.result.latency = Simulator::Now(); // start time until finished
    pl.timer = Simulator::Schedule(m_maxLookupTime, &LeadNodeApp::LookupExpired, this, id);

    Vnode& v = m_vnodes[vnode];
    LeadLookupHeader lk;
    lk.target = target;
    lk.lookupId = id;
    lk.origin = v.self;
    lk.hops = 0;
    lk.wanted = static_cast<uint8_t>(
        std::min<uint32_t>(purpose == LeadPurpose::JOIN ? m_successorListSize : 1, 255));
    if (!v.joined && !via)
    {
        // Not in the ring yet: ask a bootstrap vnode to route the lookup.
        bool creatorNode = m_bootstrap.empty() || m_bootstrap.front() == m_address;
        if (creatorNode && vnode > 0 && m_vnodes[0].joined)
        {
            via = m_vnodes[0].self;
        }
        else
        {
            std::vector<Ipv4Address> others;
            for (const auto& b : m_bootstrap)
            {
                if (b != m_address)
                {
                    others.push_back(b);
                }
            }
            if (others.empty())
            {
                return id; // nobody to ask: the lookup times out and the join is retried
            }
            VnodeRef any; // id 0: any joined vnode there
            any.address = others[m_jitter->GetInteger(0, others.size() - 1)].Get();
            via = any;
        }
    }
    if (via)
    {
        // The first hop is given: it routes the lookup with its own table.
        lk.hops = 1;
        Ptr<Packet> body = Create<Packet>();
        body->AddHeader(lk);
        Call(v,
             *via,
             LeadMessageType::FIND_SUCCESSOR,
             purpose,
             body,
             LeadRpc::ReplyCallback(),
             LeadRpc::FailureCallback());
        return id;
    }
    if (m_iterative)
    {
        auto hop = v.table->FindNextHop(target);
        if (hop.valid && hop.owner)
        {
            std::vector<VnodeRef> nodes{hop.node};
            Simulator::ScheduleNow(&LeadNodeApp::CompleteLookup, this, id, nodes, 0U);
        }
        else if (hop.valid)
        {
            IterativeStep(id, hop.node, 1);
        }
        return id;
    }
    ForwardLookup(v, lk, purpose);
    return id;
}

void
LeadNodeApp::ForwardLookup(Vnode& at, const LeadLookupHeader& lookup, LeadPurpose purpose)
{
    auto hop = at.table->FindNextHop(lookup.target);
    NS_LOG_LOGIC("vnode " << RingId::ToString(at.self.id) << " routes lookup " << lookup.lookupId
                          << " for " << RingId::ToString(lookup.target) << ": "
                          << (hop.owner ? "owner " : "next hop ") << RingId::ToString(hop.node.id));
    if (!hop.valid)
    {
        NS_LOG_LOGIC("vnode " << RingId::ToString(at.self.id) << " cannot route: no successor");
        return;
    }
    if (hop.owner)
    {
        LeadNodeListHeader reply;
        reply.lookupId = lookup.lookupId;
        reply.target = lookup.target;
        reply.hops = lookup.hops;
        reply.nodes.push_back(hop.node);
        if (lookup.wanted > 1)
        {
            for (const auto& s : at.table->GetSuccessors())
            {
                if (reply.nodes.size() >= lookup.wanted)
                {
                    break;
                }
                if (s.id != hop.node.id && RingId::Between(hop.node.id, s.id, at.self.id))
                {
                    reply.nodes.push_back(s);
                }
            }
        }
        Ptr<Packet> body = Create<Packet>();
        body->AddHeader(reply);
        SendOneWay(at, lookup.origin, LeadMessageType::FIND_SUCCESSOR_REPLY, purpose, body);
        return;
    }
    if (lookup.hops >= MAX_HOPS)
    {
        NS_LOG_WARN("lookup " << lookup.lookupId << " dropped after " << unsigned(lookup.hops)
                              << " hops");
        return;
    }
    LeadLookupHeader next = lookup;
    next.hops = lookup.hops + 1;
    Ptr<Packet> body = Create<Packet>();
    body->AddHeader(next);
    const VnodeRef nextHop = hop.node;
    const uint32_t atIndex = at.self.vnode;
    Call(at,
         nextHop,
         LeadMessageType::FIND_SUCCESSOR,
         purpose,
         body,
         LeadRpc::ReplyCallback(), // the hop's acknowledgement
         LeadRpc::FailureCallback([this, atIndex, nextHop, lookup, purpose]() {
             Vnode& v = m_vnodes[atIndex];
             if (!v.joined)
             {
                 return;
             }
             SuspectFailed(v, nextHop);
             ForwardLookup(v, lookup, purpose); // route around the failed hop
         }));
}

void
LeadNodeApp::OnFindSuccessor(Vnode& at, const LeadHeader& h, Ptr<Packet> body, uint32_t from)
{
    LeadLookupHeader lk;
    body->RemoveHeader(lk);
    if (!lk.valid)
    {
        DropPacket(body, "invalid FIND_SUCCESSOR body");
        return;
    }
    if (m_successorHints && h.GetPurpose() == LeadPurpose::FINGER && at.joined &&
        lk.origin.id != at.self.id)
    {
        // Ring maintenance comes from joined vnodes: one between us and our successor
        // is a closer successor we did not know of.
        AdoptCloserSuccessor(at, lk.origin);
    }
    if (lk.iterative)
    {
        // Iterative step: answer with the owner (and its successors) or the next hop.
        auto hop = at.table->FindNextHop(lk.target);
        LeadNodeListHeader answer;
        answer.lookupId = lk.lookupId;
        answer.target = lk.target;
        answer.hops = lk.hops;
        if (hop.valid)
        {
            answer.final = hop.owner;
            answer.nodes.push_back(hop.node);
            for (const auto& s : at.table->GetSuccessors())
            {
                if (!hop.owner || answer.nodes.size() >= lk.wanted)
                {
                    break;
                }
                if (s.id != hop.node.id && RingId::Between(hop.node.id, s.id, at.self.id))
                {
                    answer.nodes.push_back(s);
                }
            }
        }
        Ptr<Packet> p = Create<Packet>();
        p->AddHeader(answer);
        ReplyTo(at, h, from, LeadMessageType::FIND_SUCCESSOR, p);
        return;
    }
    // Acknowledge the hop, then take over the routing.
    ReplyTo(at, h, from, LeadMessageType::FIND_SUCCESSOR, Create<Packet>());
    ForwardLookup(at, lk, h.GetPurpose());
}

void
LeadNodeApp::OnFindSuccessorReply(Vnode& /* at */, const LeadHeader& /* h */, Ptr<Packet> body)
{
    LeadNodeListHeader reply;
    body->RemoveHeader(reply);
    if (!reply.valid || reply.nodes.empty())
    {
        DropPacket(body, "invalid FIND_SUCCESSOR_REPLY body");
        return;
    }
    auto it = m_lookups.find(reply.lookupId);
    NS_LOG_LOGIC("lookup " << reply.lookupId << " answered: owner "
                           << RingId::ToString(reply.nodes.front().id) << " after "
                           << unsigned(reply.hops) << " hops"
                           << (it == m_lookups.end() ? " (no longer pending)" : ""));
    if (it == m_lookups.end() || it->second.result.target != reply.target)
    {
        return; // late answer to a lookup that already finished
    }
    CompleteLookup(reply.lookupId, reply.nodes, reply.hops);
}

void
LeadNodeApp::CompleteLookup(uint32_t lookupId, const std::vector<VnodeRef>& nodes, uint32_t hops)
{
    auto it = m_lookups.find(lookupId);
    if (it == m_lookups.end() || nodes.empty())
    {
        return;
    }
    it->second.result.owner = nodes.front();
    it->second.result.hops = hops;
    if (it->second.result.purpose == LeadPurpose::JOIN)
    {
        const uint32_t vnode = it->second.vnode;
        LookupResult r = it->second.result;
        r.success = true;
        r.latency = Simulator::Now() - r.latency;
        it->second.timer.Cancel();
        m_lookups.erase(it);
        m_lookupDoneTrace(r);
        OnJoinLookup(vnode, r, nodes);
        return;
    }
    FinishLookup(lookupId, true);
}

void
LeadNodeApp::IterativeStep(uint32_t lookupId, const VnodeRef& ask, uint32_t hops)
{
    auto it = m_lookups.find(lookupId);
    if (it == m_lookups.end())
    {
        return;
    }
    if (hops > MAX_HOPS)
    {
        FinishLookup(lookupId, false);
        return;
    }
    const PendingLookup& pl = it->second;
    const uint32_t vnode = pl.vnode;
    const LeadPurpose purpose = pl.result.purpose;
    Vnode& v = m_vnodes[vnode];
    LeadLookupHeader lk;
    lk.target = pl.result.target;
    lk.lookupId = lookupId;
    lk.origin = v.self;
    lk.hops = static_cast<uint8_t>(hops);
    lk.wanted = purpose == LeadPurpose::JOIN
                    ? static_cast<uint8_t>(std::min<uint32_t>(m_successorListSize, 255))
                    : 1;
    lk.iterative = true;
    Ptr<Packet> body = Create<Packet>();
    body->AddHeader(lk);
    Call(v,
         ask,
         LeadMessageType::FIND_SUCCESSOR,
         purpose,
         body,
         LeadRpc::ReplyCallback([this, lookupId, hops](const LeadHeader&, Ptr<Packet> p) {
             LeadNodeListHeader answer;
             p->RemoveHeader(answer);
             if (!answer.valid || answer.nodes.empty())
             {
                 DropPacket(p, "invalid iterative lookup answer");
                 FinishLookup(lookupId, false);
                 return;
             }
             if (answer.final)
             {
                 CompleteLookup(lookupId, answer.nodes, hops);
                 return;
             }
             IterativeStep(lookupId, answer.nodes.front(), hops + 1);
         }),
         LeadRpc::FailureCallback([this, lookupId, vnode, ask]() {
             // Forget the silent node and start again from our own table.
             Vnode& v = m_vnodes[vnode];
             SuspectFailed(v, ask);
             auto it = m_lookups.find(lookupId);
             if (it == m_lookups.end() || !v.joined)
             {
                 return;
             }
             auto hop = v.table->FindNextHop(it->second.result.target);
             if (!hop.valid)
             {
                 FinishLookup(lookupId, false);
             }
             else if (hop.owner)
             {
                 CompleteLookup(lookupId, {hop.node}, 0);
             }
             else
             {
                 IterativeStep(lookupId, hop.node, 1);
             }
         }));
}

void
LeadNodeApp::FinishLookup(uint32_t lookupId, bool success)
{
    auto it = m_lookups.find(lookupId);
    if (it == m_lookups.end())
    {
        return;
    }
    PendingLookup pl = it->second;
    m_lookups.erase(it);
    pl.timer.Cancel();
    pl.result.success = success;
    pl.result.latency = Simulator::Now() - pl.result.latency;
    m_lookupDoneTrace(pl.result);
    if (!pl.done.IsNull())
    {
        pl.done(pl.result);
    }
}

void
LeadNodeApp::LookupExpired(uint32_t lookupId)
{
    auto it = m_lookups.find(lookupId);
    if (it == m_lookups.end())
    {
        return;
    }
    if (it->second.result.purpose == LeadPurpose::JOIN)
    {
        const uint32_t vnode = it->second.vnode;
        FinishLookup(lookupId, false);
        m_vnodes[vnode].joinEvent =
            Simulator::Schedule(m_joinRetryInterval, &LeadNodeApp::TryJoin, this, vnode);
        return;
    }
    FinishLookup(lookupId, false);
}

// ------------------------------------------------------------ join and stabilisation

void
LeadNodeApp::TryJoin(uint32_t vnode)
{
    Vnode& v = m_vnodes[vnode];
    if (v.joined || m_state == State::STOPPED || m_state == State::LEAVING)
    {
        return;
    }
    const bool creatorNode = m_bootstrap.empty() || m_bootstrap.front() == m_address;
    if (creatorNode && vnode == 0)
    {
        v.table->CreateRing();
        MarkJoined(vnode);
        return;
    }
    if (creatorNode && !m_vnodes[0].joined)
    {
        v.joinEvent = Simulator::Schedule(m_joinRetryInterval, &LeadNodeApp::TryJoin, this, vnode);
        return;
    }
    StartLookup(vnode, v.self.id, LeadPurpose::JOIN, Callback<void, const LookupResult&>());
}

void
LeadNodeApp::OnJoinLookup(uint32_t vnode, const LookupResult& r, const std::vector<VnodeRef>& succs)
{
    Vnode& v = m_vnodes[vnode];
    if (v.joined)
    {
        return;
    }
    std::vector<VnodeRef> rest(succs.begin() + 1, succs.end());
    v.table->MergeSuccessorList(r.owner, rest, Simulator::Now());
    MarkJoined(vnode);
}

void
LeadNodeApp::MarkJoined(uint32_t vnode)
{
    Vnode& v = m_vnodes[vnode];
    v.joined = true;
    v.joinedAt = Simulator::Now();
    v.probesConfirmed = 0;
    NS_LOG_INFO(Simulator::Now().As(Time::S)
                << " vnode " << RingId::ToString(v.self.id) << " joined, successor "
                << RingId::ToString(v.table->GetSuccessor().id));
    if (m_oracle)
    {
        m_oracle->AddVnode(v.self);
    }
    // First rounds soon, then periodic with jitter.
    v.stabilizeEvent = Simulator::Schedule(MilliSeconds(m_jitter->GetInteger(1, 50)),
                                           &LeadNodeApp::Stabilize,
                                           this,
                                           vnode);
    v.fingerEvent =
        Simulator::Schedule(m_stabilizeInterval * 2 + MilliSeconds(m_jitter->GetInteger(0, 100)),
                            &LeadNodeApp::FixFingers,
                            this,
                            vnode);
    v.replicateEvent =
        Simulator::Schedule(m_replicationInterval + MilliSeconds(m_jitter->GetInteger(0, 500)),
                            &LeadNodeApp::Replicate,
                            this,
                            vnode);
    bool all =
        std::all_of(m_vnodes.begin(), m_vnodes.end(), [](const Vnode& x) { return x.joined; });
    if (all && m_state == State::JOINING)
    {
        SwitchToState(State::ACTIVE);
    }
}

void
LeadNodeApp::SuspectFailed(Vnode& v, const VnodeRef& peer)
{
    if (peer.id == v.self.id)
    {
        return;
    }
    NS_LOG_LOGIC("vnode " << RingId::ToString(v.self.id) << " removes unresponsive "
                          << RingId::ToString(peer.id));
    v.table->Remove(peer.id);
}

void
LeadNodeApp::Stabilize(uint32_t vnode)
{
    Vnode& v = m_vnodes[vnode];
    if (!v.joined)
    {
        return;
    }
    const Time period = m_stabilizeInterval * (0.9 + 0.2 * m_jitter->GetValue());
    v.stabilizeEvent = Simulator::Schedule(period, &LeadNodeApp::Stabilize, this, vnode);

    LeadRoutingTable& t = *v.table;
    if (t.GetSuccessor().id == v.self.id)
    {
        // Alone in the ring: someone who notified us is our way back in.
        if (auto pred = t.GetPredecessor())
        {
            t.AddSuccessorCandidate(*pred, Simulator::Now());
        }
        if (t.GetSuccessor().id == v.self.id)
        {
            return;
        }
    }
    if (!t.HasSuccessor())
    {
        // Every successor failed: join again.
        v.joined = false;
        if (m_oracle)
        {
            m_oracle->RemoveVnode(v.self.id);
        }
        v.stabilizeEvent.Cancel();
        v.fingerEvent.Cancel();
        v.replicateEvent.Cancel();
        TryJoin(vnode);
        return;
    }

    if (Simulator::Now() - v.joinedAt < m_joinProbeTime && v.probesConfirmed < 3)
    {
        ProbeOwnPosition(v);
    }

    // 1. fix_successor (+ successor list when due): ask the successor for its neighbours.
    const VnodeRef succ = t.GetSuccessor();
    const bool refreshList =
        Simulator::Now() - v.lastSuccListRefresh >= m_successorListInterval ||
        t.GetSuccessors().size() < std::max<uint32_t>(1, m_successorListSize / 2);
    LeadNodeListHeader ask;
    ask.wantPredecessor = true;
    ask.maxSuccessors = refreshList ? static_cast<uint8_t>(m_successorListSize) : 0;
    Ptr<Packet> body = Create<Packet>();
    body->AddHeader(ask);
    Call(v,
         succ,
         LeadMessageType::GET_NEIGHBORS,
         refreshList ? LeadPurpose::SUCC_LIST : LeadPurpose::STABILIZE,
         body,
         LeadRpc::ReplyCallback([this, vnode, succ, refreshList](const LeadHeader&, Ptr<Packet> p) {
             Vnode& v = m_vnodes[vnode];
             if (!v.joined)
             {
                 return;
             }
             LeadNodeListHeader reply;
             p->RemoveHeader(reply);
             if (!reply.valid)
             {
                 DropPacket(p, "invalid GET_NEIGHBORS reply");
                 return;
             }
             LeadRoutingTable& t = *v.table;
             const Time now = Simulator::Now();
             NS_LOG_LOGIC("vnode " << RingId::ToString(v.self.id) << " successor "
                                   << RingId::ToString(succ.id) << " reports predecessor "
                                   << (reply.predecessor ? RingId::ToString(reply.predecessor->id)
                                                         : std::string("none")));
             if (refreshList)
             {
                 t.MergeSuccessorList(succ, reply.nodes, now);
                 v.lastSuccListRefresh = now;
             }
             if (reply.predecessor && reply.predecessor->id != v.self.id &&
                 RingId::Between(v.self.id, reply.predecessor->id, succ.id))
             {
                 // Our successor was stale (we joined through a ring that was still
                 // settling): walk back at network speed rather than one node per period.
                 AdoptCloserSuccessor(v, *reply.predecessor);
             }
             else if (reply.predecessor && reply.predecessor->id != v.self.id &&
                      reply.predecessor->id != succ.id)
             {
                 // Our successor's predecessor lies behind us, so its successor is most
                 // likely our successor too: we belong between them.
                 SendSuccessorHint(v, *reply.predecessor, v.self);
             }
             // notify: "I might be your predecessor".
             const VnodeRef newSucc = t.GetSuccessor();
             if (newSucc.id == v.self.id)
             {
                 return;
             }
             Call(v,
                  newSucc,
                  LeadMessageType::NOTIFY,
                  LeadPurpose::NOTIFY,
                  Create<Packet>(),
                  LeadRpc::ReplyCallback(),
                  LeadRpc::FailureCallback(
                      [this, vnode, newSucc]() { SuspectFailed(m_vnodes[vnode], newSucc); }));
         }),
         LeadRpc::FailureCallback([this, vnode, succ]() { SuspectFailed(m_vnodes[vnode], succ); }));

    // 2. Predecessor check: is it alive, and is its successor us?
    if (auto pred = t.GetPredecessor())
    {
        const VnodeRef p = *pred;
        LeadNodeListHeader askPred;
        askPred.wantPredecessor = false;
        askPred.maxSuccessors = 1;
        Ptr<Packet> predBody = Create<Packet>();
        predBody->AddHeader(askPred);
        Call(v,
             p,
             LeadMessageType::GET_NEIGHBORS,
             LeadPurpose::PRED_CHECK,
             predBody,
             LeadRpc::ReplyCallback([this, vnode, p](const LeadHeader&, Ptr<Packet> packet) {
                 Vnode& v = m_vnodes[vnode];
                 LeadNodeListHeader reply;
                 packet->RemoveHeader(reply);
                 if (!reply.valid)
                 {
                     DropPacket(packet, "invalid GET_NEIGHBORS reply");
                     return;
                 }
                 if (!v.joined || reply.nodes.empty() || reply.nodes.front().id == v.self.id)
                 {
                     return;
                 }
                 // Interleaved strands (concurrent joins answered from stale views) are
                 // consistent pair by pair; they show here. Whoever lies between our
                 // predecessor and us, or our predecessor itself, should have us next.
                 const VnodeRef& theirs = reply.nodes.front();
                 const bool between = RingId::Between(p.id, theirs.id, v.self.id);
                 SendSuccessorHint(v, between ? theirs : p, v.self);
             }),
             LeadRpc::FailureCallback([this, vnode, p]() {
                 Vnode& v = m_vnodes[vnode];
                 SuspectFailed(v, p);
             }));
    }
}

void
LeadNodeApp::StabilizeSoon(Vnode& v)
{
    v.stabilizeEvent.Cancel();
    v.stabilizeEvent = Simulator::Schedule(MilliSeconds(m_jitter->GetInteger(1, 20)),
                                           &LeadNodeApp::Stabilize,
                                           this,
                                           static_cast<uint32_t>(v.self.vnode));
}

void
LeadNodeApp::AdoptCloserSuccessor(Vnode& v, const VnodeRef& candidate)
{
    const VnodeRef old = v.table->GetSuccessor();
    if (candidate.id == v.self.id ||
        (old.id != v.self.id && !RingId::Between(v.self.id, candidate.id, old.id)))
    {
        return;
    }
    v.table->AddSuccessorCandidate(candidate, Simulator::Now());
    if (v.table->GetSuccessor().id != candidate.id)
    {
        return;
    }
    NS_LOG_LOGIC("vnode " << RingId::ToString(v.self.id) << " successor "
                          << RingId::ToString(old.id) << " --> " << RingId::ToString(candidate.id));
    // The successor we drop may belong right after the new one (two strands zip together).
    if (old.id != v.self.id)
    {
        SendSuccessorHint(v, candidate, old);
    }
    // Verify the new successor and notify it without waiting for the next period.
    StabilizeSoon(v);
}

void
LeadNodeApp::SendSuccessorHint(Vnode& v, const VnodeRef& to, const VnodeRef& candidate)
{
    if (!m_successorHints || to.id == v.self.id || to.id == candidate.id)
    {
        return;
    }
    LeadNodeListHeader hint;
    hint.nodes.push_back(candidate);
    Ptr<Packet> body = Create<Packet>();
    body->AddHeader(hint);
    Call(v,
         to,
         LeadMessageType::SUCC_HINT,
         LeadPurpose::STABILIZE,
         body,
         LeadRpc::ReplyCallback(),
         LeadRpc::FailureCallback());
}

void
LeadNodeApp::OnSuccessorHint(Vnode& at, const LeadHeader& h, Ptr<Packet> body, uint32_t from)
{
    LeadNodeListHeader hint;
    body->RemoveHeader(hint);
    if (!hint.valid || hint.nodes.size() != 1)
    {
        DropPacket(body, "invalid SUCC_HINT body");
        return;
    }
    ReplyTo(at, h, from, LeadMessageType::SUCC_HINT_REPLY, Create<Packet>());
    if (at.joined)
    {
        AdoptCloserSuccessor(at, hint.nodes.front());
    }
}

void
LeadNodeApp::FixFingers(uint32_t vnode)
{
    Vnode& v = m_vnodes[vnode];
    if (!v.joined)
    {
        return;
    }
    const Time period = m_fingerInterval * (0.9 + 0.2 * m_jitter->GetValue());
    v.fingerEvent = Simulator::Schedule(period, &LeadNodeApp::FixFingers, this, vnode);
    const Time now = Simulator::Now();
    for (const auto& slot : v.table->GetFingerSlots())
    {
        auto finger = v.table->GetFinger(slot.start);
        if (finger)
        {
            auto heard = v.table->GetLastHeard(finger->id);
            if (heard && now - *heard < m_fingerInterval)
            {
                continue; // fresh
            }
            const VnodeRef f = *finger;
            Call(v,
                 f,
                 LeadMessageType::PING,
                 LeadPurpose::FINGER,
                 Create<Packet>(),
                 LeadRpc::ReplyCallback(),
                 LeadRpc::FailureCallback(
                     [this, vnode, f]() { SuspectFailed(m_vnodes[vnode], f); }));
            continue;
        }
        const uint64_t start = slot.start;
        StartLookup(
            vnode,
            start,
            LeadPurpose::FINGER,
            Callback<void, const LookupResult&>([this, vnode, start](const LookupResult& r) {
                Vnode& v = m_vnodes[vnode];
                if (r.success && v.joined)
                {
                    v.table->SetFinger(start, r.owner, Simulator::Now());
                }
            }));
    }
}

void
LeadNodeApp::ProbeOwnPosition(Vnode& v)
{
    // Look up our own position starting from a far vnode. In a ring whose strands interleave
    // (each pair consistent, so stabilisation cannot see it), the lookup can end in the
    // other strand: the vnode answering it adopts us (OnFindSuccessor), and we adopt the
    // owner it names if it lies before our successor.
    const uint32_t vnode = v.self.vnode;
    const uint64_t succ = v.table->GetSuccessor().id;
    std::vector<VnodeRef> far;
    for (const auto& slot : v.table->GetFingerSlots())
    {
        auto finger = v.table->GetFinger(slot.start);
        if (finger && finger->id != succ)
        {
            far.push_back(*finger);
        }
    }
    if (far.empty())
    {
        const auto succs = v.table->GetSuccessors();
        far.assign(succs.begin() + std::min<size_t>(1, succs.size()), succs.end());
    }
    if (!far.empty())
    {
        const VnodeRef via = far[m_jitter->GetInteger(0, far.size() - 1)];
        StartLookup(vnode,
                    v.self.id,
                    LeadPurpose::FINGER,
                    Callback<void, const LookupResult&>([this, vnode](const LookupResult& r) {
                        Vnode& v = m_vnodes[vnode];
                        if (!r.success || !v.joined)
                        {
                            return;
                        }
                        if (r.owner.id == v.self.id)
                        {
                            ++v.probesConfirmed; // three in a row end the probing
                            return;
                        }
                        v.probesConfirmed = 0;
                        AdoptCloserSuccessor(v, r.owner);
                    }),
                    via);
    }
}

void
LeadNodeApp::OnGetNeighbors(Vnode& at, const LeadHeader& h, Ptr<Packet> body, uint32_t from)
{
    LeadNodeListHeader ask;
    body->RemoveHeader(ask);
    if (!ask.valid)
    {
        DropPacket(body, "invalid GET_NEIGHBORS body");
        return;
    }
    LeadNodeListHeader reply;
    if (ask.wantPredecessor)
    {
        reply.predecessor = at.table->GetPredecessor();
        if (!reply.predecessor && at.table->GetSuccessor().id == at.self.id)
        {
            reply.predecessor = at.self; // a ring of one is its own predecessor
        }
    }
    for (const auto& s : at.table->GetSuccessors())
    {
        if (reply.nodes.size() >= ask.maxSuccessors)
        {
            break;
        }
        reply.nodes.push_back(s);
    }
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(reply);
    ReplyTo(at, h, from, LeadMessageType::GET_NEIGHBORS_REPLY, p);
}

void
LeadNodeApp::OnNotify(Vnode& at, const LeadHeader& h, uint32_t from)
{
    const VnodeRef candidate{h.GetSrcId(), from, h.GetSrcVnode()};
    const auto old = at.table->GetPredecessor();
    if (at.table->GetSuccessor().id == at.self.id)
    {
        at.table->AddSuccessorCandidate(candidate, Simulator::Now());
    }
    if (at.table->ConsiderPredecessor(candidate, Simulator::Now()))
    {
        PredecessorChanged(at, old);
    }
    ReplyTo(at, h, from, LeadMessageType::NOTIFY_REPLY, Create<Packet>());
}

void
LeadNodeApp::PredecessorChanged(Vnode& v, std::optional<VnodeRef> oldPred)
{
    auto pred = v.table->GetPredecessor();
    if (!pred)
    {
        return;
    }
    NS_LOG_LOGIC("vnode " << RingId::ToString(v.self.id) << " predecessor "
                          << (oldPred ? RingId::ToString(oldPred->id) : std::string("none"))
                          << " --> " << RingId::ToString(pred->id));
    // Keys this vnode no longer owns (the arc from self round to the new predecessor) go to
    // the new predecessor; replicas that now fall inside its arc become its own keys.
    v.groupPred = pred->id;
    PromoteReplicas(v);
    auto leaving = v.store.TakeArc(v.self.id, pred->id);
    if (!leaving.empty())
    {
        TransferKeys(v, *pred, leaving, v.self.id, pred->id, false, LeadPurpose::MIGRATION);
    }
}

void
LeadNodeApp::OnAlert(Vnode& at, const LeadHeader& h, Ptr<Packet> body, uint32_t from)
{
    LeadNodeListHeader alert;
    body->RemoveHeader(alert);
    if (!alert.valid)
    {
        DropPacket(body, "invalid ALERT body");
        return;
    }
    ReplyTo(at, h, from, LeadMessageType::ALERT_REPLY, Create<Packet>());
    // Check each suspect ourselves (lead-spec.md 4.5): forget it if it does not answer.
    const uint32_t index = at.self.vnode;
    for (const auto& suspect : alert.nodes)
    {
        if (suspect.id == at.self.id || !at.table->GetLastHeard(suspect.id))
        {
            continue;
        }
        Call(at,
             suspect,
             LeadMessageType::PING,
             LeadPurpose::MISC,
             Create<Packet>(),
             LeadRpc::ReplyCallback(),
             LeadRpc::FailureCallback(
                 [this, index, suspect]() { SuspectFailed(m_vnodes[index], suspect); }));
    }
}

void
LeadNodeApp::OnLeave(Vnode& at, const LeadHeader& h, Ptr<Packet> body, uint32_t from)
{
    LeadNodeListHeader notice;
    body->RemoveHeader(notice);
    if (!notice.valid)
    {
        DropPacket(body, "invalid LEAVE body");
        return;
    }
    const uint64_t leaver = h.GetSrcId();
    const auto oldPred = at.table->GetPredecessor();
    const bool wasPred = oldPred && oldPred->id == leaver;
    at.table->Remove(leaver);
    const Time now = Simulator::Now();
    for (const auto& s : notice.nodes)
    {
        if (s.id != at.self.id && s.address != from)
        {
            at.table->AddSuccessorCandidate(s, now);
        }
    }
    if (wasPred && notice.predecessor && notice.predecessor->address != from)
    {
        at.table->ConsiderPredecessor(*notice.predecessor, now);
        PredecessorChanged(at, oldPred);
    }
    ReplyTo(at, h, from, LeadMessageType::LEAVE_REPLY, Create<Packet>());
}

// ------------------------------------------------------------------------------- keys

void
LeadNodeApp::Put(uint64_t key, uint32_t size, uint64_t tag, Callback<void, const KeyOpResult&> cb)
{
    StartKeyOp(LeadKeyOp::PUT, key, size, tag, cb);
}

void
LeadNodeApp::Put(uint64_t key, Callback<void, const KeyOpResult&> cb)
{
    StartKeyOp(LeadKeyOp::PUT, key, m_valueSize, key, cb);
}

void
LeadNodeApp::PutAt(uint64_t key,
                   uint64_t position,
                   uint32_t size,
                   uint64_t tag,
                   Callback<void, const KeyOpResult&> cb)
{
    StartKeyOp(LeadKeyOp::PUT, key, size, tag, cb, position);
}

void
LeadNodeApp::Get(uint64_t key, Callback<void, const KeyOpResult&> cb)
{
    StartKeyOp(LeadKeyOp::GET, key, 0, 0, cb);
}

void
LeadNodeApp::Delete(uint64_t key, Callback<void, const KeyOpResult&> cb)
{
    StartKeyOp(LeadKeyOp::DELETE, key, 0, 0, cb);
}

void
LeadNodeApp::StartKeyOp(LeadKeyOp op,
                        uint64_t key,
                        uint32_t size,
                        uint64_t tag,
                        Callback<void, const KeyOpResult&> done,
                        std::optional<uint64_t> position)
{
    const uint32_t id = m_nextKeyOpId++;
    PendingKeyOp& ko = m_keyOps[id];
    ko.done = done;
    ko.start = Simulator::Now();
    ko.result.op = op;
    ko.result.key = key;
    ko.result.size = size;
    ko.result.tag = tag;
    ko.result.hash = position.value_or(m_hashModel->Hash(key));
    ko.result.attempts = 1;
    if (op == LeadKeyOp::PUT && !m_tcp && size > MAX_UDP_PAYLOAD)
    {
        NS_LOG_WARN("Put of key " << key << ": a " << size << "-byte value does not fit in one "
                                  << "UDP datagram (at most " << MAX_UDP_PAYLOAD << " bytes)");
        FinishKeyOp(id, false);
        return;
    }
    if (!m_vnodes[0].joined)
    {
        FinishKeyOp(id, false);
        return;
    }
    StartLookup(0,
                ko.result.hash,
                LeadPurpose::USER_LOOKUP,
                Callback<void, const LookupResult&>(
                    [this, id](const LookupResult& r) { KeyOpLookupDone(id, r); }));
}

void
LeadNodeApp::KeyOpLookupDone(uint32_t opId, const LookupResult& r)
{
    auto it = m_keyOps.find(opId);
    if (it == m_keyOps.end())
    {
        return;
    }
    KeyOpResult& res = it->second.result;
    if (!r.success)
    {
        // The answer was lost (its reply is not acknowledged): look up again.
        if (!RetryKeyOp(opId, Time(0)))
        {
            FinishKeyOp(opId, false);
        }
        return;
    }
    res.owner = r.owner;
    res.hops = r.hops;
    // The lookup (each hop and its acknowledgement, then the reply), the request and its answer.
    res.messages += 2 * r.hops + 3;
    if (!m_members.empty())
    {
        res.messages += 2; // a two-tier owner relays to its member and back
    }
    LeadKvHeader kv;
    kv.key = res.key;
    kv.hash = res.hash;
    kv.size = res.size;
    kv.tag = res.tag;
    Ptr<Packet> body = Create<Packet>(res.op == LeadKeyOp::PUT ? res.size : 0);
    body->AddHeader(kv);
    const LeadMessageType type = res.op == LeadKeyOp::PUT   ? LeadMessageType::PUT
                                 : res.op == LeadKeyOp::GET ? LeadMessageType::GET
                                                            : LeadMessageType::DELETE;
    Call(m_vnodes[0],
         r.owner,
         type,
         LeadPurpose::USER_LOOKUP,
         body,
         LeadRpc::ReplyCallback(
             [this, opId](const LeadHeader& h, Ptr<Packet> p) { KeyOpReply(opId, h, p); }),
         LeadRpc::FailureCallback([this, opId]() {
             auto it = m_keyOps.find(opId);
             if (it == m_keyOps.end())
             {
                 return;
             }
             SuspectFailed(m_vnodes[0], it->second.result.owner);
             if (!RetryKeyOp(opId, Time(0)))
             {
                 FinishKeyOp(opId, false);
             }
         }),
         // In two-tier groups the owner answers after its member did.
         m_members.empty() ? Time(0) : m_rpcMaxTimeout);
}

bool
LeadNodeApp::RetryKeyOp(uint32_t opId, Time delay)
{
    auto it = m_keyOps.find(opId);
    if (it == m_keyOps.end() || it->second.result.attempts >= m_maxKeyOpAttempts ||
        !m_vnodes[0].joined)
    {
        return false;
    }
    ++it->second.result.attempts;
    const uint64_t hash = it->second.result.hash;
    Simulator::Schedule(delay, [this, opId, hash]() {
        if (m_keyOps.count(opId) != 0 && !m_vnodes.empty() && m_vnodes[0].joined)
        {
            StartLookup(0,
                        hash,
                        LeadPurpose::USER_LOOKUP,
                        Callback<void, const LookupResult&>(
                            [this, opId](const LookupResult& r) { KeyOpLookupDone(opId, r); }));
        }
    });
    return true;
}

void
LeadNodeApp::KeyOpReply(uint32_t opId, const LeadHeader& /* h */, Ptr<Packet> body)
{
    auto it = m_keyOps.find(opId);
    if (it == m_keyOps.end())
    {
        return;
    }
    LeadKvHeader kv;
    body->RemoveHeader(kv);
    if (!kv.valid)
    {
        DropPacket(body, "invalid key-operation reply");
        FinishKeyOp(opId, false);
        return;
    }
    KeyOpResult& res = it->second.result;
    if (kv.status == LeadKvHeader::NOT_RESPONSIBLE || kv.status == LeadKvHeader::REFUSED)
    {
        // A stale owner: give the ring a moment, then look up again.
        if (!RetryKeyOp(opId, STALE_OWNER_RETRY))
        {
            FinishKeyOp(opId, false);
        }
        return;
    }
    res.found = kv.status == LeadKvHeader::OK;
    if (res.op == LeadKeyOp::GET)
    {
        res.size = res.found ? kv.size : 0;
        res.tag = res.found ? kv.tag : 0;
    }
    if (m_oracle && res.op == LeadKeyOp::PUT)
    {
        m_oracle->KeyStored(res.key, LeadOracle::Value{res.size, res.tag});
    }
    if (m_oracle && res.op == LeadKeyOp::DELETE && res.found)
    {
        m_oracle->KeyDeleted(res.key);
    }
    FinishKeyOp(opId, true);
}

void
LeadNodeApp::FinishKeyOp(uint32_t opId, bool success)
{
    auto it = m_keyOps.find(opId);
    if (it == m_keyOps.end())
    {
        return;
    }
    PendingKeyOp ko = it->second;
    m_keyOps.erase(it);
    ko.result.success = success;
    ko.result.latency = Simulator::Now() - ko.start;
    m_keyOpDoneTrace(ko.result);
    if (!ko.done.IsNull())
    {
        ko.done(ko.result);
    }
}

void
LeadNodeApp::OnKeyRequest(Vnode& at, const LeadHeader& h, Ptr<Packet> body, uint32_t from)
{
    LeadKvHeader kv;
    body->RemoveHeader(kv);
    if (!kv.valid || (h.GetType() == LeadMessageType::PUT && body->GetSize() != kv.size))
    {
        DropPacket(body, "invalid key-operation body");
        return;
    }
    LeadKvHeader out = kv;
    out.status = LeadKvHeader::OK;
    uint32_t payload = 0;
    LeadMessageType replyType = LeadMessageType::PUT_REPLY;
    const bool owner = at.table->Owns(kv.hash) || !at.table->GetPredecessor().has_value();
    if (m_state == State::LEAVING)
    {
        out.status = LeadKvHeader::REFUSED;
    }
    else if (!kv.replica && !owner && !m_member)
    {
        out.status = LeadKvHeader::NOT_RESPONSIBLE;
    }
    else if (!kv.replica && !m_members.empty())
    {
        RelayKeyRequest(at,
                        h,
                        kv,
                        from,
                        h.GetType() == LeadMessageType::PUT   ? LeadMessageType::PUT_REPLY
                        : h.GetType() == LeadMessageType::GET ? LeadMessageType::GET_REPLY
                                                              : LeadMessageType::DELETE_REPLY);
        return;
    }
    else if (h.GetType() == LeadMessageType::PUT)
    {
        LeadKeyStore& store = kv.replica ? at.replicas : at.store;
        store.Put(LeadKeyStore::Item{kv.key, kv.hash, kv.size, kv.tag});
        if (!kv.replica)
        {
            // Copy the new key to the replicas right away, so a crash loses nothing.
            const std::vector<VnodeRef> targets = ReplicaTargets(at);
            for (const auto& t : targets)
            {
                LeadKvHeader rep = kv;
                rep.replica = true;
                Ptr<Packet> p = Create<Packet>(kv.size);
                p->AddHeader(rep);
                Call(at,
                     t,
                     LeadMessageType::PUT,
                     LeadPurpose::REPLICATION,
                     p,
                     LeadRpc::ReplyCallback(),
                     LeadRpc::FailureCallback());
            }
        }
    }
    else if (h.GetType() == LeadMessageType::GET)
    {
        replyType = LeadMessageType::GET_REPLY;
        auto item = at.store.Get(kv.key);
        if (!item)
        {
            item = at.replicas.Get(kv.key); // just took over from a failed predecessor
        }
        if (item)
        {
            out.size = item->size;
            out.tag = item->tag;
            payload = item->size;
        }
        else
        {
            out.status = LeadKvHeader::NOT_FOUND;
            out.size = 0;
            out.tag = 0;
        }
    }
    else
    {
        replyType = LeadMessageType::DELETE_REPLY;
        bool found = kv.replica ? at.replicas.Delete(kv.key) : at.store.Delete(kv.key);
        found = (!kv.replica && at.replicas.Delete(kv.key)) || found;
        out.status = found ? LeadKvHeader::OK : LeadKvHeader::NOT_FOUND;
        if (!kv.replica)
        {
            for (const auto& s : at.table->GetSuccessors())
            {
                if (s.address == m_address.Get())
                {
                    continue;
                }
                LeadKvHeader rep = kv;
                rep.replica = true;
                Ptr<Packet> p = Create<Packet>();
                p->AddHeader(rep);
                Call(at,
                     s,
                     LeadMessageType::DELETE,
                     LeadPurpose::REPLICATION,
                     p,
                     LeadRpc::ReplyCallback(),
                     LeadRpc::FailureCallback());
            }
        }
    }
    Ptr<Packet> p = Create<Packet>(payload);
    p->AddHeader(out);
    ReplyTo(at, h, from, replyType, p);
}

uint64_t
LeadNodeApp::GroupPredecessor(const Vnode& at) const
{
    // The partition must not jump to the whole ring when a busy predecessor misses a check:
    // fall back to the last predecessor known.
    if (auto pred = at.table->GetPredecessor())
    {
        return pred->id;
    }
    return at.groupPred.value_or(at.self.id);
}

size_t
LeadNodeApp::MemberFor(const Vnode& at, uint64_t position) const
{
    // Offsets from the predecessor: the arc is (pred, self], split into equal sub-arcs.
    const uint64_t pred = GroupPredecessor(at);
    const uint64_t arc = at.self.id - pred; // 0: the whole ring
    const uint64_t m = m_members.size();
    const uint64_t width = SubArcWidth(arc, m);
    const uint64_t offset = position - pred;
    return static_cast<size_t>(std::min<uint64_t>(m - 1, (offset - 1) / width));
}

void
LeadNodeApp::RelayKeyRequest(Vnode& at,
                             const LeadHeader& h,
                             const LeadKvHeader& kv,
                             uint32_t from,
                             LeadMessageType replyType)
{
    // A two-tier group leader stores nothing itself: the member holding the key's sub-arc
    // does, and its answer goes back to the requester through the leader.
    const VnodeRef member = m_members[MemberFor(at, kv.hash)];
    Ptr<Packet> fwd = Create<Packet>(h.GetType() == LeadMessageType::PUT ? kv.size : 0);
    fwd->AddHeader(kv);
    const uint32_t vnode = at.self.vnode;
    Call(at,
         member,
         h.GetType(),
         h.GetPurpose(),
         fwd,
         LeadRpc::ReplyCallback(
             [this, vnode, h, from, replyType](const LeadHeader&, Ptr<Packet> answer) {
                 if (vnode < m_vnodes.size())
                 {
                     ReplyTo(m_vnodes[vnode], h, from, replyType, answer);
                 }
             }),
         LeadRpc::FailureCallback([this, vnode, h, from, replyType, kv]() {
             if (vnode < m_vnodes.size())
             {
                 LeadKvHeader out = kv;
                 out.status = LeadKvHeader::REFUSED;
                 out.size = 0;
                 Ptr<Packet> p = Create<Packet>();
                 p->AddHeader(out);
                 ReplyTo(m_vnodes[vnode], h, from, replyType, p);
             }
         }));
}

uint16_t
LeadNodeApp::ScanGroup(Vnode& at, const LeadRangeHeader& scan, bool walkEnds, uint64_t partEnd)
{
    // The part (scan.prevId, partEnd] of this leader's arc, split along the members'
    // sub-arcs; each member gets an exact-arc scan and sends its part straight to the
    // client, numbered one after another from scan.seq.
    const uint64_t pred = GroupPredecessor(at);
    const bool inArc = scan.prevId != at.self.id &&
                       (scan.prevId == pred || RingId::Between(pred, scan.prevId, at.self.id));
    const uint64_t from = inArc ? scan.prevId : pred;
    const size_t first = from == pred ? 0 : MemberFor(at, from + 1);
    // A stale predecessor can put partEnd's sub-arc before from's; never report backwards.
    const size_t last = std::max(first, MemberFor(at, partEnd));
    const uint64_t arc = at.self.id - pred;
    const uint64_t m = m_members.size();
    const uint64_t width = SubArcWidth(arc, m);
    for (size_t j = first; j <= last; ++j)
    {
        LeadRangeHeader sub = scan;
        sub.seq = static_cast<uint16_t>(scan.seq + (j - first));
        sub.prevId = j == first ? from : pred + j * width;
        sub.endHash = j == last ? partEnd : pred + (j + 1) * width;
        sub.exactArc = true;
        sub.clientDriven = false;
        sub.moreFollow = !(walkEnds && j == last);
        // The first member's part tells the client that a leader relayed the scan.
        sub.viaLeader = j == first;
        Ptr<Packet> body = Create<Packet>();
        body->AddHeader(sub);
        Call(at,
             m_members[j],
             LeadMessageType::RANGE_SCAN,
             LeadPurpose::USER_LOOKUP,
             body,
             LeadRpc::ReplyCallback(),
             LeadRpc::FailureCallback());
    }
    return static_cast<uint16_t>(last - first + 1);
}

void
LeadNodeApp::TransferKeys(Vnode& from,
                          const VnodeRef& to,
                          std::vector<LeadKeyStore::Item> items,
                          uint64_t arcLo,
                          uint64_t arcHi,
                          bool replica,
                          LeadPurpose purpose)
{
    const uint32_t fromIndex = from.self.vnode;
    size_t pos = 0;
    do
    {
        LeadTransferHeader batch;
        batch.arcLo = arcLo;
        batch.arcHi = arcHi;
        batch.replica = replica;
        uint64_t bytes = 0;
        while (pos < items.size() &&
               bytes + items[pos].size + LeadTransferHeader::ITEM_SIZE <= MAX_UDP_PAYLOAD)
        {
            bytes += items[pos].size + LeadTransferHeader::ITEM_SIZE;
            batch.items.push_back(items[pos++]);
        }
        if (batch.items.empty() && pos < items.size())
        {
            batch.items.push_back(items[pos++]); // one oversized value: send it alone
        }
        batch.last = pos >= items.size();
        Ptr<Packet> p = Create<Packet>(static_cast<uint32_t>(batch.GetPayloadBytes()));
        p->AddHeader(batch);
        auto sent = batch.items;
        Call(
            from,
            to,
            LeadMessageType::TRANSFER,
            purpose,
            p,
            LeadRpc::ReplyCallback(),
            LeadRpc::FailureCallback([this, fromIndex, sent, replica, to, arcLo, arcHi, purpose]() {
                if (replica || fromIndex >= m_vnodes.size())
                {
                    return;
                }
                Vnode& v = m_vnodes[fromIndex];
                SuspectFailed(v, to);
                if (m_state == State::LEAVING)
                {
                    // Leaving: hand the keys to the next successor on another node.
                    for (const auto& s : v.table->GetSuccessors())
                    {
                        if (s.address != m_address.Get())
                        {
                            TransferKeys(v, s, sent, arcLo, arcHi, false, purpose);
                            return;
                        }
                    }
                }
                // The hand-off failed: keep the keys (they move on the next change).
                for (const auto& it : sent)
                {
                    v.store.Put(it);
                }
            }));
    } while (pos < items.size());
}

void
LeadNodeApp::OnTransfer(Vnode& at, const LeadHeader& h, Ptr<Packet> body, uint32_t from)
{
    LeadTransferHeader batch;
    body->RemoveHeader(batch);
    if (!batch.valid || body->GetSize() != batch.GetPayloadBytes())
    {
        DropPacket(body, "invalid TRANSFER body");
        return;
    }
    for (const auto& it : batch.items)
    {
        if (batch.replica)
        {
            at.replicas.Put(it);
        }
        else
        {
            at.store.Put(it);
            at.replicas.Delete(it.key);
        }
    }
    m_keysMigratedTrace(static_cast<uint32_t>(batch.items.size()), h.GetPurpose());
    ReplyTo(at, h, from, LeadMessageType::TRANSFER_REPLY, Create<Packet>());
}

void
LeadNodeApp::PromoteReplicas(Vnode& v)
{
    auto pred = v.table->GetPredecessor();
    if (!pred)
    {
        return;
    }
    for (auto& it : v.replicas.TakeArc(pred->id, v.self.id))
    {
        v.store.Put(it);
    }
}

std::vector<VnodeRef>
LeadNodeApp::ReplicaTargets(const Vnode& v) const
{
    // The first ReplicationFactor successors on distinct other nodes: siblings share our fate.
    std::vector<VnodeRef> targets;
    for (const auto& s : v.table->GetSuccessors())
    {
        if (targets.size() >= m_replicationFactor)
        {
            break;
        }
        const bool sameNode = s.address == m_address.Get() ||
                              std::any_of(targets.begin(), targets.end(), [&s](const VnodeRef& x) {
                                  return x.address == s.address;
                              });
        if (!sameNode)
        {
            targets.push_back(s);
        }
    }
    return targets;
}

void
LeadNodeApp::Replicate(uint32_t vnode)
{
    Vnode& v = m_vnodes[vnode];
    if (!v.joined)
    {
        return;
    }
    const Time period = m_replicationInterval * (0.9 + 0.2 * m_jitter->GetValue());
    v.replicateEvent = Simulator::Schedule(period, &LeadNodeApp::Replicate, this, vnode);
    PromoteReplicas(v);
    if (m_replicationFactor == 0 || v.store.GetSize() == 0)
    {
        return;
    }
    const std::vector<VnodeRef> targets = ReplicaTargets(v);
    const auto pred = v.table->GetPredecessor();
    const uint64_t lo = pred ? pred->id : v.self.id;
    for (const auto& t : targets)
    {
        TransferKeys(v, t, v.store.GetAll(), lo, v.self.id, true, LeadPurpose::REPLICATION);
    }
}

// ----------------------------------------------------------------------- range queries

void
LeadNodeApp::RangeQuery(uint64_t startKey,
                        uint64_t endKey,
                        Callback<void, const RangeQueryResult&> cb)
{
    NS_ABORT_MSG_IF(endKey < startKey,
                    "LeadNodeApp::RangeQuery: end key " << endKey << " is below start key "
                                                        << startKey);
    StartRange(startKey, endKey, 0, cb);
}

void
LeadNodeApp::RangeQueryCount(uint64_t startKey,
                             uint64_t count,
                             Callback<void, const RangeQueryResult&> cb)
{
    NS_ABORT_MSG_IF(count == 0, "LeadNodeApp::RangeQueryCount: count must be positive");
    StartRange(startKey, std::numeric_limits<uint64_t>::max(), count, cb);
}

void
LeadNodeApp::StartRange(uint64_t startKey,
                        uint64_t endKey,
                        uint64_t limit,
                        Callback<void, const RangeQueryResult&> done)
{
    NS_ABORT_MSG_IF(!m_hashModel->IsOrderPreserving(),
                    "LeadNodeApp::RangeQuery: the " << m_hashModel->GetName()
                                                    << " hash model does not keep keys in order, "
                                                       "so a range is not one arc of the ring");
    const uint64_t hs = m_hashModel->Hash(startKey);
    LeadRangeHeader scan;
    scan.startKey = startKey;
    scan.endKey = endKey;
    scan.endHash = m_hashModel->Hash(endKey);
    scan.remaining = limit;
    scan.prevId = hs - 1; // the start owner's part begins at hs
    scan.clientDriven = m_clientWalk;
    LookupAndScan(hs, scan, done);
}

void
LeadNodeApp::ScanAt(uint64_t position,
                    uint64_t fromKey,
                    uint64_t toKey,
                    Callback<void, const RangeQueryResult&> cb)
{
    NS_ABORT_MSG_IF(toKey < fromKey,
                    "LeadNodeApp::ScanAt: end key " << toKey << " is below start key " << fromKey);
    LeadRangeHeader scan;
    scan.startKey = fromKey;
    scan.endKey = toKey;
    scan.endHash = position;
    scan.prevId = position - 1;
    scan.exactArc = true;
    LookupAndScan(position, scan, cb);
}

void
LeadNodeApp::LookupAndScan(uint64_t position,
                           LeadRangeHeader scan,
                           Callback<void, const RangeQueryResult&> done)
{
    const uint32_t id = m_nextRangeId++;
    PendingRange& pr = m_ranges[id];
    pr.done = done;
    pr.start = Simulator::Now();
    pr.result.startKey = scan.startKey;
    pr.result.endKey = scan.endKey;
    pr.result.limit = scan.remaining;
    pr.timer = Simulator::Schedule(m_maxRangeQueryTime, &LeadNodeApp::FinishRange, this, id, false);
    if (!m_vnodes[0].joined)
    {
        FinishRange(id, false);
        return;
    }
    scan.queryId = id;
    scan.client = m_vnodes[0].self;
    scan.seq = 0;
    StartLookup(0,
                position,
                LeadPurpose::USER_LOOKUP,
                Callback<void, const LookupResult&>([this, id, scan](const LookupResult& r) {
                    auto it = m_ranges.find(id);
                    if (it == m_ranges.end())
                    {
                        return;
                    }
                    if (!r.success)
                    {
                        FinishRange(id, false);
                        return;
                    }
                    it->second.result.lookupHops = r.hops;
                    SendScan(id, scan, r.owner, {});
                }));
}

void
LeadNodeApp::SendScan(uint32_t queryId,
                      const LeadRangeHeader& scan,
                      const VnodeRef& to,
                      std::vector<VnodeRef> fallbacks)
{
    Ptr<Packet> body = Create<Packet>();
    body->AddHeader(scan);
    Call(m_vnodes[0],
         to,
         LeadMessageType::RANGE_SCAN,
         LeadPurpose::USER_LOOKUP,
         body,
         LeadRpc::ReplyCallback([this, queryId, scan, to](const LeadHeader&, Ptr<Packet> p) {
             if (scan.clientDriven)
             {
                 OnScanAnswer(queryId, scan, to, p);
             }
         }),
         LeadRpc::FailureCallback([this, queryId, scan, to, fallbacks]() {
             if (fallbacks.empty())
             {
                 FinishRange(queryId, false);
                 return;
             }
             // A dead successor: the next one owns its arc now (and holds its replicas), so
             // the same scan goes there.
             SuspectFailed(m_vnodes[0], to);
             SendScan(queryId,
                      scan,
                      fallbacks.front(),
                      std::vector<VnodeRef>(fallbacks.begin() + 1, fallbacks.end()));
         }));
}

void
LeadNodeApp::OnScanAnswer(uint32_t queryId,
                          const LeadRangeHeader& scan,
                          const VnodeRef& to,
                          Ptr<Packet> body)
{
    LeadNodeListHeader answer;
    body->RemoveHeader(answer);
    if (!answer.valid)
    {
        DropPacket(body, "invalid RANGE_SCAN answer");
        FinishRange(queryId, false);
        return;
    }
    auto it = m_ranges.find(queryId);
    if (it == m_ranges.end())
    {
        return;
    }
    it->second.answerBytes += answer.GetSerializedSize();
    if (answer.final)
    {
        return; // the parts finish the query
    }
    std::vector<VnodeRef> next;
    for (const auto& n : answer.nodes)
    {
        if (n.id != to.id)
        {
            next.push_back(n);
        }
    }
    if (next.empty())
    {
        FinishRange(queryId, false);
        return;
    }
    LeadRangeHeader step = scan;
    step.seq = scan.seq + std::max<uint16_t>(1, answer.hops); // a group leader uses several
    step.prevId = to.id;
    if (step.remaining != 0)
    {
        step.remaining -= std::min<uint64_t>(step.remaining, answer.target);
    }
    const VnodeRef first = next.front();
    next.erase(next.begin());
    SendScan(queryId, step, first, next);
}

void
LeadNodeApp::RangeQueryPerKey(const std::vector<uint64_t>& keys,
                              uint32_t batchSize,
                              Callback<void, const RangeQueryResult&> cb)
{
    NS_ABORT_MSG_IF(batchSize == 0, "LeadNodeApp::RangeQueryPerKey: batch size must be positive");
    const uint32_t id = m_nextRangeId++;
    PendingRange& pr = m_ranges[id];
    pr.done = cb;
    pr.start = Simulator::Now();
    pr.perKey = keys;
    pr.batchSize = batchSize;
    if (!keys.empty())
    {
        pr.result.startKey = *std::min_element(keys.begin(), keys.end());
        pr.result.endKey = *std::max_element(keys.begin(), keys.end());
    }
    pr.result.limit = keys.size();
    NextPerKeyBatch(id);
}

void
LeadNodeApp::NextPerKeyBatch(uint32_t queryId)
{
    auto it = m_ranges.find(queryId);
    if (it == m_ranges.end())
    {
        return;
    }
    PendingRange& pr = it->second;
    if (pr.nextKey >= pr.perKey.size())
    {
        pr.parts.clear();
        RangeQueryResult res = pr.result;
        res.complete = pr.allAnswered;
        res.nodesVisited = static_cast<uint32_t>(pr.owners.size());
        res.latency = Simulator::Now() - pr.start;
        std::sort(res.keys.begin(), res.keys.end());
        auto done = pr.done;
        m_ranges.erase(it);
        m_rangeDoneTrace(res);
        if (!done.IsNull())
        {
            done(res);
        }
        return;
    }
    const size_t end = std::min(pr.perKey.size(), pr.nextKey + pr.batchSize);
    pr.inFlight = static_cast<uint32_t>(end - pr.nextKey);
    for (; pr.nextKey < end; ++pr.nextKey)
    {
        Get(pr.perKey[pr.nextKey],
            Callback<void, const KeyOpResult&>([this, queryId](const KeyOpResult& r) {
                auto it = m_ranges.find(queryId);
                if (it == m_ranges.end())
                {
                    return;
                }
                PendingRange& pr = it->second;
                RangeQueryResult& res = pr.result;
                if (res.keys.empty() && pr.owners.empty())
                {
                    res.latencyFirst = Simulator::Now() - pr.start;
                }
                pr.allAnswered = pr.allAnswered && r.success;
                if (r.success)
                {
                    pr.owners.insert(r.owner.id);
                    if (r.found)
                    {
                        res.keys.push_back(r.key);
                    }
                    // The lookup's hops and acknowledgements and its reply, then the Get and
                    // its answer (with the value).
                    res.messages += 2 * r.hops + 3;
                    res.bytes += 2 * r.hops * LeadHeader::SIZE + r.hops * LeadLookupHeader::SIZE +
                                 LeadHeader::SIZE + LeadNodeListHeader::FIXED_SIZE +
                                 LeadHeader::VNODE_REF_SIZE +
                                 2 * (LeadHeader::SIZE + LeadKvHeader::SIZE) + r.size;
                    res.lookupHops += r.hops;
                }
                if (--pr.inFlight == 0)
                {
                    NextPerKeyBatch(queryId);
                }
            }));
    }
}

void
LeadNodeApp::OnRangeScan(Vnode& at, const LeadHeader& h, Ptr<Packet> body, uint32_t from)
{
    LeadRangeHeader scan;
    body->RemoveHeader(scan);
    if (!scan.valid)
    {
        DropPacket(body, "invalid RANGE_SCAN body");
        return;
    }
    if (!scan.exactArc && !m_members.empty())
    {
        // A two-tier group leader: its members hold the keys.
        const bool endsHere = RingId::BetweenRightIncl(scan.prevId, scan.endHash, at.self.id);
        const bool walkEnds =
            endsHere || at.table->GetSuccessor().id == at.self.id || scan.seq >= MAX_RANGE_WALK;
        const uint16_t used = ScanGroup(at, scan, walkEnds, endsHere ? scan.endHash : at.self.id);
        AnswerScan(at, h, from, scan, walkEnds, 0, used);
        if (!walkEnds && !scan.clientDriven)
        {
            LeadRangeHeader next = scan;
            next.seq = scan.seq + used;
            next.prevId = at.self.id;
            ForwardRange(at.self.vnode, next);
        }
        return;
    }
    // This vnode's part: the keys of the range whose ring position lies on (prevId, self],
    // from its own store and, for a predecessor that failed, from its replicas. Filtering by
    // arc reports every key exactly once along the walk; filtering by key keeps the range.
    std::map<uint64_t, LeadKeyStore::Item> found;
    for (const LeadKeyStore* store : {&at.store, &at.replicas})
    {
        for (const auto& it : store->Scan(scan.startKey, scan.endKey, 0))
        {
            bool mine = RingId::BetweenRightIncl(scan.prevId,
                                                 it.hash,
                                                 scan.exactArc ? scan.endHash : at.self.id);
            // A walk that comes round past the top of the ring (the whole key space) ends at
            // the vnode it started from: only the part above the last vnode is new then.
            if (!scan.exactArc && scan.seq > 0 && at.self.id < scan.prevId && it.hash <= at.self.id)
            {
                mine = false;
            }
            if (mine)
            {
                found.emplace(it.key, it);
            }
        }
    }
    std::vector<LeadKeyStore::Item> items;
    for (const auto& kv : found)
    {
        if (scan.remaining != 0 && items.size() >= scan.remaining)
        {
            break;
        }
        items.push_back(kv.second);
    }
    // An exact-arc scan is one step of a walk driven by someone else (a group leader, or a
    // client reading one position): it ends the walk only when told so.
    const bool last =
        scan.exactArc ? !scan.moreFollow
                      : (scan.remaining != 0 && items.size() >= scan.remaining) ||
                            RingId::BetweenRightIncl(scan.prevId, scan.endHash, at.self.id) ||
                            at.table->GetSuccessor().id == at.self.id || scan.seq >= MAX_RANGE_WALK;

    AnswerScan(at, h, from, scan, last, items.size(), 1);

    // Send the part to the client, in messages that fit in a datagram.
    size_t pos = 0;
    uint16_t chunk = 0;
    do
    {
        LeadRangePartHeader part;
        part.queryId = scan.queryId;
        part.seq = scan.seq;
        part.chunk = chunk++;
        part.last = last;
        part.viaLeader = scan.viaLeader && part.chunk == 0;
        uint64_t bytes = 0;
        while (pos < items.size() &&
               bytes + items[pos].size + LeadRangePartHeader::ITEM_SIZE <= MAX_UDP_PAYLOAD)
        {
            bytes += items[pos].size + LeadRangePartHeader::ITEM_SIZE;
            part.items.push_back({items[pos].key, items[pos].size, items[pos].tag});
            ++pos;
        }
        if (part.items.empty() && pos < items.size())
        {
            part.items.push_back({items[pos].key, items[pos].size, items[pos].tag});
            ++pos;
        }
        part.lastChunk = pos >= items.size();
        Ptr<Packet> p = Create<Packet>(static_cast<uint32_t>(part.GetPayloadBytes()));
        p->AddHeader(part);
        Call(at,
             scan.client,
             LeadMessageType::RANGE_PART,
             h.GetPurpose(),
             p,
             LeadRpc::ReplyCallback(),
             LeadRpc::FailureCallback());
    } while (pos < items.size());

    if (!last && !scan.clientDriven && !scan.exactArc)
    {
        LeadRangeHeader next = scan;
        next.seq = scan.seq + 1;
        next.prevId = at.self.id;
        if (next.remaining != 0)
        {
            next.remaining -= items.size();
        }
        ForwardRange(at.self.vnode, next);
    }
}

void
LeadNodeApp::AnswerScan(const Vnode& at,
                        const LeadHeader& h,
                        uint32_t from,
                        const LeadRangeHeader& scan,
                        bool last,
                        uint64_t keys,
                        uint16_t steps)
{
    // A chain walk only needs the acknowledgement. A client-driven walk learns from the
    // answer whether it ends here, how many keys this vnode reported (count limits), how many
    // part numbers it used (a group leader uses one per member), and where to go next.
    Ptr<Packet> answer = Create<Packet>();
    if (scan.clientDriven)
    {
        LeadNodeListHeader next;
        next.final = last;
        next.target = keys;
        next.hops = static_cast<uint8_t>(std::min<uint16_t>(steps, 255));
        for (const auto& s : at.table->GetSuccessors())
        {
            if (next.nodes.size() >= MAX_SCAN_ANSWER_SUCCESSORS)
            {
                break;
            }
            next.nodes.push_back(s);
        }
        answer->AddHeader(next);
    }
    ReplyTo(at, h, from, LeadMessageType::RANGE_SCAN, answer);
}

void
LeadNodeApp::ForwardRange(uint32_t vnode, const LeadRangeHeader& scan)
{
    Vnode& v = m_vnodes[vnode];
    if (!v.joined || !v.table->HasSuccessor() || v.table->GetSuccessor().id == v.self.id)
    {
        return; // the client's timer reports the query incomplete
    }
    const VnodeRef succ = v.table->GetSuccessor();
    Ptr<Packet> body = Create<Packet>();
    body->AddHeader(scan);
    Call(v,
         succ,
         LeadMessageType::RANGE_SCAN,
         LeadPurpose::USER_LOOKUP,
         body,
         LeadRpc::ReplyCallback(),
         LeadRpc::FailureCallback([this, vnode, scan, succ]() {
             // A dead successor: the next one owns its arc now (and holds its replicas).
             SuspectFailed(m_vnodes[vnode], succ);
             ForwardRange(vnode, scan);
         }));
}

void
LeadNodeApp::OnRangePart(const Vnode& at, const LeadHeader& h, Ptr<Packet> body, uint32_t from)
{
    LeadRangePartHeader part;
    body->RemoveHeader(part);
    if (!part.valid || body->GetSize() != part.GetPayloadBytes())
    {
        DropPacket(body, "invalid RANGE_PART body");
        return;
    }
    ReplyTo(at, h, from, LeadMessageType::RANGE_PART, Create<Packet>());

    auto it = m_ranges.find(part.queryId);
    if (it == m_ranges.end())
    {
        return; // the query already finished
    }
    PendingRange& pr = it->second;
    if (pr.result.keys.empty() && pr.parts.empty())
    {
        pr.result.latencyFirst = Simulator::Now() - pr.start;
    }
    for (const auto& item : part.items)
    {
        pr.result.keys.push_back(item.key);
    }
    pr.result.messages += 2; // the part and its acknowledgement
    pr.leaderScans += part.viaLeader ? 1 : 0;
    pr.result.bytes += 2 * LeadHeader::SIZE + part.GetSerializedSize() + part.GetPayloadBytes();
    pr.parts[part.seq].first += 1;
    if (part.lastChunk)
    {
        pr.chunksExpected[part.seq] = part.chunk + 1U;
    }
    if (part.last)
    {
        pr.lastSeq = part.seq;
    }
    if (pr.lastSeq < 0)
    {
        return;
    }
    for (int32_t seq = 0; seq <= pr.lastSeq; ++seq)
    {
        auto expected = pr.chunksExpected.find(static_cast<uint16_t>(seq));
        auto got = pr.parts.find(static_cast<uint16_t>(seq));
        if (expected == pr.chunksExpected.end() || got == pr.parts.end() ||
            got->second.first < expected->second)
        {
            return;
        }
    }
    FinishRange(part.queryId, true);
}

void
LeadNodeApp::FinishRange(uint32_t queryId, bool complete)
{
    auto it = m_ranges.find(queryId);
    if (it == m_ranges.end())
    {
        return;
    }
    PendingRange pr = it->second;
    m_ranges.erase(it);
    pr.timer.Cancel();
    RangeQueryResult& res = pr.result;
    res.complete = complete;
    res.nodesVisited = static_cast<uint32_t>(pr.parts.size());
    std::sort(res.keys.begin(), res.keys.end());
    // Messages: the lookup (each hop and its acknowledgement, then the reply), one scan and
    // its acknowledgement per vnode visited, and the parts counted as they arrived.
    const uint32_t lookupMessages = 2 * res.lookupHops + 1;
    res.messages += lookupMessages + 2 * res.nodesVisited;
    res.bytes +=
        (2 * res.lookupHops) * LeadHeader::SIZE + res.lookupHops * LeadLookupHeader::SIZE +
        LeadHeader::SIZE + LeadNodeListHeader::FIXED_SIZE + LeadHeader::VNODE_REF_SIZE +
        (res.nodesVisited + pr.leaderScans) * (2 * LeadHeader::SIZE + LeadRangeHeader::SIZE) +
        pr.answerBytes;
    res.messages += 2 * pr.leaderScans; // scans (and acknowledgements) that reached a leader
    res.latency = Simulator::Now() - pr.start;
    m_rangeDoneTrace(res);
    if (!pr.done.IsNull())
    {
        pr.done(res);
    }
}

void
LeadNodeApp::Leave()
{
    NS_LOG_FUNCTION(this);
    if (m_state != State::ACTIVE && m_state != State::JOINING)
    {
        return;
    }
    SwitchToState(State::LEAVING);
    for (auto& v : m_vnodes)
    {
        if (!v.joined)
        {
            continue;
        }
        v.stabilizeEvent.Cancel();
        v.fingerEvent.Cancel();
        v.replicateEvent.Cancel();
        // Heir: the first successor on another node (siblings leave too).
        std::optional<VnodeRef> heir;
        for (const auto& s : v.table->GetSuccessors())
        {
            if (s.address != m_address.Get())
            {
                heir = s;
                break;
            }
        }
        if (!heir)
        {
            continue; // last node of the ring: nobody to hand to
        }
        LeadNodeListHeader notice;
        notice.predecessor = v.table->GetPredecessor();
        if (notice.predecessor && notice.predecessor->address == m_address.Get())
        {
            notice.predecessor.reset();
        }
        for (const auto& s : v.table->GetSuccessors())
        {
            if (s.address != m_address.Get() && notice.nodes.size() < m_successorListSize)
            {
                notice.nodes.push_back(s);
            }
        }
        auto items = v.store.TakeArc(v.self.id, v.self.id); // everything
        if (!items.empty())
        {
            TransferKeys(v, *heir, items, v.self.id, v.self.id, false, LeadPurpose::MIGRATION);
        }
        for (const auto& target : {heir, notice.predecessor})
        {
            if (!target)
            {
                continue;
            }
            Ptr<Packet> p = Create<Packet>();
            p->AddHeader(notice);
            Call(v,
                 *target,
                 LeadMessageType::LEAVE,
                 LeadPurpose::MISC,
                 p,
                 LeadRpc::ReplyCallback(),
                 LeadRpc::FailureCallback());
        }
    }
    // Hand-offs are acknowledged within the RPC timeouts; stop once they had their chance.
    const Time grace = m_rpcInitialTimeout * ((1 << m_rpcMaxAttempts) + 1);
    Simulator::Schedule(grace, &LeadNodeApp::FinishLeave, this);
}

void
LeadNodeApp::FinishLeave()
{
    if (m_state != State::LEAVING)
    {
        return;
    }
    StopApplication();
}

} // namespace lead
} // namespace ns3
