/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-prompt-workload.h"

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <random>

namespace ns3
{
namespace lead
{

namespace
{

/// Portable draws from a 64-bit Mersenne Twister (its output is fixed by the standard).
class Draw
{
  public:
    explicit Draw(uint64_t seed)
        : m_gen(seed)
    {
    }

    /// @return uniform in (0, 1)
    double Unit()
    {
        return (static_cast<double>(m_gen() >> 11) + 0.5) * (1.0 / 9007199254740992.0);
    }

    /// @return uniform integer in [0, n)
    uint64_t Below(uint64_t n)
    {
        return static_cast<uint64_t>(Unit() * static_cast<double>(n)) % n;
    }

    /// @return exponential with the given rate
    double Exp(double rate)
    {
        return -std::log(Unit()) / rate;
    }

    template <typename T>
    void Shuffle(std::vector<T>& v)
    {
        for (size_t i = v.size(); i > 1; --i)
        {
            std::swap(v[i - 1], v[Below(i)]);
        }
    }

  private:
    std::mt19937_64 m_gen;
};

/// A request whose prompt is `blocks` blocks of one stream.
LeadPrompt
StreamPrompt(uint64_t stream, uint32_t tokens, uint32_t output)
{
    LeadPrompt p;
    p.promptTokens = tokens;
    p.outputTokens = output;
    const uint32_t blocks = tokens / LeadPromptWorkload::BLOCK_TOKENS;
    if (blocks > 0)
    {
        p.runs.push_back({LeadPromptWorkload::BlockKey(stream, 0), blocks});
    }
    return p;
}

} // namespace

std::vector<uint64_t>
LeadPrompt::Blocks() const
{
    std::vector<uint64_t> keys;
    keys.reserve(BlockCount());
    for (const auto& r : runs)
    {
        for (uint32_t i = 0; i < r.count; ++i)
        {
            keys.push_back(r.start + i);
        }
    }
    return keys;
}

uint32_t
LeadPrompt::BlockCount() const
{
    uint32_t n = 0;
    for (const auto& r : runs)
    {
        n += r.count;
    }
    return n;
}

uint64_t
LeadPromptWorkload::BlockKey(uint64_t stream, uint64_t index)
{
    return (stream << INDEX_BITS) | (index & ((uint64_t{1} << INDEX_BITS) - 1));
}

std::vector<LeadBlockRun>
LeadPromptWorkload::ToRuns(const std::vector<uint64_t>& keys)
{
    std::vector<LeadBlockRun> runs;
    for (uint64_t k : keys)
    {
        if (!runs.empty() && runs.back().start + runs.back().count == k)
        {
            ++runs.back().count;
        }
        else
        {
            runs.push_back({k, 1});
        }
    }
    return runs;
}

bool
LeadPromptWorkload::MakeLongDocQa(const LongDocQa& p,
                                  uint64_t seed,
                                  std::vector<LeadPrompt>& out,
                                  std::string& error)
{
    if (p.documents == 0 || p.repeatCount == 0 || p.documentLength < BLOCK_TOKENS ||
        p.documentLength / BLOCK_TOKENS >= (uint64_t{1} << INDEX_BITS) || !(p.rate > 0) ||
        p.hits + p.misses == 0 || p.roundGap < 0)
    {
        error = "Long-DocQA: need documents > 0, repeat count > 0, 16 <= document length < 2^28 "
                "tokens, a positive rate, hits + misses > 0 and a round gap >= 0";
        return false;
    }
    Draw draw(seed);
    std::vector<uint32_t> order;
    if (p.repeatMode == "tile" || p.repeatMode == "random")
    {
        for (uint32_t r = 0; r < p.repeatCount; ++r)
        {
            for (uint32_t d = 0; d < p.documents; ++d)
            {
                order.push_back(d);
            }
        }
        if (p.repeatMode == "random")
        {
            draw.Shuffle(order);
        }
    }
    else if (p.repeatMode == "interleave")
    {
        for (uint32_t d = 0; d < p.documents; ++d)
        {
            order.insert(order.end(), p.repeatCount, d);
        }
    }
    else
    {
        error = "Long-DocQA: unknown repeat mode '" + p.repeatMode +
                "' (expected random, tile or interleave)";
        return false;
    }
    out.clear();
    double t = 0;
    if (p.warmup)
    {
        for (uint32_t d = 0; d < p.documents; ++d)
        {
            t += draw.Exp(p.rate);
            LeadPrompt w = StreamPrompt(d + 1, p.documentLength, p.outputLength);
            w.arrival = t;
            w.measured = false;
            out.push_back(std::move(w));
        }
        t += p.roundGap;
    }
    // Forced misses get a fresh stream: a random prefix shares nothing with any document.
    uint64_t freshStream = uint64_t{1} << 32;
    for (size_t i = 0; i < order.size(); ++i)
    {
        t += draw.Exp(p.rate);
        const bool miss = (i % (p.hits + p.misses)) >= p.hits;
        LeadPrompt q =
            StreamPrompt(miss ? freshStream++ : order[i] + 1, p.documentLength, p.outputLength);
        q.arrival = t;
        out.push_back(std::move(q));
    }
    for (size_t i = 0; i < out.size(); ++i)
    {
        out[i].id = i;
    }
    return true;
}

bool
LeadPromptWorkload::MakeMmlu(const Mmlu& p,
                             uint64_t seed,
                             std::vector<LeadPrompt>& out,
                             std::string& error)
{
    if (p.subjects == 0 || p.prefixTokens < 2 * BLOCK_TOKENS || p.requests == 0 || !(p.rate > 0) ||
        p.zipf < 0 || !std::isfinite(p.zipf))
    {
        error = "MMLU: need subjects > 0, prefix >= 32 tokens, requests > 0, a positive rate and "
                "a finite Zipf exponent >= 0";
        return false;
    }
    Draw draw(seed);
    // Per-subject prefix lengths spread +-25 % around the mean; Zipf popularity by rank.
    std::vector<uint32_t> prefix(p.subjects);
    std::vector<double> cdf(p.subjects);
    double sum = 0;
    for (uint32_t s = 0; s < p.subjects; ++s)
    {
        prefix[s] = static_cast<uint32_t>(p.prefixTokens * (0.75 + 0.5 * draw.Unit()));
        sum += 1.0 / std::pow(static_cast<double>(s + 1), p.zipf);
        cdf[s] = sum;
    }
    out.clear();
    double t = 0;
    const uint64_t questionBase = uint64_t{1} << 32;
    for (uint32_t i = 0; i < p.requests; ++i)
    {
        t += draw.Exp(p.rate);
        const double u = draw.Unit() * sum;
        uint32_t s = 0;
        while (s + 1 < p.subjects && cdf[s] < u)
        {
            ++s;
        }
        LeadPrompt q = StreamPrompt(s + 1, prefix[s], p.outputLength);
        // The question's blocks follow the prefix; their content depends on the question, so
        // they form a stream of their own (never shared).
        const uint32_t tail = (prefix[s] % BLOCK_TOKENS + p.questionTokens) / BLOCK_TOKENS;
        if (tail > 0)
        {
            q.runs.push_back({BlockKey(questionBase + i, 0), tail});
        }
        q.promptTokens = prefix[s] + p.questionTokens;
        q.arrival = t;
        q.id = i;
        out.push_back(std::move(q));
    }
    return true;
}

} // namespace lead
} // namespace ns3
