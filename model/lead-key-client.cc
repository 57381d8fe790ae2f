/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-key-client.h"

#include "lead-kv-header.h"
#include "lead-membership-view.h"
#include "lead-vnode-host.h"

#include "ns3/log.h"

namespace ns3
{
namespace lead
{

NS_LOG_COMPONENT_DEFINE("LeadKeyClient");

namespace
{
/// Delay before a key operation looks up again after a stale owner answered.
const Time STALE_OWNER_RETRY = MilliSeconds(100);
} // namespace

LeadKeyClient::LeadKeyClient(LeadVnodeHost& host, const Config& config)
    : m_host(host),
      m_config(config)
{
}

void
LeadKeyClient::SetRelayTime(Time relayTime)
{
    m_config.relayTime = relayTime;
}

void
LeadKeyClient::CancelAll()
{
    m_pending.clear();
}

void
LeadKeyClient::Start(LeadKeyOp op,
                     uint64_t key,
                     uint64_t position,
                     uint32_t size,
                     uint64_t tag,
                     DoneCallback done)
{
    const uint32_t id = m_nextId++;
    Pending& ko = m_pending[id];
    ko.done = std::move(done);
    ko.start = m_host.Env().Now();
    ko.op = m_host.GetCurrentOp();
    ko.result.op = op;
    ko.result.key = key;
    ko.result.size = size;
    ko.result.tag = tag;
    ko.result.hash = position;
    ko.result.attempts = 1;
    if (op == LeadKeyOp::PUT && m_config.datagrams && size > LeadVnodeConfig::MAX_BATCH_BYTES)
    {
        NS_LOG_WARN("Put of key " << key << ": a " << size << "-byte value does not fit in one "
                                  << "UDP datagram (at most " << LeadVnodeConfig::MAX_BATCH_BYTES
                                  << " bytes)");
        Finish(id, false);
        return;
    }
    if (!m_host.CanRoute())
    {
        Finish(id, false);
        return;
    }
    Lookup(id);
}

void
LeadKeyClient::SetView(const LeadMembershipView* view)
{
    m_view = view;
}

void
LeadKeyClient::Lookup(uint32_t id)
{
    // The first attempt goes to the view's owner; a retry (attempts > 1) looks up.
    Pending& ko = m_pending.at(id);
    if (m_view && ko.result.attempts == 1 && m_host.GetClientVnode().IsJoined())
    {
        if (auto owner = m_view->OwnerOf(ko.result.hash))
        {
            ko.fromView = true;
            LookupResult r;
            r.target = ko.result.hash;
            r.answered = true;
            r.success = true;
            r.owner = *owner;
            OnLookup(id, r);
            return;
        }
    }
    ko.fromView = false;
    m_host.GetLookups().Start(
        m_host.GetClientVnode(),
        ko.result.hash,
        LeadPurpose::USER_LOOKUP,
        [this, id](const LookupResult& r, const std::vector<VnodeRef>&) { OnLookup(id, r); });
}

void
LeadKeyClient::OnLookup(uint32_t id, const LookupResult& r)
{
    auto it = m_pending.find(id);
    if (it == m_pending.end())
    {
        return;
    }
    KeyOpResult& res = it->second.result;
    if (!r.answered)
    {
        // The answer was lost (it is not acknowledged): look up again.
        if (!Retry(id, Time(0)))
        {
            Finish(id, false);
        }
        return;
    }
    res.owner = r.owner;
    res.hops = r.hops;
    LeadKvHeader kv;
    kv.key = res.key;
    kv.hash = res.hash;
    kv.size = res.size;
    kv.tag = res.tag;
    Ptr<Packet> body = Create<Packet>(res.op == LeadKeyOp::PUT ? res.size : 0);
    body->AddHeader(kv);
    const LeadMessageType type = res.op == LeadKeyOp::PUT   ? LeadMessageType::PUT
                                 : res.op == LeadKeyOp::GET ? LeadMessageType::GET
                                                            : LeadMessageType::DELETE;
    m_host.Call(
        m_host.GetClientVnode().GetSelf(),
        r.owner,
        type,
        LeadPurpose::USER_LOOKUP,
        body,
        [this, id](const LeadHeader&, Ptr<Packet> p) { OnReply(id, p); },
        [this, id]() {
            auto it = m_pending.find(id);
            if (it == m_pending.end())
            {
                return;
            }
            m_host.GetClientVnode().SuspectFailed(it->second.result.owner);
            if (!Retry(id, Time(0)))
            {
                Finish(id, false);
            }
        },
        m_config.relayTime); // a group leader answers after its member did
}

bool
LeadKeyClient::Retry(uint32_t id, Time delay)
{
    auto it = m_pending.find(id);
    if (it == m_pending.end() || it->second.result.attempts >= m_config.maxAttempts ||
        !m_host.CanRoute())
    {
        return false;
    }
    ++it->second.result.attempts;
    const uint64_t op = it->second.op;
    m_host.Env().Schedule(delay, [this, id, op]() {
        if (m_pending.count(id) == 0)
        {
            return;
        }
        LeadOpScope scope(m_host, op);
        if (!m_host.CanRoute())
        {
            Finish(id, false);
            return;
        }
        Lookup(id);
    });
    return true;
}

void
LeadKeyClient::OnReply(uint32_t id, Ptr<Packet> body)
{
    auto it = m_pending.find(id);
    if (it == m_pending.end())
    {
        return;
    }
    LeadKvHeader kv;
    body->RemoveHeader(kv);
    if (!kv.valid)
    {
        m_host.Drop(body, "invalid key-operation reply");
        Finish(id, false);
        return;
    }
    KeyOpResult& res = it->second.result;
    if (kv.status == LeadKvHeader::MOVED)
    {
        // The owner holds a newer model: ask at the key's position under it.
        res.hash = kv.hash;
        if (!Retry(id, Time(0)))
        {
            Finish(id, false);
        }
        return;
    }
    if (kv.status == LeadKvHeader::NOT_RESPONSIBLE || kv.status == LeadKvHeader::REFUSED)
    {
        // A stale owner: give the ring a moment, then look up again (at once after a stale
        // view: the ring knows better).
        if (!Retry(id, it->second.fromView ? Time(0) : STALE_OWNER_RETRY))
        {
            Finish(id, false);
        }
        return;
    }
    res.found = kv.status == LeadKvHeader::OK;
    if (res.op == LeadKeyOp::GET)
    {
        res.size = res.found ? kv.size : 0;
        res.tag = res.found ? kv.tag : 0;
    }
    Finish(id, true);
}

void
LeadKeyClient::Finish(uint32_t id, bool success)
{
    auto it = m_pending.find(id);
    if (it == m_pending.end())
    {
        return;
    }
    Pending ko = std::move(it->second);
    m_pending.erase(it);
    ko.result.success = success;
    ko.result.latency = m_host.Env().Now() - ko.start;
    if (ko.done)
    {
        LeadOpScope scope(m_host, ko.op);
        ko.done(ko.result);
    }
}

} // namespace lead
} // namespace ns3
