/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_DATASET_HELPER_H
#define LEAD_DATASET_HELPER_H

#include "ns3/lead-key-dataset.h"
#include "ns3/ptr.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

class UniformRandomVariable;

namespace lead
{

/**
 * @ingroup lead
 * @brief Produces the key set of an experiment: a seeded synthetic distribution or a file.
 *
 * The generator seed is drawn from an ns-3 random stream, so the keys are fixed by the global
 * seed, the run number and AssignStreams(), like every other random choice of a simulation.
 * A key file, when set, takes precedence; a bad file aborts with a message naming it.
 */
class LeadDatasetHelper
{
  public:
    LeadDatasetHelper();

    /**
     * @brief Choose a synthetic distribution by name.
     *
     * Aborts with the list of valid names for an unknown one.
     * @param name uniform, normal, lognormal, zipf, clustered or sequential
     */
    void SetDistribution(const std::string& name);

    /**
     * @brief Read keys from a file instead (SOSD binary, or text for .txt/.csv).
     * @param path the file; empty to go back to the synthetic distribution
     */
    void SetKeyFile(const std::string& path);

    /**
     * @brief Number of synthetic keys to generate.
     * @param n key count (> 0)
     */
    void SetKeyCount(uint64_t n);

    /**
     * @brief Name of the key set, for tables: the distribution name or the file name.
     * @return the name
     */
    std::string GetDatasetName() const;

    /**
     * @brief Produce the keys (sorted).
     * @return the keys
     */
    std::vector<uint64_t> GetKeys() const;

    /**
     * @brief Fix the random stream used for the generator seed.
     * @param stream first stream index to use
     * @return the number of streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

  private:
    KeyDistribution m_distribution{KeyDistribution::UNIFORM}; //!< synthetic distribution
    std::string m_keyFile;                                    //!< key file, if any
    uint64_t m_keyCount{100000};                              //!< synthetic key count
    Ptr<UniformRandomVariable> m_rng;                         //!< source of the seed
};

} // namespace lead
} // namespace ns3

#endif // LEAD_DATASET_HELPER_H
