/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef CONSISTENT_HASH_MODEL_H
#define CONSISTENT_HASH_MODEL_H

#include "learned-hash-model.h"

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief Consistent hashing, the Chord baseline: SHA-1 of the key truncated to 64 bits.
 *
 * Hash(key) = first 8 bytes (big-endian) of SHA-1 of the key's 8 bytes in big-endian order.
 * Uniform on the ring and not order-preserving, so a range query needs one lookup per key.
 * Training only records N; the model has no parameters.
 */
class ConsistentHashModel : public LearnedHashModel
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    ConsistentHashModel();
    ~ConsistentHashModel() override;

    uint64_t Hash(uint64_t key) const override;
    bool IsOrderPreserving() const override;
    bool KeepsOrder(uint64_t lo, uint64_t hi) const override;
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
    uint32_t m_groupBits{0}; //!< low key bits kept in order within a group (0: hash every key)
};

} // namespace lead
} // namespace ns3

#endif // CONSISTENT_HASH_MODEL_H
