/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-group-member-app.h"

namespace ns3
{
namespace lead
{

NS_OBJECT_ENSURE_REGISTERED(LeadGroupMemberApp);

TypeId
LeadGroupMemberApp::GetTypeId()
{
    static TypeId tid = TypeId("ns3::lead::LeadGroupMemberApp")
                            .SetParent<LeadNodeApp>()
                            .SetGroupName("Lead")
                            .AddConstructor<LeadGroupMemberApp>();
    return tid;
}

LeadGroupMemberApp::LeadGroupMemberApp() = default;

LeadGroupMemberApp::~LeadGroupMemberApp() = default;

void
LeadGroupMemberApp::DoInitialize()
{
    // After the attributes (Role among them) took their values, before the start.
    SetRole(ROLE_MEMBER);
    LeadNodeApp::DoInitialize();
}

} // namespace lead
} // namespace ns3
