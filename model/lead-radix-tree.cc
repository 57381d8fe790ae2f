/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-radix-tree.h"

#include "lead-byte-codec.h"

#include <algorithm>

namespace ns3
{
namespace lead
{

namespace
{

constexpr uint8_t ENCODING_VERSION = 1;
/// Decoded trees hold at most this many blocks (a length field never allocates more).
constexpr uint64_t MAX_DECODED_BLOCKS = uint64_t{1} << 24;

/// Runs of consecutive keys in a label: (start, length).
std::vector<std::pair<uint64_t, uint32_t>>
Runs(const std::vector<uint64_t>& label)
{
    std::vector<std::pair<uint64_t, uint32_t>> runs;
    for (uint64_t k : label)
    {
        if (!runs.empty() && runs.back().first + runs.back().second == k &&
            runs.back().second < UINT32_MAX)
        {
            ++runs.back().second;
        }
        else
        {
            runs.emplace_back(k, 1);
        }
    }
    return runs;
}

} // namespace

LeadRadixTree::LeadRadixTree(uint64_t capacity)
    : m_capacity(capacity)
{
    Clear();
}

void
LeadRadixTree::Clear()
{
    m_nodes.assign(1, Node{});
    m_nodes[0].live = true;
    m_free.clear();
    m_leaves.clear();
    m_blocks = 0;
}

uint32_t
LeadRadixTree::Walk(const std::vector<uint64_t>& prompt, std::vector<uint32_t>* visited) const
{
    uint32_t node = 0;
    size_t pos = 0;
    while (pos < prompt.size())
    {
        auto it = m_nodes[node].kids.find(prompt[pos]);
        if (it == m_nodes[node].kids.end())
        {
            break;
        }
        const std::vector<uint64_t>& label = m_nodes[it->second].label;
        size_t k = 0;
        while (k < label.size() && pos < prompt.size() && prompt[pos] == label[k])
        {
            ++k;
            ++pos;
        }
        if (visited)
        {
            visited->push_back(it->second);
        }
        if (k < label.size())
        {
            break;
        }
        node = it->second;
    }
    return static_cast<uint32_t>(pos);
}

uint32_t
LeadRadixTree::Match(const std::vector<uint64_t>& prompt) const
{
    return Walk(prompt, nullptr);
}

void
LeadRadixTree::SetUse(uint32_t index, uint64_t now)
{
    Node& n = m_nodes[index];
    const bool leaf = index != 0 && n.kids.empty();
    if (leaf)
    {
        m_leaves.erase({n.lastUse, index});
    }
    n.lastUse = std::max(n.lastUse, now);
    if (leaf)
    {
        m_leaves.emplace(n.lastUse, index);
    }
}

uint32_t
LeadRadixTree::Touch(const std::vector<uint64_t>& prompt, uint64_t now)
{
    std::vector<uint32_t> visited;
    const uint32_t matched = Walk(prompt, &visited);
    for (uint32_t node : visited)
    {
        SetUse(node, now);
    }
    return matched;
}

uint32_t
LeadRadixTree::NewNode(uint32_t parent, std::vector<uint64_t> label, uint64_t now)
{
    uint32_t index;
    if (!m_free.empty())
    {
        index = m_free.back();
        m_free.pop_back();
    }
    else
    {
        index = static_cast<uint32_t>(m_nodes.size());
        m_nodes.emplace_back();
    }
    Node& n = m_nodes[index];
    n.label = std::move(label);
    n.kids.clear();
    n.parent = parent;
    n.lastUse = now;
    n.live = true;
    Node& p = m_nodes[parent];
    if (parent != 0 && p.kids.empty())
    {
        m_leaves.erase({p.lastUse, parent});
    }
    p.kids[n.label.front()] = index;
    m_leaves.emplace(now, index);
    return index;
}

void
LeadRadixTree::FreeNode(uint32_t index)
{
    Node& n = m_nodes[index];
    m_leaves.erase({n.lastUse, index});
    Node& p = m_nodes[n.parent];
    p.kids.erase(n.label.front());
    if (n.parent != 0 && p.kids.empty())
    {
        m_leaves.emplace(p.lastUse, n.parent);
    }
    n.label.clear();
    n.label.shrink_to_fit();
    n.live = false;
    m_free.push_back(index);
}

uint32_t
LeadRadixTree::Split(uint32_t index, size_t at, uint64_t now)
{
    const uint32_t parent = m_nodes[index].parent;
    std::vector<uint64_t> head(m_nodes[index].label.begin(), m_nodes[index].label.begin() + at);
    // Detach the child, put the head in its place, hang the child's tail below the head.
    m_nodes[parent].kids.erase(head.front());
    const uint32_t mid = NewNode(parent, std::move(head), m_nodes[index].lastUse);
    m_leaves.erase({m_nodes[mid].lastUse, mid});
    Node& c = m_nodes[index];
    c.label.erase(c.label.begin(), c.label.begin() + at);
    c.parent = mid;
    m_nodes[mid].kids[c.label.front()] = index;
    SetUse(mid, now);
    return mid;
}

uint64_t
LeadRadixTree::Insert(const std::vector<uint64_t>& prompt, uint64_t now)
{
    uint32_t node = 0;
    size_t pos = 0;
    while (pos < prompt.size())
    {
        auto it = m_nodes[node].kids.find(prompt[pos]);
        if (it == m_nodes[node].kids.end())
        {
            break;
        }
        uint32_t child = it->second;
        const std::vector<uint64_t>& label = m_nodes[child].label;
        size_t k = 0;
        while (k < label.size() && pos < prompt.size() && prompt[pos] == label[k])
        {
            ++k;
            ++pos;
        }
        if (k < label.size())
        {
            child = Split(child, k, now);
        }
        SetUse(child, now);
        node = child;
    }
    if (pos < prompt.size())
    {
        std::vector<uint64_t> rest(prompt.begin() + static_cast<std::ptrdiff_t>(pos), prompt.end());
        m_blocks += rest.size();
        NewNode(node, std::move(rest), now);
    }
    const uint64_t before = m_evicted;
    EvictToCapacity();
    return m_evicted - before;
}

void
LeadRadixTree::EvictToCapacity()
{
    while (m_capacity > 0 && m_blocks > m_capacity && !m_leaves.empty())
    {
        const uint32_t victim = m_leaves.begin()->second;
        const uint64_t size = m_nodes[victim].label.size();
        m_blocks -= size;
        m_evicted += size;
        FreeNode(victim);
    }
}

uint64_t
LeadRadixTree::GetBlockCount() const
{
    return m_blocks;
}

uint32_t
LeadRadixTree::GetNodeCount() const
{
    return static_cast<uint32_t>(m_nodes.size() - 1 - m_free.size());
}

uint64_t
LeadRadixTree::GetEvictedCount() const
{
    return m_evicted;
}

uint64_t
LeadRadixTree::GetCapacity() const
{
    return m_capacity;
}

void
LeadRadixTree::Encode(std::vector<uint8_t>& out) const
{
    out.push_back(ENCODING_VERSION);
    ByteWriter w(out);
    w.PutU32(GetNodeCount());
    // Preorder with explicit stack; number[i] is node i's preorder number.
    std::vector<uint32_t> number(m_nodes.size(), 0);
    std::vector<uint32_t> stack;
    for (auto it = m_nodes[0].kids.rbegin(); it != m_nodes[0].kids.rend(); ++it)
    {
        stack.push_back(it->second);
    }
    uint32_t next = 1;
    while (!stack.empty())
    {
        const uint32_t i = stack.back();
        stack.pop_back();
        number[i] = next++;
        const Node& n = m_nodes[i];
        w.PutU32(n.parent == 0 ? 0 : number[n.parent]);
        const auto runs = Runs(n.label);
        w.PutU32(static_cast<uint32_t>(runs.size()));
        for (const auto& r : runs)
        {
            w.PutU64(r.first);
            w.PutU32(r.second);
        }
        for (auto it = n.kids.rbegin(); it != n.kids.rend(); ++it)
        {
            stack.push_back(it->second);
        }
    }
}

uint64_t
LeadRadixTree::GetEncodedSize() const
{
    uint64_t size = 1 + 4;
    for (size_t i = 1; i < m_nodes.size(); ++i)
    {
        if (m_nodes[i].live)
        {
            size += 8 + 12 * Runs(m_nodes[i].label).size();
        }
    }
    return size;
}

bool
LeadRadixTree::Decode(const uint8_t* data, size_t size, uint64_t now, std::string& error)
{
    if (size < 1 || data[0] != ENCODING_VERSION)
    {
        error = "radix tree encoding: unknown version";
        return false;
    }
    ByteReader r(data + 1, size - 1);
    uint32_t count = 0;
    if (!r.GetU32(count) || count > r.GetRemaining() / 8)
    {
        error = "radix tree encoding: node count larger than the encoding";
        return false;
    }
    LeadRadixTree t(m_capacity);
    // A snapshot never holds more than this tree may: its capacity, or 2^24 blocks.
    const uint64_t limit = m_capacity > 0 ? m_capacity : MAX_DECODED_BLOCKS;
    std::vector<uint32_t> byNumber{0};
    byNumber.reserve(count + 1);
    uint64_t blocks = 0;
    for (uint32_t i = 1; i <= count; ++i)
    {
        uint32_t parent = 0;
        uint32_t runs = 0;
        if (!r.GetU32(parent) || !r.GetU32(runs) || parent >= i || runs == 0 ||
            runs > r.GetRemaining() / 12)
        {
            error = "radix tree encoding: bad node " + std::to_string(i);
            return false;
        }
        std::vector<uint64_t> label;
        for (uint32_t k = 0; k < runs; ++k)
        {
            uint64_t start = 0;
            uint32_t length = 0;
            if (!r.GetU64(start) || !r.GetU32(length) || length == 0 ||
                start > UINT64_MAX - (length - 1) || blocks + length > limit)
            {
                error = "radix tree encoding: bad run in node " + std::to_string(i);
                return false;
            }
            blocks += length;
            for (uint32_t j = 0; j < length; ++j)
            {
                label.push_back(start + j);
            }
        }
        const uint32_t p = byNumber[parent];
        if (t.m_nodes[p].kids.count(label.front()) != 0)
        {
            error = "radix tree encoding: two children share a first block in node " +
                    std::to_string(parent);
            return false;
        }
        t.m_blocks += label.size();
        byNumber.push_back(t.NewNode(p, std::move(label), now));
    }
    if (r.GetRemaining() != 0)
    {
        error = "radix tree encoding: trailing bytes";
        return false;
    }
    const uint64_t evicted = m_evicted;
    *this = std::move(t);
    m_evicted = evicted;
    EvictToCapacity();
    return true;
}

std::vector<std::vector<uint64_t>>
LeadRadixTree::GetLeafPaths() const
{
    std::vector<std::vector<uint64_t>> paths;
    for (const auto& [use, leaf] : m_leaves)
    {
        std::vector<uint32_t> chain;
        for (uint32_t i = leaf; i != 0; i = m_nodes[i].parent)
        {
            chain.push_back(i);
        }
        std::vector<uint64_t> path;
        for (auto it = chain.rbegin(); it != chain.rend(); ++it)
        {
            path.insert(path.end(), m_nodes[*it].label.begin(), m_nodes[*it].label.end());
        }
        paths.push_back(std::move(path));
    }
    std::sort(paths.begin(), paths.end());
    return paths;
}

} // namespace lead
} // namespace ns3
