/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_OVERLAY_KEY_TEST_CASES_H
#define LEAD_OVERLAY_KEY_TEST_CASES_H

#include "ns3/test.h"

#include <cstdint>

// The key test cases of the "lead-overlay" suite (lead-overlay-key-test-cases.cc); the suite in
// lead-overlay-test-suite.cc adds them.

namespace tests
{

/// Keys survive a graceful leave and a crash (over UDP, or TCP with @p tcp).
ns3::TestCase* MakeKeyDurabilityTestCase(bool tcp);

/// Values larger than one datagram travel over TCP and are refused over UDP with a warning.
ns3::TestCase* MakeLargeValueTestCase();

/// Deletes reach exactly the replica holders of a put, for @p replicationFactor replicas.
ns3::TestCase* MakeDeleteReplicationTestCase(uint32_t replicationFactor);

/// Keys stay readable through two simultaneous failures and a rejoin; the ring repairs itself.
ns3::TestCase* MakeChurnTestCase();

} // namespace tests

#endif // LEAD_OVERLAY_KEY_TEST_CASES_H
