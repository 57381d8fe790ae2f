/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_STABILIZER_H
#define LEAD_STABILIZER_H

#include "lead-environment.h"
#include "lead-vnode-config.h"
#include "lead-vnode-ref.h"

#include "ns3/nstime.h"
#include "ns3/packet.h"
#include "ns3/ptr.h"

namespace ns3
{
namespace lead
{

class LeadLookupClient;
class LeadRoutingTable;
class LeadVnode;
class LeadVnodeContext;

/**
 * @ingroup lead
 * @brief The periodic maintenance of one joined vnode (lead-spec.md 4.6 and 4.7).
 *
 * Every StabilizeInterval (jittered by +-10 %): ask the successor for its predecessor (and,
 * every SuccessorListInterval, its successor list), adopt that predecessor if it lies between,
 * NOTIFY the successor, and ask the predecessor for its successor (which is also its liveness
 * check). Every FingerInterval: ping the fingers not heard from lately and look up the empty
 * slots. A vnode whose every successor failed leaves the ring and joins again.
 *
 * Beyond the authors' protocol, the repairs for concurrent joins (doc/lead.rst, "Concurrent
 * joins"): successor hints (SUCC_HINT, SuccessorHints) and, for JoinProbeTime after joining,
 * a self-probe: a lookup of the vnode's own id through a far vnode every round, until three in
 * a row find it in place.
 *
 * Simulator-free, like the vnode it belongs to.
 */
class LeadStabilizer
{
  public:
    /**
     * @brief Maintenance for a vnode (idle until Start).
     * @param vnode the vnode
     * @param config the node's settings
     * @param ctx the world
     * @param lookups the node's lookup client
     */
    LeadStabilizer(LeadVnode& vnode,
                   const LeadVnodeConfig& config,
                   LeadVnodeContext& ctx,
                   LeadLookupClient& lookups);
    ~LeadStabilizer();

    LeadStabilizer(const LeadStabilizer&) = delete;
    LeadStabilizer& operator=(const LeadStabilizer&) = delete;

    /**
     * @brief The vnode joined: first rounds soon, then periodic.
     */
    void Start();

    /**
     * @brief Stop every round.
     */
    void Stop();

    /**
     * @brief A vnode between ours and its successor is a closer successor: adopt it, pass
     * the dropped successor on to it (two strands zip together), and verify it at once.
     * @param candidate the vnode
     */
    void AdoptCloserSuccessor(const VnodeRef& candidate);

  private:
    LeadRoutingTable& Table();
    const VnodeRef& Self() const;
    void Stabilize();
    void OnSuccessorNeighbors(const VnodeRef& succ, bool refreshList, Ptr<Packet> p);
    void CheckPredecessor();
    /**
     * @brief The successor did not answer (every attempt): drop it, tell the next successor
     * with an ALERT (lead-spec.md 4.6) and stabilise with that one at once.
     * @param succ the silent successor
     */
    void SuccessorFailed(const VnodeRef& succ);
    /**
     * @brief A suspected vnode is reported between us and our successor: PING it once and
     * adopt it if it answers.
     * @param candidate the vnode
     */
    void VerifyThenAdopt(const VnodeRef& candidate);
    void StabilizeSoon();
    void SendSuccessorHint(const VnodeRef& to, const VnodeRef& candidate);
    void FixFingers();

    /**
     * @brief Proximity neighbour selection: offer the vnodes a finger lookup named that lie in
     * the slot (measured ones at once, the others once a PING has measured them).
     * @param slotStart start of the slot
     * @param nodes the slot start's owner and its successors
     */
    void OfferFingers(uint64_t slotStart, const std::vector<VnodeRef>& nodes);
    void ProbeOwnPosition();

    LeadVnode& m_vnode;                           //!< the vnode
    const LeadVnodeConfig& m_config;              //!< the node's settings
    LeadVnodeContext& m_ctx;                      //!< the world
    LeadLookupClient& m_lookups;                  //!< lookups it starts
    LeadEnvironment::TimerId m_stabilizeTimer{0}; //!< next stabilisation round
    LeadEnvironment::TimerId m_fingerTimer{0};    //!< next finger round
    Time m_lastSuccListRefresh;                   //!< time of the last successor-list refresh
    Time m_joinedAt;                              //!< time it (last) joined the ring
    uint32_t m_probesConfirmed{0};                //!< self-probes in a row that found it in place
};

} // namespace lead
} // namespace ns3

#endif // LEAD_STABILIZER_H
