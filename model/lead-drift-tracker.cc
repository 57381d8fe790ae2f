/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-drift-tracker.h"

#include "ns3/abort.h"

#include <algorithm>

namespace ns3
{
namespace lead
{

LeadDriftTracker::LeadDriftTracker(double threshold)
    : m_threshold(threshold)
{
    NS_ABORT_MSG_IF(!(threshold > 0.0),
                    "LeadDriftTracker: the threshold must be positive, not " << threshold);
}

void
LeadDriftTracker::Reset(uint64_t keysHeld)
{
    m_base = keysHeld;
    m_inserted = 0;
    m_hasBaseline = true;
}

void
LeadDriftTracker::Inserted()
{
    ++m_inserted;
}

uint64_t
LeadDriftTracker::GetInserted() const
{
    return m_inserted;
}

double
LeadDriftTracker::GetDrift() const
{
    return static_cast<double>(m_inserted) / static_cast<double>(std::max<uint64_t>(m_base, 1));
}

bool
LeadDriftTracker::IsReady() const
{
    return m_hasBaseline && m_inserted > 0 && GetDrift() >= m_threshold;
}

} // namespace lead
} // namespace ns3
