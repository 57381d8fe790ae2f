/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-sha1.h"

#include <openssl/sha.h>

namespace ns3
{
namespace lead
{

std::array<uint8_t, Sha1::DIGEST_BYTES>
Sha1::Digest(const uint8_t* data, size_t size)
{
    static_assert(DIGEST_BYTES == SHA_DIGEST_LENGTH, "SHA-1 digest size");
    std::array<uint8_t, DIGEST_BYTES> d{};
    SHA1(data, size, d.data());
    return d;
}

uint64_t
Sha1::Prefix64(const uint8_t* data, size_t size)
{
    auto d = Digest(data, size);
    uint64_t v = 0;
    for (int i = 0; i < 8; ++i)
    {
        v = (v << 8) | d[i];
    }
    return v;
}

} // namespace lead
} // namespace ns3
