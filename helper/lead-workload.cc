/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-workload.h"

#include "ns3/abort.h"
#include "ns3/double.h"
#include "ns3/pointer.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cmath>

namespace ns3
{
namespace lead
{

NS_OBJECT_ENSURE_REGISTERED(LeadWorkload);

TypeId
LeadWorkload::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::lead::LeadWorkload")
            .SetParent<Object>()
            .SetGroupName("Lead")
            .AddConstructor<LeadWorkload>()
            .AddAttribute("ArrivalRate",
                          "Operations per second over all clients (Poisson arrivals).",
                          DoubleValue(10),
                          MakeDoubleAccessor(&LeadWorkload::m_rate),
                          MakeDoubleChecker<double>())
            .AddAttribute("Operations",
                          "Number of operations to generate.",
                          UintegerValue(100),
                          MakeUintegerAccessor(&LeadWorkload::m_operations),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("GetShare",
                          "Relative share of gets of loaded keys.",
                          DoubleValue(0.3),
                          MakeDoubleAccessor(&LeadWorkload::m_getShare),
                          MakeDoubleChecker<double>())
            .AddAttribute("PutShare",
                          "Relative share of puts of new keys.",
                          DoubleValue(0.2),
                          MakeDoubleAccessor(&LeadWorkload::m_putShare),
                          MakeDoubleChecker<double>())
            .AddAttribute("RangeShare",
                          "Relative share of range queries.",
                          DoubleValue(0.5),
                          MakeDoubleAccessor(&LeadWorkload::m_rangeShare),
                          MakeDoubleChecker<double>())
            .AddAttribute("RangeLength",
                          "Keys per range query (rounded, at least 1, at most the loaded "
                          "keys), e.g. ns3::ExponentialRandomVariable[Mean=100].",
                          StringValue("ns3::ConstantRandomVariable[Constant=100]"),
                          MakePointerAccessor(&LeadWorkload::m_rangeLength),
                          MakePointerChecker<RandomVariableStream>());
    return tid;
}

LeadWorkload::LeadWorkload()
    : m_gap(CreateObject<ExponentialRandomVariable>()),
      m_uniform(CreateObject<UniformRandomVariable>())
{
}

LeadWorkload::~LeadWorkload() = default;

int64_t
LeadWorkload::AssignStreams(int64_t stream)
{
    m_gap->SetStream(stream);
    m_uniform->SetStream(stream + 1);
    m_rangeLength->SetStream(stream + 2);
    return 3;
}

std::vector<WorkloadOp>
LeadWorkload::Generate(const std::vector<uint64_t>& loaded,
                       const std::vector<uint64_t>& fresh,
                       uint32_t clients,
                       Time start)
{
    NS_ABORT_MSG_IF(!(m_rate > 0) || !std::isfinite(m_rate),
                    "ns3::lead::LeadWorkload::ArrivalRate must be positive, not " << m_rate);
    NS_ABORT_MSG_IF(m_getShare < 0 || m_putShare < 0 || m_rangeShare < 0 ||
                        !(m_getShare + m_putShare + m_rangeShare > 0),
                    "ns3::lead::LeadWorkload: GetShare, PutShare and RangeShare must be "
                    "non-negative and not all zero");
    NS_ABORT_MSG_IF(loaded.empty(), "LeadWorkload::Generate: no loaded keys");
    NS_ABORT_MSG_IF(clients == 0, "LeadWorkload::Generate: no clients");
    NS_ABORT_MSG_UNLESS(std::is_sorted(loaded.begin(), loaded.end()),
                        "LeadWorkload::Generate: loaded keys must be sorted");
    const double total = m_getShare + m_putShare + m_rangeShare;
    m_gap->SetAttribute("Mean", DoubleValue(1.0 / m_rate));
    std::vector<WorkloadOp> ops;
    ops.reserve(m_operations);
    Time t = start;
    size_t nextFresh = 0;
    for (uint32_t i = 0; i < m_operations; ++i)
    {
        t += Seconds(m_gap->GetValue());
        WorkloadOp op;
        op.time = t;
        op.client = m_uniform->GetInteger(0, clients - 1);
        const double u = m_uniform->GetValue(0, total);
        if (u < m_putShare && nextFresh < fresh.size())
        {
            op.kind = WorkloadOp::PUT;
            op.key = fresh[nextFresh++];
        }
        else if (u < m_putShare + m_rangeShare || (u < m_putShare && m_rangeShare > 0))
        {
            op.kind = WorkloadOp::RANGE;
            const double drawn = std::round(m_rangeLength->GetValue());
            const auto len = static_cast<uint32_t>(
                std::clamp<double>(drawn, 1.0, static_cast<double>(loaded.size())));
            const uint32_t first =
                m_uniform->GetInteger(0, static_cast<uint32_t>(loaded.size() - len));
            op.key = loaded[first];
            op.endKey = loaded[first + len - 1];
            op.length = len;
        }
        else
        {
            op.kind = WorkloadOp::GET;
            op.key = loaded[m_uniform->GetInteger(0, static_cast<uint32_t>(loaded.size() - 1))];
        }
        ops.push_back(op);
    }
    return ops;
}

} // namespace lead
} // namespace ns3
