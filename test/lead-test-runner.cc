/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

// Runs the module's ns-3 TestSuites outside an ns-3 source tree (Debian's package ships no
// test-runner): lead-test-runner --list, lead-test-runner --suite=lead-hash-model.

#include "ns3/test.h"

int
main(int argc, char* argv[])
{
    return ns3::TestRunner::Run(argc, argv);
}
