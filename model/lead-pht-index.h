/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_PHT_INDEX_H
#define LEAD_PHT_INDEX_H

#include <cstddef>
#include <cstdint>
#include <vector>

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief A node label of a prefix hash tree (PHT, Ramabhadran et al., PODC 2004): the first
 * `length` bits of a 64-bit key. The root has length 0.
 */
struct PhtLabel
{
    uint64_t bits{0};  //!< the prefix, left-aligned (bits below the prefix are zero)
    uint8_t length{0}; //!< prefix length in bits, 0..64

    /**
     * @brief The label of length `length` on the path of a key.
     * @param key the key
     * @param length prefix length, 0..64
     * @return the label
     */
    static PhtLabel Of(uint64_t key, uint8_t length);

    /**
     * @brief Smallest key under this label.
     * @return the key
     */
    uint64_t Low() const;

    /**
     * @brief Largest key under this label.
     * @return the key
     */
    uint64_t High() const;

    /**
     * @brief A child label (length must be below 64).
     * @param bit 0 (left) or 1 (right)
     * @return the child
     */
    PhtLabel Child(int bit) const;

    /**
     * @brief Ring position of the trie node: the SHA-1 prefix of the label's bytes
     * (length, then the prefix), so trie nodes are scattered over the DHT.
     * @return the position
     */
    uint64_t Position() const;

    /**
     * @brief The DHT key of the node's marker item, which tells whether the node is a leaf
     * or an internal node (a digest of the label and the kind, so it does not collide with
     * other markers).
     * @param leaf the kind
     * @return the marker key
     */
    uint64_t MarkerKey(bool leaf) const;

    /**
     * @brief Equality.
     * @param o the other label
     * @return true if equal
     */
    bool operator==(const PhtLabel& o) const
    {
        return bits == o.bits && length == o.length;
    }
};

/**
 * @ingroup lead
 * @brief A prefix hash tree built over a set of keys: every leaf holds at most BucketSize keys
 * (except at maxDepth, where keys that share the whole prefix are not split further).
 *
 * Simulator-free. The tree is built once from the whole key set (the bulk load a PHT reaches
 * after its splits); FindLeaf gives the leaf for a later insert without splitting.
 */
class PhtIndex
{
  public:
    /// One trie node.
    struct Node
    {
        PhtLabel label;             //!< its label
        bool leaf{false};           //!< leaf or internal
        std::vector<uint64_t> keys; //!< leaf: its keys, ascending
    };

    /**
     * @brief Build the tree. Aborts naming the parameter for a zero bucket size or a depth
     * beyond 64.
     * @param sortedKeys the keys, ascending, distinct
     * @param bucketSize most keys per leaf (B)
     * @param maxDepth deepest leaf
     */
    PhtIndex(const std::vector<uint64_t>& sortedKeys, uint32_t bucketSize, uint8_t maxDepth = 64);

    /**
     * @brief Every node, in depth-first order (a node before its children, left before right).
     * @return the nodes
     */
    const std::vector<Node>& GetNodes() const;

    /**
     * @brief The leaf whose key range holds a key.
     * @param key the key
     * @return the leaf's label
     */
    PhtLabel FindLeaf(uint64_t key) const;

    /**
     * @brief Number of leaves.
     * @return count
     */
    uint32_t GetLeafCount() const;

    /**
     * @brief Depth of the deepest leaf.
     * @return depth in bits
     */
    uint8_t GetDepth() const;

  private:
    void Build(const std::vector<uint64_t>& keys,
               size_t begin,
               size_t end,
               PhtLabel label,
               uint32_t bucketSize,
               uint8_t maxDepth);

    std::vector<Node> m_nodes; //!< depth-first
    uint32_t m_leaves{0};      //!< leaves
    uint8_t m_depth{0};        //!< deepest leaf
};

} // namespace lead
} // namespace ns3

#endif // LEAD_PHT_INDEX_H
