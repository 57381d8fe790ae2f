/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_EXAMPLE_RUN_H
#define LEAD_EXAMPLE_RUN_H

#include "ns3/nstime.h"

#include <string>

namespace ns3
{
namespace lead
{

class LeadTopology;

/**
 * @ingroup lead
 * @brief Run the simulation until `end` with the examples' trace options: pcap files of the
 * hosts (`<prefix>-<node>-<device>.pcap`), FlowMonitor XML (`<prefix>-flowmon.xml`) and
 * progress every 5 s of wall time on standard error.
 * @param net the substrate
 * @param prefix file name prefix
 * @param pcap write pcap files
 * @param flowmon write FlowMonitor XML
 * @param progress print progress
 * @param end when to stop
 */
void RunWithTraces(LeadTopology& net,
                   const std::string& prefix,
                   bool pcap,
                   bool flowmon,
                   bool progress,
                   Time end);

/**
 * @ingroup lead
 * @brief Write a summary line's `key=value` fields as a CSV of two lines (the keys, then the
 * values); aborts naming the file if it cannot be written.
 * @param path the file
 * @param fields `key=value` fields separated by spaces
 */
void WriteFieldsCsv(const std::string& path, const std::string& fields);

} // namespace lead
} // namespace ns3

#endif // LEAD_EXAMPLE_RUN_H
