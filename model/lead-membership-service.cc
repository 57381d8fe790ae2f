/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-membership-service.h"

#include "lead-ring-id.h"
#include "lead-view-header.h"
#include "lead-vnode-host.h"
#include "lead-vnode.h"

#include "ns3/log.h"

#include <algorithm>
#include <cmath>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("LeadMembershipService");

namespace lead
{

namespace
{
/// Most events one message carries (a datagram's worth).
constexpr size_t MAX_EVENTS{(LeadVnodeConfig::MAX_BATCH_BYTES - LeadViewHeader::FIXED_SIZE) /
                            LeadViewHeader::EVENT_SIZE};
} // namespace

LeadMembershipService::LeadMembershipService(LeadVnodeHost& host, const Config& config)
    : m_host(host),
      m_config(config)
{
    host.SetHandler(LeadMessageType::VIEW_GOSSIP,
                    [this](LeadVnode& at, const LeadHeader& h, Ptr<Packet> body, uint32_t from) {
                        OnGossip(at, h, body, from);
                    });
    host.SetHandler(LeadMessageType::VIEW_SYNC,
                    [this](LeadVnode& at, const LeadHeader& h, Ptr<Packet> body, uint32_t from) {
                        OnSync(at, h, body, from);
                    });
    LeadVnodeHost::Listener l;
    l.joined = [this](LeadVnode& v) {
        Learn({v.GetSelf(), true, m_host.Env().Now()});
        const VnodeRef succ = v.GetTable().GetSuccessor();
        if (!m_synced && succ.address != v.GetSelf().address)
        {
            m_synced = true;
            Sync(succ.address); // the whole view, at once
        }
    };
    l.leaving = [this](LeadVnode& v, std::optional<VnodeRef>) {
        Learn({v.GetSelf(), false, m_host.Env().Now()});
    };
    l.predecessorChanged = [this](LeadVnode& v, std::optional<VnodeRef>) {
        // The vnode owns (new predecessor, self] now: every vnode the view holds alive
        // strictly inside that arc is gone (the old predecessor among them when it failed;
        // Chord forgets a failed predecessor first, so the old one may be unknown). One that
        // is in fact alive hears of it and announces itself again.
        const auto pred = v.GetTable().GetPredecessor();
        if (!pred || !v.IsJoined())
        {
            return;
        }
        const uint64_t self = v.GetSelf().id;
        for (const VnodeRef& r : m_view.GetLive())
        {
            if (r.address != v.GetSelf().address && RingId::Between(pred->id, r.id, self))
            {
                Learn({r, false, m_host.Env().Now()});
            }
        }
    };
    host.AddListener(l);
    if (m_config.gossipInterval.IsStrictlyPositive())
    {
        m_gossipTimer = m_host.Env().Schedule(m_config.gossipInterval, [this]() { Gossip(); });
    }
    if (m_config.syncInterval.IsStrictlyPositive())
    {
        m_syncTimer = m_host.Env().Schedule(m_config.syncInterval, [this]() { SyncRound(); });
    }
}

LeadMembershipService::~LeadMembershipService()
{
    m_host.Env().Cancel(m_gossipTimer);
    m_host.Env().Cancel(m_syncTimer);
}

const LeadMembershipView&
LeadMembershipService::GetView() const
{
    return m_view;
}

bool
LeadMembershipService::Learn(const LeadMembershipView::Event& e)
{
    if (!m_view.Apply(e))
    {
        return false;
    }
    NS_LOG_LOGIC("node " << m_host.GetConfig().address << " learns " << RingId::ToString(e.ref.id)
                         << (e.alive ? " alive at " : " dead at ") << e.stamp.As(Time::S));
    uint32_t rounds = m_config.rounds;
    if (rounds == 0)
    {
        const double hosts = static_cast<double>(m_view.GetLiveHostCount());
        rounds = static_cast<uint32_t>(std::ceil(std::log2(hosts + 1))) + 1;
    }
    m_hot[e.ref.id] = rounds;
    return true;
}

void
LeadMembershipService::LearnAll(const std::vector<LeadMembershipView::Event>& events)
{
    const uint32_t self = m_host.GetConfig().address;
    for (const auto& e : events)
    {
        if (e.ref.address == self && !e.alive && e.ref.vnode < m_host.GetVnodeCount())
        {
            const LeadVnode& v = m_host.GetVnode(e.ref.vnode);
            if (v.GetSelf().id == e.ref.id && v.IsJoined() && !m_host.IsRetired(e.ref.vnode))
            {
                // Wrongly declared dead: alive again, after the accusation.
                Learn({v.GetSelf(), true, std::max(m_host.Env().Now(), e.stamp + NanoSeconds(1))});
                continue;
            }
        }
        Learn(e);
    }
}

VnodeRef
LeadMembershipService::From()
{
    return m_host.GetClientVnode().GetSelf();
}

std::vector<uint32_t>
LeadMembershipService::DrawNodes(uint32_t most)
{
    std::vector<uint32_t> hosts = m_view.GetLiveHosts();
    hosts.erase(std::remove(hosts.begin(), hosts.end(), m_host.GetConfig().address), hosts.end());
    const size_t n = std::min<size_t>(most, hosts.size());
    for (size_t k = 0; k < n; ++k) // partial Fisher-Yates
    {
        const uint32_t j = m_host.Env().RandomInteger(k, hosts.size() - 1);
        std::swap(hosts[k], hosts[j]);
    }
    hosts.resize(n);
    return hosts;
}

void
LeadMembershipService::Gossip()
{
    m_gossipTimer = m_host.Env().Schedule(m_config.gossipInterval, [this]() { Gossip(); });
    if (m_hot.empty() || !m_host.GetClientVnode().IsJoined())
    {
        return;
    }
    std::vector<LeadMembershipView::Event> events;
    for (auto it = m_hot.begin(); it != m_hot.end();)
    {
        if (events.size() >= MAX_EVENTS)
        {
            break; // the rest next round
        }
        if (auto e = m_view.Find(it->first))
        {
            events.push_back(*e);
        }
        it = --it->second == 0 ? m_hot.erase(it) : std::next(it);
    }
    NS_LOG_LOGIC("node " << m_host.GetConfig().address << " gossips " << events.size()
                         << " events");
    for (uint32_t address : DrawNodes(m_config.fanout))
    {
        SendEvents(address, events);
    }
}

std::vector<LeadMembershipView::Event>
LeadMembershipService::AllEvents()
{
    // Everything known, from a random place if it does not fit in one message.
    const auto all = m_view.GetEvents();
    const size_t n = std::min(all.size(), MAX_EVENTS);
    const size_t first = all.size() > n ? m_host.Env().RandomInteger(0, all.size() - 1) : 0;
    std::vector<LeadMembershipView::Event> out;
    out.reserve(n);
    for (size_t k = 0; k < n; ++k)
    {
        out.push_back(all[(first + k) % all.size()]);
    }
    return out;
}

void
LeadMembershipService::SendEvents(uint32_t address,
                                  const std::vector<LeadMembershipView::Event>& events)
{
    LeadViewHeader msg;
    msg.digest = m_view.GetDigest();
    msg.live = static_cast<uint32_t>(m_view.GetLiveCount());
    msg.events = events;
    Ptr<Packet> body = Create<Packet>();
    body->AddHeader(msg);
    VnodeRef any; // id 0: any joined vnode there
    any.address = address;
    LeadOpScope maintenance(m_host, 0);
    m_host.SendOneWay(From(), any, LeadMessageType::VIEW_GOSSIP, LeadPurpose::MEMBERSHIP, body);
}

std::vector<LeadMembershipView::Event>
LeadMembershipService::OwnEvents() const
{
    std::vector<LeadMembershipView::Event> out;
    for (uint32_t i = 0; i < m_host.GetVnodeCount(); ++i)
    {
        if (auto e = m_view.Find(m_host.GetVnode(i).GetSelf().id))
        {
            out.push_back(*e);
        }
    }
    return out;
}

void
LeadMembershipService::SyncRound()
{
    m_syncTimer = m_host.Env().Schedule(m_config.syncInterval, [this]() { SyncRound(); });
    m_view.ForgetTombstones(m_host.Env().Now() - m_config.tombstoneLife);
    if (m_host.GetClientVnode().IsJoined())
    {
        Sync(0);
    }
}

void
LeadMembershipService::Sync(uint32_t to)
{
    if (to == 0)
    {
        const auto drawn = DrawNodes(1);
        if (drawn.empty())
        {
            return;
        }
        to = drawn.front();
    }
    LeadViewHeader msg;
    msg.digest = m_view.GetDigest();
    msg.live = static_cast<uint32_t>(m_view.GetLiveCount());
    msg.events = OwnEvents();
    Ptr<Packet> body = Create<Packet>();
    body->AddHeader(msg);
    VnodeRef any;
    any.address = to;
    LeadOpScope maintenance(m_host, 0);
    m_host.Call(From(),
                any,
                LeadMessageType::VIEW_SYNC,
                LeadPurpose::MEMBERSHIP,
                body,
                [this, to](const LeadHeader&, Ptr<Packet> p) {
                    LeadViewHeader answer;
                    p->RemoveHeader(answer);
                    if (!answer.valid || p->GetSize() != 0)
                    {
                        m_host.Drop(p, "invalid VIEW_SYNC answer");
                        return;
                    }
                    LearnAll(answer.events);
                    if (answer.digest != m_view.GetDigest())
                    {
                        // Push-pull: the other node lacks something we know.
                        SendEvents(to, AllEvents());
                    }
                },
                {});
}

void
LeadMembershipService::OnGossip(LeadVnode&, const LeadHeader&, Ptr<Packet> body, uint32_t)
{
    LeadViewHeader msg;
    body->RemoveHeader(msg);
    if (!msg.valid || body->GetSize() != 0)
    {
        m_host.Drop(body, "invalid VIEW_GOSSIP body");
        return;
    }
    LearnAll(msg.events);
}

void
LeadMembershipService::OnSync(LeadVnode& at, const LeadHeader& h, Ptr<Packet> body, uint32_t from)
{
    LeadViewHeader msg;
    body->RemoveHeader(msg);
    if (!msg.valid || body->GetSize() != 0)
    {
        m_host.Drop(body, "invalid VIEW_SYNC body");
        return;
    }
    NS_LOG_LOGIC("node " << m_host.GetConfig().address << " sync from " << from << ", "
                         << msg.events.size() << " events");
    LearnAll(msg.events);
    LeadViewHeader answer;
    answer.digest = m_view.GetDigest();
    answer.live = static_cast<uint32_t>(m_view.GetLiveCount());
    if (msg.digest != answer.digest)
    {
        answer.events = AllEvents();
    }
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(answer);
    m_host.Reply(at.GetSelf(), h, from, LeadMessageType::VIEW_SYNC, p);
}

} // namespace lead
} // namespace ns3
