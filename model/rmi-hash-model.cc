/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "rmi-hash-model.h"

#include "lead-byte-codec.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/string.h"
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
/// Keys sampled to fit and compare root models.
constexpr uint64_t ROOT_SAMPLE{1U << 16};
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
                          "Number of stage-1 linear leaves (B); 0 chooses one leaf per 32 "
                          "training keys, at most 65536.",
                          UintegerValue(0),
                          MakeUintegerAccessor(&RmiHashModel::m_leavesAttr),
                          MakeUintegerChecker<uint32_t>(0, MAX_LEAVES))
            .AddAttribute(
                "RootModel",
                "Stage-0 model: spline (piecewise-linear CDF through RootKnots "
                "quantiles; meets the error targets on skewed keys), cubic (monotone "
                "Hermite spline, the authors' choice) or linear (least squares).",
                StringValue("spline"),
                MakeStringAccessor(&RmiHashModel::SetRootModel, &RmiHashModel::GetRootModel),
                MakeStringChecker())
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

void
RmiHashModel::SetRootModel(std::string name)
{
    if (name == "cubic")
    {
        m_rootConfigured = RootKind::CUBIC;
    }
    else if (name == "linear")
    {
        m_rootConfigured = RootKind::LINEAR;
    }
    else if (name == "spline")
    {
        m_rootConfigured = RootKind::SPLINE;
    }
    else
    {
        NS_FATAL_ERROR("ns3::lead::RmiHashModel::RootModel: unknown root model '"
                       << name << "' (use cubic, linear or spline)");
    }
}

std::string
RmiHashModel::GetRootModel() const
{
    switch (m_rootConfigured)
    {
    case RootKind::LINEAR:
        return "linear";
    case RootKind::SPLINE:
        return "spline";
    default:
        return "cubic";
    }
}

std::string
RmiHashModel::GetRootModelInUse() const
{
    switch (m_root)
    {
    case RootKind::LINEAR:
        return "linear";
    case RootKind::CUBIC:
        return "cubic";
    case RootKind::LINEAR_SPLINE:
        return "linear-spline";
    case RootKind::SPLINE:
        return "spline";
    }
    return "unknown";
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
    // Root: kind, ring calibration, min and max key, four coefficients, the spline knots.
    uint64_t root = 4 + 2 * 8 + 8 + 8 + 4 * 8 + 16 * static_cast<uint64_t>(m_knotOffset.size());
    return root + LEAF_BYTES * m_leaves.size();
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
RmiHashModel::KnotBucket(uint64_t offset)
{
    // Exponent and top 7 mantissa bits of the offset as a double: buckets are narrow where
    // offsets are small, so skewed keys spread over many buckets. Monotone in the offset.
    if (offset == 0)
    {
        return 0;
    }
    const double d = static_cast<double>(offset);
    uint64_t bits;
    std::memcpy(&bits, &d, sizeof(bits));
    return static_cast<uint32_t>((bits >> 45) - (uint64_t{1023} << 7)) + 1;
}

void
RmiHashModel::IndexKnots()
{
    // m_knotBucket[b] = number of knots in buckets below b.
    m_knotBucket.assign(static_cast<size_t>(KNOT_BUCKETS) + 1, 0);
    for (uint64_t off : m_knotOffset)
    {
        ++m_knotBucket[KnotBucket(off) + 1];
    }
    for (uint32_t b = 0; b < KNOT_BUCKETS; ++b)
    {
        m_knotBucket[b + 1] += m_knotBucket[b];
    }
    // Interleaved copy with the slope of each segment: one cache line per evaluation and no
    // division.
    m_knots.resize(m_knotOffset.size());
    for (size_t i = 0; i < m_knotOffset.size(); ++i)
    {
        m_knots[i].offset = m_knotOffset[i];
        m_knots[i].y = m_knotY[i];
        m_knots[i].slope = i + 1 < m_knotOffset.size()
                               ? (m_knotY[i + 1] - m_knotY[i]) /
                                     static_cast<double>(m_knotOffset[i + 1] - m_knotOffset[i])
                               : 0.0;
    }
}

double
RmiHashModel::RootCdf(uint64_t key) const
{
    const uint64_t offset = std::clamp(key, m_minKey, m_maxKey) - m_minKey;
    double y;
    if (m_root == RootKind::SPLINE)
    {
        // Knots whose offset is <= the key's: those of lower buckets, plus a branch-free
        // binary search among the few knots of the key's own bucket.
        const uint32_t b = KnotBucket(offset);
        uint32_t first = m_knotBucket[b];
        uint32_t len = m_knotBucket[b + 1] - first;
        while (len > 0)
        {
            const uint32_t half = len / 2;
            const bool right = m_knots[first + half].offset <= offset;
            first = right ? first + half + 1 : first;
            len = right ? len - half - 1 : half;
        }
        // first >= 1, since the first knot has offset 0.
        if (first >= m_knots.size())
        {
            return 1.0;
        }
        const Knot& k = m_knots[first - 1];
        y = k.y + k.slope * static_cast<double>(offset - k.offset);
    }
    else
    {
        const double t = static_cast<double>(offset) * m_invRange;
        y = ((m_coef[3] * t + m_coef[2]) * t + m_coef[1]) * t + m_coef[0];
    }
    return std::clamp(y, 0.0, 1.0);
}

uint32_t
RmiHashModel::RootLeaf(uint64_t key) const
{
    auto b = static_cast<uint32_t>(m_leaves.size());
    auto j = static_cast<uint32_t>(RootCdf(key) * b);
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
    if (h <= 0.0)
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
    const uint64_t n = keys.size();
    const double yScale = n > 1 ? 1.0 / static_cast<double>(n - 1) : 0.0;
    auto tOf = [this](uint64_t k) { return static_cast<double>(k - m_minKey) * m_invRange; };
    m_knotOffset.clear();
    m_knotY.clear();
    m_knots.clear();
    m_knotBucket.clear();
    std::fill(std::begin(m_coef), std::end(m_coef), 0.0);

    if (n < 3 || m_minKey == m_maxKey)
    {
        m_root = RootKind::LINEAR_SPLINE;
        m_coef[1] = 1.0;
        return;
    }

    if (m_rootConfigured == RootKind::SPLINE)
    {
        m_root = RootKind::SPLINE;
        const uint64_t k = std::min<uint64_t>(m_rootKnots, n);
        for (uint64_t i = 0; i < k; ++i)
        {
            uint64_t rank = (i * (n - 1) + (k - 1) / 2) / (k - 1);
            uint64_t offset = keys[rank] - m_minKey;
            double y = static_cast<double>(rank) * yScale;
            if (!m_knotOffset.empty() && offset <= m_knotOffset.back())
            {
                m_knotY.back() = y; // same key: keep the highest rank
                continue;
            }
            m_knotOffset.push_back(offset);
            m_knotY.push_back(y);
        }
        IndexKnots();
        return;
    }

    // Sample of (t, y) points used to fit and compare polynomial roots.
    const uint64_t stride = std::max<uint64_t>(1, n / ROOT_SAMPLE);
    std::vector<std::pair<double, double>> pts;
    pts.reserve(n / stride + 2);
    for (uint64_t i = 0; i < n; i += stride)
    {
        pts.emplace_back(tOf(keys[i]), static_cast<double>(i) * yScale);
    }
    pts.emplace_back(1.0, 1.0);

    if (m_rootConfigured == RootKind::LINEAR)
    {
        double mt = 0;
        double my = 0;
        for (const auto& p : pts)
        {
            mt += p.first;
            my += p.second;
        }
        mt /= pts.size();
        my /= pts.size();
        double stt = 0;
        double sty = 0;
        for (const auto& p : pts)
        {
            stt += (p.first - mt) * (p.first - mt);
            sty += (p.first - mt) * (p.second - my);
        }
        double slope = stt > 0 ? std::max(0.0, sty / stt) : 0.0;
        m_root = RootKind::LINEAR;
        m_coef[0] = my - slope * mt;
        m_coef[1] = slope;
        return;
    }

    // Cubic Hermite spline through (0,0) and (1,1) with end slopes from the neighbouring keys.
    const double large = 1e6;
    double t1 = tOf(keys[1]);
    double tm = tOf(keys[n - 2]);
    double m1 = t1 > 0 ? yScale / t1 : large;
    double m2 = tm < 1.0 ? (1.0 - static_cast<double>(n - 2) * yScale) / (1.0 - tm) : large;
    m1 = std::min(m1, large);
    m2 = std::min(m2, large);
    double norm = m1 * m1 + m2 * m2;
    if (norm > 9.0)
    {
        double s = 3.0 / std::sqrt(norm);
        m1 *= s;
        m2 *= s;
    }
    double cubic[4] = {0.0, m1, 3.0 - 2.0 * m1 - m2, m1 + m2 - 2.0};
    double errCubic = 0;
    double errLine = 0;
    for (const auto& p : pts)
    {
        double t = p.first;
        double y = ((cubic[3] * t + cubic[2]) * t + cubic[1]) * t + cubic[0];
        errCubic += std::fabs(y - p.second);
        errLine += std::fabs(t - p.second);
    }
    if (errLine < errCubic)
    {
        m_root = RootKind::LINEAR_SPLINE;
        m_coef[1] = 1.0;
    }
    else
    {
        m_root = RootKind::CUBIC;
        std::copy(std::begin(cubic), std::end(cubic), std::begin(m_coef));
    }
}

void
RmiHashModel::DoTrain(const std::vector<uint64_t>& keys)
{
    NS_LOG_FUNCTION(this << keys.size());
    const uint64_t n = keys.size();
    const uint32_t b = ChooseLeafCount(n);
    m_minKey = keys.front();
    m_maxKey = keys.back();
    m_invRange = m_maxKey > m_minKey ? 1.0 / static_cast<double>(m_maxKey - m_minKey) : 0.0;
    FitRoot(keys);

    // Pass 1: assign keys to leaves (non-decreasing, duplicates never split) and fit each leaf
    // by least squares in leaf-local coordinates (x = key - first key, y = rank - first rank).
    // Keys are sorted, so the spline root is evaluated with a running knot index.
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
    size_t knot = 0;
    for (uint64_t i = 0; i < n; ++i)
    {
        uint32_t j;
        if (m_root == RootKind::SPLINE)
        {
            const uint64_t offset = keys[i] - m_minKey;
            while (knot + 1 < m_knots.size() && m_knots[knot + 1].offset <= offset)
            {
                ++knot;
            }
            const double y =
                knot + 1 < m_knots.size()
                    ? m_knots[knot].y + m_knots[knot].slope * double(offset - m_knots[knot].offset)
                    : 1.0;
            j = std::min<uint32_t>(b - 1, static_cast<uint32_t>(std::clamp(y, 0.0, 1.0) * b));
        }
        else
        {
            j = RootLeaf(keys[i]);
        }
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

    // Empty leaves: a constant at the rank of the next key; their boundary is the next
    // non-empty leaf's, so that LeafOf() never selects them for a key between two leaves.
    uint64_t nextFirstKey = std::numeric_limits<uint64_t>::max();
    double nextRank = static_cast<double>(n - 1);
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
    // Pass 2: the max rank error of every leaf over its own training keys.
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
    LinkBoundaries();
    Calibrate(RmiHashModel::PredictRank(keys.front()), RmiHashModel::PredictRank(keys.back()));
    NS_LOG_DEBUG("root " << GetRootModelInUse() << ", " << b << " leaves, max error "
                         << GetMaxError());
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
RmiHashModel::SerializePayload(std::vector<uint8_t>& out) const
{
    ByteWriter w(out);
    w.PutU32(static_cast<uint32_t>(m_root));
    w.PutDouble(m_calLo);
    w.PutDouble(m_calHi);
    w.PutU64(m_minKey);
    w.PutU64(m_maxKey);
    for (double c : m_coef)
    {
        w.PutDouble(c);
    }
    w.PutU32(static_cast<uint32_t>(m_knotOffset.size()));
    for (size_t i = 0; i < m_knotOffset.size(); ++i)
    {
        w.PutU64(m_knotOffset[i]);
        w.PutDouble(m_knotY[i]);
    }
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
    uint64_t minKey = 0;
    uint64_t maxKey = 0;
    double coef[4];
    uint32_t knots = 0;
    double calLo = 0;
    double calHi = 0;
    if (!r.GetU32(kind) || !r.GetDouble(calLo) || !r.GetDouble(calHi) || !r.GetU64(minKey) ||
        !r.GetU64(maxKey) || !r.GetDouble(coef[0]) || !r.GetDouble(coef[1]) ||
        !r.GetDouble(coef[2]) || !r.GetDouble(coef[3]) || !r.GetU32(knots))
    {
        error = "root model truncated";
        return false;
    }
    if (kind > static_cast<uint32_t>(RootKind::SPLINE))
    {
        error = "unknown root model kind " + std::to_string(kind);
        return false;
    }
    if (minKey > maxKey)
    {
        error = "key range is empty (min > max)";
        return false;
    }
    if (!std::isfinite(calLo) || !std::isfinite(calHi) || calLo > calHi)
    {
        error = "ring calibration is invalid";
        return false;
    }
    for (double c : coef)
    {
        if (!std::isfinite(c))
        {
            error = "root coefficient is not finite";
            return false;
        }
    }
    if (r.GetRemaining() / 16 < knots)
    {
        error = "spline knots truncated";
        return false;
    }
    std::vector<uint64_t> knotOffset(knots);
    std::vector<double> knotY(knots);
    for (uint32_t i = 0; i < knots; ++i)
    {
        r.GetU64(knotOffset[i]);
        r.GetDouble(knotY[i]);
        if (!(knotY[i] >= 0.0 && knotY[i] <= 1.0) || knotOffset[i] > maxKey - minKey ||
            (i == 0 && knotOffset[i] != 0) ||
            (i > 0 && (knotOffset[i] <= knotOffset[i - 1] || knotY[i] < knotY[i - 1])))
        {
            error = "spline knot " + std::to_string(i) + " out of order or out of range";
            return false;
        }
    }
    if (kind == static_cast<uint32_t>(RootKind::SPLINE) && knots < 1)
    {
        error = "spline root without knots";
        return false;
    }
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
    // All checks passed: commit.
    m_root = static_cast<RootKind>(kind);
    m_minKey = minKey;
    m_maxKey = maxKey;
    m_invRange = maxKey > minKey ? 1.0 / static_cast<double>(maxKey - minKey) : 0.0;
    std::copy(std::begin(coef), std::end(coef), std::begin(m_coef));
    m_knotOffset = std::move(knotOffset);
    m_knotY = std::move(knotY);
    IndexKnots();
    m_leaves = std::move(leaves);
    m_leafKeys = std::move(leafKeys);
    m_leafErr = std::move(leafErr);
    LinkBoundaries();
    Calibrate(calLo, calHi);
    return true;
}

} // namespace lead
} // namespace ns3
