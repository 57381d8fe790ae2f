/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_TRANSPORT_H
#define LEAD_TRANSPORT_H

#include "lead-frame-codec.h"
#include "lead-header.h"

#include "ns3/address.h"
#include "ns3/ipv4-address.h"
#include "ns3/object.h"
#include "ns3/packet.h"
#include "ns3/traced-callback.h"

#include <functional>
#include <map>
#include <string>

namespace ns3
{

class Node;
class Socket;

namespace lead
{

/**
 * @ingroup lead
 * @brief How LEAD messages travel between nodes: UDP datagrams, or length-framed messages
 * (LeadFrameCodec) on one reused TCP connection per pair of nodes, on the same port
 * everywhere; messages to the node itself are delivered by a zero-delay event and never reach
 * the network. The Tx, Rx and Drop trace sources fire here.
 *
 * TCP: a connection is opened on first use and reused in both directions; partial reads are
 * reassembled; unsent bytes wait until the socket has room; a frame length over the limit
 * (64 MiB) is malformed and closes the connection; a vanished peer's connection is forgotten
 * (the requests sent on it time out).
 *
 * Incoming messages are checked before they go up: too short, unknown version, type, purpose
 * or flags are counted, reported through Drop and discarded. Every message leaves with the
 * operation it belongs to (a LeadOpTag, simulation-only) and arrives with it.
 */
class LeadTransport : public Object
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    LeadTransport();
    ~LeadTransport() override;

    /// Which transport.
    enum Protocol
    {
        UDP, //!< one datagram per message
        TCP, //!< length-framed messages on one connection per peer
    };

    /// Receives a checked message: header (removed), body, sender, operation.
    using ReceiveCallback =
        std::function<void(const LeadHeader& h, Ptr<Packet> body, uint32_t from, uint64_t op)>;

    /// Signature of the Tx and Rx traces: type, purpose, bytes (UDP payload: LEAD header,
    /// body and value bytes), operation (0: maintenance).
    typedef void (*MessageTracedCallback)(LeadMessageType type,
                                          LeadPurpose purpose,
                                          uint32_t bytes,
                                          uint64_t op);
    /// Signature of the TxPacket trace: the whole message and the peer address (host order).
    typedef void (*PacketTracedCallback)(Ptr<const Packet> packet, uint32_t peer);
    /// Signature of the Drop trace: the packet and why it was dropped.
    typedef void (*DropTracedCallback)(Ptr<const Packet> packet, const std::string& reason);

    /**
     * @brief Open the sockets (aborts naming the port if it cannot be bound).
     * @param node the node (its IPv4 interface 1 gives the address)
     * @param protocol UDP or TCP
     * @param port the overlay port
     * @param receive where checked messages go
     */
    void Start(Ptr<Node> node, Protocol protocol, uint16_t port, ReceiveCallback receive);

    /**
     * @brief Close every socket and connection (idempotent).
     */
    void Stop();

    /**
     * @brief Send a message.
     * @param packet the message (LEAD header included)
     * @param h its header
     * @param address destination IPv4 address, host order
     * @param op the operation it belongs to
     */
    void Send(Ptr<Packet> packet, const LeadHeader& h, uint32_t address, uint64_t op);

    /**
     * @brief Count, trace and discard a malformed message.
     * @param packet what is left of it
     * @param reason why
     */
    void DropPacket(Ptr<const Packet> packet, const std::string& reason);

    /**
     * @brief Messages dropped so far.
     * @return count
     */
    uint64_t GetDropCount() const;

    /**
     * @brief The node's own address.
     * @return IPv4 address of interface 1
     */
    Ipv4Address GetAddress() const;

    /**
     * @brief Whether the sockets are open.
     * @return true between Start and Stop
     */
    bool IsRunning() const;

  protected:
    void DoDispose() override;

  private:
    /// State of one TCP connection.
    struct TcpConnection
    {
        uint32_t peer{0};      //!< IPv4 address of the other end
        bool connected{false}; //!< handshake done
        Ptr<Packet> out;       //!< framed bytes not yet accepted by the socket
        Ptr<Packet> in;        //!< received bytes not yet forming a whole frame
        LeadFrameCodec codec;  //!< frame boundaries of the received stream
    };

    void Receive(Ptr<Packet> packet, uint32_t from, bool network);
    void HandleRead(Ptr<Socket> socket);
    void SendTcp(Ptr<Packet> packet, uint32_t address);
    TcpConnection& WatchConnection(Ptr<Socket> s, uint32_t address);
    void HandleAccept(Ptr<Socket> s, const Address& from);
    void HandleConnected(Ptr<Socket> s);
    void HandleConnectionClosed(Ptr<Socket> s);
    void HandleTcpSendSpace(Ptr<Socket> s, uint32_t available);
    void FlushTcp(Ptr<Socket> s);
    void HandleTcpRead(Ptr<Socket> s);
    void CloseConnection(Ptr<Socket> s);

    Ptr<Node> m_node;                                      //!< the node
    Protocol m_protocol{UDP};                              //!< transport
    uint16_t m_port{0};                                    //!< overlay port
    Ipv4Address m_address;                                 //!< own address
    Ptr<Socket> m_socket;                                  //!< UDP socket, or the TCP listener
    ReceiveCallback m_receive;                             //!< upper layer
    std::map<Ptr<Socket>, TcpConnection> m_tcpConnections; //!< open TCP connections
    std::map<uint32_t, Ptr<Socket>> m_tcpSender;           //!< connection used to send to a peer
    uint64_t m_drops{0};                                   //!< dropped messages

    TracedCallback<LeadMessageType, LeadPurpose, uint32_t, uint64_t> m_txTrace; //!< sent
    TracedCallback<LeadMessageType, LeadPurpose, uint32_t, uint64_t> m_rxTrace; //!< received
    TracedCallback<Ptr<const Packet>, const std::string&> m_dropTrace;          //!< dropped
    TracedCallback<Ptr<const Packet>, uint32_t> m_txPacketTrace; //!< sent, whole message
};

} // namespace lead
} // namespace ns3

#endif // LEAD_TRANSPORT_H
