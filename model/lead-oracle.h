/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_ORACLE_H
#define LEAD_ORACLE_H

#include "lead-vnode-ref.h"

#include "ns3/simple-ref-count.h"

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief Ground truth for measurement: which vnodes are alive and which keys were stored.
 *
 * Applications report facts of their life cycle to it (a vnode started or stopped, a key was
 * acknowledged as stored or deleted); the protocol never reads it, so results stay honest and
 * a distributed run can leave it out. Tests and statistics compare the protocol's answers with
 * it: the owner of a ring position is the first live vnode at or after it.
 */
class LeadOracle : public SimpleRefCount<LeadOracle>
{
  public:
    /// What a stored key should hold.
    struct Value
    {
        uint32_t size{0}; //!< value size
        uint64_t tag{0};  //!< value tag
    };

    /**
     * @brief A vnode is running.
     * @param ref the vnode
     */
    void AddVnode(const VnodeRef& ref);

    /**
     * @brief A vnode stopped (left or crashed).
     * @param id its ring id
     */
    void RemoveVnode(uint64_t id);

    /**
     * @brief Whether a vnode is running.
     * @param id its ring id
     * @return true if alive
     */
    bool IsAlive(uint64_t id) const;

    /**
     * @brief The live vnodes, by ring id.
     * @return the vnodes
     */
    std::vector<VnodeRef> GetLiveVnodes() const;

    /**
     * @brief Owner of a ring position: the first live vnode at or after it, wrapping.
     * @param position ring position
     * @return the owner, or nullopt if no vnode is alive
     */
    std::optional<VnodeRef> Owner(uint64_t position) const;

    /**
     * @brief The i-th live successor of a ring id (i = 1: the next live vnode).
     * @param id ring id (need not be alive)
     * @param i how far
     * @return the vnode, or nullopt if none is alive
     */
    std::optional<VnodeRef> Successor(uint64_t id, uint32_t i = 1) const;

    /**
     * @brief The live predecessor of a ring id.
     * @param id ring id
     * @return the vnode, or nullopt if no other vnode is alive
     */
    std::optional<VnodeRef> Predecessor(uint64_t id) const;

    /**
     * @brief A key was stored (the owner acknowledged the PUT).
     * @param key the key
     * @param value its value
     */
    void KeyStored(uint64_t key, const Value& value);

    /**
     * @brief A key was deleted.
     * @param key the key
     */
    void KeyDeleted(uint64_t key);

    /**
     * @brief The keys that should be retrievable.
     * @return key -> value
     */
    const std::map<uint64_t, Value>& GetKeys() const;

  private:
    std::map<uint64_t, VnodeRef> m_live; //!< live vnodes by id
    std::map<uint64_t, Value> m_keys;    //!< stored keys
};

} // namespace lead
} // namespace ns3

#endif // LEAD_ORACLE_H
