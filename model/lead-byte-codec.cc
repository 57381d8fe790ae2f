/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-byte-codec.h"

#include <cstring>

namespace ns3
{
namespace lead
{

ByteWriter::ByteWriter(std::vector<uint8_t>& out)
    : m_out(out)
{
}

void
ByteWriter::PutU32(uint32_t v)
{
    for (int i = 0; i < 4; ++i)
    {
        m_out.push_back(static_cast<uint8_t>(v >> (8 * i)));
    }
}

void
ByteWriter::PutU64(uint64_t v)
{
    for (int i = 0; i < 8; ++i)
    {
        m_out.push_back(static_cast<uint8_t>(v >> (8 * i)));
    }
}

void
ByteWriter::PutDouble(double v)
{
    uint64_t bits;
    static_assert(sizeof(bits) == sizeof(v), "double must be 64 bits");
    std::memcpy(&bits, &v, sizeof(bits));
    PutU64(bits);
}

void
ByteWriter::PutString(const std::string& s)
{
    PutU32(static_cast<uint32_t>(s.size()));
    m_out.insert(m_out.end(), s.begin(), s.end());
}

ByteReader::ByteReader(const uint8_t* data, size_t size)
    : m_data(data),
      m_size(size)
{
}

bool
ByteReader::GetU32(uint32_t& v)
{
    if (m_size - m_pos < 4)
    {
        return false;
    }
    uint32_t r = 0;
    for (int i = 0; i < 4; ++i)
    {
        r |= static_cast<uint32_t>(m_data[m_pos + i]) << (8 * i);
    }
    m_pos += 4;
    v = r;
    return true;
}

bool
ByteReader::GetU64(uint64_t& v)
{
    if (m_size - m_pos < 8)
    {
        return false;
    }
    uint64_t r = 0;
    for (int i = 0; i < 8; ++i)
    {
        r |= static_cast<uint64_t>(m_data[m_pos + i]) << (8 * i);
    }
    m_pos += 8;
    v = r;
    return true;
}

bool
ByteReader::GetDouble(double& v)
{
    uint64_t bits;
    if (!GetU64(bits))
    {
        return false;
    }
    std::memcpy(&v, &bits, sizeof(v));
    return true;
}

bool
ByteReader::GetString(std::string& s, uint32_t maxLength)
{
    size_t start = m_pos;
    uint32_t len;
    if (!GetU32(len))
    {
        return false;
    }
    if (len > maxLength || m_size - m_pos < len)
    {
        m_pos = start;
        return false;
    }
    s.assign(reinterpret_cast<const char*>(m_data + m_pos), len);
    m_pos += len;
    return true;
}

size_t
ByteReader::GetRemaining() const
{
    return m_size - m_pos;
}

} // namespace lead
} // namespace ns3
