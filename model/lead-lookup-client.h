/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_LOOKUP_CLIENT_H
#define LEAD_LOOKUP_CLIENT_H

#include "lead-environment.h"
#include "lead-header.h"
#include "lead-results.h"
#include "lead-vnode-config.h"
#include "lead-vnode-ref.h"

#include "ns3/packet.h"
#include "ns3/ptr.h"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <vector>

namespace ns3
{
namespace lead
{

class LeadVnode;
class LeadVnodeContext;

/**
 * @ingroup lead
 * @brief The origin side of lookups on one node: it starts a lookup from one of the node's
 * vnodes, waits for the answer (at most LookupTimeout) and reports it once.
 *
 * Two strategies (LookupMode): recursive, where the origin vnode routes the lookup like any
 * hop (LeadVnode::ForwardLookup) and the vnode before the owner answers the origin directly
 * (p2psim's recurs=1, recurs_direct=1); and iterative, where the origin asks each hop for the
 * next one and walks on itself (recurs=0), routing around a hop that does not answer.
 *
 * The direct answer of a recursive lookup is not acknowledged, and a hop may crash after it
 * accepted the lookup. So the origin sends the lookup again (same lookup id) if no answer
 * came within MaxLookupTime, then after twice that, and so on, until LookupTimeout: the first
 * answer to any attempt completes it. A lookup answered at or after MaxLookupTime still
 * counts as failed in the statistics (LookupResult::success), as in p2psim.
 *
 * Hops are counted as Chord and p2psim count them: the forwarding messages on the path, the
 * origin's first send included, the answer to the origin not included (0 when the origin's own
 * successor owns the target).
 *
 * Simulator-free.
 */
class LeadLookupClient
{
  public:
    /// Called once with the result and, when answered, the owner followed by its successors.
    using DoneCallback =
        std::function<void(const LookupResult& result, const std::vector<VnodeRef>& nodes)>;
    /// Finds a vnode of this node by index (nullptr if there is none).
    using VnodeResolver = std::function<LeadVnode*(uint16_t index)>;

    /**
     * @brief Create the client.
     * @param config the node's settings (kept by reference)
     * @param ctx the world
     * @param vnodes finds the origin vnode of a lookup
     */
    LeadLookupClient(const LeadVnodeConfig& config, LeadVnodeContext& ctx, VnodeResolver vnodes);

    /**
     * @brief Start a lookup under the current operation.
     * @param origin the vnode it starts from
     * @param target ring position
     * @param purpose traffic class (JOIN lookups ask for a whole successor list)
     * @param done called once (may be empty)
     * @param via a first hop to send the lookup to instead of routing it at the origin (a
     * bootstrap vnode, for a vnode that has not joined; a far vnode, for the self-probe)
     * @return the lookup id
     */
    uint32_t Start(const LeadVnode& origin,
                   uint64_t target,
                   LeadPurpose purpose,
                   DoneCallback done,
                   std::optional<VnodeRef> via = std::nullopt);

    /**
     * @brief Find the vnode that holds a dead vnode's arc now: the owner of the position just
     * after its id (it also holds the dead vnode's replicas).
     * @param origin the vnode the lookup starts from
     * @param dead the vnode that did not answer
     * @param purpose traffic class
     * @param then called with that owner, if the lookup is answered by another vnode
     */
    void FindHeir(const LeadVnode& origin,
                  const VnodeRef& dead,
                  LeadPurpose purpose,
                  std::function<void(const VnodeRef&)> then);

    /**
     * @brief A FIND_SUCCESSOR_REPLY arrived for one of this node's lookups.
     * @param body its body
     */
    void OnReply(Ptr<Packet> body);

    /**
     * @brief Forget every lookup in progress without reporting it (application stop).
     */
    void CancelAll();

    /**
     * @brief Report every finished lookup here too (the LookupDone trace).
     * @param publish called once per lookup, before its own callback, under the lookup's
     * operation (it may complete the result, e.g. with the costs)
     */
    void SetPublish(std::function<void(LookupResult&)> publish);

    /**
     * @brief Lookups in progress.
     * @return count
     */
    size_t GetPending() const;

  private:
    /// A lookup waiting for its answer.
    struct Pending
    {
        uint16_t vnode{0};                 //!< origin vnode index
        LookupResult result;               //!< filled in as it goes
        Time start;                        //!< issue time
        DoneCallback done;                 //!< completion
        LeadEnvironment::TimerId timer{0}; //!< LookupTimeout expiry
        LeadEnvironment::TimerId retry{0}; //!< next attempt (recursive lookups)
        Time retryAfter;                   //!< wait before the next attempt
        std::optional<VnodeRef> via;       //!< given first hop
        uint64_t op{0};                    //!< operation it serves
    };

    /**
     * @brief Send (or send again) a recursive lookup and arm its retry.
     * @param id lookup id
     */
    void SendRecursive(uint32_t id);

    void IterativeStep(uint32_t id, const VnodeRef& ask, uint32_t hops);
    void OnIterativeAnswer(uint32_t id, uint32_t hops, Ptr<Packet> p);
    void OnIterativeFailure(uint32_t id, const VnodeRef& ask);
    void Complete(uint32_t id, const std::vector<VnodeRef>& nodes, uint32_t hops);
    void Finish(uint32_t id, bool answered, const std::vector<VnodeRef>& nodes = {});
    uint8_t Wanted(LeadPurpose purpose) const;

    const LeadVnodeConfig& m_config;              //!< settings
    LeadVnodeContext& m_ctx;                      //!< the world
    VnodeResolver m_vnodes;                       //!< origin vnodes
    std::function<void(LookupResult&)> m_publish; //!< LookupDone trace
    std::map<uint32_t, Pending> m_pending;        //!< lookups in flight
    uint32_t m_nextId{1};                         //!< next lookup id
};

} // namespace lead
} // namespace ns3

#endif // LEAD_LOOKUP_CLIENT_H
