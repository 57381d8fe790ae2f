/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_FLOW_MODEL_H
#define LEAD_FLOW_MODEL_H

#include <cstddef>
#include <cstdint>
#include <map>
#include <vector>

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief Flow-level model of bulk transfers between hosts of a switched network.
 *
 * Every host has an uplink and a downlink of given capacities (bytes per second) into a
 * non-blocking switch; a transfer from host a to host b crosses a's uplink and b's downlink.
 * Concurrent transfers share those bottlenecks max-min fairly (progressive filling), and the
 * rates are recomputed whenever a transfer starts or ends. Large KV-cache payloads (2 MiB per
 * 16-token block of Llama-3 8B) go through this model instead of packet-level TCP in large
 * configurations.
 *
 * Simulator-free: times are seconds supplied by the caller and must not decrease.
 */
class LeadFlowModel
{
  public:
    /**
     * @brief A network of hosts with equal links.
     * @param hosts number of hosts
     * @param bytesPerSecond capacity of every uplink and downlink (> 0)
     */
    LeadFlowModel(uint32_t hosts, double bytesPerSecond);

    /**
     * @brief Start a transfer.
     * @param src sending host
     * @param dst receiving host (may equal src: then it takes no time)
     * @param bytes payload size
     * @param now current time
     * @return the transfer's id (> 0)
     */
    uint64_t Start(uint32_t src, uint32_t dst, uint64_t bytes, double now);

    /**
     * @brief Move every transfer forward to `now` at its current rate.
     * @param now current time (>= the last call's)
     * @return ids of the transfers that finished by `now`, in id order
     */
    std::vector<uint64_t> Advance(double now);

    /// @return the time the next transfer finishes at current rates (infinity if none)
    double NextFinish() const;

    /// @return transfers in progress
    size_t GetActiveCount() const;

    /**
     * @brief Current rate of a transfer.
     * @param id the transfer
     * @return bytes per second (0 if unknown or finished)
     */
    double GetRate(uint64_t id) const;

    /// @return bytes delivered by finished and running transfers
    double GetDeliveredBytes() const;

  private:
    /// One transfer in progress.
    struct Flow
    {
        uint32_t src{0};     //!< sending host
        uint32_t dst{0};     //!< receiving host
        double remaining{0}; //!< bytes still to send
        double rate{0};      //!< current share, bytes per second
    };

    void Reallocate();

    uint32_t m_hosts;                 //!< hosts
    double m_capacity;                //!< bytes per second per link
    std::map<uint64_t, Flow> m_flows; //!< transfers in progress
    uint64_t m_nextId{1};             //!< next transfer id
    double m_now{0};                  //!< time of the last Advance
    double m_delivered{0};            //!< bytes delivered
};

} // namespace lead
} // namespace ns3

#endif // LEAD_FLOW_MODEL_H
