/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_FAKE_ENVIRONMENT_H
#define LEAD_FAKE_ENVIRONMENT_H

// Shared by the GoogleTest suites: a deterministic discrete-event clock that implements
// LeadEnvironment without the ns-3 Simulator, so the protocol layer runs in milliseconds.

#include "ns3/lead-environment.h"

#include <cstdint>
#include <functional>
#include <map>
#include <random>
#include <set>
#include <tuple>
#include <unordered_map>

namespace tests
{

/// One clock and event queue (events at equal times run in the order they were scheduled).
class FakeClock
{
  public:
    using TimerId = ns3::lead::LeadEnvironment::TimerId;

    ns3::Time Now() const
    {
        return m_now;
    }

    TimerId At(ns3::Time when, std::function<void()> fn)
    {
        const TimerId id = m_next++;
        m_queue.emplace(std::make_pair(when.GetTimeStep(), id), std::move(fn));
        m_when.emplace(id, when.GetTimeStep());
        return id;
    }

    void Cancel(TimerId id)
    {
        auto w = m_when.find(id);
        if (w != m_when.end())
        {
            m_queue.erase(std::make_pair(w->second, id));
            m_when.erase(w);
        }
    }

    /// Run events up to and including `until`; the clock then reads `until`.
    void RunUntil(ns3::Time until)
    {
        while (!m_queue.empty() && m_queue.begin()->first.first <= until.GetTimeStep())
        {
            auto it = m_queue.begin();
            m_now = ns3::TimeStep(it->first.first);
            std::function<void()> fn = std::move(it->second);
            m_when.erase(it->first.second);
            m_queue.erase(it);
            ++m_executed;
            fn();
        }
        m_now = until;
    }

    /// Run until nothing is left.
    void Run()
    {
        while (!m_queue.empty())
        {
            RunUntil(ns3::TimeStep(m_queue.begin()->first.first));
        }
    }

    size_t Pending() const
    {
        return m_queue.size();
    }

    uint64_t Executed() const
    {
        return m_executed;
    }

  private:
    ns3::Time m_now{0};                                                   //!< current time
    TimerId m_next{1};                                                    //!< next id
    std::map<std::pair<int64_t, TimerId>, std::function<void()>> m_queue; //!< events
    std::unordered_map<TimerId, int64_t> m_when;                          //!< id -> time
    uint64_t m_executed{0};                                               //!< events run
};

/// A LeadEnvironment on a shared FakeClock with its own random stream.
class FakeEnvironment : public ns3::lead::LeadEnvironment
{
  public:
    FakeEnvironment(FakeClock& clock, uint64_t seed)
        : m_clock(clock),
          m_rng(seed)
    {
    }

    ns3::Time Now() const override
    {
        return m_clock.Now();
    }

    TimerId Schedule(ns3::Time delay, std::function<void()> fn) override
    {
        ++m_scheduled;
        return m_clock.At(m_clock.Now() + delay, std::move(fn));
    }

    void Cancel(TimerId id) override
    {
        if (id != 0)
        {
            m_clock.Cancel(id);
        }
    }

    uint32_t RandomInteger(uint32_t min, uint32_t max) override
    {
        return std::uniform_int_distribution<uint32_t>(min, max)(m_rng);
    }

    double RandomValue() override
    {
        return std::uniform_real_distribution<double>(0.0, 1.0)(m_rng);
    }

    /// Timers scheduled so far.
    uint64_t Scheduled() const
    {
        return m_scheduled;
    }

  private:
    FakeClock& m_clock;      //!< shared clock
    std::mt19937_64 m_rng;   //!< draws
    uint64_t m_scheduled{0}; //!< timers scheduled
};

} // namespace tests

#endif // LEAD_FAKE_ENVIRONMENT_H
