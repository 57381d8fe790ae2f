/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_FUZZ_SELECT_H
#define LEAD_FUZZ_SELECT_H

// Shared by the fuzz targets that hold several decoders: pick the one named by the environment
// variable LEAD_FUZZ_DECODER, or list them and exit.

#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>

namespace lead_fuzz
{

/**
 * @brief The decoder LEAD_FUZZ_DECODER names; exits with status 2 and the list if none.
 * @param target the fuzz target's name, for the message
 * @param all decoder name -> entry
 * @return the entry
 */
template <typename T>
const T&
SelectDecoder(const char* target, const std::map<std::string, T>& all)
{
    const char* name = std::getenv("LEAD_FUZZ_DECODER");
    auto it = name ? all.find(name) : all.end();
    if (it == all.end())
    {
        std::fprintf(stderr, "%s: set LEAD_FUZZ_DECODER to one of:", target);
        for (const auto& entry : all)
        {
            std::fprintf(stderr, " %s", entry.first.c_str());
        }
        std::fprintf(stderr, "\n");
        std::exit(2);
    }
    return it->second;
}

} // namespace lead_fuzz

#endif // LEAD_FUZZ_SELECT_H
