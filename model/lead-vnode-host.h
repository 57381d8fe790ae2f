/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_VNODE_HOST_H
#define LEAD_VNODE_HOST_H

#include "lead-environment.h"
#include "lead-lookup-client.h"
#include "lead-rpc.h"
#include "lead-vnode-config.h"
#include "lead-vnode-context.h"
#include "lead-vnode.h"

#include <array>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief The protocol side of one physical node: its vnodes, its RPC engine and its lookup
 * client, and the dispatch of incoming messages to them and to the services registered for
 * the other message types.
 *
 * It is the LeadVnodeContext of everything it hosts (requests go out through its LeadRpc,
 * addressed and stamped with the model version) and the LeadVnodeObserver of its vnodes
 * (their life-cycle events go on to the listeners: the key service, the application). It
 * knows no socket and no simulator: messages leave through a send callback (the transport,
 * or the GoogleTest suites' fake network) and arrive through Receive().
 *
 * Operations: every message is sent for the operation being served (0: maintenance);
 * Receive() serves the operation the message arrived with, so a lookup's hops, a scan's
 * parts and every reply belong to the operation that caused them.
 */
class LeadVnodeHost : public LeadVnodeContext, public LeadVnodeObserver
{
  public:
    /// Sends a complete message to an address for an operation.
    using SendCallback = LeadRpc::SendCallback;
    /// Reports a malformed message that is discarded.
    using DropCallback = std::function<void(Ptr<const Packet>, const std::string&)>;
    /// Handles a message of a service type (keys, range queries) addressed to a vnode.
    using Handler =
        std::function<void(LeadVnode& at, const LeadHeader& h, Ptr<Packet> body, uint32_t from)>;

    /// Listeners of the vnodes' life cycle (any may be empty).
    struct Listener
    {
        std::function<void(LeadVnode&)> joined;   //!< a vnode joined the ring
        std::function<void(LeadVnode&)> departed; //!< a vnode left the ring
        std::function<void(LeadVnode&, std::optional<VnodeRef>)> predecessorChanged; //!< arc
        std::function<void(LeadVnode&, std::optional<VnodeRef>)> leaving; //!< graceful leave
    };

    /**
     * @brief Create the host of one node.
     * @param env time, timers, random draws
     * @param config ring settings (copied; address and bootstrap included)
     * @param rpcConfig RPC engine settings
     * @param send how messages leave
     * @param drop where malformed messages are reported
     */
    LeadVnodeHost(LeadEnvironment& env,
                  const LeadVnodeConfig& config,
                  const LeadRpc::Config& rpcConfig,
                  SendCallback send,
                  DropCallback drop);
    ~LeadVnodeHost() override;

    LeadVnodeHost(const LeadVnodeHost&) = delete;
    LeadVnodeHost& operator=(const LeadVnodeHost&) = delete;

    /**
     * @brief Create the vnodes (ids: PeerHASH of the address and the index); they do not join.
     * @param count how many
     */
    void CreateVnodes(uint32_t count);

    /**
     * @brief Add a vnode with a chosen id (the Shadow Balancer's shadow vnode) and, if the
     * host runs, start its join.
     * @param id its ring id
     * @return its index
     */
    uint16_t AddVnode(uint64_t id);

    /**
     * @brief Retire a vnode for good: it leaves gracefully (its keys go to its heir) and stops
     * answering after `linger`; it is never started again on this host.
     * @param index the vnode
     * @param linger time it still answers after leaving
     */
    void RetireVnode(uint16_t index, Time linger);

    /**
     * @brief Whether a vnode was retired.
     * @param index the vnode
     * @return true if retired
     */
    bool IsRetired(uint16_t index) const;

    /**
     * @brief The vnode the node's own requests (lookups, key operations, range queries, model
     * fetches) go out from: the first joined vnode not retired, else vnode 0. The dynamic
     * balancer may retire any vnode, vnode 0 included.
     * @return the vnode
     */
    LeadVnode& GetClientVnode();

    /**
     * @brief Whether the node's own requests can enter the ring: its client vnode is joined,
     * or the node has a gateway (LeadVnodeConfig::gateway, a two-tier member).
     * @return true if a lookup can start
     */
    bool CanRoute();

    /**
     * @brief Requests a vnode served: key operations (PUT, GET, DELETE) and range scans that
     * arrived for it, retransmissions excluded (the dynamic balancer's request load).
     * @param index the vnode
     * @return the count since the node started
     */
    uint64_t GetServed(uint16_t index) const;

    /**
     * @brief Let every vnode join (the creator's vnode 0 creates the ring).
     */
    void Start();

    /**
     * @brief Stop every vnode, lookup and request without reporting them.
     */
    void Stop();

    /**
     * @brief From now on no vnode joins (the node leaves or stops).
     * @param closing true to close
     */
    void SetClosing(bool closing);

    /**
     * @brief A message arrived: replies go to the RPC engine, requests to the addressed vnode
     * (after the duplicate check), by type to the vnode, the lookup client or a service.
     * @param h its header (valid)
     * @param body its body
     * @param from sender address
     * @param op the operation it belongs to
     */
    void Receive(const LeadHeader& h, Ptr<Packet> body, uint32_t from, uint64_t op);

    /**
     * @brief Register the service of a message type (PUT, GET, DELETE, TRANSFER, RANGE_SCAN,
     * RANGE_PART).
     * @param type the type
     * @param handler the service
     */
    void SetHandler(LeadMessageType type, Handler handler);

    /**
     * @brief Listen to the vnodes' life cycle (listeners run in the order they were added).
     * @param listener the callbacks
     */
    void AddListener(Listener listener);

    /**
     * @brief Version written into every header.
     * @param version the hash model's version
     */
    void SetModelVersion(uint32_t version);

    /**
     * @brief Version written into every header.
     * @return the hash model's version
     */
    uint32_t GetModelVersion() const;

    /// Told of every message that carries a newer model version than the host's.
    using VersionObserver = std::function<void(uint32_t version, const VnodeRef& sender)>;

    /**
     * @brief Set the observer of newer model versions (LeadModelService).
     * @param observer the observer (empty: none)
     */
    void SetVersionObserver(VersionObserver observer);

    /**
     * @brief A new operation id, unique in the simulation (the address in the upper half).
     * @return the id
     */
    uint64_t NewOpId();

    /**
     * @brief Number of vnodes.
     * @return count
     */
    uint32_t GetVnodeCount() const;

    /**
     * @brief A hosted vnode.
     * @param index its index
     * @return the vnode
     */
    LeadVnode& GetVnode(uint32_t index);

    /**
     * @brief A hosted vnode (read-only).
     * @param index its index
     * @return the vnode
     */
    const LeadVnode& GetVnode(uint32_t index) const;

    /**
     * @brief The vnode a message is addressed to: by id and index, or (id 0) any joined one.
     * @param id ring id, or 0
     * @param index vnode index
     * @return the vnode, or nullptr
     */
    LeadVnode* FindVnode(uint64_t id, uint16_t index);

    /**
     * @brief The lookup client.
     * @return the client
     */
    LeadLookupClient& GetLookups();

    /**
     * @brief The RPC engine.
     * @return the engine
     */
    LeadRpc& GetRpc();

    /**
     * @brief The settings.
     * @return the configuration
     */
    const LeadVnodeConfig& GetConfig() const;

    // LeadVnodeContext
    LeadEnvironment& Env() override;
    void Call(const VnodeRef& from,
              const VnodeRef& to,
              LeadMessageType type,
              LeadPurpose purpose,
              Ptr<Packet> body,
              ReplyCallback onReply,
              FailureCallback onFailure,
              Time extra = Time(0),
              uint32_t attempts = 0) override;
    void Reply(const VnodeRef& at,
               const LeadHeader& request,
               uint32_t from,
               LeadMessageType type,
               Ptr<Packet> body) override;
    void SendOneWay(const VnodeRef& from,
                    const VnodeRef& to,
                    LeadMessageType type,
                    LeadPurpose purpose,
                    Ptr<Packet> body) override;
    void Drop(Ptr<const Packet> packet, const std::string& reason) override;
    uint64_t GetCurrentOp() const override;
    void SetCurrentOp(uint64_t op) override;
    Time GetRtt(uint32_t address) const override;
    std::vector<const LeadVnode*> GetSiblings() const override;

    // LeadVnodeObserver
    void VnodeJoined(LeadVnode& v) override;
    void VnodeDeparted(LeadVnode& v) override;
    void PredecessorChanged(LeadVnode& v, std::optional<VnodeRef> oldPredecessor) override;
    void VnodeLeaving(LeadVnode& v, std::optional<VnodeRef> heir) override;
    std::optional<VnodeRef> GetJoinedSibling() const override;
    bool IsClosing() const override;

  private:
    /**
     * @brief The common header of a message.
     * @param from sender
     * @param to addressee
     * @param type message type
     * @param purpose traffic class
     * @return the header
     */
    LeadHeader MakeHeader(const VnodeRef& from,
                          const VnodeRef& to,
                          LeadMessageType type,
                          LeadPurpose purpose) const;

    /// Number of message type values (types are 1..24).
    static constexpr size_t TYPE_SLOTS{34};

    LeadEnvironment& m_env;                           //!< time, timers, draws
    LeadVnodeConfig m_config;                         //!< settings
    LeadRpc m_rpc;                                    //!< RPC engine
    DropCallback m_drop;                              //!< malformed messages
    LeadLookupClient m_lookups;                       //!< lookups from this node
    std::vector<std::unique_ptr<LeadVnode>> m_vnodes; //!< hosted vnodes
    std::array<Handler, TYPE_SLOTS> m_handlers;       //!< services by message type
    std::vector<Listener> m_listeners;                //!< life-cycle listeners
    uint32_t m_modelVersion{0};                       //!< written into every header
    VersionObserver m_versionObserver;                //!< told of newer model versions
    uint32_t m_nextOp{1};                             //!< next operation number
    bool m_closing{false};
    std::vector<bool> m_retired;    //!< per vnode: retired by the balancer
    std::vector<uint64_t> m_served; //!< per vnode: requests served
    bool m_started{false}; //!< between Start and Stop                            //!< no more joins
};

} // namespace lead
} // namespace ns3

#endif // LEAD_VNODE_HOST_H
