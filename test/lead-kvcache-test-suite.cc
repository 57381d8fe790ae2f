/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

// ns-3 TestSuite "lead-kv-cache": the KV-cache case study inside the simulator. Fetched KV is
// checked against the ground truth of which server computed which prompt; stale gossip must
// cost a miss and nothing else; a run is a function of its inputs.

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/lead-kvcache-experiment.h"
#include "ns3/lead-kvcache-fabric.h"
#include "ns3/lead-kvcache-header.h"
#include "ns3/lead-kvcache-server.h"
#include "ns3/lead-prompt-workload.h"
#include "ns3/lead-star-topology.h"
#include "ns3/test.h"

#include <map>
#include <set>
#include <sstream>

using namespace ns3;
using namespace ns3::lead;

namespace tests
{

/// A small Long-DocQA: 4 documents of 100 blocks, each asked twice after a warm-up round.
std::vector<LeadPrompt>
SmallDocQa(uint64_t seed)
{
    LeadPromptWorkload::LongDocQa p;
    p.documents = 4;
    p.documentLength = 1600;
    p.repeatCount = 2;
    p.rate = 2.0;
    p.roundGap = 2.0;
    std::vector<LeadPrompt> out;
    std::string error;
    LeadPromptWorkload::MakeLongDocQa(p, seed, out, error);
    return out;
}

LeadKvCacheExperiment::Config
SmallConfig(const std::string& system, const std::vector<LeadPrompt>& prompts)
{
    LeadKvCacheExperiment::Config c;
    c.system = system;
    c.workload = "test";
    c.prompts = prompts;
    c.servers = 4;
    c.backgroundDocs = 20;
    c.backgroundBlocks = 100;
    c.drain = Seconds(60);
    return c;
}

/**
 * Every fetched span is a contiguous slice of its prompt, in order, from a server that
 * computed that prompt earlier (the ground truth: capacity is large, nothing is evicted), and
 * every query of a warmed-up document reuses all its blocks.
 */
class KvFetchExactTestCase : public TestCase
{
  public:
    KvFetchExactTestCase()
        : TestCase("fetched KV is exactly the cached span of the prompt, in order, from a holder")
    {
    }

  private:
    void DoRun() override
    {
        const std::vector<LeadPrompt> prompts = SmallDocQa(11);
        std::map<uint64_t, const LeadPrompt*> byId;
        for (const auto& p : prompts)
        {
            byId[p.id] = &p;
        }
        std::map<std::string, double> messages;
        for (const std::string system : {"lead", "chord", "chord-batched", "chord-doc", "central"})
        {
            // Ground truth: the first block of every prompt a server prefilled.
            std::map<uint16_t, std::set<uint64_t>> computed;
            // Spans received per request, by their position in the prompt.
            std::map<uint64_t, std::map<size_t, std::vector<uint64_t>>> received;
            uint32_t spans = 0;
            uint32_t bad = 0;
            LeadKvCacheExperiment::Config c = SmallConfig(system, prompts);
            c.inspect = [&](const std::vector<Ptr<LeadKvCacheServer>>& servers) {
                for (const auto& server : servers)
                {
                    server->TraceConnectWithoutContext(
                        "Fetched",
                        Callback<void, uint64_t, uint16_t, const std::vector<uint64_t>&>(
                            [&](uint64_t id, uint16_t holder, const std::vector<uint64_t>& got) {
                                ++spans;
                                const std::vector<uint64_t> all = byId.at(id)->Blocks();
                                const auto at = std::find(all.begin(), all.end(), got.front());
                                received[id][static_cast<size_t>(at - all.begin())] = got;
                                bad += computed[holder].count(all.front()) != 0 ? 0 : 1;
                            }));
                }
            };
            uint32_t full = 0;
            uint32_t measured = 0;
            uint32_t exact = 0;
            uint32_t fetchedRequests = 0;
            const auto row = LeadKvCacheExperiment(c).Run([&](const KvCacheRequestResult& r) {
                const std::vector<uint64_t> all = byId.at(r.request)->Blocks();
                computed[r.server].insert(all.front());
                // What arrived, in prompt order, must be exactly the blocks after the local
                // match that the request reused.
                std::vector<uint64_t> got;
                for (const auto& [pos, span] : received[r.request])
                {
                    got.insert(got.end(), span.begin(), span.end());
                }
                const std::vector<uint64_t> want(all.begin() + r.localBlocks,
                                                 all.begin() + r.localBlocks + r.fetchedBlocks);
                fetchedRequests += r.fetchedBlocks > 0 ? 1 : 0;
                exact += got == want ? 1 : 0;
                if (r.measured)
                {
                    ++measured;
                    full += r.localBlocks + r.fetchedBlocks == r.promptBlocks ? 1 : 0;
                }
            });
            std::cout << "  " << LeadKvCacheExperiment::Summary(row) << std::endl;
            messages[system] = row.messages;
            NS_TEST_EXPECT_MSG_EQ(row.status, "ok", system << ": every request answered");
            NS_TEST_EXPECT_MSG_GT(spans, 0U, system << ": some KV was fetched");
            NS_TEST_EXPECT_MSG_EQ(bad, 0U, system << ": spans from a server that computed them");
            NS_TEST_EXPECT_MSG_GT(fetchedRequests, 0U, system << ": some requests fetched");
            NS_TEST_EXPECT_MSG_EQ(exact, 12U, system << ": every request got exactly its span");
            NS_TEST_EXPECT_MSG_EQ(measured, 8U, system << ": every query measured");
            NS_TEST_EXPECT_MSG_EQ(full, measured, system << ": warmed-up documents fully reused");
        }
        // One range query per document against one Get per block.
        NS_TEST_EXPECT_MSG_LT(messages["lead"], 0.1 * messages["chord"], "LEAD's messages");
    }
};

/**
 * P2P router: server 1 learns by gossip that server 0 holds prompt A; server 0 then evicts A
 * (capacity of one prompt) and, before the next gossip round, A arrives at server 1 again.
 * It is forwarded on the stale estimate and costs a full prefill: a miss, never wrong KV.
 */
class KvStaleGossipTestCase : public TestCase
{
  public:
    KvStaleGossipTestCase()
        : TestCase("p2p-router: a stale estimate costs a miss, never wrong data")
    {
    }

  private:
    static LeadPrompt Prompt(uint64_t id, double at, uint64_t stream, uint32_t tokens)
    {
        LeadPrompt p;
        p.id = id;
        p.arrival = at;
        p.promptTokens = tokens;
        p.outputTokens = 1;
        p.runs.push_back({LeadPromptWorkload::BlockKey(stream, 0), tokens / 16});
        return p;
    }

    void DoRun() override
    {
        // Requests go round robin: 0 -> server 0, 1 -> server 1, 2 -> server 0, 3 -> server 1.
        std::vector<LeadPrompt> prompts{Prompt(0, 0.0, 1, 1600),  // A at server 0
                                        Prompt(1, 2.0, 2, 32),    // small, server 1
                                        Prompt(2, 3.0, 3, 1600),  // B at server 0: evicts A
                                        Prompt(3, 3.2, 1, 1600)}; // A again, at server 1
        LeadKvCacheExperiment::Config c = SmallConfig("p2p-router", prompts);
        c.servers = 2;
        c.backgroundDocs = 0;
        Config::SetDefault("ns3::lead::LeadKvCacheServer::CacheBlocks", UintegerValue(100));
        Config::SetDefault("ns3::lead::LeadKvCacheServer::GossipInterval", TimeValue(Seconds(2.5)));
        uint32_t promised = 0;
        int64_t forwardedAt = -1;
        c.inspect = [&](const std::vector<Ptr<LeadKvCacheServer>>& servers) {
            servers[1]->TraceConnectWithoutContext(
                "Forwarded",
                Callback<void, uint64_t, uint16_t, uint32_t>(
                    [&](uint64_t id, uint16_t target, uint32_t blocks) {
                        if (id == 3 && target == 0)
                        {
                            promised = blocks;
                            forwardedAt = Simulator::Now().GetMilliSeconds();
                        }
                    }));
        };
        std::map<uint64_t, KvCacheRequestResult> results;
        LeadKvCacheExperiment(c).Run(
            [&](const KvCacheRequestResult& r) { results[r.request] = r; });
        Config::Reset();
        NS_TEST_ASSERT_MSG_EQ(results.size(), 4U, "every request answered");
        NS_TEST_EXPECT_MSG_EQ(promised, 100U, "server 1's estimate still held A at server 0");
        const KvCacheRequestResult& a = results[3];
        NS_TEST_EXPECT_MSG_EQ(a.forwarded, true, "A was forwarded");
        NS_TEST_EXPECT_MSG_EQ(a.server, 0U, "to server 0");
        NS_TEST_EXPECT_MSG_EQ(a.localBlocks + a.fetchedBlocks, 0U, "where it missed");
        NS_TEST_EXPECT_MSG_EQ(a.kvBytes, 0U, "no KV moved");
        // A full prefill (1,600 tokens at 100 us) after B's (the queue), no shortcut.
        NS_TEST_EXPECT_MSG_GT_OR_EQ(a.prefill, MilliSeconds(160), "A was computed again");
        NS_TEST_EXPECT_MSG_EQ(results[0].localBlocks, 0U, "A's first run was cold");
    }
};

/// The same inputs give the same row, a different workload seed another one.
class KvDeterminismTestCase : public TestCase
{
  public:
    KvDeterminismTestCase()
        : TestCase("same workload and seed, same CSV row; another seed, another row")
    {
    }

  private:
    static std::string Csv(uint64_t seed, const std::string& system)
    {
        std::ostringstream out;
        LeadKvCacheExperiment::WriteCsv(
            out,
            LeadKvCacheExperiment(SmallConfig(system, SmallDocQa(seed))).Run());
        return out.str();
    }

    void DoRun() override
    {
        for (const std::string system : {"lead", "p2p-router"})
        {
            const std::string a = Csv(5, system);
            NS_TEST_EXPECT_MSG_EQ(a, Csv(5, system), system << ": same seed, same row");
            NS_TEST_EXPECT_MSG_NE(a, Csv(6, system), system << ": another seed, another row");
        }
    }
};

/**
 * The flow model against packet-level TCP on a star of 10 Gb/s links: one transfer alone, two
 * into one host (shared downlink) and two out of one host (shared uplink). Each finish time
 * of the flow model is within 10 % of TCP's.
 */
class KvFlowMatchesTcpTestCase : public TestCase
{
  public:
    KvFlowMatchesTcpTestCase()
        : TestCase("the flow model matches packet-level TCP within 10 %")
    {
    }

  private:
    /// Finish times (s after the start) of transfers (src, dst) of `bytes` each.
    static std::vector<double> Finish(const std::string& mode,
                                      const std::vector<std::pair<uint32_t, uint32_t>>& pairs,
                                      uint64_t bytes)
    {
        LeadStarTopology net(3, "10Gbps", "5us", "1000p");
        NodeContainer hosts = net.GetHosts();
        std::vector<Ptr<Node>> nodes;
        std::vector<Ipv4Address> addresses;
        for (uint32_t i = 0; i < hosts.GetN(); ++i)
        {
            nodes.push_back(hosts.Get(i));
            addresses.push_back(hosts.Get(i)->GetObject<Ipv4>()->GetAddress(1, 0).GetLocal());
        }
        Ptr<LeadKvCacheFabric> fabric = CreateObject<LeadKvCacheFabric>();
        fabric->SetAttribute("LinkRate", DataRateValue(DataRate("10Gbps")));
        fabric->SetAttribute("Mode", StringValue(mode));
        fabric->Setup(3, MicroSeconds(20));
        fabric->SetupTcp(nodes, addresses);
        std::vector<double> done(pairs.size(), -1);
        for (size_t k = 0; k < pairs.size(); ++k)
        {
            Simulator::Schedule(Seconds(1), [&, k]() {
                fabric->Transfer(pairs[k].first, pairs[k].second, bytes, Callback<void>([&, k]() {
                                     done[k] = Simulator::Now().GetSeconds() - 1;
                                 }));
            });
        }
        Simulator::Stop(Seconds(5));
        Simulator::Run();
        Simulator::Destroy();
        return done;
    }

    void DoRun() override
    {
        const uint64_t bytes = 24 << 20; // 12 blocks of 2 MiB
        const std::vector<std::vector<std::pair<uint32_t, uint32_t>>> cases{{{0, 1}},
                                                                            {{0, 2}, {1, 2}},
                                                                            {{0, 1}, {0, 2}}};
        for (const auto& pairs : cases)
        {
            const auto flow = Finish("flow", pairs, bytes);
            const auto tcp = Finish("tcp", pairs, bytes);
            for (size_t k = 0; k < pairs.size(); ++k)
            {
                std::cout << "  " << pairs.size() << " transfers, " << pairs[k].first << " -> "
                          << pairs[k].second << ": flow " << flow[k] * 1000 << " ms, tcp "
                          << tcp[k] * 1000 << " ms" << std::endl;
                NS_TEST_ASSERT_MSG_GT(tcp[k], 0, "the TCP transfer finished");
                NS_TEST_EXPECT_MSG_EQ_TOL(flow[k], tcp[k], 0.1 * tcp[k], "within 10 %");
            }
        }
        // The whole case study: LEAD on the small Long-DocQA at 10 Gb/s (256 KiB blocks to
        // keep the packet count small), TTFT with payloads as flows and as TCP packets.
        Config::SetDefault("ns3::lead::LeadKvCacheServer::BlockBytes", UintegerValue(256 << 10));
        std::map<std::string, double> p50;
        for (const std::string transfer : {"flow", "tcp"})
        {
            LeadKvCacheExperiment::Config c = SmallConfig("lead", SmallDocQa(3));
            c.transfer = transfer;
            c.linkRate = "10Gbps"; // TCP's 256 KiB windows are 10 bandwidth-delay products
            const auto row = LeadKvCacheExperiment(c).Run();
            std::cout << "  " << transfer << ": " << LeadKvCacheExperiment::Summary(row)
                      << std::endl;
            NS_TEST_EXPECT_MSG_EQ(row.status, "ok", transfer << ": every request answered");
            p50[transfer] = row.ttftP50;
        }
        Config::Reset();
        NS_TEST_EXPECT_MSG_EQ_TOL(p50["flow"], p50["tcp"], 0.1 * p50["tcp"], "TTFT within 10 %");
    }
};

/**
 * Malformed and unexpected datagrams (garbage, a truncated header, a FETCH_REPLY for a request
 * never made, a REQUEST from a server instead of the front end) are counted on the Drop trace
 * and change nothing: every request is still answered with the same row.
 */
class KvBadInputTestCase : public TestCase
{
  public:
    KvBadInputTestCase()
        : TestCase("malformed or unexpected datagrams are counted and dropped, nothing else")
    {
    }

  private:
    void DoRun() override
    {
        const std::vector<LeadPrompt> prompts = SmallDocQa(4);
        std::ostringstream clean;
        LeadKvCacheExperiment::WriteCsv(clean,
                                        LeadKvCacheExperiment(SmallConfig("lead", prompts)).Run());
        std::vector<std::string> reasons;
        LeadKvCacheExperiment::Config c = SmallConfig("lead", prompts);
        c.inspect = [&](const std::vector<Ptr<LeadKvCacheServer>>& servers) {
            for (const auto& server : servers)
            {
                server->TraceConnectWithoutContext(
                    "Drop",
                    Callback<void, Ptr<const Packet>, const std::string&>(
                        [&](Ptr<const Packet>, const std::string& why) {
                            reasons.push_back(why);
                        }));
            }
            Ptr<Node> from = servers[0]->GetNode();
            const Ipv4Address to =
                servers[1]->GetNode()->GetObject<Ipv4>()->GetAddress(1, 0).GetLocal();
            Simulator::Schedule(Seconds(2), [from, to]() {
                Ptr<Socket> s = Socket::CreateSocket(from, UdpSocketFactory::GetTypeId());
                s->Bind();
                const uint8_t junk[7] = {9, 9, 9, 9, 9, 9, 9};
                s->SendTo(Create<Packet>(junk, sizeof(junk)), 0, InetSocketAddress(to, 5200));
                LeadKvCacheHeader h;
                h.type = LeadKvCacheHeader::FETCH_REPLY;
                h.request = 999999;
                Ptr<Packet> reply = Create<Packet>();
                reply->AddHeader(h);
                s->SendTo(reply, 0, InetSocketAddress(to, 5200));
                Ptr<Packet> cut = reply->CreateFragment(0, 20);
                s->SendTo(cut, 0, InetSocketAddress(to, 5200));
                h.type = LeadKvCacheHeader::REQUEST;
                Ptr<Packet> request = Create<Packet>();
                request->AddHeader(h);
                s->SendTo(request, 0, InetSocketAddress(to, 5200));
                s->Close();
            });
        };
        const auto row = LeadKvCacheExperiment(c).Run();
        std::ostringstream noisy;
        LeadKvCacheExperiment::WriteCsv(noisy, row);
        NS_TEST_EXPECT_MSG_EQ(reasons.size(), 4U, "four datagrams dropped");
        NS_TEST_EXPECT_MSG_EQ(row.drops, 4U, "and counted");
        NS_TEST_EXPECT_MSG_EQ(noisy.str(), clean.str(), "the run is otherwise unchanged");
    }
};

class LeadKvCacheTestSuite : public TestSuite
{
  public:
    LeadKvCacheTestSuite()
        : TestSuite("lead-kv-cache")
    {
        AddTestCase(new KvFetchExactTestCase);
        AddTestCase(new KvStaleGossipTestCase);
        AddTestCase(new KvDeterminismTestCase);
        AddTestCase(new KvFlowMatchesTcpTestCase);
        AddTestCase(new KvBadInputTestCase);
    }
};

static LeadKvCacheTestSuite g_leadKvCacheTestSuite; //!< registers the suite

} // namespace tests
