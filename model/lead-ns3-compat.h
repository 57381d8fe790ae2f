/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_NS3_COMPAT_H
#define LEAD_NS3_COMPAT_H

// Spellings that differ between ns-3.37 and newer releases (ns3-compat.md). LEAD_NS3_MINOR is
// defined by the module's CMakeLists.txt in both build modes (999 for ns-3-dev).

#include "ns3/enum.h"

#ifndef LEAD_NS3_MINOR
#define LEAD_NS3_MINOR 37
#endif

/**
 * @ingroup lead
 * Accessor of an enum attribute held in a data member: ns-3.41 made MakeEnumAccessor a
 * template on the enum type.
 */
#if LEAD_NS3_MINOR >= 41
#define LEAD_ENUM_ACCESSOR(type, member) ns3::MakeEnumAccessor<type>(member)
#else
#define LEAD_ENUM_ACCESSOR(type, member) ns3::MakeEnumAccessor(member)
#endif

#endif // LEAD_NS3_COMPAT_H
