/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

// libFuzzer target: the Deserialize() of the common header and of every message body, one
// decoder per run, chosen by the environment variable LEAD_FUZZ_DECODER (see kDecoders).
// Invariants: a decoder never reads past the bytes it was given; a header that decodes as
// valid serialises to its announced size, and those bytes decode (valid) and serialise to the
// same bytes again; Print() works on whatever was decoded.
//
// LEAD_FUZZ_SEEDS=DIR writes one seed per decoder (a default header, serialised) and exits.

#include "lead-alert-header.h"
#include "lead-fuzz-select.h"
#include "lead-header.h"
#include "lead-heartbeat-header.h"
#include "lead-kv-header.h"
#include "lead-kvcache-header.h"
#include "lead-lookup-header.h"
#include "lead-lookup-reply-header.h"
#include "lead-model-header.h"
#include "lead-neighbors-header.h"
#include "lead-neighbors-request-header.h"
#include "lead-range-header.h"
#include "lead-recruit-header.h"
#include "lead-scan-answer-header.h"
#include "lead-successor-hint-header.h"
#include "lead-transfer-header.h"
#include "lead-update-header.h"
#include "lead-view-header.h"

#include "ns3/buffer.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

using namespace ns3;
using namespace ns3::lead;

namespace
{

bool
IsValid(const LeadHeader& h)
{
    return h.IsValid();
}

template <typename H>
bool
IsValid(const H& h)
{
    return h.valid;
}

template <typename H>
std::vector<uint8_t>
Bytes(const H& h)
{
    Buffer b;
    b.AddAtStart(h.GetSerializedSize());
    h.Serialize(b.Begin());
    std::vector<uint8_t> out(b.GetSize());
    b.CopyData(out.data(), out.size());
    return out;
}

template <typename H>
uint32_t
Decode(H& h, const uint8_t* data, size_t size)
{
    Buffer b;
    b.AddAtStart(static_cast<uint32_t>(size));
    b.Begin().Write(data, static_cast<uint32_t>(size));
    return h.Deserialize(b.Begin());
}

template <typename H>
void
Check(const uint8_t* data, size_t size)
{
    H h;
    const uint32_t used = Decode(h, data, size);
    if (used > size)
    {
        std::abort(); // read past the end
    }
    std::ostringstream text;
    h.Print(text);
    if (!IsValid(h))
    {
        return;
    }
    const std::vector<uint8_t> first = Bytes(h);
    if (first.size() != h.GetSerializedSize())
    {
        std::abort();
    }
    H again;
    const uint32_t usedAgain = Decode(again, first.data(), first.size());
    if (!IsValid(again) || usedAgain != first.size() || Bytes(again) != first)
    {
        std::abort(); // what was accepted does not survive a round trip
    }
}

template <typename H>
void
WriteSeed(const std::string& dir, const std::string& name)
{
    const std::vector<uint8_t> bytes = Bytes(H());
    std::ofstream out(dir + "/" + name, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()),
              static_cast<std::streamsize>(bytes.size()));
}

/// One decoder: its check and its seed writer.
struct Decoder
{
    void (*check)(const uint8_t*, size_t);
    void (*seed)(const std::string&, const std::string&);
};

template <typename H>
Decoder
Entry()
{
    return Decoder{&Check<H>, &WriteSeed<H>};
}

const std::map<std::string, Decoder>&
Decoders()
{
    static const std::map<std::string, Decoder> all{
        {"common", Entry<LeadHeader>()},
        {"alert", Entry<LeadAlertHeader>()},
        {"heartbeat", Entry<LeadHeartbeatHeader>()},
        {"kv", Entry<LeadKvHeader>()},
        {"kvcache", Entry<LeadKvCacheHeader>()},
        {"lookup", Entry<LeadLookupHeader>()},
        {"lookup-reply", Entry<LeadLookupReplyHeader>()},
        {"model", Entry<LeadModelHeader>()},
        {"neighbors", Entry<LeadNeighborsHeader>()},
        {"neighbors-request", Entry<LeadNeighborsRequestHeader>()},
        {"range", Entry<LeadRangeHeader>()},
        {"range-part", Entry<LeadRangePartHeader>()},
        {"recruit", Entry<LeadRecruitHeader>()},
        {"scan-answer", Entry<LeadScanAnswerHeader>()},
        {"successor-hint", Entry<LeadSuccessorHintHeader>()},
        {"transfer", Entry<LeadTransferHeader>()},
        {"update", Entry<LeadUpdateHeader>()},
        {"view", Entry<LeadViewHeader>()},
    };
    return all;
}

const Decoder* g_decoder = nullptr;

} // namespace

extern "C" int
LLVMFuzzerInitialize(int* /* argc */, char*** /* argv */)
{
    if (const char* dir = std::getenv("LEAD_FUZZ_SEEDS"))
    {
        for (const auto& [name, d] : Decoders())
        {
            d.seed(dir, name);
        }
        std::exit(0);
    }
    g_decoder = &lead_fuzz::SelectDecoder("lead-header-fuzzer", Decoders());
    return 0;
}

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    g_decoder->check(data, size);
    return 0;
}
