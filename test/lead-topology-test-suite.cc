/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

// ns-3 TestSuite "lead-topology": latency matrices and the latency-matrix substrate.

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/lead-latency-matrix-topology.h"
#include "ns3/lead-latency-matrix.h"
#include "ns3/network-module.h"
#include "ns3/test.h"

#include <cmath>
#include <fstream>

using namespace ns3;
using namespace ns3::lead;

namespace tests
{

/// The PlanetLab matrix shared with the project, if this checkout has it (tests and CI read it
/// from ../shared/data next to the repository).
std::string
PlanetLabPath()
{
#ifdef LEAD_SOURCE_DIR
    return std::string(LEAD_SOURCE_DIR) + "/../shared/data/planetlab-490-latency-ms.txt";
#else
    return "../shared/data/planetlab-490-latency-ms.txt";
#endif
}

/**
 * @ingroup lead-tests
 * Configuration: a synthetic 60-host matrix, the PlanetLab file when present, and malformed
 * files.
 * Expected behaviour: the synthetic matrix is symmetric with a zero diagonal and a 135 ms
 * median; the PlanetLab file loads as 490 x 490 with its published median (135.01 ms);
 * malformed files are refused with their name and the matrix is unchanged.
 * How validated: entries and statistics against the data README's figures.
 */
class LatencyMatrixTestCase : public TestCase
{
  public:
    LatencyMatrixTestCase()
        : TestCase("Latency matrices: synthetic statistics, the PlanetLab file, bad files")
    {
    }

  private:
    void DoRun() override
    {
        LatencyMatrix m;
        m.Generate(60, 3);
        NS_TEST_ASSERT_MSG_EQ(m.GetSize(), 60, "size");
        bool symmetric = true;
        for (uint32_t i = 0; i < 60; ++i)
        {
            symmetric = symmetric && m.GetRttMs(i, i) == 0.0;
            for (uint32_t j = 0; j < 60; ++j)
            {
                symmetric = symmetric && m.GetRttMs(i, j) == m.GetRttMs(j, i);
            }
        }
        NS_TEST_EXPECT_MSG_EQ(symmetric, true, "symmetric with a zero diagonal");
        NS_TEST_EXPECT_MSG_EQ_TOL(m.GetMedianMs(), 135.0, 1.0, "median RTT as PlanetLab's");

        std::string error;
        LatencyMatrix pl;
        if (pl.Load(PlanetLabPath(), &error))
        {
            NS_TEST_EXPECT_MSG_EQ(pl.GetSize(), 490, "PlanetLab has 490 hosts");
            NS_TEST_EXPECT_MSG_EQ_TOL(pl.GetMedianMs(), 135.01, 0.01, "PlanetLab median");
        }
        else
        {
            std::cerr << "lead-topology: PlanetLab matrix not found (" << error
                      << "); its checks are skipped\n";
        }

        const std::string bad = CreateTempDirFilename("bad-matrix.txt");
        for (const std::string text :
             {"0 1\n1 0 5\n", "0 x\n1 0\n", "0 -3\n1 0\n", "7\n", "0 1\n2 0\n"})
        {
            std::ofstream(bad) << text;
            LatencyMatrix before;
            before.Generate(3, 1);
            const double kept = before.GetRttMs(0, 1);
            NS_TEST_EXPECT_MSG_EQ(before.Load(bad, &error), false, "refused: " << text);
            NS_TEST_EXPECT_MSG_NE(error.find(bad), std::string::npos, "names the file");
            NS_TEST_EXPECT_MSG_EQ(before.GetRttMs(0, 1), kept, "matrix unchanged");
        }
    }
};

/**
 * @ingroup lead-tests
 * Configuration: 30 hosts on a LatencyMatrixChannel (PlanetLab rows when available, else a
 * synthetic matrix); for 40 random pairs a UDP datagram is sent twice, 2 s apart (the first
 * one resolves ARP), once with RTT/2 and once with the p2psim convention (one-way = entry).
 * Expected behaviour: the second datagram's one-way delay equals the matrix entry / 2 (or the
 * entry) within 1 %.
 * How validated: send and receive times against the matrix.
 */
class MatrixDelayTestCase : public TestCase
{
  public:
    explicit MatrixDelayTestCase(bool oneWayIsEntry)
        : TestCase(std::string("The latency-matrix channel delivers after ") +
                   (oneWayIsEntry ? "the matrix entry" : "half the matrix entry")),
          m_oneWayIsEntry(oneWayIsEntry)
    {
    }

  private:
    void Received(Ptr<Socket> s)
    {
        while (Ptr<Packet> p = s->Recv())
        {
            uint32_t id = 0;
            p->CopyData(reinterpret_cast<uint8_t*>(&id), sizeof(id));
            m_arrival[id] = Simulator::Now();
        }
    }

    void DoRun() override
    {
        RngSeedManager::SetSeed(16);
        RngSeedManager::SetRun(1);
        auto matrix = std::make_shared<LatencyMatrix>();
        std::string error;
        if (!matrix->Load(PlanetLabPath(), &error))
        {
            matrix->Generate(30, 5);
        }
        LeadLatencyMatrixTopology topo(matrix, 30, m_oneWayIsEntry);
        topo.AssignStreams(0);
        NodeContainer hosts = topo.GetHosts();
        std::vector<Ptr<Socket>> rx;
        for (uint32_t i = 0; i < hosts.GetN(); ++i)
        {
            Ptr<Socket> s = Socket::CreateSocket(hosts.Get(i), UdpSocketFactory::GetTypeId());
            s->Bind(InetSocketAddress(Ipv4Address::GetAny(), 9));
            s->SetRecvCallback(MakeCallback(&MatrixDelayTestCase::Received, this));
            rx.push_back(s);
        }
        Ptr<UniformRandomVariable> rng = CreateObject<UniformRandomVariable>();
        rng->SetStream(4);

        struct Probe
        {
            uint32_t from;
            uint32_t to;
            Time sent;
        };

        std::vector<Probe> probes;
        for (uint32_t k = 0; k < 40; ++k)
        {
            uint32_t i = rng->GetInteger(0, 29);
            uint32_t j = rng->GetInteger(0, 28);
            j = j >= i ? j + 1 : j;
            for (uint32_t attempt = 0; attempt < 2; ++attempt)
            {
                const uint32_t id = 2 * k + attempt;
                const Time at = Seconds(1 + 5 * k + 2 * attempt);
                probes.push_back({i, j, at});
                Ptr<Node> src = hosts.Get(i);
                Ipv4Address dst = hosts.Get(j)->GetObject<Ipv4>()->GetAddress(1, 0).GetLocal();
                Simulator::Schedule(at, [src, dst, id]() {
                    Ptr<Socket> s = Socket::CreateSocket(src, UdpSocketFactory::GetTypeId());
                    s->Bind();
                    s->SendTo(Create<Packet>(reinterpret_cast<const uint8_t*>(&id), sizeof(id)),
                              0,
                              InetSocketAddress(dst, 9));
                });
            }
        }
        Simulator::Stop(Seconds(1 + 5 * 40 + 10));
        Simulator::Run();
        uint32_t within = 0;
        for (uint32_t k = 0; k < 40; ++k)
        {
            const Probe& p = probes[2 * k + 1];
            auto it = m_arrival.find(2 * k + 1);
            if (it == m_arrival.end())
            {
                continue;
            }
            const double measured = (it->second - p.sent).GetSeconds() * 1000;
            const double expected = matrix->GetRttMs(p.from, p.to) * (m_oneWayIsEntry ? 1.0 : 0.5);
            within += std::fabs(measured - expected) <= 0.01 * expected + 1e-6 ? 1 : 0;
        }
        NS_TEST_EXPECT_MSG_EQ(within, 40, "one-way delays within 1 % of the matrix");
        Simulator::Destroy();
    }

    bool m_oneWayIsEntry;               //!< p2psim convention
    std::map<uint32_t, Time> m_arrival; //!< probe id -> arrival time
};

/**
 * @ingroup lead-tests
 * The suite.
 */
class LeadTopologyTestSuite : public TestSuite
{
  public:
    LeadTopologyTestSuite()
        : TestSuite("lead-topology")
    {
        AddTestCase(new LatencyMatrixTestCase);
        AddTestCase(new MatrixDelayTestCase(false));
        AddTestCase(new MatrixDelayTestCase(true));
    }
};

/// Static instance that registers the suite.
static LeadTopologyTestSuite g_leadTopologyTestSuite;

} // namespace tests
