/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_HEADER_H
#define LEAD_HEADER_H

#include "lead-vnode-ref.h"

#include "ns3/header.h"

#include <cstdint>
#include <string>

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief Message types of the LEAD overlay protocol.
 */
enum class LeadMessageType : uint8_t
{
    FIND_SUCCESSOR = 1,       //!< routed lookup of the owner of a ring position
    FIND_SUCCESSOR_REPLY = 2, //!< the owner and its successors, sent straight to the origin
    GET_NEIGHBORS = 3,        //!< ask for the predecessor and successor list
    GET_NEIGHBORS_REPLY = 4,  //!< predecessor and successor list
    NOTIFY = 5,               //!< "I might be your predecessor"
    NOTIFY_REPLY = 6,         //!< acknowledgement of NOTIFY
    PING = 7,                 //!< liveness probe
    PONG = 8,                 //!< liveness answer
    PUT = 9,                  //!< store a key and value at its owner (or replica)
    PUT_REPLY = 10,           //!< result of PUT
    GET = 11,                 //!< read a key
    GET_REPLY = 12,           //!< result of GET, with the value
    DELETE = 13,              //!< remove a key
    DELETE_REPLY = 14,        //!< result of DELETE
    TRANSFER = 15,            //!< batch of keys handed over (join, leave, replication)
    TRANSFER_REPLY = 16,      //!< acknowledgement of TRANSFER
    LEAVE = 17,               //!< graceful departure notice with the leaver's neighbours
    LEAVE_REPLY = 18,         //!< acknowledgement of LEAVE
    ALERT = 19,               //!< "these vnodes did not answer me": check them
    ALERT_REPLY = 20,         //!< acknowledgement of ALERT
    RANGE_SCAN = 21,          //!< range query: scan your keys, then pass it on
    RANGE_PART = 22,          //!< one vnode's part of a range answer, sent to the client
    SUCC_HINT = 23,           //!< "this vnode might be your successor"
    SUCC_HINT_REPLY = 24,     //!< acknowledgement of SUCC_HINT
    MODEL_GET = 25,           //!< ask for a chunk of the sender's hash model image
    MODEL_GET_REPLY = 26,     //!< a chunk of the hash model image
    HEARTBEAT = 27,           //!< one-way: model version, ready flag and load to neighbours
    MODEL_ANNOUNCE = 28,      //!< one-way: a new model version, along a tree over fingers
    UPDATE = 29,              //!< a model update round: coordinator to participant
    UPDATE_REPLY = 30,        //!< a participant's answer (keys per leaf, refitted leaves)
    RECRUIT = 31,             //!< one-way: "add a shadow vnode at this id" (dynamic balancer)
    VIEW_GOSSIP = 32,         //!< one-way: recent membership events (one-hop view)
    VIEW_SYNC = 33,           //!< a view digest; the reply carries the view if they differ
};

/**
 * @ingroup lead
 * @brief Why a message was sent: the traffic class used for per-purpose accounting.
 */
enum class LeadPurpose : uint8_t
{
    USER_LOOKUP = 0, //!< lookups and key operations issued by the application
    JOIN = 1,        //!< joining the ring
    STABILIZE = 2,   //!< fix_successor (predecessor of the successor)
    NOTIFY = 3,      //!< notify
    SUCC_LIST = 4,   //!< successor-list refresh
    PRED_CHECK = 5,  //!< predecessor liveness check
    FINGER = 6,      //!< finger lookups and pings
    MIGRATION = 7,   //!< key hand-off on join and leave
    REPLICATION = 8, //!< replica maintenance
    MISC = 9,        //!< anything else (alerts, leave notices)
    MODEL = 10,      //!< hash model updates (fetching a newer version)
    MEMBERSHIP = 11, //!< the one-hop membership view (gossip and synchronisation)
};

/// Number of LeadPurpose values.
constexpr uint8_t LEAD_PURPOSE_COUNT{12};

/**
 * @ingroup lead
 * @brief Name of a message type ("FIND_SUCCESSOR", ...), or "UNKNOWN".
 * @param type the type
 * @return the name
 */
std::string LeadMessageTypeName(LeadMessageType type);

/**
 * @ingroup lead
 * @brief Name of a purpose ("STABILIZE", ...), or "UNKNOWN".
 * @param purpose the purpose
 * @return the name
 */
std::string LeadPurposeName(LeadPurpose purpose);

/**
 * @ingroup lead
 * @brief Common header of every LEAD message.
 *
 * @verbatim
   field         bytes  meaning
   version         1    protocol version (1)
   type            1    LeadMessageType
   purpose         1    LeadPurpose (traffic class)
   flags           1    bit 0: reply
   requestId       4    RPC id chosen by the requester, echoed by the reply
   srcId           8    ring id of the sending vnode
   dstId           8    ring id of the vnode addressed
   srcVnode        2    index of the sending vnode on its node
   dstVnode        2    index of the addressed vnode on its node
   modelVersion    4    version of the sender's hash model
   total          32
   @endverbatim
 *
 * All fields are in network byte order. A header whose version or type is unknown, or that
 * is cut short, deserialises as invalid (IsValid() is false) instead of reading past the end.
 */
class LeadHeader : public Header
{
  public:
    /// Protocol version written into every header.
    static constexpr uint8_t PROTOCOL_VERSION{1};
    /// Serialised size.
    static constexpr uint32_t SIZE{32};

    LeadHeader();

    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    // Inherited
    TypeId GetInstanceTypeId() const override;
    void Print(std::ostream& os) const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;

    /**
     * @brief One-line text of the header, as Print() writes it.
     * @return the text
     */
    std::string ToString() const;

    bool IsValid() const;                   //!< @return false after a bad Deserialize
    LeadMessageType GetType() const;        //!< @return message type
    void SetType(LeadMessageType type);     //!< @param type message type
    LeadPurpose GetPurpose() const;         //!< @return traffic class
    void SetPurpose(LeadPurpose purpose);   //!< @param purpose traffic class
    bool IsReply() const;                   //!< @return whether the reply flag is set
    void SetReply(bool reply);              //!< @param reply the reply flag
    uint32_t GetRequestId() const;          //!< @return RPC id
    void SetRequestId(uint32_t id);         //!< @param id RPC id
    uint64_t GetSrcId() const;              //!< @return sender ring id
    void SetSrcId(uint64_t id);             //!< @param id sender ring id
    uint64_t GetDstId() const;              //!< @return addressee ring id
    void SetDstId(uint64_t id);             //!< @param id addressee ring id
    uint16_t GetSrcVnode() const;           //!< @return sender vnode index
    void SetSrcVnode(uint16_t vnode);       //!< @param vnode sender vnode index
    uint16_t GetDstVnode() const;           //!< @return addressee vnode index
    void SetDstVnode(uint16_t vnode);       //!< @param vnode addressee vnode index
    uint32_t GetModelVersion() const;       //!< @return sender's model version
    void SetModelVersion(uint32_t version); //!< @param version model version

    /**
     * @brief Field-wise equality (used by the round-trip tests).
     * @param o the other header
     * @return true if every field is equal
     */
    bool operator==(const LeadHeader& o) const;

  private:
    bool m_valid{true};                            //!< deserialised cleanly
    uint8_t m_version{PROTOCOL_VERSION};           //!< protocol version
    LeadMessageType m_type{LeadMessageType::PING}; //!< message type
    LeadPurpose m_purpose{LeadPurpose::MISC};      //!< traffic class
    uint8_t m_flags{0};                            //!< flags
    uint32_t m_requestId{0};                       //!< RPC id
    uint64_t m_srcId{0};                           //!< sender ring id
    uint64_t m_dstId{0};                           //!< addressee ring id
    uint16_t m_srcVnode{0};                        //!< sender vnode index
    uint16_t m_dstVnode{0};                        //!< addressee vnode index
    uint32_t m_modelVersion{0};                    //!< sender's model version
};

} // namespace lead
} // namespace ns3

#endif // LEAD_HEADER_H
