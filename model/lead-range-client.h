/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_RANGE_CLIENT_H
#define LEAD_RANGE_CLIENT_H

#include "lead-environment.h"
#include "lead-header.h"
#include "lead-range-header.h"
#include "lead-results.h"
#include "lead-vnode-ref.h"

#include "ns3/nstime.h"
#include "ns3/packet.h"
#include "ns3/ptr.h"

#include <functional>
#include <map>
#include <optional>
#include <vector>

namespace ns3
{
namespace lead
{

class LeadMembershipView;
class LeadVnode;
class LeadVnodeHost;

/**
 * @ingroup lead
 * @brief The client side of range queries on one node (order-preserving hashes): look up the
 * owner of the start key's position, send it RANGE_SCAN, and collect the parts (RANGE_PART)
 * that the vnodes of the walk send back until the last one has arrived.
 *
 * Two walks (RangeWalk): chain, where each vnode passes the scan to its successor (see
 * LeadRangeServer), and client, where each vnode answers with its successors and the client
 * sends the next scan itself, skipping successors that do not answer. ScanAt reads the keys
 * stored at exactly one ring position (a building block for the PHT).
 *
 * Simulator-free; every message belongs to the operation current when the query started.
 */
class LeadRangeClient
{
  public:
    /// Called once with the result.
    using DoneCallback = std::function<void(const RangeQueryResult&)>;

    /// Settings (LeadNodeApp attributes in brackets).
    struct Config
    {
        Time maxQueryTime{Seconds(10)}; //!< [MaxRangeQueryTime]
        bool clientWalk{false};         //!< [RangeWalk] is client
        bool fanOut{false};             //!< [RangeWalk] is fanout
    };

    /**
     * @brief Create the client and register it for RANGE_PART with the host.
     * @param host the node's host
     * @param config settings
     */
    LeadRangeClient(LeadVnodeHost& host, const Config& config);
    ~LeadRangeClient();

    LeadRangeClient(const LeadRangeClient&) = delete;
    LeadRangeClient& operator=(const LeadRangeClient&) = delete;

    /**
     * @brief Every stored key in [startKey, endKey] (at most `limit` of them), walking the
     * ring from the owner of startHash to the owner of endHash.
     * @param startKey first key
     * @param endKey last key
     * @param startHash ring position of startKey
     * @param endHash ring position of endKey
     * @param limit keys wanted (0: the whole range)
     * @param done called once (may be empty)
     */
    void Start(uint64_t startKey,
               uint64_t endKey,
               uint64_t startHash,
               uint64_t endHash,
               uint64_t limit,
               DoneCallback done);

    /**
     * @brief The keys in [fromKey, toKey] stored at exactly one ring position.
     * @param position the position
     * @param fromKey first key
     * @param toKey last key
     * @param done called once (may be empty)
     */
    void ScanAt(uint64_t position, uint64_t fromKey, uint64_t toKey, DoneCallback done);

    /**
     * @brief Read the keys in [fromKey, toKey] whose positions lie in the arc (after,
     * position], from the owner of `position` (the arc must be inside its arc).
     * @param after the position before the arc
     * @param position the arc's last position
     * @param fromKey first key
     * @param toKey last key
     * @param done called once with the result
     */
    void ScanArc(uint64_t after,
                 uint64_t position,
                 uint64_t fromKey,
                 uint64_t toKey,
                 DoneCallback done);

    /**
     * @brief Forget every query in progress without reporting it (application stop).
     */
    void CancelAll();

    /**
     * @brief One-hop routing (attribute OneHop): the view the owners of a range's arc are read
     * from. A query whose arc the view covers with at most MAX_DIRECT_PARTS vnodes sends each
     * of them its exact arc at once (flag checkOwner); a refusal or a silent owner starts the
     * query again with a lookup (counted in GetViewFallbacks). Count-limited queries and the
     * client-driven walk always look up.
     * @param view the view (nullptr: always look up)
     */
    void SetView(const LeadMembershipView* view);

    /**
     * @brief Queries sent from the view that had to start again with a lookup.
     * @return the count
     */
    uint64_t GetViewFallbacks() const;

    /**
     * @brief Refusals received by one-hop queries (an owner the view named no longer owned
     * the whole arc); each query falls back at most once, on its first refusal or silence.
     * @return the count
     */
    uint64_t GetViewRefusals() const;

    /// Most vnodes a one-hop query addresses directly; a longer arc is walked.
    static constexpr size_t MAX_DIRECT_PARTS{32};

    /**
     * @brief Sort a result's keys, drop repeated keys, keep the tags aligned.
     * @param res the result (tags used if as many as keys, else dropped)
     */
    static void SortItems(RangeQueryResult& res);

  private:
    /// A range query in progress.
    struct Pending
    {
        RangeQueryResult result;                             //!< filled in as parts arrive
        DoneCallback done;                                   //!< completion
        Time start;                                          //!< issue time
        LeadEnvironment::TimerId timer{0};                   //!< MaxRangeQueryTime expiry
        uint64_t op{0};                                      //!< operation id
        std::map<uint16_t, std::pair<uint32_t, bool>> parts; //!< seq -> (chunks, last seen)
        std::map<uint16_t, uint32_t> chunksExpected;         //!< seq -> chunks announced
        int32_t lastSeq{-1};                                 //!< seq of the vnode ending the walk
        uint32_t relookups{0};    //!< lookups past a silent vnode with no fallback left
        bool direct{false};       //!< sent from the one-hop view
        uint64_t position{0};     //!< direct: the start position, to look up on a fallback
        LeadRangeHeader original; //!< direct: the scan to send on a fallback
    };

    /**
     * @brief Register a query.
     * @param scan its scan (keys and limit)
     * @param done completion
     * @param start its issue time
     * @return its id
     */
    uint32_t Open(const LeadRangeHeader& scan, DoneCallback done, Time start);

    /**
     * @brief Send the exact arcs of a one-hop query to the owners the view names.
     * @param position the start position
     * @param scan the scan
     * @param owners the owners of the arc, in ring order
     * @param done completion
     */
    void ScanDirect(uint64_t position,
                    const LeadRangeHeader& scan,
                    const std::vector<VnodeRef>& owners,
                    DoneCallback done);

    /**
     * @brief A one-hop query met a stale view: start it again with a lookup (same issue time).
     * @param id the query
     */
    void FallBack(uint32_t id);

    void LookupAndScan(uint64_t position,
                       LeadRangeHeader scan,
                       DoneCallback done,
                       std::optional<Time> start = std::nullopt);
    void SendScan(uint32_t id,
                  const LeadRangeHeader& scan,
                  const VnodeRef& to,
                  std::vector<VnodeRef> fallbacks);
    void OnScanAnswer(uint32_t id,
                      const LeadRangeHeader& scan,
                      const VnodeRef& to,
                      Ptr<Packet> body);
    void OnPart(LeadVnode& at, const LeadHeader& h, Ptr<Packet> body, uint32_t from);
    void Finish(uint32_t id, bool complete);

    LeadVnodeHost& m_host;                     //!< the node
    Config m_config;                           //!< settings
    std::map<uint32_t, Pending> m_pending;     //!< queries in flight
    uint32_t m_nextId{1};                      //!< next query id
    const LeadMembershipView* m_view{nullptr}; //!< one-hop view, if any
    uint64_t m_viewFallbacks{0};               //!< one-hop queries looked up again
    uint64_t m_viewRefusals{0};                //!< refusals one-hop queries received
};

} // namespace lead
} // namespace ns3

#endif // LEAD_RANGE_CLIENT_H
