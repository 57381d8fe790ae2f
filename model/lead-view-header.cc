/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-view-header.h"

#include "lead-list-codec.h"

namespace ns3
{
namespace lead
{

NS_OBJECT_ENSURE_REGISTERED(LeadViewHeader);

TypeId
LeadViewHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::lead::LeadViewHeader")
                            .SetParent<Header>()
                            .SetGroupName("Lead")
                            .AddConstructor<LeadViewHeader>();
    return tid;
}

TypeId
LeadViewHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
LeadViewHeader::Print(std::ostream& os) const
{
    os << "(digest=" << digest << " live=" << live << " events=" << events.size()
       << (valid ? "" : " INVALID") << ")";
}

uint32_t
LeadViewHeader::GetSerializedSize() const
{
    return 12 + LeadListCodec::Size(events.size(), EVENT_SIZE);
}

void
LeadViewHeader::Serialize(Buffer::Iterator start) const
{
    Buffer::Iterator i = start;
    i.WriteHtonU64(digest);
    i.WriteHtonU32(live);
    LeadListCodec::Write(i, events, [](Buffer::Iterator& w, const LeadMembershipView::Event& e) {
        LeadListCodec::WriteNode(w, e.ref);
        w.WriteU8(e.alive ? 1 : 0);
        w.WriteHtonU64(static_cast<uint64_t>(e.stamp.GetNanoSeconds()));
    });
}

uint32_t
LeadViewHeader::Deserialize(Buffer::Iterator start)
{
    Buffer::Iterator i = start;
    valid = false;
    events.clear();
    if (i.GetRemainingSize() < 12)
    {
        return 0;
    }
    digest = i.ReadNtohU64();
    live = i.ReadNtohU32();
    bool flagsOk = true;
    const bool listOk =
        LeadListCodec::Read(i,
                            events,
                            EVENT_SIZE,
                            LeadListCodec::MAX_ITEMS,
                            [&flagsOk](Buffer::Iterator& r) {
                                LeadMembershipView::Event e;
                                e.ref = LeadListCodec::ReadNode(r);
                                const uint8_t flags = r.ReadU8();
                                flagsOk = flagsOk && (flags & ~1U) == 0;
                                e.alive = (flags & 1U) != 0;
                                const uint64_t ns = r.ReadNtohU64();
                                flagsOk = flagsOk && ns <= static_cast<uint64_t>(INT64_MAX);
                                e.stamp = NanoSeconds(static_cast<int64_t>(ns));
                                return e;
                            });
    valid = listOk && flagsOk;
    return i.GetDistanceFrom(start);
}

bool
LeadViewHeader::operator==(const LeadViewHeader& o) const
{
    return valid == o.valid && digest == o.digest && live == o.live && events == o.events;
}

} // namespace lead
} // namespace ns3
