/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_LATENCY_MATRIX_CHANNEL_H
#define LEAD_LATENCY_MATRIX_CHANNEL_H

#include "lead-latency-matrix.h"

#include "ns3/ipv4-address.h"
#include "ns3/simple-channel.h"
#include "ns3/traced-callback.h"

#include <map>
#include <memory>
#include <vector>

namespace ns3
{

class SimpleNetDevice;

namespace lead
{

/**
 * @ingroup lead
 * @brief A shared channel whose delay from host i to host j is an entry of a latency matrix:
 * RTT/2 by default, or the entry itself (OneWayIsEntry, the authors' p2psim convention).
 *
 * Exact for every pair (unlike a star of links, which is exact only for tree metrics).
 * Devices are matrix rows in the order they are added. No queueing and no loss. The
 * BlackList of SimpleChannel is not supported. Devices in point-to-point mode (no ARP, as
 * LeadLatencyMatrixTopology sets them up) send IPv4 packets to the broadcast address; the
 * channel delivers those to the device that holds the IPv4 destination. The Transmit and Deliver
 * trace sources see every frame (LeadLatencyMatrixTopology::EnablePcap writes them to pcap files).
 */
class LatencyMatrixChannel : public SimpleChannel
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    LatencyMatrixChannel();

    /**
     * @brief The matrix (its size must cover every device added).
     * @param matrix the matrix
     */
    void SetMatrix(std::shared_ptr<const LatencyMatrix> matrix);

    /**
     * @brief One-way delay between two attached devices' rows.
     * @param from sender row
     * @param to receiver row
     * @return the delay
     */
    Time GetDelay(uint32_t from, uint32_t to) const;

    void Send(Ptr<Packet> p,
              uint16_t protocol,
              Mac48Address to,
              Mac48Address from,
              Ptr<SimpleNetDevice> sender) override;
    void Add(Ptr<SimpleNetDevice> device) override;
    std::size_t GetNDevices() const override;
    Ptr<NetDevice> GetDevice(std::size_t i) const override;

    /// Signature of the Transmit and Deliver traces: the frame, its protocol (EtherType),
    /// destination and source addresses, and the row of the sending or receiving device.
    typedef void (*FrameTracedCallback)(Ptr<const Packet> packet,
                                        uint16_t protocol,
                                        Mac48Address to,
                                        Mac48Address from,
                                        uint32_t row);

  private:
    int32_t RowOfIpv4(Ipv4Address address);
    void ScheduleDelivery(uint32_t src,
                          uint32_t dst,
                          Ptr<Packet> p,
                          uint16_t protocol,
                          Mac48Address to,
                          Mac48Address from);
    void Deliver(uint32_t dst,
                 Ptr<Packet> p,
                 uint16_t protocol,
                 Mac48Address to,
                 Mac48Address from);

    std::map<Ptr<SimpleNetDevice>, uint32_t> m_rowOf; //!< device -> row
    std::map<Mac48Address, uint32_t> m_rowOfAddress;  //!< device address -> row
    std::map<Ipv4Address, uint32_t> m_rowOfIpv4;      //!< IPv4 address -> row (learned)
    TracedCallback<Ptr<const Packet>, uint16_t, Mac48Address, Mac48Address, uint32_t>
        m_transmitTrace; //!< frame sent
    TracedCallback<Ptr<const Packet>, uint16_t, Mac48Address, Mac48Address, uint32_t>
        m_deliverTrace; //!< frame delivered

    std::shared_ptr<const LatencyMatrix> m_matrix; //!< pairwise RTTs
    std::vector<Ptr<SimpleNetDevice>> m_devs;      //!< devices, in row order
    bool m_oneWayIsEntry{false};                   //!< p2psim convention
};

} // namespace lead
} // namespace ns3

#endif // LEAD_LATENCY_MATRIX_CHANNEL_H
