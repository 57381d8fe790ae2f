/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_TOPOLOGY_H
#define LEAD_TOPOLOGY_H

#include "ns3/error-model.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/nstime.h"

#include <string>
#include <vector>

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief Common interface of the module's substrates (star, dumbbell, CSMA LAN, latency
 * matrix, router-level topology read from a file): the hosts the overlay runs on, every node
 * (for FlowMonitor and NetAnim), pcap output, random streams, and impairments that can be
 * dropped into any of them.
 *
 * Every substrate installs IPv4 with static routes (no global routing, which slows down with
 * size), removes the default FqCoDel queue disc, and leaves traces off until asked.
 */
class LeadTopology
{
  public:
    virtual ~LeadTopology();

    /**
     * @brief The hosts (where the overlay runs), in a fixed order.
     * @return the hosts
     */
    virtual NodeContainer GetHosts() const = 0;

    /**
     * @brief Every node: hosts, then routers or hubs.
     * @return the nodes
     */
    virtual NodeContainer GetAllNodes() const;

    /**
     * @brief Write pcap files of the hosts' devices (`<prefix>-<node>-<device>.pcap`).
     * @param prefix file name prefix
     */
    virtual void EnablePcap(const std::string& prefix) = 0;

    /**
     * @brief One line that describes the substrate (for example output).
     * @return the description
     */
    virtual std::string Describe() const = 0;

    /**
     * @brief The largest round trip between two hosts, if the substrate knows it (to size
     * the overlay's timeouts).
     * @return the round trip, or 0 where unknown
     */
    virtual Time GetMaxRtt() const;

    /**
     * @brief The propagation round trip between two hosts, if the substrate knows it (the
     * floor of any exchange between them).
     * @param a a host index
     * @param b another
     * @return the round trip, or a negative time where unknown
     */
    virtual Time GetRtt(uint32_t a, uint32_t b) const;

    /**
     * @brief Fix the random streams of every node's IP stack and of the error models.
     * @param stream first stream index
     * @return streams used
     */
    virtual int64_t AssignStreams(int64_t stream);

    /**
     * @brief Drop each packet that arrives at a host with this probability (a RateErrorModel
     * per packet on every host device), to make links lossy. Aborts for a rate outside [0, 1).
     * @param rate loss probability
     */
    void SetHostLossRate(double rate);

  protected:
    /// The hosts' devices that face the network (set by the subclasses).
    NetDeviceContainer m_hostDevices;

  private:
    std::vector<Ptr<RateErrorModel>> m_errorModels; //!< impairments installed
};

} // namespace lead
} // namespace ns3

#endif // LEAD_TOPOLOGY_H
