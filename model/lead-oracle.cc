/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-oracle.h"

namespace ns3
{
namespace lead
{

void
LeadOracle::AddVnode(const VnodeRef& ref)
{
    m_live[ref.id] = ref;
}

void
LeadOracle::RemoveVnode(uint64_t id)
{
    m_live.erase(id);
}

bool
LeadOracle::IsAlive(uint64_t id) const
{
    return m_live.count(id) != 0;
}

std::vector<VnodeRef>
LeadOracle::GetLiveVnodes() const
{
    std::vector<VnodeRef> out;
    out.reserve(m_live.size());
    for (const auto& kv : m_live)
    {
        out.push_back(kv.second);
    }
    return out;
}

std::optional<VnodeRef>
LeadOracle::Owner(uint64_t position) const
{
    if (m_live.empty())
    {
        return std::nullopt;
    }
    auto it = m_live.lower_bound(position);
    return it == m_live.end() ? m_live.begin()->second : it->second;
}

std::optional<VnodeRef>
LeadOracle::Successor(uint64_t id, uint32_t i) const
{
    if (m_live.empty())
    {
        return std::nullopt;
    }
    auto it = m_live.upper_bound(id);
    for (uint32_t k = 1; k < i; ++k)
    {
        if (it == m_live.end())
        {
            it = m_live.begin();
        }
        ++it;
    }
    if (it == m_live.end())
    {
        it = m_live.begin();
    }
    return it->second;
}

std::optional<VnodeRef>
LeadOracle::Predecessor(uint64_t id) const
{
    if (m_live.empty() || (m_live.size() == 1 && m_live.count(id)))
    {
        return std::nullopt;
    }
    auto it = m_live.lower_bound(id);
    if (it == m_live.begin())
    {
        it = m_live.end();
    }
    --it;
    return it->second;
}

void
LeadOracle::KeyStored(uint64_t key, const Value& value)
{
    m_keys[key] = value;
}

void
LeadOracle::KeyDeleted(uint64_t key)
{
    m_keys.erase(key);
}

const std::map<uint64_t, LeadOracle::Value>&
LeadOracle::GetKeys() const
{
    return m_keys;
}

} // namespace lead
} // namespace ns3
