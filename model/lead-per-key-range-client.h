/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_PER_KEY_RANGE_CLIENT_H
#define LEAD_PER_KEY_RANGE_CLIENT_H

#include "lead-results.h"

#include "ns3/callback.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/traced-callback.h"

#include <map>
#include <set>
#include <vector>

namespace ns3
{
namespace lead
{

class LeadNodeApp;

/**
 * @ingroup lead
 * @brief The Chord baseline of a range query, for hashes that scatter keys: one Get per key
 * through the public API of a LeadNodeApp, in batches of `batchSize` issued together, each
 * batch waiting for its slowest member (batch size 1: strictly sequential; lead-spec.md 7.1,
 * grouped by issue order). Its messages and bytes are the sums of the Gets' counted costs.
 */
class LeadPerKeyRangeClient : public Object
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    LeadPerKeyRangeClient();
    ~LeadPerKeyRangeClient() override;

    /**
     * @brief The node that issues the Gets.
     * @param app the application
     */
    void SetApp(Ptr<LeadNodeApp> app);

    /**
     * @brief Fetch the given keys.
     * @param keys the keys of the range, in the order they are fetched
     * @param batchSize Gets in flight together (>= 1)
     * @param cb called once with the result (may be null)
     */
    void RangeQuery(const std::vector<uint64_t>& keys,
                    uint32_t batchSize,
                    Callback<void, const RangeQueryResult&> cb);

    /// Signature of the RangeQueryDone trace.
    typedef void (*RangeQueryTracedCallback)(const RangeQueryResult& result);

  protected:
    void DoDispose() override;

  private:
    /// A query in progress.
    struct Pending
    {
        RangeQueryResult result;                      //!< filled in as Gets return
        Callback<void, const RangeQueryResult&> done; //!< completion
        Time start;                                   //!< issue time
        std::vector<uint64_t> keys;                   //!< keys to fetch
        size_t next{0};                               //!< next key to issue
        uint32_t batchSize{1};                        //!< Gets per batch
        uint32_t inFlight{0};                         //!< Gets of this batch
        bool allAnswered{true};                       //!< no Get failed
        std::set<uint64_t> owners;                    //!< distinct owners
    };

    void NextBatch(uint32_t id);
    void OnGet(uint32_t id, const KeyOpResult& r);

    Ptr<LeadNodeApp> m_app;                                   //!< issues the Gets
    std::map<uint32_t, Pending> m_pending;                    //!< by query id
    uint32_t m_nextId{1};                                     //!< next query id
    TracedCallback<const RangeQueryResult&> m_rangeDoneTrace; //!< query finished
};

} // namespace lead
} // namespace ns3

#endif // LEAD_PER_KEY_RANGE_CLIENT_H
