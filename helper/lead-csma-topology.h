/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_CSMA_TOPOLOGY_H
#define LEAD_CSMA_TOPOLOGY_H

#include "ns3/csma-helper.h"
#include "ns3/lead-topology.h"

#include <string>

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief All hosts on one CSMA LAN (shared medium, ARP, one IPv4 subnet 10.4.0.0/16, no
 * routing needed, no FqCoDel).
 *
 * @verbatim
   h0    h1    h2    h3
   |     |     |     |
   ========================  CSMA: rate, delay
   @endverbatim
 */
class LeadCsmaTopology : public LeadTopology
{
  public:
    /**
     * @brief Build the LAN.
     * @param hosts number of hosts (>= 2)
     * @param rate LAN rate
     * @param delay LAN propagation delay
     */
    LeadCsmaTopology(uint32_t hosts, const std::string& rate, const std::string& delay);

    // Inherited
    NodeContainer GetHosts() const override;
    void EnablePcap(const std::string& prefix) override;
    std::string Describe() const override;

    /**
     * @brief Fix the random streams of the IP stacks, the error models and the CSMA devices'
     * backoff (which otherwise depends on how many random variables were created before).
     * @param stream first stream index
     * @return streams used
     */
    int64_t AssignStreams(int64_t stream) override;

  private:
    CsmaHelper m_csma;         //!< the LAN
    NodeContainer m_hosts;     //!< hosts
    std::string m_description; //!< for Describe
};

} // namespace lead
} // namespace ns3

#endif // LEAD_CSMA_TOPOLOGY_H
