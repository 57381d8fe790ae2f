/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_VNODE_H
#define LEAD_VNODE_H

#include "lead-environment.h"
#include "lead-header.h"
#include "lead-key-store.h"
#include "lead-routing-table.h"
#include "lead-stabilizer.h"
#include "lead-vnode-config.h"
#include "lead-vnode-ref.h"

#include "ns3/nstime.h"
#include "ns3/packet.h"
#include "ns3/ptr.h"

#include <memory>
#include <optional>
#include <set>
#include <vector>

namespace ns3
{
namespace lead
{

class LeadLookupClient;
class LeadLookupHeader;
class LeadVnode;
class LeadVnodeContext;
struct LookupResult;

/**
 * @ingroup lead
 * @brief What a vnode reports to, and asks of, the node that hosts it.
 */
class LeadVnodeObserver
{
  public:
    virtual ~LeadVnodeObserver() = default;

    /**
     * @brief The vnode became part of the ring.
     * @param v the vnode
     */
    virtual void VnodeJoined(LeadVnode& v) = 0;

    /**
     * @brief The vnode is no longer part of the ring (every successor failed, or it stopped).
     * @param v the vnode
     */
    virtual void VnodeDeparted(LeadVnode& v) = 0;

    /**
     * @brief The vnode's predecessor changed, so the arc it owns did.
     * @param v the vnode
     * @param oldPredecessor the predecessor before
     */
    virtual void PredecessorChanged(LeadVnode& v, std::optional<VnodeRef> oldPredecessor) = 0;

    /**
     * @brief The vnode leaves gracefully; called before it sends the LEAVE notices, so that
     * its keys go to the heir first.
     * @param v the vnode
     * @param heir the first successor on another node (none: the last node of the ring)
     */
    virtual void VnodeLeaving(LeadVnode& v, std::optional<VnodeRef> heir) = 0;

    /**
     * @brief A joined vnode of the same node, to join through on the ring's creator.
     * @return vnode 0 if it has joined
     */
    virtual std::optional<VnodeRef> GetJoinedSibling() const = 0;

    /**
     * @brief Whether the node is leaving or stopped (no joins then).
     * @return true if no vnode may join
     */
    virtual bool IsClosing() const = 0;
};

/**
 * @ingroup lead
 * @brief One member of the Chord ring: its routing table, its stores, and the ring protocol
 * (lead-spec.md section 4): join, leave, failure handling, the answers to the ring messages
 * (neighbours, notify, hints, leave notices, alerts) and the server side of lookups (a hop of
 * a recursive lookup, a step of an iterative one). While joined, its LeadStabilizer runs the
 * periodic maintenance.
 *
 * Simulator-free: it reaches the world only through its LeadVnodeContext (requests, replies,
 * one-way messages, time, timers, random draws), the node's LeadLookupClient (lookups it
 * starts for joins, fingers and probes) and its LeadVnodeObserver.
 */
class LeadVnode
{
  public:
    /**
     * @brief Create a vnode that has not joined.
     * @param self its identity
     * @param config the node's settings (kept by reference)
     * @param ctx the world
     * @param lookups the node's lookup client
     * @param observer the hosting node
     */
    LeadVnode(const VnodeRef& self,
              const LeadVnodeConfig& config,
              LeadVnodeContext& ctx,
              LeadLookupClient& lookups,
              LeadVnodeObserver& observer);
    ~LeadVnode();

    LeadVnode(const LeadVnode&) = delete;
    LeadVnode& operator=(const LeadVnode&) = delete;

    /**
     * @brief Start joining (or create the ring on the creator's vnode 0).
     */
    void Start();

    /**
     * @brief Stop every timer and leave the ring without telling anyone (crash or stop).
     */
    void Stop();

    /**
     * @brief Leave gracefully: stop the timers, let the observer hand the keys to the heir,
     * and send LEAVE, with the predecessor and successors, to the heir and the predecessor.
     * The vnode still answers until Stop().
     * @param alone true when only this vnode leaves (a retired shadow vnode): the heir is its
     * successor and its neighbours may be on its own node; false when the whole node leaves:
     * the heir is the first successor on another node and the node's other vnodes are left out
     * of the notice (they leave too)
     */
    void Leave(bool alone = false);

    /**
     * @brief Handle a ring message addressed to this vnode (FIND_SUCCESSOR, GET_NEIGHBORS,
     * NOTIFY, SUCC_HINT, PING, LEAVE, ALERT).
     * @param h its header
     * @param body its body
     * @param from sender address
     */
    void Handle(const LeadHeader& h, Ptr<Packet> body, uint32_t from);

    /**
     * @brief Route a lookup one hop: answer its origin if the successor owns the target,
     * else pass it to the closest preceding vnode. A hop that does not answer (HopAttempts
     * attempts) is routed around at once, with the other vnodes of its host, and checked in
     * the background.
     * @param lookup the lookup
     * @param purpose its traffic class
     * @param avoidHosts physical nodes (addresses) that did not answer this lookup here
     */
    void ForwardLookup(const LeadLookupHeader& lookup,
                       LeadPurpose purpose,
                       std::vector<uint32_t> avoidHosts = {});

    /**
     * @brief PING a vnode that did not answer (a lookup hop, or named by an ALERT) and drop
     * it if it stays silent; one check per vnode at a time.
     * @param peer the vnode
     * @param attempts PING attempts (0: RpcMaxAttempts)
     */
    void CheckSuspect(const VnodeRef& peer, uint32_t attempts = 0);

    /**
     * @brief A vnode to route a lookup through while this one is not in the ring: the node's
     * joined vnode 0 on the ring's creator, else a random bootstrap node (any vnode there).
     * @return the first hop, or nothing if there is nobody to ask
     */
    std::optional<VnodeRef> BootstrapVia();

    /**
     * @brief Forget a vnode that did not answer.
     * @param peer the vnode
     */
    void SuspectFailed(const VnodeRef& peer);

    /**
     * @brief The vnode's identity.
     * @return the reference
     */
    const VnodeRef& GetSelf() const;

    /**
     * @brief Whether it is part of the ring.
     * @return true if joined
     */
    bool IsJoined() const;

    /**
     * @brief Its routing table.
     * @return the table
     */
    LeadRoutingTable& GetTable();

    /**
     * @brief Its routing table (read-only).
     * @return the table
     */
    const LeadRoutingTable& GetTable() const;

    /**
     * @brief The routing decision for a key with the configured route selection (greedy, or
     * proximity by the RPC engine's measured round trips); with peer-level routing, the best
     * of the decisions of all the joined vnodes of its node (an owner if any knows it, else
     * the hop closest before the key).
     * @param key ring position
     * @param avoidHosts physical nodes (addresses) to route around
     * @return the owner, or the next hop towards it
     */
    LeadRoutingTable::NextHop NextHop(uint64_t key,
                                      const std::vector<uint32_t>& avoidHosts = {}) const;

    /**
     * @brief The keys it owns.
     * @return the store
     */
    LeadKeyStore& GetStore();

    /**
     * @brief The keys it owns (read-only).
     * @return the store
     */
    const LeadKeyStore& GetStore() const;

    /**
     * @brief Copies of its predecessors' keys.
     * @return the store
     */
    LeadKeyStore& GetReplicas();

    /**
     * @brief Copies of its predecessors' keys (read-only).
     * @return the store
     */
    const LeadKeyStore& GetReplicas() const;

    /**
     * @brief The last predecessor it knew (kept when the predecessor is lost for a while).
     * @return the predecessor's id, if one was ever known
     */
    std::optional<uint64_t> GetLastPredecessor() const;

  private:
    friend class LeadStabilizer; // it calls Depart() when every successor failed

    /**
     * @brief The routing decision from this vnode's own table.
     * @param key ring position
     * @param avoidHosts physical nodes (addresses) to route around
     * @return the owner, or the next hop towards it
     */
    LeadRoutingTable::NextHop TableHop(uint64_t key, const std::vector<uint32_t>& avoidHosts) const;

    void TryJoin();
    void OnJoinLookup(const LookupResult& r, const std::vector<VnodeRef>& succs);
    void MarkJoined();
    void Depart();
    void OnFindSuccessor(const LeadHeader& h, Ptr<Packet> body, uint32_t from);
    void AnswerIterative(const LeadHeader& h, const LeadLookupHeader& lk, uint32_t from);
    void OnGetNeighbors(const LeadHeader& h, Ptr<Packet> body, uint32_t from);
    void OnNotify(const LeadHeader& h, uint32_t from);
    void OnSuccessorHint(const LeadHeader& h, Ptr<Packet> body, uint32_t from);
    void OnLeave(const LeadHeader& h, Ptr<Packet> body, uint32_t from);
    void OnAlert(const LeadHeader& h, Ptr<Packet> body, uint32_t from);
    void PredecessorUpdated(std::optional<VnodeRef> oldPredecessor);
    void AddOwnerAndSuccessors(const VnodeRef& owner,
                               uint8_t wanted,
                               std::vector<VnodeRef>& nodes) const;
    void CancelTimers();

    VnodeRef m_self;                           //!< identity
    const LeadVnodeConfig& m_config;           //!< the node's settings
    LeadVnodeContext& m_ctx;                   //!< the world
    LeadLookupClient& m_lookups;               //!< lookups it starts
    LeadVnodeObserver& m_observer;             //!< the hosting node
    std::unique_ptr<LeadRoutingTable> m_table; //!< routing state
    LeadKeyStore m_store;                      //!< keys it owns
    LeadKeyStore m_replicas;                   //!< copies of its predecessors' keys
    bool m_joined{false};                      //!< part of the ring
    bool m_stopped{false};                     //!< stopped: no more joins
    std::set<uint64_t> m_checking;             //!< vnodes being checked (CheckSuspect)
    LeadEnvironment::TimerId m_joinTimer{0};   //!< next join attempt
    LeadStabilizer m_stabilizer;               //!< ring maintenance while joined
    std::optional<uint64_t> m_lastPredecessor; //!< last predecessor known
    bool m_left{false};                        //!< it left (Leave) and has not started again
};

} // namespace lead
} // namespace ns3

#endif // LEAD_VNODE_H
