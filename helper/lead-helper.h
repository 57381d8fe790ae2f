/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_HELPER_H
#define LEAD_HELPER_H

#include "ns3/application-container.h"
#include "ns3/ipv4-address.h"
#include "ns3/lead-cost-ledger.h"
#include "ns3/lead-oracle.h"
#include "ns3/learned-hash-model.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"

#include <string>
#include <vector>

namespace ns3
{
namespace lead
{

class LeadNodeApp;

/**
 * @ingroup lead
 * @brief Installs LeadNodeApp on nodes, gives them one hash model, chooses the bootstrap
 * nodes, and keeps the measurement objects: the oracle (ground truth) and the cost ledger.
 *
 * The nodes need an IPv4 address on interface 1 before Install(). Unless SetBootstrap() was
 * called, the first node installed creates the ring and every other node joins through it.
 *
 * The measurement objects are fed from the applications' trace sources, never by protocol
 * code: VnodeJoined and VnodeDeparted keep the oracle's set of live vnodes, KeyOpDone its
 * acknowledged keys (a put that succeeded, a delete that found its key), and Tx the ledger's
 * per-operation message and byte counts.
 */
class LeadHelper
{
  public:
    LeadHelper();

    /**
     * @brief Set an attribute of the LeadNodeApp applications to be created.
     * @param name attribute name
     * @param value attribute value
     */
    void SetAttribute(const std::string& name, const AttributeValue& value);

    /**
     * @brief The key hash every node uses (shared, so all nodes agree on placement).
     * @param model a trained model
     */
    void SetHashModel(Ptr<LearnedHashModel> model);

    /**
     * @brief Nodes to join through; the first of them creates the ring.
     * @param bootstrap addresses
     */
    void SetBootstrap(const std::vector<Ipv4Address>& bootstrap);

    /**
     * @brief Install one LeadNodeApp on each node.
     * @param c the nodes
     * @return the applications
     */
    ApplicationContainer Install(NodeContainer c);

    /**
     * @brief Install one LeadNodeApp on a node.
     * @param node the node
     * @return the application
     */
    ApplicationContainer Install(Ptr<Node> node);

    /**
     * @brief Install a two-tier group member (LeadGroupMemberApp, with the attributes set
     * here) on each node; make them members of a leader with LeadNodeApp::SetGroupMembers.
     * @param c the nodes
     * @return the applications
     */
    ApplicationContainer InstallMembers(NodeContainer c);

    /**
     * @brief The ground truth shared by the installed applications.
     * @return the oracle
     */
    Ptr<LeadOracle> GetOracle() const;

    /**
     * @brief The per-operation cost ledger shared by the installed applications.
     * @return the ledger
     */
    Ptr<LeadCostLedger> GetCostLedger() const;

    /**
     * @brief Fix the random streams of the LeadNodeApps on these nodes.
     * @param c the nodes
     * @param stream first stream index
     * @return number of streams used
     */
    int64_t AssignStreams(NodeContainer c, int64_t stream);

  private:
    /**
     * @brief Create an application of the factory's type, give it the hash model, the
     * bootstrap list and the ledger, and feed the measurement objects from its traces.
     * @param node the node
     * @param type LeadNodeApp or LeadGroupMemberApp
     * @return the application
     */
    Ptr<LeadNodeApp> InstallPriv(Ptr<Node> node, TypeId type);

    /**
     * @brief IPv4 address of a node's interface 1 (aborts with a message if there is none).
     * @param node the node
     * @return the address
     */
    static Ipv4Address AddressOf(Ptr<Node> node);

    ObjectFactory m_factory;              //!< creates the applications
    Ptr<LearnedHashModel> m_hashModel;    //!< shared hash model
    std::vector<Ipv4Address> m_bootstrap; //!< bootstrap nodes
    Ptr<LeadOracle> m_oracle;             //!< shared ground truth
    Ptr<LeadCostLedger> m_ledger;         //!< shared per-operation costs
};

} // namespace lead
} // namespace ns3

#endif // LEAD_HELPER_H
