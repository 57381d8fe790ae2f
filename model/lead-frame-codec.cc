/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-frame-codec.h"

#include <algorithm>

namespace ns3
{
namespace lead
{

LeadFrameCodec::LeadFrameCodec(uint32_t maxFrame)
    : m_maxFrame(maxFrame)
{
}

void
LeadFrameCodec::WriteLength(uint32_t length, uint8_t out[HEADER_SIZE])
{
    out[0] = static_cast<uint8_t>(length >> 24);
    out[1] = static_cast<uint8_t>(length >> 16);
    out[2] = static_cast<uint8_t>(length >> 8);
    out[3] = static_cast<uint8_t>(length);
}

void
LeadFrameCodec::AppendFrame(std::vector<uint8_t>& out, const uint8_t* data, uint32_t size)
{
    uint8_t len[HEADER_SIZE];
    WriteLength(size, len);
    out.insert(out.end(), len, len + HEADER_SIZE);
    out.insert(out.end(), data, data + size);
}

bool
LeadFrameCodec::Push(const uint8_t* data, size_t size, std::vector<uint32_t>& frames)
{
    size_t pos = 0;
    while (!m_broken && pos < size)
    {
        if (m_lengthBytes < HEADER_SIZE)
        {
            // Still reading the length field.
            m_length = (m_length << 8) | data[pos++];
            if (++m_lengthBytes < HEADER_SIZE)
            {
                continue;
            }
            if (m_length > m_maxFrame)
            {
                m_broken = true;
                m_badLength = m_length;
                break;
            }
            m_missing = m_length;
        }
        else
        {
            const size_t take = std::min<size_t>(m_missing, size - pos);
            pos += take;
            m_missing -= static_cast<uint32_t>(take);
        }
        if (m_lengthBytes == HEADER_SIZE && m_missing == 0)
        {
            frames.push_back(m_length);
            m_lengthBytes = 0;
            m_length = 0;
        }
    }
    return !m_broken;
}

size_t
LeadFrameCodec::GetPartialBytes() const
{
    if (m_lengthBytes < HEADER_SIZE)
    {
        return m_lengthBytes;
    }
    return HEADER_SIZE + (m_length - m_missing);
}

bool
LeadFrameCodec::IsBroken() const
{
    return m_broken;
}

uint32_t
LeadFrameCodec::GetBadLength() const
{
    return m_badLength;
}

uint32_t
LeadFrameCodec::GetMaxFrame() const
{
    return m_maxFrame;
}

} // namespace lead
} // namespace ns3
