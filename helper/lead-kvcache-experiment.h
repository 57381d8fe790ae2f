/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_KVCACHE_EXPERIMENT_H
#define LEAD_KVCACHE_EXPERIMENT_H

#include "ns3/lead-kvcache-ledger.h"
#include "ns3/lead-prompt-workload.h"
#include "ns3/nstime.h"
#include "ns3/ptr.h"

#include <cstdint>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{
namespace lead
{

class LeadKvCacheServer;

/**
 * @ingroup lead
 * @brief One run of the KV-cache case study: n serving nodes, a front end and a central
 * index server on a star of equal links, one system, one workload.
 *
 * Run() builds the network and the applications, preloads the background index (documents
 * other users cached before, so the index holds about the poster's number of blocks in
 * proportion), issues the workload, stops when every request has its first token (or at the
 * drain limit) and returns one row of the case study's CSV. The simulator is destroyed at the
 * end, so runs can follow each other in one process.
 */
class LeadKvCacheExperiment
{
  public:
    /// What to run.
    struct Config
    {
        std::string system{"lead"};         //!< LeadKvCacheServer::SystemNames()
        std::string workload{"long-docqa"}; //!< label for the output
        std::vector<LeadPrompt> prompts;    //!< the requests
        uint32_t servers{8};                //!< serving nodes
        std::string linkRate{"100Gbps"};    //!< every link (star spokes, KV fabric)
        Time delay{MicroSeconds(5)};        //!< one-way delay of a spoke (two spokes per path)
        uint32_t vnodes{1};                 //!< overlay vnodes per server
        std::string transfer{"flow"};       //!< KV payloads: flow (the model) or tcp (packets)
        uint32_t groupBits{LeadPromptWorkload::INDEX_BITS}; //!< chord-doc: low key bits per group
        uint32_t backgroundDocs{0};                         //!< documents preloaded into the index
        uint32_t backgroundBlocks{1250};                    //!< blocks per background document
        Time warmup{Seconds(5)};             //!< overlay join time before the first request
        Time drain{Seconds(600)};            //!< longest wait after the last arrival
        bool pcap{false};                    //!< pcap files
        bool flowmon{false};                 //!< FlowMonitor XML
        bool progress{false};                //!< progress on stderr
        std::string prefix{"lead-kv-cache"}; //!< trace file prefix
        /// Called once the servers exist, before the run (tests connect their traces here).
        std::function<void(const std::vector<Ptr<LeadKvCacheServer>>&)> inspect;
    };

    /// One CSV row (and the summary's extra figures).
    struct Row
    {
        std::string system;         //!< system
        std::string workload;       //!< workload
        uint64_t requests{0};       //!< measured requests answered
        double ttftP50{0};          //!< ms
        double ttftP90{0};          //!< ms
        double ttftP99{0};          //!< ms
        double hitRate{0};          //!< reused tokens / prompt tokens
        double messages{0};         //!< per request
        double bytes{0};            //!< per request (control and KV payload)
        double owners{0};           //!< index owners per fetch (requests that looked up)
        double controlBytesPerS{0}; //!< gossip, publishing and overlay upkeep
        double loadMaxMean{0};      //!< GPU prefill work, max / mean over servers
        std::string status{"ok"};   //!< ok, or what went wrong
        double indexMaxMean{0};     //!< index entries, max / mean over servers
        double kvBytes{0};          //!< KV payload per request
        double lookupMs{0};         //!< mean lookup time
        double fetchMs{0};          //!< mean fetch time
        uint64_t forwards{0};       //!< P2P router forwards
        uint64_t drops{0};          //!< datagrams dropped
        uint64_t indexEntries{0};   //!< entries in the index at the end
        double simSeconds{0};       //!< simulated time of the run
    };

    explicit LeadKvCacheExperiment(Config config);

    /**
     * @brief Build, run and tear down.
     * @param each called with every finished request's result (may be empty)
     * @return the row
     */
    Row Run(const std::function<void(const KvCacheRequestResult&)>& each = {});

    /// Write the CSV header line.
    static void WriteCsvHeader(std::ostream& out);
    /// Write a row.
    static void WriteCsv(std::ostream& out, const Row& row);
    /// @return the one-line summary of a row
    static std::string Summary(const Row& row);

  private:
    Config m_config; //!< the run
};

} // namespace lead
} // namespace ns3

#endif // LEAD_KVCACHE_EXPERIMENT_H
