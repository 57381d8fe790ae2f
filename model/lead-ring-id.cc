/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-ring-id.h"

#include <cstdio>

namespace ns3
{
namespace lead
{

std::string
RingId::ToString(uint64_t id)
{
    char buf[19];
    std::snprintf(buf, sizeof(buf), "0x%016llx", static_cast<unsigned long long>(id));
    return buf;
}

} // namespace lead
} // namespace ns3
