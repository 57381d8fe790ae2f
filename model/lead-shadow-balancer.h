/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_SHADOW_BALANCER_H
#define LEAD_SHADOW_BALANCER_H

#include <cstdint>
#include <functional>
#include <map>
#include <vector>

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief The dynamic Shadow Balancer's decision (lead-spec.md 9; the poster's "Load balancing
 * with Shadow Balancer"): from a node's own vnodes and what its ring neighbours said in their
 * heartbeats, whether to add a shadow vnode, shed one, or wait. Simulator-free.
 *
 * The node estimates the mean load per physical node from the node totals its neighbours
 * report (its own included). Above High x mean, with more than one vnode, it sheds the largest
 * vnode that does not take it below the mean (the whole arc goes to one heir; a larger vnode
 * would only move the excess elsewhere), or waits for others to split its arcs. Below Low x
 * mean, with fewer than MaxVnodes, it adds a shadow vnode inside the arc of one of the three
 * vnodes it heard of with the highest score, keys times its node's load over the mean; below
 * the mean it does so only for vnodes of nodes above High x mean (so the middle of the
 * distribution helps bring the maximum down). The vnode is drawn at random among the three, so
 * that nodes with the same view do not pick the same arc. The new vnode's id cuts from the
 * start of the arc the share of its keys that brings this node to the mean (keys lie about
 * evenly along an arc under the learned hash), at most half, give or take a tenth.
 * The driver (LeadBalancerService) acts at most once per interval and waits after each act.
 */
class LeadShadowBalancer
{
  public:
    /// Thresholds.
    struct Config
    {
        double high{1.2};       //!< shed above this share of the mean
        double low{0.5};        //!< add from any hot arc below it
        uint32_t maxVnodes{20}; //!< most vnodes a node hosts
        uint32_t minPeers{4};   //!< nodes heard of before acting
    };

    /// One of the node's own vnodes.
    struct Own
    {
        uint16_t index{0}; //!< vnode index
        uint64_t id{0};    //!< ring id
        uint64_t keys{0};  //!< keys it owns
    };

    /// A vnode heard of in a heartbeat.
    struct Heard
    {
        uint32_t address{0};  //!< its node
        uint64_t keys{0};     //!< keys it owns
        uint64_t peerKeys{0}; //!< keys its node owns
    };

    /// What to do.
    struct Action
    {
        enum Kind
        {
            NONE,     //!< wait
            ADD,      //!< add a shadow vnode at `id`
            SHED,     //!< retire vnode `index`
        } kind{NONE}; //!< the kind

        uint64_t id{0};       //!< ADD: the new vnode's id
        uint16_t index{0};    //!< SHED: the vnode
        double mean{0};       //!< the mean node load estimated
        uint64_t load{0};     //!< the node's load
        uint64_t arcOwner{0}; //!< ADD: the vnode whose arc is split
    };

    /**
     * @brief A balancer.
     * @param config thresholds
     */
    explicit LeadShadowBalancer(const Config& config);

    /**
     * @brief Decide.
     * @param address this node's address
     * @param own its joined vnodes
     * @param heard vnodes heard of (id -> what they said), its own excluded
     * @param uniform draws in [0, 1)
     * @return the action
     */
    Action Decide(uint32_t address,
                  const std::vector<Own>& own,
                  const std::map<uint64_t, Heard>& heard,
                  const std::function<double()>& uniform) const;

  private:
    /**
     * @brief Where to add a shadow vnode: inside the arc of one of the best-scored vnodes.
     * @param own the node's vnodes
     * @param heard the vnodes heard of
     * @param action has the mean and the node's load; receives the id and the arc's owner
     * @param underloaded below Low x mean: any arc (else only arcs of nodes above High x mean)
     * @param uniform draws in [0, 1)
     * @return false if no arc is worth splitting
     */
    bool PickSplit(const std::vector<Own>& own,
                   const std::map<uint64_t, Heard>& heard,
                   Action& action,
                   bool underloaded,
                   const std::function<double()>& uniform) const;

    Config m_config; //!< thresholds
};

} // namespace lead
} // namespace ns3

#endif // LEAD_SHADOW_BALANCER_H
