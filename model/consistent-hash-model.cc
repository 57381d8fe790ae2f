/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "consistent-hash-model.h"

#include "lead-sha1.h"

#include "ns3/log.h"
#include "ns3/uinteger.h"

namespace ns3
{
namespace lead
{

NS_LOG_COMPONENT_DEFINE("ConsistentHashModel");

NS_OBJECT_ENSURE_REGISTERED(ConsistentHashModel);

TypeId
ConsistentHashModel::GetTypeId()
{
    static TypeId tid = TypeId("ns3::lead::ConsistentHashModel")
                            .SetParent<LearnedHashModel>()
                            .SetGroupName("Lead")
                            .AddConstructor<ConsistentHashModel>()
                            .AddAttribute("GroupBits",
                                          "Hash only key >> GroupBits and keep the low GroupBits "
                                          "bits in order below that position, so each group of "
                                          "2^GroupBits keys (a document's KV blocks) lands on one "
                                          "arc (0: hash every key, plain consistent hashing)",
                                          UintegerValue(0),
                                          MakeUintegerAccessor(&ConsistentHashModel::m_groupBits),
                                          MakeUintegerChecker<uint32_t>(0, 40));
    return tid;
}

ConsistentHashModel::ConsistentHashModel()
{
    NS_LOG_FUNCTION(this);
    // Hashing needs no training; N stays 0 until Train() records it.
    m_trained = true;
}

ConsistentHashModel::~ConsistentHashModel()
{
    NS_LOG_FUNCTION(this);
}

uint64_t
ConsistentHashModel::Hash(uint64_t key) const
{
    const uint64_t group = m_groupBits == 0 ? key : key >> m_groupBits;
    uint8_t bytes[8];
    for (int i = 0; i < 8; ++i)
    {
        bytes[i] = static_cast<uint8_t>(group >> (56 - 8 * i));
    }
    const uint64_t position = Sha1::Prefix64(bytes, sizeof(bytes));
    if (m_groupBits == 0)
    {
        return position;
    }
    const uint64_t low = (uint64_t{1} << m_groupBits) - 1;
    return (position & ~low) | (key & low);
}

bool
ConsistentHashModel::KeepsOrder(uint64_t lo, uint64_t hi) const
{
    return m_groupBits > 0 && lo <= hi && (lo >> m_groupBits) == (hi >> m_groupBits);
}

bool
ConsistentHashModel::IsOrderPreserving() const
{
    return false;
}

std::string
ConsistentHashModel::GetName() const
{
    return m_groupBits == 0 ? "sha1" : "sha1-group" + std::to_string(m_groupBits);
}

uint64_t
ConsistentHashModel::GetModelSizeBytes() const
{
    return 0;
}

void
ConsistentHashModel::DoTrain(const std::vector<uint64_t>& /* sortedKeys */)
{
}

void
ConsistentHashModel::SerializePayload(std::vector<uint8_t>& out) const
{
    // Plain hashing has no parameters (an empty payload, as before GroupBits existed).
    if (m_groupBits != 0)
    {
        out.push_back(static_cast<uint8_t>(m_groupBits));
    }
}

bool
ConsistentHashModel::DeserializePayload(const uint8_t* data,
                                        size_t size,
                                        uint64_t /* trainingSize */,
                                        std::string& error)
{
    if (size > 1 || (size == 1 && (data[0] == 0 || data[0] > 40)))
    {
        error = "consistent hashing takes at most one byte (group bits 1..40), found " +
                std::to_string(size) + " bytes";
        return false;
    }
    m_groupBits = size == 1 ? data[0] : 0;
    return true;
}

} // namespace lead
} // namespace ns3
