/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_BALANCER_SERVICE_H
#define LEAD_BALANCER_SERVICE_H

#include "lead-environment.h"
#include "lead-shadow-balancer.h"

#include "ns3/nstime.h"
#include "ns3/packet.h"

#include <cstdint>
#include <functional>
#include <map>
#include <vector>

namespace ns3
{
namespace lead
{

class LeadHeader;
class LeadHeartbeatService;
class LeadVnode;
class LeadVnodeHost;

/**
 * @ingroup lead
 * @brief The dynamic Shadow Balancer on a node: every interval (from a random phase) it asks
 * LeadShadowBalancer what to do with the node's joined vnodes and the neighbours heard in
 * heartbeats, adds a shadow vnode (LeadVnodeHost::AddVnode; it joins and its successor hands
 * it its keys) or retires one (LeadVnodeHost::RetireVnode; its keys go to its heir), and then
 * waits `cooldown` intervals for the keys to move and the heartbeats to tell. It decides only
 * when the node's load changed by at most 5 % since the last interval (not while keys are
 * loaded or moving). An overloaded node's recruits get RECRUIT messages (one-way, purpose
 * MIGRATION, to any vnode of the node); a recruit adds the shadow vnode unless it is waiting,
 * busy, full or would be loaded above High x the mean.
 */
class LeadBalancerService
{
  public:
    /// Settings (LeadNodeApp attributes).
    struct Config
    {
        Time interval{Seconds(10)};        //!< [BalancerInterval]
        uint32_t cooldown{3};              //!< intervals to wait after acting
        Time linger{Seconds(5)};           //!< a retired vnode still answers this long
        LeadShadowBalancer::Config policy; //!< thresholds
        /// A vnode's load (by index; empty: the keys it owns)
        std::function<uint64_t(uint16_t)> load;
        double settle{0.05}; //!< the node's load is settled if it changed at most this share
    };

    /// Called for every action taken.
    using ActionCallback = std::function<void(const LeadShadowBalancer::Action&)>;

    /**
     * @brief Set a test that holds decisions back (the node's keys are still moving to a new
     * model version: vnodes joining and leaving then would race the migrations).
     * @param busy returns true while decisions wait
     */
    void SetBusy(std::function<bool()> busy);

    /**
     * @brief Start balancing.
     * @param host the vnode host
     * @param heartbeats where the neighbours' loads come from
     * @param config settings
     */
    LeadBalancerService(LeadVnodeHost& host,
                        const LeadHeartbeatService& heartbeats,
                        const Config& config);
    ~LeadBalancerService();

    LeadBalancerService(const LeadBalancerService&) = delete;
    LeadBalancerService& operator=(const LeadBalancerService&) = delete;

    /**
     * @brief Set the action listener.
     * @param cb the callback
     */
    void SetActionCallback(ActionCallback cb);

  private:
    /// One decision, then the next.
    void Tick();

    /**
     * @brief The node's joined vnodes and the vnodes their neighbours' heartbeats told of.
     * @param own receives the node's vnodes
     * @param heard receives the neighbours
     * @return the node's keys
     */
    uint64_t Gather(std::vector<LeadShadowBalancer::Own>& own,
                    std::map<uint64_t, LeadShadowBalancer::Heard>& heard) const;

    /**
     * @brief Carry out an action and tell the listener.
     * @param action the action
     */
    void Act(const LeadShadowBalancer::Action& action);

    /**
     * @brief An overloaded node asks this one to add a shadow vnode (RECRUIT).
     * @param at the addressed vnode
     * @param h header
     * @param body body
     */
    void OnRecruit(LeadVnode& at, const LeadHeader& h, Ptr<Packet> body);

    LeadVnodeHost& m_host;                    //!< the host
    const LeadHeartbeatService& m_heartbeats; //!< neighbours' loads
    Config m_config;                          //!< settings
    LeadShadowBalancer m_policy;              //!< decisions
    ActionCallback m_onAction;                //!< listener
    std::function<bool()> m_busy;             //!< holds decisions back
    LeadEnvironment::TimerId m_timer{0};      //!< next tick
    uint32_t m_wait{0};                       //!< intervals left to wait
    uint64_t m_lastLoad{0};                   //!< the node's keys at the last decision
    uint64_t m_promised{0};                   //!< keys of recruits accepted, not yet settled
    uint32_t m_shedding{0};                   //!< intervals since a shed, counting down
};

} // namespace lead
} // namespace ns3

#endif // LEAD_BALANCER_SERVICE_H
