/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_LATENCY_MATRIX_TOPOLOGY_H
#define LEAD_LATENCY_MATRIX_TOPOLOGY_H

#include "ns3/lead-latency-matrix-channel.h"
#include "ns3/lead-latency-matrix.h"
#include "ns3/lead-topology.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/pcap-file-wrapper.h"

#include <memory>
#include <string>
#include <vector>

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief Hosts whose pairwise one-way delay is a latency-matrix entry (RTT/2, or the entry
 * with OneWayIsEntry): host i is matrix row i, all on one LatencyMatrixChannel, IPv4
 * 10.0.0.0/16, no queue disc, no routing needed.
 */
class LeadLatencyMatrixTopology : public LeadTopology
{
  public:
    /**
     * @brief Build the hosts.
     * @param matrix pairwise RTTs (at least `hosts` rows)
     * @param hosts number of hosts (rows 0 .. hosts-1 are used)
     * @param oneWayIsEntry use the entry, not half of it, as the one-way delay
     */
    LeadLatencyMatrixTopology(std::shared_ptr<const LatencyMatrix> matrix,
                              uint32_t hosts,
                              bool oneWayIsEntry = false);

    /**
     * @brief The matrix of an experiment: read from a file (aborting with the loader's message,
     * which names the file, or when the file has fewer than `hosts` rows), or, for an empty
     * path, generated with the PlanetLab median for `hosts` hosts (seed 2024).
     * @param path RTT matrix file, or empty
     * @param hosts hosts the experiment needs
     * @return the matrix
     */
    static std::shared_ptr<const LatencyMatrix> LoadOrGenerate(const std::string& path,
                                                               uint32_t hosts);

    /**
     * @brief The hosts, in matrix row order.
     * @return the nodes
     */
    NodeContainer GetHosts() const override;

    // Inherited
    std::string Describe() const override;
    Time GetMaxRtt() const override;
    Time GetRtt(uint32_t a, uint32_t b) const override;

    /**
     * @brief The channel.
     * @return the channel
     */
    Ptr<LatencyMatrixChannel> GetChannel() const;

    /**
     * @brief Fix the random streams of the hosts' IP stacks.
     * @param stream first stream index
     * @return streams used
     */
    int64_t AssignStreams(int64_t stream) override;

    /**
     * @brief Write every frame each host sends or receives to a pcap file per host, named as
     * ns-3's helpers name them (`<prefix>-<node>-<device>.pcap`). The frames get an Ethernet
     * header (the devices' MAC addresses and the EtherType), so Wireshark decodes ARP, IPv4
     * and UDP as on a LAN.
     * @param prefix file name prefix
     */
    void EnablePcap(const std::string& prefix) override;

  private:
    void WriteFrame(Ptr<const Packet> p,
                    uint16_t protocol,
                    Mac48Address to,
                    Mac48Address from,
                    uint32_t row);

    NodeContainer m_hosts;                    //!< hosts
    NetDeviceContainer m_devices;             //!< the hosts' devices, in row order
    bool m_oneWayIsEntry{false};              //!< p2psim convention
    Time m_maxRtt;                            //!< largest round trip between two hosts
    Ptr<LatencyMatrixChannel> m_channel;      //!< the channel
    std::vector<Ptr<PcapFileWrapper>> m_pcap; //!< per row, when enabled
};

} // namespace lead
} // namespace ns3

#endif // LEAD_LATENCY_MATRIX_TOPOLOGY_H
