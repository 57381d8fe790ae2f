/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-kvcache-ledger.h"

namespace ns3
{
namespace lead
{

NS_OBJECT_ENSURE_REGISTERED(LeadKvCacheLedger);

TypeId
LeadKvCacheLedger::GetTypeId()
{
    static TypeId tid = TypeId("ns3::lead::LeadKvCacheLedger")
                            .SetParent<Object>()
                            .SetGroupName("Lead")
                            .AddConstructor<LeadKvCacheLedger>();
    return tid;
}

LeadKvCacheLedger::LeadKvCacheLedger() = default;
LeadKvCacheLedger::~LeadKvCacheLedger() = default;

KvCacheRequestResult&
LeadKvCacheLedger::At(uint64_t request)
{
    KvCacheRequestResult& r = m_requests[request];
    r.request = request;
    return r;
}

void
LeadKvCacheLedger::CountMessage(uint64_t request, uint64_t bytes)
{
    CountMessages(request, 1, bytes);
}

void
LeadKvCacheLedger::CountMessages(uint64_t request, uint32_t messages, uint64_t bytes, bool overlay)
{
    m_overlay += overlay ? bytes : 0;
    KvCacheRequestResult& r = At(request);
    r.messages += messages;
    r.bytes += bytes;
}

void
LeadKvCacheLedger::CountControl(uint64_t bytes, bool overlay)
{
    m_overlay += overlay ? bytes : 0;
    m_control += bytes;
}

uint64_t
LeadKvCacheLedger::GetOverlayBytes() const
{
    return m_overlay;
}

uint64_t
LeadKvCacheLedger::GetControlBytes() const
{
    return m_control;
}

const std::map<uint64_t, KvCacheRequestResult>&
LeadKvCacheLedger::GetAll() const
{
    return m_requests;
}

} // namespace lead
} // namespace ns3
