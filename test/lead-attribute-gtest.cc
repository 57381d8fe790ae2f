/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

// GoogleTest: the mode attributes of LeadNodeApp are enums whose names are listed in the help
// text; a name that is not one of them aborts naming the attribute (also on ns-3.37's release
// build, whose enum parser does not refuse unknown names by itself), and the socket factory
// names of the former TypeId attribute Protocol are still accepted.

#include "ns3/enum.h"
#include "ns3/lead-node-app.h"
#include "ns3/object-factory.h"
#include "ns3/string.h"

#include <gtest/gtest.h>

namespace tests
{

using namespace ns3;
using namespace ns3::lead;

namespace
{

/// The value an attribute takes from a string, through an ObjectFactory as a helper sets it.
int
EnumFrom(const std::string& attribute, const std::string& name)
{
    ObjectFactory f;
    f.SetTypeId(LeadNodeApp::GetTypeId());
    f.Set(attribute, StringValue(name));
    Ptr<LeadNodeApp> app = f.Create<LeadNodeApp>();
    EnumValue v;
    app->GetAttribute(attribute, v);
    return v.Get();
}

} // namespace

TEST(LeadAttributeTest, ModeNamesSelectTheirModes)
{
    EXPECT_EQ(EnumFrom("LookupMode", "iterative"), LeadNodeApp::LOOKUP_ITERATIVE);
    EXPECT_EQ(EnumFrom("LookupMode", "recursive"), LeadNodeApp::LOOKUP_RECURSIVE);
    EXPECT_EQ(EnumFrom("RangeWalk", "client"), LeadNodeApp::RANGE_WALK_CLIENT);
    EXPECT_EQ(EnumFrom("Role", "member"), LeadNodeApp::ROLE_MEMBER);
    EXPECT_EQ(EnumFrom("Protocol", "tcp"), LeadNodeApp::PROTOCOL_TCP);
    EXPECT_EQ(EnumFrom("Protocol", "ns3::TcpSocketFactory"), LeadNodeApp::PROTOCOL_TCP);
    EXPECT_EQ(EnumFrom("Protocol", "ns3::UdpSocketFactory"), LeadNodeApp::PROTOCOL_UDP);
}

TEST(LeadAttributeDeathTest, UnknownModeNamesAbortNamingTheAttribute)
{
    EXPECT_DEATH(EnumFrom("LookupMode", "iterativ"), "LookupMode");
    EXPECT_DEATH(EnumFrom("RangeWalk", "walk"), "RangeWalk");
    EXPECT_DEATH(EnumFrom("Role", "leader"), "Role");
    EXPECT_DEATH(EnumFrom("Protocol", "quic"), "Protocol");
}

} // namespace tests
