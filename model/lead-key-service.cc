/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-key-service.h"

#include "lead-group-leader.h"
#include "lead-kv-header.h"
#include "lead-ring-id.h"
#include "lead-transfer-header.h"
#include "lead-vnode-host.h"
#include "lead-vnode.h"

#include "ns3/log.h"

#include <algorithm>
#include <unordered_set>

namespace ns3
{
namespace lead
{

NS_LOG_COMPONENT_DEFINE("LeadKeyService");

namespace
{
/// The reply type of a key request type.
LeadMessageType
ReplyTypeOf(LeadMessageType request)
{
    switch (request)
    {
    case LeadMessageType::GET:
        return LeadMessageType::GET_REPLY;
    case LeadMessageType::DELETE:
        return LeadMessageType::DELETE_REPLY;
    default:
        return LeadMessageType::PUT_REPLY;
    }
}
} // namespace

LeadKeyService::LeadKeyService(LeadVnodeHost& host, const Config& config)
    : m_host(host),
      m_config(config)
{
    auto onKey = [this](LeadVnode& at, const LeadHeader& h, Ptr<Packet> body, uint32_t from) {
        OnKeyRequest(at, h, body, from);
    };
    host.SetHandler(LeadMessageType::PUT, onKey);
    host.SetHandler(LeadMessageType::GET, onKey);
    host.SetHandler(LeadMessageType::DELETE, onKey);
    host.SetHandler(LeadMessageType::TRANSFER,
                    [this](LeadVnode& at, const LeadHeader& h, Ptr<Packet> body, uint32_t from) {
                        OnTransfer(at, h, body, from);
                    });
    LeadVnodeHost::Listener l;
    l.joined = [this](LeadVnode& v) { OnJoined(v); };
    l.departed = [this](LeadVnode& v) { OnDeparted(v); };
    l.predecessorChanged = [this](LeadVnode& v, std::optional<VnodeRef>) {
        OnPredecessorChanged(v);
    };
    l.leaving = [this](LeadVnode& v, std::optional<VnodeRef> heir) { OnLeaving(v, heir); };
    host.AddListener(l);
}

LeadKeyService::~LeadKeyService()
{
    Stop();
}

void
LeadKeyService::SetLeader(LeadGroupLeader* leader)
{
    m_leader = leader;
}

void
LeadKeyService::SetLeaving(bool leaving)
{
    m_leaving = leaving;
}

void
LeadKeyService::SetMigratedCallback(std::function<void(uint32_t, LeadPurpose)> cb)
{
    m_migrated = std::move(cb);
}

void
LeadKeyService::Stop()
{
    for (auto& kv : m_replicate)
    {
        m_host.Env().Cancel(kv.second);
    }
    m_replicate.clear();
}

void
LeadKeyService::OnKeyRequest(LeadVnode& at, const LeadHeader& h, Ptr<Packet> body, uint32_t from)
{
    LeadKvHeader kv;
    body->RemoveHeader(kv);
    if (!kv.valid || (h.GetType() == LeadMessageType::PUT && body->GetSize() != kv.size))
    {
        m_host.Drop(body, "invalid key-operation body");
        return;
    }
    const LeadMessageType replyType = ReplyTypeOf(h.GetType());
    LeadKvHeader out = kv;
    out.status = LeadKvHeader::OK;
    uint32_t payload = 0;
    // A put from a node on another model version: the key's position is this node's (stored
    // positions must follow this node's model, or scans by position miss the key); if another
    // vnode owns it here, the client is told where (MOVED).
    if (h.GetType() == LeadMessageType::PUT && m_hash &&
        h.GetModelVersion() != m_host.GetModelVersion())
    {
        kv.hash = m_hash(kv.key);
    }
    const bool owner = at.GetTable().Owns(kv.hash) || !at.GetTable().GetPredecessor().has_value();
    if (m_leaving || m_host.IsRetired(at.GetSelf().vnode))
    {
        out.status = LeadKvHeader::REFUSED; // its keys are on their way to its heir
    }
    else if (!kv.replica && !owner && kv.hash != out.hash)
    {
        out.status = LeadKvHeader::MOVED;
        out.hash = kv.hash;
    }
    else if (!kv.replica && !owner && !m_config.acceptAll)
    {
        out.status = LeadKvHeader::NOT_RESPONSIBLE;
    }
    else if (!kv.replica && m_leader && m_leader->IsLeader())
    {
        m_leader->RelayKeyRequest(at, h, kv, from, replyType);
        return;
    }
    else if (h.GetType() == LeadMessageType::PUT)
    {
        LeadKeyStore& store = kv.replica ? at.GetReplicas() : at.GetStore();
        const bool fresh = store.Put(LeadKeyStore::Item{kv.key, kv.hash, kv.size, kv.tag});
        if (!kv.replica)
        {
            if (fresh)
            {
                GetDriftTracker(at.GetSelf().vnode).Inserted();
            }
            CopyToReplicas(at, LeadMessageType::PUT, kv); // so a crash loses nothing
        }
    }
    else if (h.GetType() == LeadMessageType::GET)
    {
        auto item = at.GetStore().Get(kv.key);
        if (!item)
        {
            item = at.GetReplicas().Get(kv.key); // just took over from a failed predecessor
        }
        out.status = item ? LeadKvHeader::OK : LeadKvHeader::NOT_FOUND;
        out.size = item ? item->size : 0;
        out.tag = item ? item->tag : 0;
        payload = out.size;
        Redirect(h, out);
    }
    else
    {
        bool found = kv.replica ? at.GetReplicas().Delete(kv.key) : at.GetStore().Delete(kv.key);
        found = (!kv.replica && at.GetReplicas().Delete(kv.key)) || found;
        out.status = found ? LeadKvHeader::OK : LeadKvHeader::NOT_FOUND;
        if (!kv.replica)
        {
            CopyToReplicas(at, LeadMessageType::DELETE, kv);
        }
        Redirect(h, out);
    }
    Ptr<Packet> p = Create<Packet>(payload);
    p->AddHeader(out);
    m_host.Reply(at.GetSelf(), h, from, replyType, p);
}

void
LeadKeyService::Redirect(const LeadHeader& h, LeadKvHeader& out) const
{
    // A miss for a client on an older model: the key may live at its new position by now.
    if (out.status == LeadKvHeader::NOT_FOUND && !out.replica && m_hash &&
        h.GetModelVersion() < m_host.GetModelVersion())
    {
        const uint64_t position = m_hash(out.key);
        if (position != out.hash)
        {
            out.status = LeadKvHeader::MOVED;
            out.hash = position;
        }
    }
}

void
LeadKeyService::CopyToReplicas(LeadVnode& at, LeadMessageType type, const LeadKvHeader& kv)
{
    // A put or delete goes to the same replica holders; the copies are maintenance.
    LeadOpScope maintenance(m_host, 0);
    for (const auto& t : ReplicaTargets(at))
    {
        LeadKvHeader rep = kv;
        rep.replica = true;
        Ptr<Packet> p = Create<Packet>(type == LeadMessageType::PUT ? kv.size : 0);
        p->AddHeader(rep);
        m_host.Call(at.GetSelf(), t, type, LeadPurpose::REPLICATION, p, {}, {});
    }
}

void
LeadKeyService::TransferKeys(LeadVnode& from,
                             const VnodeRef& to,
                             std::vector<LeadKeyStore::Item> items,
                             uint64_t arcLo,
                             uint64_t arcHi,
                             bool replica,
                             LeadPurpose purpose,
                             std::function<void(const std::vector<LeadKeyStore::Item>&)> delivered)
{
    LeadOpScope maintenance(m_host, 0);
    LeadVnode* v = &from;
    size_t pos = 0;
    do
    {
        LeadTransferHeader batch;
        batch.arcLo = arcLo;
        batch.arcHi = arcHi;
        batch.replica = replica;
        uint64_t bytes = 0;
        while (pos < items.size() && bytes + items[pos].size + LeadTransferHeader::ITEM_SIZE <=
                                         LeadVnodeConfig::MAX_BATCH_BYTES)
        {
            bytes += items[pos].size + LeadTransferHeader::ITEM_SIZE;
            batch.items.push_back(items[pos++]);
        }
        if (batch.items.empty() && pos < items.size())
        {
            batch.items.push_back(items[pos++]); // one oversized value: send it alone
        }
        batch.last = pos >= items.size();
        Ptr<Packet> p = Create<Packet>(static_cast<uint32_t>(batch.GetPayloadBytes()));
        p->AddHeader(batch);
        auto sent = batch.items;
        m_host.Call(
            v->GetSelf(),
            to,
            LeadMessageType::TRANSFER,
            purpose,
            p,
            [delivered, sent](const LeadHeader&, Ptr<Packet>) {
                if (delivered)
                {
                    delivered(sent);
                }
            },
            [this, v, to, sent, arcLo, arcHi, replica, purpose]() {
                if (replica)
                {
                    // Over datagrams every attempt failed: the holder is dead, as for
                    // any RPC; copy to the next one soon. Over TCP a timeout may be a
                    // stalled connection: the stabiliser decides.
                    if (m_config.datagrams)
                    {
                        v->SuspectFailed(to);
                        ReplicateSoon(v->GetSelf().vnode);
                    }
                    return;
                }
                v->SuspectFailed(to);
                if (m_leaving || m_host.IsRetired(v->GetSelf().vnode))
                {
                    // Leaving: hand the keys to the next successor on another node.
                    for (const auto& s : v->GetTable().GetSuccessors())
                    {
                        if (s.address != m_host.GetConfig().address)
                        {
                            TransferKeys(*v, s, sent, arcLo, arcHi, false, purpose);
                            return;
                        }
                    }
                }
                // The hand-off failed: keep the keys (they move on the next change).
                for (const auto& it : sent)
                {
                    v->GetStore().Put(it);
                }
            });
    } while (pos < items.size());
}

void
LeadKeyService::OnTransfer(LeadVnode& at, const LeadHeader& h, Ptr<Packet> body, uint32_t from)
{
    LeadTransferHeader batch;
    body->RemoveHeader(batch);
    if (!batch.valid || body->GetSize() != batch.GetPayloadBytes())
    {
        m_host.Drop(body, "invalid TRANSFER body");
        return;
    }
    if (batch.pull)
    {
        m_host.Reply(at.GetSelf(), h, from, LeadMessageType::TRANSFER_REPLY, Create<Packet>());
        ServePull(at, batch, VnodeRef{h.GetSrcId(), from, h.GetSrcVnode()});
        return;
    }
    if (!batch.replica && m_host.IsRetired(at.GetSelf().vnode) &&
        !at.GetTable().GetSuccessors().empty())
    {
        // A retired vnode keeps nothing: keys that still arrive pass on to its successor.
        m_host.Reply(at.GetSelf(), h, from, LeadMessageType::TRANSFER_REPLY, Create<Packet>());
        std::vector<LeadKeyStore::Item> items(batch.items.begin(), batch.items.end());
        TransferKeys(at,
                     at.GetTable().GetSuccessors().front(),
                     items,
                     batch.arcLo,
                     batch.arcHi,
                     false,
                     LeadPurpose::MIGRATION);
        return;
    }
    // Positions under this node's model (a giver may have computed them under another), and
    // keys a migration brought that are not ours under it pass on to their owner.
    std::vector<LeadKeyStore::Item> onward;
    const bool check = m_hash && !batch.replica && h.GetPurpose() == LeadPurpose::MIGRATION &&
                       at.GetTable().GetPredecessor().has_value();
    for (auto it : batch.items)
    {
        // Every item, whatever version the header names: a batch may have been made before
        // its sender installed the version it now carries.
        if (m_hash)
        {
            it.hash = m_hash(it.key);
        }
        if (batch.replica)
        {
            at.GetReplicas().Put(it);
        }
        else if (check && !at.GetTable().Owns(it.hash))
        {
            at.GetReplicas().Put(it); // found here until it reaches its owner
            onward.push_back(it);
        }
        else
        {
            at.GetStore().Put(it);
            at.GetReplicas().Delete(it.key);
        }
    }
    if (!onward.empty())
    {
        std::sort(onward.begin(), onward.end(), [](const auto& a, const auto& b) {
            return a.hash < b.hash;
        });
        Migrate(at.GetSelf().vnode, std::move(onward));
    }
    if (m_migrated)
    {
        m_migrated(static_cast<uint32_t>(batch.items.size()), h.GetPurpose());
    }
    m_host.Reply(at.GetSelf(), h, from, LeadMessageType::TRANSFER_REPLY, Create<Packet>());
}

std::vector<VnodeRef>
LeadKeyService::ReplicaTargets(const LeadVnode& v) const
{
    // The first ReplicationFactor successors on distinct other nodes: siblings share our fate.
    std::vector<VnodeRef> targets;
    const uint32_t self = m_host.GetConfig().address;
    for (const auto& s : v.GetTable().GetSuccessors())
    {
        if (targets.size() >= m_config.replicationFactor)
        {
            break;
        }
        const bool sameNode = s.address == self ||
                              std::any_of(targets.begin(), targets.end(), [&s](const VnodeRef& x) {
                                  return x.address == s.address;
                              });
        if (!sameNode)
        {
            targets.push_back(s);
        }
    }
    return targets;
}

void
LeadKeyService::PromoteReplicas(LeadVnode& v)
{
    auto pred = v.GetTable().GetPredecessor();
    if (!pred)
    {
        return;
    }
    for (auto& it : v.GetReplicas().TakeArc(pred->id, v.GetSelf().id))
    {
        v.GetStore().Put(it);
    }
}

void
LeadKeyService::Replicate(uint16_t index)
{
    LeadVnode& v = m_host.GetVnode(index);
    if (!v.IsJoined())
    {
        return;
    }
    LeadEnvironment& env = m_host.Env();
    const Time period = m_config.replicationInterval * (0.9 + 0.2 * env.RandomValue());
    m_replicate[index] = env.Schedule(period, [this, index]() { Replicate(index); });
    Pull(v);
    PromoteReplicas(v);
    MoveMisplaced(v);
    if (m_config.replicationFactor == 0 || v.GetStore().GetSize() == 0)
    {
        return;
    }
    const auto pred = v.GetTable().GetPredecessor();
    const uint64_t lo = pred ? pred->id : v.GetSelf().id;
    for (const auto& t : ReplicaTargets(v))
    {
        TransferKeys(v,
                     t,
                     v.GetStore().GetAll(),
                     lo,
                     v.GetSelf().id,
                     true,
                     LeadPurpose::REPLICATION);
    }
}

void
LeadKeyService::Pull(LeadVnode& v)
{
    auto left = m_pulls.find(v.GetSelf().vnode);
    const auto pred = v.GetTable().GetPredecessor();
    if (left == m_pulls.end() || left->second == 0 || !pred || !v.GetTable().HasSuccessor() ||
        v.GetTable().GetSuccessor().address == m_host.GetConfig().address)
    {
        return;
    }
    --left->second;
    LeadTransferHeader ask;
    ask.arcLo = pred->id;
    ask.arcHi = v.GetSelf().id;
    ask.pull = true;
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(ask);
    LeadOpScope maintenance(m_host, 0);
    m_host.Call(v.GetSelf(),
                v.GetTable().GetSuccessor(),
                LeadMessageType::TRANSFER,
                LeadPurpose::MIGRATION,
                p,
                {},
                {});
}

void
LeadKeyService::ServePull(LeadVnode& at, const LeadTransferHeader& request, const VnodeRef& to)
{
    // Only for our predecessor: its arc then lies outside ours.
    const auto pred = at.GetTable().GetPredecessor();
    if (!pred || pred->id != to.id || request.arcHi != to.id)
    {
        return;
    }
    auto items = at.GetStore().TakeArc(request.arcLo, request.arcHi);
    std::unordered_set<uint64_t> taken;
    for (const auto& it : items)
    {
        at.GetReplicas().Put(it); // we stay one of its replica holders
        taken.insert(it.key);
    }
    for (const auto& it : at.GetReplicas().CopyArc(request.arcLo, request.arcHi))
    {
        if (taken.count(it.key) == 0)
        {
            items.push_back(it);
        }
    }
    if (!items.empty())
    {
        TransferKeys(at, to, items, request.arcLo, request.arcHi, false, LeadPurpose::MIGRATION);
    }
}

void
LeadKeyService::ReplicateSoon(uint16_t index)
{
    LeadEnvironment& env = m_host.Env();
    auto it = m_replicate.find(index);
    if (it == m_replicate.end())
    {
        return; // not replicating (departed)
    }
    env.Cancel(it->second);
    it->second = env.Schedule(MilliSeconds(env.RandomInteger(10, 100)),
                              [this, index]() { Replicate(index); });
}

void
LeadKeyService::OnJoined(LeadVnode& v)
{
    LeadEnvironment& env = m_host.Env();
    const uint16_t index = v.GetSelf().vnode;
    m_pulls[index] = PULL_ROUNDS;
    Pull(v);
    env.Cancel(m_replicate[index]);
    m_replicate[index] =
        env.Schedule(m_config.replicationInterval + MilliSeconds(env.RandomInteger(0, 500)),
                     [this, index]() { Replicate(index); });
}

void
LeadKeyService::OnDeparted(LeadVnode& v)
{
    auto it = m_replicate.find(v.GetSelf().vnode);
    if (it != m_replicate.end())
    {
        m_host.Env().Cancel(it->second);
        m_replicate.erase(it);
    }
}

void
LeadKeyService::OnPredecessorChanged(LeadVnode& v)
{
    // Keys this vnode no longer owns (the arc from self round to the new predecessor) go to
    // the new predecessor; replicas that now fall inside its arc become its own keys.
    auto pred = v.GetTable().GetPredecessor();
    if (!pred)
    {
        return;
    }
    Pull(v);
    PromoteReplicas(v);
    auto leaving = v.GetStore().TakeArc(v.GetSelf().id, pred->id);
    // Keep them as replicas: we are the new owner's successor, so one of its replica holders,
    // and until its first replication round they would otherwise exist on it alone (a node
    // that returns after a crash and fails again within that round would lose them).
    for (const auto& it : leaving)
    {
        v.GetReplicas().Put(it);
    }
    if (!leaving.empty())
    {
        TransferKeys(v, *pred, leaving, v.GetSelf().id, pred->id, false, LeadPurpose::MIGRATION);
    }
}

void
LeadKeyService::OnLeaving(LeadVnode& v, std::optional<VnodeRef> heir)
{
    OnDeparted(v); // no more replica refreshes
    if (!heir)
    {
        return;
    }
    auto items = v.GetStore().TakeArc(v.GetSelf().id, v.GetSelf().id); // everything
    if (!items.empty())
    {
        TransferKeys(v,
                     *heir,
                     items,
                     v.GetSelf().id,
                     v.GetSelf().id,
                     false,
                     LeadPurpose::MIGRATION);
    }
}

} // namespace lead
} // namespace ns3
