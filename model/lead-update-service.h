/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_UPDATE_SERVICE_H
#define LEAD_UPDATE_SERVICE_H

#include "lead-leaf-aggregator.h"
#include "lead-results.h"
#include "lead-update-plan.h"

#include "ns3/nstime.h"
#include "ns3/packet.h"

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <vector>

namespace ns3
{
namespace lead
{

class LeadHeader;
class LeadUpdateHeader;
class LeadVnode;
class LeadVnodeHost;

/**
 * @ingroup lead
 * @brief The collaborative model update (lead-spec.md 8): rounds with a transient
 * coordinator, and the announcement of each new version along a tree over fingers.
 *
 * Every check interval, a joined vnode that is ready (its drift reached DriftThreshold) and
 * sees at least Quorum of its ring neighbours ready in their heartbeats coordinates a round,
 * unless it takes part in another one or a ready neighbour ranks before it (Priority: a
 * mix of id and model version, so that where every vnode is ready only a few coordinate, and
 * others in the next version):
 * 1. PULL to its predecessor and successors: each answers, unless busy in another round or on
 *    another model version, with its arc and its keys per leaf, and stays locked to this round
 *    for LockTime.
 * 2. REFIT: the coordinator plans (LeadUpdatePlan) and sends each participant its rank
 *    intervals; each refits its pieces of the leaves on its own keys and sends them back.
 * 3. The coordinator checks the pieces (Validate), combines them per leaf (Aggregation), makes
 *    the next version, installs it and sends MODEL_ANNOUNCE to the vnodes it knows between
 *    itself and all the ring, each with the interval up to the next of them: every receiver
 *    fetches the model from its sender (LeadModelService) and forwards the announcement within
 *    its interval once installed, so every vnode is reached once, along a tree.
 * A version number holds a round counter in its upper 16 bits and the top 16 bits of the
 * coordinator's id in the lower 16: of two concurrent rounds on the same version the higher
 * (round, coordinator) wins everywhere, and the loser's vnodes, whose keys did not move and
 * whose drift therefore stays, take part in a later round.
 */
class LeadUpdateService
{
  public:
    /// Settings (LeadNodeApp attributes).
    struct Config
    {
        Time checkInterval;        //!< 0: never coordinate
        double quorum{0.9};        //!< [Quorum]
        Time lockTime{Seconds(5)}; //!< [UpdateLockTime]
        LeadLeafAggregator::Method method{LeadLeafAggregator::WEIGHTED_MEAN}; //!< [Aggregation]
        bool validate{true}; //!< [UpdateValidation]
        bool hostile{false}; //!< [HostileUpdates]
    };

    /// What the service needs from the node.
    struct Hooks
    {
        std::function<Ptr<LearnedHashModel>()> model;       //!< the node's model
        std::function<bool(Ptr<LearnedHashModel>)> install; //!< install a newer version
        std::function<bool(uint16_t)> ready;        //!< a vnode's drift is past the threshold
        std::function<double(uint16_t)> readyShare; //!< share of its neighbours ready
        std::function<std::vector<uint64_t>(uint16_t)> readyNeighbours; //!< their ids
        std::function<void(uint16_t)> resetDrift; //!< count a vnode's drift anew
    };

    /// Called once per round this node coordinated.
    using RoundCallback = std::function<void(const ModelUpdateRoundResult&)>;

    /**
     * @brief Serve UPDATE and MODEL_ANNOUNCE on a host and start checking.
     * @param host the vnode host
     * @param config settings
     * @param hooks the node's side
     */
    LeadUpdateService(LeadVnodeHost& host, const Config& config, Hooks hooks);
    ~LeadUpdateService();

    LeadUpdateService(const LeadUpdateService&) = delete;
    LeadUpdateService& operator=(const LeadUpdateService&) = delete;

    /**
     * @brief Set the round listener.
     * @param cb the callback
     */
    void SetRoundCallback(RoundCallback cb);

    /**
     * @brief The node installed a version: reset the drift of the vnodes whose round made it,
     * and forward the announcements that waited for it.
     * @param version the version
     */
    void Installed(uint32_t version);

    /**
     * @brief Coordinate a round from a vnode now, ready or not (tests and experiments).
     * @param index the vnode
     * @return false if it cannot (not joined, no predecessor, a round under way, locked, or a
     * model without leaves)
     */
    bool StartRound(uint16_t index);

    /**
     * @brief The version a round on `current` makes.
     * @param current the version refined
     * @param coordinator the coordinator's vnode id
     * @return the next round counter in the upper 16 bits, the id's top 16 bits below
     */
    static uint32_t NextVersion(uint32_t current, uint64_t coordinator);

    /**
     * @brief A vnode's rank among ready neighbours for coordinating on a version (lowest
     * first).
     * @param id the vnode id
     * @param version the model version
     * @return a well-mixed function of both
     */
    static uint64_t Priority(uint64_t id, uint32_t version);

  private:
    /// The round this node coordinates.
    struct Round;

    /// A participant's lock.
    struct Lock
    {
        uint64_t round{0}; //!< the coordinator's id
        Time until;        //!< expiry
    };

    /// An announcement waiting for its version to be installed.
    struct Pending
    {
        uint16_t index{0};   //!< receiving vnode
        uint64_t limit{0};   //!< forwarding interval end
        uint32_t version{0}; //!< version announced
    };

    void Check();
    void OnMessage(LeadVnode& at, const LeadHeader& h, Ptr<Packet> body, uint32_t from);
    void ServePull(LeadVnode& at, const LeadHeader& h, const LeadUpdateHeader& req, uint32_t from);
    void ServeRefit(LeadVnode& at, const LeadHeader& h, const LeadUpdateHeader& req, uint32_t from);
    void OnAnnounce(LeadVnode& at, const LeadUpdateHeader& a);
    LeadUpdatePlan::Report MakeReport(LeadVnode& v) const;
    std::vector<std::pair<uint32_t, LeafParams>> Refit(
        LeadVnode& v,
        const std::vector<LeadUpdatePlan::Assignment>& assignments) const;
    bool TryLock(uint16_t index, uint64_t round);
    /**
     * @brief Send a round's request and hand its answer on (nullptr: silent or malformed, the
     * latter counted as a drop); answers to a round that ended meanwhile are ignored.
     * @param from the asking vnode
     * @param to the participant
     * @param req the request
     * @param done the answer's handler
     */
    void Ask(const VnodeRef& from,
             const VnodeRef& to,
             const LeadUpdateHeader& req,
             std::function<void(const LeadUpdateHeader* answer)> done);
    void SendPull(LeadVnode& v, const VnodeRef& t);
    void PullDone();
    void SendRefit(LeadVnode& self,
                   uint64_t id,
                   const std::vector<LeadUpdatePlan::Assignment>& assignments);
    void RefitDone();
    void Finish(const std::string& outcome);
    void Forward(uint16_t index, uint64_t limit, uint32_t version);

    LeadVnodeHost& m_host;                    //!< the host
    Config m_config;                          //!< settings
    Hooks m_hooks;                            //!< the node's side
    RoundCallback m_onRound;                  //!< listener
    uint64_t m_timer{0};                      //!< next check
    std::unique_ptr<Round> m_round;           //!< round under way (coordinator)
    uint64_t m_serial{0};                     //!< rounds started (stale replies are ignored)
    std::map<uint16_t, Lock> m_locks;         //!< per vnode
    std::map<uint16_t, uint32_t> m_roundOf;   //!< per vnode: the version its last round makes
    std::map<uint16_t, uint32_t> m_announced; //!< per vnode: newest version announced to it
    std::vector<Pending> m_pending;           //!< announcements to forward once installed
};

} // namespace lead
} // namespace ns3

#endif // LEAD_UPDATE_SERVICE_H
