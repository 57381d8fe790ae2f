/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

// ns-3 TestSuite "lead-hash-model": the hash models inside ns-3's object, attribute and
// random-stream machinery.

#include "ns3/config.h"
#include "ns3/consistent-hash-model.h"
#include "ns3/lead-dataset-helper.h"
#include "ns3/linear-hash-model.h"
#include "ns3/object-factory.h"
#include "ns3/random-variable-stream.h"
#include "ns3/rmi-hash-model.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

using namespace ns3;
using namespace ns3::lead;

namespace tests
{

/**
 * @ingroup lead-tests
 * Configuration: the three models created by TypeId name through an ObjectFactory, with
 * attributes set on the factory and through Config::SetDefault.
 * Expected behaviour: the attribute values reach the trained model (leaf count, root model),
 * and the same keys give the same hashes as a directly created model.
 * How validated: leaf count and root name read back; hashes compared key by key.
 */
class HashModelAttributeTestCase : public TestCase
{
  public:
    HashModelAttributeTestCase()
        : TestCase("Hash models are created and configured through TypeId and attributes")
    {
    }

  private:
    void DoRun() override
    {
        std::vector<uint64_t> keys = KeyDataset::Generate(KeyDistribution::NORMAL, 5000, 3);

        ObjectFactory factory;
        factory.SetTypeId("ns3::lead::RmiHashModel");
        factory.Set("Leaves", UintegerValue(64));
        factory.Set("RootModel", StringValue("linear"));
        Ptr<LearnedHashModel> viaFactory = factory.Create<LearnedHashModel>();
        NS_TEST_ASSERT_MSG_NE(viaFactory, nullptr, "factory must create an RMI");
        viaFactory->Train(keys);
        NS_TEST_EXPECT_MSG_EQ(viaFactory->GetLeafCount(), 64, "Leaves attribute not applied");
        StringValue root;
        viaFactory->GetAttribute("RootModel", root);
        NS_TEST_EXPECT_MSG_EQ(root.Get(), "linear", "RootModel attribute not applied");

        auto direct = CreateObject<RmiHashModel>();
        direct->SetAttribute("Leaves", UintegerValue(64));
        direct->SetAttribute("RootModel", StringValue("linear"));
        direct->Train(keys);
        for (size_t i = 0; i < keys.size(); i += 7)
        {
            NS_TEST_ASSERT_MSG_EQ(viaFactory->Hash(keys[i]),
                                  direct->Hash(keys[i]),
                                  "same configuration must give the same hash");
        }

        Config::SetDefault("ns3::lead::RmiHashModel::RootModel", StringValue("linear"));
        auto byDefault = CreateObject<RmiHashModel>();
        byDefault->Train(keys);
        NS_TEST_EXPECT_MSG_EQ(byDefault->GetRootModelInUse(), "linear", "Config default ignored");
        Config::Reset(); // restore every attribute default for the suites that follow
        auto restored = CreateObject<RmiHashModel>();
        restored->Train(keys);
        NS_TEST_EXPECT_MSG_EQ(restored->GetRootModelInUse(),
                              "spline",
                              "default root model not restored");

        for (const char* name : {"ns3::lead::ConsistentHashModel", "ns3::lead::LinearHashModel"})
        {
            ObjectFactory f;
            f.SetTypeId(name);
            Ptr<LearnedHashModel> m = f.Create<LearnedHashModel>();
            NS_TEST_ASSERT_MSG_NE(m, nullptr, "cannot create " << name);
            m->Train(keys);
            NS_TEST_EXPECT_MSG_EQ(m->IsTrained(), true, name << " not trained");
        }
        NS_TEST_EXPECT_MSG_EQ(CreateObject<ConsistentHashModel>()->IsOrderPreserving(),
                              false,
                              "SHA-1 is not order-preserving");
        NS_TEST_EXPECT_MSG_EQ(CreateObject<LinearHashModel>()->IsOrderPreserving(),
                              true,
                              "min-max scaling is order-preserving");
    }
};

/**
 * @ingroup lead-tests
 * Configuration: LeadDatasetHelper generating 2,000 lognormal keys under different ns-3
 * seeds, run numbers and stream assignments.
 * Expected behaviour: the keys are a function of (seed, run, stream) only: the same triple
 * gives the same keys even if other random variables are created and drawn in between; a
 * different run number gives different keys.
 * How validated: key vectors compared.
 */
class DatasetStreamTestCase : public TestCase
{
  public:
    DatasetStreamTestCase()
        : TestCase("Generated keys follow the ns-3 seed, run number and assigned stream")
    {
    }

  private:
    static std::vector<uint64_t> Keys(uint32_t run, bool disturb)
    {
        RngSeedManager::SetSeed(5);
        RngSeedManager::SetRun(run);
        if (disturb)
        {
            auto other = CreateObject<UniformRandomVariable>();
            for (int i = 0; i < 10; ++i)
            {
                other->GetValue();
            }
        }
        LeadDatasetHelper helper;
        helper.SetDistribution("lognormal");
        helper.SetKeyCount(2000);
        helper.AssignStreams(42);
        return helper.GetKeys();
    }

    void DoRun() override
    {
        auto a = Keys(1, false);
        auto b = Keys(1, true);
        auto c = Keys(2, false);
        NS_TEST_ASSERT_MSG_EQ(a.size(), 2000, "wrong key count");
        NS_TEST_EXPECT_MSG_EQ((a == b), true, "same seed, run and stream must give same keys");
        NS_TEST_EXPECT_MSG_EQ((a == c), false, "another run number must give other keys");
    }
};

/**
 * @ingroup lead-tests
 * The suite.
 */
class LeadHashModelTestSuite : public TestSuite
{
  public:
    LeadHashModelTestSuite()
        : TestSuite("lead-hash-model")
    {
        AddTestCase(new HashModelAttributeTestCase);
        AddTestCase(new DatasetStreamTestCase);
    }
};

/// Static instance that registers the suite.
static LeadHashModelTestSuite g_leadHashModelTestSuite;

} // namespace tests
