/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-experiment-helper.h"

#include "lead-dataset-helper.h"
#include "lead-report-util.h"

#include "ns3/abort.h"
#include "ns3/ipv4.h"
#include "ns3/lead-node-app.h"
#include "ns3/lead-oracle.h"
#include "ns3/lead-pht-client.h"
#include "ns3/lead-pht-index.h"
#include "ns3/random-variable-stream.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <iomanip>
#include <iostream>
#include <sstream>

namespace ns3
{
namespace lead
{

namespace
{
/// Value tags of the loaded and put keys.
constexpr uint64_t TAG_SALT{0x5eed};
} // namespace

const std::vector<std::string>&
LeadExperimentHelper::Systems()
{
    static const std::vector<std::string> systems{"lead",
                                                  "chord",
                                                  "chord-batched",
                                                  "marques",
                                                  "pht",
                                                  "linear"};
    return systems;
}

LeadExperimentHelper::LeadExperimentHelper(const Config& config)
    : m_config(config)
{
    const auto& s = Systems();
    NS_ABORT_MSG_IF(std::find(s.begin(), s.end(), config.system) == s.end(),
                    "--systems: unknown system '" << config.system
                                                  << "' (lead, chord, chord-batched, marques, pht, "
                                                     "linear)");
    m_ordered = config.system == "lead" || config.system == "marques" || config.system == "linear";
}

LeadExperimentHelper::~LeadExperimentHelper() = default;

void
LeadExperimentHelper::SetOverlayAttribute(const std::string& name, const AttributeValue& value)
{
    m_overlay.SetAttribute(name, value);
}

void
LeadExperimentHelper::MakeKeys()
{
    // Keys for puts are held out of the generated set, so they follow the same distribution.
    LeadDatasetHelper data;
    data.SetDistribution(m_config.dataset);
    data.SetKeyCount(m_config.keys + m_config.freshKeys);
    data.AssignStreams(1);
    const std::vector<uint64_t> all = data.GetKeys();
    const size_t every =
        m_config.freshKeys > 0 ? std::max<size_t>(2, all.size() / m_config.freshKeys) : 0;
    for (size_t i = 0; i < all.size(); ++i)
    {
        (every != 0 && i % every == every - 1 ? m_fresh : m_keys).push_back(all[i]);
    }
    m_dataKeys.insert(m_keys.begin(), m_keys.end());
    m_dataKeys.insert(m_fresh.begin(), m_fresh.end());
}

ApplicationContainer
LeadExperimentHelper::Install(const NodeContainer& hosts)
{
    MakeKeys();
    const std::string hash = !m_config.hash.empty()        ? m_config.hash
                             : m_config.system == "linear" ? "linear"
                             : m_ordered                   ? "rmi"
                                                           : "sha1";
    m_model = LearnedHashModel::CreateByName(hash);
    m_model->Train(m_keys);
    m_overlay.SetHashModel(m_model);
    m_overlay.SetAttribute("VnodesPerNode", UintegerValue(m_config.vnodes));
    if (m_config.maxRtt.IsStrictlyPositive())
    {
        // An RPC may take the largest round trip (the PlanetLab matrix has pairs near 3 s; the
        // attribute defaults are p2psim's 1 s).
        const Time rpc =
            std::max(Seconds(1), MilliSeconds(1.25 * m_config.maxRtt.GetSeconds() * 1000));
        m_overlay.SetAttribute("RpcInitialTimeout", TimeValue(rpc));
        m_overlay.SetAttribute("RpcMaxTimeout", TimeValue(rpc));
        m_overlay.SetAttribute("MaxLookupTime", TimeValue(std::max(Seconds(2), 6 * rpc)));
        m_overlay.SetAttribute("MaxRangeQueryTime", TimeValue(std::max(Seconds(10), 20 * rpc)));
    }
    // marques: the first hosts / (1 + GroupSize) hosts lead, the others are group members.
    m_ringNodes = m_config.system == "marques"
                      ? std::max<uint32_t>(1, hosts.GetN() / (1 + m_config.groupSize))
                      : hosts.GetN();
    NodeContainer ring;
    NodeContainer members;
    for (uint32_t i = 0; i < hosts.GetN(); ++i)
    {
        (i < m_ringNodes ? ring : members).Add(hosts.Get(i));
    }
    m_apps = m_overlay.Install(ring);
    m_apps.Add(m_overlay.InstallMembers(members));
    m_overlay.AssignStreams(hosts, 10);
    AssignGroups(hosts);
    for (uint32_t i = 0; i < hosts.GetN(); ++i)
    {
        m_apps.Get(i)->SetStartTime(m_config.joinStart + m_config.joinSpacing * (i % m_ringNodes));
    }
    if (m_config.system == "pht")
    {
        m_phtIndex = std::make_unique<PhtIndex>(m_keys, m_config.phtBucket);
        for (uint32_t i = 0; i < hosts.GetN(); ++i)
        {
            m_pht.push_back(CreateObject<LeadPhtClient>());
            m_pht.back()->SetApp(App(i));
        }
    }
    m_stats.Install(m_apps, m_overlay.GetOracle());
    WatchBalancer();
    return m_apps;
}

void
LeadExperimentHelper::Preload(Time at)
{
    // Every item straight into the store of the vnode that owns its position (a two-tier
    // leader names the member instead): the placement a put would reach on a settled ring.
    Simulator::Schedule(at, [this]() {
        BuildLoad();
        Ptr<LeadOracle> oracle = m_overlay.GetOracle();
        std::map<uint32_t, uint32_t> hostOf; // address -> application index
        for (uint32_t i = 0; i < m_apps.GetN(); ++i)
        {
            hostOf[m_apps.Get(i)->GetNode()->GetObject<Ipv4>()->GetAddress(1, 0).GetLocal().Get()] =
                i;
        }
        for (const auto& it : m_load)
        {
            const auto owner = oracle->Owner(it.hash);
            NS_ABORT_MSG_IF(!owner, "LeadExperimentHelper::Preload: no live vnode");
            auto member = App(hostOf.at(owner->address))->StoreDirect(owner->vnode, it);
            if (member)
            {
                App(hostOf.at(member->Get()))->StoreDirect(0, it);
            }
            oracle->KeyStored(it.key, LeadOracle::Value{it.size, it.tag});
            ++m_loaded;
        }
    });
}

void
LeadExperimentHelper::WatchBalancer()
{
    // The dynamic Shadow Balancer's vnodes added and shed, and the keys and bytes its moves
    // cost (migrations after the load: nothing else moves keys then).
    for (uint32_t i = 0; i < m_apps.GetN(); ++i)
    {
        App(i)->TraceConnectWithoutContext(
            "BalancerAction",
            Callback<void, const std::string&, uint64_t, uint64_t, double>(
                [this](const std::string&, uint64_t, uint64_t, double) { ++m_balancerActions; }));
        App(i)->TraceConnectWithoutContext(
            "Tx",
            Callback<void, LeadMessageType, LeadPurpose, uint32_t, uint64_t>(
                [this](LeadMessageType, LeadPurpose p, uint32_t bytes, uint64_t) {
                    if (p == LeadPurpose::MIGRATION && m_balancerActions > 0)
                    {
                        m_balancerBytes += bytes;
                    }
                    if (p == LeadPurpose::MEMBERSHIP)
                    {
                        m_viewBytes += bytes;
                        const bool queries = m_queryStart && Simulator::Now() >= *m_queryStart;
                        m_viewBytesQueries += queries ? bytes : 0;
                    }
                }));
        App(i)->TraceConnectWithoutContext(
            "KeysMigrated",
            Callback<void, uint32_t, LeadPurpose>([this](uint32_t n, LeadPurpose p) {
                m_balancerKeys += p == LeadPurpose::MIGRATION && m_balancerActions > 0 ? n : 0;
            }));
    }
}

void
LeadExperimentHelper::AssignGroups(const NodeContainer& hosts)
{
    // marques: member i belongs to leader (i - leaders) mod leaders.
    const uint32_t n = hosts.GetN();
    if (m_ringNodes == n)
    {
        return;
    }
    std::vector<std::vector<Ipv4Address>> groups(m_ringNodes);
    for (uint32_t i = m_ringNodes; i < n; ++i)
    {
        const uint32_t leader = (i - m_ringNodes) % m_ringNodes;
        groups[leader].push_back(hosts.Get(i)->GetObject<Ipv4>()->GetAddress(1, 0).GetLocal());
        // A member's own queries enter the ring at its leader.
        App(i)->SetGateway(hosts.Get(leader)->GetObject<Ipv4>()->GetAddress(1, 0).GetLocal());
    }
    for (uint32_t l = 0; l < m_ringNodes; ++l)
    {
        NS_ABORT_MSG_IF(groups[l].empty(),
                        "marques: " << n << " hosts leave leader " << l << " without members");
        App(l)->SetGroupMembers(groups[l]);
    }
}

Time
LeadExperimentHelper::GetLastJoin() const
{
    return m_config.joinStart + m_config.joinSpacing * (m_ringNodes - 1);
}

void
LeadExperimentHelper::BuildLoad()
{
    if (!m_load.empty())
    {
        return;
    }
    if (m_phtIndex)
    {
        for (const auto& node : m_phtIndex->GetNodes())
        {
            const auto items = LeadPhtClient::Items(node, m_config.valueSize, TAG_SALT);
            m_load.insert(m_load.end(), items.begin(), items.end());
        }
    }
    else
    {
        m_load.reserve(m_keys.size());
        for (uint64_t k : m_keys)
        {
            m_load.push_back({k, m_model->Hash(k), m_config.valueSize, k ^ TAG_SALT});
        }
    }
}

Time
LeadExperimentHelper::ScheduleLoad(Time start)
{
    BuildLoad();
    auto done = Callback<void, const KeyOpResult&>(
        [this](const KeyOpResult& r) { m_loaded += r.success ? 1 : 0; });
    for (size_t k = 0; k < m_load.size(); ++k)
    {
        Simulator::Schedule(start + m_config.putSpacing * k, [this, k, done]() {
            const auto& it = m_load[k];
            if (m_phtIndex)
            {
                App(k % m_ringNodes)->PutAt(it.key, it.hash, it.size, it.tag, done);
            }
            else
            {
                App(k % m_ringNodes)->Put(it.key, it.size, it.tag, done);
            }
        });
    }
    return start + m_config.putSpacing * m_load.size();
}

std::vector<uint64_t>
LeadExperimentHelper::StoredIn(uint64_t lo, uint64_t hi) const
{
    // Keys acknowledged so far in [lo, hi] (the PHT's trie markers are not data keys).
    std::vector<uint64_t> in;
    const auto& stored = m_overlay.GetOracle()->GetKeys();
    for (auto it = stored.lower_bound(lo); it != stored.end() && it->first <= hi; ++it)
    {
        if (m_dataKeys.count(it->first) != 0)
        {
            in.push_back(it->first);
        }
    }
    return in;
}

void
LeadExperimentHelper::Record(const std::string& cell,
                             bool exact,
                             Time latency,
                             double messages,
                             double bytes,
                             double visited,
                             double length)
{
    Cell& c = m_cells[cell];
    c.exact += exact ? 1 : 0;
    c.latencyMs.push_back(latency.GetSeconds() * 1000);
    c.messages += messages;
    c.bytes += bytes;
    c.visited += visited;
    c.length += length;
}

void
LeadExperimentHelper::IssueRange(uint32_t client,
                                 uint64_t lo,
                                 uint64_t hi,
                                 const std::string& cell,
                                 std::function<void()> then)
{
    // Every key acknowledged before the issue must be in the answer; keys whose put was
    // still running may be.
    const std::vector<uint64_t> before = StoredIn(lo, hi);
    NoteFloor(client, lo, cell);
    auto done = Callback<void, const RangeQueryResult&>(
        [this, before, lo, hi, cell, then](const RangeQueryResult& r) {
            CheckRange(r, before, lo, hi, cell);
            if (then)
            {
                then();
            }
        });
    if (m_ordered)
    {
        App(client)->RangeQuery(lo, hi, done);
    }
    else if (m_config.system == "pht")
    {
        m_pht[client]->RangeQuery(lo, hi, done);
    }
    else
    {
        // Chord fetches each key it knows to be stored in the range.
        App(client)->RangeQueryPerKey(before,
                                      m_config.system == "chord" ? 1 : m_config.batchSize,
                                      done);
    }
}

void
LeadExperimentHelper::SetRtt(std::function<Time(uint32_t, uint32_t)> rtt)
{
    m_rtt = std::move(rtt);
}

void
LeadExperimentHelper::NoteFloor(uint32_t client, uint64_t key, const std::string& cell)
{
    // The host whose joined vnode (or two-tier member) holds the key now, as its owner.
    if (!m_rtt)
    {
        return;
    }
    for (uint32_t h = 0; h < m_apps.GetN(); ++h)
    {
        Ptr<LeadNodeApp> a = App(h);
        for (uint32_t v = 0; v < a->GetVnodeCount(); ++v)
        {
            if (a->GetStore(v).Get(key).has_value())
            {
                const Time rtt = m_rtt(client, h);
                if (!rtt.IsNegative())
                {
                    m_cells[cell].floorMs.push_back(rtt.GetSeconds() * 1000);
                }
                return;
            }
        }
    }
}

void
LeadExperimentHelper::CheckRange(const RangeQueryResult& r,
                                 const std::vector<uint64_t>& before,
                                 uint64_t lo,
                                 uint64_t hi,
                                 const std::string& cell)
{
    bool exact =
        r.complete && std::includes(r.keys.begin(), r.keys.end(), before.begin(), before.end());
    for (uint64_t k : r.keys)
    {
        exact = exact && k >= lo && k <= hi &&
                (std::binary_search(before.begin(), before.end(), k) || m_puts.count(k) != 0);
    }
    m_exact = m_exact && exact;
    if (!exact)
    {
        std::cerr << "inexact answer: " << m_config.system << " [" << lo << ", " << hi
                  << "] complete=" << r.complete << " keys=" << r.keys.size()
                  << " stored before=" << before.size() << "\n";
    }
    Record(cell,
           exact,
           r.latency,
           r.messages,
           static_cast<double>(r.bytes),
           r.nodesVisited,
           static_cast<double>(before.size()));
}

Callback<void, const KeyOpResult&>
LeadExperimentHelper::KeyOpCheck(const std::string& cell, bool mustFind)
{
    return Callback<void, const KeyOpResult&>([this, cell, mustFind](const KeyOpResult& r) {
        const bool ok = r.success && (!mustFind || r.found);
        m_exact = m_exact && ok;
        Record(cell, ok, r.latency, r.messages, static_cast<double>(r.bytes), 1, 1);
    });
}

void
LeadExperimentHelper::ScheduleRangeSeries(Time start,
                                          const std::vector<uint32_t>& lengths,
                                          uint32_t queries)
{
    m_queryStart = start;

    // Queries one after another, so that no two interfere; the run stops after the last answer.
    struct Spec
    {
        uint32_t len;
        uint32_t from;
        uint32_t first;
    };

    std::vector<Spec> specs;
    Ptr<UniformRandomVariable> rng = CreateObject<UniformRandomVariable>();
    rng->SetStream(77);
    for (uint32_t len : lengths)
    {
        for (uint32_t q = 0; q < queries; ++q)
        {
            const uint32_t first = rng->GetInteger(0, m_keys.size() - len);
            const uint32_t from = rng->GetInteger(0, m_apps.GetN() - 1); // any host
            specs.push_back({len, from, first});
        }
    }
    auto next = std::make_shared<size_t>(0);
    auto issueNext = std::make_shared<std::function<void()>>();
    // The function holds itself only weakly (a strong self-reference would never be freed:
    // LeakSanitizer found it); the pending event or range callback holds it strongly.
    std::weak_ptr<std::function<void()>> weak = issueNext;
    *issueNext = [this, next, weak, specs]() {
        if (*next >= specs.size())
        {
            Simulator::Stop(Seconds(1));
            return;
        }
        const Spec& s = specs[(*next)++];
        auto self = weak.lock();
        IssueRange(s.from,
                   m_keys[s.first],
                   m_keys[s.first + s.len - 1],
                   std::to_string(s.len),
                   [self]() { Simulator::Schedule(Seconds(1), [self]() { (*self)(); }); });
    };
    Simulator::Schedule(start, [issueNext]() { (*issueNext)(); });
}

Time
LeadExperimentHelper::SchedulePoisson(Time start, Ptr<LeadWorkload> workload)
{
    m_queryStart = start;
    const auto schedule = workload->Generate(m_keys, m_fresh, m_apps.GetN(), start);
    for (const auto& op : schedule)
    {
        Simulator::Schedule(op.time, [this, op]() { IssueOp(op); });
    }
    return schedule.empty() ? start : schedule.back().time;
}

void
LeadExperimentHelper::IssueOp(const WorkloadOp& op)
{
    const bool pht = m_config.system == "pht";
    switch (op.kind)
    {
    case WorkloadOp::GET:
        if (pht)
        {
            IssueRange(op.client, op.key, op.key, "get", {});
        }
        else
        {
            App(op.client)->Get(op.key, KeyOpCheck("get", true));
        }
        break;
    case WorkloadOp::PUT:
        m_puts.insert(op.key);
        if (pht)
        {
            m_pht[op.client]->Insert(op.key,
                                     m_config.valueSize,
                                     op.key ^ TAG_SALT,
                                     KeyOpCheck("put", false));
        }
        else
        {
            App(op.client)->Put(op.key,
                                m_config.valueSize,
                                op.key ^ TAG_SALT,
                                KeyOpCheck("put", false));
        }
        break;
    case WorkloadOp::RANGE:
        IssueRange(op.client, op.key, op.endKey, "range", {});
        break;
    }
}

void
LeadExperimentHelper::ScheduleReads(Time start)
{
    const uint32_t n = m_ringNodes;
    for (uint64_t k = 0; k < m_keys.size(); ++k)
    {
        Simulator::Schedule(start + m_config.putSpacing * k,
                            [this, k, n]() { App((k + 7) % n)->Get(m_keys[k], {}); });
    }
}

void
LeadExperimentHelper::ScheduleLookups(Time start, uint32_t count)
{
    Ptr<UniformRandomVariable> rng = CreateObject<UniformRandomVariable>();
    rng->SetStream(5);
    const uint32_t n = m_ringNodes;
    for (uint32_t q = 0; q < count; ++q)
    {
        Simulator::Schedule(start + MilliSeconds(2 * q), [this, rng, n]() {
            const uint64_t target = (static_cast<uint64_t>(rng->GetInteger(0, 0xffffffffU)) << 32) |
                                    rng->GetInteger(0, 0xffffffffU);
            App(rng->GetInteger(0, n - 1))->Lookup(target, {});
        });
    }
}

std::pair<uint32_t, uint32_t>
LeadExperimentHelper::RingState() const
{
    Ptr<LeadOracle> oracle = m_overlay.GetOracle();
    std::pair<uint32_t, uint32_t> unjoinedWrong{0, 0};
    for (uint32_t i = 0; i < m_ringNodes; ++i)
    {
        Ptr<LeadNodeApp> app = App(i);
        for (uint32_t v = 0; v < app->GetVnodeCount(); ++v)
        {
            if (!app->IsJoined(v))
            {
                ++unjoinedWrong.first;
                continue;
            }
            const auto succ = oracle->Successor(app->GetVnode(v).id);
            unjoinedWrong.second +=
                (!succ || app->GetRoutingTable(v).GetSuccessor().id != succ->id) ? 1 : 0;
        }
    }
    return unjoinedWrong;
}

void
LeadExperimentHelper::WatchConvergence(Time from, Time until)
{
    Simulator::Schedule(from, [this, until]() {
        const auto state = RingState();
        if (state.first == 0 && state.second == 0)
        {
            m_converged = Simulator::Now() - GetLastJoin();
            return;
        }
        if (Simulator::Now() + Seconds(1) < until)
        {
            WatchConvergence(Seconds(1), until);
        }
    });
}

std::optional<Time>
LeadExperimentHelper::GetConvergence() const
{
    return m_converged;
}

Ptr<LeadNodeApp>
LeadExperimentHelper::App(uint32_t i) const
{
    return DynamicCast<LeadNodeApp>(m_apps.Get(i));
}

uint32_t
LeadExperimentHelper::GetRingNodes() const
{
    return m_ringNodes;
}

const std::vector<uint64_t>&
LeadExperimentHelper::GetKeys() const
{
    return m_keys;
}

LeadHelper&
LeadExperimentHelper::GetOverlay()
{
    return m_overlay;
}

LeadStatsCollector&
LeadExperimentHelper::GetStats()
{
    return m_stats;
}

} // namespace lead
} // namespace ns3
