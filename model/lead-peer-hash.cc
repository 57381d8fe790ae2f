/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-peer-hash.h"

#include "lead-sha1.h"

#include "ns3/abort.h"

#include <array>

namespace ns3
{
namespace lead
{

uint64_t
PeerHash::Compute(const uint8_t* address, size_t size, uint32_t vnodeIndex)
{
    NS_ABORT_MSG_IF(size > MAX_ADDRESS_BYTES,
                    "PeerHash: address of " << size << " bytes (at most " << MAX_ADDRESS_BYTES
                                            << ")");
    std::array<uint8_t, MAX_ADDRESS_BYTES + 4> buf{};
    for (size_t i = 0; i < size; ++i)
    {
        buf[i] = address[i];
    }
    for (size_t i = 0; i < 4; ++i)
    {
        buf[size + i] = static_cast<uint8_t>(vnodeIndex >> (24 - 8 * i));
    }
    return Sha1::Prefix64(buf.data(), size + 4);
}

uint64_t
PeerHash::FromIpv4(uint32_t address, uint32_t vnodeIndex)
{
    const uint8_t bytes[4] = {static_cast<uint8_t>(address >> 24),
                              static_cast<uint8_t>(address >> 16),
                              static_cast<uint8_t>(address >> 8),
                              static_cast<uint8_t>(address)};
    return Compute(bytes, sizeof(bytes), vnodeIndex);
}

} // namespace lead
} // namespace ns3
