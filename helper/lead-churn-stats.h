/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_CHURN_STATS_H
#define LEAD_CHURN_STATS_H

#include "ns3/lead-header.h"
#include "ns3/lead-results.h"
#include "ns3/nstime.h"
#include "ns3/packet.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief What a churn run measures, as p2psim and OverSim report it: lookups correct,
 * incorrect and failed; gets and range queries; maintenance traffic per message type, in real
 * bytes and in p2psim's accounting; the live nodes over time; the times from failures to a
 * repaired ring. Everything counted inside the statistics window only (after the warm-up).
 */
class LeadChurnStats
{
  public:
    /// Outcome of a lookup, judged against the oracle when its answer arrived.
    enum LookupOutcome
    {
        CORRECT,   //!< the oracle's owner, within MaxLookupTime
        INCORRECT, //!< another vnode, within MaxLookupTime
        FAILED,    //!< no answer within MaxLookupTime
    };

    /// Traffic of one message type.
    struct TypeTraffic
    {
        uint64_t messages{0};    //!< messages sent
        uint64_t bytes{0};       //!< their real bytes (LEAD header, body, values)
        uint64_t p2psimBytes{0}; //!< p2psim's accounting of them
    };

    /// One row of the time series.
    struct Sample
    {
        Time at;                      //!< end of the interval
        uint32_t liveNodes{0};        //!< physical nodes up at its end
        uint64_t lookups{0};          //!< lookups finished in it
        uint64_t correct{0};          //!< of them correct
        uint64_t maintBytes{0};       //!< maintenance bytes sent in it
        uint64_t maintP2psimBytes{0}; //!< the same in p2psim's accounting
    };

    /**
     * @brief Statistics over [from, to).
     * @param from start of the window (after the warm-up)
     * @param to end of the window
     * @param interval length of a time-series row
     */
    LeadChurnStats(Time from, Time to, Time interval);

    /**
     * @brief A message left a node (the transport's TxPacket).
     * @param packet the whole message
     * @param now the time
     */
    void OnTx(Ptr<const Packet> packet, Time now);

    /**
     * @brief A lookup finished.
     * @param outcome judged against the oracle
     * @param now the time
     */
    void OnLookup(LookupOutcome outcome, Time now);

    /**
     * @brief A get of an acknowledged key finished.
     * @param ok it returned the key's value
     * @param now the time
     */
    void OnGet(bool ok, Time now);

    /**
     * @brief A range query finished.
     * @param complete every part arrived and every acknowledged key of the range came back
     * @param now the time
     */
    void OnRange(bool complete, Time now);

    /**
     * @brief The number of live physical nodes changed.
     * @param live nodes up from now on
     * @param now the time
     */
    void OnLiveNodes(uint32_t live, Time now);

    /**
     * @brief A ring repaired after a failure (its predecessor has the right successor).
     * @param failedAt when the node failed
     * @param now the time
     */
    void OnRepaired(Time failedAt, Time now);

    /**
     * @brief Close the last interval and the live-node integral at the window's end.
     */
    void Finish();

    /// Counters of the window.
    struct Totals
    {
        uint64_t lookups{0};        //!< lookups finished
        uint64_t correct{0};        //!< correct
        uint64_t incorrect{0};      //!< incorrect
        uint64_t failed{0};         //!< failed
        uint64_t gets{0};           //!< gets finished
        uint64_t getsOk{0};         //!< gets that returned their key
        uint64_t ranges{0};         //!< range queries finished
        uint64_t rangesComplete{0}; //!< complete ones
        double nodeSeconds{0};      //!< integral of live physical nodes over the window
    };

    /**
     * @brief The counters.
     * @return totals
     */
    const Totals& GetTotals() const;

    /**
     * @brief Traffic of a purpose and message type in the window.
     * @param purpose the purpose
     * @param type the message type
     * @return the traffic
     */
    const TypeTraffic& GetTraffic(LeadPurpose purpose, LeadMessageType type) const;

    /**
     * @brief Whether a purpose is ring maintenance (joins, stabilisation, fingers, alerts and
     * leave notices; not lookups and key operations, nor key hand-off and replication).
     * @param purpose the purpose
     * @return true for maintenance
     */
    static bool IsMaintenance(LeadPurpose purpose);

    /**
     * @brief Maintenance bytes per live node per second.
     * @param p2psim in p2psim's accounting instead of real bytes
     * @return the rate
     */
    double MaintenanceBytesPerNodeSecond(bool p2psim) const;

    /**
     * @brief Data-maintenance (hand-off and replication) bytes per live node per second.
     * @return the rate
     */
    double DataBytesPerNodeSecond() const;

    /**
     * @brief Repair times in seconds, in the order the repairs happened.
     * @return the times
     */
    const std::vector<double>& GetRepairTimes() const;

    /**
     * @brief The time series.
     * @return the rows
     */
    const std::vector<Sample>& GetSamples() const;

    /**
     * @brief Write `<prefix>-types.csv` (traffic per purpose and message type) and
     * `<prefix>-time.csv` (the time series); aborts naming a file it cannot write.
     * @param prefix path prefix
     */
    void WriteCsv(const std::string& prefix) const;

  private:
    /// Whether `now` is inside the window.
    bool InWindow(Time now) const;
    /// Close time-series rows up to `now`.
    void Roll(Time now);

    Time m_from;                                                              //!< window start
    Time m_to;                                                                //!< window end
    Time m_interval;                                                          //!< row length
    Totals m_totals;                                                          //!< counters
    std::array<std::array<TypeTraffic, 256>, LEAD_PURPOSE_COUNT> m_traffic{}; //!< by purpose, type
    std::vector<double> m_repairs;                                            //!< repair times (s)
    std::vector<Sample> m_samples;                                            //!< closed rows
    Sample m_current;                                                         //!< the open row
    uint32_t m_live{0};                                                       //!< live nodes now
    Time m_liveSince; //!< last change of m_live
};

} // namespace lead
} // namespace ns3

#endif // LEAD_CHURN_STATS_H
