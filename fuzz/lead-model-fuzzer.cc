/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

// libFuzzer target: the hash model loader and what a model update can deliver. One decoder per
// run, chosen by LEAD_FUZZ_DECODER:
//   image        LearnedHashModel::CreateFromBytes (what TryLoad and MODEL_GET_REPLY read);
//                half the inputs get their SHA-256 trailer recomputed so that mutations reach
//                the payload decoders instead of stopping at the checksum
//   rmi, linear, consistent
//                one model's DeserializePayload on raw bytes (first 8 bytes: training size)
//   leaves       SetLeaves on a trained RMI with arbitrary leaf parameters (NaN, huge,
//                negative, out of order): what a hostile UPDATE_REPLY may hold
// Invariants: no crash or sanitizer report; an order-preserving model that loads hashes sorted
// probe keys to non-decreasing positions; a loaded model's image loads again to the same bytes.
//
// LEAD_FUZZ_SEEDS=DIR writes seed images of every model type and exits.

#include "consistent-hash-model.h"
#include "lead-byte-codec.h"
#include "lead-fuzz-select.h"
#include "learned-hash-model.h"
#include "linear-hash-model.h"
#include "rmi-hash-model.h"

#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <openssl/sha.h>
#include <string>
#include <vector>

using namespace ns3;
using namespace ns3::lead;

namespace
{

const std::vector<uint64_t>&
TrainingKeys()
{
    static const std::vector<uint64_t> keys = [] {
        std::vector<uint64_t> k;
        uint64_t x = 88172645463325252ULL;
        for (int i = 0; i < 2000; ++i)
        {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            k.push_back((x >> 20) * (i % 7 + 1));
        }
        std::sort(k.begin(), k.end());
        return k;
    }();
    return keys;
}

/// Exposes the protected payload writer of a model type (for the payload seeds).
template <typename M>
class Open : public M
{
  public:
    using M::SerializePayload;
};

/// Sorted probe keys: fixed ones and eight taken from the input.
std::vector<uint64_t>
Probes(const uint8_t* data, size_t size)
{
    std::vector<uint64_t> p{0, 1, 1ULL << 32, 1ULL << 63, ~0ULL - 1, ~0ULL};
    const auto& keys = TrainingKeys();
    for (size_t i = 0; i < keys.size(); i += keys.size() / 16)
    {
        p.push_back(keys[i]); // spread over the training range
    }
    for (size_t i = 0; i + 8 <= size && i < 64; i += 8)
    {
        uint64_t k = 0;
        std::memcpy(&k, data + i, 8);
        p.push_back(k);
    }
    std::sort(p.begin(), p.end());
    return p;
}

void
CheckLoaded(const LearnedHashModel& m, const uint8_t* data, size_t size)
{
    const std::vector<uint64_t> probes = Probes(data, size);
    uint64_t last = 0;
    for (uint64_t k : probes)
    {
        const uint64_t h = m.Hash(k);
        m.PredictRank(k);
        if (m.IsOrderPreserving() && h < last)
        {
            std::abort(); // order broken
        }
        last = h;
    }
    const std::vector<uint8_t> image = m.ToBytes();
    std::string error;
    Ptr<LearnedHashModel> again =
        LearnedHashModel::CreateFromBytes(image.data(), image.size(), "again", &error);
    if (!again || again->ToBytes() != image)
    {
        std::abort(); // a loaded model must save and load unchanged
    }
}

void
FuzzImage(const uint8_t* data, size_t size)
{
    std::vector<uint8_t> image(data, data + size);
    if (size > SHA256_DIGEST_LENGTH && (data[0] & 1))
    {
        SHA256(image.data(),
               size - SHA256_DIGEST_LENGTH,
               image.data() + size - SHA256_DIGEST_LENGTH);
    }
    std::string error;
    Ptr<LearnedHashModel> m =
        LearnedHashModel::CreateFromBytes(image.data(), image.size(), "fuzz", &error);
    if (!m)
    {
        if (error.empty())
        {
            std::abort(); // every refusal says why
        }
        return;
    }
    CheckLoaded(*m, data, size);
}

template <typename M>
void
FuzzPayload(const uint8_t* data, size_t size)
{
    if (size < 8)
    {
        return;
    }
    // A well-formed image around the bytes: magic, format, type, version, N, payload, SHA-256.
    uint64_t n = 0;
    std::memcpy(&n, data, 8);
    std::vector<uint8_t> image;
    ByteWriter w(image);
    w.PutU64(LearnedHashModel::FILE_MAGIC);
    w.PutU32(LearnedHashModel::FILE_FORMAT_VERSION);
    w.PutString(M::GetTypeId().GetName());
    w.PutU32(1);
    w.PutU64(n % (1ULL << 40) + 1);
    w.PutU64(size - 8);
    image.insert(image.end(), data + 8, data + size);
    image.resize(image.size() + SHA256_DIGEST_LENGTH);
    SHA256(image.data(),
           image.size() - SHA256_DIGEST_LENGTH,
           image.data() + image.size() - SHA256_DIGEST_LENGTH);
    Ptr<M> m = CreateObject<M>();
    std::string error;
    if (!m->FromBytes(image.data(), image.size(), "fuzz", &error))
    {
        if (error.empty())
        {
            std::abort();
        }
        return;
    }
    CheckLoaded(*m, data, size);
}

Ptr<RmiHashModel>
Trained()
{
    static Ptr<RmiHashModel> base;
    if (!base)
    {
        base = CreateObject<RmiHashModel>();
        base->SetAttribute("Leaves", UintegerValue(32));
        base->SetAttribute("RootModel", StringValue("linear")); // the spline's index is slow
        base->SetAttribute("RootKnots", UintegerValue(16));
        base->Train(TrainingKeys());
    }
    return base;
}

void
FuzzLeaves(const uint8_t* data, size_t size)
{
    Ptr<LearnedHashModel> m = Trained()->Clone();
    const uint32_t leaves = m->GetLeafCount();
    std::map<uint32_t, LeafParams> update;
    constexpr size_t ITEM = 1 + 7 * 8;
    for (size_t i = 0; i + ITEM <= size && update.size() < 64; i += ITEM)
    {
        LeafParams p;
        const uint8_t* q = data + i + 1;
        std::memcpy(&p.firstKey, q, 8);
        std::memcpy(&p.intercept, q + 8, 8);
        std::memcpy(&p.slope, q + 16, 8);
        std::memcpy(&p.firstRank, q + 24, 8);
        std::memcpy(&p.lastRank, q + 32, 8);
        std::memcpy(&p.keys, q + 40, 8);
        std::memcpy(&p.maxError, q + 48, 8);
        const uint32_t leaf = data[i] % leaves;
        if (data[i] & 0x80)
        {
            m->SetLeaf(leaf, p);
        }
        else
        {
            update[leaf] = p;
        }
    }
    m->SetLeaves(update);
    CheckLoaded(*m, data, size);
}

void
WriteFile(const std::string& path, const std::vector<uint8_t>& bytes)
{
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()),
              static_cast<std::streamsize>(bytes.size()));
}

/// Seeds of one model: its image (for "image") and N plus its payload (for its own decoder).
template <typename M>
void
WriteSeed(const std::string& dir,
          const std::string& decoder,
          const std::string& name,
          Ptr<Open<M>> m)
{
    m->Train(TrainingKeys());
    WriteFile(dir + "/image/" + name, m->ToBytes());
    std::vector<uint8_t> seed(8, 0);
    const uint64_t n = TrainingKeys().size() - 1;
    std::memcpy(seed.data(), &n, 8);
    m->SerializePayload(seed);
    WriteFile(dir + "/" + decoder + "/" + name, seed);
}

void
WriteSeeds(const std::string& dir)
{
    for (const char* sub : {"image", "rmi", "linear", "consistent", "leaves"})
    {
        std::system(("mkdir -p '" + dir + "/" + sub + "'").c_str());
    }
    for (const char* root : {"linear", "cubic", "spline"})
    {
        Ptr<Open<RmiHashModel>> m = CreateObject<Open<RmiHashModel>>();
        m->SetAttribute("Leaves", UintegerValue(16));
        m->SetAttribute("RootModel", StringValue(root));
        m->SetAttribute("RootKnots", UintegerValue(16));
        WriteSeed<RmiHashModel>(dir, "rmi", std::string("rmi-") + root, m);
    }
    WriteSeed<LinearHashModel>(dir, "linear", "linear", CreateObject<Open<LinearHashModel>>());
    WriteSeed<ConsistentHashModel>(dir,
                                   "consistent",
                                   "consistent",
                                   CreateObject<Open<ConsistentHashModel>>());
    // Leaves: one plausible leaf (index 3: first key, intercept, slope, ranks, keys, error).
    std::vector<uint8_t> leaf(1 + 7 * 8, 0);
    leaf[0] = 3;
    const LeafParams p = Trained()->GetLeaf(3);
    std::memcpy(leaf.data() + 1, &p.firstKey, 8);
    std::memcpy(leaf.data() + 9, &p.intercept, 8);
    std::memcpy(leaf.data() + 17, &p.slope, 8);
    std::memcpy(leaf.data() + 25, &p.firstRank, 8);
    std::memcpy(leaf.data() + 33, &p.lastRank, 8);
    std::memcpy(leaf.data() + 41, &p.keys, 8);
    std::memcpy(leaf.data() + 49, &p.maxError, 8);
    WriteFile(dir + "/leaves/leaf", leaf);
}

using Fuzz = void (*)(const uint8_t*, size_t);
Fuzz g_fuzz = nullptr; //!< the decoder under test

} // namespace

extern "C" int
LLVMFuzzerInitialize(int* /* argc */, char*** /* argv */)
{
    if (const char* dir = std::getenv("LEAD_FUZZ_SEEDS"))
    {
        WriteSeeds(dir);
        std::exit(0);
    }
    const std::map<std::string, Fuzz> all{
        {"image", &FuzzImage},
        {"rmi", &FuzzPayload<RmiHashModel>},
        {"linear", &FuzzPayload<LinearHashModel>},
        {"consistent", &FuzzPayload<ConsistentHashModel>},
        {"leaves", &FuzzLeaves},
    };
    g_fuzz = lead_fuzz::SelectDecoder("lead-model-fuzzer", all);
    return 0;
}

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    g_fuzz(data, size);
    return 0;
}
