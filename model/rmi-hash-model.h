/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef RMI_HASH_MODEL_H
#define RMI_HASH_MODEL_H

#include "learned-hash-model.h"
#include "rmi-root.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief LEAD's learned, order-preserving hash: a two-stage recursive model index (RMI).
 *
 * Stage 0 (root) estimates the key's CDF on the normalised key `t = (key - min)/(max - min)`
 * and picks one of B leaves; stage 1 is B linear models in leaf-local coordinates that predict
 * the rank. The predicted rank r is mapped onto the whole ring with the calibrated mapping of
 * lead-spec.md section 3.2: `floor((r - r_min) / (r_max - r_min) * 2^64)`, where r_min and
 * r_max are the predictions for the smallest and largest training keys (so these hash to 0
 * and 2^64 - 1).
 *
 * Root models (attribute RootModel), one class each behind the RmiRoot interface: spline
 * (RmiSplineRoot, the default; not in the authors' code), cubic (RmiCubicRoot, the authors'
 * choice, falling back to the straight line through the end points) and linear
 * (RmiLinearRoot, least squares).
 *
 * The hash is monotone over the whole 64-bit key domain, across leaf boundaries too: the
 * leaf of a key is the last leaf whose first training key is not larger than it (the root
 * only gives the starting guess), leaf slopes are non-negative and every leaf's prediction is
 * clamped to the rank interval of its own training keys.
 */
class RmiHashModel : public LearnedHashModel
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    RmiHashModel();
    ~RmiHashModel() override;

    uint64_t Hash(uint64_t key) const override;
    double PredictRank(uint64_t key) const override;
    bool IsOrderPreserving() const override;
    std::string GetName() const override;
    uint64_t GetModelSizeBytes() const override;
    uint32_t GetLeafCount() const override;
    LeafParams GetLeaf(uint32_t index) const override;
    void SetLeaf(uint32_t index, const LeafParams& params) override;
    void SetLeaves(const std::map<uint32_t, LeafParams>& leaves) override;
    uint32_t LeafOf(uint64_t key) const override;

    /**
     * @brief Largest |predicted - true rank| over the training keys.
     * @return maximum rank error
     */
    uint64_t GetMaxError() const;

    /**
     * @brief Root model in use after training ("cubic" may fall back to "linear-spline").
     * @return root model name
     */
    std::string GetRootModelInUse() const;

    /// Root models (attribute RootModel). The values are not RmiRoot kinds: with three names
    /// no value may be 3, because ns-3.37's release build turns an unknown name into the
    /// number of names instead of refusing it (see doc/lead.rst, Troubleshooting).
    enum RootModel
    {
        ROOT_LINEAR = 0, //!< RmiLinearRoot
        ROOT_CUBIC = 1,  //!< RmiCubicRoot
        ROOT_SPLINE = 2, //!< RmiSplineRoot
    };

    /**
     * @brief The stage-0 model in use (after Train or Load).
     * @return the root, or nullptr before
     */
    const RmiRoot* GetRoot() const;

    /// Bytes per leaf counted in the model size (first key, intercept, slope, rank interval).
    static constexpr uint64_t LEAF_BYTES{40};
    /// Largest number of leaves accepted.
    static constexpr uint32_t MAX_LEAVES{1U << 26};

  protected:
    void DoTrain(const std::vector<uint64_t>& sortedKeys) override;
    void SerializePayload(std::vector<uint8_t>& out) const override;
    bool DeserializePayload(const uint8_t* data,
                            size_t size,
                            uint64_t trainingSize,
                            std::string& error) override;

  private:
    /// Hot per-leaf parameters: the 40 bytes of the model plus a copy of the next boundary.
    struct Leaf
    {
        uint64_t firstKey; //!< first training key of the leaf (also its lower boundary)
        uint64_t endKey;   //!< next leaf's firstKey (exclusive upper boundary)
        double intercept;  //!< rank at firstKey
        double slope;      //!< ranks per key unit
        double firstRank;  //!< lower clamp
        double lastRank;   //!< upper clamp
    };

    /**
     * @brief Leaf guessed by the root, before boundary correction.
     * @param key the key
     * @return leaf index
     */
    uint32_t RootLeaf(uint64_t key) const;

    /**
     * @brief Fit the root model on the training keys (the straight line through the end
     * points for fewer than three distinct keys).
     * @param keys sorted training keys
     */
    void FitRoot(const std::vector<uint64_t>& keys);

    /**
     * @brief Assign the keys to leaves (non-decreasing, duplicates never split) and fit each
     * leaf by least squares in leaf-local coordinates.
     * @param keys sorted training keys
     */
    void FitLeaves(const std::vector<uint64_t>& keys);

    /**
     * @brief Give empty leaves the rank of the next key, and every leaf its max rank error.
     * @param keys sorted training keys
     */
    void FinishLeaves(const std::vector<uint64_t>& keys);

    /**
     * @brief Read and check the leaf table of a model file.
     * @param r reader positioned at the leaf count
     * @param n training set size
     * @param error set to what is wrong
     * @return false if the table is truncated or inconsistent (nothing changed then)
     */
    bool ReadLeaves(ByteReader& r, uint64_t n, std::string& error);

    /**
     * @brief Number of leaves to use for N keys.
     * @param n training set size
     * @return leaf count
     */
    uint32_t ChooseLeafCount(uint64_t n) const;

    /**
     * @brief Copy every leaf's upper boundary from the next leaf.
     */
    void LinkBoundaries();

    /**
     * @brief Map predicted ranks [lo, hi] onto the whole ring [0, 2^64).
     * @param lo predicted rank of the smallest training key
     * @param hi predicted rank of the largest training key
     */
    void Calibrate(double lo, double hi);

    /**
     * @brief Predicted rank from a known leaf.
     * @param leaf the leaf
     * @param key the key
     * @return rank clamped to the leaf's interval
     */
    static double PredictInLeaf(const Leaf& leaf, uint64_t key);

    // ATTRIBUTES
    uint32_t m_leavesAttr{0};                //!< configured leaf count (0 = automatic)
    RootModel m_rootConfigured{ROOT_SPLINE}; //!< configured root model
    uint32_t m_rootKnots{1024};              //!< knots of the spline root

    // STATE
    std::unique_ptr<RmiRoot> m_root;  //!< stage 0, as trained or loaded
    std::vector<Leaf> m_leaves;       //!< stage-1 models
    std::vector<uint64_t> m_leafKeys; //!< training keys per leaf
    std::vector<uint64_t> m_leafErr;  //!< max rank error per leaf
    double m_calLo{0.0};              //!< predicted rank of the smallest training key
    double m_calHi{0.0};              //!< predicted rank of the largest training key
    double m_rankToRing{0.0};         //!< 2^64 / (m_calHi - m_calLo)
};

} // namespace lead
} // namespace ns3

#endif // RMI_HASH_MODEL_H
