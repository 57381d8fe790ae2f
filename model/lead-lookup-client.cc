/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-lookup-client.h"

#include "lead-lookup-header.h"
#include "lead-lookup-reply-header.h"
#include "lead-ring-id.h"
#include "lead-vnode-context.h"
#include "lead-vnode.h"

#include "ns3/log.h"

#include <algorithm>

namespace ns3
{
namespace lead
{

NS_LOG_COMPONENT_DEFINE("LeadLookupClient");

LeadLookupClient::LeadLookupClient(const LeadVnodeConfig& config,
                                   LeadVnodeContext& ctx,
                                   VnodeResolver vnodes)
    : m_config(config),
      m_ctx(ctx),
      m_vnodes(std::move(vnodes))
{
}

void
LeadLookupClient::SetPublish(std::function<void(LookupResult&)> publish)
{
    m_publish = std::move(publish);
}

size_t
LeadLookupClient::GetPending() const
{
    return m_pending.size();
}

uint8_t
LeadLookupClient::Wanted(LeadPurpose purpose) const
{
    // A join adopts the owner's whole successor list, and a finger lookup under proximity
    // neighbour selection takes its candidates from it; other lookups want the owner.
    const bool list = purpose == LeadPurpose::JOIN ||
                      (purpose == LeadPurpose::FINGER && m_config.proximityFingers);
    return static_cast<uint8_t>(std::min<uint32_t>(list ? m_config.successorListSize : 1, 255));
}

uint32_t
LeadLookupClient::Start(const LeadVnode& origin,
                        uint64_t target,
                        LeadPurpose purpose,
                        DoneCallback done,
                        std::optional<VnodeRef> via)
{
    const uint32_t id = m_nextId++;
    Pending& pl = m_pending[id];
    pl.vnode = origin.GetSelf().vnode;
    pl.done = std::move(done);
    pl.start = m_ctx.Env().Now();
    pl.op = m_ctx.GetCurrentOp();
    pl.result.target = target;
    pl.result.origin = origin.GetSelf();
    pl.result.purpose = purpose;
    pl.timer = m_ctx.Env().Schedule(m_config.lookupTimeout, [this, id]() { Finish(id, false); });

    if (!via && !origin.IsJoined() && m_config.gateway != 0)
    {
        VnodeRef any; // id 0: any joined vnode of the gateway
        any.address = m_config.gateway;
        via = any;
    }
    pl.via = via;
    if (!m_config.iterative || via || !origin.IsJoined())
    {
        pl.retryAfter = m_config.maxLookupTime;
        SendRecursive(id);
        return id;
    }
    auto hop = origin.NextHop(target);
    if (hop.valid && hop.owner)
    {
        const std::vector<VnodeRef> nodes{hop.node};
        const uint64_t op = pl.op;
        m_ctx.Env().Schedule(Time(0), [this, id, nodes, op]() {
            LeadOpScope scope(m_ctx, op);
            Complete(id, nodes, 0);
        });
    }
    else if (hop.valid)
    {
        IterativeStep(id, hop.node, 1);
    }
    else
    {
        m_ctx.Env().Schedule(Time(0), [this, id]() { Finish(id, false); }); // no successor
    }
    return id;
}

void
LeadLookupClient::FindHeir(const LeadVnode& origin,
                           const VnodeRef& dead,
                           LeadPurpose purpose,
                           std::function<void(const VnodeRef&)> then)
{
    Start(origin,
          dead.id + 1,
          purpose,
          [dead, then = std::move(then)](const LookupResult& r, const std::vector<VnodeRef>&) {
              if (r.answered && r.owner.id != dead.id)
              {
                  then(r.owner);
              }
          });
}

void
LeadLookupClient::SendRecursive(uint32_t id)
{
    auto it = m_pending.find(id);
    LeadVnode* origin = it == m_pending.end() ? nullptr : m_vnodes(it->second.vnode);
    if (!origin)
    {
        return;
    }
    Pending& pl = it->second;
    LeadOpScope scope(m_ctx, pl.op);
    // The next attempt, unless an answer comes first (or LookupTimeout ends it).
    pl.retry = m_ctx.Env().Schedule(pl.retryAfter, [this, id]() { SendRecursive(id); });
    pl.retryAfter = pl.retryAfter * 2;

    LeadLookupHeader lk;
    lk.target = pl.result.target;
    lk.lookupId = id;
    lk.origin = origin->GetSelf();
    lk.hops = 0;
    lk.wanted = Wanted(pl.result.purpose);
    std::optional<VnodeRef> via = pl.via;
    if (!origin->IsJoined() && !via)
    {
        // Not in the ring (yet): a bootstrap vnode routes the lookup.
        via = origin->BootstrapVia();
        if (!via)
        {
            return; // nobody to ask now: the next attempt may find someone
        }
    }
    if (via)
    {
        // The first hop is given: it routes the lookup with its own table.
        lk.hops = 1;
        Ptr<Packet> body = Create<Packet>();
        body->AddHeader(lk);
        m_ctx.Call(origin->GetSelf(),
                   *via,
                   LeadMessageType::FIND_SUCCESSOR,
                   pl.result.purpose,
                   body,
                   {},
                   {});
        return;
    }
    origin->ForwardLookup(lk, pl.result.purpose);
}

void
LeadLookupClient::OnReply(Ptr<Packet> body)
{
    LeadLookupReplyHeader reply;
    body->RemoveHeader(reply);
    if (!reply.valid || reply.nodes.empty() || !reply.owner)
    {
        m_ctx.Drop(body, "invalid FIND_SUCCESSOR_REPLY body");
        return;
    }
    auto it = m_pending.find(reply.lookupId);
    NS_LOG_LOGIC("lookup " << reply.lookupId << " answered: owner "
                           << RingId::ToString(reply.nodes.front().id) << " after "
                           << unsigned(reply.hops) << " hops"
                           << (it == m_pending.end() ? " (no longer pending)" : ""));
    if (it == m_pending.end() || it->second.result.target != reply.target)
    {
        return; // late answer to a lookup that already finished
    }
    Complete(reply.lookupId, reply.nodes, reply.hops);
}

void
LeadLookupClient::IterativeStep(uint32_t id, const VnodeRef& ask, uint32_t hops)
{
    auto it = m_pending.find(id);
    if (it == m_pending.end())
    {
        return;
    }
    if (hops > LeadVnodeConfig::MAX_HOPS)
    {
        Finish(id, false);
        return;
    }
    const Pending& pl = it->second;
    LeadLookupHeader lk;
    lk.target = pl.result.target;
    lk.lookupId = id;
    lk.origin = pl.result.origin;
    lk.hops = static_cast<uint8_t>(hops);
    lk.wanted = Wanted(pl.result.purpose);
    lk.iterative = true;
    Ptr<Packet> body = Create<Packet>();
    body->AddHeader(lk);
    m_ctx.Call(
        pl.result.origin,
        ask,
        LeadMessageType::FIND_SUCCESSOR,
        pl.result.purpose,
        body,
        [this, id, hops](const LeadHeader&, Ptr<Packet> p) { OnIterativeAnswer(id, hops, p); },
        [this, id, ask]() { OnIterativeFailure(id, ask); });
}

void
LeadLookupClient::OnIterativeAnswer(uint32_t id, uint32_t hops, Ptr<Packet> p)
{
    LeadLookupReplyHeader answer;
    p->RemoveHeader(answer);
    if (!answer.valid || answer.nodes.empty())
    {
        m_ctx.Drop(p, "invalid iterative lookup answer");
        Finish(id, false);
        return;
    }
    if (answer.owner)
    {
        Complete(id, answer.nodes, hops);
        return;
    }
    IterativeStep(id, answer.nodes.front(), hops + 1);
}

void
LeadLookupClient::OnIterativeFailure(uint32_t id, const VnodeRef& ask)
{
    // Forget the silent node and start again from our own table.
    auto it = m_pending.find(id);
    LeadVnode* v = it == m_pending.end() ? nullptr : m_vnodes(it->second.vnode);
    if (!v)
    {
        return;
    }
    v->SuspectFailed(ask);
    if (!v->IsJoined())
    {
        return;
    }
    auto hop = v->NextHop(it->second.result.target);
    if (!hop.valid)
    {
        Finish(id, false);
    }
    else if (hop.owner)
    {
        Complete(id, {hop.node}, 0);
    }
    else
    {
        IterativeStep(id, hop.node, 1);
    }
}

void
LeadLookupClient::Complete(uint32_t id, const std::vector<VnodeRef>& nodes, uint32_t hops)
{
    auto it = m_pending.find(id);
    if (it == m_pending.end() || nodes.empty())
    {
        return;
    }
    it->second.result.owner = nodes.front();
    it->second.result.hops = hops;
    Finish(id, true, nodes);
}

void
LeadLookupClient::Finish(uint32_t id, bool answered, const std::vector<VnodeRef>& nodes)
{
    auto it = m_pending.find(id);
    if (it == m_pending.end())
    {
        return;
    }
    Pending pl = std::move(it->second);
    m_pending.erase(it);
    m_ctx.Env().Cancel(pl.timer);
    m_ctx.Env().Cancel(pl.retry);
    LeadOpScope scope(m_ctx, pl.op);
    pl.result.latency = m_ctx.Env().Now() - pl.start;
    pl.result.answered = answered;
    pl.result.success = answered && pl.result.latency < m_config.maxLookupTime;
    if (m_publish)
    {
        m_publish(pl.result);
    }
    if (pl.done)
    {
        pl.done(pl.result, nodes);
    }
}

void
LeadLookupClient::CancelAll()
{
    for (auto& kv : m_pending)
    {
        m_ctx.Env().Cancel(kv.second.timer);
        m_ctx.Env().Cancel(kv.second.retry);
    }
    m_pending.clear();
}

} // namespace lead
} // namespace ns3
