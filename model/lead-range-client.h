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
#include <vector>

namespace ns3
{
namespace lead
{

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
     * @brief Forget every query in progress without reporting it (application stop).
     */
    void CancelAll();

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
        uint32_t relookups{0}; //!< lookups past a silent vnode with no fallback left
    };

    void LookupAndScan(uint64_t position, LeadRangeHeader scan, DoneCallback done);
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

    LeadVnodeHost& m_host;                 //!< the node
    Config m_config;                       //!< settings
    std::map<uint32_t, Pending> m_pending; //!< queries in flight
    uint32_t m_nextId{1};                  //!< next query id
};

} // namespace lead
} // namespace ns3

#endif // LEAD_RANGE_CLIENT_H
