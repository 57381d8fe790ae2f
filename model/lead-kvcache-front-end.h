/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_KVCACHE_FRONT_END_H
#define LEAD_KVCACHE_FRONT_END_H

#include "lead-kvcache-ledger.h"
#include "lead-kvcache-server.h"
#include "lead-prompt-workload.h"
#include "lead-radix-tree.h"

#include "ns3/application.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/traced-callback.h"

#include <map>
#include <string>
#include <unordered_map>
#include <vector>

namespace ns3
{

class Socket;
class Packet;

namespace lead
{

/**
 * @ingroup lead
 * @brief Issues the case study's requests at their arrival times and measures TTFT.
 *
 * Every system but dualmap sends request i to server i mod n (the P2P router's entry node;
 * the index systems fetch KV wherever the request lands). dualmap places each request itself
 * (DualMap, arXiv 2602.06502): two hashes of the prompt's prefix (its first PrefixBlocks
 * blocks, longer while the prefix is one that more than HotShare of all requests carried)
 * name two candidates; the request goes to the cache-affine one (the candidate to
 * which the front end sent the longest prefix of this prompt before, else the first) unless
 * its predicted TTFT, from the prefill work the front end has sent there and not heard back
 * about plus the request's own, exceeds Slo; then to the one predicted faster.
 * A request is done when its FIRST_TOKEN message arrives; the result is published once
 * through RequestDone.
 */
class LeadKvCacheFrontEnd : public Application
{
  public:
    static TypeId GetTypeId();
    LeadKvCacheFrontEnd();
    ~LeadKvCacheFrontEnd() override;

    /**
     * @brief Wire the front end.
     * @param system the system under test
     * @param servers every serving node, by index
     * @param ledger costs and results
     * @param prompts the requests, in arrival order (arrival relative to the start)
     */
    void Setup(LeadKvCacheServer::System system,
               const std::vector<Ipv4Address>& servers,
               Ptr<LeadKvCacheLedger> ledger,
               std::vector<LeadPrompt> prompts);

    /// @return requests issued
    uint64_t GetIssued() const;

    /// @return requests whose first token arrived
    uint64_t GetDone() const;

    /// @return datagrams dropped as malformed or unexpected
    uint64_t GetDropCount() const;

    /// Signature of the RequestDone trace.
    typedef void (*RequestTracedCallback)(const KvCacheRequestResult& result);

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;
    void Issue(size_t index);
    uint16_t PlaceDualMap(const LeadPrompt& p);
    void HandleRead(Ptr<Socket> socket);

    LeadKvCacheServer::System m_system{LeadKvCacheServer::System::LEAD}; //!< system
    std::vector<Ipv4Address> m_servers;                                  //!< by index
    Ptr<LeadKvCacheLedger> m_ledger;                                     //!< results
    std::vector<LeadPrompt> m_prompts;                                   //!< the workload
    Ptr<Socket> m_socket;                                                //!< control datagrams
    uint64_t m_issued{0};                                                //!< requests sent
    uint64_t m_done{0};                                                  //!< first tokens in
    std::vector<double> m_outstanding;                      //!< dualmap: seconds of work per server
    std::map<uint64_t, std::pair<uint16_t, double>> m_work; //!< request -> server, seconds
    std::map<uint16_t, LeadRadixTree> m_history;   //!< dualmap: prompts sent to each server
    std::unordered_map<uint64_t, uint32_t> m_seen; //!< dualmap: requests that carried a block
    double m_hotShare{0.5};                        //!< dualmap: hot prefix share
    std::vector<EventId> m_events;                 //!< scheduled issues
    uint16_t m_port{5200};                         //!< control port
    uint32_t m_prefixBlocks{16};                   //!< dualmap prefix length
    Time m_slo;                                    //!< dualmap TTFT SLO
    Time m_prefillPerToken;                        //!< dualmap's TTFT prediction
    TracedCallback<const KvCacheRequestResult&> m_doneTrace;           //!< results
    TracedCallback<Ptr<const Packet>, const std::string&> m_dropTrace; //!< bad input
    uint64_t m_drops{0};                                               //!< datagrams dropped
};

} // namespace lead
} // namespace ns3

#endif // LEAD_KVCACHE_FRONT_END_H
