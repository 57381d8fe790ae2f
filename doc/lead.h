/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_DOC_H
#define LEAD_DOC_H

/**
 * @defgroup lead LEAD learned distributed hash table
 *
 * LEAD (Wang et al., "A Distributed Learned Hash Table", IEEE ICNP 2025) as an ns-3 module:
 * a learned, order-preserving key hash (a two-stage recursive model index) on a Chord-style
 * ring of virtual nodes, with consistent hashing and range partitioning as baselines on the
 * same code. See doc/lead.rst for the model description, usage and validation.
 */

/**
 * @defgroup lead-tests Tests of the lead module
 * @ingroup lead
 *
 * GoogleTest suites for the simulator-free classes and ns-3 TestSuites for behaviour inside
 * the simulator.
 */

#endif // LEAD_DOC_H
