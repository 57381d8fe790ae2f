/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_KVCACHE_FABRIC_H
#define LEAD_KVCACHE_FABRIC_H

#include "lead-flow-model.h"

#include "ns3/callback.h"
#include "ns3/data-rate.h"
#include "ns3/event-id.h"
#include "ns3/nstime.h"
#include "ns3/object.h"

#include <map>
#include <memory>

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief Moves KV-cache payloads between serving nodes at flow level.
 *
 * A transfer costs TransferRoundTrips round trips (connection set-up and the request, by
 * default one) and then its bytes at the max-min fair share of the sender's uplink and the
 * receiver's downlink (LeadFlowModel), recomputed whenever a transfer starts or ends.
 * IdealTime() is the upper bound's cost: the bytes at the full link rate, no sharing.
 */
class LeadKvCacheFabric : public Object
{
  public:
    static TypeId GetTypeId();
    LeadKvCacheFabric();
    ~LeadKvCacheFabric() override;

    /**
     * @brief Size the fabric (call once, before any transfer).
     * @param hosts serving nodes
     * @param rtt round trip between two of them
     */
    void Setup(uint32_t hosts, Time rtt);

    /**
     * @brief Start a transfer.
     * @param src sending host
     * @param dst receiving host
     * @param bytes payload
     * @param done called when the last byte arrives
     */
    void Transfer(uint32_t src, uint32_t dst, uint64_t bytes, Callback<void> done);

    /**
     * @brief The time an unshared transfer takes.
     * @param bytes payload
     * @return round trips plus bytes at the link rate
     */
    Time IdealTime(uint64_t bytes) const;

    /// @return payload bytes moved by finished transfers
    uint64_t GetBytesMoved() const;

    /// @return the link rate
    DataRate GetLinkRate() const;

  protected:
    void DoDispose() override;

  private:
    void Begin(uint32_t src, uint32_t dst, uint64_t bytes, Callback<void> done);
    void Progress();
    void Reschedule();

    DataRate m_rate;                                                   //!< per link
    uint32_t m_roundTrips{1};                                          //!< charged per transfer
    Time m_rtt;                                                        //!< between two hosts
    std::unique_ptr<LeadFlowModel> m_model;                            //!< the flows
    std::map<uint64_t, std::pair<uint64_t, Callback<void>>> m_waiting; //!< id -> bytes, done
    EventId m_next;                                                    //!< next finish
    uint64_t m_moved{0};                                               //!< bytes delivered
};

} // namespace lead
} // namespace ns3

#endif // LEAD_KVCACHE_FABRIC_H
