/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_VNODE_CONFIG_H
#define LEAD_VNODE_CONFIG_H

#include "ns3/nstime.h"

#include <cstdint>
#include <vector>

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief Settings of the ring protocol of one physical node, shared by its vnodes and its
 * lookup client (LeadNodeApp fills them from its attributes; the names in brackets).
 */
struct LeadVnodeConfig
{
    uint32_t address{0};                       //!< own IPv4 address, host order
    uint32_t incarnation{0};                   //!< > 0: new vnode ids after a restart
    std::vector<uint32_t> bootstrap;           //!< join through these (the first creates)
    uint32_t successorListSize{15};            //!< r [SuccessorListSize]
    uint32_t fingerBase{2};                    //!< b [FingerBase]
    Time stabilizeInterval{Seconds(1)};        //!< [StabilizeInterval]
    Time successorListInterval{Seconds(1)};    //!< [SuccessorListInterval]
    Time fingerInterval{Seconds(10)};          //!< [FingerInterval]
    Time joinProbeTime{Seconds(30)};           //!< [JoinProbeTime]
    bool successorHints{true};                 //!< [SuccessorHints]
    bool alerts{true};                         //!< [Alerts]
    Time suspicionTime{Seconds(30)};           //!< [SuspicionTime]
    uint32_t alertAttempts{2};                 //!< [AlertAttempts]
    uint32_t hopAttempts{1};                   //!< [HopAttempts]
    Time joinRetryInterval{MilliSeconds(200)}; //!< [JoinRetryInterval]
    Time maxLookupTime{Seconds(2)};            //!< [MaxLookupTime]
    Time lookupTimeout{Seconds(20)};           //!< [LookupTimeout]
    bool iterative{false};                     //!< [LookupMode] is iterative
    bool proximityRouting{false};              //!< [RouteSelection] is proximity
    bool peerRouting{false};                   //!< [PeerRouting]
    bool proximityFingers{false};              //!< [ProximityFingers]
    uint32_t gateway{0};                       //!< off the ring: lookups start there

    /// Longest lookup path before a lookup is dropped.
    static constexpr uint8_t MAX_HOPS{30};
    /// Most bytes of values (and items) in one message: key transfers and range parts are
    /// split into messages of at most this size, so that each fits in a UDP datagram; a
    /// PUT of a larger value fails over UDP.
    static constexpr uint32_t MAX_BATCH_BYTES{60000};

    /**
     * @brief Whether this node creates the ring (no bootstrap, or first in the list).
     * @return true for the creator
     */
    bool IsCreator() const
    {
        return bootstrap.empty() || bootstrap.front() == address;
    }
};

} // namespace lead
} // namespace ns3

#endif // LEAD_VNODE_CONFIG_H
