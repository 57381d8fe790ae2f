/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_RANGE_SERVER_H
#define LEAD_RANGE_SERVER_H

#include "lead-header.h"
#include "lead-key-store.h"

#include "ns3/packet.h"
#include "ns3/ptr.h"

#include <cstdint>
#include <functional>
#include <vector>

namespace ns3
{
namespace lead
{

class LeadGroupLeader;
class LeadRangeHeader;
class LeadVnode;
class LeadVnodeHost;

/**
 * @ingroup lead
 * @brief The server side of range queries on one node: a vnode that receives RANGE_SCAN
 * reports to the client (RANGE_PART, split into messages that fit in a datagram) the stored
 * keys of the range whose ring position lies on its part of the walk, (previous vnode,
 * itself], from its store and, for a predecessor that failed, from its replicas; then, in a
 * chain walk, it passes the scan to its successor unless it owns the end's position or the
 * count is reached (a successor that does not answer is dropped and the next one asked). In
 * a client walk it answers the scan with its successors instead. An exact-arc scan reads one
 * position or one sub-arc and does not walk. On a two-tier group leader the scan is fanned
 * out to the members (LeadGroupLeader).
 *
 * Simulator-free.
 */
class LeadRangeServer
{
  public:
    /**
     * @brief Create the server and register it for RANGE_SCAN with the host.
     * @param host the node's host
     */
    explicit LeadRangeServer(LeadVnodeHost& host);

    LeadRangeServer(const LeadRangeServer&) = delete;
    LeadRangeServer& operator=(const LeadRangeServer&) = delete;

    /**
     * @brief Fan scans out through a group leader policy (nullptr: none).
     * @param leader the policy (kept by pointer)
     */
    void SetLeader(LeadGroupLeader* leader);

    /**
     * @brief While keys move to a new model's positions: also report the keys whose position
     * under a recent previous model lies on the scanned arc (a client still on that model walks
     * its arcs). Empty: only the current positions.
     * @param hashes the recent models' hashes
     */
    void SetPreviousHashes(std::vector<std::function<uint64_t(uint64_t)>> hashes);

    /// Longest successor walk of a range query.
    static constexpr uint16_t MAX_WALK{4096};
    /// Successors a vnode names in its answer to a client-driven scan (the first is the next
    /// step, the others are fallbacks if it died).
    static constexpr size_t MAX_ANSWER_SUCCESSORS{4};

  private:
    void OnScan(LeadVnode& at, const LeadHeader& h, Ptr<Packet> body, uint32_t from);

    /**
     * @brief Fan-out walk: send the scan to every successor known whose arc the range covers.
     * @param at the vnode that reported its part
     * @param scan the scan it received
     */
    void FanOut(LeadVnode& at, const LeadRangeHeader& scan);

    /**
     * @brief Whether a vnode owns the whole exact arc of a scan sent from a one-hop view:
     * it is joined, not retired, not a group leader, and (prevId, endHash] lies in
     * (predecessor, self].
     * @param at the vnode
     * @param scan the scan
     * @return true if the vnode may answer it
     */
    bool OwnsWholly(const LeadVnode& at, const LeadRangeHeader& scan) const;

    /**
     * @brief Send a scan to a vnode; if it does not answer, to the next fallback, and past the
     * last to the owner of the dead vnode's id (a lookup).
     * @param at the sender
     * @param scan the scan
     * @param to the receiver
     * @param fallbacks where to send it instead
     */
    void SendTo(LeadVnode& at,
                const LeadRangeHeader& scan,
                const VnodeRef& to,
                std::vector<VnodeRef> fallbacks);
    void OnLeaderScan(LeadVnode& at,
                      const LeadHeader& h,
                      const LeadRangeHeader& scan,
                      uint32_t from);
    std::vector<LeadKeyStore::Item> CollectPart(const LeadVnode& at,
                                                const LeadRangeHeader& scan) const;
    void SendParts(LeadVnode& at,
                   const LeadHeader& h,
                   const LeadRangeHeader& scan,
                   const std::vector<LeadKeyStore::Item>& items,
                   bool last);
    void AnswerScan(const LeadVnode& at,
                    const LeadHeader& h,
                    uint32_t from,
                    const LeadRangeHeader& scan,
                    bool last,
                    uint64_t keys,
                    uint16_t steps);
    void ForwardScan(LeadVnode& v, const LeadRangeHeader& scan);

    LeadVnodeHost& m_host;                                           //!< the node
    LeadGroupLeader* m_leader{nullptr};                              //!< two-tier fan-out
    std::vector<std::function<uint64_t(uint64_t)>> m_previousHashes; //!< during model changes
};

} // namespace lead
} // namespace ns3

#endif // LEAD_RANGE_SERVER_H
