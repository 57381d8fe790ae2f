/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_RPC_H
#define LEAD_RPC_H

#include "lead-header.h"

#include "ns3/callback.h"
#include "ns3/event-id.h"
#include "ns3/nstime.h"
#include "ns3/packet.h"
#include "ns3/ptr.h"
#include "ns3/simple-ref-count.h"

#include <cstdint>
#include <deque>
#include <map>
#include <tuple>

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief The overlay's RPC engine: request ids, timeouts, retries, RTT estimates and
 * duplicate suppression. It knows nothing of the protocol.
 *
 * A request is a LeadHeader plus a body packet sent to an IPv4 peer. The engine assigns the
 * request id, sends the message through the callback it was given, and waits. A reply (a
 * message with the reply flag and the same request id from the addressed peer) completes the
 * call; if none arrives within the timeout the request is sent again with the timeout doubled,
 * and after the last attempt the failure callback runs. The timeout of the first attempt is
 * `TimeoutMultiplier x smoothed RTT` of that peer (lead-spec.md section 4.5: 3 x RTT), capped,
 * or the initial timeout while no RTT has been measured. RTT samples come only from requests
 * answered at their first attempt (Karn's rule).
 *
 * For incoming requests it remembers (peer, sender id, request id) for a while, so a
 * retransmitted request is recognised; if it was answered, the cached reply is sent again.
 */
class LeadRpc : public SimpleRefCount<LeadRpc>
{
  public:
    /// Sends a complete message (common header already added) to an IPv4 address.
    using SendCallback = Callback<void, Ptr<Packet>, uint32_t>;
    /// Called with the reply's header and body (the header removed).
    using ReplyCallback = Callback<void, const LeadHeader&, Ptr<Packet>>;
    /// Called when every attempt timed out.
    using FailureCallback = Callback<void>;

    /// Engine settings.
    struct Config
    {
        Time initialTimeout{MilliSeconds(1000)}; //!< first-attempt timeout with no RTT sample
        Time maxTimeout{MilliSeconds(1000)};     //!< cap of the first-attempt timeout
        Time minTimeout{MilliSeconds(10)};       //!< floor of the first-attempt timeout
        double timeoutMultiplier{3.0};           //!< timeout = multiplier x smoothed RTT
        uint32_t maxAttempts{3};                 //!< attempts per request (>= 1)
        Time duplicateMemory{Seconds(10)};       //!< how long a request id is remembered
    };

    /// Counters, for statistics and tests.
    struct Counters
    {
        uint64_t sent{0};        //!< requests sent, first attempts
        uint64_t retries{0};     //!< retransmissions
        uint64_t completed{0};   //!< requests answered
        uint64_t failed{0};      //!< requests that ran out of attempts
        uint64_t lateReplies{0}; //!< replies with no pending request (late or duplicate)
        uint64_t duplicates{0};  //!< retransmitted requests recognised
    };

    /**
     * @brief Create an engine.
     * @param send how messages leave
     * @param config settings
     */
    LeadRpc(SendCallback send, const Config& config);

    /**
     * @brief Send a request.
     * @param header common header (type, purpose, ids); the engine sets the request id and
     * clears the reply flag
     * @param body message body (copied)
     * @param peer IPv4 address of the peer, host order
     * @param onReply called once with the reply
     * @param onFailure called once if no attempt is answered
     * @param extra time the peer may need besides the round trip (it answers only after a
     * request of its own, e.g. a group leader relaying to a member); added to every attempt's
     * timeout, and such replies give no RTT sample
     * @return the request id
     */
    uint32_t Call(LeadHeader header,
                  Ptr<const Packet> body,
                  uint32_t peer,
                  ReplyCallback onReply,
                  FailureCallback onFailure,
                  Time extra = Time(0));

    /**
     * @brief Offer an incoming reply to the engine.
     * @param header its header (reply flag set)
     * @param body its body
     * @param peer sender address
     * @return true if it completed a pending request
     */
    bool HandleReply(const LeadHeader& header, Ptr<Packet> body, uint32_t peer);

    /**
     * @brief Check an incoming request against the ones seen recently, and record it.
     *
     * If it is a retransmission whose reply is cached, the reply is sent again.
     * @param header its header
     * @param peer sender address
     * @return true if it is a duplicate (do not process it again)
     */
    bool IsDuplicate(const LeadHeader& header, uint32_t peer);

    /**
     * @brief Send a reply to a request and remember it for retransmitted copies.
     * @param request the request's header
     * @param reply the reply's header (the engine sets request id and reply flag)
     * @param body reply body
     * @param peer requester address
     */
    void Reply(const LeadHeader& request, LeadHeader reply, Ptr<const Packet> body, uint32_t peer);

    /**
     * @brief Forget every pending request without calling its callbacks (application stop).
     */
    void CancelAll();

    /**
     * @brief Smoothed RTT of a peer.
     * @param peer the address
     * @return the estimate, or zero if there is no sample
     */
    Time GetRtt(uint32_t peer) const;

    /**
     * @brief First-attempt timeout for a peer.
     * @param peer the address
     * @return the timeout
     */
    Time GetTimeout(uint32_t peer) const;

    /**
     * @brief Number of requests waiting for a reply.
     * @return count
     */
    size_t GetPending() const;

    /**
     * @brief The counters.
     * @return counters
     */
    const Counters& GetCounters() const;

  private:
    /// A request waiting for its reply.
    struct Pending
    {
        LeadHeader header;         //!< as sent
        Ptr<Packet> body;          //!< body, for retransmission
        uint32_t peer{0};          //!< destination
        uint32_t attempt{1};       //!< attempts so far
        Time timeout;              //!< timeout of the current attempt
        Time firstSent;            //!< time of the first attempt
        EventId timer;             //!< expiry of the current attempt
        ReplyCallback onReply;     //!< completion
        FailureCallback onFailure; //!< failure
        bool sample{true};         //!< the reply measures the round trip
    };

    /// Key of a remembered incoming request: peer, sender id, request id.
    using SeenKey = std::tuple<uint32_t, uint64_t, uint32_t>;

    /// What is remembered of an incoming request.
    struct Seen
    {
        Time when;         //!< first arrival
        Ptr<Packet> reply; //!< reply sent (with header), if any
    };

    /**
     * @brief Send (or resend) a pending request and arm its timer.
     * @param id request id
     */
    void Transmit(uint32_t id);

    /**
     * @brief Timer expiry of a request.
     * @param id request id
     */
    void Expire(uint32_t id);

    /**
     * @brief Drop remembered requests older than duplicateMemory.
     */
    void PruneSeen();

    SendCallback m_send;                              //!< how messages leave
    Config m_config;                                  //!< settings
    uint32_t m_nextId{1};                             //!< next request id
    std::map<uint32_t, Pending> m_pending;            //!< requests waiting for replies
    std::map<uint32_t, Time> m_srtt;                  //!< smoothed RTT per peer
    std::map<SeenKey, Seen> m_seen;                   //!< recent incoming requests
    std::deque<std::pair<Time, SeenKey>> m_seenOrder; //!< the same, oldest first
    Counters m_counters;                              //!< counters
};

} // namespace lead
} // namespace ns3

#endif // LEAD_RPC_H
