/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_VNODE_CONTEXT_H
#define LEAD_VNODE_CONTEXT_H

#include "lead-environment.h"
#include "lead-header.h"
#include "lead-vnode-ref.h"

#include "ns3/nstime.h"
#include "ns3/packet.h"
#include "ns3/ptr.h"

#include <functional>
#include <string>

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief How the protocol classes (vnodes, clients, services) reach the world: requests with
 * a reply or a failure, replies, one-way messages, dropping a malformed message, the
 * operation being served, and the environment (time, timers, random draws).
 *
 * LeadVnodeHost implements it over LeadRpc; nothing behind it is an ns-3 socket or event, so
 * the protocol runs unchanged in a simulation and in the GoogleTest suites' fake network.
 */
class LeadVnodeContext
{
  public:
    /// Called with the reply's header and body.
    using ReplyCallback = std::function<void(const LeadHeader&, Ptr<Packet>)>;
    /// Called when every attempt of a request timed out.
    using FailureCallback = std::function<void()>;

    virtual ~LeadVnodeContext() = default;

    /**
     * @brief Time, timers and random draws.
     * @return the environment
     */
    virtual LeadEnvironment& Env() = 0;

    /**
     * @brief Send a request and wait for its reply (RPC).
     * @param from sending vnode
     * @param to addressee
     * @param type message type
     * @param purpose traffic class
     * @param body message body
     * @param onReply called once with the reply (may be empty)
     * @param onFailure called once when every attempt timed out (may be empty)
     * @param extra time the addressee may need besides the round trip
     * @param attempts attempts before the failure (0: RpcMaxAttempts)
     */
    virtual void Call(const VnodeRef& from,
                      const VnodeRef& to,
                      LeadMessageType type,
                      LeadPurpose purpose,
                      Ptr<Packet> body,
                      ReplyCallback onReply,
                      FailureCallback onFailure,
                      Time extra = Time(0),
                      uint32_t attempts = 0) = 0;

    /**
     * @brief Answer a request.
     * @param at the vnode that answers
     * @param request the request's header
     * @param from the requester's address
     * @param type reply message type
     * @param body reply body
     */
    virtual void Reply(const VnodeRef& at,
                       const LeadHeader& request,
                       uint32_t from,
                       LeadMessageType type,
                       Ptr<Packet> body) = 0;

    /**
     * @brief Send a message that is not answered.
     * @param from sending vnode
     * @param to addressee
     * @param type message type
     * @param purpose traffic class
     * @param body message body
     */
    virtual void SendOneWay(const VnodeRef& from,
                            const VnodeRef& to,
                            LeadMessageType type,
                            LeadPurpose purpose,
                            Ptr<Packet> body) = 0;

    /**
     * @brief Count and report a malformed message, which is then discarded.
     * @param packet what is left of it
     * @param reason why
     */
    virtual void Drop(Ptr<const Packet> packet, const std::string& reason) = 0;

    /**
     * @brief The operation whose messages are being sent (0: maintenance).
     * @return the operation id
     */
    virtual uint64_t GetCurrentOp() const = 0;

    /**
     * @brief Serve another operation from now on.
     * @param op the operation id
     */
    virtual void SetCurrentOp(uint64_t op) = 0;

    /**
     * @brief Smoothed round trip to a physical node, as the RPC engine measured it.
     * @param address the node's address
     * @return the estimate, or zero if there is no sample
     */
    virtual Time GetRtt(uint32_t address) const = 0;

    /**
     * @brief The vnodes of the same physical node (this one included), for peer-level
     * routing. The default: none.
     * @return the vnodes
     */
    virtual std::vector<const LeadVnode*> GetSiblings() const
    {
        return {};
    }
};

/**
 * @ingroup lead
 * @brief Serves an operation for its lifetime (timers and callbacks that continue an
 * operation restore it with this), then restores the previous one.
 */
class LeadOpScope
{
  public:
    /**
     * @brief Enter an operation.
     * @param ctx the context
     * @param op the operation id
     */
    LeadOpScope(LeadVnodeContext& ctx, uint64_t op)
        : m_ctx(ctx),
          m_prev(ctx.GetCurrentOp())
    {
        ctx.SetCurrentOp(op);
    }

    ~LeadOpScope()
    {
        m_ctx.SetCurrentOp(m_prev);
    }

    LeadOpScope(const LeadOpScope&) = delete;
    LeadOpScope& operator=(const LeadOpScope&) = delete;

  private:
    LeadVnodeContext& m_ctx; //!< the context
    uint64_t m_prev;         //!< the operation before
};

} // namespace lead
} // namespace ns3

#endif // LEAD_VNODE_CONTEXT_H
