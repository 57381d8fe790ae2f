/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_KVCACHE_LEDGER_H
#define LEAD_KVCACHE_LEDGER_H

#include "ns3/nstime.h"
#include "ns3/object.h"

#include <cstdint>
#include <map>

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief Outcome of one request of the KV-cache case study, published once by the front end
 * (RequestDone trace) when its first token arrives.
 */
struct KvCacheRequestResult
{
    uint64_t request{0};       //!< request id
    bool measured{true};       //!< counted (false: warm-up round)
    uint16_t entry{0};         //!< server the front end sent it to
    uint16_t server{0};        //!< server that prefilled it
    bool forwarded{false};     //!< the P2P router moved it
    uint32_t promptTokens{0};  //!< input tokens
    uint32_t promptBlocks{0};  //!< cacheable blocks
    uint32_t localBlocks{0};   //!< reused from the serving node's own cache
    uint32_t fetchedBlocks{0}; //!< reused from other nodes (KV moved)
    uint32_t messages{0};      //!< control messages sent for it, counted at send time
    uint64_t bytes{0};         //!< their bytes plus the KV payload moved for it
    uint64_t kvBytes{0};       //!< of which KV payload
    uint32_t owners{0};        //!< index owners (vnodes or the index server) that answered
    Time arrival;              //!< issue time at the front end
    Time lookup;               //!< finding the cached blocks (index or DHT)
    Time fetch;                //!< moving them
    Time queue;                //!< waiting for the GPU
    Time prefill;              //!< computing the rest
    Time ttft;                 //!< time to first token, at the front end
    bool done{false};          //!< the first token arrived
};

/**
 * @ingroup lead
 * @brief Shared book of the case study: per-request results and costs, counted where each
 * message is sent, plus control traffic not tied to a request (gossip, index publishing).
 */
class LeadKvCacheLedger : public Object
{
  public:
    static TypeId GetTypeId();
    LeadKvCacheLedger();
    ~LeadKvCacheLedger() override;

    /**
     * @brief The entry of a request (created on first use).
     * @param request the request id
     * @return its entry
     */
    KvCacheRequestResult& At(uint64_t request);

    /**
     * @brief Count a message sent for a request.
     * @param request the request
     * @param bytes its size on the wire (UDP payload)
     */
    void CountMessage(uint64_t request, uint64_t bytes);

    /**
     * @brief Count messages and bytes sent for a request in bulk (an overlay operation's).
     * @param request the request
     * @param messages messages
     * @param bytes their bytes
     * @param overlay they are overlay messages (also counted by the overlay's Tx trace)
     */
    void CountMessages(uint64_t request, uint32_t messages, uint64_t bytes, bool overlay = false);

    /**
     * @brief Count control traffic not tied to a request.
     * @param bytes bytes sent
     * @param overlay they are overlay messages (publishing puts)
     */
    void CountControl(uint64_t bytes, bool overlay = false);

    /// @return overlay bytes counted here (the rest of the overlay's traffic is its upkeep)
    uint64_t GetOverlayBytes() const;

    /// @return control bytes counted
    uint64_t GetControlBytes() const;

    /// @return every request's entry
    const std::map<uint64_t, KvCacheRequestResult>& GetAll() const;

  private:
    std::map<uint64_t, KvCacheRequestResult> m_requests; //!< by id
    uint64_t m_control{0};                               //!< control bytes
    uint64_t m_overlay{0};                               //!< overlay bytes counted here
};

} // namespace lead
} // namespace ns3

#endif // LEAD_KVCACHE_LEDGER_H
