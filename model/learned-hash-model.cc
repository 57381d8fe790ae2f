/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "learned-hash-model.h"

#include "consistent-hash-model.h"
#include "lead-byte-codec.h"
#include "linear-hash-model.h"
#include "rmi-hash-model.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/object-factory.h"

#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>
#include <openssl/sha.h>

namespace ns3
{
namespace lead
{

NS_LOG_COMPONENT_DEFINE("LearnedHashModel");

NS_OBJECT_ENSURE_REGISTERED(LearnedHashModel);

namespace
{
/// Bytes of the SHA-256 checksum that ends a model file.
constexpr size_t CHECKSUM_BYTES{SHA256_DIGEST_LENGTH};
/// Longest model type name accepted in a file.
constexpr uint32_t MAX_TYPE_NAME{256};

/**
 * @brief Set an optional error string.
 * @param error destination (may be nullptr)
 * @param text message
 * @return false, for tail calls
 */
bool
Fail(std::string* error, const std::string& text)
{
    if (error)
    {
        *error = text;
    }
    return false;
}
} // namespace

bool
LeafParams::operator==(const LeafParams& other) const
{
    return firstKey == other.firstKey && intercept == other.intercept && slope == other.slope &&
           firstRank == other.firstRank && lastRank == other.lastRank && keys == other.keys &&
           maxError == other.maxError;
}

TypeId
LearnedHashModel::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::lead::LearnedHashModel").SetParent<Object>().SetGroupName("Lead");
    return tid;
}

Ptr<LearnedHashModel>
LearnedHashModel::CreateByName(const std::string& name)
{
    if (name == "rmi")
    {
        return CreateObject<RmiHashModel>();
    }
    if (name == "sha1")
    {
        return CreateObject<ConsistentHashModel>();
    }
    if (name == "linear")
    {
        return CreateObject<LinearHashModel>();
    }
    NS_FATAL_ERROR("unknown hash model '" << name << "' (use rmi, sha1 or linear)");
    return nullptr;
}

LearnedHashModel::LearnedHashModel()
{
    NS_LOG_FUNCTION(this);
}

LearnedHashModel::~LearnedHashModel()
{
    NS_LOG_FUNCTION(this);
}

void
LearnedHashModel::Train(const std::vector<uint64_t>& sortedKeys)
{
    NS_LOG_FUNCTION(this << sortedKeys.size());
    NS_ABORT_MSG_IF(sortedKeys.empty(), GetName() << " model: cannot train on an empty key set");
    for (size_t i = 1; i < sortedKeys.size(); ++i)
    {
        NS_ABORT_MSG_IF(sortedKeys[i] < sortedKeys[i - 1],
                        GetName() << " model: training keys must be sorted; key " << i << " ("
                                  << sortedKeys[i] << ") is smaller than key " << i - 1 << " ("
                                  << sortedKeys[i - 1] << ")");
    }
    DoTrain(sortedKeys);
    m_trainingSize = sortedKeys.size();
    m_trained = true;
    ++m_version;
    NS_LOG_INFO(GetName() << " model trained on " << m_trainingSize << " keys, version "
                          << m_version << ", " << GetModelSizeBytes() << " bytes");
}

double
LearnedHashModel::PredictRank(uint64_t key) const
{
    // Ring position in units of the training set: hash / 2^64 * N.
    return std::ldexp(static_cast<double>(Hash(key)), -64) * static_cast<double>(m_trainingSize);
}

uint32_t
LearnedHashModel::GetLeafCount() const
{
    return 0;
}

LeafParams
LearnedHashModel::GetLeaf(uint32_t index) const
{
    NS_FATAL_ERROR(GetName() << " model has no leaves (asked for leaf " << index << ")");
    return LeafParams{};
}

void
LearnedHashModel::SetLeaf(uint32_t index, const LeafParams& /* params */)
{
    NS_FATAL_ERROR(GetName() << " model has no leaves (tried to set leaf " << index << ")");
}

void
LearnedHashModel::SetLeaves(const std::map<uint32_t, LeafParams>& leaves)
{
    for (const auto& [index, params] : leaves)
    {
        SetLeaf(index, params);
    }
}

uint32_t
LearnedHashModel::LeafOf(uint64_t /* key */) const
{
    return 0;
}

bool
LearnedHashModel::IsTrained() const
{
    return m_trained;
}

uint64_t
LearnedHashModel::GetTrainingSize() const
{
    return m_trainingSize;
}

uint32_t
LearnedHashModel::GetVersion() const
{
    return m_version;
}

void
LearnedHashModel::SetVersion(uint32_t version)
{
    m_version = version;
}

std::vector<uint8_t>
LearnedHashModel::ToBytes() const
{
    NS_ABORT_MSG_IF(!m_trained,
                    "LearnedHashModel::ToBytes: the " << GetName() << " model is untrained");
    std::vector<uint8_t> payload;
    SerializePayload(payload);
    std::vector<uint8_t> image;
    image.reserve(payload.size() + 128);
    ByteWriter w(image);
    w.PutU64(FILE_MAGIC);
    w.PutU32(FILE_FORMAT_VERSION);
    w.PutString(GetInstanceTypeId().GetName());
    w.PutU32(m_version);
    w.PutU64(m_trainingSize);
    w.PutU64(payload.size());
    image.insert(image.end(), payload.begin(), payload.end());
    uint8_t digest[CHECKSUM_BYTES];
    SHA256(image.data(), image.size(), digest);
    image.insert(image.end(), digest, digest + CHECKSUM_BYTES);
    return image;
}

bool
LearnedHashModel::Save(const std::string& path, std::string* error) const
{
    NS_LOG_FUNCTION(this << path);
    if (!m_trained)
    {
        return Fail(error, "cannot save untrained " + GetName() + " model to '" + path + "'");
    }
    const std::vector<uint8_t> file = ToBytes();
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out)
    {
        return Fail(error, "cannot open model file '" + path + "' for writing");
    }
    out.write(reinterpret_cast<const char*>(file.data()),
              static_cast<std::streamsize>(file.size()));
    out.close();
    if (!out)
    {
        return Fail(error, "error while writing model file '" + path + "'");
    }
    return true;
}

bool
LearnedHashModel::ReadFileHeader(ByteReader& r,
                                 size_t fileSize,
                                 const std::string& where,
                                 FileHeader& h,
                                 std::string* error) const
{
    uint64_t magic = 0;
    if (!r.GetU64(magic))
    {
        return Fail(error, where + " is truncated (" + std::to_string(fileSize) + " bytes)");
    }
    if (magic != FILE_MAGIC)
    {
        return Fail(error, where + " is not a LEAD hash model file (bad magic number)");
    }
    uint32_t format = 0;
    if (!r.GetU32(format))
    {
        return Fail(error, where + " is truncated in its header");
    }
    if (format != FILE_FORMAT_VERSION)
    {
        return Fail(error,
                    where + " has format version " + std::to_string(format) +
                        "; this build reads version " + std::to_string(FILE_FORMAT_VERSION));
    }
    if (!r.GetString(h.typeName, MAX_TYPE_NAME) || !r.GetU32(h.version) ||
        !r.GetU64(h.trainingSize) || !r.GetU64(h.payloadSize))
    {
        return Fail(error, where + " is truncated in its header");
    }
    if (r.GetRemaining() < CHECKSUM_BYTES || r.GetRemaining() - CHECKSUM_BYTES < h.payloadSize)
    {
        return Fail(error,
                    where + " is truncated: payload of " + std::to_string(h.payloadSize) +
                        " bytes announced, " +
                        std::to_string(r.GetRemaining() > CHECKSUM_BYTES
                                           ? r.GetRemaining() - CHECKSUM_BYTES
                                           : 0) +
                        " present");
    }
    if (r.GetRemaining() - CHECKSUM_BYTES != h.payloadSize)
    {
        return Fail(error, where + " has trailing bytes after its payload");
    }
    return true;
}

bool
LearnedHashModel::TryLoad(const std::string& path, std::string* error)
{
    NS_LOG_FUNCTION(this << path);
    std::ifstream in(path, std::ios::binary);
    if (!in)
    {
        return Fail(error, "cannot open model file '" + path + "'");
    }
    std::vector<uint8_t> file((std::istreambuf_iterator<char>(in)),
                              std::istreambuf_iterator<char>());
    return FromBytes(file.data(), file.size(), "model file '" + path + "'", error);
}

bool
LearnedHashModel::FromBytes(const uint8_t* data,
                            size_t size,
                            const std::string& where,
                            std::string* error)
{
    ByteReader r(data, size);
    FileHeader header;
    if (!ReadFileHeader(r, size, where, header, error))
    {
        return false;
    }
    const size_t checkedBytes = size - CHECKSUM_BYTES;
    uint8_t digest[CHECKSUM_BYTES];
    SHA256(data, checkedBytes, digest);
    if (std::memcmp(digest, data + checkedBytes, CHECKSUM_BYTES) != 0)
    {
        return Fail(error, where + " is corrupt (checksum mismatch)");
    }
    if (header.typeName != GetInstanceTypeId().GetName())
    {
        return Fail(error,
                    where + " holds a " + header.typeName + ", not a " +
                        GetInstanceTypeId().GetName());
    }
    if (header.trainingSize == 0)
    {
        return Fail(error, where + " describes a model trained on no keys");
    }
    std::string why;
    const uint8_t* payload = data + (checkedBytes - header.payloadSize);
    if (!DeserializePayload(payload, header.payloadSize, header.trainingSize, why))
    {
        return Fail(error, where + " is invalid: " + why);
    }
    m_trainingSize = header.trainingSize;
    m_version = header.version;
    m_trained = true;
    NS_LOG_INFO("loaded " << GetName() << " model version " << header.version << " from " << where);
    return true;
}

Ptr<LearnedHashModel>
LearnedHashModel::CreateFromBytes(const uint8_t* data,
                                  size_t size,
                                  const std::string& where,
                                  std::string* error)
{
    // The type name follows the magic number and the format version.
    ByteReader r(data, size);
    uint64_t magic = 0;
    uint32_t format = 0;
    std::string typeName;
    if (!r.GetU64(magic) || !r.GetU32(format) || !r.GetString(typeName, MAX_TYPE_NAME))
    {
        Fail(error, where + " is truncated in its header");
        return nullptr;
    }
    TypeId tid;
    if (!TypeId::LookupByNameFailSafe(typeName, &tid) ||
        !tid.IsChildOf(LearnedHashModel::GetTypeId()) || !tid.HasConstructor())
    {
        Fail(error, where + " names '" + typeName + "', not a hash model type");
        return nullptr;
    }
    ObjectFactory factory;
    factory.SetTypeId(tid);
    Ptr<LearnedHashModel> model = factory.Create<LearnedHashModel>();
    if (!model->FromBytes(data, size, where, error))
    {
        return nullptr;
    }
    return model;
}

Ptr<LearnedHashModel>
LearnedHashModel::Clone() const
{
    const std::vector<uint8_t> image = ToBytes();
    std::string error;
    Ptr<LearnedHashModel> copy =
        CreateFromBytes(image.data(), image.size(), "copy of a " + GetName() + " model", &error);
    NS_ABORT_MSG_IF(!copy, error);
    return copy;
}

void
LearnedHashModel::Load(const std::string& path)
{
    std::string error;
    if (!TryLoad(path, &error))
    {
        NS_FATAL_ERROR(error);
    }
}

} // namespace lead
} // namespace ns3
