/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef RMI_ROOT_H
#define RMI_ROOT_H

#include "lead-byte-codec.h"

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
 * @brief Stage 0 of the RMI (RmiHashModel): an estimate of the CDF of the training keys, which
 * picks the leaf of a key. One interface, one class per kind, each with its own fit,
 * evaluation and serialisation:
 * - RmiLinearRoot: least-squares line;
 * - RmiCubicRoot: the authors' monotone cubic Hermite spline (or the straight line through the
 *   end points when that fits better, "linear-spline");
 * - RmiSplineRoot: piecewise-linear CDF through quantile knots (the module's default).
 *
 * Simulator-free. A root is fitted on sorted keys with at least three distinct values (the RMI
 * uses the straight line otherwise) and evaluates any 64-bit key to [0, 1], monotonically.
 */
class RmiRoot
{
  public:
    /// Serialised kinds (the numbers are part of the model file format).
    enum Kind : uint32_t
    {
        LINEAR = 0,        //!< RmiLinearRoot
        CUBIC = 1,         //!< RmiCubicRoot, Hermite spline
        LINEAR_SPLINE = 2, //!< RmiCubicRoot, straight line through the end points
        SPLINE = 3,        //!< RmiSplineRoot
    };

    virtual ~RmiRoot() = default;

    /**
     * @brief A root of a kind, not fitted.
     * @param kind the kind
     * @param knots knots of a spline root
     * @return the root, or nullptr for an unknown kind
     */
    static std::unique_ptr<RmiRoot> Create(uint32_t kind, uint32_t knots = 1024);

    /**
     * @brief Fit on the training keys.
     * @param keys sorted keys, at least 3, not all equal
     */
    virtual void Fit(const std::vector<uint64_t>& keys) = 0;

    /**
     * @brief CDF estimate of a key.
     * @param key any key
     * @return a value in [0, 1], non-decreasing in the key
     */
    virtual double Cdf(uint64_t key) const = 0;

    /**
     * @brief CDF estimate for keys visited in ascending order (training): `cursor` carries
     * state from one call to the next (start at 0).
     * @param key the key (not smaller than the previous one)
     * @param cursor state of the sweep
     * @return the same value as Cdf(key)
     */
    virtual double CdfAscending(uint64_t key, size_t& cursor) const;

    /**
     * @brief The kind in use (written to model files).
     * @return the kind
     */
    virtual Kind GetKind() const = 0;

    /**
     * @brief Name of the kind in use.
     * @return "linear", "cubic", "linear-spline" or "spline"
     */
    std::string GetName() const;

    /**
     * @brief Bytes of the root's parameters (its serialised size).
     * @return bytes
     */
    virtual uint64_t GetSizeBytes() const = 0;

    /**
     * @brief Append the parameters.
     * @param w the writer
     */
    virtual void Serialize(ByteWriter& w) const = 0;

    /**
     * @brief Read and check the parameters; on failure the root is unchanged.
     * @param r the reader
     * @param error set to what is wrong
     * @return false if the parameters are truncated or inconsistent
     */
    virtual bool Deserialize(ByteReader& r, std::string& error) = 0;

    /**
     * @brief Name of a kind.
     * @param kind the kind
     * @return its name, or "unknown"
     */
    static std::string KindName(uint32_t kind);
};

} // namespace lead
} // namespace ns3

#endif // RMI_ROOT_H
