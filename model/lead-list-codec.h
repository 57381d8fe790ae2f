/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_LIST_CODEC_H
#define LEAD_LIST_CODEC_H

#include "lead-vnode-ref.h"

#include "ns3/abort.h"
#include "ns3/buffer.h"

#include <cstdint>
#include <vector>

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief The one encoding of every list in a LEAD message body (vnodes of a lookup answer or
 * neighbour set, keys of a transfer, items of a range part): a 2-byte count in network order,
 * then the items, each of a fixed size.
 *
 * Read() refuses a list that runs past the message or is longer than its kind allows, so a
 * body's decoder never reads what is not there.
 */
class LeadListCodec
{
  public:
    /// Bytes of the count field.
    static constexpr uint32_t COUNT_SIZE{2};
    /// Longest list the count field can carry.
    static constexpr uint32_t MAX_ITEMS{65535};
    /// Serialised size of a vnode (id 8, IPv4 address 4, vnode index 2).
    static constexpr uint32_t NODE_SIZE{14};
    /// Longest vnode list a body may carry (successor lists are at most 255 long).
    static constexpr uint32_t MAX_NODES{255};

    /**
     * @brief Serialised size of a list.
     * @param count number of items
     * @param itemSize bytes per item
     * @return bytes
     */
    static uint32_t Size(size_t count, uint32_t itemSize)
    {
        return COUNT_SIZE + static_cast<uint32_t>(count) * itemSize;
    }

    /**
     * @brief Write a list (aborts if it has more than MAX_ITEMS items).
     * @param i iterator, advanced
     * @param items the items
     * @param write writes one item: void(Buffer::Iterator&, const T&)
     */
    template <typename T, typename W>
    static void Write(Buffer::Iterator& i, const std::vector<T>& items, W write)
    {
        NS_ABORT_MSG_IF(items.size() > MAX_ITEMS,
                        "LeadListCodec: " << items.size() << " items, at most " << MAX_ITEMS);
        i.WriteHtonU16(static_cast<uint16_t>(items.size()));
        for (const auto& it : items)
        {
            write(i, it);
        }
    }

    /**
     * @brief Read a list.
     * @param i iterator, advanced over what was read
     * @param items receives the items (cleared first)
     * @param itemSize bytes per item
     * @param maxItems longest list accepted
     * @param read reads one item: T(Buffer::Iterator&)
     * @return false if the count is missing, above maxItems, or the items run past the end
     */
    template <typename T, typename R>
    static bool Read(Buffer::Iterator& i,
                     std::vector<T>& items,
                     uint32_t itemSize,
                     uint32_t maxItems,
                     R read)
    {
        items.clear();
        if (i.GetRemainingSize() < COUNT_SIZE)
        {
            return false;
        }
        const uint32_t count = i.ReadNtohU16();
        if (count > maxItems || i.GetRemainingSize() / itemSize < count)
        {
            return false;
        }
        items.reserve(count);
        for (uint32_t k = 0; k < count; ++k)
        {
            items.push_back(read(i));
        }
        return true;
    }

    /**
     * @brief Write one vnode.
     * @param i iterator, advanced
     * @param ref the vnode
     */
    static void WriteNode(Buffer::Iterator& i, const VnodeRef& ref)
    {
        i.WriteHtonU64(ref.id);
        i.WriteHtonU32(ref.address);
        i.WriteHtonU16(ref.vnode);
    }

    /**
     * @brief Read one vnode (the caller checked that 14 bytes remain).
     * @param i iterator, advanced
     * @return the vnode
     */
    static VnodeRef ReadNode(Buffer::Iterator& i)
    {
        VnodeRef ref;
        ref.id = i.ReadNtohU64();
        ref.address = i.ReadNtohU32();
        ref.vnode = i.ReadNtohU16();
        return ref;
    }

    /**
     * @brief Write a vnode list.
     * @param i iterator, advanced
     * @param nodes the vnodes (at most MAX_NODES)
     */
    static void WriteNodes(Buffer::Iterator& i, const std::vector<VnodeRef>& nodes)
    {
        NS_ABORT_MSG_IF(nodes.size() > MAX_NODES,
                        "LeadListCodec: " << nodes.size() << " vnodes, at most " << MAX_NODES);
        Write(i, nodes, [](Buffer::Iterator& it, const VnodeRef& r) { WriteNode(it, r); });
    }

    /**
     * @brief Read a vnode list.
     * @param i iterator, advanced
     * @param nodes receives the vnodes
     * @return false if malformed (see Read)
     */
    static bool ReadNodes(Buffer::Iterator& i, std::vector<VnodeRef>& nodes)
    {
        return Read(i, nodes, NODE_SIZE, MAX_NODES, [](Buffer::Iterator& it) {
            return ReadNode(it);
        });
    }

    /**
     * @brief Serialised size of a vnode list.
     * @param count vnodes
     * @return bytes
     */
    static uint32_t NodesSize(size_t count)
    {
        return Size(count, NODE_SIZE);
    }
};

} // namespace lead
} // namespace ns3

#endif // LEAD_LIST_CODEC_H
