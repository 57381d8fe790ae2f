/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

// LeadNodeApp's attributes and trace sources, and their translation into the settings of the
// protocol layer, kept apart from the application's code so that each file stays readable.

#include "lead-key-client.h"
#include "lead-key-service.h"
#include "lead-leaf-aggregator.h"
#include "lead-node-app.h"
#include "lead-ns3-compat.h"
#include "lead-range-client.h"
#include "lead-transport.h"

#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/pointer.h"
#include "ns3/uinteger.h"

#include <algorithm>

namespace ns3
{
namespace lead
{

TypeId
LeadNodeApp::AddTransportAttributes(TypeId tid)
{
    // Transport and RPC engine.
    return tid
        .AddAttribute("Port",
                      "UDP port of the overlay (the same on every node).",
                      UintegerValue(4000),
                      MakeUintegerAccessor(&LeadNodeApp::m_port),
                      MakeUintegerChecker<uint16_t>(1))
        .AddAttribute("Protocol",
                      "Transport of the overlay: udp (datagrams) or tcp (length-framed "
                      "messages on one reused connection per peer); the socket factory "
                      "names ns3::UdpSocketFactory and ns3::TcpSocketFactory are accepted.",
                      EnumValue(LeadNodeApp::PROTOCOL_UDP),
                      LEAD_ENUM_ACCESSOR(LeadNodeApp::Protocol, &LeadNodeApp::m_protocol),
                      MakeEnumChecker(LeadNodeApp::PROTOCOL_UDP,
                                      "udp",
                                      LeadNodeApp::PROTOCOL_TCP,
                                      "tcp",
                                      LeadNodeApp::PROTOCOL_UDP,
                                      "ns3::UdpSocketFactory",
                                      LeadNodeApp::PROTOCOL_TCP,
                                      "ns3::TcpSocketFactory"))
        .AddAttribute("RpcInitialTimeout",
                      "Timeout of a first attempt to a peer with no RTT sample yet (RFC 6298: "
                      "1 s).",
                      TimeValue(Seconds(1)),
                      MakeTimeAccessor(&LeadNodeApp::m_rpcInitialTimeout),
                      MakeTimeChecker(MilliSeconds(1)))
        .AddAttribute("RpcMaxTimeout",
                      "Cap of every RPC timeout, retries' doubled ones included. It must exceed "
                      "the largest round trip of the network: a peer farther away is declared "
                      "dead. (p2psim caps its timeout at 1 s only for one-way delays above 1 s; "
                      "below, it allows 6 x the one-way delay.)",
                      TimeValue(Seconds(10)),
                      MakeTimeAccessor(&LeadNodeApp::m_rpcMaxTimeout),
                      MakeTimeChecker(MilliSeconds(1)))
        .AddAttribute("RpcMinTimeout",
                      "Floor of the first-attempt timeout (raise it on LANs, where round "
                      "trips are microseconds but a bulk transfer can hold the medium for "
                      "milliseconds).",
                      TimeValue(MilliSeconds(10)),
                      MakeTimeAccessor(&LeadNodeApp::m_rpcMinTimeout),
                      MakeTimeChecker(MicroSeconds(1)))
        .AddAttribute("RpcTimeoutMultiplier",
                      "First-attempt timeout to a measured peer = max(SRTT + 4 x RTTVAR, "
                      "multiplier x SRTT) (TCP's RFC 6298 estimator per peer, with p2psim's "
                      "timeout_multiplier as a floor).",
                      DoubleValue(3.0),
                      MakeDoubleAccessor(&LeadNodeApp::m_rpcTimeoutMultiplier),
                      MakeDoubleChecker<double>(1.0))
        .AddAttribute("RpcMaxAttempts",
                      "Attempts per RPC before the peer is declared failed.",
                      UintegerValue(3),
                      MakeUintegerAccessor(&LeadNodeApp::m_rpcMaxAttempts),
                      MakeUintegerChecker<uint32_t>(1, 16));
}

TypeId
LeadNodeApp::AddRingAttributes(TypeId tid)
{
    // Ring protocol: vnodes, routing table, stabilisation, lookups.
    return tid
        .AddAttribute("LookupMode",
                      "recursive: each hop forwards and the last replies to the origin "
                      "(p2psim recurs=1); iterative: the origin asks each hop for the next "
                      "(recurs=0).",
                      EnumValue(LeadNodeApp::LOOKUP_RECURSIVE),
                      LEAD_ENUM_ACCESSOR(LeadNodeApp::LookupMode, &LeadNodeApp::m_lookupMode),
                      MakeEnumChecker(LeadNodeApp::LOOKUP_RECURSIVE,
                                      "recursive",
                                      LeadNodeApp::LOOKUP_ITERATIVE,
                                      "iterative"))
        .AddAttribute(
            "RouteSelection",
            "How a hop picks the next among the vnodes it knows between itself and "
            "the key. greedy: the closest preceding one (Chord, p2psim); proximity: "
            "the one with the least expected latency to the key, its measured round "
            "trip plus the hops still to go times the mean round trip (proximity "
            "route selection, Dabek et al., NSDI 2004).",
            EnumValue(LeadNodeApp::ROUTE_GREEDY),
            LEAD_ENUM_ACCESSOR(LeadNodeApp::RouteSelection, &LeadNodeApp::m_routeSelection),
            MakeEnumChecker(LeadNodeApp::ROUTE_GREEDY,
                            "greedy",
                            LeadNodeApp::ROUTE_PROXIMITY,
                            "proximity"))
        .AddAttribute("PeerRouting",
                      "Route at the level of the physical node: a hop uses the routing tables "
                      "of all the joined vnodes of its node (a lookup then starts from the one "
                      "closest before the key, and every hop takes the longest step any of its "
                      "node's vnodes knows).",
                      BooleanValue(false),
                      MakeBooleanAccessor(&LeadNodeApp::m_peerRouting),
                      MakeBooleanChecker())
        .AddAttribute("ProximityFingers",
                      "Proximity neighbour selection: a finger is the vnode with the lowest "
                      "measured round trip among those of its slot that a finger lookup names "
                      "(the owner of the slot start and its successors in the slot, each pinged "
                      "once to measure it), instead of the first vnode of the slot.",
                      BooleanValue(false),
                      MakeBooleanAccessor(&LeadNodeApp::m_proximityFingers),
                      MakeBooleanChecker())
        .AddAttribute("OneHop",
                      "Keep a one-hop view of the ring (every vnode, kept current by gossip of "
                      "joins, leaves and failures and a periodic digest exchange): a range "
                      "query then sends each owner of its arc its part directly, without a "
                      "lookup, and looks up only when the view proves stale.",
                      BooleanValue(false),
                      MakeBooleanAccessor(&LeadNodeApp::m_oneHop),
                      MakeBooleanChecker())
        .AddAttribute("ViewGossipInterval",
                      "One-hop view: time between gossip rounds of recent membership events.",
                      TimeValue(Seconds(1)),
                      MakeTimeAccessor(&LeadNodeApp::m_viewGossipInterval),
                      MakeTimeChecker(MilliSeconds(1)))
        .AddAttribute("ViewGossipFanout",
                      "One-hop view: nodes each gossip round goes to.",
                      UintegerValue(3),
                      MakeUintegerAccessor(&LeadNodeApp::m_viewGossipFanout),
                      MakeUintegerChecker<uint32_t>(1, 64))
        .AddAttribute("ViewSyncInterval",
                      "One-hop view: time between digest exchanges with a random node, which "
                      "repair what gossip missed (0: none).",
                      TimeValue(Seconds(5)),
                      MakeTimeAccessor(&LeadNodeApp::m_viewSyncInterval),
                      MakeTimeChecker(Time(0)))
        .AddAttribute("SuccessorListSize",
                      "Successor-list length r (p2psim: successors).",
                      UintegerValue(15),
                      MakeUintegerAccessor(&LeadNodeApp::m_successorListSize),
                      MakeUintegerChecker<uint32_t>(1, 255))
        .AddAttribute("FingerBase",
                      "Finger base b (p2psim: base).",
                      UintegerValue(2),
                      MakeUintegerAccessor(&LeadNodeApp::m_fingerBase),
                      MakeUintegerChecker<uint32_t>(2, 256))
        .AddAttribute("StabilizeInterval",
                      "Period of fix-successor, notify and predecessor check "
                      "(p2psim: basictimer).",
                      TimeValue(Seconds(1)),
                      MakeTimeAccessor(&LeadNodeApp::m_stabilizeInterval),
                      MakeTimeChecker(MilliSeconds(1)))
        .AddAttribute("SuccessorListInterval",
                      "Period of the successor-list refresh (p2psim: succlisttimer).",
                      TimeValue(Seconds(1)),
                      MakeTimeAccessor(&LeadNodeApp::m_successorListInterval),
                      MakeTimeChecker(MilliSeconds(1)))
        .AddAttribute("SuccessorHints",
                      "Send SUCC_HINT messages that repair interleaved strands after "
                      "concurrent joins (not in the authors' protocol; false restores plain "
                      "PODC-style stabilisation).",
                      BooleanValue(true),
                      MakeBooleanAccessor(&LeadNodeApp::m_successorHints),
                      MakeBooleanChecker())
        .AddAttribute("JoinProbeTime",
                      "For this long after joining, a vnode looks up its own position "
                      "through a far vnode every stabilisation round, until three probes in "
                      "a row find it in place: concurrent joins "
                      "answered from stale views leave interleaved strands that "
                      "stabilisation alone cannot see. 0 turns the probe off.",
                      TimeValue(Seconds(30)),
                      MakeTimeAccessor(&LeadNodeApp::m_joinProbeTime),
                      MakeTimeChecker(Time(0)))
        .AddAttribute("FingerInterval",
                      "Period of finger fixing (p2psim: fingertimer).",
                      TimeValue(Seconds(10)),
                      MakeTimeAccessor(&LeadNodeApp::m_fingerInterval),
                      MakeTimeChecker(MilliSeconds(1)))
        .AddAttribute("JoinRetryInterval",
                      "Pause before a failed join is tried again.",
                      TimeValue(MilliSeconds(200)),
                      MakeTimeAccessor(&LeadNodeApp::m_joinRetryInterval),
                      MakeTimeChecker(MilliSeconds(1)));
}

TypeId
LeadNodeApp::AddBalancerAttributes(TypeId tid)
{
    // The Shadow Balancer's vnodes.
    return tid
        .AddAttribute("VnodesPerNode",
                      "Virtual nodes hosted by a node of capacity 1 (Shadow Balancer).",
                      UintegerValue(5),
                      MakeUintegerAccessor(&LeadNodeApp::m_vnodesPerNode),
                      MakeUintegerChecker<uint32_t>(1, 4096))
        .AddAttribute("Capacity",
                      "Relative capacity of this node (Shadow Balancer, static mode): it "
                      "hosts max(1, round(VnodesPerNode x Capacity)) vnodes, so its share of "
                      "the ring follows its capacity.",
                      DoubleValue(1.0),
                      MakeDoubleAccessor(&LeadNodeApp::m_capacity),
                      MakeDoubleChecker<double>(1e-6, 4096.0))
        .AddAttribute("Balancer",
                      "Shadow Balancer mode: static (vnodes by Capacity only) or dynamic (a "
                      "node below BalancerLow x the mean load its neighbours report adds a "
                      "shadow vnode inside a hot arc, one above BalancerHigh x the mean sheds "
                      "a vnode or recruits lightly loaded nodes, known by rumours on the "
                      "heartbeats, to split its largest arc; needs HeartbeatInterval > 0).",
                      EnumValue(LeadNodeApp::BALANCER_STATIC),
                      LEAD_ENUM_ACCESSOR(LeadNodeApp::BalancerMode, &LeadNodeApp::m_balancerMode),
                      MakeEnumChecker(LeadNodeApp::BALANCER_STATIC,
                                      "static",
                                      LeadNodeApp::BALANCER_DYNAMIC,
                                      "dynamic"))
        .AddAttribute(
            "BalancerMetric",
            "What the dynamic balancer evens out among nodes: keys (keys owned) or "
            "requests (key operations and range scans served per second, measured "
            "over BalancerInterval; heartbeats then carry request rates instead of "
            "key counts, and a recruiting cuts an arc as if its requests lay on it "
            "as its keys do).",
            EnumValue(LeadNodeApp::BALANCER_METRIC_KEYS),
            LEAD_ENUM_ACCESSOR(LeadNodeApp::BalancerMetric, &LeadNodeApp::m_balancerMetric),
            MakeEnumChecker(LeadNodeApp::BALANCER_METRIC_KEYS,
                            "keys",
                            LeadNodeApp::BALANCER_METRIC_REQUESTS,
                            "requests"))
        .AddAttribute("BalancerInterval",
                      "Time between the dynamic balancer's decisions (each node from a random "
                      "phase; after adding or shedding a vnode it waits three intervals, after "
                      "recruiting one).",
                      TimeValue(Seconds(10)),
                      MakeTimeAccessor(&LeadNodeApp::m_balancerInterval),
                      MakeTimeChecker(MilliSeconds(1)))
        .AddAttribute("BalancerHigh",
                      "Dynamic balancer: shed a vnode above this share of the mean node load.",
                      DoubleValue(1.2),
                      MakeDoubleAccessor(&LeadNodeApp::m_balancerHigh),
                      MakeDoubleChecker<double>(1.0))
        .AddAttribute("BalancerLow",
                      "Dynamic balancer: below this share of the mean node load a node adds a "
                      "shadow vnode in any hot arc (between it and the mean, only in arcs of "
                      "nodes above BalancerHigh).",
                      DoubleValue(0.5),
                      MakeDoubleAccessor(&LeadNodeApp::m_balancerLow),
                      MakeDoubleChecker<double>(1e-3, 1.0))
        .AddAttribute("MaxVnodesPerNode",
                      "Dynamic balancer: most vnodes a node hosts (0: four times its static "
                      "count).",
                      UintegerValue(0),
                      MakeUintegerAccessor(&LeadNodeApp::m_maxVnodes),
                      MakeUintegerChecker<uint32_t>(0, 65535));
}

TypeId
LeadNodeApp::AddModelAttributes(TypeId tid)
{
    // The node's own hash model and its updates.
    return tid
        .AddAttribute("DriftThreshold",
                      "Share of keys inserted since the model baseline (over the keys held "
                      "then) at which a vnode is ready to refine its leaves (lead-spec.md 8: "
                      "0.4).",
                      DoubleValue(0.4),
                      MakeDoubleAccessor(&LeadNodeApp::m_driftThreshold),
                      MakeDoubleChecker<double>(1e-9))
        .AddAttribute("HeartbeatInterval",
                      "Time between the heartbeats each vnode sends its predecessor and "
                      "successors (model version, ready flag, keys owned; lead-spec.md 8); 0 "
                      "sends none.",
                      TimeValue(Time(0)),
                      MakeTimeAccessor(&LeadNodeApp::m_heartbeatInterval),
                      MakeTimeChecker(Time(0)))
        .AddAttribute("ModelFetch",
                      "Fetch a newer hash model version from the first peer whose message "
                      "carries it (false: stay on the installed version, to study version "
                      "skew).",
                      BooleanValue(true),
                      MakeBooleanAccessor(&LeadNodeApp::m_modelFetch),
                      MakeBooleanChecker())
        .AddAttribute("ModelTransition",
                      "For this long after installing a new hash model, reads consult both "
                      "models while keys move to their new owners: a get or delete that misses "
                      "asks again at the previous model's position, and a range query walks "
                      "both models' arcs at once and reports the union.",
                      TimeValue(Seconds(30)),
                      MakeTimeAccessor(&LeadNodeApp::m_modelTransition),
                      MakeTimeChecker(Time(0)));
}

TypeId
LeadNodeApp::AddUpdateAttributes(TypeId tid)
{
    // The collaborative model update (lead-spec.md 8; LeadUpdateService).
    return tid
        .AddAttribute("ModelUpdate",
                      "Coordinate model update rounds when drift and Quorum call for one "
                      "(false: serve other coordinators' rounds, never start one).",
                      BooleanValue(true),
                      MakeBooleanAccessor(&LeadNodeApp::m_modelUpdate),
                      MakeBooleanChecker())
        .AddAttribute("Quorum",
                      "Share of its ring neighbours that must say they are ready in their "
                      "heartbeats before a ready vnode coordinates a model update round "
                      "(lead-spec.md 8: 0.9). Rounds need HeartbeatInterval > 0; the checks "
                      "run at that interval.",
                      DoubleValue(0.9),
                      MakeDoubleAccessor(&LeadNodeApp::m_quorum),
                      MakeDoubleChecker<double>(0.0, 1.0))
        .AddAttribute("UpdateLockTime",
                      "A vnode that answered a round's PULL declines other rounds for this "
                      "long, or until the round's REFIT reaches it.",
                      TimeValue(Seconds(5)),
                      MakeTimeAccessor(&LeadNodeApp::m_updateLockTime),
                      MakeTimeChecker(MilliSeconds(1)))
        .AddAttribute("Aggregation",
                      "How the coordinator combines the refitted pieces of one leaf: key-"
                      "weighted mean (FedAvg), trimmed mean (20 % of the weight off each end) "
                      "or weighted median.",
                      EnumValue(LeadLeafAggregator::WEIGHTED_MEAN),
                      LEAD_ENUM_ACCESSOR(LeadLeafAggregator::Method, &LeadNodeApp::m_aggregation),
                      MakeEnumChecker(LeadLeafAggregator::WEIGHTED_MEAN,
                                      "mean",
                                      LeadLeafAggregator::TRIMMED_MEAN,
                                      "trimmed",
                                      LeadLeafAggregator::MEDIAN,
                                      "median"))
        .AddAttribute("UpdateValidation",
                      "The coordinator checks every refitted piece against the rank interval it "
                      "assigned and the key counts it was told, and replaces a piece that "
                      "places the participant's keys outside it by the straight line through "
                      "the interval's ends (false: use pieces as sent).",
                      BooleanValue(true),
                      MakeBooleanAccessor(&LeadNodeApp::m_updateValidation),
                      MakeBooleanChecker())
        .AddAttribute("HostileUpdates",
                      "Poisoning experiments: this node answers REFIT with hostile leaf "
                      "parameters (a huge slope, the whole rank range, an inflated key count).",
                      BooleanValue(false),
                      MakeBooleanAccessor(&LeadNodeApp::m_hostileUpdates),
                      MakeBooleanChecker());
}

TypeId
LeadNodeApp::AddFailureAttributes(TypeId tid)
{
    // Failure handling: lookup deadlines, ALERT, suspicion of silent vnodes.
    return tid
        .AddAttribute("MaxLookupTime",
                      "A lookup answered this late or later counts as failed in the "
                      "statistics (LookupResult::success; p2psim: maxlookuptime); the answer "
                      "is still used (joins, fingers, key operations).",
                      TimeValue(Seconds(2)),
                      MakeTimeAccessor(&LeadNodeApp::m_maxLookupTime),
                      MakeTimeChecker(MilliSeconds(1)))
        .AddAttribute("LookupTimeout",
                      "The origin of a lookup gives up waiting for its answer after this "
                      "long (a hop that crashed after accepting it, a lost answer); at least "
                      "MaxLookupTime.",
                      TimeValue(Seconds(20)),
                      MakeTimeAccessor(&LeadNodeApp::m_lookupTimeout),
                      MakeTimeChecker(MilliSeconds(1)))
        .AddAttribute("Alerts",
                      "A vnode that finds its successor dead sends ALERT naming it to the "
                      "next successor, which checks it (lead-spec.md 4.6) and so drops a dead "
                      "predecessor without waiting for its own check.",
                      BooleanValue(true),
                      MakeBooleanAccessor(&LeadNodeApp::m_alerts),
                      MakeBooleanChecker())
        .AddAttribute("SuspicionTime",
                      "For this long, a vnode that failed to answer every attempt of an RPC "
                      "is not taken back from other vnodes' reports (successor lists, "
                      "predecessors, hints, fingers) unless it is heard from directly: a "
                      "neighbour that has not noticed the failure yet would otherwise hand it "
                      "back.",
                      TimeValue(Seconds(30)),
                      MakeTimeAccessor(&LeadNodeApp::m_suspicionTime),
                      MakeTimeChecker(Time(0)))
        .AddAttribute("HopAttempts",
                      "Attempts of a lookup hop before the lookup is routed around it (p2psim: "
                      "one timeout); the silent hop is then checked with RpcMaxAttempts PINGs "
                      "and dropped if it stays silent.",
                      UintegerValue(1),
                      MakeUintegerAccessor(&LeadNodeApp::m_hopAttempts),
                      MakeUintegerChecker<uint32_t>(1, 16))
        .AddAttribute("AlertAttempts",
                      "Attempts of the PING with which the receiver of an ALERT checks a "
                      "suspect (lead-spec.md 4.5: 2; the sender already tried RpcMaxAttempts "
                      "times).",
                      UintegerValue(2),
                      MakeUintegerAccessor(&LeadNodeApp::m_alertAttempts),
                      MakeUintegerChecker<uint32_t>(1, 16));
}

TypeId
LeadNodeApp::AddServiceAttributes(TypeId tid)
{
    // Keys, replication, range queries, the two-tier role, the hash model.
    return tid
        .AddAttribute("RangeWalk",
                      "How a range query walks the successors: chain (each vnode passes the scan "
                      "to its successor and sends its part straight to the client), client (each "
                      "vnode answers the client with its successors and the client asks the next) "
                      "or fanout (the start owner sends the scan at once to every successor it "
                      "knows whose arc the range covers; the last one known continues the same "
                      "way; count-limited queries walk the chain).",
                      EnumValue(LeadNodeApp::RANGE_WALK_CHAIN),
                      LEAD_ENUM_ACCESSOR(LeadNodeApp::RangeWalk, &LeadNodeApp::m_rangeWalk),
                      MakeEnumChecker(LeadNodeApp::RANGE_WALK_CHAIN,
                                      "chain",
                                      LeadNodeApp::RANGE_WALK_CLIENT,
                                      "client",
                                      LeadNodeApp::RANGE_WALK_FANOUT,
                                      "fanout"))
        .AddAttribute(
            "Role",
            "peer: a node of the ring; member: a member of a two-tier group "
            "(Marques-style baseline) that stores what its leader passes on and "
            "never joins the ring.",
            EnumValue(LeadNodeApp::ROLE_PEER),
            LEAD_ENUM_ACCESSOR(LeadNodeApp::Role, &LeadNodeApp::m_role),
            MakeEnumChecker(LeadNodeApp::ROLE_PEER, "peer", LeadNodeApp::ROLE_MEMBER, "member"))
        .AddAttribute("ReplicationInterval",
                      "Period of the replica refresh on the successors.",
                      TimeValue(Seconds(10)),
                      MakeTimeAccessor(&LeadNodeApp::m_replicationInterval),
                      MakeTimeChecker(MilliSeconds(1)))
        .AddAttribute("ReplicationFactor",
                      "Replicas of every key, on the next successors of distinct nodes.",
                      UintegerValue(3),
                      MakeUintegerAccessor(&LeadNodeApp::m_replicationFactor),
                      MakeUintegerChecker<uint32_t>(0, 16))
        .AddAttribute("MaxKeyOpAttempts",
                      "Lookups a Put/Get/Delete may need when owners turn out stale.",
                      UintegerValue(3),
                      MakeUintegerAccessor(&LeadNodeApp::m_maxKeyOpAttempts),
                      MakeUintegerChecker<uint32_t>(1, 16))
        .AddAttribute("ValueSize",
                      "Value size in bytes used by Put(key, callback).",
                      UintegerValue(1024),
                      MakeUintegerAccessor(&LeadNodeApp::m_valueSize),
                      MakeUintegerChecker<uint32_t>())
        .AddAttribute("MaxRangeQueryTime",
                      "A range query whose parts have not all arrived after this long "
                      "finishes incomplete.",
                      TimeValue(Seconds(10)),
                      MakeTimeAccessor(&LeadNodeApp::m_maxRangeQueryTime),
                      MakeTimeChecker(MilliSeconds(1)))
        .AddAttribute("HashModel",
                      "Key hash: a trained LearnedHashModel (RmiHashModel for LEAD, "
                      "ConsistentHashModel for Chord, LinearHashModel).",
                      PointerValue(),
                      MakePointerAccessor(&LeadNodeApp::m_hashModel),
                      MakePointerChecker<LearnedHashModel>());
}

TypeId
LeadNodeApp::AddTraceSources(TypeId tid)
{
    // Results, messages and the life cycle.
    return tid
        .AddTraceSource("LookupDone",
                        "A lookup finished (answered or timed out).",
                        MakeTraceSourceAccessor(&LeadNodeApp::m_lookupDoneTrace),
                        "ns3::lead::LeadNodeApp::LookupTracedCallback")
        .AddTraceSource("KeyOpDone",
                        "A Put, Get or Delete finished.",
                        MakeTraceSourceAccessor(&LeadNodeApp::m_keyOpDoneTrace),
                        "ns3::lead::LeadNodeApp::KeyOpTracedCallback")
        .AddTraceSource("RangeQueryDone",
                        "A range query finished (complete or not).",
                        MakeTraceSourceAccessor(&LeadNodeApp::m_rangeDoneTrace),
                        "ns3::lead::LeadNodeApp::RangeQueryTracedCallback")
        .AddTraceSource("Tx",
                        "A message left for the network (type, purpose, bytes, operation); "
                        "the same as the transport's Tx.",
                        MakeTraceSourceAccessor(&LeadNodeApp::m_txTrace),
                        "ns3::lead::LeadNodeApp::MessageTracedCallback")
        .AddTraceSource("Rx",
                        "A valid message arrived from the network (type, purpose, bytes, "
                        "operation); the same as the transport's Rx.",
                        MakeTraceSourceAccessor(&LeadNodeApp::m_rxTrace),
                        "ns3::lead::LeadNodeApp::MessageTracedCallback")
        .AddTraceSource("Drop",
                        "A malformed or misaddressed message was discarded.",
                        MakeTraceSourceAccessor(&LeadNodeApp::m_dropTrace),
                        "ns3::lead::LeadNodeApp::DropTracedCallback")
        .AddTraceSource("StateTransition",
                        "The node's life-cycle state changed.",
                        MakeTraceSourceAccessor(&LeadNodeApp::m_stateTrace),
                        "ns3::lead::LeadNodeApp::StateTracedCallback")
        .AddTraceSource("KeysMigrated",
                        "Keys arrived by hand-off or replication (count, purpose).",
                        MakeTraceSourceAccessor(&LeadNodeApp::m_keysMigratedTrace),
                        "ns3::lead::LeadNodeApp::MigrationTracedCallback")
        .AddTraceSource("ModelInstalled",
                        "The node installed a newer hash model version (the version, and the "
                        "image bytes fetched for it: 0 when installed locally).",
                        MakeTraceSourceAccessor(&LeadNodeApp::m_modelInstalledTrace),
                        "ns3::lead::LeadNodeApp::ModelTracedCallback")
        .AddTraceSource("ModelUpdateRound",
                        "A model update round this node coordinated ended (installed, or why "
                        "not).",
                        MakeTraceSourceAccessor(&LeadNodeApp::m_roundTrace),
                        "ns3::lead::LeadNodeApp::RoundTracedCallback")
        .AddTraceSource("BalancerAction",
                        "The dynamic Shadow Balancer added or retired a vnode, or recruited "
                        "other nodes to split one (\"add\", \"shed\" or \"recruit\", the "
                        "vnode id, the node's keys, the mean node load it estimated).",
                        MakeTraceSourceAccessor(&LeadNodeApp::m_balancerTrace),
                        "ns3::lead::LeadNodeApp::BalancerTracedCallback")
        .AddTraceSource("VnodeJoined",
                        "A vnode joined the ring.",
                        MakeTraceSourceAccessor(&LeadNodeApp::m_vnodeJoinedTrace),
                        "ns3::lead::LeadNodeApp::VnodeTracedCallback")
        .AddTraceSource("VnodeDeparted",
                        "A vnode left the ring (it stopped, crashed, or lost every "
                        "successor and joins again).",
                        MakeTraceSourceAccessor(&LeadNodeApp::m_vnodeDepartedTrace),
                        "ns3::lead::LeadNodeApp::VnodeTracedCallback");
}

TypeId
LeadNodeApp::GetTypeId()
{
    static TypeId tid = AddTraceSources(AddServiceAttributes(
        AddBalancerAttributes(AddUpdateAttributes(AddModelAttributes(AddFailureAttributes(
            AddRingAttributes(AddTransportAttributes(TypeId("ns3::lead::LeadNodeApp")
                                                         .SetParent<Application>()
                                                         .SetGroupName("Lead")
                                                         .AddConstructor<LeadNodeApp>()))))))));
    return tid;
}

// ------------------------------------------- the attributes as the protocol layer's settings

LeadVnodeConfig
LeadNodeApp::MakeVnodeConfig() const
{
    LeadVnodeConfig cfg;
    cfg.address = m_transport->GetAddress().Get();
    cfg.incarnation = m_incarnation;
    for (const auto& b : m_bootstrap)
    {
        cfg.bootstrap.push_back(b.Get());
    }
    cfg.successorListSize = m_successorListSize;
    cfg.fingerBase = m_fingerBase;
    cfg.stabilizeInterval = m_stabilizeInterval;
    cfg.successorListInterval = m_successorListInterval;
    cfg.fingerInterval = m_fingerInterval;
    cfg.joinProbeTime = m_joinProbeTime;
    cfg.successorHints = m_successorHints;
    cfg.alerts = m_alerts;
    cfg.suspicionTime = m_suspicionTime;
    cfg.alertAttempts = m_alertAttempts;
    cfg.hopAttempts = m_hopAttempts;
    cfg.joinRetryInterval = m_joinRetryInterval;
    cfg.maxLookupTime = m_maxLookupTime;
    cfg.lookupTimeout = std::max(m_lookupTimeout, m_maxLookupTime);
    cfg.iterative = m_lookupMode == LOOKUP_ITERATIVE;
    cfg.proximityRouting = m_routeSelection == ROUTE_PROXIMITY;
    cfg.peerRouting = m_peerRouting;
    cfg.proximityFingers = m_proximityFingers;
    cfg.gateway = m_gateway.Get();
    return cfg;
}

LeadRpc::Config
LeadNodeApp::MakeRpcConfig() const
{
    LeadRpc::Config rpc;
    rpc.initialTimeout = m_rpcInitialTimeout;
    rpc.maxTimeout = m_rpcMaxTimeout;
    rpc.minTimeout = std::min(m_rpcMinTimeout, m_rpcMaxTimeout);
    rpc.timeoutMultiplier = m_rpcTimeoutMultiplier;
    rpc.maxAttempts = m_rpcMaxAttempts;
    if (m_protocol == PROTOCOL_TCP)
    {
        // TCP retransmits by itself; a second copy of a request would only queue behind the
        // first. One attempt, given the time the datagram attempts would have had together.
        const double budget = (1U << m_rpcMaxAttempts) - 1;
        rpc.initialTimeout = m_rpcInitialTimeout * budget;
        rpc.maxTimeout = m_rpcMaxTimeout * budget;
        rpc.timeoutMultiplier = m_rpcTimeoutMultiplier * budget;
        rpc.maxAttempts = 1;
    }
    return rpc;
}

LeadKeyService::Config
LeadNodeApp::MakeKeyServiceConfig() const
{
    LeadKeyService::Config keys;
    keys.replicationFactor = m_replicationFactor;
    keys.replicationInterval = m_replicationInterval;
    keys.acceptAll = m_role == ROLE_MEMBER;
    keys.datagrams = m_protocol != PROTOCOL_TCP;
    keys.driftThreshold = m_driftThreshold;
    return keys;
}

LeadKeyClient::Config
LeadNodeApp::MakeKeyClientConfig() const
{
    LeadKeyClient::Config client;
    client.maxAttempts = m_maxKeyOpAttempts;
    client.datagrams = m_protocol != PROTOCOL_TCP;
    // In two-tier groups the owner answers after its member did.
    client.relayTime = m_members.empty() ? Time(0) : m_rpcInitialTimeout;
    return client;
}

LeadRangeClient::Config
LeadNodeApp::MakeRangeClientConfig() const
{
    LeadRangeClient::Config range;
    range.maxQueryTime = m_maxRangeQueryTime;
    range.clientWalk = m_rangeWalk == RANGE_WALK_CLIENT;
    range.fanOut = m_rangeWalk == RANGE_WALK_FANOUT;
    return range;
}

} // namespace lead
} // namespace ns3
