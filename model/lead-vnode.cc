/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-vnode.h"

#include "lead-alert-header.h"
#include "lead-lookup-client.h"
#include "lead-lookup-header.h"
#include "lead-lookup-reply-header.h"
#include "lead-neighbors-header.h"
#include "lead-neighbors-request-header.h"
#include "lead-results.h"
#include "lead-ring-id.h"
#include "lead-successor-hint-header.h"
#include "lead-vnode-context.h"

#include "ns3/log.h"

#include <algorithm>

namespace ns3
{
namespace lead
{

NS_LOG_COMPONENT_DEFINE("LeadVnode");

LeadVnode::LeadVnode(const VnodeRef& self,
                     const LeadVnodeConfig& config,
                     LeadVnodeContext& ctx,
                     LeadLookupClient& lookups,
                     LeadVnodeObserver& observer)
    : m_self(self),
      m_config(config),
      m_ctx(ctx),
      m_lookups(lookups),
      m_observer(observer),
      m_table(
          std::make_unique<LeadRoutingTable>(self, config.successorListSize, config.fingerBase)),
      m_stabilizer(*this, config, ctx, lookups)
{
}

LeadVnode::~LeadVnode()
{
    CancelTimers();
}

const VnodeRef&
LeadVnode::GetSelf() const
{
    return m_self;
}

bool
LeadVnode::IsJoined() const
{
    return m_joined;
}

LeadRoutingTable&
LeadVnode::GetTable()
{
    return *m_table;
}

const LeadRoutingTable&
LeadVnode::GetTable() const
{
    return *m_table;
}

LeadRoutingTable::NextHop
LeadVnode::NextHop(uint64_t key, const std::vector<uint32_t>& avoidHosts) const
{
    auto hop = TableHop(key, avoidHosts);
    if (!m_config.peerRouting || (hop.valid && hop.owner))
    {
        return hop;
    }
    // Peer-level routing: an owner any vnode of the node knows, else the longest step.
    for (const LeadVnode* s : m_ctx.GetSiblings())
    {
        if (s == this || !s->IsJoined() || s->m_left)
        {
            continue;
        }
        const auto h = s->TableHop(key, avoidHosts);
        if (!h.valid)
        {
            continue;
        }
        if (h.owner)
        {
            return h;
        }
        if (!hop.valid || RingId::Distance(h.node.id, key) < RingId::Distance(hop.node.id, key))
        {
            hop = h;
        }
    }
    return hop;
}

LeadRoutingTable::NextHop
LeadVnode::TableHop(uint64_t key, const std::vector<uint32_t>& avoidHosts) const
{
    if (!m_config.proximityRouting)
    {
        return m_table->FindNextHop(key, avoidHosts);
    }
    const LeadVnodeContext& ctx = m_ctx;
    return m_table->FindNextHop(key, avoidHosts, [&ctx](uint32_t address) {
        return ctx.GetRtt(address);
    });
}

LeadKeyStore&
LeadVnode::GetStore()
{
    return m_store;
}

const LeadKeyStore&
LeadVnode::GetStore() const
{
    return m_store;
}

LeadKeyStore&
LeadVnode::GetReplicas()
{
    return m_replicas;
}

const LeadKeyStore&
LeadVnode::GetReplicas() const
{
    return m_replicas;
}

std::optional<uint64_t>
LeadVnode::GetLastPredecessor() const
{
    return m_lastPredecessor;
}

void
LeadVnode::CancelTimers()
{
    m_stabilizer.Stop();
    m_ctx.Env().Cancel(m_joinTimer);
    m_joinTimer = 0;
}

// ------------------------------------------------------------------------- life cycle

void
LeadVnode::Start()
{
    m_stopped = false;
    m_left = false;
    TryJoin();
}

void
LeadVnode::Stop()
{
    CancelTimers();
    m_stopped = true;
    if (m_joined)
    {
        m_joined = false;
        m_observer.VnodeDeparted(*this);
    }
}

void
LeadVnode::TryJoin()
{
    if (m_joined || m_stopped || m_observer.IsClosing())
    {
        return;
    }
    if (m_config.IsCreator() && m_self.vnode == 0)
    {
        m_table->CreateRing();
        MarkJoined();
        return;
    }
    if (m_config.IsCreator() && !m_observer.GetJoinedSibling())
    {
        m_joinTimer = m_ctx.Env().Schedule(m_config.joinRetryInterval, [this]() { TryJoin(); });
        return;
    }
    m_lookups.Start(*this,
                    m_self.id,
                    LeadPurpose::JOIN,
                    [this](const LookupResult& r, const std::vector<VnodeRef>& nodes) {
                        OnJoinLookup(r, nodes);
                    });
}

std::optional<VnodeRef>
LeadVnode::BootstrapVia()
{
    if (m_config.IsCreator() && m_self.vnode > 0)
    {
        if (auto sibling = m_observer.GetJoinedSibling())
        {
            return sibling;
        }
    }
    std::vector<uint32_t> others;
    for (uint32_t b : m_config.bootstrap)
    {
        if (b != m_config.address)
        {
            others.push_back(b);
        }
    }
    if (others.empty())
    {
        return std::nullopt;
    }
    VnodeRef any; // id 0: any joined vnode there
    any.address = others[m_ctx.Env().RandomInteger(0, others.size() - 1)];
    return any;
}

void
LeadVnode::OnJoinLookup(const LookupResult& r, const std::vector<VnodeRef>& succs)
{
    if (m_joined)
    {
        return;
    }
    if (!r.answered)
    {
        m_joinTimer = m_ctx.Env().Schedule(m_config.joinRetryInterval, [this]() { TryJoin(); });
        return;
    }
    std::vector<VnodeRef> rest(succs.begin() + 1, succs.end());
    m_table->MergeSuccessorList(r.owner, rest, m_ctx.Env().Now());
    MarkJoined();
}

void
LeadVnode::MarkJoined()
{
    LeadEnvironment& env = m_ctx.Env();
    m_joined = true;
    NS_LOG_INFO(env.Now().As(Time::S)
                << " vnode " << RingId::ToString(m_self.id) << " joined, successor "
                << RingId::ToString(m_table->GetSuccessor().id));
    m_stabilizer.Start();
    m_observer.VnodeJoined(*this);
}

void
LeadVnode::Depart()
{
    // Every successor failed: out of the ring until it joins again.
    m_joined = false;
    CancelTimers();
    m_observer.VnodeDeparted(*this);
    TryJoin();
}

void
LeadVnode::Leave(bool alone)
{
    if (!m_joined)
    {
        return;
    }
    CancelTimers();
    // Heir: the successor, or when the whole node leaves the first successor on another node.
    const auto stays = [this, alone](const VnodeRef& r) {
        return r.id != m_self.id && (alone || r.address != m_config.address);
    };
    std::optional<VnodeRef> heir;
    for (const auto& s : m_table->GetSuccessors())
    {
        if (stays(s))
        {
            heir = s;
            break;
        }
    }
    m_left = true;
    m_observer.VnodeLeaving(*this, heir);
    if (!heir)
    {
        return; // last node of the ring: nobody to hand to
    }
    LeadNeighborsHeader notice;
    notice.predecessor = m_table->GetPredecessor();
    if (notice.predecessor && !stays(*notice.predecessor))
    {
        notice.predecessor.reset();
    }
    for (const auto& s : m_table->GetSuccessors())
    {
        if (stays(s) && notice.successors.size() < m_config.successorListSize)
        {
            notice.successors.push_back(s);
        }
    }
    for (const auto& target : {heir, notice.predecessor})
    {
        if (!target)
        {
            continue;
        }
        Ptr<Packet> p = Create<Packet>();
        p->AddHeader(notice);
        m_ctx.Call(m_self, *target, LeadMessageType::LEAVE, LeadPurpose::MISC, p, {}, {});
    }
}

void
LeadVnode::SuspectFailed(const VnodeRef& peer)
{
    if (peer.id == m_self.id)
    {
        return;
    }
    NS_LOG_LOGIC("vnode " << RingId::ToString(m_self.id) << " removes unresponsive "
                          << RingId::ToString(peer.id));
    m_table->Remove(peer.id);
    m_table->Suspect(peer.id, m_ctx.Env().Now(), m_config.suspicionTime);
}

// ------------------------------------------------------------------- incoming messages

void
LeadVnode::Handle(const LeadHeader& h, Ptr<Packet> body, uint32_t from)
{
    if (m_left && h.GetType() != LeadMessageType::FIND_SUCCESSOR &&
        h.GetType() != LeadMessageType::LEAVE)
    {
        // It left: silent to ring maintenance, so that the vnodes that still list it time
        // out and forget it instead of learning it again from one another.
        return;
    }
    switch (h.GetType())
    {
    case LeadMessageType::FIND_SUCCESSOR:
        OnFindSuccessor(h, body, from);
        break;
    case LeadMessageType::GET_NEIGHBORS:
        OnGetNeighbors(h, body, from);
        break;
    case LeadMessageType::NOTIFY:
        OnNotify(h, from);
        break;
    case LeadMessageType::SUCC_HINT:
        OnSuccessorHint(h, body, from);
        break;
    case LeadMessageType::PING:
        m_ctx.Reply(m_self, h, from, LeadMessageType::PONG, Create<Packet>());
        break;
    case LeadMessageType::LEAVE:
        OnLeave(h, body, from);
        break;
    case LeadMessageType::ALERT:
        OnAlert(h, body, from);
        break;
    default:
        m_ctx.Drop(body, "not a ring message: " + LeadMessageTypeName(h.GetType()));
        break;
    }
}

void
LeadVnode::AddOwnerAndSuccessors(const VnodeRef& owner,
                                 uint8_t wanted,
                                 std::vector<VnodeRef>& nodes) const
{
    // The owner, then the successors that follow it (up to `wanted` in all).
    nodes.push_back(owner);
    for (const auto& s : m_table->GetSuccessors())
    {
        if (nodes.size() >= wanted)
        {
            break;
        }
        if (s.id != owner.id && RingId::Between(owner.id, s.id, m_self.id))
        {
            nodes.push_back(s);
        }
    }
}

void
LeadVnode::ForwardLookup(const LeadLookupHeader& lookup,
                         LeadPurpose purpose,
                         std::vector<uint32_t> avoidHosts)
{
    auto hop = NextHop(lookup.target, avoidHosts);
    NS_LOG_LOGIC("vnode " << RingId::ToString(m_self.id) << " routes lookup " << lookup.lookupId
                          << " for " << RingId::ToString(lookup.target) << ": "
                          << (hop.owner ? "owner " : "next hop ") << RingId::ToString(hop.node.id));
    if (!hop.valid ||
        std::find(avoidHosts.begin(), avoidHosts.end(), hop.node.address) != avoidHosts.end())
    {
        return; // no successor (left): the origin sends the lookup again, or gives up
    }
    if (hop.owner)
    {
        LeadLookupReplyHeader reply;
        reply.lookupId = lookup.lookupId;
        reply.target = lookup.target;
        reply.hops = lookup.hops;
        AddOwnerAndSuccessors(hop.node, lookup.wanted, reply.nodes);
        Ptr<Packet> body = Create<Packet>();
        body->AddHeader(reply);
        m_ctx.SendOneWay(m_self,
                         lookup.origin,
                         LeadMessageType::FIND_SUCCESSOR_REPLY,
                         purpose,
                         body);
        return;
    }
    if (lookup.hops >= LeadVnodeConfig::MAX_HOPS)
    {
        NS_LOG_WARN("lookup " << lookup.lookupId << " dropped after " << unsigned(lookup.hops)
                              << " hops");
        return;
    }
    LeadLookupHeader next = lookup;
    next.hops = lookup.hops + 1;
    Ptr<Packet> body = Create<Packet>();
    body->AddHeader(next);
    const VnodeRef nextHop = hop.node;
    m_ctx.Call(
        m_self,
        nextHop,
        LeadMessageType::FIND_SUCCESSOR,
        purpose,
        body,
        {}, // the hop's acknowledgement
        [this, nextHop, lookup, purpose, avoidHosts]() mutable {
            if (!m_joined)
            {
                return;
            }
            // Route around the silent hop at once (p2psim does, after one timeout), and
            // around the other vnodes of its host, which share its fate; find out in the
            // background whether it is dead.
            CheckSuspect(nextHop);
            avoidHosts.push_back(nextHop.address);
            ForwardLookup(lookup, purpose, avoidHosts);
        },
        Time(0),
        m_config.hopAttempts);
}

void
LeadVnode::CheckSuspect(const VnodeRef& peer, uint32_t attempts)
{
    if (peer.id == m_self.id || !m_checking.insert(peer.id).second)
    {
        return; // being checked already
    }
    m_ctx.Call(
        m_self,
        peer,
        LeadMessageType::PING,
        LeadPurpose::MISC,
        Create<Packet>(),
        [this, peer](const LeadHeader&, Ptr<Packet>) { m_checking.erase(peer.id); },
        [this, peer]() {
            m_checking.erase(peer.id);
            SuspectFailed(peer);
        },
        Time(0),
        attempts);
}

void
LeadVnode::OnFindSuccessor(const LeadHeader& h, Ptr<Packet> body, uint32_t from)
{
    LeadLookupHeader lk;
    body->RemoveHeader(lk);
    if (!lk.valid)
    {
        m_ctx.Drop(body, "invalid FIND_SUCCESSOR body");
        return;
    }
    if (m_config.successorHints && h.GetPurpose() == LeadPurpose::FINGER && m_joined &&
        lk.origin.id != m_self.id)
    {
        // Ring maintenance comes from joined vnodes: one between us and our successor is a
        // closer successor we did not know of.
        m_stabilizer.AdoptCloserSuccessor(lk.origin);
    }
    if (lk.iterative)
    {
        AnswerIterative(h, lk, from);
        return;
    }
    // Acknowledge the hop, then take over the routing.
    m_ctx.Reply(m_self, h, from, LeadMessageType::FIND_SUCCESSOR, Create<Packet>());
    ForwardLookup(lk, h.GetPurpose());
}

void
LeadVnode::AnswerIterative(const LeadHeader& h, const LeadLookupHeader& lk, uint32_t from)
{
    // Iterative step: answer with the owner (and its successors) or the next hop.
    auto hop = NextHop(lk.target);
    LeadLookupReplyHeader answer;
    answer.lookupId = lk.lookupId;
    answer.target = lk.target;
    answer.hops = lk.hops;
    if (hop.valid)
    {
        answer.owner = hop.owner;
        if (hop.owner)
        {
            AddOwnerAndSuccessors(hop.node, lk.wanted, answer.nodes);
        }
        else
        {
            answer.nodes.push_back(hop.node);
        }
    }
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(answer);
    m_ctx.Reply(m_self, h, from, LeadMessageType::FIND_SUCCESSOR, p);
}

void
LeadVnode::OnGetNeighbors(const LeadHeader& h, Ptr<Packet> body, uint32_t from)
{
    LeadNeighborsRequestHeader ask;
    body->RemoveHeader(ask);
    if (!ask.valid)
    {
        m_ctx.Drop(body, "invalid GET_NEIGHBORS body");
        return;
    }
    LeadNeighborsHeader reply;
    if (ask.wantPredecessor)
    {
        reply.predecessor = m_table->GetPredecessor();
        if (!reply.predecessor && m_table->GetSuccessor().id == m_self.id)
        {
            reply.predecessor = m_self; // a ring of one is its own predecessor
        }
    }
    for (const auto& s : m_table->GetSuccessors())
    {
        if (reply.successors.size() >= ask.maxSuccessors)
        {
            break;
        }
        reply.successors.push_back(s);
    }
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(reply);
    m_ctx.Reply(m_self, h, from, LeadMessageType::GET_NEIGHBORS_REPLY, p);
}

void
LeadVnode::OnNotify(const LeadHeader& h, uint32_t from)
{
    const VnodeRef candidate{h.GetSrcId(), from, h.GetSrcVnode()};
    const auto old = m_table->GetPredecessor();
    const Time now = m_ctx.Env().Now();
    if (m_table->GetSuccessor().id == m_self.id)
    {
        m_table->AddSuccessorCandidate(candidate, now);
    }
    if (m_table->ConsiderPredecessor(candidate, now))
    {
        PredecessorUpdated(old);
    }
    m_ctx.Reply(m_self, h, from, LeadMessageType::NOTIFY_REPLY, Create<Packet>());
}

void
LeadVnode::PredecessorUpdated(std::optional<VnodeRef> oldPredecessor)
{
    auto pred = m_table->GetPredecessor();
    if (!pred)
    {
        return;
    }
    NS_LOG_LOGIC(
        "vnode " << RingId::ToString(m_self.id) << " predecessor "
                 << (oldPredecessor ? RingId::ToString(oldPredecessor->id) : std::string("none"))
                 << " --> " << RingId::ToString(pred->id));
    m_lastPredecessor = pred->id;
    m_observer.PredecessorChanged(*this, oldPredecessor);
}

void
LeadVnode::OnSuccessorHint(const LeadHeader& h, Ptr<Packet> body, uint32_t from)
{
    LeadSuccessorHintHeader hint;
    body->RemoveHeader(hint);
    if (!hint.valid || body->GetSize() != 0)
    {
        m_ctx.Drop(body, "invalid SUCC_HINT body");
        return;
    }
    m_ctx.Reply(m_self, h, from, LeadMessageType::SUCC_HINT_REPLY, Create<Packet>());
    if (m_joined)
    {
        m_stabilizer.AdoptCloserSuccessor(hint.candidate);
    }
}

void
LeadVnode::OnLeave(const LeadHeader& h, Ptr<Packet> body, uint32_t from)
{
    LeadNeighborsHeader notice;
    body->RemoveHeader(notice);
    if (!notice.valid)
    {
        m_ctx.Drop(body, "invalid LEAVE body");
        return;
    }
    const uint64_t leaver = h.GetSrcId();
    const auto oldPred = m_table->GetPredecessor();
    const bool wasPred = oldPred && oldPred->id == leaver;
    m_table->Remove(leaver);
    const Time now = m_ctx.Env().Now();
    // The leaver names only vnodes that stay (a whole node leaving leaves its own out).
    for (const auto& s : notice.successors)
    {
        if (s.id != m_self.id && s.id != leaver)
        {
            m_table->AddSuccessorCandidate(s, now);
        }
    }
    if (wasPred && notice.predecessor && notice.predecessor->id != leaver)
    {
        m_table->ConsiderPredecessor(*notice.predecessor, now);
        PredecessorUpdated(oldPred);
    }
    m_ctx.Reply(m_self, h, from, LeadMessageType::LEAVE_REPLY, Create<Packet>());
}

void
LeadVnode::OnAlert(const LeadHeader& h, Ptr<Packet> body, uint32_t from)
{
    LeadAlertHeader alert;
    body->RemoveHeader(alert);
    if (!alert.valid)
    {
        m_ctx.Drop(body, "invalid ALERT body");
        return;
    }
    m_ctx.Reply(m_self, h, from, LeadMessageType::ALERT_REPLY, Create<Packet>());
    // Check each suspect ourselves (lead-spec.md 4.5): forget it if it does not answer.
    for (const auto& suspect : alert.suspects)
    {
        if (suspect.id == m_self.id || !m_table->GetLastHeard(suspect.id))
        {
            continue;
        }
        CheckSuspect(suspect, m_config.alertAttempts);
    }
}

} // namespace lead
} // namespace ns3
