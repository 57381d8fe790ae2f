/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_ENVIRONMENT_H
#define LEAD_ENVIRONMENT_H

#include "ns3/nstime.h"

#include <cstdint>
#include <functional>

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief Time, timers and randomness as the protocol layer sees them.
 *
 * The protocol classes (LeadRpc, LeadVnodeHost, LeadVnode, the clients and services) never
 * call the ns-3 Simulator or a random variable themselves: they ask an environment. Inside a
 * simulation LeadSimulatorEnvironment implements it with Simulator::Schedule and an ns-3
 * UniformRandomVariable (so AssignStreams fixes the draws); the GoogleTest suites implement it
 * with a small event queue of their own, so the protocol runs without ns-3 events or sockets.
 */
class LeadEnvironment
{
  public:
    /// Identifies a scheduled timer (0: none).
    using TimerId = uint64_t;

    virtual ~LeadEnvironment() = default;

    /**
     * @brief The current time.
     * @return now
     */
    virtual Time Now() const = 0;

    /**
     * @brief Run a function after a delay.
     * @param delay the delay (>= 0)
     * @param fn what to run
     * @return the timer, for Cancel
     */
    virtual TimerId Schedule(Time delay, std::function<void()> fn) = 0;

    /**
     * @brief Cancel a timer; nothing happens if it already ran, was cancelled or is 0.
     * @param id the timer
     */
    virtual void Cancel(TimerId id) = 0;

    /**
     * @brief A uniformly drawn integer.
     * @param min smallest value
     * @param max largest value (>= min)
     * @return a value in [min, max]
     */
    virtual uint32_t RandomInteger(uint32_t min, uint32_t max) = 0;

    /**
     * @brief A uniformly drawn real number.
     * @return a value in [0, 1)
     */
    virtual double RandomValue() = 0;
};

} // namespace lead
} // namespace ns3

#endif // LEAD_ENVIRONMENT_H
