/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_KVCACHE_HEADER_H
#define LEAD_KVCACHE_HEADER_H

#include "lead-prompt-workload.h"

#include "ns3/header.h"

#include <cstdint>
#include <vector>

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief Control message of the KV-cache case study (requests, fetches, index queries,
 * gossip), carried over UDP between serving nodes, the front end and the index server.
 *
 * KV payloads themselves are not in these messages: they move as transfers of the flow model
 * (or over TCP). Layout (network byte order):
 * @verbatim
   field     bytes      meaning
   type        1        see Type
   flags       1        bit 0: a push-pull reply (GOSSIP); other bits zero
   request     8        request id (GOSSIP: the snapshot's version)
   value       8        type-specific (FETCH_REPLY: blocks granted; FIRST_TOKEN: server;
                        GOSSIP: chunk index << 16 | chunk count)
   tokens      4        REQUEST/FORWARD: prompt tokens
   output      4        REQUEST/FORWARD: output tokens
   pad         2        zero
   runs        2 + 12n  block runs: start 8, count 4
   holders     2 + 2n   INDEX_REPLY: holder per run (empty or as many as runs)
   blob        2 + n    GOSSIP: a chunk of an encoded radix tree (at most MAX_BLOB bytes)
   total      34 + 12 runs + 2 holders + blob
   @endverbatim
 */
class LeadKvCacheHeader : public Header
{
  public:
    /// Message types.
    enum Type : uint8_t
    {
        REQUEST = 1,       //!< front end -> entry server
        FORWARD = 2,       //!< entry -> serving server (P2P router, one hop at most)
        FIRST_TOKEN = 3,   //!< serving server -> front end
        FETCH = 4,         //!< requester -> holder: send these blocks
        FETCH_REPLY = 5,   //!< holder -> requester: blocks granted (the payload follows)
        INDEX_QUERY = 6,   //!< server -> central index: holders of these blocks
        INDEX_REPLY = 7,   //!< index -> server: the cached prefix, by holder
        INDEX_PUBLISH = 8, //!< server -> central index: these blocks are here
        GOSSIP = 9,        //!< P2P router: a chunk of a radix-tree snapshot
    };

    static constexpr uint32_t FIXED_SIZE{28}; //!< bytes before the runs
    static constexpr uint32_t MAX_RUNS{4096}; //!< longest run list
    static constexpr uint32_t MAX_BLOB{1200}; //!< largest gossip chunk

    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    void Print(std::ostream& os) const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;

    bool operator==(const LeadKvCacheHeader& o) const;

    bool valid{true};               //!< false after a bad Deserialize
    uint8_t type{REQUEST};          //!< Type
    uint8_t flags{0};               //!< flags
    uint64_t request{0};            //!< request id
    uint64_t value{0};              //!< type-specific
    uint32_t tokens{0};             //!< prompt tokens
    uint32_t output{0};             //!< output tokens
    std::vector<LeadBlockRun> runs; //!< block runs
    std::vector<uint16_t> holders;  //!< holder per run
    std::vector<uint8_t> blob;      //!< gossip chunk
};

} // namespace lead
} // namespace ns3

#endif // LEAD_KVCACHE_HEADER_H
