/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_KEY_STORE_H
#define LEAD_KEY_STORE_H

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <utility>
#include <vector>

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief Ordered key store of one virtual node.
 *
 * Keys are kept in key order (range scans) and indexed by ring position (hand-off of the keys
 * of an arc on join, leave and replication). Values are modelled by their size and a 64-bit
 * content tag: packets carry `size` real bytes derived from the tag, so traffic is realistic
 * while a simulation of millions of keys does not hold their bytes in memory.
 */
class LeadKeyStore
{
  public:
    /// One stored key.
    struct Item
    {
        uint64_t key{0};  //!< the key
        uint64_t hash{0}; //!< its ring position under the current hash model
        uint32_t size{0}; //!< value size in bytes
        uint64_t tag{0};  //!< value content tag

        /**
         * @brief Field-wise equality.
         * @param o other item
         * @return true if equal
         */
        bool operator==(const Item& o) const
        {
            return key == o.key && hash == o.hash && size == o.size && tag == o.tag;
        }
    };

    /**
     * @brief Insert or overwrite a key.
     * @param item the key and its value
     * @return true if the key was new
     */
    bool Put(const Item& item);

    /**
     * @brief Look a key up.
     * @param key the key
     * @return the item, if stored
     */
    std::optional<Item> Get(uint64_t key) const;

    /**
     * @brief Remove a key.
     * @param key the key
     * @return true if it was stored
     */
    bool Delete(uint64_t key);

    /**
     * @brief Keys in [fromKey, toKey], ascending, at most `limit` of them.
     * @param fromKey first key of the range
     * @param toKey last key of the range
     * @param limit maximum number of items (0 = no limit)
     * @return the items
     */
    std::vector<Item> Scan(uint64_t fromKey, uint64_t toKey, uint64_t limit) const;

    /**
     * @brief Copies of the items whose ring position lies on the arc (lo, hi].
     * @param lo arc start (excluded)
     * @param hi arc end (included); lo == hi means the whole ring
     * @return the items, in ring order from lo
     */
    std::vector<Item> CopyArc(uint64_t lo, uint64_t hi) const;

    /**
     * @brief The ring position of the rank-th item (0 first) on the arc (lo, hi], in ring
     * order.
     * @param lo arc start (excluded)
     * @param hi arc end (included)
     * @param rank the rank
     * @return the position, or none with at most `rank` items on the arc
     */
    std::optional<uint64_t> PositionAt(uint64_t lo, uint64_t hi, uint64_t rank) const;

    /**
     * @brief Remove and return the items whose ring position lies on the arc (lo, hi].
     * @param lo arc start (excluded)
     * @param hi arc end (included); lo == hi means the whole ring
     * @return the items, in ring order from lo
     */
    std::vector<Item> TakeArc(uint64_t lo, uint64_t hi);

    /**
     * @brief Every item, in key order.
     * @return the items
     */
    std::vector<Item> GetAll() const;

    /**
     * @brief Remove everything.
     */
    void Clear();

    /**
     * @brief Number of keys.
     * @return count
     */
    uint64_t GetSize() const;

    /**
     * @brief Sum of the value sizes.
     * @return bytes
     */
    uint64_t GetBytes() const;

  private:
    /**
     * @brief Visit the (hash, key) index entries on the arc (lo, hi], in ring order.
     * @param lo arc start (excluded)
     * @param hi arc end (included)
     * @return the index entries
     */
    std::vector<std::pair<uint64_t, uint64_t>> ArcEntries(uint64_t lo, uint64_t hi) const;

    std::map<uint64_t, Item> m_byKey;                 //!< key -> item
    std::set<std::pair<uint64_t, uint64_t>> m_byHash; //!< (hash, key)
    uint64_t m_bytes{0};                              //!< sum of value sizes
};

} // namespace lead
} // namespace ns3

#endif // LEAD_KEY_STORE_H
