/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-p2psim-accounting.h"

#include "lead-alert-header.h"
#include "lead-header.h"
#include "lead-lookup-header.h"
#include "lead-lookup-reply-header.h"
#include "lead-neighbors-header.h"
#include "lead-successor-hint-header.h"

namespace ns3
{
namespace lead
{

namespace
{

/// Refs in a decoded body header, or 0 if it does not decode.
template <typename H, typename F>
uint32_t
Decode(Ptr<Packet> body, F count)
{
    H h;
    body->RemoveHeader(h);
    return h.valid ? count(h) : 0;
}

} // namespace

uint32_t
LeadP2psimAccounting::CountIds(Ptr<const Packet> packet)
{
    Ptr<Packet> body = packet->Copy();
    LeadHeader h;
    if (body->GetSize() < h.GetSerializedSize())
    {
        return 0;
    }
    body->RemoveHeader(h);
    if (!h.IsValid() || body->GetSize() == 0)
    {
        return 0; // acknowledgements, pings, notifies: the header only
    }
    using T = LeadMessageType;
    switch (h.GetType())
    {
    case T::FIND_SUCCESSOR:
        if (h.IsReply())
        {
            // An iterative step's answer (a hop's acknowledgement has no body).
            return Decode<LeadLookupReplyHeader>(body, [](const auto& r) {
                return static_cast<uint32_t>(r.nodes.size());
            });
        }
        // The ring position looked up and the origin.
        return Decode<LeadLookupHeader>(body, [](const auto&) { return 2U; });
    case T::FIND_SUCCESSOR_REPLY:
        return Decode<LeadLookupReplyHeader>(body, [](const auto& r) {
            return static_cast<uint32_t>(r.nodes.size());
        });
    case T::GET_NEIGHBORS_REPLY:
    case T::LEAVE:
        return Decode<LeadNeighborsHeader>(body, [](const auto& r) {
            return static_cast<uint32_t>(r.successors.size() + (r.predecessor ? 1 : 0));
        });
    case T::SUCC_HINT:
        return Decode<LeadSuccessorHintHeader>(body, [](const auto&) { return 1U; });
    case T::ALERT:
        return Decode<LeadAlertHeader>(body, [](const auto& r) {
            return static_cast<uint32_t>(r.suspects.size());
        });
    default:
        return 0; // data messages: p2psim does not account them
    }
}

uint32_t
LeadP2psimAccounting::Bytes(Ptr<const Packet> packet)
{
    return MESSAGE_BYTES + ID_BYTES * CountIds(packet);
}

} // namespace lead
} // namespace ns3
