/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_RADIX_TREE_H
#define LEAD_RADIX_TREE_H

#include <cstddef>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief A radix tree of cached prompt prefixes, one edge label per run of KV blocks.
 *
 * A prompt is a sequence of block keys. Each key stands for one 16-token block together with
 * every token before it (block keys of the KV-cache case study are unique per prefix, as
 * chained block hashes are), so the tree holds exactly the prefixes a serving node can reuse.
 * Match() returns how many leading blocks of a prompt are cached; Insert() adds a prompt and,
 * when a capacity is set, evicts least recently used leaves until the tree fits (SGLang's
 * RadixAttention policy: only leaves go, so a cached block always has its whole prefix).
 *
 * The same class is a serving node's own cache (exact) and its estimate of a peer's cache (a
 * decoded snapshot). Simulator-free: time is a caller-supplied tick.
 *
 * Encoding (Encode/Decode), all little-endian:
 * @verbatim
   version  1   (1)
   nodes    4   nodes below the root, in preorder
   per node: parent 4 (preorder number, 0 = root), runs 2, then per run start 8 and length 4
   @endverbatim
 */
class LeadRadixTree
{
  public:
    /**
     * @brief An empty tree.
     * @param capacity blocks the tree may hold (0: no limit)
     */
    explicit LeadRadixTree(uint64_t capacity = 0);

    /**
     * @brief Leading blocks of a prompt that are cached.
     * @param prompt the prompt's block keys, in order
     * @return the length of the longest cached prefix, in blocks
     */
    uint32_t Match(const std::vector<uint64_t>& prompt) const;

    /**
     * @brief Match() that also marks the matched prefix as used at `now`.
     * @param prompt the prompt's block keys
     * @param now the time (any increasing tick)
     * @return the matched length in blocks
     */
    uint32_t Touch(const std::vector<uint64_t>& prompt, uint64_t now);

    /**
     * @brief Cache a prompt's blocks, then evict to the capacity.
     * @param prompt the prompt's block keys (its whole prefix is cached)
     * @param now the time
     * @return blocks evicted
     */
    uint64_t Insert(const std::vector<uint64_t>& prompt, uint64_t now);

    /// @return blocks held
    uint64_t GetBlockCount() const;

    /// @return tree nodes below the root
    uint32_t GetNodeCount() const;

    /// @return blocks evicted since construction
    uint64_t GetEvictedCount() const;

    /// @return the capacity in blocks (0: no limit)
    uint64_t GetCapacity() const;

    /**
     * @brief Serialise the tree's structure (not its use times).
     * @param out buffer the encoding is appended to
     */
    void Encode(std::vector<uint8_t>& out) const;

    /// @return the size Encode() produces, in bytes
    uint64_t GetEncodedSize() const;

    /**
     * @brief Replace this tree's content by a decoded one (use times reset to `now`).
     * @param data the encoding
     * @param size its length
     * @param now the time stamped on every node
     * @param error set to the reason on failure
     * @return false (tree unchanged) if the encoding is malformed or holds more blocks than
     * the capacity (2^24 without one)
     */
    bool Decode(const uint8_t* data, size_t size, uint64_t now, std::string& error);

    /// @return every cached prompt prefix ending at a leaf, as block sequences (for tests)
    std::vector<std::vector<uint64_t>> GetLeafPaths() const;

  private:
    /// One node: the edge label leading to it and its children by first key.
    struct Node
    {
        std::vector<uint64_t> label;       //!< blocks on the edge into this node
        std::map<uint64_t, uint32_t> kids; //!< first block of a child's label -> child
        uint32_t parent{0};                //!< parent node (the root's is itself)
        uint64_t lastUse{0};               //!< tick of the last match or insert
        bool live{false};                  //!< slot in use
    };

    uint32_t Walk(const std::vector<uint64_t>& prompt, std::vector<uint32_t>* visited) const;
    uint32_t NewNode(uint32_t parent, std::vector<uint64_t> label, uint64_t now);
    void FreeNode(uint32_t index);
    void SetUse(uint32_t index, uint64_t now);
    uint32_t Split(uint32_t index, size_t at, uint64_t now);
    void EvictToCapacity();
    void Clear();

    std::vector<Node> m_nodes;                        //!< node 0 is the root
    std::vector<uint32_t> m_free;                     //!< free slots
    std::set<std::pair<uint64_t, uint32_t>> m_leaves; //!< (last use, node) of every leaf
    uint64_t m_capacity{0};                           //!< block limit (0: none)
    uint64_t m_blocks{0};                             //!< blocks held
    uint64_t m_evicted{0};                            //!< blocks evicted
};

} // namespace lead
} // namespace ns3

#endif // LEAD_RADIX_TREE_H
