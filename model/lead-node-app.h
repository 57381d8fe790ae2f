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
#include "lead-key-client.h"
#include "lead-key-service.h"
#include "lead-key-store.h"
#include "lead-leaf-aggregator.h"
#include "lead-model-service.h"
#include "lead-range-client.h"
#include "lead-results.h"
#include "lead-routing-table.h"
#include "lead-rpc.h"
#include "lead-vnode-config.h"
#include "learned-hash-model.h"

#include "ns3/application.h"
#include "ns3/ipv4-address.h"
#include "ns3/traced-callback.h"

#include <memory>
#include <optional>
#include <set>
#include <vector>

namespace ns3
{
namespace lead
{

class LeadBalancerService;
class LeadCostLedger;
class LeadGroupLeader;
class LeadHeartbeatService;
class LeadMembershipService;
class LeadMembershipView;
class LeadLoadMeter;
class LeadPerKeyRangeClient;
class LeadRangeServer;
class LeadSimulatorEnvironment;
class LeadTransport;
class LeadUpdateService;
class LeadVnode;
class LeadVnodeHost;

/**
 * @ingroup lead
 * @brief LEAD overlay node: one per physical node, hosting VnodesPerNode virtual nodes of a
 * Chord ring whose keys are placed by the HashModel attribute.
 *
 * The application holds the attributes, the trace sources, the life cycle and the public API
 * (Lookup, Put, Get, Delete, RangeQuery, ...), and composes the protocol layer: a
 * LeadTransport (UDP or TCP), a LeadVnodeHost (the vnodes, the RPC engine, the lookup
 * client), the key service and client, the range server and client, and, for the two-tier
 * baseline, a LeadGroupLeader policy. Every public call is one operation: the messages it
 * causes anywhere are counted (LeadCostLedger) and reported in its result.
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

    /// How lookups travel (attribute LookupMode).
    enum LookupMode
    {
        LOOKUP_RECURSIVE, //!< each hop forwards, the last answers the origin
        LOOKUP_ITERATIVE, //!< the origin asks each hop for the next
    };

    /// How a hop picks the next hop (attribute RouteSelection).
    enum RouteSelection
    {
        ROUTE_GREEDY,    //!< the closest preceding vnode (Chord)
        ROUTE_PROXIMITY, //!< the least expected latency to the key
    };

    /// How range queries walk the ring (attribute RangeWalk).
    enum RangeWalk
    {
        RANGE_WALK_CHAIN,  //!< each vnode passes the scan to its successor
        RANGE_WALK_CLIENT, //!< the client asks each vnode in turn
        RANGE_WALK_FANOUT, //!< each vnode sends the scan to all the successors it knows at once
    };

    /// Role in the ring (attribute Role).
    enum Role
    {
        ROLE_PEER,   //!< a ring node
        ROLE_MEMBER, //!< a member of a two-tier group: never joins, serves its leader
    };

    /// Shadow Balancer mode (attribute Balancer).
    enum BalancerMode
    {
        BALANCER_STATIC,  //!< vnodes by Capacity
        BALANCER_DYNAMIC, //!< shadow vnodes added and shed at run time
    };

    /// What the dynamic balancer evens out (attribute BalancerMetric).
    enum BalancerMetric
    {
        BALANCER_METRIC_KEYS,     //!< keys owned
        BALANCER_METRIC_REQUESTS, //!< requests served per second
    };

    /// Transport (attribute Protocol).
    enum Protocol
    {
        PROTOCOL_UDP, //!< datagrams
        PROTOCOL_TCP, //!< length-framed messages on one connection per peer
    };

    /// Signature of the LookupDone trace.
    typedef void (*LookupTracedCallback)(const LookupResult& result);
    /// Signature of the RangeQueryDone trace.
    typedef void (*RangeQueryTracedCallback)(const RangeQueryResult& result);
    /// Signature of the KeyOpDone trace.
    typedef void (*KeyOpTracedCallback)(const KeyOpResult& result);
    /// Signature of the Tx and Rx traces: type, purpose, bytes, operation (0: maintenance).
    typedef void (*MessageTracedCallback)(LeadMessageType type,
                                          LeadPurpose purpose,
                                          uint32_t bytes,
                                          uint64_t op);
    /// Signature of the Drop trace: the packet and why it was dropped.
    typedef void (*DropTracedCallback)(Ptr<const Packet> packet, const std::string& reason);
    /// Signature of the StateTransition trace.
    typedef void (*StateTracedCallback)(State oldState, State newState);
    /// Signature of the KeysMigrated trace: keys moved, purpose (MIGRATION or REPLICATION).
    typedef void (*MigrationTracedCallback)(uint32_t keys, LeadPurpose purpose);
    /// Signature of the VnodeJoined and VnodeDeparted traces.
    typedef void (*VnodeTracedCallback)(const VnodeRef& vnode);
    /// Signature of the ModelInstalled trace: the new version, image bytes fetched for it.
    typedef void (*ModelTracedCallback)(uint32_t version, uint64_t fetchedBytes);
    /// Signature of the BalancerAction trace: "add" or "shed", vnode id, node keys, mean.
    typedef void (*BalancerTracedCallback)(const std::string& kind,
                                           uint64_t vnodeId,
                                           uint64_t nodeKeys,
                                           double meanKeys);
    /// Signature of the ModelUpdateRound trace.
    typedef void (*RoundTracedCallback)(const ModelUpdateRoundResult& result);

    /**
     * @brief Nodes to join through (their overlay ports are this app's Port). A node that
     * finds its own address first in the list, or an empty list, creates the ring.
     * @param bootstrap addresses
     */
    void SetBootstrap(const std::vector<Ipv4Address>& bootstrap);

    /**
     * @brief Make this node the leader of a two-tier group (the Marques-style baseline): the
     * arc of each of its vnodes is split into equal sub-arcs, one per member in the given
     * order; keys and range scans for a sub-arc go to its member (a node with Role member).
     * An empty list makes it an ordinary ring node again.
     * @param members the members' addresses (same Port)
     */
    void SetGroupMembers(const std::vector<Ipv4Address>& members);

    /**
     * @brief For a node off the ring (a two-tier member): the ring node its own lookups, gets,
     * puts and range queries enter the ring through (its group leader). Its lookups then start
     * at that node, and the answers, parts and replies come straight back to it. Set before
     * the application starts.
     * @param gateway the ring node's address (same Port)
     */
    void SetGateway(Ipv4Address gateway);

    /**
     * @brief Set the role (attribute Role) before the application starts.
     * @param role ROLE_PEER or ROLE_MEMBER
     */
    void SetRole(Role role);

    /**
     * @brief The role.
     * @return the role
     */
    Role GetRole() const;

    /**
     * @brief The range walk (attribute RangeWalk).
     * @return the walk
     */
    RangeWalk GetRangeWalk() const;

    /**
     * @brief Count the messages of this node's operations in a ledger shared by all nodes
     * (LeadHelper sets one and feeds it from the Tx traces). Without one, results report zero
     * messages and bytes.
     * @param ledger the ledger
     */
    void SetCostLedger(Ptr<LeadCostLedger> ledger);

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
     * @brief Delete a key (from its owner and the same replicas a put reaches).
     * @param key the key
     * @param cb called once with the result (may be null)
     */
    void Delete(uint64_t key, Callback<void, const KeyOpResult&> cb);

    /**
     * @brief Range query: every stored key in [startKey, endKey] (see LeadRangeClient).
     * Needs an order-preserving HashModel.
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
     * @brief Read the keys in [fromKey, toKey] stored at exactly one ring position (a building
     * block for structures layered on the DHT, such as the prefix hash tree); any HashModel.
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
     * @brief Read the keys in [fromKey, toKey] whose positions lie in the arc (after,
     * position], in one scan at the owner of `position` (the arc must lie inside that owner's
     * arc: Chord's per-owner batched fetch, once lookups have named the owner); any HashModel.
     * @param after the position just before the arc
     * @param position the arc's last position
     * @param fromKey first key
     * @param toKey last key (>= fromKey)
     * @param cb called once with the result (may be null)
     */
    void ScanArc(uint64_t after,
                 uint64_t position,
                 uint64_t fromKey,
                 uint64_t toKey,
                 Callback<void, const RangeQueryResult&> cb);

    /**
     * @brief Store a key at an explicit ring position instead of the hash of the key.
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
     * @brief Range query the Chord way: one Get per key, in batches (see
     * LeadPerKeyRangeClient, which this delegates to). Works with any HashModel.
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
     * @brief Crash: stop at once, telling nobody; the stored keys are lost with the node
     * (its replicas elsewhere survive).
     */
    void Crash();

    /**
     * @brief Come back after Leave or Crash: start again with empty stores and join.
     * @param newIdentity join with new vnode ids (as a node that returns with another
     * address would; the IP address itself is kept) instead of the previous ones
     */
    void Restart(bool newIdentity);

    /**
     * @brief Times the node came back with a new identity (0 at first).
     * @return the incarnation
     */
    uint32_t GetIncarnation() const;

    /**
     * @brief Current state.
     * @return the state
     */
    State GetState() const;

    /**
     * @brief Number of vnodes hosted (0 before the application starts).
     * @return count
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
     * @brief Bulk loading for experiments: store an item in a vnode's store at once, without a
     * message, a replica or a trace (the caller places it at the owner of its position and
     * tells the oracle). A two-tier group leader stores nothing: it names the member whose
     * sub-arc holds the position, to store it there (vnode 0).
     * @param index the vnode (aborts if the node has no such vnode)
     * @param item the item
     * @return the member's address on a group leader; nullopt once stored here
     */
    std::optional<Ipv4Address> StoreDirect(uint32_t index, const LeadKeyStore::Item& item);

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
     * @brief The hash model in use: this node's own (it starts as the HashModel attribute
     * and changes when the node installs or fetches a newer version).
     * @return the model
     */
    Ptr<LearnedHashModel> GetHashModel() const;

    /**
     * @brief Adopt a hash model with a newer version than the node's; the other nodes fetch
     * it when they hear of the version (LeadModelService). Call once the node has started.
     * @param model the model (trained; not changed afterwards)
     * @return false (nothing changes) unless its version is newer
     */
    bool InstallModel(Ptr<LearnedHashModel> model);

    /**
     * @brief Coordinate a model update round from a vnode now, whether or not it is ready
     * (tests and experiments; rounds otherwise start on their own, see Quorum).
     * @param index the vnode
     * @return false if it cannot (see LeadUpdateService::StartRound)
     */
    bool StartModelUpdateRound(uint32_t index);

    /**
     * @brief Add a vnode at a ring id now (what the dynamic Shadow Balancer does; also for
     * tests and experiments). It joins, and its successor hands it its arc's keys.
     * @param id its ring id
     * @return its index
     */
    uint32_t AddVnode(uint64_t id);

    /**
     * @brief Retire a vnode now (what the dynamic balancer's shed does): it hands its keys to
     * its successor, answers for five seconds more (passing late transfers and range walks
     * on), then stops.
     * @param index the vnode
     */
    void RetireVnode(uint32_t index);

    /**
     * @brief Count drift from now: call once the keys the model was trained on are stored
     * (installing a version does it too).
     */
    void MarkModelBaseline();

    /**
     * @brief A vnode's drift: client inserts of new keys since the baseline over the keys it
     * held then.
     * @param index the vnode
     * @return the share
     */
    double GetDrift(uint32_t index) const;

    /**
     * @brief Whether a vnode's drift reached DriftThreshold (it would refine its leaves).
     * @param index the vnode
     * @return true if ready
     */
    bool IsModelReady(uint32_t index) const;

    /**
     * @brief Share of a vnode's ring neighbours that said in their last heartbeat (within
     * three HeartbeatInterval) that they are ready.
     * @param index the vnode
     * @return the share (0 before any heartbeat)
     */
    double GetNeighboursReady(uint32_t index) const;

    /**
     * @brief Primary keys of the joined vnodes (the node's load).
     * @return the count
     */
    uint64_t GetKeysOwned() const;

    /**
     * @brief Requests the node's vnodes served: key operations and range scans that arrived for
     * them (LeadVnodeHost::GetServed), since the node started.
     * @return the count
     */
    uint64_t GetRequestsServed() const;

    /**
     * @brief The one-hop membership view (attribute OneHop).
     * @return the view, or nullptr if the node keeps none or has not started
     */
    const LeadMembershipView* GetMembershipView() const;

    /**
     * @brief Range queries sent from the one-hop view that met a stale view and were looked
     * up again.
     * @return the count (0 before the start)
     */
    uint64_t GetViewFallbacks() const;

    /**
     * @brief Refusals the node's one-hop range queries received (stale views after joins).
     * @return the count (0 before the start)
     */
    uint64_t GetViewRefusals() const;

    /**
     * @brief The transport (its Tx, Rx and Drop traces are this application's too).
     * @return the transport
     */
    Ptr<LeadTransport> GetTransport() const;

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
    static constexpr uint8_t MAX_HOPS{LeadVnodeConfig::MAX_HOPS};
    /// Most replaced models reads consult within ModelTransition.
    static constexpr size_t MAX_RECENT_MODELS{4};

  protected:
    void DoDispose() override;

  private:
    /**
     * @brief The attributes and trace sources, by group (GetTypeId chains them).
     * @param tid the TypeId being built
     * @return it, with the group added
     */
    static TypeId AddTransportAttributes(TypeId tid);
    /// @copydoc AddTransportAttributes
    static TypeId AddRingAttributes(TypeId tid);
    /// @copydoc AddTransportAttributes
    static TypeId AddFailureAttributes(TypeId tid);
    /// @copydoc AddTransportAttributes
    static TypeId AddModelAttributes(TypeId tid);
    /// @copydoc AddTransportAttributes
    static TypeId AddBalancerAttributes(TypeId tid);
    /// @copydoc AddTransportAttributes
    static TypeId AddUpdateAttributes(TypeId tid);
    /// @copydoc AddTransportAttributes
    static TypeId AddServiceAttributes(TypeId tid);
    /// @copydoc AddTransportAttributes
    static TypeId AddTraceSources(TypeId tid);

    void StartApplication() override;
    void StopApplication() override;

    const LeadVnode& VnodeAt(uint32_t index) const;
    LeadVnodeConfig MakeVnodeConfig() const;
    LeadRpc::Config MakeRpcConfig() const;
    LeadKeyService::Config MakeKeyServiceConfig() const;
    LeadKeyClient::Config MakeKeyClientConfig() const;
    LeadRangeClient::Config MakeRangeClientConfig() const;
    template <typename R>
    void Charge(uint64_t op, R& result) const;
    void BuildProtocol();
    void BuildUpdateService();
    void BuildBalancer(uint32_t staticVnodes);
    uint64_t BalancerLoad(uint16_t index);
    uint64_t NodeBalancerLoad();
    void DestroyProtocol();
    void OnVnodeJoined(const VnodeRef& v);
    uint64_t BeginOp();
    void FinishLookup(LookupResult& r);
    void StartKeyOp(LeadKeyOp op,
                    uint64_t key,
                    uint64_t position,
                    uint32_t size,
                    uint64_t tag,
                    Callback<void, const KeyOpResult&> cb);
    void StartRange(uint64_t startKey,
                    uint64_t endKey,
                    uint64_t limit,
                    Callback<void, const RangeQueryResult&> cb);
    void FinishRange(uint64_t op,
                     RangeQueryResult r,
                     const Callback<void, const RangeQueryResult&>& cb);
    bool CanIssue() const;
    /// The models replaced less than ModelTransition ago, newest first (reads consult them).
    std::vector<Ptr<LearnedHashModel>> RecentModels() const;
    /// Tell the range server the recent models' hashes.
    void UpdatePreviousHashes();
    /// Retry a missed read or delete at the next position of a recent model.
    void RetryAtPositions(LeadKeyOp kind,
                          uint64_t key,
                          std::shared_ptr<std::vector<uint64_t>> positions,
                          size_t next,
                          KeyOpResult sofar,
                          std::function<void(uint64_t, const KeyOpResult&)> publish,
                          uint64_t op);
    void SwitchToState(State state);
    void FinishLeave();

    // ATTRIBUTES
    Protocol m_protocol{PROTOCOL_UDP};                     //!< transport
    LookupMode m_lookupMode{LOOKUP_RECURSIVE};             //!< lookup strategy
    RouteSelection m_routeSelection{ROUTE_GREEDY};         //!< next-hop choice
    RangeWalk m_rangeWalk{RANGE_WALK_CHAIN};               //!< range walk
    Role m_role{ROLE_PEER};                                //!< peer or group member
    uint16_t m_port{4000};                                 //!< overlay port
    uint32_t m_vnodesPerNode{5};                           //!< virtual nodes at capacity 1
    double m_capacity{1.0};                                //!< relative capacity (static balancer)
    BalancerMode m_balancerMode{BALANCER_STATIC};          //!< Shadow Balancer mode
    BalancerMetric m_balancerMetric{BALANCER_METRIC_KEYS}; //!< what it evens out
    Time m_balancerInterval;                               //!< between decisions
    double m_balancerHigh{1.2};                            //!< shed above
    double m_balancerLow{0.5};                             //!< add below
    uint32_t m_maxVnodes{0};                               //!< most vnodes (0: 4 x static)
    uint32_t m_successorListSize{15};                      //!< r
    bool m_peerRouting{false};                             //!< route with the node's vnodes
    bool m_proximityFingers{false};                        //!< fingers by round trip
    Ipv4Address m_gateway{Ipv4Address::GetAny()};          //!< off the ring: enter here
    bool m_oneHop{false};                                  //!< keep a one-hop view
    Time m_viewGossipInterval;                             //!< one-hop: gossip period
    uint32_t m_viewGossipFanout{3};                        //!< one-hop: nodes per round
    Time m_viewSyncInterval;                               //!< one-hop: digest exchange period
    uint32_t m_fingerBase{2};                              //!< b
    Time m_stabilizeInterval;                              //!< fix-successor period
    Time m_successorListInterval;                          //!< successor-list refresh period
    Time m_fingerInterval;                                 //!< finger-fixing period
    Time m_joinProbeTime;                                  //!< self-probe every round for this long
    bool m_successorHints{true};                           //!< send SUCC_HINT repairs
    bool m_alerts{true};                                   //!< send ALERT on a dead successor
    uint32_t m_incarnation{0};                             //!< identities taken by Restart(true)
    Time m_suspicionTime;               //!< a failed vnode is refused from hearsay
    uint32_t m_alertAttempts{2};        //!< PING attempts checking a suspect
    uint32_t m_hopAttempts{1};          //!< attempts of a lookup hop
    Time m_replicationInterval;         //!< replica refresh period
    Time m_maxLookupTime;               //!< a lookup answered later has failed
    Time m_lookupTimeout;               //!< the origin gives up after this
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
    TracedCallback<const LookupResult&> m_lookupDoneTrace;    //!< lookup finished
    TracedCallback<const KeyOpResult&> m_keyOpDoneTrace;      //!< key operation finished
    TracedCallback<const RangeQueryResult&> m_rangeDoneTrace; //!< range query finished
    TracedCallback<LeadMessageType, LeadPurpose, uint32_t, uint64_t> m_txTrace; //!< sent
    TracedCallback<LeadMessageType, LeadPurpose, uint32_t, uint64_t> m_rxTrace; //!< received
    TracedCallback<Ptr<const Packet>, const std::string&> m_dropTrace;          //!< message dropped
    TracedCallback<State, State> m_stateTrace;                                  //!< state changed
    TracedCallback<uint32_t, LeadPurpose> m_keysMigratedTrace;                  //!< keys moved
    TracedCallback<const VnodeRef&> m_vnodeJoinedTrace;                         //!< vnode joined
    TracedCallback<const VnodeRef&> m_vnodeDepartedTrace;       //!< vnode left the ring
    TracedCallback<uint32_t, uint64_t> m_modelInstalledTrace;   //!< model version installed
    TracedCallback<const ModelUpdateRoundResult&> m_roundTrace; //!< update round ended
    TracedCallback<const std::string&, uint64_t, uint64_t, double> m_balancerTrace; //!< act

    // STATE
    State m_state{State::NOT_STARTED};                //!< life cycle
    std::vector<Ipv4Address> m_bootstrap;             //!< join through these
    std::vector<Ipv4Address> m_members;               //!< two-tier group members
    Ptr<LeadCostLedger> m_ledger;                     //!< per-operation costs (may be null)
    std::set<uint64_t> m_userLookups;                 //!< operations that are Lookup() calls
    Ptr<LeadTransport> m_transport;                   //!< sockets
    std::unique_ptr<LeadSimulatorEnvironment> m_env;  //!< time, timers, draws
    std::unique_ptr<LeadVnodeHost> m_host;            //!< vnodes, RPC, lookups
    std::unique_ptr<LeadGroupLeader> m_leader;        //!< two-tier leader policy
    std::unique_ptr<LeadModelService> m_modelService; //!< own model, version spread
    std::vector<std::pair<Ptr<LearnedHashModel>, Time>> m_recentModels; //!< replaced, when
    bool m_modelFetch{true};      //!< fetch newer model versions
    double m_driftThreshold{0.4}; //!< drift that makes a vnode ready
    Time m_heartbeatInterval;     //!< between heartbeats (0: none)
    bool m_modelUpdate{true};     //!< coordinate rounds
    double m_quorum{0.9};         //!< ready neighbours for a round
    Time m_updateLockTime;        //!< participant lock
    LeadLeafAggregator::Method m_aggregation{LeadLeafAggregator::WEIGHTED_MEAN}; //!< reduce
    bool m_updateValidation{true};                                               //!< check pieces
    bool m_hostileUpdates{false};                        //!< send hostile pieces
    std::unique_ptr<LeadUpdateService> m_update;         //!< model update rounds
    std::unique_ptr<LeadBalancerService> m_balancer;     //!< dynamic Shadow Balancer
    std::unique_ptr<LeadLoadMeter> m_loadMeter;          //!< request rates (BalancerMetric)
    Time m_modelTransition;                              //!< reads consult both models
    std::unique_ptr<LeadKeyService> m_keyService;        //!< keys, server side
    std::unique_ptr<LeadHeartbeatService> m_heartbeats;  //!< neighbours' model state
    std::unique_ptr<LeadMembershipService> m_membership; //!< one-hop view (OneHop)
    std::unique_ptr<LeadKeyClient> m_keyClient;          //!< keys, client side
    std::unique_ptr<LeadRangeServer> m_rangeServer;      //!< range scans, server side
    std::unique_ptr<LeadRangeClient> m_rangeClient;      //!< range queries, client side
    Ptr<LeadPerKeyRangeClient> m_perKey;                 //!< Chord per-key range queries
};

} // namespace lead
} // namespace ns3

#endif // LEAD_NODE_APP_H
