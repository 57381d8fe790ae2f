/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

// libFuzzer target: LeadFrameCodec, the length-prefixed framing of the TCP transport.
// Input: byte 0 seeds how the stream is cut into segments, bytes 1-2 give the longest frame
// accepted, the rest is the stream. The stream is fed to one decoder in those segments and to
// a second in one piece; both must agree with a plain reference decoder on the frames found,
// the bytes left over and whether (and at which length) the stream broke. No frame may exceed
// the limit.

#include "lead-frame-codec.h"

#include <cstdint>
#include <cstdlib>
#include <vector>

using ns3::lead::LeadFrameCodec;

namespace
{

/// The frames of a whole stream, the bytes after the last one and the bad length, if any.
struct Reference
{
    std::vector<uint32_t> frames;
    size_t partial{0};
    bool broken{false};
    uint32_t badLength{0};
};

Reference
Decode(const uint8_t* data, size_t size, uint32_t maxFrame)
{
    Reference r;
    size_t pos = 0;
    while (size - pos >= 4)
    {
        const uint32_t len = (uint32_t{data[pos]} << 24) | (uint32_t{data[pos + 1]} << 16) |
                             (uint32_t{data[pos + 2]} << 8) | data[pos + 3];
        if (len > maxFrame)
        {
            r.broken = true;
            r.badLength = len;
            return r;
        }
        if (size - pos - 4 < len)
        {
            break;
        }
        r.frames.push_back(len);
        pos += 4 + len;
    }
    r.partial = size - pos;
    return r;
}

void
Require(bool ok)
{
    if (!ok)
    {
        std::abort();
    }
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size < 3)
    {
        return 0;
    }
    uint32_t cut = data[0] | 1U;
    const uint32_t maxFrame = (uint32_t{data[1]} << 8) | data[2];
    const uint8_t* stream = data + 3;
    const size_t n = size - 3;
    const Reference ref = Decode(stream, n, maxFrame);

    LeadFrameCodec pieces(maxFrame);
    std::vector<uint32_t> got;
    size_t pos = 0;
    while (pos < n)
    {
        cut = cut * 1103515245U + 12345U;
        const size_t take = std::min<size_t>(n - pos, (cut >> 16) % 9);
        const bool ok = pieces.Push(stream + pos, take, got);
        Require(ok == !pieces.IsBroken());
        pos += take;
    }
    LeadFrameCodec whole(maxFrame);
    std::vector<uint32_t> once;
    whole.Push(stream, n, once);

    Require(got == ref.frames && once == ref.frames);
    Require(pieces.IsBroken() == ref.broken && whole.IsBroken() == ref.broken);
    if (ref.broken)
    {
        Require(pieces.GetBadLength() == ref.badLength && whole.GetBadLength() == ref.badLength);
    }
    else
    {
        Require(pieces.GetPartialBytes() == ref.partial && whole.GetPartialBytes() == ref.partial);
    }
    for (uint32_t f : got)
    {
        Require(f <= maxFrame);
    }
    return 0;
}
