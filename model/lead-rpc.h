/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_RPC_H
#define LEAD_RPC_H

#include "lead-environment.h"
#include "lead-header.h"

#include "ns3/nstime.h"
#include "ns3/packet.h"
#include "ns3/ptr.h"

#include <cstdint>
#include <deque>
#include <functional>
#include <queue>
#include <tuple>
#include <unordered_map>
#include <vector>

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief The overlay's RPC engine: request ids, timeouts, retries, RTT estimates, duplicate
 * suppression and the operation each message belongs to. It knows nothing of the protocol.
 *
 * A request is a LeadHeader plus a body packet sent to an IPv4 peer. The engine assigns the
 * request id, sends the message through the callback it was given, and waits. A reply (a
 * message with the reply flag and the same request id from the addressed peer) completes the
 * call; if none arrives within the timeout the request is sent again with the timeout doubled,
 * and after the last attempt the failure callback runs. Every attempt carries the same request
 * id, so a reply to any attempt completes the call, however late it comes while the call is
 * pending.
 *
 * Timeouts adapt to each peer as TCP's retransmission timer does (RFC 6298): a smoothed RTT
 * and an RTT variance per peer; the first-attempt timeout is
 * `max(SRTT + 4 x RTTVAR, TimeoutMultiplier x SRTT)`, clamped to [minTimeout, maxTimeout], or
 * the initial timeout while the peer has no sample. Karn's rule: only a reply to a request
 * answered at its first attempt is a sample, and when a peer answers a retransmitted request,
 * the timeout of that attempt stays the peer's timeout (the back-off) until the next sample,
 * so a peer farther away than the initial timeout is measured after a few calls instead of
 * never. A call that fails altogether leaves no back-off (the peer is presumed dead, and other
 * calls to its address should find out as fast).
 *
 * Timeouts do not cost one simulator event per request: the engine keeps the deadlines in a
 * heap and holds a single timer for the earliest one.
 *
 * For incoming requests it remembers (peer, sender id, request id) for a while, so a
 * retransmitted request is recognised; if it was answered, the cached reply is sent again.
 *
 * Operations: every message leaves with the id of the operation that caused it (0:
 * maintenance), which the transport attaches to the packet so that costs can be counted per
 * operation. The current operation is set with OpScope while a message of that operation is
 * handled; a request remembers it, so its retransmissions and the callbacks of its reply or
 * failure run under it again.
 *
 * Simulator-free: time and timers come from the LeadEnvironment.
 */
class LeadRpc
{
  public:
    /// Sends a complete message (common header already added) to an IPv4 address.
    using SendCallback = std::function<
        void(Ptr<Packet> packet, const LeadHeader& header, uint32_t peer, uint64_t op)>;
    /// Called with the reply's header and body (the header removed).
    using ReplyCallback = std::function<void(const LeadHeader&, Ptr<Packet>)>;
    /// Called when every attempt timed out.
    using FailureCallback = std::function<void()>;

    /// Engine settings.
    struct Config
    {
        Time initialTimeout{MilliSeconds(1000)}; //!< first-attempt timeout with no RTT sample
        Time maxTimeout{Seconds(10)};            //!< cap of every timeout (back-off included)
        Time minTimeout{MilliSeconds(10)};       //!< floor of the first-attempt timeout
        double timeoutMultiplier{3.0};           //!< timeout >= multiplier x smoothed RTT
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
     * @brief Sets the current operation for its lifetime, then restores the previous one.
     */
    class OpScope
    {
      public:
        /**
         * @brief Enter an operation.
         * @param rpc the engine
         * @param op the operation id (0: maintenance)
         */
        OpScope(LeadRpc& rpc, uint64_t op);
        ~OpScope();
        OpScope(const OpScope&) = delete;
        OpScope& operator=(const OpScope&) = delete;

      private:
        LeadRpc& m_rpc;  //!< the engine
        uint64_t m_prev; //!< operation before the scope
    };

    /**
     * @brief Create an engine.
     * @param env time and timers
     * @param send how messages leave
     * @param config settings
     */
    LeadRpc(LeadEnvironment& env, SendCallback send, const Config& config);
    ~LeadRpc();

    LeadRpc(const LeadRpc&) = delete;
    LeadRpc& operator=(const LeadRpc&) = delete;

    /**
     * @brief Send a request under the current operation.
     * @param header common header (type, purpose, ids); the engine sets the request id and
     * clears the reply flag
     * @param body message body (copied)
     * @param peer IPv4 address of the peer, host order
     * @param onReply called once with the reply (may be empty)
     * @param onFailure called once if no attempt is answered (may be empty)
     * @param extra time the peer may need besides the round trip (it answers only after a
     * request of its own, e.g. a group leader relaying to a member); added to every attempt's
     * timeout, and such replies give no RTT sample
     * @param attempts attempts for this request (0: Config::maxAttempts)
     * @return the request id
     */
    uint32_t Call(LeadHeader header,
                  Ptr<const Packet> body,
                  uint32_t peer,
                  ReplyCallback onReply,
                  FailureCallback onFailure,
                  Time extra = Time(0),
                  uint32_t attempts = 0);

    /**
     * @brief Send a message that expects no reply (request id 0), under the current operation.
     * @param header common header
     * @param body message body
     * @param peer IPv4 address of the peer
     */
    void Send(LeadHeader header, Ptr<const Packet> body, uint32_t peer);

    /**
     * @brief Offer an incoming reply to the engine.
     * @param header its header (reply flag set)
     * @param body its body
     * @param peer sender address
     * @return true if it completed a pending request
     */
    bool HandleReply(const LeadHeader& header, Ptr<Packet> body, uint32_t peer);

    /**
     * @brief Whether this engine ever issued a request with this id (a reply to any other id
     * answers nothing it sent: forged or misdirected, not merely late).
     * @param id a request id
     * @return true if the id was issued
     */
    bool WasIssued(uint32_t id) const;

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
     * @brief The operation messages are sent for now.
     * @return the operation id (0: maintenance)
     */
    uint64_t GetCurrentOp() const;

    /**
     * @brief Serve another operation from now on (OpScope does this for a scope).
     * @param op the operation id
     */
    void SetCurrentOp(uint64_t op);

    /**
     * @brief Smoothed RTT of a peer.
     * @param peer the address
     * @return the estimate, or zero if there is no sample
     */
    Time GetRtt(uint32_t peer) const;

    /**
     * @brief RTT variance estimate of a peer (RFC 6298's RTTVAR).
     * @param peer the address
     * @return the estimate, or zero if there is no sample
     */
    Time GetRttVariance(uint32_t peer) const;

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
        uint32_t maxAttempts{1};   //!< attempts allowed
        Time timeout;              //!< timeout of the current attempt (extra excluded)
        Time extra;                //!< time allowed besides the round trip, every attempt
        Time deadline;             //!< expiry of the current attempt
        Time firstSent;            //!< time of the first attempt
        ReplyCallback onReply;     //!< completion
        FailureCallback onFailure; //!< failure
        uint64_t op{0};            //!< operation the request belongs to
        bool sample{true};         //!< the reply measures the round trip
    };

    /// A deadline in the heap: (time, request id, attempt); stale entries are skipped.
    using Deadline = std::tuple<Time, uint32_t, uint32_t>;

    /// Key of a remembered incoming request: peer, sender id, request id.
    struct SeenKey
    {
        uint32_t peer{0}; //!< sender address
        uint64_t src{0};  //!< sender vnode id
        uint32_t rid{0};  //!< request id

        /**
         * @brief Equality.
         * @param o other key
         * @return true if equal
         */
        bool operator==(const SeenKey& o) const
        {
            return peer == o.peer && src == o.src && rid == o.rid;
        }
    };

    /// Hash of a SeenKey.
    struct SeenKeyHash
    {
        /**
         * @brief Hash a key.
         * @param k the key
         * @return the hash
         */
        size_t operator()(const SeenKey& k) const;
    };

    /// What is remembered of an incoming request.
    struct Seen
    {
        Time when;         //!< first arrival
        Ptr<Packet> reply; //!< reply sent (with header), if any
    };

    /**
     * @brief Send (or resend) a pending request and record its deadline.
     * @param id request id
     * @param p the request
     */
    void Transmit(uint32_t id, Pending& p);

    /**
     * @brief Make sure the timer fires by a deadline.
     * @param deadline the time
     */
    void Arm(Time deadline);

    /**
     * @brief The timer fired: handle every expired attempt.
     */
    void Wake();

    /**
     * @brief An attempt of a request timed out: retry or fail.
     * @param id request id
     */
    void Expire(uint32_t id);

    /**
     * @brief Drop remembered requests older than duplicateMemory.
     */
    void PruneSeen();

    /**
     * @brief Take an RTT sample of a peer (RFC 6298, section 2) and end its back-off.
     * @param peer the address
     * @param sample the measured round trip
     */
    void Sample(uint32_t peer, Time sample);

    /// What the engine knows of a peer's round trips.
    struct PeerTiming
    {
        Time srtt;           //!< smoothed RTT (zero: no sample yet)
        Time rttvar;         //!< RTT variance
        Time backoff;        //!< timeout that got a late answer, until the next sample (0: none)
        bool sampled{false}; //!< at least one sample
    };

    LeadEnvironment& m_env;                          //!< time and timers
    SendCallback m_send;                             //!< how messages leave
    Config m_config;                                 //!< settings
    uint32_t m_nextId{1};                            //!< next request id (from the clock)
    uint32_t m_firstId{1};                           //!< first request id issued
    uint64_t m_currentOp{0};                         //!< operation being served
    std::unordered_map<uint32_t, Pending> m_pending; //!< requests waiting for replies
    std::priority_queue<Deadline, std::vector<Deadline>, std::greater<>> m_deadlines; //!< heap
    LeadEnvironment::TimerId m_timer{0};                   //!< the one timeout timer
    Time m_timerAt;                                        //!< when it fires
    std::unordered_map<uint32_t, PeerTiming> m_peers;      //!< round trips per peer
    std::unordered_map<SeenKey, Seen, SeenKeyHash> m_seen; //!< recent incoming requests
    std::deque<std::pair<Time, SeenKey>> m_seenOrder;      //!< the same, oldest first
    Counters m_counters;                                   //!< counters
};

} // namespace lead
} // namespace ns3

#endif // LEAD_RPC_H
