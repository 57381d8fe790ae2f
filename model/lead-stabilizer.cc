/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-stabilizer.h"

#include "lead-alert-header.h"
#include "lead-lookup-client.h"
#include "lead-neighbors-header.h"
#include "lead-neighbors-request-header.h"
#include "lead-results.h"
#include "lead-ring-id.h"
#include "lead-successor-hint-header.h"
#include "lead-vnode-context.h"
#include "lead-vnode.h"

#include "ns3/log.h"

#include <algorithm>

namespace ns3
{
namespace lead
{

NS_LOG_COMPONENT_DEFINE("LeadStabilizer");

LeadStabilizer::LeadStabilizer(LeadVnode& vnode,
                               const LeadVnodeConfig& config,
                               LeadVnodeContext& ctx,
                               LeadLookupClient& lookups)
    : m_vnode(vnode),
      m_config(config),
      m_ctx(ctx),
      m_lookups(lookups)
{
}

LeadStabilizer::~LeadStabilizer()
{
    Stop();
}

LeadRoutingTable&
LeadStabilizer::Table()
{
    return m_vnode.GetTable();
}

const VnodeRef&
LeadStabilizer::Self() const
{
    return m_vnode.GetSelf();
}

void
LeadStabilizer::Start()
{
    LeadEnvironment& env = m_ctx.Env();
    m_joinedAt = env.Now();
    m_probesConfirmed = 0;
    // First rounds soon, then periodic with jitter.
    m_stabilizeTimer =
        env.Schedule(MilliSeconds(env.RandomInteger(1, 50)), [this]() { Stabilize(); });
    m_fingerTimer =
        env.Schedule(m_config.stabilizeInterval * 2 + MilliSeconds(env.RandomInteger(0, 100)),
                     [this]() { FixFingers(); });
}

void
LeadStabilizer::Stop()
{
    m_ctx.Env().Cancel(m_stabilizeTimer);
    m_ctx.Env().Cancel(m_fingerTimer);
    m_stabilizeTimer = 0;
    m_fingerTimer = 0;
}

void
LeadStabilizer::Stabilize()
{
    if (!m_vnode.IsJoined())
    {
        return;
    }
    LeadEnvironment& env = m_ctx.Env();
    const Time period = m_config.stabilizeInterval * (0.9 + 0.2 * env.RandomValue());
    m_stabilizeTimer = env.Schedule(period, [this]() { Stabilize(); });

    LeadRoutingTable& t = Table();
    if (t.GetSuccessor().id == Self().id)
    {
        // Alone in the ring: someone who notified us is our way back in.
        if (auto pred = t.GetPredecessor())
        {
            t.AddSuccessorCandidate(*pred, env.Now());
        }
        if (t.GetSuccessor().id == Self().id)
        {
            return;
        }
    }
    if (!t.HasSuccessor())
    {
        m_vnode.Depart();
        return;
    }
    if (env.Now() - m_joinedAt < m_config.joinProbeTime && m_probesConfirmed < 3)
    {
        ProbeOwnPosition();
    }

    // 1. fix_successor (+ successor list when due): ask the successor for its neighbours.
    const VnodeRef succ = t.GetSuccessor();
    const bool refreshList =
        env.Now() - m_lastSuccListRefresh >= m_config.successorListInterval ||
        t.GetSuccessors().size() < std::max<uint32_t>(1, m_config.successorListSize / 2);
    LeadNeighborsRequestHeader ask;
    ask.wantPredecessor = true;
    ask.maxSuccessors = refreshList ? static_cast<uint8_t>(m_config.successorListSize) : 0;
    Ptr<Packet> body = Create<Packet>();
    body->AddHeader(ask);
    m_ctx.Call(
        Self(),
        succ,
        LeadMessageType::GET_NEIGHBORS,
        refreshList ? LeadPurpose::SUCC_LIST : LeadPurpose::STABILIZE,
        body,
        [this, succ, refreshList](const LeadHeader&, Ptr<Packet> p) {
            OnSuccessorNeighbors(succ, refreshList, p);
        },
        [this, succ]() { SuccessorFailed(succ); });

    // 2. Predecessor check: is it alive, and is its successor us?
    CheckPredecessor();
}

void
LeadStabilizer::OnSuccessorNeighbors(const VnodeRef& succ, bool refreshList, Ptr<Packet> p)
{
    if (!m_vnode.IsJoined())
    {
        return;
    }
    LeadNeighborsHeader reply;
    p->RemoveHeader(reply);
    if (!reply.valid)
    {
        m_ctx.Drop(p, "invalid GET_NEIGHBORS reply");
        return;
    }
    LeadRoutingTable& t = Table();
    const Time now = m_ctx.Env().Now();
    NS_LOG_LOGIC("vnode " << RingId::ToString(Self().id) << " successor "
                          << RingId::ToString(succ.id) << " reports predecessor "
                          << (reply.predecessor ? RingId::ToString(reply.predecessor->id)
                                                : std::string("none")));
    if (refreshList)
    {
        t.MergeSuccessorList(succ, reply.successors, now);
        m_lastSuccListRefresh = now;
    }
    if (reply.predecessor && reply.predecessor->id != Self().id &&
        RingId::Between(Self().id, reply.predecessor->id, succ.id))
    {
        // Our successor was stale (we joined through a ring that was still settling): walk
        // back at network speed rather than one node per period.
        AdoptCloserSuccessor(*reply.predecessor);
    }
    else if (reply.predecessor && reply.predecessor->id != Self().id &&
             reply.predecessor->id != succ.id)
    {
        // Our successor's predecessor lies behind us, so its successor is most likely our
        // successor too: we belong between them.
        SendSuccessorHint(*reply.predecessor, Self());
    }
    // notify: "I might be your predecessor".
    const VnodeRef newSucc = t.GetSuccessor();
    if (newSucc.id == Self().id)
    {
        return;
    }
    m_ctx.Call(Self(),
               newSucc,
               LeadMessageType::NOTIFY,
               LeadPurpose::NOTIFY,
               Create<Packet>(),
               {},
               [this, newSucc]() { SuccessorFailed(newSucc); });
}

void
LeadStabilizer::VerifyThenAdopt(const VnodeRef& candidate)
{
    // One attempt: an answer (which also ends the suspicion) makes it our successor.
    m_ctx.Call(
        Self(),
        candidate,
        LeadMessageType::PING,
        LeadPurpose::STABILIZE,
        Create<Packet>(),
        [this, candidate](const LeadHeader&, Ptr<Packet>) {
            if (m_vnode.IsJoined())
            {
                AdoptCloserSuccessor(candidate);
            }
        },
        {},
        Time(0),
        1);
}

void
LeadStabilizer::SuccessorFailed(const VnodeRef& succ)
{
    m_vnode.SuspectFailed(succ);
    if (!m_vnode.IsJoined() || !Table().HasSuccessor())
    {
        return;
    }
    const VnodeRef next = Table().GetSuccessor();
    if (next.id == Self().id || next.id == succ.id)
    {
        return;
    }
    if (m_config.alerts)
    {
        // The next successor most likely still has the dead vnode as its predecessor and
        // would refuse our NOTIFY until its own check fails.
        LeadAlertHeader alert;
        alert.suspects.push_back(succ);
        Ptr<Packet> body = Create<Packet>();
        body->AddHeader(alert);
        m_ctx.Call(Self(), next, LeadMessageType::ALERT, LeadPurpose::STABILIZE, body, {}, {});
    }
    StabilizeSoon();
}

void
LeadStabilizer::CheckPredecessor()
{
    auto pred = Table().GetPredecessor();
    if (!pred)
    {
        return;
    }
    const VnodeRef p = *pred;
    LeadNeighborsRequestHeader askPred;
    askPred.wantPredecessor = false;
    askPred.maxSuccessors = 1;
    Ptr<Packet> body = Create<Packet>();
    body->AddHeader(askPred);
    m_ctx.Call(
        Self(),
        p,
        LeadMessageType::GET_NEIGHBORS,
        LeadPurpose::PRED_CHECK,
        body,
        [this, p](const LeadHeader&, Ptr<Packet> packet) {
            LeadNeighborsHeader reply;
            packet->RemoveHeader(reply);
            if (!reply.valid)
            {
                m_ctx.Drop(packet, "invalid GET_NEIGHBORS reply");
                return;
            }
            if (!m_vnode.IsJoined() || reply.successors.empty() ||
                reply.successors.front().id == Self().id)
            {
                return;
            }
            // Interleaved strands (concurrent joins answered from stale views) are consistent
            // pair by pair; they show here. Whoever lies between our predecessor and us, or
            // our predecessor itself, should have us next.
            const VnodeRef& theirs = reply.successors.front();
            const bool between = RingId::Between(p.id, theirs.id, Self().id);
            SendSuccessorHint(between ? theirs : p, Self());
        },
        [this, p]() { m_vnode.SuspectFailed(p); });
}

void
LeadStabilizer::StabilizeSoon()
{
    LeadEnvironment& env = m_ctx.Env();
    env.Cancel(m_stabilizeTimer);
    m_stabilizeTimer =
        env.Schedule(MilliSeconds(env.RandomInteger(1, 20)), [this]() { Stabilize(); });
}

void
LeadStabilizer::AdoptCloserSuccessor(const VnodeRef& candidate)
{
    const VnodeRef old = Table().GetSuccessor();
    if (candidate.id == Self().id ||
        (old.id != Self().id && !RingId::Between(Self().id, candidate.id, old.id)))
    {
        return;
    }
    if (Table().IsSuspected(candidate.id, m_ctx.Env().Now()))
    {
        // We found it silent: our informant may not have noticed it died, or we gave up on
        // a live one too early. Ask it directly first.
        VerifyThenAdopt(candidate);
        return;
    }
    Table().AddSuccessorCandidate(candidate, m_ctx.Env().Now());
    if (Table().GetSuccessor().id != candidate.id)
    {
        return;
    }
    NS_LOG_LOGIC("vnode " << RingId::ToString(Self().id) << " successor "
                          << RingId::ToString(old.id) << " --> " << RingId::ToString(candidate.id));
    // The successor we drop may belong right after the new one (two strands zip together).
    if (old.id != Self().id)
    {
        SendSuccessorHint(candidate, old);
    }
    // Verify the new successor and notify it without waiting for the next period.
    StabilizeSoon();
}

void
LeadStabilizer::SendSuccessorHint(const VnodeRef& to, const VnodeRef& candidate)
{
    if (!m_config.successorHints || to.id == Self().id || to.id == candidate.id)
    {
        return;
    }
    LeadSuccessorHintHeader hint;
    hint.candidate = candidate;
    Ptr<Packet> body = Create<Packet>();
    body->AddHeader(hint);
    m_ctx.Call(Self(), to, LeadMessageType::SUCC_HINT, LeadPurpose::STABILIZE, body, {}, {});
}

void
LeadStabilizer::FixFingers()
{
    if (!m_vnode.IsJoined())
    {
        return;
    }
    LeadEnvironment& env = m_ctx.Env();
    const Time period = m_config.fingerInterval * (0.9 + 0.2 * env.RandomValue());
    m_fingerTimer = env.Schedule(period, [this]() { FixFingers(); });
    const Time now = env.Now();
    Table().PruneFingers();
    for (const auto& slot : Table().GetFingerSlots())
    {
        auto finger = Table().GetFinger(slot.start);
        if (finger)
        {
            auto heard = Table().GetLastHeard(finger->id);
            if (heard && now - *heard < m_config.fingerInterval)
            {
                continue; // fresh
            }
            const VnodeRef f = *finger;
            m_ctx.Call(Self(),
                       f,
                       LeadMessageType::PING,
                       LeadPurpose::FINGER,
                       Create<Packet>(),
                       {},
                       [this, f]() { m_vnode.SuspectFailed(f); });
            continue;
        }
        const uint64_t start = slot.start;
        m_lookups.Start(m_vnode,
                        start,
                        LeadPurpose::FINGER,
                        [this, start](const LookupResult& r, const std::vector<VnodeRef>& nodes) {
                            if (r.answered && m_vnode.IsJoined())
                            {
                                Table().SetFinger(start, r.owner, m_ctx.Env().Now());
                                if (m_config.proximityFingers)
                                {
                                    OfferFingers(start, nodes);
                                }
                            }
                        });
    }
}

void
LeadStabilizer::OfferFingers(uint64_t slotStart, const std::vector<VnodeRef>& nodes)
{
    // Proximity neighbour selection: the lookup named the slot start's owner and its
    // successors; those in the slot are the candidates. One already measured is offered at
    // once; the others are pinged once, which measures them, and offered when they answer.
    const auto slot = Table().FindSlot(slotStart);
    if (!slot)
    {
        return;
    }
    auto rttOf = [this](uint32_t address) { return m_ctx.GetRtt(address); };
    for (const VnodeRef& c : nodes)
    {
        if (RingId::Distance(slotStart, c.id) >= slot->width)
        {
            break; // the successors that follow lie past the slot too
        }
        if (c.address == Self().address || rttOf(c.address).IsStrictlyPositive())
        {
            Table().OfferFinger(slotStart, c, m_ctx.Env().Now(), rttOf);
            continue;
        }
        m_ctx.Call(Self(),
                   c,
                   LeadMessageType::PING,
                   LeadPurpose::FINGER,
                   Create<Packet>(),
                   [this, slotStart, c, rttOf](const LeadHeader&, Ptr<Packet>) {
                       if (m_vnode.IsJoined())
                       {
                           Table().OfferFinger(slotStart, c, m_ctx.Env().Now(), rttOf);
                       }
                   },
                   {});
    }
}

void
LeadStabilizer::ProbeOwnPosition()
{
    // Look up our own position starting from a far vnode. In a ring whose strands interleave
    // (each pair consistent, so stabilisation cannot see it), the lookup can end in the other
    // strand: the vnode answering it adopts us (OnFindSuccessor), and we adopt the owner it
    // names if it lies before our successor.
    const uint64_t succ = Table().GetSuccessor().id;
    std::vector<VnodeRef> far;
    for (const auto& slot : Table().GetFingerSlots())
    {
        auto finger = Table().GetFinger(slot.start);
        if (finger && finger->id != succ)
        {
            far.push_back(*finger);
        }
    }
    if (far.empty())
    {
        const auto succs = Table().GetSuccessors();
        far.assign(succs.begin() + std::min<size_t>(1, succs.size()), succs.end());
    }
    if (far.empty())
    {
        return;
    }
    const VnodeRef via = far[m_ctx.Env().RandomInteger(0, far.size() - 1)];
    m_lookups.Start(
        m_vnode,
        Self().id,
        LeadPurpose::FINGER,
        [this](const LookupResult& r, const std::vector<VnodeRef>&) {
            if (!r.answered || !m_vnode.IsJoined())
            {
                return;
            }
            if (r.owner.id == Self().id)
            {
                ++m_probesConfirmed; // three in a row end the probing
                return;
            }
            m_probesConfirmed = 0;
            AdoptCloserSuccessor(r.owner);
        },
        via);
}

} // namespace lead
} // namespace ns3
