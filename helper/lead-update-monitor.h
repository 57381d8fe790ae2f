/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_UPDATE_MONITOR_H
#define LEAD_UPDATE_MONITOR_H

#include "ns3/application-container.h"
#include "ns3/lead-header.h"
#include "ns3/lead-node-app.h"
#include "ns3/lead-oracle.h"
#include "ns3/lead-results.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief What a model update run measures (lead-model-update-example): model versions on
 * the live nodes over time, ready vnodes, keys per physical node, update and heartbeat bytes
 * (counted from the Tx traces), keys moved, rounds, and when every live node held the final
 * version.
 */
class LeadUpdateMonitor
{
  public:
    /// One row of the time series.
    struct Sample
    {
        Time at;                    //!< when
        uint32_t live{0};           //!< live physical nodes
        uint32_t versionMin{0};     //!< oldest model version on a live node
        uint32_t versionMax{0};     //!< newest
        uint32_t onNewest{0};       //!< live nodes holding the newest
        uint32_t readyVnodes{0};    //!< vnodes whose drift passed the threshold
        double peerLoadMaxMean{0};  //!< primary keys per live node, max over mean
        double vnodeLoadMaxMean{0}; //!< primary keys per live vnode, max over mean
        uint64_t updateBytes{0};    //!< UPDATE, MODEL_ANNOUNCE and model fetch bytes so far
        uint64_t heartbeatBytes{0}; //!< HEARTBEAT bytes so far
        uint64_t keysMoved{0};      //!< keys migrated so far
        uint32_t rounds{0};         //!< rounds ended so far
        uint32_t installed{0};      //!< of them installed
    };

    /**
     * @brief Watch the nodes (connects to their traces).
     * @param apps the overlay nodes
     * @param oracle ground truth
     */
    LeadUpdateMonitor(const ApplicationContainer& apps, Ptr<LeadOracle> oracle);

    /**
     * @brief Count from `from` on and sample every `interval` until `to`; readiness is polled
     * every `interval` / 10 until the first ready vnode.
     * @param from start (keys moved, bytes and rounds count from here)
     * @param to end
     * @param interval between samples
     */
    void Start(Time from, Time to, Time interval);

    /**
     * @brief The samples so far.
     * @return the time series
     */
    const std::vector<Sample>& GetSamples() const;

    /**
     * @brief The rounds that ended.
     * @return their results
     */
    const std::vector<ModelUpdateRoundResult>& GetRounds() const;

    /**
     * @brief When the first vnode was seen ready.
     * @return the time, if any
     */
    std::optional<Time> GetFirstReady() const;

    /**
     * @brief A sample of now.
     * @return the sample
     */
    Sample Measure() const;

    /**
     * @brief Keys per live physical node, max over mean, had every key its owner under a
     * model (by the oracle).
     * @param model the model
     * @return max over mean
     */
    double PeerLoadUnder(const LearnedHashModel& model) const;

    /// Whether and when the live nodes converged on one version.
    struct Convergence
    {
        uint32_t version{0}; //!< the newest version on a live node
        bool all{false};     //!< every live node holds it
        Time lastInstall;    //!< when the last live node installed it (0 if none did)
    };

    /**
     * @brief The live nodes' versions now.
     * @return the convergence
     */
    Convergence GetConvergence() const;

    /**
     * @brief How long each installed round's version took to reach every node that installed
     * it: from the coordinator's install to the last node's.
     * @return the largest and the mean over the rounds (0 without rounds)
     */
    std::pair<Time, Time> GetVersionSpread() const;

    /**
     * @brief Write the time series as CSV.
     * @param path the file (aborts naming it if it cannot be written)
     */
    void WriteCsv(const std::string& path) const;

  private:
    void OnTx(LeadMessageType type, LeadPurpose purpose, uint32_t bytes);
    void Sampling(Time interval, Time to);
    void PollReady(Time interval, Time to);

    std::vector<Ptr<LeadNodeApp>> m_apps;             //!< the nodes
    Ptr<LeadOracle> m_oracle;                         //!< ground truth
    bool m_counting{false};                           //!< after Start's `from`
    uint64_t m_updateBytes{0};                        //!< counted
    uint64_t m_heartbeatBytes{0};                     //!< counted
    uint64_t m_keysMoved{0};                          //!< counted
    std::vector<ModelUpdateRoundResult> m_rounds;     //!< ended rounds
    std::vector<std::map<uint32_t, Time>> m_installs; //!< per node: version -> time
    std::optional<Time> m_firstReady;                 //!< first ready vnode
    std::vector<Sample> m_samples;                    //!< time series
};

} // namespace lead
} // namespace ns3

#endif // LEAD_UPDATE_MONITOR_H
