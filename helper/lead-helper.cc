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
#include "ns3/lead-group-member-app.h"
#include "ns3/lead-node-app.h"
#include "ns3/lead-transport.h"
#include "ns3/pointer.h"

namespace ns3
{
namespace lead
{

namespace
{
/// Oracle: a vnode joined.
void
OracleJoined(Ptr<LeadOracle> oracle, const VnodeRef& v)
{
    oracle->AddVnode(v);
}

/// Oracle: a vnode left the ring.
void
OracleDeparted(Ptr<LeadOracle> oracle, const VnodeRef& v)
{
    oracle->RemoveVnode(v.id);
}

/// Oracle: an acknowledged put, or a delete that found its key.
void
OracleKeyOp(Ptr<LeadOracle> oracle, const KeyOpResult& r)
{
    if (r.success && r.op == LeadKeyOp::PUT)
    {
        oracle->KeyStored(r.key, LeadOracle::Value{r.size, r.tag});
    }
    if (r.success && r.found && r.op == LeadKeyOp::DELETE)
    {
        oracle->KeyDeleted(r.key);
    }
}

/// Ledger: a message was sent.
void
LedgerTx(Ptr<LeadCostLedger> ledger, LeadMessageType, LeadPurpose, uint32_t bytes, uint64_t op)
{
    ledger->Record(op, bytes);
}
} // namespace

LeadHelper::LeadHelper()
    : m_oracle(Create<LeadOracle>()),
      m_ledger(Create<LeadCostLedger>())
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
    return ApplicationContainer(InstallPriv(node, LeadNodeApp::GetTypeId()));
}

ApplicationContainer
LeadHelper::InstallMembers(NodeContainer c)
{
    ApplicationContainer apps;
    for (auto it = c.Begin(); it != c.End(); ++it)
    {
        apps.Add(InstallPriv(*it, LeadGroupMemberApp::GetTypeId()));
    }
    return apps;
}

Ptr<LeadNodeApp>
LeadHelper::InstallPriv(Ptr<Node> node, TypeId type)
{
    NS_ABORT_MSG_IF(!m_hashModel, "LeadHelper::Install: call SetHashModel() first");
    if (m_bootstrap.empty())
    {
        m_bootstrap.push_back(AddressOf(node)); // the first node creates the ring
    }
    ObjectFactory factory = m_factory;
    factory.SetTypeId(type);
    Ptr<LeadNodeApp> app = factory.Create<LeadNodeApp>();
    app->SetAttribute("HashModel", PointerValue(m_hashModel));
    app->SetBootstrap(m_bootstrap);
    app->SetCostLedger(m_ledger);
    app->TraceConnectWithoutContext("VnodeJoined", MakeBoundCallback(&OracleJoined, m_oracle));
    app->TraceConnectWithoutContext("VnodeDeparted", MakeBoundCallback(&OracleDeparted, m_oracle));
    app->TraceConnectWithoutContext("KeyOpDone", MakeBoundCallback(&OracleKeyOp, m_oracle));
    app->GetTransport()->TraceConnectWithoutContext("Tx", MakeBoundCallback(&LedgerTx, m_ledger));
    node->AddApplication(app);
    return app;
}

Ptr<LeadOracle>
LeadHelper::GetOracle() const
{
    return m_oracle;
}

Ptr<LeadCostLedger>
LeadHelper::GetCostLedger() const
{
    return m_ledger;
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
