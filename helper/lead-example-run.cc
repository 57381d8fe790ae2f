/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-example-run.h"

#include "lead-topology.h"

#include "ns3/abort.h"
#include "ns3/flow-monitor-helper.h"
#include "ns3/show-progress.h"
#include "ns3/simulator.h"

#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

namespace ns3
{
namespace lead
{

void
RunWithTraces(LeadTopology& net,
              const std::string& prefix,
              bool pcap,
              bool flowmon,
              bool progress,
              Time end)
{
    if (pcap)
    {
        net.EnablePcap(prefix);
    }
    FlowMonitorHelper flowmonHelper;
    Ptr<FlowMonitor> monitor = flowmon ? flowmonHelper.Install(net.GetAllNodes()) : nullptr;
    std::unique_ptr<ShowProgress> meter;
    if (progress)
    {
        meter = std::make_unique<ShowProgress>(Seconds(5), std::cerr);
    }
    Simulator::Stop(end - Simulator::Now());
    Simulator::Run();
    meter.reset();
    if (monitor)
    {
        monitor->CheckForLostPackets();
        monitor->SerializeToXmlFile(prefix + "-flowmon.xml", true, true);
    }
}

void
WriteFieldsCsv(const std::string& path, const std::string& fields)
{
    std::ofstream out(path);
    NS_ABORT_MSG_IF(!out, "cannot write '" << path << "'");
    std::istringstream in(fields);
    std::string header;
    std::string values;
    for (std::string kv; in >> kv;)
    {
        const auto eq = kv.find('=');
        header += (header.empty() ? "" : ",") + kv.substr(0, eq);
        values += (values.empty() ? "" : ",") + kv.substr(eq + 1);
    }
    out << header << "\n" << values << "\n";
}

} // namespace lead
} // namespace ns3
