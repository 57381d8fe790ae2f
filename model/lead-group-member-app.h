/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_GROUP_MEMBER_APP_H
#define LEAD_GROUP_MEMBER_APP_H

#include "lead-node-app.h"

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief A member of a two-tier group (the Marques-style baseline): it never joins the ring,
 * stores the keys its leader (a LeadNodeApp with SetGroupMembers) passes on, and answers the
 * leader's exact-arc range scans, sending its part straight to the client.
 *
 * The same code as a LeadNodeApp with Role member (the attribute stays for existing scripts),
 * with every LeadNodeApp attribute, but a member whatever Role says: install it with
 * LeadHelper::InstallMembers, which gives it the attributes of the ring nodes.
 */
class LeadGroupMemberApp : public LeadNodeApp
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    LeadGroupMemberApp();
    ~LeadGroupMemberApp() override;

  protected:
    void DoInitialize() override;
};

} // namespace lead
} // namespace ns3

#endif // LEAD_GROUP_MEMBER_APP_H
