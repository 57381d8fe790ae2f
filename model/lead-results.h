/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_RESULTS_H
#define LEAD_RESULTS_H

#include "lead-header.h"
#include "lead-vnode-ref.h"

#include "ns3/nstime.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief Outcome of one lookup, published once through the LookupDone trace and the
 * caller's callback.
 */
struct LookupResult
{
    uint64_t target{0};   //!< ring position looked up
    VnodeRef origin;      //!< vnode that issued the lookup
    VnodeRef owner;       //!< owner found (valid if success)
    uint32_t hops{0};     //!< forwarding messages on the path (the origin's first send
                          //!< included, the answer to the origin not)
    Time latency;         //!< from issue to the answer (or to giving up)
    bool answered{false}; //!< an answer arrived (within LookupTimeout); owner is valid
    bool success{false};  //!< an answer arrived within MaxLookupTime (p2psim's statistic)
    LeadPurpose purpose{LeadPurpose::USER_LOOKUP}; //!< why the lookup ran
    uint32_t messages{0}; //!< messages sent for it, counted (Lookup() calls with a ledger)
    uint64_t bytes{0};    //!< their bytes
    uint64_t opId{0};     //!< operation id, as the Tx trace reports it (Lookup() calls)
};

/// Key operations.
enum class LeadKeyOp : uint8_t
{
    PUT = 0,    //!< store
    GET = 1,    //!< read
    DELETE = 2, //!< remove
};

/**
 * @ingroup lead
 * @brief Outcome of one Put, Get or Delete, published once through the KeyOpDone trace and
 * the caller's callback.
 */
struct KeyOpResult
{
    LeadKeyOp op{LeadKeyOp::GET}; //!< the operation
    uint64_t key{0};              //!< the key
    uint64_t hash{0};             //!< its ring position
    VnodeRef owner;               //!< vnode that served it
    bool success{false};          //!< the owner answered
    bool found{false};            //!< GET/DELETE: the key was stored
    uint32_t size{0};             //!< value size (PUT: sent; GET: received)
    uint64_t tag{0};              //!< value tag (PUT: sent; GET: received)
    uint32_t hops{0};             //!< lookup hops
    uint32_t attempts{0};         //!< lookups needed (stale owners are retried)
    uint32_t messages{0}; //!< messages sent for it by any node, counted (see LeadCostLedger)
    uint64_t bytes{0};    //!< their bytes
    uint64_t opId{0};     //!< operation id, as the Tx trace reports it
    Time latency;         //!< from issue to the answer
};

/**
 * @ingroup lead
 * @brief Outcome of one range query, published once through the RangeQueryDone trace and the
 * caller's callback.
 */
struct RangeQueryResult
{
    uint64_t startKey{0};       //!< first key of the range
    uint64_t endKey{0};         //!< last key of the range
    uint64_t limit{0};          //!< keys wanted (0: the whole range)
    std::vector<uint64_t> keys; //!< keys returned, ascending
    std::vector<uint64_t> tags; //!< their value tags, aligned with keys (ring walks and direct
                                //!< scans; empty for the per-key, PHT and two-tier paths)
    uint32_t lookupHops{0};     //!< hops of the lookup of the start key
    uint32_t nodesVisited{0};   //!< vnodes that scanned their store
    uint32_t messages{0};       //!< messages sent for it by any node, counted (LeadCostLedger)
    uint64_t bytes{0};          //!< their bytes (LEAD header, body and values)
    uint64_t opId{0};           //!< operation id, as the Tx trace reports it (0: a query made
                                //!< of several operations, such as the per-key baseline)
    Time latencyFirst;          //!< from issue to the first part
    Time latency;               //!< from issue to the last part (or to giving up)
    bool complete{false};       //!< every part of the walk arrived in time
};

/**
 * @ingroup lead
 * @brief Outcome of one round of the collaborative model update, published once by the
 * coordinator's node through the ModelUpdateRound trace.
 */
struct ModelUpdateRoundResult
{
    uint64_t coordinator{0};    //!< the coordinator's vnode id
    uint32_t baseVersion{0};    //!< the version the round refined
    uint32_t newVersion{0};     //!< the version it made (0 if none)
    uint32_t participants{0};   //!< vnodes in the chain (the coordinator included)
    uint32_t declined{0};       //!< vnodes that were busy in another round or fell silent
    uint32_t interiorLeaves{0}; //!< leaves refitted
    uint64_t interiorKeys{0};   //!< keys spread over their rank span
    uint32_t replaced{0};       //!< pieces that failed validation or never came
    bool installed{false};      //!< the new version was installed and announced
    std::string outcome;        //!< "installed", or why the round stopped
    Time start;                 //!< when the round began
    Time duration;              //!< until it installed or stopped
};

} // namespace lead
} // namespace ns3

#endif // LEAD_RESULTS_H
