/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_TEST_UTILS_H
#define LEAD_TEST_UTILS_H

// Shared by the tests: routing tables built from the ground truth (every vnode knows its exact
// successors, predecessor and fingers), the reference against which routing is measured.

#include "ns3/lead-ring-id.h"
#include "ns3/lead-routing-table.h"

#include <algorithm>
#include <map>
#include <vector>

namespace tests
{

/**
 * @ingroup lead-tests
 * Routing tables of a static ring, filled from the sorted list of all vnode ids.
 */
class PerfectTables
{
  public:
    /**
     * @param refs every vnode of the ring
     * @param r successor-list length
     * @param base finger base
     */
    PerfectTables(std::vector<ns3::lead::VnodeRef> refs, uint32_t r, uint32_t base)
        : m_refs(std::move(refs))
    {
        using namespace ns3;
        using namespace ns3::lead;
        std::sort(m_refs.begin(), m_refs.end(), [](const VnodeRef& a, const VnodeRef& b) {
            return a.id < b.id;
        });
        const size_t n = m_refs.size();
        for (size_t k = 0; k < n; ++k)
        {
            LeadRoutingTable t(m_refs[k], r, base);
            std::vector<VnodeRef> succs;
            for (size_t i = 2; i <= r && i < n; ++i)
            {
                succs.push_back(m_refs[(k + i) % n]);
            }
            if (n > 1)
            {
                t.MergeSuccessorList(m_refs[(k + 1) % n], succs, Seconds(0));
                t.ConsiderPredecessor(m_refs[(k + n - 1) % n], Seconds(0));
            }
            else
            {
                t.CreateRing();
            }
            for (const auto& slot : t.GetFingerSlots())
            {
                const VnodeRef f = Owner(slot.start);
                if (RingId::Distance(slot.start, f.id) < slot.width)
                {
                    t.SetFinger(slot.start, f, Seconds(0));
                }
            }
            m_tables.emplace(m_refs[k].id, std::move(t));
        }
    }

    /// First vnode at or after a position.
    ns3::lead::VnodeRef Owner(uint64_t position) const
    {
        auto it =
            std::lower_bound(m_refs.begin(),
                             m_refs.end(),
                             position,
                             [](const ns3::lead::VnodeRef& a, uint64_t p) { return a.id < p; });
        return it == m_refs.end() ? m_refs.front() : *it;
    }

    /// Forwarding hops of a greedy lookup from `origin` (-1 if it loops).
    int Hops(uint64_t origin, uint64_t target) const
    {
        uint64_t cur = origin;
        for (int hops = 0; hops <= 64; ++hops)
        {
            auto hop = m_tables.at(cur).FindNextHop(target);
            if (hop.owner)
            {
                return hops;
            }
            cur = hop.node.id;
        }
        return -1;
    }

  private:
    std::vector<ns3::lead::VnodeRef> m_refs;                  //!< sorted by id
    std::map<uint64_t, ns3::lead::LeadRoutingTable> m_tables; //!< id -> table
};

} // namespace tests

#endif // LEAD_TEST_UTILS_H
