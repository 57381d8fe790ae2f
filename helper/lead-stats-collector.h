/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_STATS_COLLECTOR_H
#define LEAD_STATS_COLLECTOR_H

#include "ns3/application-container.h"
#include "ns3/lead-header.h"
#include "ns3/lead-oracle.h"
#include "ns3/lead-results.h"
#include "ns3/nstime.h"

#include <array>
#include <map>
#include <string>
#include <vector>

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief Turns the trace sources of LeadNodeApps into statistics: messages and bytes per
 * message type and purpose (total and per node per second), lookup and key-operation
 * outcomes checked against the oracle, and hop and latency percentiles. Writes CSV.
 */
class LeadStatsCollector
{
  public:
    /**
     * @brief Listen to the traces of these applications.
     * @param apps LeadNodeApps
     * @param oracle ground truth for correctness (may be null)
     */
    void Install(ApplicationContainer apps, Ptr<LeadOracle> oracle);

    /**
     * @brief Start counting traffic from now on (e.g. after the warm-up).
     * @param now the time
     */
    void ResetTraffic(Time now);

    /// Lookup outcomes.
    struct LookupStats
    {
        uint64_t issued{0};    //!< finished lookups
        uint64_t correct{0};   //!< answered with the oracle's owner
        uint64_t incorrect{0}; //!< answered with another vnode
        uint64_t failed{0};    //!< no answer within MaxLookupTime (p2psim's failed)
        uint64_t late{0};      //!< of the failed: answered, but at or after MaxLookupTime
        uint64_t lateWrong{0}; //!< of the late: answered with another vnode
    };

    /// Key-operation outcomes.
    struct KeyOpStats
    {
        uint64_t puts{0};       //!< puts finished
        uint64_t putsOk{0};     //!< puts acknowledged
        uint64_t gets{0};       //!< gets finished
        uint64_t getsFound{0};  //!< gets that returned the stored value
        uint64_t getsLost{0};   //!< gets of acknowledged keys that came back empty or wrong
        uint64_t getsFailed{0}; //!< gets with no answer
    };

    /**
     * @brief Lookup outcomes (user lookups only).
     * @return the counts
     */
    const LookupStats& GetLookupStats() const;

    /**
     * @brief Key-operation outcomes.
     * @return the counts
     */
    const KeyOpStats& GetKeyOpStats() const;

    /**
     * @brief A percentile of the hops of answered user lookups.
     * @param p percentile in [0, 100]
     * @return hops (0 if none)
     */
    double HopPercentile(double p) const;

    /**
     * @brief A percentile of the latency of answered user lookups.
     * @param p percentile in [0, 100]
     * @return latency (0 if none)
     */
    Time LatencyPercentile(double p) const;

    /**
     * @brief Mean hops of answered user lookups.
     * @return mean
     */
    double MeanHops() const;

    /**
     * @brief Write per type and purpose: messages, bytes, messages and bytes per node per
     * second since ResetTraffic().
     * @param path CSV file (aborts with its name if it cannot be written)
     * @param now end of the measurement
     */
    void WriteTrafficCsv(const std::string& path, Time now) const;

    /**
     * @brief Write one row of outcomes and percentiles: lookups (issued, correct, incorrect,
     * failed), hops (mean, p10, p50, p90), latency in ms (p10, p50, p90, p99), puts and gets.
     * @param path CSV file (aborts with its name if it cannot be written)
     */
    void WriteSummaryCsv(const std::string& path) const;

    /**
     * @brief Total messages and bytes sent since ResetTraffic().
     * @return (messages, bytes)
     */
    std::pair<uint64_t, uint64_t> GetTotalTraffic() const;

  private:
    void OnTx(LeadMessageType type, LeadPurpose purpose, uint32_t bytes, uint64_t op);
    void OnLookup(const LookupResult& r);
    void OnKeyOp(const KeyOpResult& r);

    /// Messages and bytes of one (type, purpose).
    struct Counter
    {
        uint64_t messages{0}; //!< messages
        uint64_t bytes{0};    //!< bytes
    };

    Ptr<LeadOracle> m_oracle;                                 //!< ground truth
    uint32_t m_nodes{0};                                      //!< applications listened to
    Time m_trafficStart;                                      //!< start of the traffic window
    std::map<std::pair<uint8_t, uint8_t>, Counter> m_traffic; //!< (type, purpose) -> counts
    LookupStats m_lookups;                                    //!< lookup outcomes
    KeyOpStats m_keyOps;                                      //!< key-operation outcomes
    std::vector<uint32_t> m_hops;                             //!< hops of answered lookups
    std::vector<int64_t> m_latencyNs;                         //!< latency of answered lookups
};

} // namespace lead
} // namespace ns3

#endif // LEAD_STATS_COLLECTOR_H
