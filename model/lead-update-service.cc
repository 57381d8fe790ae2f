/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-update-service.h"

#include "lead-ring-id.h"
#include "lead-update-header.h"
#include "lead-vnode-host.h"
#include "lead-vnode.h"

#include "ns3/abort.h"
#include "ns3/log.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

namespace ns3
{
namespace lead
{

NS_LOG_COMPONENT_DEFINE("LeadUpdateService");

struct LeadUpdateService::Round
{
    uint16_t index{0};                    //!< coordinator vnode
    uint64_t id{0};                       //!< its id
    uint64_t serial{0};                   //!< which round
    uint32_t baseVersion{0};              //!< version refined
    uint32_t newVersion{0};               //!< version made
    std::unique_ptr<LeadUpdatePlan> plan; //!< the plan
    uint32_t pending{0};                  //!< answers awaited
    ModelUpdateRoundResult result;        //!< published at the end
};

LeadUpdateService::LeadUpdateService(LeadVnodeHost& host, const Config& config, Hooks hooks)
    : m_host(host),
      m_config(config),
      m_hooks(std::move(hooks))
{
    NS_ABORT_MSG_IF(config.quorum < 0 || config.quorum > 1,
                    "LeadUpdateService: Quorum " << config.quorum << " is not in [0, 1]");
    auto handler = [this](LeadVnode& at, const LeadHeader& h, Ptr<Packet> body, uint32_t from) {
        OnMessage(at, h, body, from);
    };
    host.SetHandler(LeadMessageType::UPDATE, handler);
    host.SetHandler(LeadMessageType::MODEL_ANNOUNCE, handler);
    if (m_config.checkInterval.IsStrictlyPositive())
    {
        m_timer = m_host.Env().Schedule(m_config.checkInterval, [this]() { Check(); });
    }
}

LeadUpdateService::~LeadUpdateService()
{
    if (m_timer != 0)
    {
        m_host.Env().Cancel(m_timer);
    }
}

void
LeadUpdateService::SetRoundCallback(RoundCallback cb)
{
    m_onRound = std::move(cb);
}

uint32_t
LeadUpdateService::NextVersion(uint32_t current, uint64_t coordinator)
{
    const uint32_t round = current >> 16;
    NS_ABORT_MSG_IF(round == 0xFFFF,
                    "LeadUpdateService: model version "
                        << current << " is the last round a version number can hold");
    return ((round + 1) << 16) | static_cast<uint32_t>(coordinator >> 48);
}

uint64_t
LeadUpdateService::Priority(uint64_t id, uint32_t version)
{
    uint64_t z = id ^ (uint64_t{version} * 0x9E3779B97F4A7C15ULL); // SplitMix64's finaliser
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

void
LeadUpdateService::Check()
{
    m_timer = m_host.Env().Schedule(m_config.checkInterval, [this]() { Check(); });
    if (m_round)
    {
        return;
    }
    const uint32_t version = m_hooks.model()->GetVersion();
    for (uint32_t i = 0; i < m_host.GetVnodeCount(); ++i)
    {
        const auto index = static_cast<uint16_t>(i);
        const LeadVnode& v = m_host.GetVnode(i);
        if (!v.IsJoined() || !m_hooks.ready(index) || m_hooks.readyShare(index) < m_config.quorum)
        {
            continue;
        }
        const uint64_t mine = Priority(v.GetSelf().id, version);
        const auto others = m_hooks.readyNeighbours(index);
        const bool first = std::none_of(others.begin(), others.end(), [mine, version](uint64_t id) {
            return Priority(id, version) < mine;
        });
        if (first && StartRound(index))
        {
            return;
        }
    }
}

bool
LeadUpdateService::TryLock(uint16_t index, uint64_t round)
{
    auto it = m_locks.find(index);
    const Time now = m_host.Env().Now();
    if (it != m_locks.end() && it->second.round != round && it->second.until > now)
    {
        return false;
    }
    m_locks[index] = Lock{round, now + m_config.lockTime};
    return true;
}

LeadUpdatePlan::Report
LeadUpdateService::MakeReport(LeadVnode& v) const
{
    std::vector<uint64_t> keys;
    for (const auto& it : v.GetStore().GetAll())
    {
        keys.push_back(it.key); // ascending: the store is ordered by key
    }
    LeadUpdatePlan::Report r;
    r.id = v.GetSelf().id;
    r.arcStart = v.GetTable().GetPredecessor()->id;
    r.leaves = LeadUpdatePlan::CountLeaves(*m_hooks.model(), keys);
    return r;
}

bool
LeadUpdateService::StartRound(uint16_t index)
{
    if (m_round || index >= m_host.GetVnodeCount())
    {
        return false;
    }
    LeadVnode& v = m_host.GetVnode(index);
    Ptr<LearnedHashModel> model = m_hooks.model();
    if (!v.IsJoined() || !v.GetTable().GetPredecessor() || model->GetLeafCount() == 0 ||
        !TryLock(index, v.GetSelf().id))
    {
        return false;
    }
    m_round = std::make_unique<Round>();
    Round& r = *m_round;
    r.index = index;
    r.id = v.GetSelf().id;
    r.serial = ++m_serial;
    r.baseVersion = model->GetVersion();
    r.plan = std::make_unique<LeadUpdatePlan>(model, r.id);
    r.plan->AddReport(MakeReport(v));
    r.result.coordinator = r.id;
    r.result.baseVersion = r.baseVersion;
    r.result.start = m_host.Env().Now();
    std::vector<VnodeRef> targets = v.GetTable().GetSuccessors();
    targets.push_back(*v.GetTable().GetPredecessor());
    std::sort(targets.begin(), targets.end(), [](const VnodeRef& a, const VnodeRef& b) {
        return a.id < b.id;
    });
    targets.erase(std::unique(targets.begin(),
                              targets.end(),
                              [](const VnodeRef& a, const VnodeRef& b) { return a.id == b.id; }),
                  targets.end());
    LeadOpScope maintenance(m_host, 0);
    for (const VnodeRef& t : targets)
    {
        if (t.id != r.id)
        {
            ++r.pending;
            SendPull(v, t);
        }
    }
    if (r.pending == 0)
    {
        PullDone();
    }
    return true;
}

void
LeadUpdateService::Ask(const VnodeRef& from,
                       const VnodeRef& to,
                       const LeadUpdateHeader& req,
                       std::function<void(const LeadUpdateHeader* answer)> done)
{
    Ptr<Packet> body = Create<Packet>();
    body->AddHeader(req);
    const uint64_t serial = m_round->serial;
    // Answers to a round that ended meanwhile are ignored.
    auto current = [this, serial]() { return m_round && m_round->serial == serial; };
    m_host.Call(
        from,
        to,
        LeadMessageType::UPDATE,
        LeadPurpose::MODEL,
        body,
        [this, current, done](const LeadHeader&, Ptr<Packet> reply) {
            if (!current())
            {
                return;
            }
            LeadUpdateHeader a;
            reply->RemoveHeader(a);
            if (!a.valid)
            {
                m_host.Drop(reply, "invalid UPDATE_REPLY body");
                done(nullptr);
                return;
            }
            done(&a);
        },
        [current, done]() {
            if (current())
            {
                done(nullptr);
            }
        });
}

void
LeadUpdateService::SendPull(LeadVnode& v, const VnodeRef& t)
{
    LeadUpdateHeader req;
    req.phase = LeadUpdateHeader::PULL;
    req.round = m_round->id;
    req.version = m_round->baseVersion;
    Ask(v.GetSelf(), t, req, [this, t](const LeadUpdateHeader* a) {
        if (a && a->reply && a->accepted && a->phase == LeadUpdateHeader::PULL)
        {
            m_round->plan->AddReport(LeadUpdatePlan::Report{t.id, a->word, a->counts});
        }
        else
        {
            ++m_round->result.declined;
        }
        PullDone();
    });
}

void
LeadUpdateService::PullDone()
{
    Round& r = *m_round;
    if (r.pending > 0 && --r.pending > 0)
    {
        return;
    }
    if (m_hooks.model()->GetVersion() != r.baseVersion)
    {
        Finish("a newer version was installed meanwhile");
        return;
    }
    if (!r.plan->Plan())
    {
        r.result.participants = static_cast<uint32_t>(r.plan->GetChain().size());
        Finish("nothing to refit");
        return;
    }
    r.newVersion = NextVersion(r.baseVersion, r.id);
    r.result.participants = static_cast<uint32_t>(r.plan->GetChain().size());
    r.result.interiorLeaves = r.plan->GetInteriorLeaves();
    r.result.interiorKeys = r.plan->GetInteriorKeys();
    LeadVnode& self = m_host.GetVnode(r.index);
    LeadOpScope maintenance(m_host, 0);
    r.pending = 1; // held until every request is out
    for (uint64_t id : r.plan->GetChain())
    {
        // Every participant gets its REFIT, with or without pieces to refit: its drift counts
        // anew once the round's version arrives (else a vnode whose keys lie in the chain's
        // end leaves would stay ready and start round after round).
        const auto assignments = r.plan->GetAssignments(id);
        if (id == r.id)
        {
            m_roundOf[r.index] = r.newVersion;
            for (const auto& [leaf, p] : Refit(self, assignments))
            {
                r.plan->AddPiece(id, leaf, p, m_config.validate);
            }
            continue;
        }
        SendRefit(self, id, assignments);
    }
    RefitDone();
}

void
LeadUpdateService::SendRefit(LeadVnode& self,
                             uint64_t id,
                             const std::vector<LeadUpdatePlan::Assignment>& assignments)
{
    // The participant's address: the plan knows ids only; the table knows the rest.
    std::optional<VnodeRef> to;
    for (const VnodeRef& ref : self.GetTable().GetKnownNodes())
    {
        if (ref.id == id)
        {
            to = ref;
        }
    }
    if (!to)
    {
        return; // left the table meanwhile: its pieces are filled in
    }
    LeadUpdateHeader req;
    req.phase = LeadUpdateHeader::REFIT;
    req.round = m_round->id;
    req.version = m_round->newVersion;
    req.word = m_round->baseVersion;
    req.assignments = assignments;
    ++m_round->pending;
    Ask(self.GetSelf(), *to, req, [this, id](const LeadUpdateHeader* a) {
        for (size_t k = 0; a && k < a->pieces.size(); ++k)
        {
            const auto& [leaf, p] = a->pieces[k];
            m_round->result.replaced +=
                m_round->plan->AddPiece(id, leaf, p, m_config.validate) ? 0 : 1;
        }
        RefitDone(); // a silent participant's pieces are filled in
    });
}

void
LeadUpdateService::RefitDone()
{
    Round& r = *m_round;
    if (--r.pending > 0)
    {
        return;
    }
    if (m_hooks.model()->GetVersion() != r.baseVersion)
    {
        Finish("a newer version was installed meanwhile");
        return;
    }
    r.result.replaced += r.plan->FillMissing();
    Ptr<LearnedHashModel> model = r.plan->Build(m_config.method, r.newVersion);
    const uint16_t index = r.index;
    const uint64_t id = r.id;
    const uint32_t version = r.newVersion;
    r.result.newVersion = version;
    r.result.installed = m_hooks.install(model);
    Finish(r.result.installed ? "installed" : "not installed");
    if (m_host.GetVnode(index).IsJoined())
    {
        Forward(index, id, version); // the whole ring: (self, self)
    }
}

void
LeadUpdateService::Finish(const std::string& outcome)
{
    ModelUpdateRoundResult result = m_round->result;
    m_locks.erase(m_round->index);
    m_round.reset();
    result.outcome = outcome;
    result.duration = m_host.Env().Now() - result.start;
    NS_LOG_INFO("round of " << result.coordinator << " on version " << result.baseVersion << ": "
                            << outcome);
    if (m_onRound)
    {
        m_onRound(result);
    }
}

std::vector<std::pair<uint32_t, LeafParams>>
LeadUpdateService::Refit(LeadVnode& v,
                         const std::vector<LeadUpdatePlan::Assignment>& assignments) const
{
    Ptr<LearnedHashModel> model = m_hooks.model();
    std::map<uint32_t, std::vector<uint64_t>> byLeaf;
    for (const auto& it : v.GetStore().GetAll())
    {
        byLeaf[model->LeafOf(it.key)].push_back(it.key);
    }
    std::vector<std::pair<uint32_t, LeafParams>> pieces;
    for (const auto& a : assignments)
    {
        if (a.leaf >= model->GetLeafCount() || !std::isfinite(a.rankLo) ||
            !std::isfinite(a.rankHi) || a.rankHi < a.rankLo)
        {
            continue; // a malformed assignment gets no piece; the coordinator fills it in
        }
        LeafParams p = LeadUpdatePlan::FitPiece(*model, a.leaf, byLeaf[a.leaf], a.rankLo, a.rankHi);
        if (m_config.hostile)
        {
            // A poisoning participant: wild line, the whole rank range, an inflated weight.
            p.intercept = -1e18;
            p.slope = 1e12;
            p.firstRank = 0;
            p.lastRank = std::numeric_limits<uint64_t>::max() / 2;
            p.keys = uint64_t{1} << 40;
        }
        pieces.emplace_back(a.leaf, p);
    }
    return pieces;
}

void
LeadUpdateService::OnMessage(LeadVnode& at, const LeadHeader& h, Ptr<Packet> body, uint32_t from)
{
    LeadUpdateHeader req;
    body->RemoveHeader(req);
    const bool announce = h.GetType() == LeadMessageType::MODEL_ANNOUNCE;
    if (!req.valid || req.reply || announce != (req.phase == LeadUpdateHeader::ANNOUNCE))
    {
        m_host.Drop(body, announce ? "invalid MODEL_ANNOUNCE body" : "invalid UPDATE body");
        return;
    }
    if (announce)
    {
        OnAnnounce(at, req);
    }
    else if (req.phase == LeadUpdateHeader::PULL)
    {
        ServePull(at, h, req, from);
    }
    else
    {
        ServeRefit(at, h, req, from);
    }
}

void
LeadUpdateService::ServePull(LeadVnode& at,
                             const LeadHeader& h,
                             const LeadUpdateHeader& req,
                             uint32_t from)
{
    LeadUpdateHeader answer;
    answer.phase = LeadUpdateHeader::PULL;
    answer.reply = true;
    answer.round = req.round;
    answer.version = m_hooks.model()->GetVersion();
    const uint16_t index = at.GetSelf().vnode;
    if (at.GetTable().GetPredecessor() && answer.version == req.version &&
        !(m_round && m_round->index == index))
    {
        LeadUpdatePlan::Report r = MakeReport(at);
        if (r.leaves.size() <= LeadUpdateHeader::MAX_ENTRIES && TryLock(index, req.round))
        {
            answer.accepted = true;
            answer.word = r.arcStart;
            answer.counts = std::move(r.leaves);
        }
    }
    Ptr<Packet> reply = Create<Packet>();
    reply->AddHeader(answer);
    m_host.Reply(at.GetSelf(), h, from, LeadMessageType::UPDATE_REPLY, reply);
}

void
LeadUpdateService::ServeRefit(LeadVnode& at,
                              const LeadHeader& h,
                              const LeadUpdateHeader& req,
                              uint32_t from)
{
    LeadUpdateHeader answer;
    answer.phase = LeadUpdateHeader::REFIT;
    answer.reply = true;
    answer.round = req.round;
    answer.version = req.version;
    const uint16_t index = at.GetSelf().vnode;
    if (m_hooks.model()->GetVersion() == req.word && req.version > req.word)
    {
        answer.pieces = Refit(at, req.assignments);
        m_roundOf[index] = req.version; // its drift counts anew when that version arrives
    }
    auto lock = m_locks.find(index);
    if (lock != m_locks.end() && lock->second.round == req.round)
    {
        m_locks.erase(lock);
    }
    Ptr<Packet> reply = Create<Packet>();
    reply->AddHeader(answer);
    m_host.Reply(at.GetSelf(), h, from, LeadMessageType::UPDATE_REPLY, reply);
}

void
LeadUpdateService::OnAnnounce(LeadVnode& at, const LeadUpdateHeader& a)
{
    const uint16_t index = at.GetSelf().vnode;
    uint32_t& newest = m_announced[index];
    if (a.version <= newest)
    {
        return; // announced already (a stale finger can make a second path)
    }
    newest = a.version;
    if (m_hooks.model()->GetVersion() >= a.version)
    {
        Forward(index, a.word, a.version);
        return;
    }
    // The header's version made the model service fetch it from the sender.
    m_pending.push_back(Pending{index, a.word, a.version});
}

void
LeadUpdateService::Installed(uint32_t version)
{
    for (auto it = m_roundOf.begin(); it != m_roundOf.end();)
    {
        if (it->second == version)
        {
            m_hooks.resetDrift(it->first);
        }
        it = it->second <= version ? m_roundOf.erase(it) : std::next(it);
    }
    std::vector<Pending> due;
    for (auto it = m_pending.begin(); it != m_pending.end();)
    {
        if (it->version <= version)
        {
            due.push_back(*it);
            it = m_pending.erase(it);
        }
        else
        {
            ++it;
        }
    }
    for (const Pending& p : due)
    {
        Forward(p.index, p.limit, version);
    }
}

void
LeadUpdateService::Forward(uint16_t index, uint64_t limit, uint32_t version)
{
    if (index >= m_host.GetVnodeCount() || !m_host.GetVnode(index).IsJoined())
    {
        return;
    }
    LeadVnode& v = m_host.GetVnode(index);
    const uint64_t self = v.GetSelf().id;
    m_announced[index] = std::max(m_announced[index], version);
    std::vector<VnodeRef> next;
    for (const VnodeRef& ref : v.GetTable().GetKnownNodes())
    {
        if (RingId::Between(self, ref.id, limit))
        {
            next.push_back(ref);
        }
    }
    std::sort(next.begin(), next.end(), [self](const VnodeRef& a, const VnodeRef& b) {
        return a.id - self < b.id - self; // clockwise distance
    });
    LeadOpScope maintenance(m_host, 0);
    for (size_t k = 0; k < next.size(); ++k)
    {
        LeadUpdateHeader a;
        a.phase = LeadUpdateHeader::ANNOUNCE;
        a.version = version;
        a.word = k + 1 < next.size() ? next[k + 1].id : limit;
        Ptr<Packet> body = Create<Packet>();
        body->AddHeader(a);
        m_host.SendOneWay(v.GetSelf(),
                          next[k],
                          LeadMessageType::MODEL_ANNOUNCE,
                          LeadPurpose::MODEL,
                          body);
    }
}

} // namespace lead
} // namespace ns3
