/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-simulator-environment.h"

#include "ns3/random-variable-stream.h"
#include "ns3/simulator.h"

#include <algorithm>
#include <vector>

namespace ns3
{
namespace lead
{

LeadSimulatorEnvironment::LeadSimulatorEnvironment()
    : m_rng(CreateObject<UniformRandomVariable>())
{
}

LeadSimulatorEnvironment::~LeadSimulatorEnvironment()
{
    CancelAll();
}

Time
LeadSimulatorEnvironment::Now() const
{
    return Simulator::Now();
}

LeadEnvironment::TimerId
LeadSimulatorEnvironment::Schedule(Time delay, std::function<void()> fn)
{
    const TimerId id = m_nextId++;
    Pending& p = m_pending[id];
    p.fn = std::move(fn);
    p.event = Simulator::Schedule(delay, &LeadSimulatorEnvironment::Fire, this, id);
    return id;
}

void
LeadSimulatorEnvironment::Fire(TimerId id)
{
    auto it = m_pending.find(id);
    if (it == m_pending.end())
    {
        return;
    }
    std::function<void()> fn = std::move(it->second.fn);
    m_pending.erase(it);
    fn();
}

void
LeadSimulatorEnvironment::Cancel(TimerId id)
{
    auto it = m_pending.find(id);
    if (it == m_pending.end())
    {
        return;
    }
    it->second.event.Cancel();
    m_pending.erase(it);
}

void
LeadSimulatorEnvironment::CancelAll()
{
    // In id order, so that nothing depends on the hash table's iteration order.
    std::vector<TimerId> ids;
    ids.reserve(m_pending.size());
    for (const auto& kv : m_pending)
    {
        ids.push_back(kv.first);
    }
    std::sort(ids.begin(), ids.end());
    for (TimerId id : ids)
    {
        Cancel(id);
    }
}

uint32_t
LeadSimulatorEnvironment::RandomInteger(uint32_t min, uint32_t max)
{
    return m_rng->GetInteger(min, max);
}

double
LeadSimulatorEnvironment::RandomValue()
{
    return m_rng->GetValue();
}

int64_t
LeadSimulatorEnvironment::AssignStreams(int64_t stream)
{
    m_rng->SetStream(stream);
    return 1;
}

} // namespace lead
} // namespace ns3
