/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-pht-index.h"

#include "lead-sha1.h"

#include "ns3/abort.h"

#include <algorithm>
#include <array>

namespace ns3
{
namespace lead
{

namespace
{

/// Bits of a key below a prefix of `length` bits.
uint64_t
SuffixMask(uint8_t length)
{
    return length >= 64 ? 0 : (~uint64_t{0} >> length);
}

/// The label's bytes (length, then the prefix big-endian) and a kind byte, hashed.
uint64_t
LabelDigest(const PhtLabel& label, uint8_t kind)
{
    std::array<uint8_t, 10> b{};
    b[0] = kind;
    b[1] = label.length;
    for (int i = 0; i < 8; ++i)
    {
        b[2 + i] = static_cast<uint8_t>(label.bits >> (56 - 8 * i));
    }
    return Sha1::Prefix64(b.data(), b.size());
}

} // namespace

PhtLabel
PhtLabel::Of(uint64_t key, uint8_t length)
{
    NS_ABORT_MSG_IF(length > 64, "PhtLabel::Of: length " << unsigned{length} << " beyond 64");
    return PhtLabel{key & ~SuffixMask(length), length};
}

uint64_t
PhtLabel::Low() const
{
    return bits;
}

uint64_t
PhtLabel::High() const
{
    return bits | SuffixMask(length);
}

PhtLabel
PhtLabel::Child(int bit) const
{
    NS_ABORT_MSG_IF(length >= 64, "PhtLabel::Child: a 64-bit label has no children");
    PhtLabel c{bits, static_cast<uint8_t>(length + 1)};
    if (bit != 0)
    {
        c.bits |= uint64_t{1} << (63 - length);
    }
    return c;
}

uint64_t
PhtLabel::Position() const
{
    return LabelDigest(*this, 0);
}

uint64_t
PhtLabel::MarkerKey(bool leaf) const
{
    return LabelDigest(*this, leaf ? 2 : 1);
}

PhtIndex::PhtIndex(const std::vector<uint64_t>& sortedKeys, uint32_t bucketSize, uint8_t maxDepth)
{
    NS_ABORT_MSG_IF(bucketSize == 0, "PhtIndex: BucketSize must be positive");
    NS_ABORT_MSG_IF(maxDepth > 64, "PhtIndex: MaxDepth " << unsigned{maxDepth} << " beyond 64");
    NS_ABORT_MSG_UNLESS(std::is_sorted(sortedKeys.begin(), sortedKeys.end()),
                        "PhtIndex: keys must be sorted");
    Build(sortedKeys, 0, sortedKeys.size(), PhtLabel{}, bucketSize, maxDepth);
}

void
PhtIndex::Build(const std::vector<uint64_t>& keys,
                size_t begin,
                size_t end,
                PhtLabel label,
                uint32_t bucketSize,
                uint8_t maxDepth)
{
    const size_t at = m_nodes.size();
    m_nodes.push_back(Node{label, true, {}});
    if (end - begin <= bucketSize || label.length >= maxDepth)
    {
        m_nodes[at].keys.assign(keys.begin() + begin, keys.begin() + end);
        ++m_leaves;
        m_depth = std::max(m_depth, label.length);
        return;
    }
    m_nodes[at].leaf = false;
    const PhtLabel left = label.Child(0);
    const size_t mid =
        std::upper_bound(keys.begin() + begin, keys.begin() + end, left.High()) - keys.begin();
    Build(keys, begin, mid, left, bucketSize, maxDepth);
    Build(keys, mid, end, label.Child(1), bucketSize, maxDepth);
}

const std::vector<PhtIndex::Node>&
PhtIndex::GetNodes() const
{
    return m_nodes;
}

PhtLabel
PhtIndex::FindLeaf(uint64_t key) const
{
    // Depth-first order: walk down from the root, skipping left subtrees when going right.
    size_t i = 0;
    while (!m_nodes[i].leaf)
    {
        const PhtLabel left = m_nodes[i].label.Child(0);
        ++i; // the left child follows its parent
        if (key > left.High())
        {
            // Skip the left subtree: the right child is the next node of the parent's length+1
            // whose label is the right child.
            const PhtLabel right = m_nodes[i - 1].label.Child(1);
            while (!(m_nodes[i].label == right))
            {
                ++i;
            }
        }
    }
    return m_nodes[i].label;
}

uint32_t
PhtIndex::GetLeafCount() const
{
    return m_leaves;
}

uint8_t
PhtIndex::GetDepth() const
{
    return m_depth;
}

} // namespace lead
} // namespace ns3
