/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-node-app.h"

#include "lead-balancer-service.h"
#include "lead-cost-ledger.h"
#include "lead-group-leader.h"
#include "lead-heartbeat-service.h"
#include "lead-key-client.h"
#include "lead-key-service.h"
#include "lead-load-meter.h"
#include "lead-membership-service.h"
#include "lead-peer-hash.h"
#include "lead-per-key-range-client.h"
#include "lead-range-client.h"
#include "lead-range-server.h"
#include "lead-simulator-environment.h"
#include "lead-transport.h"
#include "lead-update-service.h"
#include "lead-vnode-host.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/simulator.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ns3
{
namespace lead
{

NS_LOG_COMPONENT_DEFINE("LeadNodeApp");

NS_OBJECT_ENSURE_REGISTERED(LeadNodeApp);

LeadNodeApp::LeadNodeApp()
    : m_transport(CreateObject<LeadTransport>()),
      m_env(std::make_unique<LeadSimulatorEnvironment>())
{
    NS_LOG_FUNCTION(this);
    // The transport's traces are this application's too.
    m_transport->TraceConnectWithoutContext(
        "Tx",
        Callback<void, LeadMessageType, LeadPurpose, uint32_t, uint64_t>(
            [this](LeadMessageType t, LeadPurpose p, uint32_t b, uint64_t op) {
                m_txTrace(t, p, b, op);
            }));
    m_transport->TraceConnectWithoutContext(
        "Rx",
        Callback<void, LeadMessageType, LeadPurpose, uint32_t, uint64_t>(
            [this](LeadMessageType t, LeadPurpose p, uint32_t b, uint64_t op) {
                m_rxTrace(t, p, b, op);
            }));
    m_transport->TraceConnectWithoutContext(
        "Drop",
        Callback<void, Ptr<const Packet>, const std::string&>(
            [this](Ptr<const Packet> p, const std::string& why) { m_dropTrace(p, why); }));
}

LeadNodeApp::~LeadNodeApp()
{
    NS_LOG_FUNCTION(this);
}

void
LeadNodeApp::DoDispose()
{
    NS_LOG_FUNCTION(this);
    DestroyProtocol();
    if (m_perKey)
    {
        m_perKey->Dispose();
        m_perKey = nullptr;
    }
    m_env.reset();
    m_transport->Dispose();
    m_hashModel = nullptr;
    m_recentModels.clear();
    m_ledger = nullptr;
    Application::DoDispose();
}

void
LeadNodeApp::DestroyProtocol()
{
    m_rangeClient.reset();
    m_membership.reset();
    m_rangeServer.reset();
    m_keyClient.reset();
    m_balancer.reset();
    m_loadMeter.reset();
    m_update.reset();
    m_heartbeats.reset();
    m_keyService.reset();
    m_modelService.reset();
    m_leader.reset();
    m_host.reset();
}

// ------------------------------------------------------------------------ configuration

void
LeadNodeApp::SetBootstrap(const std::vector<Ipv4Address>& bootstrap)
{
    m_bootstrap = bootstrap;
}

void
LeadNodeApp::SetGateway(Ipv4Address gateway)
{
    m_gateway = gateway;
}

void
LeadNodeApp::SetGroupMembers(const std::vector<Ipv4Address>& members)
{
    m_members = members;
    if (m_leader)
    {
        std::vector<VnodeRef> refs;
        for (const auto& a : members)
        {
            refs.push_back(VnodeRef{PeerHash::FromIpv4(a.Get(), 0), a.Get(), 0});
        }
        m_leader->SetMembers(refs);
    }
}

void
LeadNodeApp::SetRole(Role role)
{
    NS_ABORT_MSG_IF(m_state != State::NOT_STARTED,
                    "ns3::lead::LeadNodeApp::Role: set it before the application starts");
    m_role = role;
}

LeadNodeApp::Role
LeadNodeApp::GetRole() const
{
    return m_role;
}

LeadNodeApp::RangeWalk
LeadNodeApp::GetRangeWalk() const
{
    return m_rangeWalk;
}

void
LeadNodeApp::SetCostLedger(Ptr<LeadCostLedger> ledger)
{
    m_ledger = ledger;
}

int64_t
LeadNodeApp::AssignStreams(int64_t stream)
{
    return m_env->AssignStreams(stream);
}

// ----------------------------------------------------------------------------- queries

LeadNodeApp::State
LeadNodeApp::GetState() const
{
    return m_state;
}

uint32_t
LeadNodeApp::GetVnodeCount() const
{
    return m_host ? m_host->GetVnodeCount() : 0;
}

const LeadVnode&
LeadNodeApp::VnodeAt(uint32_t index) const
{
    NS_ABORT_MSG_IF(!m_host || index >= m_host->GetVnodeCount(),
                    "LeadNodeApp: no vnode " << index << " (the application has " << GetVnodeCount()
                                             << ")");
    return m_host->GetVnode(index);
}

VnodeRef
LeadNodeApp::GetVnode(uint32_t index) const
{
    return VnodeAt(index).GetSelf();
}

const LeadRoutingTable&
LeadNodeApp::GetRoutingTable(uint32_t index) const
{
    return VnodeAt(index).GetTable();
}

const LeadKeyStore&
LeadNodeApp::GetStore(uint32_t index) const
{
    return VnodeAt(index).GetStore();
}

const LeadKeyStore&
LeadNodeApp::GetReplicaStore(uint32_t index) const
{
    return VnodeAt(index).GetReplicas();
}

bool
LeadNodeApp::IsJoined(uint32_t index) const
{
    return m_host && m_host->GetVnode(index).IsJoined();
}

Ptr<LearnedHashModel>
LeadNodeApp::GetHashModel() const
{
    return m_hashModel;
}

void
LeadNodeApp::MarkModelBaseline()
{
    NS_ABORT_MSG_IF(!m_keyService, "LeadNodeApp::MarkModelBaseline: the node has not started");
    m_keyService->MarkBaseline();
}

double
LeadNodeApp::GetDrift(uint32_t index) const
{
    NS_ABORT_MSG_IF(!m_keyService, "LeadNodeApp::GetDrift: the node has not started");
    return m_keyService->GetDrift(static_cast<uint16_t>(index)).GetDrift();
}

double
LeadNodeApp::GetNeighboursReady(uint32_t index) const
{
    NS_ABORT_MSG_IF(!m_heartbeats, "LeadNodeApp::GetNeighboursReady: the node has not started");
    return m_heartbeats->GetReadyShare(static_cast<uint16_t>(index));
}

bool
LeadNodeApp::IsModelReady(uint32_t index) const
{
    NS_ABORT_MSG_IF(!m_keyService, "LeadNodeApp::IsModelReady: the node has not started");
    return m_keyService->GetDrift(static_cast<uint16_t>(index)).IsReady();
}

bool
LeadNodeApp::InstallModel(Ptr<LearnedHashModel> model)
{
    NS_ABORT_MSG_IF(!m_modelService, "LeadNodeApp::InstallModel: the node has not started");
    return m_modelService->Install(model);
}

Ptr<LeadTransport>
LeadNodeApp::GetTransport() const
{
    return m_transport;
}

uint64_t
LeadNodeApp::GetDropCount() const
{
    return m_transport->GetDropCount();
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
                << " node " << m_transport->GetAddress() << " state " << static_cast<int>(old)
                << " --> " << static_cast<int>(state));
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
    m_transport->Start(GetNode(),
                       m_protocol == PROTOCOL_TCP ? LeadTransport::TCP : LeadTransport::UDP,
                       m_port,
                       [this](const LeadHeader& h, Ptr<Packet> body, uint32_t from, uint64_t op) {
                           if (m_host)
                           {
                               m_host->Receive(h, body, from, op);
                           }
                       });
    BuildProtocol();
    if (m_role == ROLE_MEMBER)
    {
        SwitchToState(State::ACTIVE); // serves its leader; never joins the ring
        return;
    }
    SwitchToState(State::JOINING);
    m_host->Start();
}

void
LeadNodeApp::BuildProtocol()
{
    DestroyProtocol();
    LeadTransport* transport = PeekPointer(m_transport);
    m_host = std::make_unique<LeadVnodeHost>(
        *m_env,
        MakeVnodeConfig(),
        MakeRpcConfig(),
        [transport](Ptr<Packet> p, const LeadHeader& h, uint32_t peer, uint64_t op) {
            transport->Send(p, h, peer, op);
        },
        [transport](Ptr<const Packet> p, const std::string& why) {
            transport->DropPacket(p, why);
        });
    // Shadow Balancer, static mode: vnodes in proportion to the node's capacity (at most
    // 4096, the attribute's own limit).
    const auto vnodes =
        static_cast<uint32_t>(std::clamp(std::round(m_vnodesPerNode * m_capacity), 1.0, 4096.0));
    m_host->CreateVnodes(vnodes);
    m_modelService = std::make_unique<LeadModelService>(*m_host, m_hashModel);
    m_modelService->SetFetch(m_modelFetch);
    m_modelService->SetInstallCallback([this](Ptr<LearnedHashModel> model, uint64_t fetched) {
        m_recentModels.insert(m_recentModels.begin(), {m_hashModel, Simulator::Now()});
        if (m_recentModels.size() > MAX_RECENT_MODELS)
        {
            m_recentModels.resize(MAX_RECENT_MODELS);
        }
        m_hashModel = model;
        // Clients still on a recent model walk its arcs for a while.
        UpdatePreviousHashes();
        m_env->Schedule(m_modelTransition, [this]() { UpdatePreviousHashes(); });
        if (m_keyService)
        {
            m_keyService->Rehash([model](uint64_t key) { return model->Hash(key); });
        }
        if (m_update)
        {
            m_update->Installed(model->GetVersion());
        }
        m_modelInstalledTrace(model->GetVersion(), fetched);
    });
    m_host->GetLookups().SetPublish([this](LookupResult& r) { FinishLookup(r); });

    m_leader = std::make_unique<LeadGroupLeader>(*m_host);
    SetGroupMembers(m_members);
    m_keyService = std::make_unique<LeadKeyService>(*m_host, MakeKeyServiceConfig());
    m_keyService->SetLeader(m_leader.get());
    m_keyService->SetMigratedCallback(
        [this](uint32_t n, LeadPurpose purpose) { m_keysMigratedTrace(n, purpose); });
    m_keyClient = std::make_unique<LeadKeyClient>(*m_host, MakeKeyClientConfig());
    m_heartbeats =
        std::make_unique<LeadHeartbeatService>(*m_host,
                                               m_heartbeatInterval,
                                               [this](uint16_t index) {
                                                   LeadHeartbeatService::State s;
                                                   s.ready =
                                                       m_keyService->GetDrift(index).IsReady();
                                                   s.keys = BalancerLoad(index);
                                                   s.peerKeys = NodeBalancerLoad();
                                                   return s;
                                               });
    BuildUpdateService();
    BuildBalancer(vnodes);
    m_rangeServer = std::make_unique<LeadRangeServer>(*m_host);
    m_rangeServer->SetLeader(m_leader.get());
    m_rangeClient = std::make_unique<LeadRangeClient>(*m_host, MakeRangeClientConfig());
    if (m_oneHop && m_role != ROLE_MEMBER)
    {
        LeadMembershipService::Config view;
        view.gossipInterval = m_viewGossipInterval;
        view.fanout = m_viewGossipFanout;
        view.syncInterval = m_viewSyncInterval;
        m_membership = std::make_unique<LeadMembershipService>(*m_host, view);
        m_keyClient->SetView(&m_membership->GetView());
        // A two-tier leader's ranges walk: its members hold the keys, under part numbers a
        // direct scan cannot foresee.
        if (!(m_leader && m_leader->IsLeader()))
        {
            m_rangeClient->SetView(&m_membership->GetView());
        }
    }

    // After the key service, so that a joined vnode's timers are drawn in the same order.
    LeadVnodeHost::Listener l;
    l.joined = [this](LeadVnode& v) { OnVnodeJoined(v.GetSelf()); };
    l.departed = [this](LeadVnode& v) { m_vnodeDepartedTrace(v.GetSelf()); };
    m_host->AddListener(l);
}

uint64_t
LeadNodeApp::GetKeysOwned() const
{
    uint64_t keys = 0;
    for (uint32_t i = 0; m_host && i < m_host->GetVnodeCount(); ++i)
    {
        keys += m_host->GetVnode(i).IsJoined() ? m_host->GetVnode(i).GetStore().GetSize() : 0;
    }
    return keys;
}

uint64_t
LeadNodeApp::GetRequestsServed() const
{
    uint64_t served = 0;
    for (uint32_t i = 0; m_host && i < m_host->GetVnodeCount(); ++i)
    {
        served += m_host->GetServed(static_cast<uint16_t>(i));
    }
    return served;
}

std::optional<Ipv4Address>
LeadNodeApp::StoreDirect(uint32_t index, const LeadKeyStore::Item& item)
{
    NS_ABORT_MSG_IF(!m_host || index >= m_host->GetVnodeCount(),
                    "LeadNodeApp::StoreDirect: no vnode " << index << " on this node");
    if (m_leader && m_leader->IsLeader())
    {
        return Ipv4Address(m_leader->GetMemberFor(m_host->GetVnode(index), item.hash).address);
    }
    m_host->GetVnode(index).GetStore().Put(item);
    return std::nullopt;
}

const LeadMembershipView*
LeadNodeApp::GetMembershipView() const
{
    return m_membership ? &m_membership->GetView() : nullptr;
}

uint64_t
LeadNodeApp::GetViewFallbacks() const
{
    return m_rangeClient ? m_rangeClient->GetViewFallbacks() : 0;
}

uint64_t
LeadNodeApp::GetViewRefusals() const
{
    return m_rangeClient ? m_rangeClient->GetViewRefusals() : 0;
}

uint64_t
LeadNodeApp::BalancerLoad(uint16_t index)
{
    // Keys owned, or requests served per 1000 s over the last BalancerInterval.
    if (!m_loadMeter)
    {
        return m_host->GetVnode(index).GetStore().GetSize();
    }
    const double rate = m_loadMeter->Rate(index, m_host->GetServed(index), m_host->Env().Now());
    return static_cast<uint64_t>(std::llround(rate * 1000));
}

uint64_t
LeadNodeApp::NodeBalancerLoad()
{
    if (!m_loadMeter)
    {
        return GetKeysOwned();
    }
    uint64_t load = 0;
    for (uint32_t i = 0; i < m_host->GetVnodeCount(); ++i)
    {
        if (m_host->GetVnode(i).IsJoined() && !m_host->IsRetired(static_cast<uint16_t>(i)))
        {
            load += BalancerLoad(static_cast<uint16_t>(i));
        }
    }
    return load;
}

void
LeadNodeApp::BuildUpdateService()
{
    LeadUpdateService::Config c;
    c.checkInterval = m_modelUpdate ? m_heartbeatInterval : Time(0);
    c.quorum = m_quorum;
    c.lockTime = m_updateLockTime;
    c.method = m_aggregation;
    c.validate = m_updateValidation;
    c.hostile = m_hostileUpdates;
    LeadUpdateService::Hooks hooks;
    hooks.model = [this]() { return m_hashModel; };
    hooks.install = [this](Ptr<LearnedHashModel> m) { return m_modelService->Install(m); };
    hooks.ready = [this](uint16_t i) { return m_keyService->GetDrift(i).IsReady(); };
    hooks.readyShare = [this](uint16_t i) { return m_heartbeats->GetReadyShare(i); };
    hooks.readyNeighbours = [this](uint16_t i) {
        std::vector<uint64_t> ids;
        for (const auto& [id, n] : m_heartbeats->GetNeighbours(i))
        {
            if (n.ready)
            {
                ids.push_back(id);
            }
        }
        return ids;
    };
    hooks.resetDrift = [this](uint16_t i) { m_keyService->ResetDrift(i); };
    m_update = std::make_unique<LeadUpdateService>(*m_host, c, std::move(hooks));
    m_update->SetRoundCallback([this](const ModelUpdateRoundResult& r) { m_roundTrace(r); });
}

void
LeadNodeApp::BuildBalancer(uint32_t staticVnodes)
{
    if (m_balancerMode != BALANCER_DYNAMIC || m_role == ROLE_MEMBER)
    {
        return;
    }
    NS_ABORT_MSG_IF(!m_heartbeatInterval.IsStrictlyPositive(),
                    "ns3::lead::LeadNodeApp::Balancer=dynamic needs HeartbeatInterval > 0 (the "
                    "neighbours' loads come in heartbeats)");
    NS_ABORT_MSG_IF(m_balancerLow >= m_balancerHigh,
                    "ns3::lead::LeadNodeApp: BalancerLow "
                        << m_balancerLow << " must be below BalancerHigh " << m_balancerHigh);
    LeadBalancerService::Config c;
    c.interval = m_balancerInterval;
    c.policy.high = m_balancerHigh;
    c.policy.low = m_balancerLow;
    c.policy.maxVnodes = m_maxVnodes > 0 ? m_maxVnodes : 4 * staticVnodes;
    if (m_balancerMetric == BALANCER_METRIC_REQUESTS)
    {
        // Request rates measured over the decision interval; they vary more than key counts,
        // so a load within 25 % of the last one counts as settled.
        m_loadMeter = std::make_unique<LeadLoadMeter>(m_balancerInterval);
        c.load = [this](uint16_t index) { return BalancerLoad(index); };
        c.settle = 0.25;
    }
    m_balancer = std::make_unique<LeadBalancerService>(*m_host, *m_heartbeats, c);
    // Rumours of lightly loaded nodes ride on the heartbeats, for recruiting (ten heartbeats
    // old at most: long enough to cross the ring, short enough to forget a recruited node).
    m_heartbeats->EnableColdRumours(m_heartbeatInterval * 10);
    // No vnode joins or leaves while keys still move to a new model version.
    m_balancer->SetBusy([this]() { return !RecentModels().empty(); });
    m_balancer->SetActionCallback([this](const LeadShadowBalancer::Action& a) {
        const bool add = a.kind == LeadShadowBalancer::Action::ADD;
        const bool shed = a.kind == LeadShadowBalancer::Action::SHED;
        m_balancerTrace(add ? "add" : (shed ? "shed" : "recruit"),
                        add ? a.id : m_host->GetVnode(a.index).GetSelf().id,
                        a.load,
                        a.mean);
    });
}

bool
LeadNodeApp::StartModelUpdateRound(uint32_t index)
{
    NS_ABORT_MSG_IF(!m_update, "LeadNodeApp::StartModelUpdateRound: the node has not started");
    return index < m_host->GetVnodeCount() && m_update->StartRound(static_cast<uint16_t>(index));
}

uint32_t
LeadNodeApp::AddVnode(uint64_t id)
{
    NS_ABORT_MSG_IF(!m_host, "LeadNodeApp::AddVnode: the node has not started");
    return m_host->AddVnode(id);
}

void
LeadNodeApp::RetireVnode(uint32_t index)
{
    NS_ABORT_MSG_IF(!m_host || index >= m_host->GetVnodeCount(),
                    "LeadNodeApp::RetireVnode: no vnode " << index);
    m_host->RetireVnode(static_cast<uint16_t>(index), LeadBalancerService::Config{}.linger);
}

void
LeadNodeApp::OnVnodeJoined(const VnodeRef& v)
{
    m_vnodeJoinedTrace(v);
    bool all = true;
    for (uint32_t i = 0; i < m_host->GetVnodeCount(); ++i)
    {
        all = all && m_host->GetVnode(i).IsJoined();
    }
    if (all && m_state == State::JOINING)
    {
        SwitchToState(State::ACTIVE);
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
    if (m_host)
    {
        m_host->Stop();
        m_keyService->Stop();
        m_keyClient->CancelAll();
        m_rangeClient->CancelAll();
    }
    m_userLookups.clear();
    m_env->CancelAll();
    m_transport->Stop();
    SwitchToState(State::STOPPED);
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
    m_host->SetClosing(true);
    m_keyService->SetLeaving(true);
    for (uint32_t i = 0; i < m_host->GetVnodeCount(); ++i)
    {
        m_host->GetVnode(i).Leave();
    }
    // Hand-offs are acknowledged within the RPC timeouts; stop once they had their chance.
    const Time grace = m_rpcInitialTimeout * ((1 << m_rpcMaxAttempts) + 1);
    m_env->Schedule(grace, [this]() { FinishLeave(); });
}

void
LeadNodeApp::Crash()
{
    NS_LOG_FUNCTION(this);
    StopApplication();
}

void
LeadNodeApp::Restart(bool newIdentity)
{
    NS_LOG_FUNCTION(this << newIdentity);
    NS_ABORT_MSG_IF(m_state != State::STOPPED,
                    "LeadNodeApp::Restart: the application is not stopped (Leave or Crash first)");
    m_incarnation += newIdentity ? 1 : 0;
    StartApplication();
}

uint32_t
LeadNodeApp::GetIncarnation() const
{
    return m_incarnation;
}

void
LeadNodeApp::FinishLeave()
{
    if (m_state == State::LEAVING)
    {
        StopApplication();
    }
}

} // namespace lead
} // namespace ns3
