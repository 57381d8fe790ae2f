/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-key-dataset.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>
#include <limits>
#include <random>

namespace ns3
{
namespace lead
{

namespace
{
/// 2^64 as a double.
constexpr double TWO_POW_64{18446744073709551616.0};
/// pi.
constexpr double PI{3.14159265358979323846};

/**
 * @brief Deterministic variates from a fully specified engine (mt19937_64), so that a seed
 * gives the same keys with any standard library.
 */
class Variates
{
  public:
    /**
     * @brief Seed the engine.
     * @param seed the seed
     */
    explicit Variates(uint64_t seed)
        : m_engine(seed)
    {
    }

    /**
     * @brief A uniform 64-bit value.
     * @return the value
     */
    uint64_t Bits()
    {
        return m_engine();
    }

    /**
     * @brief Uniform in (0, 1].
     * @return the value
     */
    double Unit()
    {
        return (static_cast<double>(m_engine() >> 11) + 1.0) * (1.0 / 9007199254740992.0);
    }

    /**
     * @brief Standard normal (Box-Muller).
     * @return the value
     */
    double Normal()
    {
        double u1 = Unit();
        double u2 = Unit();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * PI * u2);
    }

    /**
     * @brief Uniform integer in [0, n).
     * @param n the bound, > 0
     * @return the value
     */
    uint64_t Below(uint64_t n)
    {
        return static_cast<uint64_t>(Unit() * static_cast<double>(n)) % n;
    }

  private:
    std::mt19937_64 m_engine; //!< the engine
};

/**
 * @brief Clamp a real value to the key space.
 * @param v the value
 * @return the key
 */
uint64_t
ToKey(double v)
{
    if (!(v > 0.0))
    {
        return 0;
    }
    if (v >= TWO_POW_64)
    {
        return std::numeric_limits<uint64_t>::max();
    }
    return static_cast<uint64_t>(v);
}

/// Shape of the Zipf and clustered generators, drawn once per data set.
struct Shape
{
    std::vector<double> cdf;    //!< cumulative weights of regions or clusters
    std::vector<uint64_t> base; //!< region start or cluster centre
    std::vector<double> width;  //!< cluster standard deviation (clustered only)
};

/**
 * @brief Draw the regions of the Zipf data set.
 * @param v variates
 * @return the shape
 */
Shape
ZipfShape(Variates& v)
{
    constexpr uint32_t REGIONS{1024};
    Shape s;
    std::vector<uint64_t> order(REGIONS);
    for (uint32_t i = 0; i < REGIONS; ++i)
    {
        order[i] = i;
    }
    for (uint32_t i = REGIONS - 1; i > 0; --i) // Fisher-Yates: popular regions scattered
    {
        std::swap(order[i], order[v.Below(i + 1)]);
    }
    double total = 0;
    for (uint32_t r = 0; r < REGIONS; ++r)
    {
        total += 1.0 / std::pow(r + 1.0, 1.1);
        s.cdf.push_back(total);
        s.base.push_back(order[r] << 54);
    }
    for (auto& c : s.cdf)
    {
        c /= total;
    }
    return s;
}

/**
 * @brief Draw the clusters of the OSM-like data set.
 * @param v variates
 * @return the shape
 */
Shape
ClusterShape(Variates& v)
{
    constexpr uint32_t CLUSTERS{200};
    constexpr double DOMAIN{1.4e19}; // OSM cell ids span about [0, 1.4e19]
    Shape s;
    double total = 0;
    for (uint32_t c = 0; c < CLUSTERS; ++c)
    {
        total += std::exp(1.5 * v.Normal());
        s.cdf.push_back(total);
        s.base.push_back(ToKey(v.Unit() * DOMAIN));
        s.width.push_back(std::ldexp(1.0, 30 + static_cast<int>(v.Below(21))));
    }
    for (auto& c : s.cdf)
    {
        c /= total;
    }
    return s;
}

/**
 * @brief Index of the region or cluster a uniform draw selects.
 * @param s the shape
 * @param u uniform draw in (0, 1]
 * @return the index
 */
size_t
Pick(const Shape& s, double u)
{
    auto it = std::lower_bound(s.cdf.begin(), s.cdf.end(), u);
    return std::min<size_t>(static_cast<size_t>(it - s.cdf.begin()), s.cdf.size() - 1);
}

/**
 * @brief Set an optional error string.
 * @param error destination (may be nullptr)
 * @param text message
 * @return false
 */
bool
Fail(std::string* error, const std::string& text)
{
    if (error)
    {
        *error = text;
    }
    return false;
}
} // namespace

std::vector<uint64_t>
KeyDataset::Generate(KeyDistribution distribution, uint64_t n, uint64_t seed)
{
    Variates v(seed);
    std::vector<uint64_t> keys;
    keys.reserve(n);
    if (distribution == KeyDistribution::SEQUENTIAL)
    {
        uint64_t k = v.Bits() >> 8;
        for (uint64_t i = 0; i < n; ++i)
        {
            keys.push_back(k);
            double u = v.Unit();
            if (u < 1e-4)
            {
                k += 1 + (v.Bits() >> 24); // rare long jump, below 2^40
            }
            else if (u < 0.1)
            {
                k += 2 + v.Below(999); // gap
            }
            else
            {
                k += 1;
            }
        }
        return keys;
    }

    Shape shape;
    if (distribution == KeyDistribution::ZIPF)
    {
        shape = ZipfShape(v);
    }
    else if (distribution == KeyDistribution::CLUSTERED)
    {
        shape = ClusterShape(v);
    }
    while (keys.size() < n)
    {
        const uint64_t missing = n - keys.size();
        for (uint64_t i = 0; i < missing; ++i)
        {
            uint64_t k = 0;
            switch (distribution)
            {
            case KeyDistribution::UNIFORM:
                k = v.Bits();
                break;
            case KeyDistribution::NORMAL:
                k = ToKey(std::ldexp(1.0, 63) + v.Normal() * std::ldexp(1.0, 60));
                break;
            case KeyDistribution::LOGNORMAL:
                k = ToKey(std::exp(2.0 * v.Normal()) * 1e9);
                break;
            case KeyDistribution::ZIPF:
                k = shape.base[Pick(shape, v.Unit())] + (v.Bits() >> 10);
                break;
            case KeyDistribution::CLUSTERED:
                if (v.Unit() < 0.05)
                {
                    k = ToKey(v.Unit() * 1.4e19);
                }
                else
                {
                    size_t c = Pick(shape, v.Unit());
                    k = ToKey(static_cast<double>(shape.base[c]) + v.Normal() * shape.width[c]);
                }
                break;
            case KeyDistribution::SEQUENTIAL:
                break;
            }
            keys.push_back(k);
        }
        std::sort(keys.begin(), keys.end());
        keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    }
    return keys;
}

bool
KeyDataset::ParseDistribution(const std::string& name, KeyDistribution& distribution)
{
    for (auto d : GetAll())
    {
        if (GetName(d) == name)
        {
            distribution = d;
            return true;
        }
    }
    return false;
}

std::string
KeyDataset::GetName(KeyDistribution distribution)
{
    switch (distribution)
    {
    case KeyDistribution::UNIFORM:
        return "uniform";
    case KeyDistribution::NORMAL:
        return "normal";
    case KeyDistribution::LOGNORMAL:
        return "lognormal";
    case KeyDistribution::ZIPF:
        return "zipf";
    case KeyDistribution::CLUSTERED:
        return "clustered";
    case KeyDistribution::SEQUENTIAL:
        return "sequential";
    }
    return "unknown";
}

std::vector<KeyDistribution>
KeyDataset::GetAll()
{
    return {KeyDistribution::UNIFORM,
            KeyDistribution::NORMAL,
            KeyDistribution::LOGNORMAL,
            KeyDistribution::ZIPF,
            KeyDistribution::CLUSTERED,
            KeyDistribution::SEQUENTIAL};
}

bool
KeyDataset::LoadSosd(const std::string& path, std::vector<uint64_t>& keys, std::string* error)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
    {
        return Fail(error, "cannot open key file '" + path + "'");
    }
    const std::vector<uint8_t> file((std::istreambuf_iterator<char>(in)),
                                    std::istreambuf_iterator<char>());
    if (in.bad())
    {
        return Fail(error, "error while reading SOSD key file '" + path + "'");
    }
    return DecodeSosd(file.data(), file.size(), "SOSD key file '" + path + "'", keys, error);
}

bool
KeyDataset::DecodeSosd(const uint8_t* data,
                       size_t size,
                       const std::string& where,
                       std::vector<uint64_t>& keys,
                       std::string* error)
{
    auto readU64 = [data](size_t offset) {
        uint64_t v = 0;
        for (int b = 7; b >= 0; --b)
        {
            v = (v << 8) | data[offset + b];
        }
        return v;
    };
    if (size < 8)
    {
        return Fail(error,
                    where + " is truncated: " + std::to_string(size) +
                        " bytes, shorter than the 8-byte key count");
    }
    const uint64_t count = readU64(0);
    if (count == 0)
    {
        return Fail(error, where + " holds no keys");
    }
    const uint64_t body = size - 8;
    if (body % 8 != 0 || body / 8 != count)
    {
        return Fail(error,
                    where + " announces " + std::to_string(count) + " keys but holds " +
                        std::to_string(body) + " bytes of keys (expected " +
                        (body / 8 < count ? "more: truncated" : "fewer") + ")");
    }
    std::vector<uint64_t> out(count);
    for (uint64_t i = 0; i < count; ++i)
    {
        out[i] = readU64(8 + i * 8);
    }
    if (!std::is_sorted(out.begin(), out.end()))
    {
        std::sort(out.begin(), out.end());
    }
    keys = std::move(out);
    return true;
}

bool
KeyDataset::LoadText(const std::string& path, std::vector<uint64_t>& keys, std::string* error)
{
    std::ifstream in(path);
    if (!in)
    {
        return Fail(error, "cannot open key file '" + path + "'");
    }
    return ParseText(in, "key file '" + path + "'", keys, error);
}

bool
KeyDataset::ParseText(std::istream& in,
                      const std::string& where,
                      std::vector<uint64_t>& keys,
                      std::string* error)
{
    std::vector<uint64_t> out;
    std::string line;
    uint64_t lineNo = 0;
    while (std::getline(in, line))
    {
        ++lineNo;
        size_t b = line.find_first_not_of(" \t\r");
        if (b == std::string::npos || line[b] == '#')
        {
            continue;
        }
        size_t e = line.find_last_not_of(" \t\r");
        std::string tok = line.substr(b, e - b + 1);
        bool digits =
            !tok.empty() && tok.size() <= 20 &&
            std::all_of(tok.begin(), tok.end(), [](char c) { return c >= '0' && c <= '9'; });
        uint64_t value = 0;
        bool overflow = false;
        if (digits)
        {
            for (char c : tok)
            {
                uint64_t d = static_cast<uint64_t>(c - '0');
                if (value > (std::numeric_limits<uint64_t>::max() - d) / 10)
                {
                    overflow = true;
                    break;
                }
                value = value * 10 + d;
            }
        }
        if (!digits || overflow)
        {
            return Fail(error,
                        where + " line " + std::to_string(lineNo) + ": '" + tok.substr(0, 40) +
                            "' is not a decimal 64-bit unsigned key");
        }
        out.push_back(value);
    }
    if (out.empty())
    {
        return Fail(error, where + " holds no keys");
    }
    std::sort(out.begin(), out.end());
    keys = std::move(out);
    return true;
}

bool
KeyDataset::Load(const std::string& path, std::vector<uint64_t>& keys, std::string* error)
{
    auto endsWith = [&path](const std::string& suffix) {
        return path.size() >= suffix.size() &&
               path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0;
    };
    if (endsWith(".txt") || endsWith(".csv"))
    {
        return LoadText(path, keys, error);
    }
    return LoadSosd(path, keys, error);
}

bool
KeyDataset::SaveSosd(const std::string& path, const std::vector<uint64_t>& keys, std::string* error)
{
    std::vector<uint8_t> raw;
    raw.reserve(8 * (keys.size() + 1));
    auto put = [&raw](uint64_t v) {
        for (int i = 0; i < 8; ++i)
        {
            raw.push_back(static_cast<uint8_t>(v >> (8 * i)));
        }
    };
    put(keys.size());
    for (auto k : keys)
    {
        put(k);
    }
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out)
    {
        return Fail(error, "cannot open key file '" + path + "' for writing");
    }
    out.write(reinterpret_cast<const char*>(raw.data()), static_cast<std::streamsize>(raw.size()));
    out.close();
    if (!out)
    {
        return Fail(error, "error while writing key file '" + path + "'");
    }
    return true;
}

} // namespace lead
} // namespace ns3
