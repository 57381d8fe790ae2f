/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-kvcache-header.h"

#include "lead-list-codec.h"

namespace ns3
{
namespace lead
{

NS_OBJECT_ENSURE_REGISTERED(LeadKvCacheHeader);

TypeId
LeadKvCacheHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::lead::LeadKvCacheHeader")
                            .SetParent<Header>()
                            .SetGroupName("Lead")
                            .AddConstructor<LeadKvCacheHeader>();
    return tid;
}

TypeId
LeadKvCacheHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
LeadKvCacheHeader::Print(std::ostream& os) const
{
    os << "(type=" << static_cast<int>(type) << " request=" << request << " value=" << value
       << " runs=" << runs.size() << " blob=" << blob.size() << (valid ? "" : " INVALID") << ")";
}

uint32_t
LeadKvCacheHeader::GetSerializedSize() const
{
    return FIXED_SIZE + LeadListCodec::Size(runs.size(), 12) +
           LeadListCodec::Size(holders.size(), 2) + LeadListCodec::Size(blob.size(), 1);
}

void
LeadKvCacheHeader::Serialize(Buffer::Iterator start) const
{
    NS_ABORT_MSG_IF(runs.size() > MAX_RUNS || blob.size() > MAX_BLOB,
                    "LeadKvCacheHeader: " << runs.size() << " runs (at most " << MAX_RUNS << "), "
                                          << blob.size() << " blob bytes (at most " << MAX_BLOB
                                          << ")");
    Buffer::Iterator i = start;
    i.WriteU8(type);
    i.WriteU8(flags);
    i.WriteHtonU64(request);
    i.WriteHtonU64(value);
    i.WriteHtonU32(tokens);
    i.WriteHtonU32(output);
    // Two bytes of padding keep room for later fields.
    i.WriteHtonU16(0);
    LeadListCodec::Write(i, runs, [](Buffer::Iterator& w, const LeadBlockRun& r) {
        w.WriteHtonU64(r.start);
        w.WriteHtonU32(r.count);
    });
    LeadListCodec::Write(i, holders, [](Buffer::Iterator& w, uint16_t h) { w.WriteHtonU16(h); });
    LeadListCodec::Write(i, blob, [](Buffer::Iterator& w, uint8_t b) { w.WriteU8(b); });
}

uint32_t
LeadKvCacheHeader::Deserialize(Buffer::Iterator start)
{
    Buffer::Iterator i = start;
    valid = false;
    runs.clear();
    holders.clear();
    blob.clear();
    if (i.GetRemainingSize() < FIXED_SIZE)
    {
        return 0;
    }
    type = i.ReadU8();
    flags = i.ReadU8();
    request = i.ReadNtohU64();
    value = i.ReadNtohU64();
    tokens = i.ReadNtohU32();
    output = i.ReadNtohU32();
    const uint16_t pad = i.ReadNtohU16();
    bool runsOk = true;
    const bool ok =
        LeadListCodec::Read(i,
                            runs,
                            12,
                            MAX_RUNS,
                            [&runsOk](Buffer::Iterator& r) {
                                LeadBlockRun run;
                                run.start = r.ReadNtohU64();
                                run.count = r.ReadNtohU32();
                                runsOk = runsOk && run.count > 0 &&
                                         run.start <= UINT64_MAX - (run.count - 1);
                                return run;
                            }) &&
        LeadListCodec::Read(i,
                            holders,
                            2,
                            MAX_RUNS,
                            [](Buffer::Iterator& r) { return r.ReadNtohU16(); }) &&
        LeadListCodec::Read(i, blob, 1, MAX_BLOB, [](Buffer::Iterator& r) { return r.ReadU8(); });
    valid = ok && runsOk && pad == 0 && type >= REQUEST && type <= GOSSIP && (flags & ~1U) == 0 &&
            (holders.empty() || holders.size() == runs.size());
    return i.GetDistanceFrom(start);
}

bool
LeadKvCacheHeader::operator==(const LeadKvCacheHeader& o) const
{
    return valid == o.valid && type == o.type && flags == o.flags && request == o.request &&
           value == o.value && tokens == o.tokens && output == o.output && runs == o.runs &&
           holders == o.holders && blob == o.blob;
}

} // namespace lead
} // namespace ns3
