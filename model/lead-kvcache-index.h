/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_KVCACHE_INDEX_H
#define LEAD_KVCACHE_INDEX_H

#include "ns3/application.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/traced-callback.h"

#include <string>
#include <unordered_map>

namespace ns3
{

class Socket;
class Packet;

namespace lead
{

class LeadKvCacheLedger;

/**
 * @ingroup lead
 * @brief The central KV index of the case study's "central" system, as cluster routers keep
 * one (llm-d's KV-cache indexer, Mooncake's conductor): block key -> holder.
 *
 * INDEX_QUERY asks for the holders of a run list; the index answers with the longest cached
 * prefix, run by run with its holder (the first miss stops the scan). INDEX_PUBLISH records
 * a server's new blocks. Queries wait in one FIFO queue, each taking QueryTime plus
 * BlockTime per block scanned, so the index is a shared bottleneck under load.
 */
class LeadKvCacheIndex : public Application
{
  public:
    static TypeId GetTypeId();
    LeadKvCacheIndex();
    ~LeadKvCacheIndex() override;

    /**
     * @brief Wire the index.
     * @param servers every serving node, by index
     * @param ledger counts costs
     */
    void Setup(const std::vector<Ipv4Address>& servers, Ptr<LeadKvCacheLedger> ledger);

    /**
     * @brief Record an entry without a message (preloading the background).
     * @param block the block key
     * @param holder the server holding it
     */
    void AddEntry(uint64_t block, uint16_t holder);

    /// @return blocks indexed
    uint64_t GetEntryCount() const;

    /// @return datagrams dropped
    uint64_t GetDropCount() const;

    /// Signature of the Drop trace.
    typedef void (*DropTracedCallback)(Ptr<const Packet> packet, const std::string& reason);

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;
    void HandleRead(Ptr<Socket> socket);
    void Answer(Ipv4Address to, uint64_t request, std::vector<uint64_t> blocks);

    Ptr<Socket> m_socket;                                              //!< control datagrams
    std::vector<Ipv4Address> m_servers;                                //!< by index
    Ptr<LeadKvCacheLedger> m_ledger;                                   //!< costs
    std::unordered_map<uint64_t, uint16_t> m_holder;                   //!< block -> server
    Time m_busyUntil;                                                  //!< queue free from
    uint64_t m_drops{0};                                               //!< dropped datagrams
    uint16_t m_port{5200};                                             //!< control port
    Time m_queryTime;                                                  //!< per query
    Time m_blockTime;                                                  //!< per block scanned
    TracedCallback<Ptr<const Packet>, const std::string&> m_dropTrace; //!< bad input
};

} // namespace lead
} // namespace ns3

#endif // LEAD_KVCACHE_INDEX_H
