/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-cost-ledger.h"

namespace ns3
{
namespace lead
{

void
LeadCostLedger::Open(uint64_t op)
{
    m_open.emplace(op, Cost());
}

void
LeadCostLedger::Record(uint64_t op, uint32_t bytes)
{
    if (op == 0)
    {
        return;
    }
    auto it = m_open.find(op);
    if (it == m_open.end())
    {
        ++m_late;
        return;
    }
    ++it->second.messages;
    it->second.bytes += bytes;
}

LeadCostLedger::Cost
LeadCostLedger::Close(uint64_t op)
{
    auto it = m_open.find(op);
    if (it == m_open.end())
    {
        return Cost();
    }
    const Cost c = it->second;
    m_open.erase(it);
    return c;
}

LeadCostLedger::Cost
LeadCostLedger::Peek(uint64_t op) const
{
    auto it = m_open.find(op);
    return it == m_open.end() ? Cost() : it->second;
}

uint64_t
LeadCostLedger::GetLateMessages() const
{
    return m_late;
}

size_t
LeadCostLedger::GetOpen() const
{
    return m_open.size();
}

} // namespace lead
} // namespace ns3
