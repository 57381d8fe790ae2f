/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-model-service.h"

#include "lead-model-delta.h"
#include "lead-model-header.h"
#include "lead-vnode-host.h"
#include "lead-vnode.h"

#include "ns3/abort.h"
#include "ns3/ipv4-address.h"
#include "ns3/log.h"

#include <algorithm>
#include <sstream>

namespace ns3
{
namespace lead
{

NS_LOG_COMPONENT_DEFINE("LeadModelService");

LeadModelService::LeadModelService(LeadVnodeHost& host, Ptr<LearnedHashModel> model)
    : m_host(host),
      m_model(model)
{
    NS_ABORT_MSG_IF(!model || !model->IsTrained(), "LeadModelService: the model is not trained");
    m_newest = model->GetVersion();
    host.SetModelVersion(m_newest);
    host.SetHandler(LeadMessageType::MODEL_GET,
                    [this](LeadVnode& at, const LeadHeader& h, Ptr<Packet> body, uint32_t from) {
                        Serve(at, h, body, from);
                    });
    host.SetVersionObserver(
        [this](uint32_t version, const VnodeRef& sender) { VersionSeen(version, sender); });
}

LeadModelService::~LeadModelService()
{
    m_host.SetVersionObserver({});
}

void
LeadModelService::SetInstallCallback(InstallCallback cb)
{
    m_onInstall = std::move(cb);
}

Ptr<LearnedHashModel>
LeadModelService::GetModel() const
{
    return m_model;
}

bool
LeadModelService::IsFetching() const
{
    return m_fetch.active;
}

bool
LeadModelService::Install(Ptr<LearnedHashModel> model)
{
    NS_ABORT_MSG_IF(!model || !model->IsTrained(), "LeadModelService::Install: untrained model");
    if (model->GetVersion() <= m_model->GetVersion())
    {
        return false;
    }
    NS_LOG_INFO("node " << Ipv4Address(m_host.GetConfig().address) << " installs "
                        << model->GetName() << " model version " << model->GetVersion());
    const uint64_t fetched =
        m_fetch.active && m_fetch.version == model->GetVersion() ? m_fetch.image.size() : 0;
    m_history.insert(m_history.begin(), m_model);
    if (m_history.size() > MAX_HISTORY)
    {
        m_history.resize(MAX_HISTORY);
    }
    m_model = model;
    m_image.clear();
    m_deltas.clear();
    m_newest = std::max(m_newest, model->GetVersion());
    m_host.SetModelVersion(model->GetVersion());
    m_fetch = Fetch{};
    if (m_onInstall)
    {
        m_onInstall(model, fetched);
    }
    if (m_newest > m_model->GetVersion())
    {
        StartFetch(); // heard of an even newer one meanwhile
    }
    return true;
}

void
LeadModelService::SetFetch(bool fetch)
{
    m_fetchEnabled = fetch;
}

void
LeadModelService::VersionSeen(uint32_t version, const VnodeRef& sender)
{
    if (!m_fetchEnabled || version <= m_model->GetVersion() || version < m_newest)
    {
        return;
    }
    m_newest = version;
    m_newestFrom = sender;
    if (!m_fetch.active)
    {
        StartFetch();
    }
}

void
LeadModelService::StartFetch()
{
    if (m_host.GetVnodeCount() == 0)
    {
        return;
    }
    m_fetch = Fetch{};
    m_fetch.active = true;
    m_fetch.version = m_newest;
    m_fetch.from = m_newestFrom;
    m_fetch.base = m_model->GetLeafCount() > 0 && m_fullFor != m_newest ? m_model->GetVersion() : 0;
    RequestChunk();
}

void
LeadModelService::RequestChunk()
{
    LeadModelHeader req;
    req.version = m_fetch.version;
    req.base = m_fetch.base;
    req.offset = static_cast<uint32_t>(m_fetch.image.size());
    Ptr<Packet> body = Create<Packet>();
    body->AddHeader(req);
    const uint32_t version = m_fetch.version;
    m_host.Call(
        m_host.GetClientVnode().GetSelf(),
        m_fetch.from,
        LeadMessageType::MODEL_GET,
        LeadPurpose::MODEL,
        body,
        [this, version](const LeadHeader&, Ptr<Packet> reply) {
            if (m_fetch.active && m_fetch.version == version)
            {
                OnChunk(reply);
            }
        },
        [this, version]() {
            if (m_fetch.active && m_fetch.version == version)
            {
                Abandon("the sender fell silent");
            }
        });
}

void
LeadModelService::OnChunk(Ptr<Packet> body)
{
    LeadModelHeader chunk;
    body->RemoveHeader(chunk);
    if (!chunk.valid)
    {
        Abandon("invalid MODEL_GET_REPLY body", body);
        return;
    }
    if (chunk.version != m_fetch.version)
    {
        // The sender moved on: fetch its version if newer, else give up.
        const uint32_t theirs = chunk.version;
        const VnodeRef from = m_fetch.from;
        m_fetch = Fetch{};
        VersionSeen(theirs, from);
        return;
    }
    const bool first = m_fetch.image.empty();
    if (chunk.total == 0 || chunk.data.empty() || (!first && chunk.total != m_fetch.total) ||
        (!first && chunk.delta != m_fetch.delta) || (chunk.delta && chunk.base != m_fetch.base) ||
        chunk.offset != m_fetch.image.size())
    {
        Abandon("MODEL_GET_REPLY out of sequence", body);
        return;
    }
    m_fetch.total = chunk.total;
    m_fetch.delta = chunk.delta;
    m_fetch.image.insert(m_fetch.image.end(), chunk.data.begin(), chunk.data.end());
    if (m_fetch.image.size() < m_fetch.total)
    {
        RequestChunk();
        return;
    }
    Complete();
}

void
LeadModelService::Complete()
{
    std::ostringstream where;
    where << "model " << (m_fetch.delta ? "delta" : "image") << " from "
          << Ipv4Address(m_fetch.from.address);
    std::string error;
    Ptr<LearnedHashModel> model =
        m_fetch.delta
            ? LeadModelDelta::Apply(*m_model, m_fetch.image.data(), m_fetch.image.size(), &error)
            : LearnedHashModel::CreateFromBytes(m_fetch.image.data(),
                                                m_fetch.image.size(),
                                                where.str(),
                                                &error);
    if (!model && m_fetch.delta)
    {
        // Not our base after all, or corrupt: fetch the whole image instead.
        NS_LOG_INFO(where.str() << " refused (" << error << "); fetching the whole image");
        m_fullFor = m_fetch.version;
        StartFetch();
        return;
    }
    if (!model || model->GetVersion() != m_fetch.version)
    {
        Abandon(model ? where.str() + " has another version" : error);
        return;
    }
    Install(model);
}

void
LeadModelService::Abandon(const std::string& reason, Ptr<Packet> drop)
{
    NS_LOG_INFO("model fetch of version " << m_fetch.version << " abandoned: " << reason);
    m_fetch = Fetch{};
    if (drop)
    {
        m_host.Drop(drop, reason);
    }
}

const std::vector<uint8_t>&
LeadModelService::ImageFor(uint32_t base, bool& delta)
{
    delta = false;
    if (base != 0 && base != m_model->GetVersion())
    {
        auto cached = m_deltas.find(base);
        if (cached == m_deltas.end())
        {
            std::vector<uint8_t> bytes;
            for (const auto& old : m_history)
            {
                if (old->GetVersion() == base)
                {
                    bytes = LeadModelDelta::Make(*old, *m_model);
                    break;
                }
            }
            cached = m_deltas.emplace(base, std::move(bytes)).first;
        }
        if (!cached->second.empty())
        {
            delta = true;
            return cached->second;
        }
    }
    if (m_image.empty())
    {
        m_image = m_model->ToBytes();
    }
    return m_image;
}

void
LeadModelService::Serve(LeadVnode& at, const LeadHeader& h, Ptr<Packet> body, uint32_t from)
{
    LeadModelHeader req;
    body->RemoveHeader(req);
    if (!req.valid)
    {
        m_host.Drop(body, "invalid MODEL_GET body");
        return;
    }
    LeadModelHeader answer;
    answer.version = m_model->GetVersion();
    if (req.version == answer.version)
    {
        bool delta = false;
        const std::vector<uint8_t>& image = ImageFor(req.base, delta);
        answer.delta = delta;
        answer.base = delta ? req.base : 0;
        answer.total = static_cast<uint32_t>(image.size());
        answer.offset = req.offset;
        if (req.offset < image.size())
        {
            const size_t n =
                std::min<size_t>(LeadModelHeader::MAX_CHUNK, image.size() - req.offset);
            answer.data.assign(image.begin() + req.offset, image.begin() + req.offset + n);
        }
    }
    Ptr<Packet> reply = Create<Packet>();
    reply->AddHeader(answer);
    m_host.Reply(at.GetSelf(), h, from, LeadMessageType::MODEL_GET_REPLY, reply);
}

} // namespace lead
} // namespace ns3
