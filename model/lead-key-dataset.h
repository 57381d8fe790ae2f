/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_KEY_DATASET_H
#define LEAD_KEY_DATASET_H

#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief Synthetic key distributions shaped like the SOSD benchmark's data sets.
 */
enum class KeyDistribution
{
    UNIFORM,    //!< uniform over the 64-bit key space
    NORMAL,     //!< normal, mean 2^63, standard deviation 2^60
    LOGNORMAL,  //!< exp(N(0, 2)) * 10^9, as SOSD's lognormal set
    ZIPF,       //!< 1024 equal regions whose popularity follows Zipf(1.1)
    CLUSTERED,  //!< OSM-like: 200 clusters of varied width and weight, 5 % background
    SEQUENTIAL, //!< runs of consecutive keys with gaps and rare long jumps
};

/**
 * @ingroup lead
 * @brief Key sets: seeded generators and loaders for SOSD binary and text files.
 *
 * Generated sets are sorted and free of duplicates; the same seed gives the same keys. The
 * loaders return the keys sorted (duplicates kept) or, for a missing, truncated or malformed
 * file, an error message that names the file.
 *
 * SOSD binary format: an 8-byte little-endian key count, then that many 64-bit little-endian
 * keys, nothing else. Text format: one decimal key per line; blank lines and lines starting
 * with '#' are skipped.
 */
class KeyDataset
{
  public:
    /**
     * @brief Generate n distinct keys, sorted.
     * @param distribution the key distribution
     * @param n number of keys
     * @param seed generator seed
     * @return the keys
     */
    static std::vector<uint64_t> Generate(KeyDistribution distribution, uint64_t n, uint64_t seed);

    /**
     * @brief Parse a distribution name (uniform, normal, lognormal, zipf, clustered, sequential).
     * @param name the name
     * @param distribution set on success
     * @return false for an unknown name
     */
    static bool ParseDistribution(const std::string& name, KeyDistribution& distribution);

    /**
     * @brief Name of a distribution, as ParseDistribution() accepts it.
     * @param distribution the distribution
     * @return the name
     */
    static std::string GetName(KeyDistribution distribution);

    /**
     * @brief All distributions, in declaration order.
     * @return the list
     */
    static std::vector<KeyDistribution> GetAll();

    /**
     * @brief Load an SOSD binary key file.
     * @param path the file
     * @param keys set to the sorted keys on success, untouched on failure
     * @param error set to a message naming the file on failure (may be nullptr)
     * @return true on success
     */
    static bool LoadSosd(const std::string& path, std::vector<uint64_t>& keys, std::string* error);

    /**
     * @brief Load a text key file (one decimal key per line).
     * @param path the file
     * @param keys set to the sorted keys on success, untouched on failure
     * @param error set to a message naming the file and line on failure (may be nullptr)
     * @return true on success
     */
    static bool LoadText(const std::string& path, std::vector<uint64_t>& keys, std::string* error);

    /**
     * @brief Decode the bytes of a SOSD key file (what LoadSosd() reads).
     * @param data the bytes
     * @param size their number
     * @param where what they are, for messages ("SOSD key file 'x'")
     * @param keys set to the sorted keys on success, untouched on failure
     * @param error set to a message naming `where` on failure (may be nullptr)
     * @return true on success
     */
    static bool DecodeSosd(const uint8_t* data,
                           size_t size,
                           const std::string& where,
                           std::vector<uint64_t>& keys,
                           std::string* error);

    /**
     * @brief Parse a text key file's content (what LoadText() reads).
     * @param in the text
     * @param where what it is, for messages ("key file 'x'")
     * @param keys set to the sorted keys on success, untouched on failure
     * @param error set to a message naming `where` and the line on failure (may be nullptr)
     * @return true on success
     */
    static bool ParseText(std::istream& in,
                          const std::string& where,
                          std::vector<uint64_t>& keys,
                          std::string* error);

    /**
     * @brief Load a key file, choosing the format by name: text for .txt/.csv, else SOSD.
     * @param path the file
     * @param keys set to the sorted keys on success, untouched on failure
     * @param error set to a message on failure (may be nullptr)
     * @return true on success
     */
    static bool Load(const std::string& path, std::vector<uint64_t>& keys, std::string* error);

    /**
     * @brief Write keys in the SOSD binary format.
     * @param path the file
     * @param keys the keys
     * @param error set to a message naming the file on failure (may be nullptr)
     * @return true on success
     */
    static bool SaveSosd(const std::string& path,
                         const std::vector<uint64_t>& keys,
                         std::string* error);
};

} // namespace lead
} // namespace ns3

#endif // LEAD_KEY_DATASET_H
