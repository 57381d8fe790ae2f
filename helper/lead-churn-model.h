/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_CHURN_MODEL_H
#define LEAD_CHURN_MODEL_H

#include "ns3/nstime.h"

#include <cstdint>
#include <functional>
#include <istream>
#include <string>
#include <vector>

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief When nodes are up: session and down times drawn from a distribution, or a replayed
 * trace (lead-spec.md 10; p2psim's churn generators).
 *
 * A node alternates between sessions (up) and down times; each is drawn with its own mean
 * from one of four distributions, by inverse transform of a uniform number in [0, 1), so that
 * the caller owns the random stream (AssignStreams):
 * - exponential: mean m (p2psim's default: sessions 1 h, down times 25 min);
 * - Pareto with shape a > 1 and the scale that gives mean m: m (a - 1) / a;
 * - Weibull with shape k and the scale that gives mean m: m / Gamma(1 + 1/k);
 * - uniform on [0.1 m, 1.9 m] (p2psim's uniform=1).
 *
 * A trace lists sessions, one per line: `node up down` (node index, then the times in
 * seconds at which the session starts and ends, relative to the start of churn); `#` starts a
 * comment; a node may have several sessions, which must not overlap.
 *
 * Simulator-free.
 */
class LeadChurnModel
{
  public:
    /// Session and down-time distributions.
    enum Distribution
    {
        EXPONENTIAL, //!< exponential
        PARETO,      //!< Pareto (shape > 1)
        WEIBULL,     //!< Weibull
        UNIFORM,     //!< uniform on [0.1, 1.9] x mean
    };

    /// One session of one node: up at `up`, down at `down`.
    struct Session
    {
        uint32_t node{0}; //!< node index
        Time up;          //!< start
        Time down;        //!< end
    };

    /// Shapes of the heavy-tailed distributions.
    struct Shapes
    {
        double pareto{2.0};  //!< Pareto shape a (> 1)
        double weibull{0.5}; //!< Weibull shape k (> 0)
    };

    /**
     * @brief One draw.
     * @param d the distribution
     * @param mean its mean (> 0)
     * @param u a uniform number in [0, 1)
     * @param shapes shapes of the Pareto and Weibull distributions
     * @return the time
     */
    static Time Draw(Distribution d, Time mean, double u, const Shapes& shapes);

    /**
     * @brief Sessions of one node from `start` until `end`: a session from `start`, then down
     * and up in turn.
     * @param node node index
     * @param start start of the first session
     * @param end end of the schedule (the last session is cut there)
     * @param d the distribution
     * @param sessionMean mean session
     * @param downMean mean down time
     * @param shapes shapes
     * @param uniform uniform numbers in [0, 1)
     * @return the sessions, in time order
     */
    static std::vector<Session> Generate(uint32_t node,
                                         Time start,
                                         Time end,
                                         Distribution d,
                                         Time sessionMean,
                                         Time downMean,
                                         const Shapes& shapes,
                                         const std::function<double()>& uniform);

    /// Latest time a trace may name (s): about 31.7 years, far inside ns-3's Time range.
    static constexpr double MAX_TRACE_SECONDS{1e9};

    /**
     * @brief Read a trace.
     * @param in the text
     * @param sessions the sessions read, sorted by node and start
     * @return empty if the trace is valid, else what is wrong and on which line
     */
    static std::string ParseTrace(std::istream& in, std::vector<Session>& sessions);

    /**
     * @brief Read a trace file; aborts with a message naming the file, the line and the
     * problem if it cannot be read or is malformed.
     * @param path the file
     * @return the sessions
     */
    static std::vector<Session> LoadTrace(const std::string& path);
};

} // namespace lead
} // namespace ns3

#endif // LEAD_CHURN_MODEL_H
