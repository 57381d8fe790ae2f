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
                            .AddConstructor<ConsistentHashModel>();
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
    uint8_t bytes[8];
    for (int i = 0; i < 8; ++i)
    {
        bytes[i] = static_cast<uint8_t>(key >> (56 - 8 * i));
    }
    return Sha1::Prefix64(bytes, sizeof(bytes));
}

bool
ConsistentHashModel::IsOrderPreserving() const
{
    return false;
}

std::string
ConsistentHashModel::GetName() const
{
    return "sha1";
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
ConsistentHashModel::SerializePayload(std::vector<uint8_t>& /* out */) const
{
}

bool
ConsistentHashModel::DeserializePayload(const uint8_t* /* data */,
                                        size_t size,
                                        uint64_t /* trainingSize */,
                                        std::string& error)
{
    if (size != 0)
    {
        error = "consistent hashing has no parameters, found " + std::to_string(size) + " bytes";
        return false;
    }
    return true;
}

} // namespace lead
} // namespace ns3
