/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_CHURN_HELPER_H
#define LEAD_CHURN_HELPER_H

#include "lead-churn-model.h"
#include "lead-churn-stats.h"

#include "ns3/application-container.h"
#include "ns3/lead-oracle.h"
#include "ns3/lead-vnode-ref.h"
#include "ns3/object.h"
#include "ns3/random-variable-stream.h"
#include "ns3/traced-callback.h"

#include <map>
#include <memory>
#include <vector>

namespace ns3
{
namespace lead
{

class LeadNodeApp;

/**
 * @ingroup lead
 * @brief Churn and its measurement: nodes fail (crash or leave) and come back after session
 * and down times from a LeadChurnModel, or as a trace file says, while each live node issues
 * lookups (and optionally gets and range queries) with exponential gaps, as p2psim's churn
 * generator does. The bootstrap nodes never fail.
 *
 * Every answer is judged against the oracle when it arrives. Maintenance traffic is taken
 * from the transports' TxPacket traces. After each failure, the vnodes that preceded the
 * failed node's vnodes are watched until they have the oracle's successor: the time to a
 * repaired ring. The results are in GetStats().
 */
class LeadChurnHelper : public Object
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    /// Where sessions come from (attribute Model).
    enum Model
    {
        MODEL_EXPONENTIAL = LeadChurnModel::EXPONENTIAL, //!< exponential
        MODEL_PARETO = LeadChurnModel::PARETO,           //!< Pareto
        MODEL_WEIBULL = LeadChurnModel::WEIBULL,         //!< Weibull
        MODEL_UNIFORM = LeadChurnModel::UNIFORM,         //!< uniform
        MODEL_TRACE,                                     //!< TraceFile
    };

    /// Signature of the NodeUp and NodeDown traces: node index, graceful (leave) or not.
    typedef void (*ChurnTracedCallback)(uint32_t node, bool graceful);

    LeadChurnHelper();
    ~LeadChurnHelper() override;

    /**
     * @brief Assign a fixed random variable stream.
     * @param stream first stream index
     * @return streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

    /**
     * @brief Drive churn and the workload on running applications.
     * @param apps the applications, one per node (indexes of the trace)
     * @param bootstraps the first `bootstraps` applications never fail
     * @param oracle the oracle the applications feed (live vnodes, acknowledged keys)
     * @param start start of churn (every node up and joined)
     * @param end end of the run
     */
    void Install(const ApplicationContainer& apps,
                 uint32_t bootstraps,
                 Ptr<LeadOracle> oracle,
                 Time start,
                 Time end);

    /**
     * @brief The measurements (complete after `end`).
     * @return the statistics
     */
    LeadChurnStats& GetStats();

    /**
     * @brief Acknowledged keys (put and never deleted) that no live vnode holds, as a primary
     * or a replica.
     * @return (keys acknowledged, keys lost)
     */
    std::pair<uint64_t, uint64_t> CountKeysLost() const;

    /**
     * @brief Physical nodes up now.
     * @return count
     */
    uint32_t GetLiveNodes() const;

    /**
     * @brief Failures so far (crashes and leaves).
     * @return count
     */
    uint32_t GetFailures() const;

  private:
    /**
     * @brief The workload and measurement attributes (GetTypeId adds the churn ones).
     * @param tid the TypeId being built
     * @return it, with the attributes added
     */
    static TypeId AddWorkloadAttributes(TypeId tid);
    void DoDispose() override;
    /// Schedule the sessions of every churning node.
    void ScheduleSessions(Time start, Time end);
    /// Node `i` fails.
    void Down(uint32_t i);
    /// Node `i` comes back.
    void Up(uint32_t i);

    /// What a live node issues.
    enum Kind
    {
        LOOKUP, //!< a lookup of a random position
        GET,    //!< a get of an acknowledged key
        RANGE,  //!< a range query over acknowledged keys
    };

    /// The next operation of `kind` of node `i`.
    void Next(uint32_t i, Kind kind);
    /// Issue one operation of `kind` from node `i`.
    void Issue(uint32_t i, Kind kind);
    /// Check the watched repairs.
    void CheckRepairs();
    /// Draw an exponential gap.
    Time Gap(Time mean);

    /// A failure whose ring has not yet been repaired.
    struct Repair
    {
        VnodeRef before; //!< the vnode before the failed one
        Time failedAt;   //!< when it failed
    };

    Model m_model;           //!< session source
    Time m_sessionMean;      //!< mean session
    Time m_downMean;         //!< mean down time
    double m_paretoShape;    //!< Pareto shape
    double m_weibullShape;   //!< Weibull shape
    double m_leaveShare;     //!< share of graceful leaves
    bool m_newIdentity;      //!< come back with new vnode ids
    std::string m_traceFile; //!< sessions file (Model=trace)
    Time m_lookupMean;       //!< mean gap between a node's lookups (0: none)
    Time m_getMean;          //!< mean gap between a node's gets (0: none)
    Time m_rangeMean;        //!< mean gap between a node's range queries (0: none)
    uint32_t m_rangeLength;  //!< keys per range query
    Time m_warmUp;           //!< statistics start this long after churn starts
    Time m_interval;         //!< time-series interval
    Time m_repairCheck;      //!< period of the repair checks

    Ptr<UniformRandomVariable> m_rng;              //!< every draw
    std::vector<Ptr<LeadNodeApp>> m_apps;          //!< the nodes
    uint32_t m_bootstraps{1};                      //!< nodes that never fail
    Ptr<LeadOracle> m_oracle;                      //!< ground truth
    std::map<uint32_t, Ptr<LeadNodeApp>> m_byAddr; //!< apps by address
    std::unique_ptr<LeadChurnStats> m_stats;       //!< measurements
    std::vector<Repair> m_repairs;                 //!< failures being repaired
    std::vector<uint64_t> m_keys;               //!< the oracle's keys, sorted (constant-time draws)
    EventId m_repairEvent;                      //!< next repair check
    uint32_t m_live{0};                         //!< nodes up
    uint32_t m_failures{0};                     //!< failures so far
    Time m_end;                                 //!< end of the run
    TracedCallback<uint32_t, bool> m_upTrace;   //!< a node came back
    TracedCallback<uint32_t, bool> m_downTrace; //!< a node failed
};

} // namespace lead
} // namespace ns3

#endif // LEAD_CHURN_HELPER_H
