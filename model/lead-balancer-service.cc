/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-balancer-service.h"

#include "lead-heartbeat-service.h"
#include "lead-vnode-host.h"
#include "lead-vnode.h"

#include "ns3/abort.h"
#include "ns3/log.h"

#include <cstdlib>

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

void
LeadBalancerService::Tick()
{
    m_timer = m_host.Env().Schedule(m_config.interval, [this]() { Tick(); });
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
    for (uint32_t i = 0; i < m_host.GetVnodeCount(); ++i)
    {
        const LeadVnode& v = m_host.GetVnode(i);
        if (!v.IsJoined() || m_host.IsRetired(static_cast<uint16_t>(i)))
        {
            continue;
        }
        own.push_back({v.GetSelf().vnode, v.GetSelf().id, v.GetStore().GetSize()});
        for (const auto& [id, n] : m_heartbeats.GetNeighbours(static_cast<uint16_t>(i)))
        {
            if (n.address != m_host.GetConfig().address)
            {
                heard[id] = {n.address, n.keys, n.peerKeys};
            }
        }
    }
    // Act only on a settled load: while keys are still arriving or moving (a load, a
    // hand-off) the node's own count changes by more than 5 % between decisions.
    uint64_t load = 0;
    for (const auto& o : own)
    {
        load += o.keys;
    }
    const bool settled =
        load > 0 &&
        std::llabs(static_cast<long long>(load) - static_cast<long long>(m_lastLoad)) * 20 <=
            static_cast<long long>(m_lastLoad);
    m_lastLoad = load;
    if (!settled)
    {
        return;
    }
    const auto action = m_policy.Decide(m_host.GetConfig().address, own, heard, [this]() {
        return m_host.Env().RandomValue();
    });
    if (action.kind == LeadShadowBalancer::Action::NONE)
    {
        return;
    }
    if (action.kind == LeadShadowBalancer::Action::ADD)
    {
        NS_LOG_INFO("adds a shadow vnode " << action.id << " in the arc of " << action.arcOwner
                                           << " (load " << action.load << ", mean " << action.mean
                                           << ")");
        m_host.AddVnode(action.id);
    }
    else
    {
        NS_LOG_INFO("retires vnode " << action.index << " (load " << action.load << ", mean "
                                     << action.mean << ")");
        m_host.RetireVnode(action.index, m_config.linger);
    }
    m_wait = m_config.cooldown;
    if (m_onAction)
    {
        m_onAction(action);
    }
}

} // namespace lead
} // namespace ns3
