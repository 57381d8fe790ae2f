/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "rmi-hash-model.h"

#include "lead-byte-codec.h"
#include "lead-ns3-compat.h"
#include "rmi-cubic-root.h"

#include "ns3/abort.h"
#include "ns3/enum.h"
#include "ns3/log.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace ns3
{
namespace lead
{

NS_LOG_COMPONENT_DEFINE("RmiHashModel");

NS_OBJECT_ENSURE_REGISTERED(RmiHashModel);

namespace
{
/// 2^64 as a double.
constexpr double TWO_POW_64{18446744073709551616.0};
/// Leaves automatically chosen: one per this many keys.
constexpr uint64_t AUTO_KEYS_PER_LEAF{32};
/// Upper bound of the automatic leaf count (2.6 MB of leaves).
constexpr uint32_t AUTO_MAX_LEAVES{1U << 16};
/// Leaves probed linearly before the boundary correction falls back to binary search.
constexpr uint32_t LINEAR_PROBES{4};
} // namespace

TypeId
RmiHashModel::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::lead::RmiHashModel")
            .SetParent<LearnedHashModel>()
            .SetGroupName("Lead")
            .AddConstructor<RmiHashModel>()
            .AddAttribute("Leaves",
                          "Number of stage-1 linear leaves (B), at most 67108864 (2^26); 0 chooses "
                          "one leaf per 32 training keys, at most 65536.",
                          UintegerValue(0),
                          MakeUintegerAccessor(&RmiHashModel::m_leavesAttr),
                          MakeUintegerChecker<uint32_t>(0, MAX_LEAVES))
            .AddAttribute(
                "RootModel",
                "Stage-0 model: spline (piecewise-linear CDF through RootKnots "
                "quantiles; meets the error targets on skewed keys), cubic (monotone "
                "Hermite spline, the authors' choice) or linear (least squares).",
                EnumValue(RmiHashModel::ROOT_SPLINE),
                LEAD_ENUM_ACCESSOR(RmiHashModel::RootModel, &RmiHashModel::m_rootConfigured),
                MakeEnumChecker(RmiHashModel::ROOT_SPLINE,
                                "spline",
                                RmiHashModel::ROOT_CUBIC,
                                "cubic",
                                RmiHashModel::ROOT_LINEAR,
                                "linear"))
            .AddAttribute("RootKnots",
                          "Number of knots of the spline root model.",
                          UintegerValue(1024),
                          MakeUintegerAccessor(&RmiHashModel::m_rootKnots),
                          MakeUintegerChecker<uint32_t>(2, 1U << 20));
    return tid;
}

RmiHashModel::RmiHashModel()
{
    NS_LOG_FUNCTION(this);
}

RmiHashModel::~RmiHashModel()
{
    NS_LOG_FUNCTION(this);
}

std::string
RmiHashModel::GetRootModelInUse() const
{
    return m_root ? m_root->GetName() : "none";
}

const RmiRoot*
RmiHashModel::GetRoot() const
{
    return m_root.get();
}

bool
RmiHashModel::IsOrderPreserving() const
{
    return true;
}

std::string
RmiHashModel::GetName() const
{
    return "rmi";
}

uint64_t
RmiHashModel::GetModelSizeBytes() const
{
    // Root kind, ring calibration, the root's parameters, the leaves.
    const uint64_t root = m_root ? m_root->GetSizeBytes() : 0;
    return 4 + 2 * 8 + root + LEAF_BYTES * m_leaves.size();
}

uint32_t
RmiHashModel::GetLeafCount() const
{
    return static_cast<uint32_t>(m_leaves.size());
}

uint64_t
RmiHashModel::GetMaxError() const
{
    uint64_t e = 0;
    for (auto v : m_leafErr)
    {
        e = std::max(e, v);
    }
    return e;
}

uint32_t
RmiHashModel::ChooseLeafCount(uint64_t n) const
{
    if (m_leavesAttr > 0)
    {
        return m_leavesAttr;
    }
    uint64_t b = n / AUTO_KEYS_PER_LEAF;
    return static_cast<uint32_t>(std::clamp<uint64_t>(b, 1, AUTO_MAX_LEAVES));
}

uint32_t
RmiHashModel::RootLeaf(uint64_t key) const
{
    auto b = static_cast<uint32_t>(m_leaves.size());
    auto j = static_cast<uint32_t>(m_root->Cdf(key) * b);
    return j < b ? j : b - 1;
}

uint32_t
RmiHashModel::LeafOf(uint64_t key) const
{
    NS_ABORT_MSG_IF(m_leaves.empty(), "RmiHashModel used before Train() or Load()");
    const auto b = static_cast<uint32_t>(m_leaves.size());
    uint32_t j = RootLeaf(key);
    // The leaf of a key is the last leaf whose lower boundary is <= key.
    for (uint32_t probe = 0; probe < LINEAR_PROBES; ++probe)
    {
        const Leaf& leaf = m_leaves[j];
        if (j + 1 < b && key >= leaf.endKey)
        {
            ++j;
        }
        else if (j > 0 && key < leaf.firstKey)
        {
            --j;
        }
        else
        {
            return j;
        }
    }
    // Far from the root's guess (inside a run of empty leaves): binary search.
    uint32_t lo = 0;
    uint32_t hi = b; // first leaf whose boundary is > key lies in [lo, hi]
    if (m_leaves[j].firstKey <= key)
    {
        lo = j;
    }
    else
    {
        hi = j;
    }
    while (lo < hi)
    {
        uint32_t mid = lo + (hi - lo) / 2;
        if (m_leaves[mid].firstKey <= key)
        {
            lo = mid + 1;
        }
        else
        {
            hi = mid;
        }
    }
    return lo > 0 ? lo - 1 : 0;
}

double
RmiHashModel::PredictInLeaf(const Leaf& leaf, uint64_t key)
{
    // Below the first key of leaf 0 every key takes the first key's position.
    double x = key > leaf.firstKey ? static_cast<double>(key - leaf.firstKey) : 0.0;
    double r = leaf.intercept + leaf.slope * x;
    if (r < leaf.firstRank)
    {
        return leaf.firstRank;
    }
    return r > leaf.lastRank ? leaf.lastRank : r;
}

void
RmiHashModel::Calibrate(double lo, double hi)
{
    m_calLo = lo;
    m_calHi = hi;
    m_rankToRing = hi > lo ? TWO_POW_64 / (hi - lo) : 0.0;
}

void
RmiHashModel::LinkBoundaries()
{
    for (size_t j = 0; j < m_leaves.size(); ++j)
    {
        m_leaves[j].endKey = j + 1 < m_leaves.size() ? m_leaves[j + 1].firstKey
                                                     : std::numeric_limits<uint64_t>::max();
    }
}

double
RmiHashModel::PredictRank(uint64_t key) const
{
    return PredictInLeaf(m_leaves[LeafOf(key)], key);
}

uint64_t
RmiHashModel::Hash(uint64_t key) const
{
    double h = (RmiHashModel::PredictRank(key) - m_calLo) * m_rankToRing;
    if (!(h > 0.0)) // also NaN
    {
        return 0;
    }
    if (h >= TWO_POW_64)
    {
        return std::numeric_limits<uint64_t>::max();
    }
    return static_cast<uint64_t>(h);
}

void
RmiHashModel::FitRoot(const std::vector<uint64_t>& keys)
{
    if (keys.size() < 3 || keys.front() == keys.back())
    {
        auto line = std::make_unique<RmiCubicRoot>();
        line->FitEnds(keys.front(), keys.back());
        line->SetKind(RmiRoot::LINEAR_SPLINE);
        m_root = std::move(line);
        return;
    }
    const RmiRoot::Kind kind = m_rootConfigured == ROOT_LINEAR  ? RmiRoot::LINEAR
                               : m_rootConfigured == ROOT_CUBIC ? RmiRoot::CUBIC
                                                                : RmiRoot::SPLINE;
    m_root = RmiRoot::Create(kind, m_rootKnots);
    m_root->Fit(keys);
}

void
RmiHashModel::DoTrain(const std::vector<uint64_t>& keys)
{
    NS_LOG_FUNCTION(this << keys.size());
    FitRoot(keys);
    FitLeaves(keys);
    FinishLeaves(keys);
    LinkBoundaries();
    Calibrate(RmiHashModel::PredictRank(keys.front()), RmiHashModel::PredictRank(keys.back()));
    NS_LOG_DEBUG("root " << GetRootModelInUse() << ", " << m_leaves.size() << " leaves, max error "
                         << GetMaxError());
}

void
RmiHashModel::FitLeaves(const std::vector<uint64_t>& keys)
{
    // Keys are sorted, so the root is evaluated in one ascending sweep.
    const uint64_t n = keys.size();
    const uint32_t b = ChooseLeafCount(n);
    m_leaves.assign(b, Leaf{0, 0, 0.0, 0.0, -1.0, -1.0}); // lastRank < 0 marks an empty leaf
    m_leafKeys.assign(b, 0);
    m_leafErr.assign(b, 0);
    uint32_t cur = 0;
    uint64_t lo = 0;
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    auto closeLeaf = [&](uint64_t hi) {
        Leaf& leaf = m_leaves[cur];
        const double cnt = static_cast<double>(hi - lo);
        const double vx = sxx - sx * sx / cnt;
        const double cxy = sxy - sx * sy / cnt;
        leaf.slope = vx > 0 ? std::max(0.0, cxy / vx) : 0.0;
        leaf.intercept = static_cast<double>(lo) + (sy - leaf.slope * sx) / cnt;
        leaf.firstRank = static_cast<double>(lo);
        leaf.lastRank = static_cast<double>(hi - 1);
        m_leafKeys[cur] = hi - lo;
    };
    size_t cursor = 0;
    for (uint64_t i = 0; i < n; ++i)
    {
        const double cdf = m_root->CdfAscending(keys[i], cursor);
        const uint32_t j = std::min<uint32_t>(b - 1, static_cast<uint32_t>(cdf * b));
        if (i == 0)
        {
            cur = j;
            m_leaves[cur].firstKey = keys[0];
        }
        else if (j > cur && keys[i] != keys[i - 1])
        {
            closeLeaf(i);
            cur = j;
            lo = i;
            sx = sy = sxx = sxy = 0;
            m_leaves[cur].firstKey = keys[i];
        }
        const double x = static_cast<double>(keys[i] - m_leaves[cur].firstKey);
        const double y = static_cast<double>(i - lo);
        sx += x;
        sy += y;
        sxx += x * x;
        sxy += x * y;
    }
    closeLeaf(n);
}

void
RmiHashModel::FinishLeaves(const std::vector<uint64_t>& keys)
{
    // Empty leaves: a constant at the rank of the next key; their boundary is the next
    // non-empty leaf's, so that LeafOf() never selects them for a key between two leaves.
    const auto b = static_cast<uint32_t>(m_leaves.size());
    uint64_t nextFirstKey = std::numeric_limits<uint64_t>::max();
    double nextRank = static_cast<double>(keys.size() - 1);
    for (uint32_t jj = b; jj-- > 0;)
    {
        Leaf& leaf = m_leaves[jj];
        if (leaf.lastRank < 0)
        {
            leaf = Leaf{nextFirstKey, nextFirstKey, nextRank, 0.0, nextRank, nextRank};
            continue;
        }
        nextFirstKey = leaf.firstKey;
        nextRank = leaf.firstRank;
    }
    // The max rank error of every leaf over its own training keys.
    for (uint32_t jj = 0; jj < b; ++jj)
    {
        const Leaf& leaf = m_leaves[jj];
        if (m_leafKeys[jj] == 0)
        {
            continue;
        }
        double maxErr = 0;
        for (auto i = static_cast<uint64_t>(leaf.firstRank); i <= uint64_t(leaf.lastRank); ++i)
        {
            maxErr = std::max(maxErr, std::fabs(PredictInLeaf(leaf, keys[i]) - double(i)));
        }
        m_leafErr[jj] = static_cast<uint64_t>(std::ceil(maxErr));
    }
}

LeafParams
RmiHashModel::GetLeaf(uint32_t index) const
{
    NS_ABORT_MSG_IF(index >= m_leaves.size(),
                    "RmiHashModel::GetLeaf: leaf " << index << " of " << m_leaves.size());
    const Leaf& l = m_leaves[index];
    LeafParams p;
    p.firstKey = l.firstKey;
    p.intercept = l.intercept;
    p.slope = l.slope;
    p.firstRank = static_cast<uint64_t>(l.firstRank);
    p.lastRank = static_cast<uint64_t>(l.lastRank);
    p.keys = m_leafKeys[index];
    p.maxError = m_leafErr[index];
    return p;
}

void
RmiHashModel::SetLeaf(uint32_t index, const LeafParams& p)
{
    NS_ABORT_MSG_IF(index >= m_leaves.size(),
                    "RmiHashModel::SetLeaf: leaf " << index << " of " << m_leaves.size());
    Leaf& l = m_leaves[index];
    // Keep boundaries and rank intervals ordered so that the hash stays monotone.
    uint64_t keyLo = index > 0 ? m_leaves[index - 1].firstKey : 0;
    uint64_t keyHi = index + 1 < m_leaves.size() ? m_leaves[index + 1].firstKey
                                                 : std::numeric_limits<uint64_t>::max();
    double rankLo = index > 0 ? m_leaves[index - 1].lastRank : 0.0;
    double rankHi = index + 1 < m_leaves.size() ? m_leaves[index + 1].firstRank
                                                : static_cast<double>(m_trainingSize - 1);
    l.firstKey = std::clamp(p.firstKey, keyLo, keyHi);
    l.slope = std::isfinite(p.slope) ? std::max(0.0, p.slope) : 0.0;
    l.intercept = std::isfinite(p.intercept) ? p.intercept : l.intercept;
    l.firstRank = std::clamp(static_cast<double>(p.firstRank), rankLo, rankHi);
    l.lastRank = std::clamp(static_cast<double>(p.lastRank), l.firstRank, rankHi);
    m_leafKeys[index] = p.keys;
    m_leafErr[index] = p.maxError;
    if (index > 0)
    {
        m_leaves[index - 1].endKey = l.firstKey;
    }
}

void
RmiHashModel::SetLeaves(const std::map<uint32_t, LeafParams>& leaves)
{
    auto it = leaves.begin();
    while (it != leaves.end())
    {
        // A run of consecutive leaves [s, e] stays within the bounds of the unchanged leaves
        // on either side; inside the run, boundaries and rank intervals are made ordered.
        const uint32_t s = it->first;
        uint32_t e = s;
        auto last = it;
        while (std::next(last) != leaves.end() && std::next(last)->first == e + 1)
        {
            ++last;
            ++e;
        }
        NS_ABORT_MSG_IF(e >= m_leaves.size(),
                        "RmiHashModel::SetLeaves: leaf " << e << " of " << m_leaves.size());
        uint64_t keyLo = s > 0 ? m_leaves[s - 1].firstKey : 0;
        const uint64_t keyHi = e + 1 < m_leaves.size() ? m_leaves[e + 1].firstKey
                                                       : std::numeric_limits<uint64_t>::max();
        double rankLo = s > 0 ? m_leaves[s - 1].lastRank : 0.0;
        const double rankHi = e + 1 < m_leaves.size() ? m_leaves[e + 1].firstRank
                                                      : static_cast<double>(m_trainingSize - 1);
        for (auto run = it; run != std::next(last); ++run)
        {
            const LeafParams& p = run->second;
            Leaf& l = m_leaves[run->first];
            l.firstKey = std::clamp(p.firstKey, keyLo, std::max(keyLo, keyHi));
            l.slope = std::isfinite(p.slope) ? std::max(0.0, p.slope) : 0.0;
            l.intercept = std::isfinite(p.intercept) ? p.intercept : l.intercept;
            l.firstRank = std::clamp(static_cast<double>(p.firstRank), rankLo, rankHi);
            l.lastRank = std::clamp(static_cast<double>(p.lastRank), l.firstRank, rankHi);
            m_leafKeys[run->first] = p.keys;
            m_leafErr[run->first] = p.maxError;
            keyLo = l.firstKey;
            rankLo = l.lastRank;
        }
        it = std::next(last);
    }
    LinkBoundaries();
}

void
RmiHashModel::SerializePayload(std::vector<uint8_t>& out) const
{
    ByteWriter w(out);
    w.PutU32(m_root->GetKind());
    w.PutDouble(m_calLo);
    w.PutDouble(m_calHi);
    m_root->Serialize(w);
    w.PutU32(static_cast<uint32_t>(m_leaves.size()));
    for (size_t i = 0; i < m_leaves.size(); ++i)
    {
        const Leaf& l = m_leaves[i];
        w.PutU64(l.firstKey);
        w.PutDouble(l.intercept);
        w.PutDouble(l.slope);
        w.PutU64(static_cast<uint64_t>(l.firstRank));
        w.PutU64(static_cast<uint64_t>(l.lastRank));
        w.PutU64(m_leafKeys[i]);
        w.PutU64(m_leafErr[i]);
    }
}

bool
RmiHashModel::DeserializePayload(const uint8_t* data, size_t size, uint64_t n, std::string& error)
{
    ByteReader r(data, size);
    uint32_t kind = 0;
    double calLo = 0;
    double calHi = 0;
    if (!r.GetU32(kind) || !r.GetDouble(calLo) || !r.GetDouble(calHi))
    {
        error = "root model truncated";
        return false;
    }
    std::unique_ptr<RmiRoot> root = RmiRoot::Create(kind);
    if (!root)
    {
        error = "unknown root model kind " + std::to_string(kind);
        return false;
    }
    if (auto cubic = dynamic_cast<RmiCubicRoot*>(root.get()))
    {
        cubic->SetKind(static_cast<RmiRoot::Kind>(kind));
    }
    // The calibration holds the predicted ranks of the smallest and largest training keys.
    if (!std::isfinite(calLo) || !std::isfinite(calHi) || calLo < 0 || calLo > calHi ||
        calHi > static_cast<double>(n - 1))
    {
        error = "ring calibration [" + std::to_string(calLo) + ", " + std::to_string(calHi) +
                "] is outside the rank range [0, " + std::to_string(n - 1) + "]";
        return false;
    }
    if (!root->Deserialize(r, error) || !ReadLeaves(r, n, error))
    {
        return false;
    }
    // All checks passed: commit.
    m_root = std::move(root);
    LinkBoundaries();
    Calibrate(calLo, calHi);
    return true;
}

bool
RmiHashModel::ReadLeaves(ByteReader& r, uint64_t n, std::string& error)
{
    uint32_t b = 0;
    if (!r.GetU32(b))
    {
        error = "leaf count truncated";
        return false;
    }
    if (b == 0 || b > MAX_LEAVES)
    {
        error =
            "leaf count " + std::to_string(b) + " outside [1, " + std::to_string(MAX_LEAVES) + "]";
        return false;
    }
    constexpr size_t RECORD = 7 * 8;
    if (r.GetRemaining() != static_cast<size_t>(b) * RECORD)
    {
        error = "leaf table has " + std::to_string(r.GetRemaining()) + " bytes, expected " +
                std::to_string(static_cast<size_t>(b) * RECORD);
        return false;
    }
    std::vector<Leaf> leaves(b);
    std::vector<uint64_t> leafKeys(b);
    std::vector<uint64_t> leafErr(b);
    for (uint32_t i = 0; i < b; ++i)
    {
        uint64_t firstRank = 0;
        uint64_t lastRank = 0;
        Leaf& l = leaves[i];
        r.GetU64(l.firstKey);
        r.GetDouble(l.intercept);
        r.GetDouble(l.slope);
        r.GetU64(firstRank);
        r.GetU64(lastRank);
        r.GetU64(leafKeys[i]);
        r.GetU64(leafErr[i]);
        l.firstRank = static_cast<double>(firstRank);
        l.lastRank = static_cast<double>(lastRank);
        bool ordered = i == 0 || (l.firstKey >= leaves[i - 1].firstKey &&
                                  l.firstRank >= leaves[i - 1].lastRank);
        if (!std::isfinite(l.intercept) || !std::isfinite(l.slope) || l.slope < 0 ||
            firstRank > lastRank || lastRank >= n || !ordered)
        {
            error = "leaf " + std::to_string(i) + " is inconsistent";
            return false;
        }
    }
    m_leaves = std::move(leaves);
    m_leafKeys = std::move(leafKeys);
    m_leafErr = std::move(leafErr);
    return true;
}

} // namespace lead
} // namespace ns3
