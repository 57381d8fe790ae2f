/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_KEY_CLIENT_H
#define LEAD_KEY_CLIENT_H

#include "lead-header.h"
#include "lead-results.h"

#include "ns3/nstime.h"
#include "ns3/packet.h"
#include "ns3/ptr.h"

#include <functional>
#include <map>

namespace ns3
{
namespace lead
{

class LeadMembershipView;

class LeadVnodeHost;

/**
 * @ingroup lead
 * @brief The client side of Put, Get and Delete on one node: look up the owner of the key's
 * ring position from vnode 0, send it the operation, and look up again (up to
 * MaxKeyOpAttempts lookups) when the answer is lost, the owner does not answer, or it says it
 * is not (or no longer) responsible.
 *
 * Simulator-free; every message it causes belongs to the operation current when it started.
 */
class LeadKeyClient
{
  public:
    /// Called once with the result.
    using DoneCallback = std::function<void(const KeyOpResult&)>;

    /// Settings (LeadNodeApp attributes in brackets).
    struct Config
    {
        uint32_t maxAttempts{3};    //!< [MaxKeyOpAttempts]
        bool datagrams{true};       //!< [Protocol] is UDP: a value must fit in one message
        Time relayTime{Seconds(0)}; //!< extra time a group leader's relay may take
    };

    /**
     * @brief Create the client.
     * @param host the node's host
     * @param config settings
     */
    LeadKeyClient(LeadVnodeHost& host, const Config& config);

    LeadKeyClient(const LeadKeyClient&) = delete;
    LeadKeyClient& operator=(const LeadKeyClient&) = delete;

    /**
     * @brief Start a key operation under the current operation id.
     * @param op PUT, GET or DELETE
     * @param key the key
     * @param position its ring position (the hash of the key, or given)
     * @param size value size (PUT)
     * @param tag value tag (PUT)
     * @param done called once (may be empty)
     */
    void Start(LeadKeyOp op,
               uint64_t key,
               uint64_t position,
               uint32_t size,
               uint64_t tag,
               DoneCallback done);

    /**
     * @brief Give the relay time of a group leader to every later request (see Config).
     * @param relayTime the extra time (0: none)
     */
    void SetRelayTime(Time relayTime);

    /**
     * @brief Forget every operation in progress without reporting it (application stop).
     */
    void CancelAll();

    /**
     * @brief One-hop routing (attribute OneHop): the first attempt of an operation goes
     * straight to the owner the view names, without a lookup; an owner that is not (anymore)
     * responsible or does not answer makes the next attempt look up at once.
     * @param view the view (nullptr: always look up)
     */
    void SetView(const LeadMembershipView* view);

  private:
    /// A key operation in progress.
    struct Pending
    {
        KeyOpResult result;   //!< filled in as it goes
        DoneCallback done;    //!< completion
        Time start;           //!< issue time
        uint64_t op{0};       //!< operation id
        bool fromView{false}; //!< the current attempt went to the view's owner
    };

    void Lookup(uint32_t id);
    void OnLookup(uint32_t id, const LookupResult& r);
    void OnReply(uint32_t id, Ptr<Packet> body);
    bool Retry(uint32_t id, Time delay);
    void Finish(uint32_t id, bool success);

    LeadVnodeHost& m_host;                     //!< the node
    Config m_config;                           //!< settings
    std::map<uint32_t, Pending> m_pending;     //!< operations in flight
    uint32_t m_nextId{1};                      //!< next operation number
    const LeadMembershipView* m_view{nullptr}; //!< one-hop view, if any
};

} // namespace lead
} // namespace ns3

#endif // LEAD_KEY_CLIENT_H
