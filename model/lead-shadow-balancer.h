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
#include <optional>
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
 * report (its own included).
 *
 * Above High x mean it sheds a vnode or recruits. The vnode it may shed is the largest that
 * does not take it below the mean (the whole arc goes to one heir; a larger vnode would only
 * move the excess elsewhere); it sheds it if it carries at least half the excess. Otherwise the
 * excess sits in a vnode too large to shed, and the node recruits: it cuts its largest vnode's
 * arc, from its start, into pieces for up to MaxRecruits nodes below the mean that it knows of
 * (by heartbeat or by rumour; drawn among the 2 x MaxRecruits least loaded), each piece as
 * many of its keys as bring that node to the mean and together at most its load over the
 * mean. The cuts are exact: they lie at its own keys' ring positions. Each recruit is asked to
 * add a shadow vnode at its cut (RECRUIT) and accepts if the piece keeps it at most at High x
 * its own estimate of the mean (Accepts). With nobody to recruit it sheds what it may.
 *
 * Below Low x mean, with fewer than MaxVnodes, a node adds a shadow vnode inside the arc of
 * one of the three vnodes it heard of with the highest score, keys times its node's load over
 * the mean; below the mean it does so only for vnodes of nodes above High x mean (so the
 * middle of the distribution helps bring the maximum down). The vnode is drawn at random among
 * the three, so that nodes with the same view do not pick the same arc. The new vnode's id
 * cuts from the start of the arc the share of its keys that brings this node to the mean
 * (assuming keys lie about evenly along an arc), at most half, give or take a tenth.
 *
 * The driver (LeadBalancerService) acts at most once per interval and waits after each act.
 */
class LeadShadowBalancer
{
  public:
    /// Thresholds.
    struct Config
    {
        double high{1.2};        //!< shed above this share of the mean
        double low{0.5};         //!< add from any hot arc below it
        uint32_t maxVnodes{20};  //!< most vnodes a node hosts
        uint32_t minPeers{4};    //!< nodes heard of before acting
        uint32_t maxRecruits{4}; //!< nodes an overloaded node recruits at once
    };

    /// One of the node's own vnodes. Loads are in the balancer's metric (keys owned, or
    /// requests served per 1000 s); the cuts of a recruiting count keys.
    struct Own
    {
        uint16_t index{0}; //!< vnode index
        uint64_t id{0};    //!< ring id
        uint64_t keys{0};  //!< its load
        uint64_t count{0}; //!< keys it owns (0: the same as its load)
    };

    /// A vnode heard of in a heartbeat.
    struct Heard
    {
        uint32_t address{0};  //!< its node
        uint64_t keys{0};     //!< keys it owns
        uint64_t peerKeys{0}; //!< keys its node owns
    };

    /// A node asked to add a shadow vnode.
    struct Recruit
    {
        uint32_t address{0}; //!< the node
        uint64_t id{0};      //!< the shadow vnode's id
        uint64_t keys{0};    //!< the keys it takes over
    };

    /// What to do.
    struct Action
    {
        enum Kind
        {
            NONE,     //!< wait
            ADD,      //!< add a shadow vnode at `id`
            SHED,     //!< retire vnode `index`
            RECRUIT,  //!< ask `recruits` to split vnode `index`'s arc
        } kind{NONE}; //!< the kind

        uint64_t id{0};                //!< ADD: the new vnode's id
        uint16_t index{0};             //!< SHED: the vnode
        double mean{0};                //!< the mean node load estimated
        uint64_t load{0};              //!< the node's load
        uint64_t arcOwner{0};          //!< ADD: the vnode whose arc is split
        std::vector<Recruit> recruits; //!< RECRUIT: the nodes asked
    };

    /// The ring position of the rank-th key (0 first) on a vnode's arc, counted from its
    /// predecessor; none without a predecessor or with fewer keys.
    using CutAt = std::function<std::optional<uint64_t>(uint16_t index, uint64_t rank)>;

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
     * @param cold nodes known with their loads (address -> keys), its own excluded
     * @param cut where the keys of its vnodes lie
     * @param uniform draws in [0, 1)
     * @return the action
     */
    Action Decide(uint32_t address,
                  const std::vector<Own>& own,
                  const std::map<uint64_t, Heard>& heard,
                  const std::map<uint32_t, uint64_t>& cold,
                  const CutAt& cut,
                  const std::function<double()>& uniform) const;

    /**
     * @brief Whether a recruited node takes a piece.
     * @param address this node's address
     * @param load the keys it owns
     * @param heard vnodes heard of
     * @param keys the piece's keys
     * @return true if the piece keeps it at most at High x the mean it estimates
     */
    bool Accepts(uint32_t address,
                 uint64_t load,
                 const std::map<uint64_t, Heard>& heard,
                 uint64_t keys) const;

    /**
     * @brief The mean load per node, from the node totals heard (this node's included).
     * @param address this node
     * @param load its keys
     * @param heard vnodes heard of
     * @return the mean, or a negative value with fewer than minPeers nodes
     */
    double MeanLoad(uint32_t address, uint64_t load, const std::map<uint64_t, Heard>& heard) const;

  private:
    /**
     * @brief Cut the largest vnode's arc for lightly loaded nodes.
     * @param own the node's vnodes
     * @param cold nodes known with their loads
     * @param action has the mean and the load; receives the vnode and the recruits
     * @param cut where the keys lie
     * @param uniform draws in [0, 1)
     * @return false if nobody can be recruited
     */
    bool PlanRecruits(const std::vector<Own>& own,
                      const std::map<uint32_t, uint64_t>& cold,
                      Action& action,
                      const CutAt& cut,
                      const std::function<double()>& uniform) const;

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
