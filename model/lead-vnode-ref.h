/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_VNODE_REF_H
#define LEAD_VNODE_REF_H

#include <cstdint>

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief How the overlay names a virtual node: its ring id and where it lives.
 *
 * A vnode is reached at the IPv4 address of its physical node (the overlay port is the same
 * everywhere) and is told apart from its siblings by its index there.
 */
struct VnodeRef
{
    uint64_t id{0};      //!< ring identifier (PeerHASH)
    uint32_t address{0}; //!< IPv4 address of the physical node, host byte order
    uint16_t vnode{0};   //!< index of the vnode on its physical node

    /**
     * @brief Equality of all fields.
     * @param o the other reference
     * @return true if equal
     */
    bool operator==(const VnodeRef& o) const
    {
        return id == o.id && address == o.address && vnode == o.vnode;
    }

    /**
     * @brief Inequality.
     * @param o the other reference
     * @return true if any field differs
     */
    bool operator!=(const VnodeRef& o) const
    {
        return !(*this == o);
    }
};

} // namespace lead
} // namespace ns3

#endif // LEAD_VNODE_REF_H
