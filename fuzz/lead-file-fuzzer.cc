/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

// libFuzzer target: the loaders of the files the module reads, on their content. One loader
// per run, chosen by LEAD_FUZZ_DECODER:
//   key-text   KeyDataset::ParseText       (text key files)
//   key-sosd   KeyDataset::DecodeSosd      (SOSD binary key files)
//   matrix     LatencyMatrix::Parse        (latency matrix files)
//   inet       LeadInetFile::Parse         (router-level topology files)
//   churn      LeadChurnModel::ParseTrace  (churn trace files)
// Invariants: a refusal always carries a message; what is accepted is what the format allows
// (keys sorted and present, a square matrix of finite non-negative values with a zero
// diagonal, links between distinct listed nodes, sessions with 0 <= up < down that do not
// overlap on one node); a refusal leaves the previous result unchanged.
//
// LEAD_FUZZ_SEEDS=DIR writes one valid file per loader and exits.

#include "lead-churn-model.h"
#include "lead-fuzz-select.h"
#include "lead-inet-file.h"
#include "lead-key-dataset.h"
#include "lead-latency-matrix.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

using namespace ns3;
using namespace ns3::lead;

namespace
{

void
Require(bool ok)
{
    if (!ok)
    {
        std::abort();
    }
}

void
FuzzKeyText(const uint8_t* data, size_t size)
{
    std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
    std::vector<uint64_t> keys{42};
    std::string error;
    if (!KeyDataset::ParseText(in, "fuzz", keys, &error))
    {
        Require(!error.empty() && keys == std::vector<uint64_t>{42});
        return;
    }
    Require(!keys.empty() && std::is_sorted(keys.begin(), keys.end()));
}

void
FuzzKeySosd(const uint8_t* data, size_t size)
{
    std::vector<uint64_t> keys{42};
    std::string error;
    if (!KeyDataset::DecodeSosd(data, size, "fuzz", keys, &error))
    {
        Require(!error.empty() && keys == std::vector<uint64_t>{42});
        return;
    }
    Require(!keys.empty() && keys.size() == (size - 8) / 8 &&
            std::is_sorted(keys.begin(), keys.end()));
}

void
FuzzMatrix(const uint8_t* data, size_t size)
{
    std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
    LatencyMatrix m;
    m.Generate(3, 1);
    const double before = m.GetRttMs(0, 1);
    std::string error;
    if (!m.Parse(in, "fuzz", &error))
    {
        Require(!error.empty() && m.GetSize() == 3 && m.GetRttMs(0, 1) == before);
        return;
    }
    const uint32_t n = m.GetSize();
    Require(n >= 2);
    for (uint32_t i = 0; i < n; ++i)
    {
        for (uint32_t j = 0; j < n; ++j)
        {
            const double v = m.GetRttMs(i, j);
            Require(std::isfinite(v) && v >= 0 && (i != j || v == 0) && v == m.GetRttMs(j, i));
        }
    }
}

void
FuzzInet(const uint8_t* data, size_t size)
{
    std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
    LeadInetFile f;
    std::string error;
    if (!f.Parse(in, "fuzz", &error))
    {
        Require(!error.empty() && f.GetNodes() == 0 && f.GetLinks().empty());
        return;
    }
    Require(f.GetNodes() >= 2 && !f.GetLinks().empty());
    for (const auto& l : f.GetLinks())
    {
        Require(l.from < f.GetNodes() && l.to < f.GetNodes() && l.from != l.to && l.weight > 0 &&
                std::isfinite(l.weight));
    }
}

void
FuzzChurn(const uint8_t* data, size_t size)
{
    std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
    std::vector<LeadChurnModel::Session> sessions;
    const std::string error = LeadChurnModel::ParseTrace(in, sessions);
    if (!error.empty())
    {
        return;
    }
    for (size_t i = 0; i < sessions.size(); ++i)
    {
        const auto& s = sessions[i];
        Require(s.up.IsPositive() && s.up < s.down);
        if (i > 0 && sessions[i - 1].node == s.node)
        {
            Require(sessions[i - 1].down <= s.up);
        }
    }
}

void
Write(const std::string& path, const std::string& text)
{
    std::ofstream(path, std::ios::binary) << text;
}

void
WriteSeeds(const std::string& dir)
{
    Write(dir + "/key-text", "# keys\n17\n3\n\n18446744073709551615\n");
    std::string sosd(8, '\0');
    sosd[0] = 2;
    sosd += std::string("\x05\0\0\0\0\0\0\0\x01\0\0\0\0\0\0\0", 16);
    Write(dir + "/key-sosd", sosd);
    Write(dir + "/matrix", "0 10.5 20\n11 0 30\n19.5 31 0\n");
    Write(dir + "/inet", "3 3\n0 10 20\n1 30 40\n2 50 60\n0 1 5\n1 2 7\n0 2 1.5\n");
    Write(dir + "/churn", "# node up down\n0 0 100\n1 10 20.5\n1 30 40\n");
}

using Fuzz = void (*)(const uint8_t*, size_t);
Fuzz g_fuzz = nullptr; //!< the decoder under test

} // namespace

extern "C" int
LLVMFuzzerInitialize(int* /* argc */, char*** /* argv */)
{
    if (const char* dir = std::getenv("LEAD_FUZZ_SEEDS"))
    {
        WriteSeeds(dir);
        std::exit(0);
    }
    const std::map<std::string, Fuzz> all{
        {"key-text", &FuzzKeyText},
        {"key-sosd", &FuzzKeySosd},
        {"matrix", &FuzzMatrix},
        {"inet", &FuzzInet},
        {"churn", &FuzzChurn},
    };
    g_fuzz = lead_fuzz::SelectDecoder("lead-file-fuzzer", all);
    return 0;
}

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    g_fuzz(data, size);
    return 0;
}
