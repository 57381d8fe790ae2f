/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

// libFuzzer target: LeadPromptWorkload::ParseMooncakeLine on arbitrary text (trace files are
// user input). A line that parses must give at most input_length / 16 blocks, 32 per trace id,
// and a failed parse must say why.

#include "lead-prompt-workload.h"

#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using ns3::lead::LeadPrompt;
    using ns3::lead::LeadPromptWorkload;
    const std::string line(reinterpret_cast<const char*>(data), size);
    LeadPrompt p;
    std::string error;
    if (!LeadPromptWorkload::ParseMooncakeLine(line, p, error))
    {
        if (error.empty())
        {
            std::abort();
        }
        return 0;
    }
    if (uint64_t{p.BlockCount()} * LeadPromptWorkload::BLOCK_TOKENS > p.promptTokens ||
        p.arrival < 0)
    {
        std::abort();
    }
    return 0;
}
