/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_MODEL_SERVICE_H
#define LEAD_MODEL_SERVICE_H

#include "lead-header.h"
#include "lead-vnode-ref.h"
#include "learned-hash-model.h"

#include "ns3/packet.h"
#include "ns3/ptr.h"

#include <cstdint>
#include <functional>
#include <map>
#include <vector>

namespace ns3
{
namespace lead
{

class LeadVnode;
class LeadVnodeHost;

/**
 * @ingroup lead
 * @brief A node's own hash model and its version, and how a newer version spreads.
 *
 * Every message carries the sender's model version (LeadHeader). A node that hears of a
 * version newer than its own fetches the model image (LearnedHashModel::ToBytes) from the
 * vnode that sent it, chunk by chunk (MODEL_GET, purpose MODEL), checks it (type, SHA-256,
 * version) and installs it. A node that holds an earlier version asks for a delta from it
 * (LeadModelDelta: the changed leaves only), which a sender that still holds that version
 * (the last MAX_HISTORY) serves; a delta that does not rebuild the image is refetched whole.
 * Versions thus spread along the ring's own traffic, with no flood.
 * A fetch whose sender falls silent is given up; the next message of a newer version starts
 * another. Models are never changed in place: installing one replaces the pointer, so nodes
 * may start from one shared object.
 */
class LeadModelService
{
  public:
    /// Called when a model becomes the node's model: the model, and the image bytes fetched
    /// for it (0 when installed locally).
    using InstallCallback = std::function<void(Ptr<LearnedHashModel> model, uint64_t fetched)>;

    /**
     * @brief Serve MODEL_GET on a host and watch the versions its messages carry.
     * @param host the vnode host (handlers and version observer are registered on it)
     * @param model the node's model (trained)
     */
    LeadModelService(LeadVnodeHost& host, Ptr<LearnedHashModel> model);
    ~LeadModelService();

    /// Earlier versions a node keeps to serve deltas from.
    static constexpr size_t MAX_HISTORY{4};

    LeadModelService(const LeadModelService&) = delete;
    LeadModelService& operator=(const LeadModelService&) = delete;

    /**
     * @brief Set the install listener.
     * @param cb the callback
     */
    void SetInstallCallback(InstallCallback cb);

    /**
     * @brief The node's model.
     * @return the model
     */
    Ptr<LearnedHashModel> GetModel() const;

    /**
     * @brief Adopt a model with a newer version than the node's.
     * @param model the model (trained)
     * @return false (nothing changes) unless its version is newer
     */
    bool Install(Ptr<LearnedHashModel> model);

    /**
     * @brief A message with a model version arrived: fetch the model if the version is newer.
     * @param version the version it carried
     * @param sender the vnode that sent it
     */
    void VersionSeen(uint32_t version, const VnodeRef& sender);

    /**
     * @brief Whether newer versions are fetched when heard of (default true; false keeps the
     * node on its version, to study version skew).
     * @param fetch true to fetch
     */
    void SetFetch(bool fetch);

    /**
     * @brief Whether a fetch is under way.
     * @return true while fetching
     */
    bool IsFetching() const;

  private:
    /// A fetch under way.
    struct Fetch
    {
        bool active{false};         //!< under way
        uint32_t version{0};        //!< version being fetched
        VnodeRef from;              //!< vnode it comes from
        uint32_t base{0};           //!< version asked a delta from (0: the whole image)
        bool delta{false};          //!< the sender sends a delta
        uint32_t total{0};          //!< image size (from the first chunk)
        std::vector<uint8_t> image; //!< bytes so far
    };

    /**
     * @brief Serve a MODEL_GET: a chunk of the image, or the version held if another.
     * @param at addressed vnode
     * @param h request header
     * @param body request body
     * @param from sender address
     */
    void Serve(LeadVnode& at, const LeadHeader& h, Ptr<Packet> body, uint32_t from);

    /// Start fetching the newest version heard of.
    void StartFetch();

    /// Ask for the next chunk.
    void RequestChunk();

    /**
     * @brief A chunk arrived.
     * @param body the reply body
     */
    void OnChunk(Ptr<Packet> body);

    /**
     * @brief The bytes to serve for a request: a delta from the requester's version if this
     * node holds that version, else the whole image.
     * @param base the requester's version (0: the whole image)
     * @param delta set to whether the bytes are a delta
     * @return the bytes
     */
    const std::vector<uint8_t>& ImageFor(uint32_t base, bool& delta);

    /// The fetched bytes are complete: rebuild or read the model, and install it.
    void Complete();

    /**
     * @brief Give the fetch up.
     * @param reason why (logged; a bad image is also counted as a drop)
     * @param drop the offending body, if any
     */
    void Abandon(const std::string& reason, Ptr<Packet> drop = nullptr);

    LeadVnodeHost& m_host;                             //!< the host
    Ptr<LearnedHashModel> m_model;                     //!< the node's model
    mutable std::vector<uint8_t> m_image;              //!< image of m_model (made on first request)
    std::vector<Ptr<LearnedHashModel>> m_history;      //!< earlier versions, newest first
    std::map<uint32_t, std::vector<uint8_t>> m_deltas; //!< base version -> delta to m_model
    uint32_t m_fullFor{0};       //!< a delta of this version failed: fetch the whole image
    Fetch m_fetch;               //!< fetch under way
    uint32_t m_newest{0};        //!< newest version heard of
    VnodeRef m_newestFrom;       //!< who sent it
    InstallCallback m_onInstall; //!< listener
    bool m_fetchEnabled{true};   //!< fetch newer versions
};

} // namespace lead
} // namespace ns3

#endif // LEAD_MODEL_SERVICE_H
