/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LINEAR_HASH_MODEL_H
#define LINEAR_HASH_MODEL_H

#include "learned-hash-model.h"

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief Order-preserving hashing without learning: min-max scaling of the key onto the ring.
 *
 * Hash(key) = (key - min) / (max - min) * 2^64, clamped; min and max come from the training
 * keys. This is the range-partition baseline: ranges stay contiguous, but skewed keys crowd
 * onto a few nodes because the key space, not the key distribution, is split evenly.
 */
class LinearHashModel : public LearnedHashModel
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    LinearHashModel();
    ~LinearHashModel() override;

    uint64_t Hash(uint64_t key) const override;
    double PredictRank(uint64_t key) const override;
    bool IsOrderPreserving() const override;
    std::string GetName() const override;
    uint64_t GetModelSizeBytes() const override;

  protected:
    void DoTrain(const std::vector<uint64_t>& sortedKeys) override;
    void SerializePayload(std::vector<uint8_t>& out) const override;
    bool DeserializePayload(const uint8_t* data,
                            size_t size,
                            uint64_t trainingSize,
                            std::string& error) override;

  private:
    /**
     * @brief Position of a key in [0, 1] of the training key range.
     * @param key the key
     * @return the fraction
     */
    double Fraction(uint64_t key) const;

    uint64_t m_minKey{0}; //!< smallest training key
    uint64_t m_maxKey{0}; //!< largest training key
};

} // namespace lead
} // namespace ns3

#endif // LINEAR_HASH_MODEL_H
