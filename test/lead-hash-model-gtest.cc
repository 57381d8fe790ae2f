/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

// GoogleTest for the simulator-free hash models: RMI, consistent hashing (SHA-1), linear,
// PeerHASH, and the model file format. Ground truth is the rank of a key in the sorted key
// set, SHA-1 digests computed by an independent implementation (Python's hashlib), and the
// successor rule on the ring worked out by hand.

#include "ns3/consistent-hash-model.h"
#include "ns3/lead-byte-codec.h"
#include "ns3/lead-hash-evaluator.h"
#include "ns3/lead-key-dataset.h"
#include "ns3/lead-peer-hash.h"
#include "ns3/lead-sha1.h"
#include "ns3/linear-hash-model.h"
#include "ns3/object-factory.h"
#include "ns3/rmi-hash-model.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <gtest/gtest.h>
#include <limits>
#include <openssl/sha.h>
#include <random>
#include <unistd.h>

using namespace ns3;
using namespace ns3::lead;

namespace
{

constexpr uint64_t U64_MAX = std::numeric_limits<uint64_t>::max();

Ptr<RmiHashModel>
MakeRmi(const std::string& root, uint32_t leaves = 0)
{
    return CreateObjectWithAttributes<RmiHashModel>("RootModel",
                                                    StringValue(root),
                                                    "Leaves",
                                                    UintegerValue(leaves));
}

/// Count adjacent pairs (in key order) whose hashes decrease.
uint64_t
CountInversions(const LearnedHashModel& m, const std::vector<uint64_t>& sortedKeys)
{
    uint64_t inv = 0;
    for (size_t i = 1; i < sortedKeys.size(); ++i)
    {
        if (m.Hash(sortedKeys[i]) < m.Hash(sortedKeys[i - 1]))
        {
            ++inv;
        }
    }
    return inv;
}

/// Unseen probe keys: random keys, the extremes, and the neighbours of every leaf boundary.
std::vector<uint64_t>
ProbeKeys(const RmiHashModel& m, const std::vector<uint64_t>& keys, uint64_t seed)
{
    std::mt19937_64 rng(seed);
    std::vector<uint64_t> p;
    for (int i = 0; i < 20000; ++i)
    {
        p.push_back(rng());
        // Keys between neighbouring training keys.
        size_t j = rng() % (keys.size() - 1);
        if (keys[j + 1] > keys[j] + 1)
        {
            p.push_back(keys[j] + 1 + rng() % (keys[j + 1] - keys[j] - 1));
        }
    }
    for (uint32_t j = 0; j < m.GetLeafCount(); ++j)
    {
        uint64_t b = m.GetLeaf(j).firstKey;
        p.push_back(b);
        p.push_back(b == 0 ? 0 : b - 1);
        p.push_back(b == U64_MAX ? b : b + 1);
    }
    p.push_back(0);
    p.push_back(1);
    p.push_back(U64_MAX);
    p.push_back(U64_MAX - 1);
    p.push_back(keys.front() == 0 ? 0 : keys.front() - 1);
    p.push_back(keys.back() == U64_MAX ? U64_MAX : keys.back() + 1);
    p.insert(p.end(), keys.begin(), keys.end());
    std::sort(p.begin(), p.end());
    return p;
}

std::string
TempPath(const std::string& name)
{
    return testing::TempDir() + "lead-" + std::to_string(getpid()) + "-" + name;
}

std::vector<uint8_t>
ReadFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return std::vector<uint8_t>((std::istreambuf_iterator<char>(in)),
                                std::istreambuf_iterator<char>());
}

void
WriteFile(const std::string& path, const std::vector<uint8_t>& bytes)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()), bytes.size());
}

/// Parameters of the per-distribution RMI tests.
struct RmiCase
{
    KeyDistribution dist;
    std::string root;
};

class RmiDistributionTest : public testing::TestWithParam<RmiCase>
{
};

std::string
CaseName(const testing::TestParamInfo<RmiCase>& info)
{
    return KeyDataset::GetName(info.param.dist) + info.param.root;
}

std::vector<RmiCase>
AllCases()
{
    std::vector<RmiCase> cases;
    for (auto d : KeyDataset::GetAll())
    {
        for (const char* root : {"cubic", "linear", "spline"})
        {
            cases.push_back({d, root});
        }
    }
    return cases;
}

} // namespace

TEST_P(RmiDistributionTest, MonotoneOnTrainingAndUnseenKeys)
{
    auto keys = KeyDataset::Generate(GetParam().dist, 50000, 7);
    auto rmi = MakeRmi(GetParam().root);
    rmi->Train(keys);
    EXPECT_EQ(CountInversions(*rmi, keys), 0U);
    auto probes = ProbeKeys(*rmi, keys, 11);
    EXPECT_EQ(CountInversions(*rmi, probes), 0U);
    EXPECT_EQ(rmi->Hash(0), rmi->Hash(keys.front() == 0 ? 0 : keys.front() - 1));
}

class RmiErrorTest : public testing::TestWithParam<RmiCase>
{
};

TEST_P(RmiErrorTest, RankErrorWithinOneTenthPercent)
{
    const uint64_t n = 200000;
    auto keys = KeyDataset::Generate(GetParam().dist, n, 3);
    auto rmi = MakeRmi(GetParam().root);
    rmi->Train(keys);
    double maxErr = 0;
    for (uint64_t i = 0; i < n; ++i)
    {
        maxErr = std::max(maxErr, std::fabs(rmi->PredictRank(keys[i]) - double(i)));
    }
    // Target from learned-hash-targets.md: max rank error <= 0.1 % of N.
    EXPECT_LE(maxErr, 0.001 * n) << "root " << rmi->GetRootModelInUse();
    // The model's own error bookkeeping agrees with the measured error.
    EXPECT_EQ(rmi->GetMaxError(), static_cast<uint64_t>(std::ceil(maxErr)));
}

INSTANTIATE_TEST_SUITE_P(AllDistributions,
                         RmiDistributionTest,
                         testing::ValuesIn(AllCases()),
                         CaseName);

// The error target holds for the default (spline) root on every distribution; the authors'
// cubic root and the linear root meet it only on near-uniform keys (doc/lead.rst, benchmarks).
INSTANTIATE_TEST_SUITE_P(TargetCases,
                         RmiErrorTest,
                         testing::Values(RmiCase{KeyDistribution::UNIFORM, "spline"},
                                         RmiCase{KeyDistribution::NORMAL, "spline"},
                                         RmiCase{KeyDistribution::LOGNORMAL, "spline"},
                                         RmiCase{KeyDistribution::ZIPF, "spline"},
                                         RmiCase{KeyDistribution::CLUSTERED, "spline"},
                                         RmiCase{KeyDistribution::SEQUENTIAL, "spline"},
                                         RmiCase{KeyDistribution::UNIFORM, "cubic"},
                                         RmiCase{KeyDistribution::UNIFORM, "linear"}),
                         CaseName);

TEST(RmiHashModelTest, MapsKeysOntoWholeRing)
{
    auto keys = KeyDataset::Generate(KeyDistribution::LOGNORMAL, 100000, 5);
    auto rmi = MakeRmi("spline");
    rmi->Train(keys);
    EXPECT_EQ(rmi->Hash(keys.front()), 0U);
    EXPECT_EQ(rmi->Hash(keys.back()), U64_MAX);
    EXPECT_EQ(rmi->Hash(0), 0U);
    // Order-preserving and roughly uniform: each sixteenth of the ring holds about N/16 keys
    // although the keys themselves are heavily skewed.
    std::vector<uint64_t> bins(16, 0);
    for (auto k : keys)
    {
        ++bins[rmi->Hash(k) >> 60];
    }
    for (auto b : bins)
    {
        EXPECT_NEAR(static_cast<double>(b), keys.size() / 16.0, keys.size() / 16.0 * 0.02);
    }
    EXPECT_TRUE(rmi->IsOrderPreserving());
    EXPECT_EQ(rmi->GetName(), "rmi");
}

TEST(RmiHashModelTest, ExplicitLeafCountPartitionsAllKeys)
{
    auto keys = KeyDataset::Generate(KeyDistribution::CLUSTERED, 30000, 9);
    auto rmi = MakeRmi("cubic", 77);
    rmi->Train(keys);
    ASSERT_EQ(rmi->GetLeafCount(), 77U);
    // kind, calibration, key range, 4 coefficients (no knots for a cubic root), leaves
    EXPECT_EQ(rmi->GetModelSizeBytes(), 4 + 16 + 16 + 32 + 77 * RmiHashModel::LEAF_BYTES);
    uint64_t total = 0;
    uint64_t nextRank = 0;
    for (uint32_t j = 0; j < rmi->GetLeafCount(); ++j)
    {
        auto leaf = rmi->GetLeaf(j);
        EXPECT_GE(leaf.slope, 0.0);
        if (leaf.keys > 0)
        {
            EXPECT_EQ(leaf.firstRank, nextRank) << "leaf " << j;
            EXPECT_EQ(leaf.lastRank - leaf.firstRank + 1, leaf.keys);
            EXPECT_EQ(leaf.firstKey, keys[leaf.firstRank]);
            nextRank = leaf.lastRank + 1;
        }
        total += leaf.keys;
        // Every training key is served by the leaf that holds its rank.
        if (leaf.keys > 0)
        {
            EXPECT_EQ(rmi->LeafOf(keys[leaf.firstRank]), j);
            EXPECT_EQ(rmi->LeafOf(keys[leaf.lastRank]), j);
        }
    }
    EXPECT_EQ(total, keys.size());
}

TEST(RmiHashModelTest, TrainingIncrementsVersion)
{
    auto keys = KeyDataset::Generate(KeyDistribution::UNIFORM, 1000, 1);
    auto rmi = MakeRmi("linear");
    EXPECT_FALSE(rmi->IsTrained());
    rmi->Train(keys);
    EXPECT_EQ(rmi->GetVersion(), 1U);
    rmi->Train(keys);
    EXPECT_EQ(rmi->GetVersion(), 2U);
    EXPECT_EQ(rmi->GetTrainingSize(), 1000U);
}

TEST(RmiHashModelTest, TinyAndDegenerateKeySets)
{
    for (std::vector<uint64_t> keys : {std::vector<uint64_t>{42},
                                       std::vector<uint64_t>{5, 5, 5, 5},
                                       std::vector<uint64_t>{0, U64_MAX},
                                       std::vector<uint64_t>{1, 2, 3}})
    {
        for (const char* root : {"cubic", "linear", "spline"})
        {
            auto rmi = MakeRmi(root);
            rmi->Train(keys);
            std::vector<uint64_t> probes = {0, 1, 2, 3, 4, 5, 6, 41, 42, 43, U64_MAX};
            EXPECT_EQ(CountInversions(*rmi, probes), 0U);
            EXPECT_EQ(CountInversions(*rmi, keys), 0U);
        }
    }
}

TEST(RmiHashModelTest, SetLeafKeepsTheHashMonotone)
{
    auto keys = KeyDataset::Generate(KeyDistribution::NORMAL, 20000, 2);
    auto rmi = MakeRmi("cubic", 50);
    rmi->Train(keys);
    // Hostile parameters, as a faulty model update could deliver them.
    for (uint32_t j = 0; j < rmi->GetLeafCount(); j += 3)
    {
        auto p = rmi->GetLeaf(j);
        p.slope = -p.slope - 1.0;
        p.intercept += 1e6;
        p.firstRank = p.firstRank + 5000;
        p.lastRank = 0;
        p.firstKey = j % 2 ? 0 : U64_MAX;
        rmi->SetLeaf(j, p);
    }
    EXPECT_EQ(CountInversions(*rmi, ProbeKeys(*rmi, keys, 4)), 0U);
    // An honest update round-trips exactly.
    auto p = rmi->GetLeaf(1);
    rmi->SetLeaf(1, p);
    EXPECT_EQ(rmi->GetLeaf(1), p);
}

TEST(RmiHashModelTest, SaveLoadRoundTrip)
{
    for (const char* root : {"cubic", "linear", "spline"})
    {
        auto keys = KeyDataset::Generate(KeyDistribution::ZIPF, 40000, 8);
        auto a = MakeRmi(root);
        a->Train(keys);
        a->SetVersion(17);
        const std::string path = TempPath(std::string("rt-") + root + ".model");
        std::string error;
        ASSERT_TRUE(a->Save(path, &error)) << error;
        // The file: its header, the parameters a node evaluates with (GetModelSizeBytes), the
        // leaf count and each leaf's key and error counts (two 8-byte numbers), the digest.
        const std::string type = a->GetInstanceTypeId().GetName();
        const uint64_t header = 8 + 4 + 4 + type.size() + 4 + 8 + 8;
        const uint64_t payload = a->GetModelSizeBytes() + 4 + 16 * a->GetLeafCount();
        std::ifstream in(path, std::ios::binary | std::ios::ate);
        EXPECT_EQ(static_cast<uint64_t>(in.tellg()), header + payload + 32) << root;
        auto b = MakeRmi("linear", 3); // differently configured: the file decides
        ASSERT_TRUE(b->TryLoad(path, &error)) << error;
        EXPECT_EQ(b->GetVersion(), 17U);
        EXPECT_EQ(b->GetTrainingSize(), keys.size());
        EXPECT_EQ(b->GetLeafCount(), a->GetLeafCount());
        EXPECT_EQ(b->GetRootModelInUse(), a->GetRootModelInUse());
        for (uint32_t j = 0; j < a->GetLeafCount(); ++j)
        {
            ASSERT_EQ(a->GetLeaf(j), b->GetLeaf(j));
        }
        for (auto k : ProbeKeys(*a, keys, 6))
        {
            ASSERT_EQ(a->Hash(k), b->Hash(k)) << "key " << k;
        }
        std::remove(path.c_str());
    }
}

TEST(LearnedHashModelTest, ClonesAndImagesAreIndependentAndExact)
{
    auto keys = KeyDataset::Generate(KeyDistribution::LOGNORMAL, 20000, 4);
    for (const char* name : {"rmi", "sha1", "linear"})
    {
        Ptr<LearnedHashModel> a = LearnedHashModel::CreateByName(name);
        a->Train(keys);
        a->SetVersion(5);
        // The image is what Save() writes to a file.
        const std::string path = TempPath(std::string("img-") + name + ".model");
        ASSERT_TRUE(a->Save(path));
        EXPECT_EQ(ReadFile(path), a->ToBytes()) << name;
        std::remove(path.c_str());
        // A clone hashes alike, has the same version and type, and is a separate object.
        Ptr<LearnedHashModel> c = a->Clone();
        ASSERT_NE(PeekPointer(c), PeekPointer(a));
        EXPECT_EQ(c->GetInstanceTypeId(), a->GetInstanceTypeId());
        EXPECT_EQ(c->GetVersion(), 5U);
        for (size_t i = 0; i < keys.size(); i += 97)
        {
            ASSERT_EQ(c->Hash(keys[i]), a->Hash(keys[i])) << name << " key " << keys[i];
        }
        c->SetVersion(6);
        EXPECT_EQ(a->GetVersion(), 5U);
        // CreateFromBytes makes the type the image names.
        const auto image = a->ToBytes();
        std::string error;
        Ptr<LearnedHashModel> d =
            LearnedHashModel::CreateFromBytes(image.data(), image.size(), "test image", &error);
        ASSERT_TRUE(d) << error;
        EXPECT_EQ(d->GetName(), a->GetName());
        EXPECT_EQ(d->ToBytes(), image);
    }
    // A leaf changed in a clone leaves the original alone.
    Ptr<LearnedHashModel> rmi = LearnedHashModel::CreateByName("rmi");
    rmi->Train(keys);
    Ptr<LearnedHashModel> copy = rmi->Clone();
    LeafParams p = copy->GetLeaf(3);
    p.intercept += 1000;
    copy->SetLeaf(3, p);
    EXPECT_FALSE(copy->GetLeaf(3) == rmi->GetLeaf(3));
}

TEST(LearnedHashModelTest, BadImagesAreRefusedWithTheirName)
{
    auto keys = KeyDataset::Generate(KeyDistribution::UNIFORM, 5000, 1);
    Ptr<LearnedHashModel> a = LearnedHashModel::CreateByName("rmi");
    a->Train(keys);
    auto image = a->ToBytes();
    std::string error;
    // Truncated, corrupt, or naming a type that is no hash model.
    EXPECT_FALSE(LearnedHashModel::CreateFromBytes(image.data(), 10, "MODEL from peer", &error));
    EXPECT_NE(error.find("MODEL from peer"), std::string::npos) << error;
    auto corrupt = image;
    corrupt[corrupt.size() / 2] ^= 0x40;
    EXPECT_FALSE(
        LearnedHashModel::CreateFromBytes(corrupt.data(), corrupt.size(), "MODEL x", &error));
    EXPECT_NE(error.find("checksum"), std::string::npos) << error;
    std::vector<uint8_t> wrongType;
    ByteWriter w(wrongType);
    w.PutU64(LearnedHashModel::FILE_MAGIC);
    w.PutU32(LearnedHashModel::FILE_FORMAT_VERSION);
    w.PutString("ns3::Node");
    EXPECT_FALSE(
        LearnedHashModel::CreateFromBytes(wrongType.data(), wrongType.size(), "MODEL y", &error));
    EXPECT_NE(error.find("not a hash model type"), std::string::npos) << error;
    // A model of another type refuses the image and stays as it was.
    Ptr<LearnedHashModel> sha = LearnedHashModel::CreateByName("sha1");
    sha->Train(keys);
    const auto before = sha->ToBytes();
    EXPECT_FALSE(sha->FromBytes(image.data(), image.size(), "MODEL z", &error));
    EXPECT_EQ(sha->ToBytes(), before);
}

class ModelFileTest : public testing::Test
{
  protected:
    void SetUp() override
    {
        keys = KeyDataset::Generate(KeyDistribution::UNIFORM, 5000, 1);
        auto saved = MakeRmi("cubic");
        saved->Train(keys);
        path = TempPath("good.model");
        ASSERT_TRUE(saved->Save(path));
        good = ReadFile(path);
        // The model under test is trained on other keys: a failed load must not touch it.
        auto other = KeyDataset::Generate(KeyDistribution::LOGNORMAL, 3000, 2);
        model = MakeRmi("cubic");
        model->Train(other);
        for (uint64_t k = 0; k < 64; ++k)
        {
            before.push_back(model->Hash(k * (U64_MAX / 64)));
        }
    }

    void TearDown() override
    {
        std::remove(path.c_str());
        std::remove(bad.c_str());
    }

    /// Try to load `bytes`; expect a failure whose message names the file and says `why`.
    void ExpectRejected(const std::vector<uint8_t>& bytes, const std::string& why)
    {
        bad = TempPath("bad.model");
        WriteFile(bad, bytes);
        std::string error;
        EXPECT_FALSE(model->TryLoad(bad, &error));
        EXPECT_NE(error.find(bad), std::string::npos) << error;
        EXPECT_NE(error.find(why), std::string::npos) << error;
        for (uint64_t k = 0; k < 64; ++k)
        {
            ASSERT_EQ(model->Hash(k * (U64_MAX / 64)), before[k]) << "model changed";
        }
        EXPECT_EQ(model->GetVersion(), 1U);
    }

    std::vector<uint64_t> keys;
    std::string path;
    std::string bad;
    std::vector<uint8_t> good;
    Ptr<RmiHashModel> model;
    std::vector<uint64_t> before;
};

TEST_F(ModelFileTest, GoodFileLoads)
{
    std::string error;
    EXPECT_TRUE(model->TryLoad(path, &error)) << error;
    EXPECT_EQ(model->GetTrainingSize(), keys.size());
}

TEST_F(ModelFileTest, MissingFileIsRejected)
{
    std::string error;
    const std::string missing = TempPath("does-not-exist.model");
    EXPECT_FALSE(model->TryLoad(missing, &error));
    EXPECT_NE(error.find(missing), std::string::npos);
    EXPECT_NE(error.find("cannot open"), std::string::npos);
}

TEST_F(ModelFileTest, TruncatedFilesAreRejected)
{
    for (size_t len : {size_t(0), size_t(5), size_t(20), good.size() / 2, good.size() - 1})
    {
        SCOPED_TRACE(len);
        ExpectRejected(std::vector<uint8_t>(good.begin(), good.begin() + len), "truncated");
    }
}

TEST_F(ModelFileTest, FlippedByteFailsTheChecksum)
{
    for (size_t pos : {good.size() / 3, good.size() / 2, good.size() - 40, good.size() - 1})
    {
        SCOPED_TRACE(pos);
        auto bytes = good;
        bytes[pos] ^= 0x20;
        ExpectRejected(bytes, "checksum");
    }
}

TEST_F(ModelFileTest, TrailingBytesAreRejected)
{
    auto bytes = good;
    bytes.push_back(0);
    ExpectRejected(bytes, "trailing");
}

TEST_F(ModelFileTest, BadMagicIsRejected)
{
    auto bytes = good;
    bytes[0] = 'X';
    ExpectRejected(bytes, "not a LEAD hash model file");
}

TEST_F(ModelFileTest, OtherModelTypeIsRejected)
{
    auto linear = CreateObject<LinearHashModel>();
    linear->Train(keys);
    bad = TempPath("linear.model");
    ASSERT_TRUE(linear->Save(bad));
    ExpectRejected(ReadFile(bad), "holds a ns3::lead::LinearHashModel");
}

TEST_F(ModelFileTest, CalibrationOutsideTheRankRangeIsRejected)
{
    // lead-model-fuzzer (rmi), first run: a checksummed image whose ring calibration spans
    // [-1e308, 1e308] loaded, and Hash() then converted NaN to an integer (undefined).
    const std::string type = "ns3::lead::RmiHashModel";
    const size_t calLoAt = 8 + 4 + 4 + type.size() + 4 + 8 + 8 + 4;
    auto bytes = good;
    ASSERT_GT(bytes.size(), calLoAt + 16);
    std::vector<uint8_t> cal;
    ByteWriter w(cal);
    w.PutDouble(-1e308);
    w.PutDouble(1e308);
    std::copy(cal.begin(), cal.end(), bytes.begin() + calLoAt);
    SHA256(bytes.data(),
           bytes.size() - SHA256_DIGEST_LENGTH,
           bytes.data() + bytes.size() - SHA256_DIGEST_LENGTH);
    ExpectRejected(bytes, "ring calibration");
}

TEST_F(ModelFileTest, LoadAbortsWithTheFileName)
{
    const std::string missing = TempPath("missing.model");
    EXPECT_DEATH(model->Load(missing), "missing.model");
}

TEST(LearnedHashModelDeathTest, UnsortedTrainingKeysAbort)
{
    auto rmi = MakeRmi("cubic");
    EXPECT_DEATH(rmi->Train({3, 1, 2}), "must be sorted");
    EXPECT_DEATH(rmi->Train({}), "empty key set");
}

TEST(LearnedHashModelDeathTest, UnknownRootModelAbortsNamingTheAttribute)
{
    EXPECT_DEATH(MakeRmi("quadratic"), "RootModel");
}

TEST(LinearHashModelTest, MinMaxScaling)
{
    auto m = CreateObject<LinearHashModel>();
    m->Train({1000, 2000, 3000});
    EXPECT_EQ(m->Hash(1000), 0U);
    EXPECT_EQ(m->Hash(0), 0U);
    EXPECT_EQ(m->Hash(3000), U64_MAX);
    EXPECT_EQ(m->Hash(U64_MAX), U64_MAX);
    EXPECT_EQ(m->Hash(2000), 1ULL << 63);
    EXPECT_TRUE(m->IsOrderPreserving());
    auto keys = KeyDataset::Generate(KeyDistribution::LOGNORMAL, 10000, 4);
    m->Train(keys);
    EXPECT_EQ(CountInversions(*m, keys), 0U);
}

TEST(ConsistentHashModelTest, MatchesSha1OfTheBigEndianKey)
{
    auto m = CreateObject<ConsistentHashModel>();
    // Reference values from Python: hashlib.sha1(struct.pack('>Q', key)).hexdigest()[:16].
    EXPECT_EQ(m->Hash(42), 0xacc8ab6be9a9c010ULL);
    EXPECT_EQ(m->Hash(0), 0x05fe405753166f12ULL);
    EXPECT_FALSE(m->IsOrderPreserving());
    EXPECT_EQ(m->GetModelSizeBytes(), 0U);
    // Scatters neighbouring keys: about half of adjacent pairs are inverted.
    auto keys = KeyDataset::Generate(KeyDistribution::SEQUENTIAL, 10000, 1);
    double inv = static_cast<double>(CountInversions(*m, keys));
    EXPECT_NEAR(inv / keys.size(), 0.5, 0.03);
}

TEST(Sha1Test, KnownDigest)
{
    const uint8_t abc[] = {'a', 'b', 'c'};
    EXPECT_EQ(Sha1::Prefix64(abc, 3), 0xa9993e364706816aULL);
}

TEST(PeerHashTest, Sha1OfAddressAndVnodeIndex)
{
    // hashlib.sha1(bytes([10,0,0,1]) + struct.pack('>I', v)).hexdigest()[:16]
    EXPECT_EQ(PeerHash::FromIpv4((10U << 24) | 1, 0), 0x395a40c0f46c386cULL);
    EXPECT_EQ(PeerHash::FromIpv4((10U << 24) | 1, 3), 0x2c468ac8f8d19b0aULL);
    const uint8_t addr[] = {10, 0, 0, 1};
    EXPECT_EQ(PeerHash::Compute(addr, 4, 3), 0x2c468ac8f8d19b0aULL);
}

TEST(HashEvaluatorTest, LoadFollowsTheSuccessorRule)
{
    // Linear model on keys 0..99: key k hashes to k/99 * 2^64.
    std::vector<uint64_t> keys(100);
    for (uint64_t i = 0; i < 100; ++i)
    {
        keys[i] = i;
    }
    auto m = CreateObject<LinearHashModel>();
    m->Train(keys);
    // Peer 0 owns (3/4, 1/4] of the ring through the wrap, peer 1 (1/4, 1/2], peer 2 (1/2, 3/4].
    std::vector<uint64_t> ids = {1ULL << 62, 1ULL << 63, 3ULL << 62};
    auto lb = HashEvaluator::MeasureLoad(*m, keys, ids, 1);
    // Hash <= 2^62 for k <= 24 (k/99 <= 1/4); (1/4,1/2] holds 25..49; (1/2,3/4] holds 50..74;
    // 75..99 wrap to peer 0: peer 0 = 25 + 25 = 50 keys.
    EXPECT_EQ(lb.peers, 3U);
    EXPECT_EQ(lb.maxKeys, 50U);
    EXPECT_DOUBLE_EQ(lb.meanKeys, 100.0 / 3);
    EXPECT_DOUBLE_EQ(lb.maxOverMean, 1.5);
}

TEST(HashEvaluatorTest, QualityOfAPerfectAndAScatteringModel)
{
    std::vector<uint64_t> keys(1000);
    for (uint64_t i = 0; i < 1000; ++i)
    {
        keys[i] = i * 10;
    }
    auto linear = CreateObject<LinearHashModel>();
    linear->Train(keys);
    auto q = HashEvaluator::Evaluate(*linear, keys);
    EXPECT_EQ(q.inversions, 0U);
    EXPECT_LT(q.maxError, 1e-6);
    auto sha = CreateObject<ConsistentHashModel>();
    sha->Train(keys);
    auto qs = HashEvaluator::Evaluate(*sha, keys);
    EXPECT_GT(qs.inversions, 400U);
    EXPECT_GT(qs.maxErrorPct, 50.0);
}
