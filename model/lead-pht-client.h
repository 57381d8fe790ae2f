/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_PHT_CLIENT_H
#define LEAD_PHT_CLIENT_H

#include "lead-key-store.h"
#include "lead-pht-index.h"
#include "lead-results.h"

#include "ns3/callback.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/ptr.h"
#include "ns3/traced-callback.h"

#include <map>
#include <set>

namespace ns3
{
namespace lead
{

class LeadNodeApp;

/**
 * @ingroup lead
 * @brief Range queries over a prefix hash tree (PHT, Ramabhadran, Ratnasamy, Hellerstein and
 * Shenker, PODC 2004) stored on the DHT of a LeadNodeApp: the PHT baseline.
 *
 * Each trie node lives at the ring position of its label (PhtLabel::Position) as a marker
 * item that says leaf or internal; the keys of a leaf are stored at the leaf's position. A
 * trie node is read with one DHT access (LeadNodeApp::ScanAt: a lookup of the position, then
 * the whole node, bucket included). A range query reads the smallest trie node whose label
 * covers the range; if it is internal, it reads the children that overlap the range in
 * parallel, level by level (the PHT paper's parallel traversal); if it does not exist, a
 * binary search over prefix lengths along the start key finds the leaf that holds the range.
 *
 * The tree is bulk-loaded (Store) from a PhtIndex; Insert puts a later key into the leaf that
 * the binary search finds, without splitting it.
 */
class LeadPhtClient : public Object
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    LeadPhtClient();
    ~LeadPhtClient() override;

    /**
     * @brief The node that issues this client's DHT operations.
     * @param app the application (its vnode 0 must have joined before queries)
     */
    void SetApp(Ptr<LeadNodeApp> app);

    /**
     * @brief Store one trie node: its marker, and for a leaf its keys. Each key's value has
     * `valueSize` bytes and the tag `tagOf(key)`.
     * @param node the node
     * @param valueSize value size in bytes
     * @param tagSalt the value tag is key ^ tagSalt
     * @param cb called once per stored item (may be null)
     */
    void Store(const PhtIndex::Node& node,
               uint32_t valueSize,
               uint64_t tagSalt,
               Callback<void, const KeyOpResult&> cb);

    /**
     * @brief The DHT items that store one trie node: its marker, then for a leaf its keys,
     * all at the node's ring position.
     * @param node the node
     * @param valueSize value size of the keys
     * @param tagSalt the value tag of a key is key ^ tagSalt
     * @return the items (key, position, size, tag)
     */
    static std::vector<LeadKeyStore::Item> Items(const PhtIndex::Node& node,
                                                 uint32_t valueSize,
                                                 uint64_t tagSalt);

    /**
     * @brief Every stored key in [lo, hi].
     * @param lo first key
     * @param hi last key (>= lo)
     * @param cb called once with the result (may be null)
     */
    void RangeQuery(uint64_t lo, uint64_t hi, Callback<void, const RangeQueryResult&> cb);

    /**
     * @brief Store a key in the leaf that holds it (found by binary search; no split).
     * @param key the key
     * @param size value size
     * @param tag value tag
     * @param cb called once with the result of the final PUT, or a failed result when the
     * leaf could not be found
     */
    void Insert(uint64_t key, uint32_t size, uint64_t tag, Callback<void, const KeyOpResult&> cb);

    /// Signature of the RangeQueryDone trace.
    typedef void (*RangeQueryTracedCallback)(const RangeQueryResult& result);

  protected:
    void DoDispose() override;

  private:
    /// What a trie-node read found.
    enum class Kind
    {
        ABSENT,
        INTERNAL,
        LEAF,
    };

    /// A range query or leaf search in progress.
    struct Pending
    {
        RangeQueryResult result;                            //!< filled in as reads return
        Callback<void, const RangeQueryResult&> done;       //!< completion
        Callback<void, PhtLabel, bool, uint32_t> leafFound; //!< leaf search: leaf, found, messages
        Time start;                                         //!< issue time
        uint32_t outstanding{0};                            //!< reads in flight
        std::set<uint64_t> keys;                            //!< keys found
        bool ok{true};                                      //!< every read answered and consistent
    };

    void Read(uint32_t id, PhtLabel label, uint8_t searchLow, uint8_t searchHigh, bool search);
    void OnRead(uint32_t id,
                PhtLabel label,
                uint8_t searchLow,
                uint8_t searchHigh,
                bool search,
                const RangeQueryResult& r);
    void Search(uint32_t id, uint64_t key, uint8_t low, uint8_t high);
    static Kind Classify(const PhtLabel& label, const std::vector<uint64_t>& keys);
    void Descend(uint32_t id, const PhtLabel& label, uint64_t lo, uint64_t hi);
    void Finish(uint32_t id);

    Ptr<LeadNodeApp> m_app;                                   //!< DHT access
    std::map<uint32_t, Pending> m_pending;                    //!< by query id
    uint32_t m_nextId{1};                                     //!< next query id
    TracedCallback<const RangeQueryResult&> m_rangeDoneTrace; //!< range query finished
};

} // namespace lead
} // namespace ns3

#endif // LEAD_PHT_CLIENT_H
