/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-dataset-helper.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/random-variable-stream.h"

namespace ns3
{
namespace lead
{

NS_LOG_COMPONENT_DEFINE("LeadDatasetHelper");

LeadDatasetHelper::LeadDatasetHelper()
    : m_rng(CreateObject<UniformRandomVariable>())
{
}

void
LeadDatasetHelper::SetDistribution(const std::string& name)
{
    if (!KeyDataset::ParseDistribution(name, m_distribution))
    {
        std::string valid;
        for (auto d : KeyDataset::GetAll())
        {
            valid += (valid.empty() ? "" : ", ") + KeyDataset::GetName(d);
        }
        NS_FATAL_ERROR("unknown key distribution '" << name << "' (use " << valid << ")");
    }
}

void
LeadDatasetHelper::SetKeyFile(const std::string& path)
{
    m_keyFile = path;
}

void
LeadDatasetHelper::SetKeyCount(uint64_t n)
{
    NS_ABORT_MSG_IF(n == 0, "LeadDatasetHelper: the key count must be positive");
    m_keyCount = n;
}

std::string
LeadDatasetHelper::GetDatasetName() const
{
    if (m_keyFile.empty())
    {
        return KeyDataset::GetName(m_distribution);
    }
    auto slash = m_keyFile.find_last_of('/');
    return slash == std::string::npos ? m_keyFile : m_keyFile.substr(slash + 1);
}

std::vector<uint64_t>
LeadDatasetHelper::GetKeys() const
{
    std::vector<uint64_t> keys;
    if (!m_keyFile.empty())
    {
        std::string error;
        if (!KeyDataset::Load(m_keyFile, keys, &error))
        {
            NS_FATAL_ERROR(error);
        }
        NS_LOG_INFO("loaded " << keys.size() << " keys from " << m_keyFile);
        return keys;
    }
    const uint64_t hi = m_rng->GetInteger(0, 0xffffffffU);
    const uint64_t lo = m_rng->GetInteger(0, 0xffffffffU);
    keys = KeyDataset::Generate(m_distribution, m_keyCount, (hi << 32) | lo);
    NS_LOG_INFO("generated " << keys.size() << " " << GetDatasetName() << " keys");
    return keys;
}

int64_t
LeadDatasetHelper::AssignStreams(int64_t stream)
{
    m_rng->SetStream(stream);
    return 1;
}

} // namespace lead
} // namespace ns3
