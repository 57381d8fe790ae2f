/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-update-header.h"

#include "ns3/abort.h"

#include <algorithm>
#include <cstring>

namespace ns3
{
namespace lead
{

NS_OBJECT_ENSURE_REGISTERED(LeadUpdateHeader);

namespace
{
constexpr uint32_t FIXED{24};       //!< bytes before the entries
constexpr uint32_t COUNT_SIZE{28};  //!< a PULL reply entry
constexpr uint32_t ASSIGN_SIZE{20}; //!< a REFIT entry
constexpr uint32_t PIECE_SIZE{52};  //!< a REFIT reply entry

/**
 * @brief Write a double as its IEEE-754 bit pattern.
 * @param i iterator, advanced
 * @param v the value
 */
void
WriteDouble(Buffer::Iterator& i, double v)
{
    uint64_t bits = 0;
    std::memcpy(&bits, &v, sizeof bits);
    i.WriteHtonU64(bits);
}

/**
 * @brief Read a double written by WriteDouble.
 * @param i iterator, advanced
 * @return the value (any bit pattern, NaN included)
 */
double
ReadDouble(Buffer::Iterator& i)
{
    const uint64_t bits = i.ReadNtohU64();
    double v = 0;
    std::memcpy(&v, &bits, sizeof v);
    return v;
}
} // namespace

TypeId
LeadUpdateHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::lead::LeadUpdateHeader")
                            .SetParent<Header>()
                            .SetGroupName("Lead")
                            .AddConstructor<LeadUpdateHeader>();
    return tid;
}

TypeId
LeadUpdateHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
LeadUpdateHeader::Print(std::ostream& os) const
{
    static const char* const names[] = {"?", "PULL", "REFIT", "ANNOUNCE"};
    os << "(" << names[phase <= ANNOUNCE ? phase : 0] << (reply ? " reply" : "")
       << (accepted ? " accepted" : "") << " round=" << round << " version=" << version
       << " word=" << word << " entries=" << EntryCount() << (valid ? "" : " INVALID") << ")";
}

uint32_t
LeadUpdateHeader::EntrySize() const
{
    if (phase == PULL && reply)
    {
        return COUNT_SIZE;
    }
    if (phase == REFIT)
    {
        return reply ? PIECE_SIZE : ASSIGN_SIZE;
    }
    return 0;
}

size_t
LeadUpdateHeader::EntryCount() const
{
    if (phase == PULL && reply)
    {
        return counts.size();
    }
    if (phase == REFIT)
    {
        return reply ? pieces.size() : assignments.size();
    }
    return 0;
}

uint32_t
LeadUpdateHeader::GetSerializedSize() const
{
    return FIXED + EntrySize() * static_cast<uint32_t>(EntryCount());
}

void
LeadUpdateHeader::Serialize(Buffer::Iterator start) const
{
    NS_ABORT_MSG_IF(EntryCount() > MAX_ENTRIES,
                    "LeadUpdateHeader: " << EntryCount() << " entries, at most " << MAX_ENTRIES);
    Buffer::Iterator i = start;
    i.WriteU8(phase);
    i.WriteU8((reply ? 1 : 0) | (accepted ? 2 : 0));
    i.WriteHtonU64(round);
    i.WriteHtonU32(version);
    i.WriteHtonU64(word);
    i.WriteHtonU16(static_cast<uint16_t>(EntryCount()));
    if (phase == PULL && reply)
    {
        for (const auto& c : counts)
        {
            i.WriteHtonU32(c.leaf);
            i.WriteHtonU64(c.keys);
            i.WriteHtonU64(c.minKey);
            i.WriteHtonU64(c.maxKey);
        }
    }
    else if (phase == REFIT && !reply)
    {
        for (const auto& a : assignments)
        {
            i.WriteHtonU32(a.leaf);
            WriteDouble(i, a.rankLo);
            WriteDouble(i, a.rankHi);
        }
    }
    else if (phase == REFIT)
    {
        for (const auto& [leaf, p] : pieces)
        {
            i.WriteHtonU32(leaf);
            WriteDouble(i, p.intercept);
            WriteDouble(i, p.slope);
            i.WriteHtonU64(p.firstRank);
            i.WriteHtonU64(p.lastRank);
            i.WriteHtonU64(p.keys);
            i.WriteHtonU64(p.maxError);
        }
    }
}

uint32_t
LeadUpdateHeader::Deserialize(Buffer::Iterator start)
{
    Buffer::Iterator i = start;
    valid = false;
    counts.clear();
    assignments.clear();
    pieces.clear();
    if (i.GetRemainingSize() < FIXED)
    {
        return i.GetDistanceFrom(start);
    }
    phase = i.ReadU8();
    const uint8_t flags = i.ReadU8();
    round = i.ReadNtohU64();
    version = i.ReadNtohU32();
    word = i.ReadNtohU64();
    const uint32_t count = i.ReadNtohU16();
    reply = (flags & 1) != 0;
    accepted = (flags & 2) != 0;
    if (phase < PULL || phase > ANNOUNCE || (flags & ~3) != 0 || count > MAX_ENTRIES)
    {
        return i.GetDistanceFrom(start);
    }
    const uint32_t size = EntrySize();
    if ((size == 0 && count != 0) || (size > 0 && i.GetRemainingSize() / size < count))
    {
        return i.GetDistanceFrom(start);
    }
    for (uint32_t k = 0; k < count; ++k)
    {
        if (phase == PULL)
        {
            LeadUpdatePlan::LeafCount c;
            c.leaf = i.ReadNtohU32();
            c.keys = i.ReadNtohU64();
            c.minKey = i.ReadNtohU64();
            c.maxKey = i.ReadNtohU64();
            counts.push_back(c);
        }
        else if (!reply)
        {
            LeadUpdatePlan::Assignment a;
            a.leaf = i.ReadNtohU32();
            a.rankLo = ReadDouble(i);
            a.rankHi = ReadDouble(i);
            assignments.push_back(a);
        }
        else
        {
            const uint32_t leaf = i.ReadNtohU32();
            LeafParams p;
            p.intercept = ReadDouble(i);
            p.slope = ReadDouble(i);
            p.firstRank = i.ReadNtohU64();
            p.lastRank = i.ReadNtohU64();
            p.keys = i.ReadNtohU64();
            p.maxError = i.ReadNtohU64();
            pieces.emplace_back(leaf, p);
        }
    }
    valid = true;
    return i.GetDistanceFrom(start);
}

bool
LeadUpdateHeader::operator==(const LeadUpdateHeader& o) const
{
    auto sameCounts = [](const LeadUpdatePlan::LeafCount& a, const LeadUpdatePlan::LeafCount& b) {
        return a.leaf == b.leaf && a.keys == b.keys && a.minKey == b.minKey && a.maxKey == b.maxKey;
    };
    auto sameAssign = [](const LeadUpdatePlan::Assignment& a, const LeadUpdatePlan::Assignment& b) {
        return a.leaf == b.leaf && a.rankLo == b.rankLo && a.rankHi == b.rankHi;
    };
    return valid == o.valid && phase == o.phase && reply == o.reply && accepted == o.accepted &&
           round == o.round && version == o.version && word == o.word &&
           std::equal(counts.begin(), counts.end(), o.counts.begin(), o.counts.end(), sameCounts) &&
           std::equal(assignments.begin(),
                      assignments.end(),
                      o.assignments.begin(),
                      o.assignments.end(),
                      sameAssign) &&
           pieces == o.pieces;
}

} // namespace lead
} // namespace ns3
