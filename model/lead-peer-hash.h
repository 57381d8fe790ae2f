/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_PEER_HASH_H
#define LEAD_PEER_HASH_H

#include <cstddef>
#include <cstdint>

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief PeerHASH: the ring identifier of a virtual node.
 *
 * id = first 8 bytes (big-endian) of SHA-1(address bytes || vnode index as 4 bytes
 * big-endian). Node identifiers are thus uniform on the ring and independent of the key hash,
 * as in the LEAD poster; vnodes of one peer get independent identifiers.
 */
class PeerHash
{
  public:
    /**
     * @brief Identifier of a vnode from raw address bytes.
     * @param address address bytes (network order for IP addresses)
     * @param size number of address bytes (at most 16)
     * @param vnodeIndex index of the vnode on its physical node
     * @return the ring identifier
     */
    static uint64_t Compute(const uint8_t* address, size_t size, uint32_t vnodeIndex);

    /**
     * @brief Identifier of a vnode of an IPv4 host.
     * @param address the IPv4 address in host order (as Ipv4Address::Get() returns it)
     * @param vnodeIndex index of the vnode on its physical node
     * @return the ring identifier
     */
    static uint64_t FromIpv4(uint32_t address, uint32_t vnodeIndex);

    /// Longest address accepted (IPv6).
    static constexpr size_t MAX_ADDRESS_BYTES{16};
};

} // namespace lead
} // namespace ns3

#endif // LEAD_PEER_HASH_H
