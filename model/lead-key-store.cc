/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-key-store.h"

#include <limits>

namespace ns3
{
namespace lead
{

bool
LeadKeyStore::Put(const Item& item)
{
    auto it = m_byKey.find(item.key);
    if (it != m_byKey.end())
    {
        m_byHash.erase({it->second.hash, item.key});
        m_bytes -= it->second.size;
        it->second = item;
        m_byHash.insert({item.hash, item.key});
        m_bytes += item.size;
        return false;
    }
    m_byKey.emplace(item.key, item);
    m_byHash.insert({item.hash, item.key});
    m_bytes += item.size;
    return true;
}

std::optional<LeadKeyStore::Item>
LeadKeyStore::Get(uint64_t key) const
{
    auto it = m_byKey.find(key);
    if (it == m_byKey.end())
    {
        return std::nullopt;
    }
    return it->second;
}

bool
LeadKeyStore::Delete(uint64_t key)
{
    auto it = m_byKey.find(key);
    if (it == m_byKey.end())
    {
        return false;
    }
    m_byHash.erase({it->second.hash, key});
    m_bytes -= it->second.size;
    m_byKey.erase(it);
    return true;
}

std::vector<LeadKeyStore::Item>
LeadKeyStore::Scan(uint64_t fromKey, uint64_t toKey, uint64_t limit) const
{
    std::vector<Item> out;
    if (fromKey > toKey)
    {
        return out;
    }
    for (auto it = m_byKey.lower_bound(fromKey); it != m_byKey.end() && it->first <= toKey; ++it)
    {
        if (limit != 0 && out.size() >= limit)
        {
            break;
        }
        out.push_back(it->second);
    }
    return out;
}

std::vector<std::pair<uint64_t, uint64_t>>
LeadKeyStore::ArcEntries(uint64_t lo, uint64_t hi) const
{
    constexpr uint64_t MAX = std::numeric_limits<uint64_t>::max();
    std::vector<std::pair<uint64_t, uint64_t>> out;
    // (lo, hi] in ring order: hashes after lo up to the top of the ring, then from 0 to hi
    // when the arc wraps (lo >= hi; lo == hi is the whole ring).
    auto collect = [&](uint64_t from, bool fromExclusive, uint64_t to) {
        auto it =
            fromExclusive ? m_byHash.upper_bound({from, MAX}) : m_byHash.lower_bound({from, 0});
        for (; it != m_byHash.end() && it->first <= to; ++it)
        {
            out.push_back(*it);
        }
    };
    if (lo < hi)
    {
        collect(lo, true, hi);
    }
    else
    {
        if (lo != MAX)
        {
            collect(lo, true, MAX);
        }
        collect(0, false, hi); // with lo == hi this completes the whole ring
    }
    return out;
}

std::vector<LeadKeyStore::Item>
LeadKeyStore::CopyArc(uint64_t lo, uint64_t hi) const
{
    std::vector<Item> out;
    for (const auto& e : ArcEntries(lo, hi))
    {
        out.push_back(m_byKey.at(e.second));
    }
    return out;
}

std::optional<uint64_t>
LeadKeyStore::PositionAt(uint64_t lo, uint64_t hi, uint64_t rank) const
{
    const auto entries = ArcEntries(lo, hi);
    if (rank >= entries.size())
    {
        return std::nullopt;
    }
    return entries[rank].first;
}

std::vector<LeadKeyStore::Item>
LeadKeyStore::TakeArc(uint64_t lo, uint64_t hi)
{
    std::vector<Item> out;
    for (const auto& e : ArcEntries(lo, hi))
    {
        auto it = m_byKey.find(e.second);
        out.push_back(it->second);
        m_bytes -= it->second.size;
        m_byKey.erase(it);
        m_byHash.erase(e);
    }
    return out;
}

std::vector<LeadKeyStore::Item>
LeadKeyStore::GetAll() const
{
    std::vector<Item> out;
    out.reserve(m_byKey.size());
    for (const auto& kv : m_byKey)
    {
        out.push_back(kv.second);
    }
    return out;
}

void
LeadKeyStore::Clear()
{
    m_byKey.clear();
    m_byHash.clear();
    m_bytes = 0;
}

uint64_t
LeadKeyStore::GetSize() const
{
    return m_byKey.size();
}

uint64_t
LeadKeyStore::GetBytes() const
{
    return m_bytes;
}

} // namespace lead
} // namespace ns3
