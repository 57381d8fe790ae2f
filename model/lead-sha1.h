/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_SHA1_H
#define LEAD_SHA1_H

#include <array>
#include <cstddef>
#include <cstdint>

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief SHA-1 digests through OpenSSL's libcrypto, and their 64-bit ring prefix.
 */
class Sha1
{
  public:
    /// Bytes in a SHA-1 digest.
    static constexpr size_t DIGEST_BYTES{20};

    /**
     * @brief SHA-1 digest of a byte string.
     * @param data first byte
     * @param size number of bytes
     * @return the 20-byte digest
     */
    static std::array<uint8_t, DIGEST_BYTES> Digest(const uint8_t* data, size_t size);

    /**
     * @brief First 8 bytes of the SHA-1 digest, read big-endian: a position on the 2^64 ring.
     * @param data first byte
     * @param size number of bytes
     * @return the ring position
     */
    static uint64_t Prefix64(const uint8_t* data, size_t size);
};

} // namespace lead
} // namespace ns3

#endif // LEAD_SHA1_H
