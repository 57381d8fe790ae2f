/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_KEY_SERVICE_H
#define LEAD_KEY_SERVICE_H

#include "lead-drift-tracker.h"
#include "lead-environment.h"
#include "lead-header.h"
#include "lead-key-store.h"
#include "lead-vnode-ref.h"

#include "ns3/nstime.h"
#include "ns3/packet.h"
#include "ns3/ptr.h"

#include <functional>
#include <map>
#include <optional>
#include <vector>

namespace ns3
{
namespace lead
{

class LeadGroupLeader;
class LeadKvHeader;
class LeadTransferHeader;
class LeadVnode;
class LeadVnodeHost;

/**
 * @ingroup lead
 * @brief The server side of keys on one node: PUT, GET and DELETE at the owner, replicas on
 * the next successors, and the hand-off of keys when arcs change.
 *
 * - A PUT, GET or DELETE reaching a vnode that does not own the key's position is answered
 *   NOT_RESPONSIBLE (the client looks up again); a leaving node answers REFUSED.
 * - A new key is copied at once to ReplicationFactor successors on other physical nodes, and
 *   a deleted one removed there; every ReplicationInterval a vnode refreshes all its replicas.
 * - When a vnode's predecessor changes, the keys it no longer owns go to the new predecessor
 *   (push on join) and the replicas that now fall into its arc become its own (take-over
 *   after a crash). A vnode that leaves hands every key to its heir.
 * - On a two-tier group leader (LeadGroupLeader set and active) key operations are relayed to
 *   the member of the key's sub-arc; on a group member (AcceptAll) every key is accepted.
 *
 * Replica copies and hand-offs are maintenance: they are sent outside the operation that
 * triggered them. Simulator-free.
 */
class LeadKeyService
{
  public:
    /// Settings (LeadNodeApp attributes in brackets).
    struct Config
    {
        uint32_t replicationFactor{3};         //!< [ReplicationFactor]
        Time replicationInterval{Seconds(10)}; //!< [ReplicationInterval]
        bool acceptAll{false};                 //!< a two-tier group member ([Role] member)
        bool datagrams{true};       //!< UDP: a failed copy means every attempt failed ([Protocol])
        double driftThreshold{0.4}; //!< [DriftThreshold]
    };

    /**
     * @brief Create the service and register it with the host (message types PUT, GET,
     * DELETE, TRANSFER, and the vnodes' life cycle).
     * @param host the node's host
     * @param config settings
     */
    LeadKeyService(LeadVnodeHost& host, const Config& config);
    ~LeadKeyService();

    LeadKeyService(const LeadKeyService&) = delete;
    LeadKeyService& operator=(const LeadKeyService&) = delete;

    /**
     * @brief Relay key operations through a group leader policy (nullptr: none).
     * @param leader the policy (kept by pointer)
     */
    void SetLeader(LeadGroupLeader* leader);

    /**
     * @brief Refuse key operations from now on (the node leaves).
     * @param leaving true to refuse
     */
    void SetLeaving(bool leaving);

    /**
     * @brief Report keys that arrive by hand-off or replication (the KeysMigrated trace).
     * @param cb called with the number of keys and the purpose
     */
    void SetMigratedCallback(std::function<void(uint32_t, LeadPurpose)> cb);

    /**
     * @brief Cancel the replica refreshes (application stop).
     */
    void Stop();

    /**
     * @brief Send keys to another vnode in batches that fit in a datagram. A failed hand-off
     * (not a replica copy) keeps the keys, or, while leaving, tries the next successor.
     * @param from the sending vnode
     * @param to the receiver
     * @param items the keys
     * @param arcLo the keys belong to (arcLo, arcHi]
     * @param arcHi see arcLo
     * @param replica replica copies
     * @param purpose MIGRATION or REPLICATION
     * @param delivered called with each batch the receiver acknowledged (may be empty)
     */
    void TransferKeys(LeadVnode& from,
                      const VnodeRef& to,
                      std::vector<LeadKeyStore::Item> items,
                      uint64_t arcLo,
                      uint64_t arcHi,
                      bool replica,
                      LeadPurpose purpose,
                      std::function<void(const std::vector<LeadKeyStore::Item>&)> delivered = {});

    /**
     * @brief The node installed a new hash model: give every stored key (primaries and
     * replicas) its new ring position, and move the primaries that now lie outside their
     * vnode's arc to their new owners (one lookup per run of consecutive owners, then
     * TRANSFER). Until a move is acknowledged the giver keeps the key as a replica, so a read
     * under the old position still finds it. A vnode whose primary keys changed position
     * counts its drift anew.
     * @param hash the new model's hash
     */
    void Rehash(const std::function<uint64_t(uint64_t)>& hash);

    /// Start counting the drift of every vnode again from the keys it holds now.
    void MarkBaseline();

    /**
     * @brief Start counting one vnode's drift again from the keys it holds now.
     * @param index the vnode
     */
    void ResetDrift(uint16_t index);

    /**
     * @brief The drift of a vnode since its baseline.
     * @param index the vnode
     * @return its tracker
     */
    const LeadDriftTracker& GetDrift(uint16_t index);

    /**
     * @brief The first ReplicationFactor successors of a vnode on distinct other nodes.
     * @param v the vnode
     * @return the replica holders
     */
    std::vector<VnodeRef> ReplicaTargets(const LeadVnode& v) const;

  private:
    void OnKeyRequest(LeadVnode& at, const LeadHeader& h, Ptr<Packet> body, uint32_t from);
    void OnTransfer(LeadVnode& at, const LeadHeader& h, Ptr<Packet> body, uint32_t from);
    void CopyToReplicas(LeadVnode& at, LeadMessageType type, const LeadKvHeader& kv);
    /// After a model change: move the keys outside a vnode's arc to their owners again.
    void MoveMisplaced(LeadVnode& v);
    /// The drift tracker of a vnode (made on first use).
    LeadDriftTracker& GetDriftTracker(uint16_t index);
    /// Drop a vnode's copies of migrated keys a replication interval from now.
    void DropCopiesLater(uint16_t index, const std::vector<LeadKeyStore::Item>& items);
    /// Turn a miss for a client on an older model into MOVED with the key's new position.
    void Redirect(const LeadHeader& h, LeadKvHeader& out) const;
    void Replicate(uint16_t index);
    /// Run the next replication round of a vnode within 100 ms (a replica holder failed).
    void ReplicateSoon(uint16_t index);
    void PromoteReplicas(LeadVnode& v);
    void OnJoined(LeadVnode& v);
    void OnDeparted(LeadVnode& v);
    void OnPredecessorChanged(LeadVnode& v);
    void OnLeaving(LeadVnode& v, std::optional<VnodeRef> heir);
    /// A vnode that joined asks its successor for the keys of its arc (see PULL_ROUNDS).
    void Pull(LeadVnode& v);
    /**
     * @brief Move keys (sorted by ring position) to the owners of their positions.
     * @param index the giving vnode
     * @param items the keys
     */
    void Migrate(uint16_t index, std::vector<LeadKeyStore::Item> items);
    /// Serve a pull request: hand over the keys of the arc held as primaries or replicas.
    void ServePull(LeadVnode& at, const LeadTransferHeader& request, const VnodeRef& to);

    /// Replication rounds after a join in which a vnode pulls its arc from its successor: a
    /// node that crashed and returned with the same ids before its successor noticed gets no
    /// hand-off (its successor's predecessor never changed) and would own an empty arc while
    /// its keys sat, unpromoted, in the successor's replica store.
    static constexpr uint32_t PULL_ROUNDS{3};

    LeadVnodeHost& m_host;                                 //!< the node
    Config m_config;                                       //!< settings
    LeadGroupLeader* m_leader{nullptr};                    //!< two-tier relay
    bool m_leaving{false};                                 //!< refuse key operations
    std::map<uint16_t, uint32_t> m_pulls;                  //!< vnode -> pulls left
    std::function<void(uint32_t, LeadPurpose)> m_migrated; //!< KeysMigrated trace
    std::function<uint64_t(uint64_t)> m_hash;     //!< the model's hash, after the first Rehash
    std::map<uint16_t, LeadDriftTracker> m_drift; //!< drift per vnode
    std::map<uint16_t, LeadEnvironment::TimerId> m_replicate; //!< refresh timer per vnode
};

} // namespace lead
} // namespace ns3

#endif // LEAD_KEY_SERVICE_H
