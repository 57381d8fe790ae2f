/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_MEMBERSHIP_SERVICE_H
#define LEAD_MEMBERSHIP_SERVICE_H

#include "lead-environment.h"
#include "lead-header.h"
#include "lead-membership-view.h"

#include "ns3/nstime.h"
#include "ns3/packet.h"

#include <cstdint>
#include <map>
#include <optional>

namespace ns3
{
namespace lead
{

class LeadVnode;
class LeadVnodeHost;

/**
 * @ingroup lead
 * @brief Keeps a node's one-hop view of the ring (LeadMembershipView) current: events about
 * joins, graceful leaves and failures spread by push gossip, and a periodic digest exchange
 * repairs what gossip missed.
 *
 * - A vnode of this node that joins is announced alive; one that leaves gracefully (or is
 *   retired by the balancer) is announced dead; a vnode whose predecessor changed to one
 *   farther back announces the old predecessor dead (Chord's successor is the natural
 *   detector of its predecessor's failure). Each event carries its simulated time.
 * - Gossip: an event new to the view is passed on for `rounds` gossip intervals, every
 *   interval to `fanout` nodes drawn from the live view (VIEW_GOSSIP, one-way; rounds 0:
 *   ceil(log2(nodes)) + 1).
 * - Synchronisation (push-pull anti-entropy): every `syncInterval` (and when the node's first
 *   vnode joins, with its successor's node) the node sends a random node its digest and its
 *   own vnodes' events (VIEW_SYNC); the answer carries the other node's events when the
 *   digests differ, and if the other node's digest still differs from ours after we took
 *   them, we send it ours (VIEW_GOSSIP). Agreeing nodes exchange only digests.
 * - A node that hears its own live vnode declared dead announces it alive again, later.
 *
 * All traffic has purpose MEMBERSHIP, so its bytes are counted apart.
 */
class LeadMembershipService
{
  public:
    /// Settings.
    struct Config
    {
        Time gossipInterval{Seconds(1)};  //!< between gossip rounds
        uint32_t fanout{3};               //!< nodes per round
        uint32_t rounds{0};               //!< rounds an event is passed on (0: from the size)
        Time syncInterval{Seconds(5)};    //!< between digest exchanges (0: none)
        Time tombstoneLife{Seconds(600)}; //!< how long a dead vnode is remembered
    };

    /**
     * @brief Register with a host (handlers, listeners) and start the timers.
     * @param host the vnode host
     * @param config the settings
     */
    LeadMembershipService(LeadVnodeHost& host, const Config& config);
    ~LeadMembershipService();

    LeadMembershipService(const LeadMembershipService&) = delete;
    LeadMembershipService& operator=(const LeadMembershipService&) = delete;

    /**
     * @brief The view.
     * @return the view
     */
    const LeadMembershipView& GetView() const;

  private:
    /**
     * @brief Take an event into the view; if it is new, pass it on for the next rounds.
     * @param e the event
     * @return true if the view took it
     */
    bool Learn(const LeadMembershipView::Event& e);

    /**
     * @brief Learn events that arrived; refute any that declares a live vnode of ours dead.
     * @param events the events
     */
    void LearnAll(const std::vector<LeadMembershipView::Event>& events);

    /// Send the events still to pass on to `fanout` nodes, and schedule the next round.
    void Gossip();

    /**
     * @brief Send a digest and our vnodes' events to a node (a random live one if none).
     * @param to the node's address (0: draw one)
     */
    void Sync(uint32_t to);

    /// Periodic synchronisation and tombstone collection.
    void SyncRound();

    /**
     * @brief VIEW_GOSSIP arrived.
     * @param at the addressed vnode
     * @param h header
     * @param body body
     * @param from sender address
     */
    void OnGossip(LeadVnode& at, const LeadHeader& h, Ptr<Packet> body, uint32_t from);

    /**
     * @brief VIEW_SYNC arrived: learn the sender's events, answer with ours if the digests
     * differ.
     * @param at the addressed vnode
     * @param h header
     * @param body body
     * @param from sender address
     */
    void OnSync(LeadVnode& at, const LeadHeader& h, Ptr<Packet> body, uint32_t from);

    /**
     * @brief Every event known, as many as fit in one message (from a random place when they
     * do not all fit).
     * @return the events
     */
    std::vector<LeadMembershipView::Event> AllEvents();

    /**
     * @brief Send events to a node (VIEW_GOSSIP, one-way).
     * @param address the node
     * @param events the events
     */
    void SendEvents(uint32_t address, const std::vector<LeadMembershipView::Event>& events);

    /**
     * @brief Our own vnodes' newest events.
     * @return the events
     */
    std::vector<LeadMembershipView::Event> OwnEvents() const;

    /**
     * @brief Up to `most` distinct live nodes other than this one, drawn at random.
     * @param most how many
     * @return their addresses
     */
    std::vector<uint32_t> DrawNodes(uint32_t most);

    /**
     * @brief A vnode of this node to send from (the client vnode).
     * @return the vnode's reference
     */
    VnodeRef From();

    LeadVnodeHost& m_host;                     //!< the host
    Config m_config;                           //!< settings
    LeadMembershipView m_view;                 //!< the view
    std::map<uint64_t, uint32_t> m_hot;        //!< vnode id -> rounds still to pass it on
    bool m_synced{false};                      //!< the first synchronisation was sent
    LeadEnvironment::TimerId m_gossipTimer{0}; //!< next gossip round
    LeadEnvironment::TimerId m_syncTimer{0};   //!< next synchronisation
};

} // namespace lead
} // namespace ns3

#endif // LEAD_MEMBERSHIP_SERVICE_H
