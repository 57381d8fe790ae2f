/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-helper.h"

#include "ns3/abort.h"
#include "ns3/ipv4.h"
#include "ns3/lead-node-app.h"
#include "ns3/pointer.h"

namespace ns3
{
namespace lead
{

LeadHelper::LeadHelper()
    : m_oracle(Create<LeadOracle>())
{
    m_factory.SetTypeId(LeadNodeApp::GetTypeId());
}

void
LeadHelper::SetAttribute(const std::string& name, const AttributeValue& value)
{
    m_factory.Set(name, value);
}

void
LeadHelper::SetHashModel(Ptr<LearnedHashModel> model)
{
    m_hashModel = model;
}

void
LeadHelper::SetBootstrap(const std::vector<Ipv4Address>& bootstrap)
{
    m_bootstrap = bootstrap;
}

Ipv4Address
LeadHelper::AddressOf(Ptr<Node> node)
{
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    NS_ABORT_MSG_IF(!ipv4 || ipv4->GetNInterfaces() < 2 || ipv4->GetNAddresses(1) == 0,
                    "LeadHelper::Install: node " << node->GetId()
                                                 << " has no IPv4 address on interface 1; "
                                                    "assign addresses before installing");
    return ipv4->GetAddress(1, 0).GetLocal();
}

ApplicationContainer
LeadHelper::Install(NodeContainer c)
{
    ApplicationContainer apps;
    for (auto it = c.Begin(); it != c.End(); ++it)
    {
        apps.Add(Install(*it));
    }
    return apps;
}

ApplicationContainer
LeadHelper::Install(Ptr<Node> node)
{
    NS_ABORT_MSG_IF(!m_hashModel, "LeadHelper::Install: call SetHashModel() first");
    if (m_bootstrap.empty())
    {
        m_bootstrap.push_back(AddressOf(node)); // the first node creates the ring
    }
    Ptr<LeadNodeApp> app = m_factory.Create<LeadNodeApp>();
    app->SetAttribute("HashModel", PointerValue(m_hashModel));
    app->SetBootstrap(m_bootstrap);
    app->SetOracle(m_oracle);
    node->AddApplication(app);
    return ApplicationContainer(app);
}

Ptr<LeadOracle>
LeadHelper::GetOracle() const
{
    return m_oracle;
}

int64_t
LeadHelper::AssignStreams(NodeContainer c, int64_t stream)
{
    int64_t current = stream;
    for (auto it = c.Begin(); it != c.End(); ++it)
    {
        Ptr<Node> node = *it;
        for (uint32_t i = 0; i < node->GetNApplications(); ++i)
        {
            if (Ptr<LeadNodeApp> app = DynamicCast<LeadNodeApp>(node->GetApplication(i)))
            {
                current += app->AssignStreams(current);
            }
        }
    }
    return current - stream;
}

} // namespace lead
} // namespace ns3
