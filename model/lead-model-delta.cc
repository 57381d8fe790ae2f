/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-model-delta.h"

#include "lead-byte-codec.h"

#include <algorithm>
#include <map>

namespace ns3
{
namespace lead
{

namespace
{
constexpr uint32_t MAGIC{0x4C444C54}; //!< "LDLT"
constexpr size_t CHECKSUM{32};        //!< SHA-256 bytes

/**
 * @brief The checksum at the end of a model image.
 * @param m the model
 * @return its last 32 bytes
 */
std::vector<uint8_t>
Checksum(const LearnedHashModel& m)
{
    const std::vector<uint8_t> image = m.ToBytes();
    return std::vector<uint8_t>(image.end() - CHECKSUM, image.end());
}

/**
 * @brief Set an error message, if asked for.
 * @param error where (may be null)
 * @param what the message
 * @return nullptr
 */
Ptr<LearnedHashModel>
Fail(std::string* error, const std::string& what)
{
    if (error)
    {
        *error = "model delta: " + what;
    }
    return nullptr;
}
} // namespace

std::vector<uint8_t>
LeadModelDelta::Make(const LearnedHashModel& base, const LearnedHashModel& target)
{
    const uint32_t n = target.GetLeafCount();
    if (n == 0 || base.GetLeafCount() != n || base.GetName() != target.GetName())
    {
        return {};
    }
    std::vector<uint8_t> out;
    ByteWriter w(out);
    w.PutU32(MAGIC);
    w.PutU32(base.GetVersion());
    w.PutU32(target.GetVersion());
    w.PutU32(n);
    const std::vector<uint8_t> sum = Checksum(target);
    out.insert(out.end(), sum.begin(), sum.end());
    std::vector<uint32_t> changed;
    for (uint32_t j = 0; j < n; ++j)
    {
        if (!(base.GetLeaf(j) == target.GetLeaf(j)))
        {
            changed.push_back(j);
        }
    }
    w.PutU32(static_cast<uint32_t>(changed.size()));
    for (uint32_t j : changed)
    {
        const LeafParams p = target.GetLeaf(j);
        w.PutU32(j);
        w.PutU64(p.firstKey);
        w.PutDouble(p.intercept);
        w.PutDouble(p.slope);
        w.PutU64(p.firstRank);
        w.PutU64(p.lastRank);
        w.PutU64(p.keys);
        w.PutU64(p.maxError);
    }
    return out;
}

Ptr<LearnedHashModel>
LeadModelDelta::Apply(const LearnedHashModel& base,
                      const uint8_t* data,
                      size_t size,
                      std::string* error)
{
    ByteReader r(data, size);
    uint32_t magic = 0;
    uint32_t from = 0;
    uint32_t version = 0;
    uint32_t leaves = 0;
    if (!r.GetU32(magic) || !r.GetU32(from) || !r.GetU32(version) || !r.GetU32(leaves) ||
        magic != MAGIC || r.GetRemaining() < CHECKSUM + 4)
    {
        return Fail(error, "truncated or not a delta");
    }
    if (from != base.GetVersion() || leaves != base.GetLeafCount() || leaves == 0)
    {
        return Fail(error, "made for another base");
    }
    const std::vector<uint8_t> sum(data + (size - r.GetRemaining()),
                                   data + (size - r.GetRemaining()) + CHECKSUM);
    ByteReader rest(data + (size - r.GetRemaining()) + CHECKSUM, r.GetRemaining() - CHECKSUM);
    uint32_t count = 0;
    if (!rest.GetU32(count) || count > leaves || rest.GetRemaining() != size_t{count} * ENTRY_SIZE)
    {
        return Fail(error, "entry count does not match its bytes");
    }
    std::map<uint32_t, LeafParams> changed;
    for (uint32_t k = 0; k < count; ++k)
    {
        uint32_t j = 0;
        LeafParams p;
        rest.GetU32(j);
        rest.GetU64(p.firstKey);
        rest.GetDouble(p.intercept);
        rest.GetDouble(p.slope);
        rest.GetU64(p.firstRank);
        rest.GetU64(p.lastRank);
        rest.GetU64(p.keys);
        rest.GetU64(p.maxError);
        if (j >= leaves)
        {
            return Fail(error, "leaf " + std::to_string(j) + " out of range");
        }
        changed[j] = p;
    }
    Ptr<LearnedHashModel> model = base.Clone();
    model->SetLeaves(changed);
    model->SetVersion(version);
    if (Checksum(*model) != sum)
    {
        return Fail(error, "the rebuilt model does not match the checksum");
    }
    return model;
}

} // namespace lead
} // namespace ns3
