/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_WORKLOAD_H
#define LEAD_WORKLOAD_H

#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/ptr.h"
#include "ns3/random-variable-stream.h"

#include <cstdint>
#include <vector>

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief One operation of a generated workload.
 */
struct WorkloadOp
{
    /// Operation kinds.
    enum Kind : uint8_t
    {
        GET = 0,   //!< read a stored key
        PUT = 1,   //!< store a new key
        RANGE = 2, //!< range query
    };

    Time time;          //!< issue time
    Kind kind{GET};     //!< what to do
    uint32_t client{0}; //!< index of the issuing node
    uint64_t key{0};    //!< GET/PUT: the key; RANGE: first key
    uint64_t endKey{0}; //!< RANGE: last key
    uint32_t length{0}; //!< RANGE: keys of the loaded set in [key, endKey]
};

/**
 * @ingroup lead
 * @brief Generates a query workload: Poisson arrivals (ArrivalRate per second over all
 * clients) of a mix of gets of loaded keys, puts of new keys and range queries whose length
 * (in loaded keys) is drawn from RangeLength. Uniform choice of client and start key.
 *
 * Deterministic for a given seed, run and AssignStreams. Everything is checked when Generate
 * is called; bad values abort with a message naming the attribute.
 */
class LeadWorkload : public Object
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    LeadWorkload();
    ~LeadWorkload() override;

    /**
     * @brief Generate the operations.
     * @param loaded the stored keys, ascending
     * @param fresh keys not stored yet, for puts (each used at most once; puts stop when they
     * run out)
     * @param clients number of nodes that issue operations
     * @param start time of the first arrival's clock
     * @return the operations, in time order
     */
    std::vector<WorkloadOp> Generate(const std::vector<uint64_t>& loaded,
                                     const std::vector<uint64_t>& fresh,
                                     uint32_t clients,
                                     Time start);

    /**
     * @brief Fix the random streams.
     * @param stream first stream index
     * @return streams used
     */
    int64_t AssignStreams(int64_t stream);

  private:
    double m_rate{10};                       //!< arrivals per second
    uint32_t m_operations{100};              //!< operations to generate
    double m_getShare{0.3};                  //!< share of gets
    double m_putShare{0.2};                  //!< share of puts
    double m_rangeShare{0.5};                //!< share of range queries
    Ptr<RandomVariableStream> m_rangeLength; //!< keys per range
    Ptr<ExponentialRandomVariable> m_gap;    //!< inter-arrival times
    Ptr<UniformRandomVariable> m_uniform;    //!< kind, client, key choices
};

} // namespace lead
} // namespace ns3

#endif // LEAD_WORKLOAD_H
