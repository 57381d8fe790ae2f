/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-topology.h"

#include "ns3/abort.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/pointer.h"

namespace ns3
{
namespace lead
{

LeadTopology::~LeadTopology() = default;

NodeContainer
LeadTopology::GetAllNodes() const
{
    return GetHosts();
}

Time
LeadTopology::GetMaxRtt() const
{
    return Time(0);
}

Time
LeadTopology::GetRtt(uint32_t, uint32_t) const
{
    return Seconds(-1);
}

int64_t
LeadTopology::AssignStreams(int64_t stream)
{
    InternetStackHelper stack;
    int64_t used = stack.AssignStreams(GetAllNodes(), stream);
    for (const auto& em : m_errorModels)
    {
        used += em->AssignStreams(stream + used);
    }
    return used;
}

void
LeadTopology::SetHostLossRate(double rate)
{
    NS_ABORT_MSG_IF(!(rate >= 0 && rate < 1),
                    "LeadTopology: loss rate " << rate << " is outside [0, 1)");
    for (uint32_t i = 0; i < m_hostDevices.GetN(); ++i)
    {
        Ptr<RateErrorModel> em = CreateObject<RateErrorModel>();
        em->SetUnit(RateErrorModel::ERROR_UNIT_PACKET);
        em->SetRate(rate);
        m_hostDevices.Get(i)->SetAttribute("ReceiveErrorModel", PointerValue(em));
        m_errorModels.push_back(em);
    }
}

} // namespace lead
} // namespace ns3
