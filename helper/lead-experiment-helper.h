/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_EXPERIMENT_HELPER_H
#define LEAD_EXPERIMENT_HELPER_H

#include "lead-helper.h"
#include "lead-stats-collector.h"
#include "lead-workload.h"

#include "ns3/application-container.h"
#include "ns3/lead-key-store.h"
#include "ns3/lead-results.h"
#include "ns3/node-container.h"
#include "ns3/nstime.h"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <vector>

namespace ns3
{
namespace lead
{

class LeadNodeApp;
class LeadPhtClient;
class PhtIndex;

/**
 * @ingroup lead
 * @brief One experiment on a set of hosts: builds a named system, loads its keys, runs a
 * workload, checks every answer against the oracle, and reports per cell (a range length or
 * an operation kind) latency, messages, bytes and exactness, and the load balance.
 *
 * Systems (all on the same LeadNodeApp code; lead-spec.md 7):
 * - lead: learned hash (RMI), one lookup and a successor walk;
 * - chord, chord-batched: consistent hashing (SHA-1), one Get per key, sequentially or in
 *   batches of BatchSize;
 * - marques: two-tier range partition: the first hosts / (1 + GroupSize) hosts are group
 *   leaders on the ring (learned hash), the others members holding equal sub-arcs;
 * - pht: a prefix hash tree (buckets of PhtBucket keys) stored on Chord;
 * - linear: min-max scaling, the LEAD walk without learning.
 *
 * A range answer is exact when it is complete, holds every key acknowledged before it was
 * issued, and nothing outside the range or never stored; a get must find its key.
 */
class LeadExperimentHelper
{
  public:
    /// What the experiment is made of.
    struct Config
    {
        std::string system{"lead"};          //!< see the class description
        std::string hash;                    //!< override: rmi, sha1 or linear (empty: by system)
        std::string dataset{"lognormal"};    //!< KeyDataset distribution name
        uint64_t keys{5000};                 //!< keys loaded
        uint64_t freshKeys{0};               //!< keys held out for puts
        uint32_t vnodes{5};                  //!< virtual nodes per ring node
        uint32_t valueSize{100};             //!< bytes per value
        uint32_t batchSize{100};             //!< chord-batched: Gets per batch
        uint32_t groupSize{5};               //!< marques: members per leader
        uint32_t phtBucket{100};             //!< pht: most keys per trie leaf
        Time joinStart{Seconds(1)};          //!< first node's start
        Time joinSpacing{MilliSeconds(500)}; //!< between ring nodes' starts
        Time putSpacing{MicroSeconds(500)};  //!< between puts of the load
        Time maxRtt{0};                      //!< > 0: RPC, lookup, range timeouts from it
    };

    /// Measurements of one cell (a range length, or an operation kind).
    struct Cell
    {
        std::vector<double> latencyMs; //!< per answer
        double messages{0};            //!< sum
        double bytes{0};               //!< sum
        double visited{0};             //!< sum of vnodes visited
        double length{0};              //!< sum of keys stored in the ranges
        uint32_t exact{0};             //!< exact answers
        std::vector<double> floorMs;   //!< per query: round trip client - start key's holder
    };

    /**
     * @brief The system names.
     * @return lead, chord, chord-batched, marques, pht, linear
     */
    static const std::vector<std::string>& Systems();

    /**
     * @brief An experiment (aborts naming the system if it is unknown).
     * @param config what it is made of
     */
    explicit LeadExperimentHelper(const Config& config);
    ~LeadExperimentHelper();

    LeadExperimentHelper(const LeadExperimentHelper&) = delete;
    LeadExperimentHelper& operator=(const LeadExperimentHelper&) = delete;

    /**
     * @brief Set an attribute of the LeadNodeApps before Install.
     * @param name attribute name
     * @param value its value
     */
    void SetOverlayAttribute(const std::string& name, const AttributeValue& value);

    /**
     * @brief Tell the experiment the hosts' round trips (LeadTopology::GetRtt), for the
     * physical floor of each range query: the round trip from its client to the host that
     * holds its start key (CSV column floor_ms; without it, or where a round trip is unknown,
     * nan).
     * @param rtt round trip between two host indices (negative: unknown)
     */
    void SetRtt(std::function<Time(uint32_t, uint32_t)> rtt);

    /**
     * @brief Generate the keys, train the hash, install the overlay on the hosts (fixing its
     * streams from 10), assign the two-tier roles, create the PHT clients, set start times.
     * @param hosts the hosts
     * @return the applications
     */
    ApplicationContainer Install(const NodeContainer& hosts);

    /**
     * @brief Time the last ring node starts.
     * @return the time
     */
    Time GetLastJoin() const;

    /**
     * @brief Store every key (for the PHT: its trie), one put every PutSpacing from the ring
     * nodes in turn; every put must be acknowledged.
     * @param start time of the first put
     * @return time of the last put
     */
    Time ScheduleLoad(Time start);

    /**
     * @brief Place every key at once, without messages, in the store of the vnode the oracle
     * names as its position's owner (a two-tier leader's member for the marques system), and
     * tell the oracle: for millions of keys, whose puts would dominate the run. Call it for a
     * time when the ring has settled (every vnode joined, successors exact); no replicas are
     * made (use ReplicationFactor 0, as the authors' simulator, or let replication copy them).
     * @param at the time
     */
    void Preload(Time at);

    /**
     * @brief Range queries one after another (each 1 s after the previous answer): `queries`
     * ranges of each length, from random ring nodes; the simulation stops 1 s after the last
     * answer.
     * @param start time of the first query
     * @param lengths range lengths, in keys
     * @param queries queries per length
     */
    void ScheduleRangeSeries(Time start, const std::vector<uint32_t>& lengths, uint32_t queries);

    /**
     * @brief A Poisson mix of gets, puts of held-out keys and range queries.
     * @param start time the arrival clock starts
     * @param workload the generator (streams assigned)
     * @return time of the last operation
     */
    Time SchedulePoisson(Time start, Ptr<LeadWorkload> workload);

    /**
     * @brief A get of every loaded key, one every PutSpacing (checked by the statistics).
     * @param start time of the first get
     */
    void ScheduleReads(Time start);

    /**
     * @brief Lookups of random positions from random nodes, 2 ms apart (checked by the
     * statistics).
     * @param start time of the first lookup
     * @param count how many
     */
    void ScheduleLookups(Time start, uint32_t count);

    /**
     * @brief Check the ring against the oracle once a second from `from` until it is exact or
     * `until` comes (GetConvergence).
     * @param from first check
     * @param until last check
     */
    void WatchConvergence(Time from, Time until);

    /**
     * @brief Vnodes that have not joined, and joined vnodes whose successor is not the next
     * live vnode.
     * @return (unjoined, wrong successors)
     */
    std::pair<uint32_t, uint32_t> RingState() const;

    /**
     * @brief When the ring was first exact, after the last join.
     * @return the time after GetLastJoin(), if it was
     */
    std::optional<Time> GetConvergence() const;

    /**
     * @brief Measurements of a cell ("10", "100", ... for range series; "get", "put",
     * "range" for the Poisson mix).
     * @param name the cell
     * @return its measurements (empty if nothing was measured)
     */
    const Cell& GetCell(const std::string& name) const;

    /**
     * @brief Whether every answer was exact and every put of the load acknowledged.
     * @return true if so
     */
    bool IsExact() const;

    /**
     * @brief Answers recorded in some cells.
     * @param cells the cells
     * @return count
     */
    uint32_t CountAnswered(const std::vector<std::string>& cells) const;

    /**
     * @brief Puts of the load acknowledged.
     * @return count
     */
    uint64_t GetStored() const;

    /**
     * @brief Items of the load (keys; for the PHT trie markers too).
     * @return count
     */
    uint64_t GetLoadSize() const;

    /**
     * @brief Most keys held by one vnode (marques: one member) over the mean.
     * @return the ratio
     */
    double GetLoadMaxMean() const;

    /**
     * @brief Keys held per physical peer (the sum over its vnodes; for marques, per member),
     * max over mean: the Shadow Balancer's measure.
     * @return the ratio (0 before any key is held)
     */
    double GetPeerLoadMaxMean() const;

    /**
     * @brief Keys held per physical node that stores keys (ring nodes; marques: members).
     * @return one entry per node
     */
    std::vector<double> GetPeerLoads() const;

    /**
     * @brief The range comparison's summary line for some cells.
     * @param cells the cells, in order
     * @param issued queries issued (the line reports exact/issued)
     * @param poisson label cells as operations (get_ms) instead of lengths (len10_ms)
     * @return "summary: system=... status fields"
     */
    std::string Summary(const std::vector<std::string>& cells, uint32_t issued, bool poisson) const;

    /**
     * @brief The header of the range comparison's CSV.
     * @param out the stream
     */
    static void WriteCsvHeader(std::ostream& out);

    /**
     * @brief One CSV row per cell.
     * @param out the stream
     * @param cells the cells, in order
     * @param poisson rows of operations (op column) instead of range lengths
     */
    void WriteCsv(std::ostream& out, const std::vector<std::string>& cells, bool poisson) const;

    /**
     * @brief A ring node's application.
     * @param i index among the hosts
     * @return the application
     */
    Ptr<LeadNodeApp> App(uint32_t i) const;

    /**
     * @brief The hosts that run ring nodes (marques: the leaders).
     * @return count
     */
    uint32_t GetRingNodes() const;

    /**
     * @brief The loaded keys, ascending.
     * @return the keys
     */
    const std::vector<uint64_t>& GetKeys() const;

    /**
     * @brief The overlay helper (oracle, ledger, streams).
     * @return the helper
     */
    LeadHelper& GetOverlay();

    /**
     * @brief The statistics of the applications' traces (lookups, gets, traffic).
     * @return the collector
     */
    LeadStatsCollector& GetStats();

  private:
    /// Fill m_load with what the load stores (the keys, or the PHT's trie nodes), once.
    void BuildLoad();

    /// Count the dynamic balancer's actions and the migrations from its first one on.
    void WatchBalancer();
    void MakeKeys();
    void AssignGroups(const NodeContainer& hosts);
    void Record(const std::string& cell,
                bool exact,
                Time latency,
                double messages,
                double bytes,
                double visited,
                double length);
    std::vector<uint64_t> StoredIn(uint64_t lo, uint64_t hi) const;
    void IssueRange(uint32_t client,
                    uint64_t lo,
                    uint64_t hi,
                    const std::string& cell,
                    std::function<void()> then);
    void NoteFloor(uint32_t client, uint64_t key, const std::string& cell);
    void CheckRange(const RangeQueryResult& r,
                    const std::vector<uint64_t>& before,
                    uint64_t lo,
                    uint64_t hi,
                    const std::string& cell);
    void IssueOp(const WorkloadOp& op);
    Callback<void, const KeyOpResult&> KeyOpCheck(const std::string& cell, bool mustFind);

    Config m_config;                               //!< the experiment
    bool m_ordered{false};                         //!< order-preserving system
    LeadHelper m_overlay;                          //!< the overlay and the oracle
    LeadStatsCollector m_stats;                    //!< trace statistics
    ApplicationContainer m_apps;                   //!< one per host
    uint32_t m_ringNodes{0};                       //!< hosts on the ring
    Ptr<LearnedHashModel> m_model;                 //!< the hash
    std::vector<uint64_t> m_keys;                  //!< loaded keys
    std::vector<uint64_t> m_fresh;                 //!< held-out keys
    std::set<uint64_t> m_dataKeys;                 //!< every key of the data set
    std::unique_ptr<PhtIndex> m_phtIndex;          //!< pht: the trie
    std::vector<Ptr<LeadPhtClient>> m_pht;         //!< pht: one client per host
    std::vector<LeadKeyStore::Item> m_load;        //!< what the load stores
    uint64_t m_loaded{0};                          //!< load puts acknowledged
    uint64_t m_balancerActions{0};                 //!< vnodes the dynamic balancer added or shed
    uint64_t m_balancerKeys{0};                    //!< keys migrated from its first action on
    uint64_t m_balancerBytes{0};                   //!< MIGRATION bytes sent from then on
    uint64_t m_viewBytes{0};                       //!< MEMBERSHIP bytes sent (one-hop view)
    uint64_t m_viewBytesQueries{0};                //!< of them, from the first query on
    std::optional<Time> m_queryStart;              //!< first query (or workload start)
    std::set<uint64_t> m_puts;                     //!< workload puts issued
    std::map<std::string, Cell> m_cells;           //!< measurements
    std::function<Time(uint32_t, uint32_t)> m_rtt; //!< hosts' round trips (may be empty)
    bool m_exact{true};                            //!< every answer exact so far
    std::optional<Time> m_converged;               //!< first exact ring after the last join
};

} // namespace lead
} // namespace ns3

#endif // LEAD_EXPERIMENT_HELPER_H
