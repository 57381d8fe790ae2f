/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-balancer-service.h"

#include "lead-header.h"
#include "lead-heartbeat-service.h"
#include "lead-recruit-header.h"
#include "lead-vnode-host.h"
#include "lead-vnode.h"

#include "ns3/abort.h"
#include "ns3/log.h"

#include <cmath>

namespace ns3
{
namespace lead
{

NS_LOG_COMPONENT_DEFINE("LeadBalancerService");

LeadBalancerService::LeadBalancerService(LeadVnodeHost& host,
                                         const LeadHeartbeatService& heartbeats,
                                         const Config& config)
    : m_host(host),
      m_heartbeats(heartbeats),
      m_config(config),
      m_policy(config.policy)
{
    NS_ABORT_MSG_IF(!config.interval.IsStrictlyPositive(),
                    "LeadBalancerService: BalancerInterval must be positive");
    // A random phase, so that the nodes do not all decide at the same instant.
    const Time phase = config.interval * m_host.Env().RandomValue();
    m_timer = m_host.Env().Schedule(config.interval + phase, [this]() { Tick(); });
    host.SetHandler(LeadMessageType::RECRUIT,
                    [this](LeadVnode& at, const LeadHeader& h, Ptr<Packet> body, uint32_t) {
                        OnRecruit(at, h, body);
                    });
}

LeadBalancerService::~LeadBalancerService()
{
    if (m_timer != 0)
    {
        m_host.Env().Cancel(m_timer);
    }
}

void
LeadBalancerService::SetActionCallback(ActionCallback cb)
{
    m_onAction = std::move(cb);
}

void
LeadBalancerService::SetBusy(std::function<bool()> busy)
{
    m_busy = std::move(busy);
}

uint64_t
LeadBalancerService::Gather(std::vector<LeadShadowBalancer::Own>& own,
                            std::map<uint64_t, LeadShadowBalancer::Heard>& heard) const
{
    uint64_t load = 0;
    for (uint32_t i = 0; i < m_host.GetVnodeCount(); ++i)
    {
        const LeadVnode& v = m_host.GetVnode(i);
        if (!v.IsJoined() || m_host.IsRetired(static_cast<uint16_t>(i)))
        {
            continue;
        }
        const uint64_t keys = v.GetStore().GetSize();
        own.push_back({v.GetSelf().vnode,
                       v.GetSelf().id,
                       m_config.load ? m_config.load(v.GetSelf().vnode) : keys,
                       keys});
        load += own.back().keys;
        for (const auto& [id, n] : m_heartbeats.GetNeighbours(static_cast<uint16_t>(i)))
        {
            if (n.address != m_host.GetConfig().address)
            {
                heard[id] = {n.address, n.keys, n.peerKeys};
            }
        }
    }
    return load;
}

void
LeadBalancerService::Tick()
{
    m_timer = m_host.Env().Schedule(m_config.interval, [this]() { Tick(); });
    m_shedding = m_shedding > 0 ? m_shedding - 1 : 0;
    if (m_wait > 0)
    {
        --m_wait;
        return;
    }
    if (m_busy && m_busy())
    {
        return;
    }
    std::vector<LeadShadowBalancer::Own> own;
    std::map<uint64_t, LeadShadowBalancer::Heard> heard;
    const uint64_t load = Gather(own, heard);
    // Act only on a settled load: while keys are still arriving or moving (a load, a
    // hand-off) the node's own count changes by more than Config::settle between decisions.
    const bool settled =
        load > 0 && std::abs(static_cast<double>(load) - static_cast<double>(m_lastLoad)) <=
                        m_config.settle * static_cast<double>(m_lastLoad);
    m_lastLoad = load;
    if (!settled)
    {
        return;
    }
    m_promised = 0;
    // Where the keys of a vnode lie: ranks on its arc from its predecessor.
    const auto cut = [this](uint16_t index, uint64_t rank) -> std::optional<uint64_t> {
        const LeadVnode& v = m_host.GetVnode(index);
        const auto pred = v.GetTable().GetPredecessor();
        if (!pred)
        {
            return std::nullopt;
        }
        return v.GetStore().PositionAt(pred->id, v.GetSelf().id, rank);
    };
    const auto cold = m_heartbeats.GetColdNodes();
    const auto action =
        m_policy.Decide(m_host.GetConfig().address, own, heard, cold, cut, [this]() {
            return m_host.Env().RandomValue();
        });
    NS_LOG_DEBUG("load " << load << " mean " << action.mean << " vnodes " << own.size()
                         << " nodes known " << cold.size() << " action " << action.kind);
    Act(action);
}

void
LeadBalancerService::Act(const LeadShadowBalancer::Action& action)
{
    switch (action.kind)
    {
    case LeadShadowBalancer::Action::NONE:
        return;
    case LeadShadowBalancer::Action::ADD:
        NS_LOG_INFO("adds a shadow vnode " << action.id << " in the arc of " << action.arcOwner
                                           << " (load " << action.load << ", mean " << action.mean
                                           << ")");
        m_host.AddVnode(action.id);
        m_wait = m_config.cooldown;
        break;
    case LeadShadowBalancer::Action::SHED:
        NS_LOG_INFO("retires vnode " << action.index << " (load " << action.load << ", mean "
                                     << action.mean << ")");
        m_host.RetireVnode(action.index, m_config.linger);
        m_wait = m_config.cooldown;
        m_shedding = m_config.cooldown;
        break;
    case LeadShadowBalancer::Action::RECRUIT: {
        const VnodeRef& from = m_host.GetVnode(action.index).GetSelf();
        for (const auto& r : action.recruits)
        {
            NS_LOG_INFO("asks node " << r.address << " to take " << r.keys << " keys at " << r.id
                                     << " (load " << action.load << ", mean " << action.mean
                                     << ")");
            LeadRecruitHeader body;
            body.id = r.id;
            body.keys = r.keys;
            Ptr<Packet> p = Create<Packet>();
            p->AddHeader(body);
            m_host.SendOneWay(from,
                              VnodeRef{0, r.address, 0},
                              LeadMessageType::RECRUIT,
                              LeadPurpose::MIGRATION,
                              p);
        }
        // If the recruits take their pieces the load changes and the next decision waits
        // for it to settle; if they refuse, the node tries others one interval later.
        m_wait = 1;
        break;
    }
    }
    if (m_onAction)
    {
        m_onAction(action);
    }
}

void
LeadBalancerService::OnRecruit(LeadVnode& at, const LeadHeader& h, Ptr<Packet> body)
{
    LeadRecruitHeader r;
    body->RemoveHeader(r);
    if (!r.valid || body->GetSize() != 0)
    {
        m_host.Drop(body, "invalid RECRUIT body");
        return;
    }
    std::vector<LeadShadowBalancer::Own> own;
    std::map<uint64_t, LeadShadowBalancer::Heard> heard;
    const uint64_t load = Gather(own, heard);
    const uint32_t address = m_host.GetConfig().address;
    bool taken = r.id == 0;
    for (const auto& o : own)
    {
        taken = taken || o.id == r.id;
    }
    // Pieces accepted since the load last settled count as taken already.
    if (m_shedding > 0 || (m_busy && m_busy()) || own.size() >= m_config.policy.maxVnodes ||
        taken || !m_policy.Accepts(address, load + m_promised, heard, r.keys))
    {
        NS_LOG_INFO("refuses to take " << r.keys << " keys at " << r.id << " (load " << load
                                       << ", promised " << m_promised << ")");
        return;
    }
    LeadShadowBalancer::Action a;
    a.kind = LeadShadowBalancer::Action::ADD;
    a.id = r.id;
    a.arcOwner = h.GetSrcId();
    a.load = load;
    a.mean = m_policy.MeanLoad(address, load, heard);
    m_promised += r.keys;
    Act(a);
}

} // namespace lead
} // namespace ns3
