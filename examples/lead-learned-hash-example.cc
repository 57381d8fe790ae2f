/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

/**
 * @file
 * @ingroup lead
 * Learned hash demo: trains the RMI, SHA-1 (consistent hashing) and linear (min-max) hash
 * models on one key set and compares them side by side.
 *
 * For each model it prints the rank error, the number of order inversions (pairs of adjacent
 * keys whose hashes decrease), the model size, and the load balance when the keys are placed
 * on a ring of `peers x vnodes` virtual nodes whose identifiers are PeerHASH values.
 *
 * @verbatim
   keys (synthetic distribution or file)
     |  Train
     v
   RMI / SHA-1 / linear  --Hash-->  2^64 ring of peers x vnodes  -->  keys per peer
   @endverbatim
 *
 * Run: `lead-learned-hash-example --dataset=lognormal --n-keys=200000`
 *
 * Expected output (default arguments):
 * @verbatim
   model  dataset    keys     leaves bytes    max_err_%  mean_err_%  inversions  load_max/mean
   rmi    lognormal  100000   3125   141452   0.0128     0.0011      0           1.4090
   sha1   lognormal  100000   0      0        99.4202    33.3203     49939       1.4045
   linear lognormal  100000   0      16       97.3384    49.8813     0           7.8415
   summary: dataset=lognormal keys=100000 rmi_root=spline rmi_max_err_pct=0.0128 ...
   @endverbatim
 */

#include "ns3/command-line.h"
#include "ns3/core-module.h"
#include "ns3/lead-module.h"

#include <fstream>
#include <iomanip>
#include <iostream>

using namespace ns3;

int
main(int argc, char* argv[])
{
    std::string dataset{"lognormal"};
    std::string keysFile;
    uint64_t nKeys{100000};
    uint32_t peers{8};
    uint32_t vnodes{16};
    uint32_t leaves{0};
    std::string root{"spline"};
    std::string saveModel;
    std::string loadModel;
    std::string csv;

    CommandLine cmd(__FILE__);
    cmd.AddValue("dataset",
                 "Synthetic key distribution: uniform, normal, lognormal, zipf, clustered, "
                 "sequential",
                 dataset);
    cmd.AddValue("keys-file", "Read keys from a file (SOSD binary, or text for .txt)", keysFile);
    cmd.AddValue("n-keys", "Number of synthetic keys", nKeys);
    cmd.AddValue("peers", "Physical peers on the ring", peers);
    cmd.AddValue("vnodes", "Virtual nodes per peer", vnodes);
    cmd.AddValue("leaves", "RMI leaves (0 = automatic)", leaves);
    cmd.AddValue("root", "RMI root model: cubic, linear or spline", root);
    cmd.AddValue("save-model", "Write the trained RMI to this file", saveModel);
    cmd.AddValue("load-model", "Load the RMI from this file instead of training it", loadModel);
    cmd.AddValue("csv", "Also write the table as CSV to this file", csv);
    cmd.Parse(argc, argv);

    NS_ABORT_MSG_IF(peers == 0 || vnodes == 0, "--peers and --vnodes must be positive");

    lead::LeadDatasetHelper data;
    data.SetDistribution(dataset);
    data.SetKeyFile(keysFile);
    data.SetKeyCount(nKeys);
    data.AssignStreams(1);
    std::vector<uint64_t> keys = data.GetKeys();

    auto rmi = CreateObjectWithAttributes<lead::RmiHashModel>("Leaves",
                                                              UintegerValue(leaves),
                                                              "RootModel",
                                                              StringValue(root));
    if (loadModel.empty())
    {
        rmi->Train(keys);
    }
    else
    {
        rmi->Load(loadModel);
    }
    if (!saveModel.empty())
    {
        std::string error;
        NS_ABORT_MSG_IF(!rmi->Save(saveModel, &error), error);
    }
    auto sha1 = CreateObject<lead::ConsistentHashModel>();
    sha1->Train(keys);
    auto linear = CreateObject<lead::LinearHashModel>();
    linear->Train(keys);

    const auto ids = lead::HashEvaluator::PeerIds(peers, vnodes);
    std::ofstream csvOut;
    if (!csv.empty())
    {
        csvOut.open(csv);
        NS_ABORT_MSG_IF(!csvOut, "cannot open CSV file '" << csv << "'");
        csvOut << "model,dataset,keys,leaves,model_bytes,max_err_pct,mean_err_pct,inversions,"
                  "peers,vnodes,load_max_over_mean\n";
    }
    std::cout << std::left << std::setw(7) << "model" << std::setw(11) << "dataset" << std::setw(9)
              << "keys" << std::setw(7) << "leaves" << std::setw(9) << "bytes" << std::setw(11)
              << "max_err_%" << std::setw(12) << "mean_err_%" << std::setw(12) << "inversions"
              << "load_max/mean\n";
    lead::HashQuality rmiQuality;
    lead::LoadBalance rmiLoad;
    for (Ptr<lead::LearnedHashModel> m : {Ptr<lead::LearnedHashModel>(rmi),
                                          Ptr<lead::LearnedHashModel>(sha1),
                                          Ptr<lead::LearnedHashModel>(linear)})
    {
        auto q = lead::HashEvaluator::Evaluate(*m, keys);
        auto lb = lead::HashEvaluator::MeasureLoad(*m, keys, ids, vnodes);
        if (m == rmi)
        {
            rmiQuality = q;
            rmiLoad = lb;
        }
        std::cout << std::left << std::setw(7) << m->GetName() << std::setw(11)
                  << data.GetDatasetName() << std::setw(9) << keys.size() << std::setw(7)
                  << m->GetLeafCount() << std::setw(9) << m->GetModelSizeBytes() << std::fixed
                  << std::setprecision(4) << std::setw(11) << q.maxErrorPct << std::setw(12)
                  << q.meanErrorPct << std::setw(12) << q.inversions << lb.maxOverMean << "\n";
        if (csvOut.is_open())
        {
            csvOut << m->GetName() << "," << data.GetDatasetName() << "," << keys.size() << ","
                   << m->GetLeafCount() << "," << m->GetModelSizeBytes() << "," << q.maxErrorPct
                   << "," << q.meanErrorPct << "," << q.inversions << "," << peers << "," << vnodes
                   << "," << lb.maxOverMean << "\n";
        }
    }
    std::cout << "summary: dataset=" << data.GetDatasetName() << " keys=" << keys.size()
              << " rmi_root=" << rmi->GetRootModelInUse()
              << " rmi_max_err_pct=" << std::setprecision(4) << rmiQuality.maxErrorPct
              << " rmi_inversions=" << rmiQuality.inversions
              << " rmi_load_max_over_mean=" << rmiLoad.maxOverMean
              << (rmiQuality.inversions == 0 ? " status=ok" : " status=NOT-MONOTONE") << "\n";
    return rmiQuality.inversions == 0 ? 0 : 1;
}
