/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_SIMULATOR_ENVIRONMENT_H
#define LEAD_SIMULATOR_ENVIRONMENT_H

#include "lead-environment.h"

#include "ns3/event-id.h"
#include "ns3/ptr.h"

#include <unordered_map>

namespace ns3
{

class UniformRandomVariable;

namespace lead
{

/**
 * @ingroup lead
 * @brief LeadEnvironment inside an ns-3 simulation: Simulator time and events, and one
 * UniformRandomVariable whose stream the owning application assigns.
 */
class LeadSimulatorEnvironment : public LeadEnvironment
{
  public:
    LeadSimulatorEnvironment();
    ~LeadSimulatorEnvironment() override;

    LeadSimulatorEnvironment(const LeadSimulatorEnvironment&) = delete;
    LeadSimulatorEnvironment& operator=(const LeadSimulatorEnvironment&) = delete;

    // Inherited
    Time Now() const override;
    TimerId Schedule(Time delay, std::function<void()> fn) override;
    void Cancel(TimerId id) override;
    uint32_t RandomInteger(uint32_t min, uint32_t max) override;
    double RandomValue() override;

    /**
     * @brief Cancel every timer still pending (application stop).
     */
    void CancelAll();

    /**
     * @brief Fix the random stream.
     * @param stream the stream index
     * @return the number of streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

  private:
    /**
     * @brief Run a timer's function and forget the timer.
     * @param id the timer
     */
    void Fire(TimerId id);

    /// A pending timer.
    struct Pending
    {
        EventId event;            //!< the simulator event
        std::function<void()> fn; //!< what to run
    };

    Ptr<UniformRandomVariable> m_rng;               //!< draws
    TimerId m_nextId{1};                            //!< next timer id
    std::unordered_map<TimerId, Pending> m_pending; //!< timers not yet run
};

} // namespace lead
} // namespace ns3

#endif // LEAD_SIMULATOR_ENVIRONMENT_H
