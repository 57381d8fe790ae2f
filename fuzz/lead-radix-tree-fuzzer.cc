/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

// libFuzzer target: LeadRadixTree::Decode on arbitrary bytes (the P2P router's gossip
// snapshots). A snapshot that decodes must encode back to bytes that decode to the same tree,
// every leaf path must match in full, and a failed decode must leave the tree unchanged.

#include "lead-radix-tree.h"

#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using ns3::lead::LeadRadixTree;
    LeadRadixTree tree(size % 2 == 0 ? 4096 : 64);
    tree.Insert({1, 2, 3}, 1);
    const auto before = tree.GetLeafPaths();
    std::string error;
    if (!tree.Decode(data, size, 7, error))
    {
        if (tree.GetLeafPaths() != before || error.empty())
        {
            std::abort();
        }
        return 0;
    }
    std::vector<uint8_t> again;
    tree.Encode(again);
    if (again.size() != tree.GetEncodedSize())
    {
        std::abort();
    }
    LeadRadixTree copy(tree.GetCapacity());
    if (!copy.Decode(again.data(), again.size(), 7, error) ||
        copy.GetLeafPaths() != tree.GetLeafPaths())
    {
        std::abort();
    }
    for (const auto& path : tree.GetLeafPaths())
    {
        if (tree.Match(path) != path.size())
        {
            std::abort();
        }
    }
    return 0;
}
