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
 * Does Eigen earn its place in the RMI? Fits the same linear leaves (32 keys each, leaf-local
 * coordinates) with the closed-form least squares that RmiHashModel uses and with Eigen's
 * column-pivoting Householder QR, and prints the time per million keys of each and the largest
 * |predicted - true rank| of each fit.
 *
 * Run: `lead-leaf-fit-benchmark --keys=10000000`
 */

#include "ns3/command-line.h"
#include "ns3/lead-key-dataset.h"

#include <Eigen/Dense>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <iostream>
#include <vector>

using namespace ns3;
using namespace ns3::lead;

namespace
{

/// A fitted line in leaf-local coordinates.
struct Line
{
    double intercept; //!< rank offset at the leaf's first key
    double slope;     //!< ranks per key unit
};

Line
ClosedForm(const uint64_t* keys, uint64_t n)
{
    // One pass of sums in leaf-local coordinates, as RmiHashModel::DoTrain() fits its leaves.
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    for (uint64_t i = 0; i < n; ++i)
    {
        const double x = static_cast<double>(keys[i] - keys[0]);
        const double y = static_cast<double>(i);
        sx += x;
        sy += y;
        sxx += x * x;
        sxy += x * y;
    }
    const double vx = sxx - sx * sx / n;
    const double slope = vx > 0 ? std::max(0.0, (sxy - sx * sy / n) / vx) : 0.0;
    return {(sy - slope * sx) / n, slope};
}

Line
EigenQr(const uint64_t* keys, uint64_t n)
{
    Eigen::MatrixXd a(n, 2);
    Eigen::VectorXd b(n);
    for (uint64_t i = 0; i < n; ++i)
    {
        a(i, 0) = 1.0;
        a(i, 1) = static_cast<double>(keys[i] - keys[0]);
        b(i) = static_cast<double>(i);
    }
    Eigen::Vector2d c = a.colPivHouseholderQr().solve(b);
    return {c(0), std::max(0.0, c(1))};
}

} // namespace

int
main(int argc, char* argv[])
{
    uint64_t nKeys{10000000};
    uint64_t leafKeys{32};
    CommandLine cmd(__FILE__);
    cmd.AddValue("keys", "Number of keys", nKeys);
    cmd.AddValue("leafKeys", "Keys per leaf", leafKeys);
    cmd.Parse(argc, argv);

    std::cout << "| dataset | closed form ms/M keys | Eigen QR ms/M keys | closed form max error | "
                 "Eigen QR max error |\n"
              << "|---|---|---|---|---|\n";
    for (auto dist : KeyDataset::GetAll())
    {
        auto keys = KeyDataset::Generate(dist, nKeys, 1);
        std::vector<Line> a;
        std::vector<Line> b;
        a.reserve(nKeys / leafKeys + 1);
        b.reserve(nKeys / leafKeys + 1);
        auto t0 = std::chrono::steady_clock::now();
        for (uint64_t lo = 0; lo < nKeys; lo += leafKeys)
        {
            a.push_back(ClosedForm(keys.data() + lo, std::min(leafKeys, nKeys - lo)));
        }
        auto t1 = std::chrono::steady_clock::now();
        for (uint64_t lo = 0; lo < nKeys; lo += leafKeys)
        {
            b.push_back(EigenQr(keys.data() + lo, std::min(leafKeys, nKeys - lo)));
        }
        auto t2 = std::chrono::steady_clock::now();
        // Ground truth: the largest |prediction - true rank| of each fit over all keys.
        double errA = 0;
        double errB = 0;
        for (size_t j = 0; j < a.size(); ++j)
        {
            const uint64_t lo = j * leafKeys;
            const uint64_t hi = std::min(nKeys, lo + leafKeys);
            for (uint64_t i = lo; i < hi; ++i)
            {
                const double x = static_cast<double>(keys[i] - keys[lo]);
                const double rank = static_cast<double>(i - lo);
                errA = std::max(errA, std::fabs(a[j].intercept + a[j].slope * x - rank));
                errB = std::max(errB, std::fabs(b[j].intercept + b[j].slope * x - rank));
            }
        }
        const double perM = 1e3 / (nKeys / 1e6);
        std::cout << "| " << KeyDataset::GetName(dist) << " | "
                  << std::chrono::duration<double>(t1 - t0).count() * perM << " | "
                  << std::chrono::duration<double>(t2 - t1).count() * perM << " | " << errA << " | "
                  << errB << " |\n";
    }
    return 0;
}
