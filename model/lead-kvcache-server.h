/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_KVCACHE_SERVER_H
#define LEAD_KVCACHE_SERVER_H

#include "lead-kvcache-header.h"
#include "lead-radix-tree.h"
#include "lead-results.h"

#include "ns3/application.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/random-variable-stream.h"
#include "ns3/traced-callback.h"

#include <deque>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace ns3
{

class Socket;
class Packet;

namespace lead
{

class LeadKvCacheFabric;
class LeadKvCacheLedger;
class LeadNodeApp;

/**
 * @ingroup lead
 * @brief An LLM serving node of the KV-cache case study (one GPU, Llama-3 8B by default).
 *
 * A request's prompt is a list of 16-token KV blocks. The node reuses the longest prefix it
 * holds in its own cache (a LeadRadixTree with LRU eviction), finds and fetches further
 * cached blocks from other nodes as its System prescribes, prefills the rest on its GPU (one
 * FIFO queue; decode runs in continuous batches and does not hold the queue), caches the whole
 * prompt and announces its new blocks. Systems:
 * - lead, chord-doc: one range query per run of missing blocks on the overlay (learned hash,
 *   or consistent hashing of the document); the index maps a block to its holder;
 * - chord: one Get per block on the overlay, a window at a time, until the first miss;
 * - chord-batched: Chord's per-owner option: one lookup per block (a window at a time), then
 *   one scan per owner for all its blocks;
 * - central: one query to a central index server (LeadKvCacheIndex);
 * - dualmap: the front end places the request (LeadKvCacheFrontEnd); no KV moves;
 * - p2p-router: radix-tree snapshots gossiped by anti-entropy; the entry node forwards a
 *   request at most once, to the peer with the longest estimated match; no KV moves;
 * - upper-bound: the best holder's blocks arrive at link speed with no lookup (an oracle).
 * Control messages are LeadKvCacheHeader datagrams; KV payloads move through the shared
 * LeadKvCacheFabric. Every message is counted in the LeadKvCacheLedger when it is sent.
 */
class LeadKvCacheServer : public Application
{
  public:
    /// The system under test.
    enum class System
    {
        LEAD,
        CHORD,
        CHORD_BATCHED,
        CHORD_DOC,
        CENTRAL,
        DUALMAP,
        P2P_ROUTER,
        UPPER_BOUND,
    };

    /// @return the systems' names, in the order of System
    static const std::vector<std::string>& SystemNames();

    /**
     * @brief Parse a system name.
     * @param name lead, chord, chord-batched, chord-doc, central, dualmap, p2p-router or
     * upper-bound
     * @param system set on success
     * @return false if the name is unknown
     */
    static bool ParseSystem(const std::string& name, System& system);

    /**
     * @brief Whether a system keeps its index on the overlay.
     * @param system the system
     * @return true for lead, chord, chord-batched and chord-doc
     */
    static bool UsesOverlay(System system);

    /// Where the other parties are.
    struct Peers
    {
        uint16_t self{0};                 //!< this server's index
        std::vector<Ipv4Address> servers; //!< every serving node, by index
        Ipv4Address frontEnd;             //!< the front end
        Ipv4Address index;                //!< the central index server
        Time oneWay;                      //!< one-way delay between two servers
    };

    static TypeId GetTypeId();
    LeadKvCacheServer();
    ~LeadKvCacheServer() override;

    /**
     * @brief Wire the server (before it starts).
     * @param system the system under test
     * @param peers the other parties
     * @param fabric moves KV payloads
     * @param ledger counts costs
     */
    void Setup(System system,
               const Peers& peers,
               Ptr<LeadKvCacheFabric> fabric,
               Ptr<LeadKvCacheLedger> ledger);

    /**
     * @brief The overlay node on the same host (lead, chord, chord-doc).
     * @param app the overlay application
     */
    void SetOverlay(Ptr<LeadNodeApp> app);

    /**
     * @brief Every server, by index (holders of fetched KV; the upper bound's oracle).
     * @param cluster the servers
     */
    void SetCluster(const std::vector<Ptr<LeadKvCacheServer>>& cluster);

    /// @return the KV cache
    const LeadRadixTree& GetCache() const;

    /// @return GPU seconds spent prefilling
    double GetBusySeconds() const;

    /// @return prefill tokens computed
    uint64_t GetPrefillTokens() const;

    /// @return datagrams dropped as malformed or unexpected
    uint64_t GetDropCount() const;

    /// @return index puts that failed (DHT systems)
    uint64_t GetPublishFailures() const;

    /// @return requests forwarded to a peer (P2P router)
    uint64_t GetForwardCount() const;

    /**
     * @brief Assign a fixed random stream.
     * @param stream first stream index
     * @return streams used
     */
    int64_t AssignStreams(int64_t stream);

    /// Signature of the Drop trace.
    typedef void (*DropTracedCallback)(Ptr<const Packet> packet, const std::string& reason);
    /// Signature of the Fetched trace: request, holder, the blocks that arrived, in order.
    typedef void (*FetchedTracedCallback)(uint64_t request,
                                          uint16_t holder,
                                          const std::vector<uint64_t>& blocks);
    /// Signature of the Forwarded trace: request, target, blocks its estimate promised.
    typedef void (*ForwardedTracedCallback)(uint64_t request, uint16_t target, uint32_t blocks);

  protected:
    void DoDispose() override;

  private:
    /// A request being served here.
    struct Job
    {
        LeadKvCacheHeader request;                //!< as received
        std::vector<uint64_t> blocks;             //!< its blocks
        uint32_t local{0};                        //!< cached here
        std::vector<uint16_t> holder;             //!< per block: holder + 1 (0: unknown)
        uint32_t found{0};                        //!< blocks after `local` with a known holder
        uint32_t reuse{0};                        //!< local + contiguous fetched
        std::map<uint32_t, uint32_t> spanLength;  //!< fetch span offset -> blocks asked
        std::map<uint32_t, uint32_t> spanGranted; //!< span offset -> blocks granted
        std::set<uint32_t> spanReplied;           //!< spans whose FETCH_REPLY arrived
        std::set<uint32_t> spanMoved;             //!< spans whose payload arrived
        uint32_t pending{0};                      //!< lookups or fetches outstanding
        uint32_t chordNext{0};                    //!< chord: next block to Get
        bool chordMiss{false};                    //!< chord: a Get found nothing
        std::set<uint64_t> owners;                //!< chord: index owners (vnode ids) that answered
        std::vector<uint64_t> ownerOf;            //!< chord-batched: owner position per block
        uint32_t visited{0};                      //!< ranges: vnodes that scanned; central: 1
        Time arrival;                             //!< at this server
        Time located;                             //!< lookups done
        Time fetched;                             //!< payloads in
        EventId timer;                            //!< fetch deadline
        bool fetching{false};                     //!< in the fetch phase
    };

    static TypeId AddRouterAttributes(TypeId tid);
    void StartApplication() override;
    void StopApplication() override;

    // lead-kvcache-server.cc: sockets, the request's life, the GPU.
    void HandleRead(Ptr<Socket> socket);
    void Dispatch(const LeadKvCacheHeader& h, Ipv4Address from, Ptr<Packet> packet);
    void Send(Ipv4Address to, const LeadKvCacheHeader& h, uint64_t request, bool control);
    void OnRequest(const LeadKvCacheHeader& h, bool forwarded);
    void Located(uint64_t id);
    void StartFetch(uint64_t id);
    void OnFetch(const LeadKvCacheHeader& h, Ipv4Address from);
    void OnFetchReply(const LeadKvCacheHeader& h);
    void SpanMoved(uint64_t id, uint32_t offset, uint16_t holder, std::vector<uint64_t> blocks);
    void CheckFetched(uint64_t id);
    void FetchTimeout(uint64_t id);
    void Prefill(uint64_t id);
    void PrefillDone(uint64_t id, Time queued, Time prefill);
    int32_t IndexOf(Ipv4Address address) const;

    // lead-kvcache-server-index.cc: finding cached blocks and announcing new ones.
    void Locate(uint64_t id);
    void LocateRanges(uint64_t id);
    void RangeDone(uint64_t id, const RangeQueryResult& r);
    void PlaceHolders(Job& job, const RangeQueryResult& r) const;
    void LocatedByHolders(uint64_t id);
    void ChordWindow(uint64_t id);
    void ChordGetDone(uint64_t id, uint32_t offset, const KeyOpResult& r);
    void LocateCentral(uint64_t id);
    void BatchedLookups(uint64_t id);
    void BatchedLookupDone(uint64_t id, uint32_t offset, const LookupResult& r);
    void BatchedScans(uint64_t id);
    void BatchedScanDone(uint64_t id, const RangeQueryResult& r);
    void OnIndexReply(const LeadKvCacheHeader& h);
    void LocateOracle(uint64_t id);
    void Publish(const Job& job);
    void PublishNext();

    // lead-kvcache-server-gossip.cc: the P2P prefix-cache router.
    void GossipTick();
    void SendSnapshot(Ipv4Address to, bool reply);
    void OnGossip(const LeadKvCacheHeader& h, Ipv4Address from);
    bool MaybeForward(Job& job);

    System m_system{System::LEAD};                 //!< system under test
    Peers m_peers;                                 //!< the others
    Ptr<LeadKvCacheFabric> m_fabric;               //!< KV payloads
    Ptr<LeadKvCacheLedger> m_ledger;               //!< costs
    Ptr<LeadNodeApp> m_overlay;                    //!< DHT systems
    std::vector<Ptr<LeadKvCacheServer>> m_cluster; //!< every server
    Ptr<Socket> m_socket;                          //!< control datagrams
    LeadRadixTree m_cache;                         //!< KV held here
    std::map<uint64_t, Job> m_jobs;                //!< requests in progress
    Time m_busyUntil;                              //!< GPU free from
    double m_busySeconds{0};                       //!< GPU work done
    uint64_t m_prefillTokens{0};                   //!< tokens prefilled
    uint64_t m_drops{0};                           //!< datagrams dropped
    uint64_t m_forwards{0};                        //!< requests forwarded
    std::deque<uint64_t> m_publishQueue;           //!< index puts waiting
    uint32_t m_publishInFlight{0};                 //!< index puts outstanding
    uint64_t m_publishFailures{0};                 //!< index puts that failed

    // P2P router state.
    /// A snapshot being reassembled.
    struct Assembly
    {
        uint64_t version{0};                             //!< snapshot version
        uint16_t count{0};                               //!< chunks expected
        std::map<uint16_t, std::vector<uint8_t>> chunks; //!< received
        bool reply{false};                               //!< a push-pull reply
    };

    std::map<uint16_t, LeadRadixTree> m_estimates; //!< peer -> estimated cache
    std::map<uint16_t, Assembly> m_assembly;       //!< peer -> snapshot in progress
    uint64_t m_version{0};                         //!< own snapshot version
    EventId m_gossipEvent;                         //!< next round
    Ptr<UniformRandomVariable> m_rng;              //!< gossip peers, ties, jitter

    // Attributes.
    uint16_t m_port{5200};          //!< control port
    uint64_t m_capacity{100000};    //!< cache capacity in blocks
    uint64_t m_blockBytes{2097152}; //!< KV bytes per block
    Time m_prefillPerToken;         //!< GPU time per uncached prompt token
    Time m_decodePerToken;          //!< per output token (end-to-end latency only)
    uint32_t m_chordWindow{32};     //!< DHT: Gets (chord) and index Puts in flight
    uint32_t m_entryBytes{8};       //!< index entry value size
    Time m_fetchTimeout;            //!< give up waiting for fetched KV
    Time m_gossipInterval;          //!< P2P router: between rounds
    uint32_t m_gossipFanout{1};     //!< P2P router: peers per round
    double m_localThreshold{0.5};   //!< P2P router: serve locally above this match share
    uint32_t m_minGain{1};          //!< P2P router: blocks a forward must gain

    TracedCallback<Ptr<const Packet>, const std::string&> m_dropTrace; //!< malformed input
    TracedCallback<uint64_t, uint16_t, const std::vector<uint64_t>&> m_fetchedTrace; //!< KV in
    TracedCallback<uint64_t, uint16_t, uint32_t> m_forwardedTrace; //!< P2P forwards
};

} // namespace lead
} // namespace ns3

#endif // LEAD_KVCACHE_SERVER_H
