/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "linear-hash-model.h"

#include "lead-byte-codec.h"

#include "ns3/abort.h"
#include "ns3/log.h"

#include <algorithm>
#include <limits>

namespace ns3
{
namespace lead
{

NS_LOG_COMPONENT_DEFINE("LinearHashModel");

NS_OBJECT_ENSURE_REGISTERED(LinearHashModel);

namespace
{
/// 2^64 as a double.
constexpr double TWO_POW_64{18446744073709551616.0};
} // namespace

TypeId
LinearHashModel::GetTypeId()
{
    static TypeId tid = TypeId("ns3::lead::LinearHashModel")
                            .SetParent<LearnedHashModel>()
                            .SetGroupName("Lead")
                            .AddConstructor<LinearHashModel>();
    return tid;
}

LinearHashModel::LinearHashModel()
{
    NS_LOG_FUNCTION(this);
}

LinearHashModel::~LinearHashModel()
{
    NS_LOG_FUNCTION(this);
}

double
LinearHashModel::Fraction(uint64_t key) const
{
    NS_ABORT_MSG_IF(!m_trained, "LinearHashModel used before Train() or Load()");
    if (key <= m_minKey)
    {
        return 0.0;
    }
    if (key >= m_maxKey)
    {
        return 1.0;
    }
    return static_cast<double>(key - m_minKey) / static_cast<double>(m_maxKey - m_minKey);
}

uint64_t
LinearHashModel::Hash(uint64_t key) const
{
    double h = Fraction(key) * TWO_POW_64;
    return h >= TWO_POW_64 ? std::numeric_limits<uint64_t>::max() : static_cast<uint64_t>(h);
}

double
LinearHashModel::PredictRank(uint64_t key) const
{
    return Fraction(key) * static_cast<double>(m_trainingSize - 1);
}

bool
LinearHashModel::IsOrderPreserving() const
{
    return true;
}

std::string
LinearHashModel::GetName() const
{
    return "linear";
}

uint64_t
LinearHashModel::GetModelSizeBytes() const
{
    return 16;
}

void
LinearHashModel::DoTrain(const std::vector<uint64_t>& sortedKeys)
{
    m_minKey = sortedKeys.front();
    m_maxKey = sortedKeys.back();
}

void
LinearHashModel::SerializePayload(std::vector<uint8_t>& out) const
{
    ByteWriter w(out);
    w.PutU64(m_minKey);
    w.PutU64(m_maxKey);
}

bool
LinearHashModel::DeserializePayload(const uint8_t* data,
                                    size_t size,
                                    uint64_t /* trainingSize */,
                                    std::string& error)
{
    ByteReader r(data, size);
    uint64_t lo = 0;
    uint64_t hi = 0;
    if (size != 16 || !r.GetU64(lo) || !r.GetU64(hi))
    {
        error = "expected 16 bytes of parameters, found " + std::to_string(size);
        return false;
    }
    if (lo > hi)
    {
        error = "key range is empty (min > max)";
        return false;
    }
    m_minKey = lo;
    m_maxKey = hi;
    return true;
}

} // namespace lead
} // namespace ns3
