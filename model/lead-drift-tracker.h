/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_DRIFT_TRACKER_H
#define LEAD_DRIFT_TRACKER_H

#include <cstdint>

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief How far a vnode's keys drifted from its model (lead-spec.md 8, step 1): the keys
 * inserted since a baseline, as a share of the keys it held at the baseline. The baseline is
 * set when a model version is installed, and by the experiment once the keys the model was
 * trained on are loaded (otherwise loading them would count as drift). Past the threshold
 * (spec: 0.4) the vnode is ready to refine its leaves. Simulator-free.
 */
class LeadDriftTracker
{
  public:
    /**
     * @brief A tracker.
     * @param threshold drift share at which the vnode is ready (> 0)
     */
    explicit LeadDriftTracker(double threshold = 0.4);

    /**
     * @brief Start counting again.
     * @param keysHeld keys the vnode holds now
     */
    void Reset(uint64_t keysHeld);

    /// A key that was not stored before was inserted by a client (not a copy, not a move).
    void Inserted();

    /**
     * @brief Keys inserted since the baseline.
     * @return the count
     */
    uint64_t GetInserted() const;

    /**
     * @brief Inserted keys over the keys held at the baseline (over 1 if none were held).
     * @return the share
     */
    double GetDrift() const;

    /**
     * @brief Whether the drift reached the threshold since a baseline (never before the
     * first: the keys a model was trained on are not drift while they are loaded).
     * @return true if ready
     */
    bool IsReady() const;

  private:
    double m_threshold;        //!< drift that makes the vnode ready
    uint64_t m_base{0};        //!< keys held at the baseline
    uint64_t m_inserted{0};    //!< keys inserted since
    bool m_hasBaseline{false}; //!< Reset was called
};

} // namespace lead
} // namespace ns3

#endif // LEAD_DRIFT_TRACKER_H
