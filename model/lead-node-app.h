/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_NODE_APP_H
#define LEAD_NODE_APP_H

#include "lead-header.h"
#include "lead-key-store.h"
#include "lead-oracle.h"
#include "lead-results.h"
#include "lead-routing-table.h"
#include "lead-rpc.h"
#include "learned-hash-model.h"

#include "ns3/address.h"
#include "ns3/application.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/traced-callback.h"

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <vector>

namespace ns3
{

class Socket;
class Packet;
class UniformRandomVariable;

namespace lead
{

class LeadLookupHeader;
class LeadNodeListHeader;
class LeadKvHeader;
class LeadTransferHeader;
class LeadRangeHeader;

/**
 * @ingroup lead
 * @brief LEAD overlay node: one per physical node, hosting VnodesPerNode virtual nodes of a
 * Chord ring whose keys are placed by the HashModel attribute.
 *
 * Each vnode has its PeerHASH id, a LeadRoutingTable and a LeadKeyStore (plus a store of
 * replicas). Vnodes join through the bootstrap nodes, run Chord's periodic stabilisation
 * (fix successor and notify, successor-list refresh, predecessor check, finger fixing), route
 * lookups recursively with a direct reply to the origin, hand keys to a new predecessor,
 * replicate every key on the next ReplicationFactor successors, and leave gracefully (handing
 * their keys to their successor) or crash. Messages between co-located vnodes do not touch the
 * network.
 *
 * Messages are UDP datagrams on Port (IPv4), or, with Protocol = ns3::TcpSocketFactory,
 * length-framed messages on one reused TCP connection per peer. Malformed messages are
 * counted, reported through the Drop trace and discarded.
 */
class LeadNodeApp : public Application
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    LeadNodeApp();
    ~LeadNodeApp() override;

    /// Node life cycle.
    enum class State
    {
        NOT_STARTED, //!< before StartApplication
        JOINING,     //!< some vnode has not joined yet
        ACTIVE,      //!< every vnode joined
        LEAVING,     //!< handing keys over before stopping
        STOPPED,     //!< stopped (left or crashed)
    };

    /// Signature of the LookupDone trace.
    typedef void (*LookupTracedCallback)(const LookupResult& result);
    /// Signature of the RangeQueryDone trace.
    typedef void (*RangeQueryTracedCallback)(const RangeQueryResult& result);
    /// Signature of the KeyOpDone trace.
    typedef void (*KeyOpTracedCallback)(const KeyOpResult& result);
    /// Signature of the Tx and Rx traces: message type, purpose, bytes on the wire (UDP payload).
    typedef void (*MessageTracedCallback)(LeadMessageType type,
                                          LeadPurpose purpose,
                                          uint32_t bytes);
    /// Signature of the Drop trace: the packet and why it was dropped.
    typedef void (*DropTracedCallback)(Ptr<const Packet> packet, const std::string& reason);
    /// Signature of the StateTransition trace.
    typedef void (*StateTracedCallback)(State oldState, State newState);
    /// Signature of the KeysMigrated trace: keys moved, purpose (MIGRATION or REPLICATION).
    typedef void (*MigrationTracedCallback)(uint32_t keys, LeadPurpose purpose);

    /**
     * @brief Nodes to join through (their overlay ports are this app's Port). A node that
     * finds its own address first in the list, or an empty list, creates the ring.
     * @param bootstrap addresses
     */
    void SetBootstrap(const std::vector<Ipv4Address>& bootstrap);

    /**
     * @brief Select the lookup mode (attribute LookupMode); aborts naming the attribute for
     * an unknown mode.
     * @param mode "recursive" or "iterative"
     */
    void SetLookupMode(std::string mode);

    /**
     * @brief The lookup mode.
     * @return "recursive" or "iterative"
     */
    std::string GetLookupMode() const;

    /**
     * @brief Select how range queries walk the ring (attribute RangeWalk); aborts naming the
     * attribute for an unknown mode.
     * @param walk "chain" or "client"
     */
    void SetRangeWalk(std::string walk);

    /**
     * @brief The range walk mode.
     * @return "chain" or "client"
     */
    std::string GetRangeWalk() const;

    /**
     * @brief Select the role (attribute Role); aborts naming the attribute for an unknown one.
     * @param role "peer" (a ring node) or "member" (a member of a two-tier group: stores the
     * keys its leader passes on and answers scans, never joins the ring)
     */
    void SetRole(std::string role);

    /**
     * @brief The role.
     * @return "peer" or "member"
     */
    std::string GetRole() const;

    /**
     * @brief Make this node the leader of a two-tier group (the Marques-style baseline): the
     * arc of each of its vnodes is split into equal sub-arcs, one per member in the given
     * order; keys and range scans for a sub-arc go to its member (which runs with Role
     * member). An empty list makes it an ordinary ring node again.
     * @param members the members' addresses (same Port)
     */
    void SetGroupMembers(const std::vector<Ipv4Address>& members);

    /**
     * @brief Ground truth to report the life cycle to (measurement only).
     * @param oracle the oracle
     */
    void SetOracle(Ptr<LeadOracle> oracle);

    /**
     * @brief Look up the owner of a ring position (from vnode 0).
     * @param position ring position
     * @param cb called once with the result (may be null)
     */
    void Lookup(uint64_t position, Callback<void, const LookupResult&> cb);

    /**
     * @brief Store a key: look up the owner of its hash, then PUT there.
     * @param key the key
     * @param size value size in bytes
     * @param tag value content tag
     * @param cb called once with the result (may be null)
     */
    void Put(uint64_t key, uint32_t size, uint64_t tag, Callback<void, const KeyOpResult&> cb);

    /**
     * @brief Store a key with a value of ValueSize bytes whose tag is the key itself.
     * @param key the key
     * @param cb called once with the result (may be null)
     */
    void Put(uint64_t key, Callback<void, const KeyOpResult&> cb);

    /**
     * @brief Read a key.
     * @param key the key
     * @param cb called once with the result (may be null)
     */
    void Get(uint64_t key, Callback<void, const KeyOpResult&> cb);

    /**
     * @brief Delete a key.
     * @param key the key
     * @param cb called once with the result (may be null)
     */
    void Delete(uint64_t key, Callback<void, const KeyOpResult&> cb);

    /**
     * @brief Range query: every stored key in [startKey, endKey].
     *
     * Hashes the start key, looks up its owner, and lets the scan walk along successors
     * (chain-forwarded: each vnode sends its part straight to this node and passes the scan on)
     * until the vnode that owns the hash of endKey. Needs an order-preserving HashModel.
     * @param startKey first key
     * @param endKey last key (>= startKey)
     * @param cb called once with the result (may be null)
     */
    void RangeQuery(uint64_t startKey, uint64_t endKey, Callback<void, const RangeQueryResult&> cb);

    /**
     * @brief Range query for the first `count` stored keys at or after startKey.
     * @param startKey first key
     * @param count number of keys wanted (> 0)
     * @param cb called once with the result (may be null)
     */
    void RangeQueryCount(uint64_t startKey,
                         uint64_t count,
                         Callback<void, const RangeQueryResult&> cb);

    /**
     * @brief Read the keys in [fromKey, toKey] stored at exactly one ring position: look up the
     * owner of `position` and let it report the keys whose ring position is `position` (no
     * walk). A building block for structures layered on the DHT, such as the prefix hash tree
     * (LeadPhtClient); works with any HashModel.
     * @param position ring position
     * @param fromKey first key
     * @param toKey last key (>= fromKey)
     * @param cb called once with the result (may be null)
     */
    void ScanAt(uint64_t position,
                uint64_t fromKey,
                uint64_t toKey,
                Callback<void, const RangeQueryResult&> cb);

    /**
     * @brief Store a key at an explicit ring position instead of the hash of the key (for
     * structures layered on the DHT, such as the prefix hash tree).
     * @param key the key
     * @param position ring position that decides the owner
     * @param size value size in bytes
     * @param tag value content tag
     * @param cb called once with the result (may be null)
     */
    void PutAt(uint64_t key,
               uint64_t position,
               uint32_t size,
               uint64_t tag,
               Callback<void, const KeyOpResult&> cb);

    /**
     * @brief Range query the Chord way (the baseline for hashes that scatter keys): one Get
     * per key, in batches of `batchSize` issued together, each batch waiting for its slowest
     * member (batchSize 1: strictly sequential). Works with any HashModel.
     * @param keys the keys of the range, in the order they are fetched
     * @param batchSize Gets in flight together (>= 1)
     * @param cb called once with the result (may be null)
     */
    void RangeQueryPerKey(const std::vector<uint64_t>& keys,
                          uint32_t batchSize,
                          Callback<void, const RangeQueryResult&> cb);

    /**
     * @brief Leave gracefully: hand every key to the successor, tell the neighbours, stop.
     */
    void Leave();

    /**
     * @brief Current state.
     * @return the state
     */
    State GetState() const;

    /**
     * @brief Number of vnodes hosted.
     * @return VnodesPerNode
     */
    uint32_t GetVnodeCount() const;

    /**
     * @brief Identity of a hosted vnode.
     * @param index vnode index
     * @return the reference
     */
    VnodeRef GetVnode(uint32_t index) const;

    /**
     * @brief Routing table of a hosted vnode (read-only, for tests and statistics).
     * @param index vnode index
     * @return the table
     */
    const LeadRoutingTable& GetRoutingTable(uint32_t index) const;

    /**
     * @brief Primary key store of a hosted vnode.
     * @param index vnode index
     * @return the store
     */
    const LeadKeyStore& GetStore(uint32_t index) const;

    /**
     * @brief Replica store of a hosted vnode.
     * @param index vnode index
     * @return the store
     */
    const LeadKeyStore& GetReplicaStore(uint32_t index) const;

    /**
     * @brief Whether a hosted vnode has joined the ring.
     * @param index vnode index
     * @return true if joined
     */
    bool IsJoined(uint32_t index) const;

    /**
     * @brief The hash model in use.
     * @return the model
     */
    Ptr<LearnedHashModel> GetHashModel() const;

    /**
     * @brief Malformed or misaddressed messages dropped so far.
     * @return count
     */
    uint64_t GetDropCount() const;

    /**
     * @brief Fix the random streams of this application.
     *
     * Declared without override: it overrides Application::AssignStreams in ns-3.42 and
     * later, and is a plain method in earlier versions.
     * @param stream first stream index to use
     * @return the number of streams used
     */
    int64_t AssignStreams(int64_t stream);

    /// Longest lookup path before a lookup is dropped.
    static constexpr uint8_t MAX_HOPS{30};

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;

    /// A virtual node hosted here.
    struct Vnode
    {
        VnodeRef self;                           //!< identity
        std::unique_ptr<LeadRoutingTable> table; //!< routing state
        LeadKeyStore store;                      //!< keys it owns
        LeadKeyStore replicas;                   //!< copies of its predecessors' keys
        bool joined{false};                      //!< part of the ring
        EventId stabilizeEvent;                  //!< next stabilisation round
        EventId fingerEvent;                     //!< next finger round
        EventId replicateEvent;                  //!< next replica refresh
        EventId joinEvent;                       //!< next join attempt
        Time lastSuccListRefresh;                //!< time of the last successor-list refresh
        Time joinedAt;                           //!< time it (last) joined the ring
        uint32_t probesConfirmed{0};             //!< self-probes in a row that found it in place
        std::optional<uint64_t> groupPred;       //!< last predecessor known (two-tier partition)
    };

    /// A lookup waiting for its answer.
    struct PendingLookup
    {
        uint32_t vnode{0};                        //!< origin vnode index
        LookupResult result;                      //!< filled in as it goes
        Callback<void, const LookupResult&> done; //!< completion
        EventId timer;                            //!< MaxLookupTime expiry
    };

    /// A range query in progress.
    struct PendingRange
    {
        RangeQueryResult result;                             //!< filled in as parts arrive
        Callback<void, const RangeQueryResult&> done;        //!< completion
        Time start;                                          //!< issue time
        EventId timer;                                       //!< MaxRangeQueryTime expiry
        std::map<uint16_t, std::pair<uint32_t, bool>> parts; //!< seq -> (chunks, last seen)
        std::map<uint16_t, uint32_t> chunksExpected; //!< seq -> chunks announced by the last
        int32_t lastSeq{-1};                         //!< seq of the vnode that ended the walk
        std::vector<uint64_t> perKey;                //!< per-key mode: keys to fetch
        size_t nextKey{0};                           //!< per-key mode: next key to issue
        uint32_t batchSize{0};                       //!< per-key mode: Gets per batch
        uint32_t inFlight{0};                        //!< per-key mode: Gets of this batch
        bool allAnswered{true};                      //!< per-key mode: no Get failed
        std::set<uint64_t> owners;                   //!< per-key mode: distinct owners
        uint64_t answerBytes{0};                     //!< client-driven walk: answer bodies
        uint32_t leaderScans{0}; //!< two-tier walk: scans that reached a group leader
    };

    /// A key operation in progress.
    struct PendingKeyOp
    {
        KeyOpResult result;                      //!< filled in as it goes
        Callback<void, const KeyOpResult&> done; //!< completion
        Time start;                              //!< issue time
    };

    /// State of one TCP connection.
    struct TcpConnection
    {
        uint32_t peer{0};         //!< IPv4 address of the other end
        bool connected{false};    //!< handshake done
        std::vector<uint8_t> out; //!< framed bytes not yet accepted by the socket
        size_t head{0};           //!< first unsent byte of `out`
        std::vector<uint8_t> in;  //!< received bytes not yet forming a whole frame
    };

    // Messaging
    void Send(Ptr<Packet> packet, uint32_t address);
    void SendTcp(Ptr<Packet> packet, uint32_t address);
    void WatchConnection(Ptr<Socket> s, uint32_t address);
    void HandleAccept(Ptr<Socket> s, const Address& from);
    void HandleConnected(Ptr<Socket> s);
    void HandleConnectionClosed(Ptr<Socket> s);
    void HandleTcpSendSpace(Ptr<Socket> s, uint32_t available);
    void FlushTcp(Ptr<Socket> s);
    void HandleTcpRead(Ptr<Socket> s);
    void Deliver(Ptr<Packet> packet, uint32_t from);
    void HandleRead(Ptr<Socket> socket);
    void Receive(Ptr<Packet> packet, uint32_t from);
    void DropPacket(Ptr<const Packet> packet, const std::string& reason);
    LeadHeader MakeHeader(const Vnode& from,
                          const VnodeRef& to,
                          LeadMessageType type,
                          LeadPurpose purpose) const;
    void Call(Vnode& from,
              const VnodeRef& to,
              LeadMessageType type,
              LeadPurpose purpose,
              Ptr<Packet> body,
              LeadRpc::ReplyCallback onReply,
              LeadRpc::FailureCallback onFailure,
              Time extra = Time(0));
    void ReplyTo(const Vnode& at,
                 const LeadHeader& request,
                 uint32_t from,
                 LeadMessageType type,
                 Ptr<Packet> body);
    void SendOneWay(const Vnode& from,
                    const VnodeRef& to,
                    LeadMessageType type,
                    LeadPurpose purpose,
                    Ptr<Packet> body);
    Vnode* FindVnode(uint64_t id, uint16_t index);

    // Lookups
    uint32_t StartLookup(uint32_t vnode,
                         uint64_t target,
                         LeadPurpose purpose,
                         Callback<void, const LookupResult&> done,
                         std::optional<VnodeRef> via = std::nullopt);
    void ForwardLookup(Vnode& at, const LeadLookupHeader& lookup, LeadPurpose purpose);
    void OnFindSuccessor(Vnode& at, const LeadHeader& h, Ptr<Packet> body, uint32_t from);
    void OnFindSuccessorReply(Vnode& at, const LeadHeader& h, Ptr<Packet> body);
    void FinishLookup(uint32_t lookupId, bool success);
    void CompleteLookup(uint32_t lookupId, const std::vector<VnodeRef>& nodes, uint32_t hops);
    void IterativeStep(uint32_t lookupId, const VnodeRef& ask, uint32_t hops);
    void LookupExpired(uint32_t lookupId);

    // Join, stabilisation, fingers
    void TryJoin(uint32_t vnode);
    void OnJoinLookup(uint32_t vnode, const LookupResult& r, const std::vector<VnodeRef>& succs);
    void MarkJoined(uint32_t vnode);
    void Stabilize(uint32_t vnode);
    void FixFingers(uint32_t vnode);
    void ProbeOwnPosition(Vnode& v);
    void SuspectFailed(Vnode& v, const VnodeRef& peer);
    void OnGetNeighbors(Vnode& at, const LeadHeader& h, Ptr<Packet> body, uint32_t from);
    void OnNotify(Vnode& at, const LeadHeader& h, uint32_t from);
    void OnSuccessorHint(Vnode& at, const LeadHeader& h, Ptr<Packet> body, uint32_t from);
    void SendSuccessorHint(Vnode& v, const VnodeRef& to, const VnodeRef& candidate);
    void AdoptCloserSuccessor(Vnode& v, const VnodeRef& candidate);
    void StabilizeSoon(Vnode& v);
    void OnLeave(Vnode& at, const LeadHeader& h, Ptr<Packet> body, uint32_t from);
    void OnAlert(Vnode& at, const LeadHeader& h, Ptr<Packet> body, uint32_t from);

    // Range queries
    void StartRange(uint64_t startKey,
                    uint64_t endKey,
                    uint64_t limit,
                    Callback<void, const RangeQueryResult&> done);
    void OnRangeScan(Vnode& at, const LeadHeader& h, Ptr<Packet> body, uint32_t from);
    void OnRangePart(const Vnode& at, const LeadHeader& h, Ptr<Packet> body, uint32_t from);
    void ForwardRange(uint32_t vnode, const LeadRangeHeader& scan);
    void AnswerScan(const Vnode& at,
                    const LeadHeader& h,
                    uint32_t from,
                    const LeadRangeHeader& scan,
                    bool last,
                    uint64_t keys,
                    uint16_t steps);
    void LookupAndScan(uint64_t position,
                       LeadRangeHeader scan,
                       Callback<void, const RangeQueryResult&> done);
    void SendScan(uint32_t queryId,
                  const LeadRangeHeader& scan,
                  const VnodeRef& to,
                  std::vector<VnodeRef> fallbacks);
    void OnScanAnswer(uint32_t queryId,
                      const LeadRangeHeader& scan,
                      const VnodeRef& to,
                      Ptr<Packet> body);
    void FinishRange(uint32_t queryId, bool complete);
    void NextPerKeyBatch(uint32_t queryId);
    void PredecessorChanged(Vnode& v, std::optional<VnodeRef> oldPred);
    uint16_t ScanGroup(Vnode& at, const LeadRangeHeader& scan, bool walkEnds, uint64_t partEnd);
    size_t MemberFor(const Vnode& at, uint64_t position) const;
    uint64_t GroupPredecessor(const Vnode& at) const;
    void RelayKeyRequest(Vnode& at,
                         const LeadHeader& h,
                         const LeadKvHeader& kv,
                         uint32_t from,
                         LeadMessageType replyType);

    // Keys
    void StartKeyOp(LeadKeyOp op,
                    uint64_t key,
                    uint32_t size,
                    uint64_t tag,
                    Callback<void, const KeyOpResult&> done,
                    std::optional<uint64_t> position = std::nullopt);
    void KeyOpLookupDone(uint32_t opId, const LookupResult& r);
    void KeyOpReply(uint32_t opId, const LeadHeader& h, Ptr<Packet> body);
    void FinishKeyOp(uint32_t opId, bool success);
    bool RetryKeyOp(uint32_t opId, Time delay);
    void OnKeyRequest(Vnode& at, const LeadHeader& h, Ptr<Packet> body, uint32_t from);
    void OnTransfer(Vnode& at, const LeadHeader& h, Ptr<Packet> body, uint32_t from);
    void TransferKeys(Vnode& from,
                      const VnodeRef& to,
                      std::vector<LeadKeyStore::Item> items,
                      uint64_t arcLo,
                      uint64_t arcHi,
                      bool replica,
                      LeadPurpose purpose);
    void Replicate(uint32_t vnode);
    std::vector<VnodeRef> ReplicaTargets(const Vnode& v) const;
    void PromoteReplicas(Vnode& v);
    void SwitchToState(State state);
    void FinishLeave();

    // ATTRIBUTES
    TypeId m_protocol;                  //!< socket factory (UDP or TCP)
    uint16_t m_port{4000};              //!< overlay port
    uint32_t m_vnodesPerNode{5};        //!< virtual nodes hosted
    uint32_t m_successorListSize{15};   //!< r
    uint32_t m_fingerBase{2};           //!< b
    Time m_stabilizeInterval;           //!< fix-successor period
    Time m_successorListInterval;       //!< successor-list refresh period
    Time m_fingerInterval;              //!< finger-fixing period
    Time m_joinProbeTime;               //!< self-probe every round for this long after joining
    bool m_successorHints;              //!< send SUCC_HINT repairs
    Time m_replicationInterval;         //!< replica refresh period
    Time m_maxLookupTime;               //!< a lookup fails after this
    Time m_joinRetryInterval;           //!< pause between join attempts
    Time m_rpcInitialTimeout;           //!< first-attempt timeout before an RTT sample
    Time m_rpcMaxTimeout;               //!< cap of first-attempt timeouts
    Time m_rpcMinTimeout;               //!< floor of first-attempt timeouts
    double m_rpcTimeoutMultiplier{3.0}; //!< timeout = multiplier x RTT
    uint32_t m_rpcMaxAttempts{3};       //!< attempts per RPC
    uint32_t m_replicationFactor{3};    //!< replicas on successors
    uint32_t m_maxKeyOpAttempts{3};     //!< lookups per key operation
    uint32_t m_valueSize{1024};         //!< value size of Put(key, cb)
    Time m_maxRangeQueryTime;           //!< a range query gives up after this
    Ptr<LearnedHashModel> m_hashModel;  //!< key hash

    // TRACE SOURCES
    TracedCallback<const LookupResult&> m_lookupDoneTrace;             //!< lookup finished
    TracedCallback<const KeyOpResult&> m_keyOpDoneTrace;               //!< key operation finished
    TracedCallback<const RangeQueryResult&> m_rangeDoneTrace;          //!< range query finished
    TracedCallback<LeadMessageType, LeadPurpose, uint32_t> m_txTrace;  //!< message sent
    TracedCallback<LeadMessageType, LeadPurpose, uint32_t> m_rxTrace;  //!< message received
    TracedCallback<Ptr<const Packet>, const std::string&> m_dropTrace; //!< message dropped
    TracedCallback<State, State> m_stateTrace;                         //!< state changed
    TracedCallback<uint32_t, LeadPurpose> m_keysMigratedTrace;         //!< keys moved

    // STATE
    State m_state{State::NOT_STARTED};                     //!< life cycle
    Ipv4Address m_address;                                 //!< own IPv4 address
    Ptr<Socket> m_socket;                                  //!< UDP socket, or the TCP listener
    bool m_tcp{false};                                     //!< Protocol is TCP
    bool m_iterative{false};                               //!< LookupMode is iterative
    bool m_clientWalk{false};                              //!< RangeWalk is client
    bool m_member{false};                                  //!< Role is member
    std::vector<VnodeRef> m_members;                       //!< two-tier group members
    std::map<Ptr<Socket>, TcpConnection> m_tcpConnections; //!< open TCP connections
    std::map<uint32_t, Ptr<Socket>> m_tcpSender;           //!< connection used to send to a peer
    Ptr<LeadRpc> m_rpc;                                    //!< RPC engine
    std::vector<Vnode> m_vnodes;                           //!< hosted vnodes
    std::vector<Ipv4Address> m_bootstrap;                  //!< join through these
    Ptr<LeadOracle> m_oracle;                              //!< ground truth (may be null)
    Ptr<UniformRandomVariable> m_jitter;                   //!< timer jitter
    std::map<uint32_t, PendingLookup> m_lookups;           //!< lookups in flight (by lookup id)
    std::map<uint32_t, PendingKeyOp> m_keyOps;             //!< key operations in flight
    std::map<uint32_t, PendingRange> m_ranges;             //!< range queries in flight
    uint32_t m_nextLookupId{1};                            //!< next lookup id
    uint32_t m_nextKeyOpId{1};                             //!< next key operation id
    uint32_t m_nextRangeId{1};                             //!< next range query id
    uint64_t m_drops{0};                                   //!< dropped messages
};

} // namespace lead
} // namespace ns3

#endif // LEAD_NODE_APP_H
