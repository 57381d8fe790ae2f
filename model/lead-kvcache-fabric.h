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
#include "ns3/ipv4-address.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/socket.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

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
 *
 * With Mode "tcp" (and SetupTcp) the payload instead crosses the simulated network in one ns-3
 * TCP connection per transfer (a 16-byte preamble: transfer id and length), packet by packet;
 * done is called when the receiver has every byte. Small configurations use it to check the
 * flow model (lead-kv-cache suite: the two agree within 10 %).
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

    /**
     * @brief Move payloads over ns-3 TCP (Mode "tcp") between these nodes.
     * @param nodes the hosts, by index
     * @param addresses their IPv4 addresses
     */
    void SetupTcp(const std::vector<Ptr<Node>>& nodes, const std::vector<Ipv4Address>& addresses);

    /// @return true in TCP mode
    bool IsTcp() const;

    /// @return payload bytes moved by finished transfers
    uint64_t GetBytesMoved() const;

    /// @return the link rate
    DataRate GetLinkRate() const;

  protected:
    void DoDispose() override;

  private:
    /// A TCP transfer being received.
    struct TcpRx
    {
        uint8_t preamble[16]{};  //!< id and length
        uint32_t preambleGot{0}; //!< preamble bytes received
        uint64_t id{0};          //!< transfer id
        uint64_t length{0};      //!< payload bytes expected
        uint64_t got{0};         //!< payload bytes received
    };

    /// A TCP transfer being sent.
    struct TcpTx
    {
        uint64_t id{0};     //!< transfer id
        uint64_t length{0}; //!< payload bytes
        uint64_t queued{0}; //!< bytes handed to the socket (preamble included)
    };

    void TcpBegin(uint32_t src, uint32_t dst, uint64_t bytes, Callback<void> done);
    void TcpSend(Ptr<Socket> socket, uint32_t available);
    void TcpAccept(Ptr<Socket> socket, const Address& from);
    void TcpRead(Ptr<Socket> socket);
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
    std::string m_mode{"flow"};                                        //!< flow or tcp
    uint16_t m_tcpPort{5300};                                          //!< TCP mode: listening port
    uint32_t m_tcpBuffer{256 << 10};      //!< TCP mode: socket buffers, bytes
    std::vector<Ptr<Node>> m_nodes;       //!< TCP mode: hosts
    std::vector<Ipv4Address> m_addresses; //!< TCP mode: their addresses
    std::vector<Ptr<Socket>> m_listeners; //!< TCP mode: one per host
    std::map<Ptr<Socket>, TcpTx> m_tx;    //!< TCP mode: sending sockets
    std::map<Ptr<Socket>, TcpRx> m_rx;    //!< TCP mode: receiving sockets
    uint64_t m_nextTcpId{1};              //!< TCP mode: next transfer id
};

} // namespace lead
} // namespace ns3

#endif // LEAD_KVCACHE_FABRIC_H
