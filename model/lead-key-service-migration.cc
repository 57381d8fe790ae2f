/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

// LeadKeyService, second part: keys that move because the hash model changed (Rehash,
// Migrate, MoveMisplaced, the giver's copies) and the drift trackers of the model update.

#include "lead-group-leader.h"
#include "lead-key-service.h"
#include "lead-ring-id.h"
#include "lead-vnode-host.h"
#include "lead-vnode.h"

#include <algorithm>

namespace ns3
{
namespace lead
{

void
LeadKeyService::DropCopiesLater(uint16_t index, const std::vector<LeadKeyStore::Item>& items)
{
    std::vector<uint64_t> keys;
    for (const auto& it : items)
    {
        keys.push_back(it.key);
    }
    m_host.Env().Schedule(m_config.replicationInterval, [this, index, keys]() {
        if (index >= m_host.GetVnodeCount())
        {
            return;
        }
        LeadVnode& v = m_host.GetVnode(index);
        for (uint64_t k : keys)
        {
            // (Were this vnode a replica holder of the new owner, the owner's next
            // replication round copies the key back.)
            v.GetReplicas().Delete(k);
        }
    });
}

void
LeadKeyService::Rehash(const std::function<uint64_t(uint64_t)>& hash)
{
    m_hash = hash;
    for (uint32_t i = 0; i < m_host.GetVnodeCount(); ++i)
    {
        LeadVnode& v = m_host.GetVnode(i);
        bool moved = false; // whether a primary key changed position
        for (LeadKeyStore* store : {&v.GetStore(), &v.GetReplicas()})
        {
            auto items = store->GetAll();
            store->Clear();
            for (auto& it : items)
            {
                const uint64_t h = hash(it.key);
                moved = moved || (store == &v.GetStore() && h != it.hash);
                it.hash = h;
                store->Put(it);
            }
        }
        if (!v.IsJoined() || !v.GetTable().GetPredecessor())
        {
            continue; // keys move when the arc is known (hand-off and pulls as usual)
        }
        std::vector<LeadKeyStore::Item> away;
        for (const auto& it : v.GetStore().GetAll())
        {
            if (!v.GetTable().Owns(it.hash))
            {
                away.push_back(it);
            }
        }
        for (const auto& it : away)
        {
            v.GetStore().Delete(it.key);
            v.GetReplicas().Put(it); // still found at the old position until moved
        }
        if (moved)
        {
            // The version changed this vnode's placement: count drift from it. A vnode whose
            // keys kept their positions keeps counting (a round elsewhere made the version).
            GetDriftTracker(v.GetSelf().vnode).Reset(v.GetStore().GetSize());
        }
        std::sort(away.begin(), away.end(), [](const auto& a, const auto& b) {
            return a.hash < b.hash;
        });
        Migrate(v.GetSelf().vnode, std::move(away));
    }
}

void
LeadKeyService::MarkBaseline()
{
    for (uint32_t i = 0; i < m_host.GetVnodeCount(); ++i)
    {
        LeadVnode& v = m_host.GetVnode(i);
        GetDriftTracker(v.GetSelf().vnode).Reset(v.GetStore().GetSize());
    }
}

void
LeadKeyService::ResetDrift(uint16_t index)
{
    if (index < m_host.GetVnodeCount())
    {
        GetDriftTracker(index).Reset(m_host.GetVnode(index).GetStore().GetSize());
    }
}

const LeadDriftTracker&
LeadKeyService::GetDrift(uint16_t index)
{
    return GetDriftTracker(index);
}

LeadDriftTracker&
LeadKeyService::GetDriftTracker(uint16_t index)
{
    auto it = m_drift.find(index);
    if (it == m_drift.end())
    {
        it = m_drift.emplace(index, LeadDriftTracker(m_config.driftThreshold)).first;
    }
    return it->second;
}

void
LeadKeyService::Migrate(uint16_t index, std::vector<LeadKeyStore::Item> items)
{
    if (items.empty() || index >= m_host.GetVnodeCount() || !m_host.GetVnode(index).IsJoined())
    {
        return;
    }
    LeadOpScope maintenance(m_host, 0);
    LeadVnode& v = m_host.GetVnode(index);
    const uint64_t first = items.front().hash;
    m_host.GetLookups().Start(
        v,
        first,
        LeadPurpose::MIGRATION,
        [this, index, items, first](const LookupResult& r, const std::vector<VnodeRef>& nodes) {
            if (index >= m_host.GetVnodeCount())
            {
                return;
            }
            if (!r.answered || nodes.empty())
            {
                // No owner found: keep the keys as our own until the next replication round
                // moves them (MoveMisplaced); the replica copies keep serving reads meanwhile.
                for (const auto& it : items)
                {
                    m_host.GetVnode(index).GetStore().Put(it);
                }
                return;
            }
            LeadVnode& v = m_host.GetVnode(index);
            // nodes[0] owns `first`; each next node owns the arc after the one before it.
            // The items are sorted by position, so each owner takes a run of them.
            size_t pos = 0;
            uint64_t lo = first - 1;
            for (const auto& owner : nodes)
            {
                std::vector<LeadKeyStore::Item> run;
                while (pos < items.size() &&
                       RingId::BetweenRightIncl(lo, items[pos].hash, owner.id))
                {
                    run.push_back(items[pos++]);
                }
                if (!run.empty() && owner.id != v.GetSelf().id)
                {
                    // Our copy goes a replication interval after the owner has the keys
                    // (its replicas replace it): a read that found the owner still without
                    // them and comes to the old position meanwhile finds it here.
                    TransferKeys(v,
                                 owner,
                                 run,
                                 lo,
                                 owner.id,
                                 false,
                                 LeadPurpose::MIGRATION,
                                 [this, index](const std::vector<LeadKeyStore::Item>& batch) {
                                     DropCopiesLater(index, batch);
                                 });
                }
                else
                {
                    for (const auto& it : run)
                    {
                        v.GetStore().Put(it); // our own arc after all
                        v.GetReplicas().Delete(it.key);
                    }
                }
                lo = owner.id;
                if (pos == items.size())
                {
                    return;
                }
            }
            Migrate(index, std::vector<LeadKeyStore::Item>(items.begin() + pos, items.end()));
        });
}

void
LeadKeyService::MoveMisplaced(LeadVnode& v)
{
    // After a model change, keys whose hand-off failed (no owner found, or the TRANSFER went
    // unanswered) are still here, outside the arc: move them again, once per replication
    // round. Without a model change keys only leave on arc changes, which move them already.
    const auto pred = v.GetTable().GetPredecessor();
    if (!m_hash || !pred || (m_leader && m_leader->IsLeader()))
    {
        return;
    }
    auto away = v.GetStore().TakeArc(v.GetSelf().id, pred->id);
    if (away.empty())
    {
        return;
    }
    for (const auto& it : away)
    {
        v.GetReplicas().Put(it); // still found at the old position until moved
    }
    std::sort(away.begin(), away.end(), [](const auto& a, const auto& b) {
        return a.hash < b.hash;
    });
    Migrate(v.GetSelf().vnode, std::move(away));
}

} // namespace lead
} // namespace ns3
