/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_HEARTBEAT_SERVICE_H
#define LEAD_HEARTBEAT_SERVICE_H

#include "lead-environment.h"
#include "lead-header.h"

#include "ns3/nstime.h"
#include "ns3/packet.h"

#include <cstdint>
#include <functional>
#include <map>

namespace ns3
{
namespace lead
{

class LeadHeartbeatHeader;
class LeadVnode;
class LeadVnodeHost;

/**
 * @ingroup lead
 * @brief Heartbeats of the collaborative model update (lead-spec.md 8, step 2): every interval
 * each joined vnode tells its predecessor and successors its model version, whether it is
 * ready (drift) and how many keys it owns (HEARTBEAT, one-way, purpose MODEL), and keeps what
 * its neighbours told it. A vnode sees from them whether a quorum of its neighbourhood is
 * ready (the coordinator's trigger) and their load (the dynamic balancer's input).
 */
class LeadHeartbeatService
{
  public:
    /// What a neighbour last said.
    struct Neighbour
    {
        uint32_t version{0};  //!< model version
        bool ready{false};    //!< ready to refine its leaves
        uint64_t keys{0};     //!< keys it owns
        uint64_t peerKeys{0}; //!< keys its physical node owns
        uint32_t address{0};  //!< its node's address
        Time heard;           //!< when
    };

    /// A vnode's own state for its heartbeat.
    struct State
    {
        bool ready{false};    //!< ready to refine its leaves
        uint64_t keys{0};     //!< keys it owns
        uint64_t peerKeys{0}; //!< keys its node owns
    };

    /// The state of a vnode, by index.
    using StateOf = std::function<State(uint16_t index)>;

    /**
     * @brief Register with a host and start beating (an interval of 0: never beat, only
     * listen).
     * @param host the vnode host
     * @param interval time between heartbeats
     * @param state the vnodes' own state
     */
    LeadHeartbeatService(LeadVnodeHost& host, Time interval, StateOf state);
    ~LeadHeartbeatService();

    LeadHeartbeatService(const LeadHeartbeatService&) = delete;
    LeadHeartbeatService& operator=(const LeadHeartbeatService&) = delete;

    /**
     * @brief The neighbours a vnode heard from within three intervals.
     * @param index the vnode
     * @return vnode id -> what it said
     */
    std::map<uint64_t, Neighbour> GetNeighbours(uint16_t index) const;

    /**
     * @brief Share of those neighbours that are ready.
     * @param index the vnode
     * @return the share (0 with no neighbour)
     */
    double GetReadyShare(uint16_t index) const;

    /**
     * @brief Spread rumours of lightly loaded nodes (the dynamic balancer's gossip): every
     * heartbeat also carries one of the three least loaded nodes the sender knows of (itself,
     * the nodes it heard from, the rumours it received), with the rumour's age; a rumour older
     * than `maxAge` is forgotten.
     * @param maxAge how long a rumour counts
     */
    void EnableColdRumours(Time maxAge);

    /**
     * @brief The nodes known with their loads (heard from directly or by rumour, within the
     * rumours' maximum age), this node excluded.
     * @return address -> keys its node owns
     */
    std::map<uint32_t, uint64_t> GetColdNodes() const;

  private:
    /// Send every joined vnode's heartbeat, and schedule the next round.
    void Beat();

    /**
     * @brief A heartbeat arrived.
     * @param at the addressed vnode
     * @param h header
     * @param body body
     * @param from sender address
     */
    void OnHeartbeat(LeadVnode& at, const LeadHeader& h, Ptr<Packet> body, uint32_t from);

    /// A node's load, as said at a time.
    struct Rumour
    {
        uint64_t keys{0}; //!< keys the node owns
        Time said;        //!< when it said so
    };

    /**
     * @brief Note a node's load if it is newer than what is known.
     * @param address the node
     * @param keys its keys
     * @param said when it said so
     */
    void NoteLoad(uint32_t address, uint64_t keys, Time said);

    /**
     * @brief The rumour to send: one of the three least loaded nodes known (this one included).
     * @param ownKeys this node's keys
     * @param hb receives the rumour
     */
    void PickRumour(uint64_t ownKeys, LeadHeartbeatHeader& hb);

    LeadVnodeHost& m_host;                                     //!< the host
    Time m_interval;                                           //!< between rounds
    StateOf m_state;                                           //!< own state
    LeadEnvironment::TimerId m_timer{0};                       //!< next round
    std::map<uint16_t, std::map<uint64_t, Neighbour>> m_heard; //!< per vnode, per neighbour
    Time m_rumourAge;                                          //!< 0: no rumours
    std::map<uint32_t, Rumour> m_loads;                        //!< nodes' loads, by address
};

} // namespace lead
} // namespace ns3

#endif // LEAD_HEARTBEAT_SERVICE_H
