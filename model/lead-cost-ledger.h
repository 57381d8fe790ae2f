/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_COST_LEDGER_H
#define LEAD_COST_LEDGER_H

#include "ns3/simple-ref-count.h"

#include <cstddef>
#include <cstdint>
#include <unordered_map>

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief Counts, per operation, the messages and bytes that were actually sent for it, by any
 * node (measurement only; the protocol never reads it).
 *
 * LeadHelper creates one ledger for the nodes it installs and feeds it from their Tx traces;
 * an application opens an operation when it is issued and closes it when its result is
 * published, and the result carries the totals. Messages of an operation sent after it was
 * closed (a retransmission that was already on its way, an answer that came too late) are
 * counted as late, not lost.
 */
class LeadCostLedger : public SimpleRefCount<LeadCostLedger>
{
  public:
    /// Totals of one operation.
    struct Cost
    {
        uint32_t messages{0}; //!< messages sent over the network
        uint64_t bytes{0};    //!< their bytes (LEAD header, body and payload)
    };

    /**
     * @brief Start counting an operation.
     * @param op the operation id
     */
    void Open(uint64_t op);

    /**
     * @brief A message was sent (the Tx trace).
     * @param op the operation it belongs to (0: maintenance, not counted per operation)
     * @param bytes its size
     */
    void Record(uint64_t op, uint32_t bytes);

    /**
     * @brief Stop counting an operation.
     * @param op the operation id
     * @return its totals (zero if it was never opened)
     */
    Cost Close(uint64_t op);

    /**
     * @brief The totals so far of an open operation.
     * @param op the operation id
     * @return its totals (zero if not open)
     */
    Cost Peek(uint64_t op) const;

    /**
     * @brief Messages of closed (or never opened) operations.
     * @return count
     */
    uint64_t GetLateMessages() const;

    /**
     * @brief Operations open.
     * @return count
     */
    size_t GetOpen() const;

  private:
    std::unordered_map<uint64_t, Cost> m_open; //!< open operations
    uint64_t m_late{0};                        //!< messages of closed operations
};

} // namespace lead
} // namespace ns3

#endif // LEAD_COST_LEDGER_H
