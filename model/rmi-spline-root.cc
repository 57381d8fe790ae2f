/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "rmi-spline-root.h"

#include <algorithm>
#include <cstring>

namespace ns3
{
namespace lead
{

RmiSplineRoot::RmiSplineRoot(uint32_t knots)
    : m_maxKnots(std::max<uint32_t>(2, knots))
{
}

uint32_t
RmiSplineRoot::Bucket(uint64_t offset)
{
    // Exponent and top 7 mantissa bits of the offset as a double. Monotone in the offset.
    if (offset == 0)
    {
        return 0;
    }
    const double d = static_cast<double>(offset);
    uint64_t bits;
    std::memcpy(&bits, &d, sizeof(bits));
    return static_cast<uint32_t>((bits >> 45) - (uint64_t{1023} << 7)) + 1;
}

void
RmiSplineRoot::Index(const std::vector<uint64_t>& offsets, const std::vector<double>& ys)
{
    // m_bucket[b] = number of knots in buckets below b.
    m_bucket.assign(static_cast<size_t>(KNOT_BUCKETS) + 1, 0);
    for (uint64_t off : offsets)
    {
        ++m_bucket[Bucket(off) + 1];
    }
    for (uint32_t b = 0; b < KNOT_BUCKETS; ++b)
    {
        m_bucket[b + 1] += m_bucket[b];
    }
    // Interleaved with the slope of each segment: one cache line per evaluation, no division.
    m_knots.resize(offsets.size());
    for (size_t i = 0; i < offsets.size(); ++i)
    {
        m_knots[i].offset = offsets[i];
        m_knots[i].y = ys[i];
        m_knots[i].slope =
            i + 1 < offsets.size()
                ? (ys[i + 1] - ys[i]) / static_cast<double>(offsets[i + 1] - offsets[i])
                : 0.0;
    }
}

void
RmiSplineRoot::Fit(const std::vector<uint64_t>& keys)
{
    const uint64_t n = keys.size();
    const double yScale = 1.0 / static_cast<double>(n - 1);
    m_minKey = keys.front();
    m_maxKey = keys.back();
    const uint64_t k = std::min<uint64_t>(m_maxKnots, n);
    std::vector<uint64_t> offsets;
    std::vector<double> ys;
    for (uint64_t i = 0; i < k; ++i)
    {
        const uint64_t rank = (i * (n - 1) + (k - 1) / 2) / (k - 1);
        const uint64_t offset = keys[rank] - m_minKey;
        const double y = static_cast<double>(rank) * yScale;
        if (!offsets.empty() && offset <= offsets.back())
        {
            ys.back() = y; // same key: keep the highest rank
            continue;
        }
        offsets.push_back(offset);
        ys.push_back(y);
    }
    Index(offsets, ys);
}

double
RmiSplineRoot::Cdf(uint64_t key) const
{
    const uint64_t offset = std::clamp(key, m_minKey, m_maxKey) - m_minKey;
    // Knots whose offset is <= the key's: those of lower buckets, plus a branch-free binary
    // search among the knots of the key's own bucket.
    const uint32_t b = Bucket(offset);
    uint32_t first = m_bucket[b];
    uint32_t len = m_bucket[b + 1] - first;
    while (len > 0)
    {
        const uint32_t half = len / 2;
        const bool right = m_knots[first + half].offset <= offset;
        first = right ? first + half + 1 : first;
        len = right ? len - half - 1 : half;
    }
    // first >= 1, since the first knot has offset 0.
    if (first >= m_knots.size())
    {
        return 1.0;
    }
    const Knot& k = m_knots[first - 1];
    return std::clamp(k.y + k.slope * static_cast<double>(offset - k.offset), 0.0, 1.0);
}

double
RmiSplineRoot::CdfAscending(uint64_t key, size_t& cursor) const
{
    // Training visits keys in order: a running knot index instead of a search.
    const uint64_t offset = std::clamp(key, m_minKey, m_maxKey) - m_minKey;
    while (cursor + 1 < m_knots.size() && m_knots[cursor + 1].offset <= offset)
    {
        ++cursor;
    }
    if (cursor + 1 >= m_knots.size())
    {
        return 1.0;
    }
    const Knot& k = m_knots[cursor];
    return std::clamp(k.y + k.slope * static_cast<double>(offset - k.offset), 0.0, 1.0);
}

RmiRoot::Kind
RmiSplineRoot::GetKind() const
{
    return SPLINE;
}

size_t
RmiSplineRoot::GetKnotCount() const
{
    return m_knots.size();
}

uint64_t
RmiSplineRoot::GetSizeBytes() const
{
    return 2 * 8 + 4 + 16 * static_cast<uint64_t>(m_knots.size()); // range, count, knots
}

void
RmiSplineRoot::Serialize(ByteWriter& w) const
{
    w.PutU64(m_minKey);
    w.PutU64(m_maxKey);
    w.PutU32(static_cast<uint32_t>(m_knots.size()));
    for (const auto& k : m_knots)
    {
        w.PutU64(k.offset);
        w.PutDouble(k.y);
    }
}

bool
RmiSplineRoot::Deserialize(ByteReader& r, std::string& error)
{
    uint64_t minKey = 0;
    uint64_t maxKey = 0;
    uint32_t count = 0;
    if (!r.GetU64(minKey) || !r.GetU64(maxKey) || !r.GetU32(count) || r.GetRemaining() / 16 < count)
    {
        error = "spline root truncated";
        return false;
    }
    if (minKey > maxKey || count < 1)
    {
        error = minKey > maxKey ? "key range is empty (min > max)" : "spline root without knots";
        return false;
    }
    std::vector<uint64_t> offsets(count);
    std::vector<double> ys(count);
    for (uint32_t i = 0; i < count; ++i)
    {
        r.GetU64(offsets[i]);
        r.GetDouble(ys[i]);
        if (!(ys[i] >= 0.0 && ys[i] <= 1.0) || offsets[i] > maxKey - minKey ||
            (i == 0 && offsets[i] != 0) ||
            (i > 0 && (offsets[i] <= offsets[i - 1] || ys[i] < ys[i - 1])))
        {
            error = "spline knot " + std::to_string(i) + " out of order or out of range";
            return false;
        }
    }
    m_minKey = minKey;
    m_maxKey = maxKey;
    Index(offsets, ys);
    return true;
}

} // namespace lead
} // namespace ns3
