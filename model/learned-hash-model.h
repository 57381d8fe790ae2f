/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEARNED_HASH_MODEL_H
#define LEARNED_HASH_MODEL_H

#include "lead-byte-codec.h"

#include "ns3/object.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief Parameters of one leaf of a two-stage learned model.
 *
 * A leaf predicts the rank of a key as `intercept + slope * (key - firstKey)` (leaf-local
 * coordinates, so 64-bit keys keep double precision) and clamps the prediction to
 * `[firstRank, lastRank]`, the ranks of the training keys the root assigned to it. The
 * collaborative model update exchanges these records.
 */
struct LeafParams
{
    uint64_t firstKey{0};  //!< origin of the leaf-local key coordinate
    double intercept{0.0}; //!< predicted rank at firstKey
    double slope{0.0};     //!< ranks per key unit (never negative)
    uint64_t firstRank{0}; //!< smallest rank the leaf may predict
    uint64_t lastRank{0};  //!< largest rank the leaf may predict
    uint64_t keys{0};      //!< number of training keys in the leaf
    uint64_t maxError{0};  //!< max |predicted - true rank| over the leaf's training keys

    /**
     * @brief Field-wise equality.
     * @param other the leaf to compare with
     * @return true if every field is equal
     */
    bool operator==(const LeafParams& other) const;
};

/**
 * @ingroup lead
 * @brief Maps 64-bit keys onto the 64-bit identifier ring of the overlay.
 *
 * The `HashModel` attribute of the overlay is of this type: an order-preserving learned
 * model (RmiHashModel), consistent hashing (ConsistentHashModel, the Chord baseline) or min-max
 * scaling (LinearHashModel) are interchangeable, so LEAD and Chord run on the same code.
 *
 * A model is trained on the sorted key set, then hashes any 64-bit key. Models can be saved to
 * and loaded from a versioned binary file (magic number, format version, model type, model
 * version, payload, SHA-256 checksum). A missing, truncated or corrupt file is rejected with a
 * message naming it, and a failed load leaves the model unchanged.
 *
 * The class is simulator-free: it never reads the simulation clock or a global random stream.
 */
class LearnedHashModel : public Object
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    LearnedHashModel();
    ~LearnedHashModel() override;

    /**
     * @brief Create a model by its short name, with default attributes.
     *
     * Aborts with the list of names for an unknown one.
     * @param name "rmi" (RmiHashModel), "sha1" (ConsistentHashModel) or "linear"
     * (LinearHashModel)
     * @return the untrained model
     */
    static Ptr<LearnedHashModel> CreateByName(const std::string& name);

    /**
     * @brief Train the model on a sorted key set; increments the model version.
     *
     * Aborts with a message if the keys are not sorted in non-decreasing order.
     * @param sortedKeys training keys, sorted ascending (duplicates allowed); rank of key i is i
     */
    void Train(const std::vector<uint64_t>& sortedKeys);

    /**
     * @brief Ring position of a key.
     * @param key the key
     * @return position on the 2^64 ring
     */
    virtual uint64_t Hash(uint64_t key) const = 0;

    /**
     * @brief Position of a key expressed in ranks of the training set.
     *
     * For learned models this is the model's rank estimate, in [0, N-1]. For the others it
     * is the ring position scaled to [0, N).
     * @param key the key
     * @return predicted rank
     */
    virtual double PredictRank(uint64_t key) const;

    /**
     * @brief Whether a larger key never gets a smaller hash.
     * @return true for order-preserving models (range query by successor walk)
     */
    virtual bool IsOrderPreserving() const = 0;

    /**
     * @brief Whether the keys [lo, hi] map, in order, onto one arc of the ring.
     * @param lo first key
     * @param hi last key (>= lo)
     * @return IsOrderPreserving() unless a model keeps order only within groups of keys
     */
    virtual bool KeepsOrder(uint64_t lo, uint64_t hi) const
    {
        (void)lo;
        (void)hi;
        return IsOrderPreserving();
    }

    /**
     * @brief Short name used in tables and CSV output ("rmi", "sha1", "linear").
     * @return the name
     */
    virtual std::string GetName() const = 0;

    /**
     * @brief Size of the model parameters (what a node stores and a model update ships).
     * @return bytes
     */
    virtual uint64_t GetModelSizeBytes() const = 0;

    /**
     * @brief Number of leaves (0 for models without leaves).
     * @return leaf count
     */
    virtual uint32_t GetLeafCount() const;

    /**
     * @brief Parameters of one leaf.
     * @param index leaf index, below GetLeafCount()
     * @return the leaf parameters
     */
    virtual LeafParams GetLeaf(uint32_t index) const;

    /**
     * @brief Replace the parameters of one leaf (used by the collaborative model update).
     *
     * The model stays monotone: the slope is clamped to be non-negative and the rank interval
     * to the neighbouring leaves' intervals.
     * @param index leaf index, below GetLeafCount()
     * @param params new parameters
     */
    virtual void SetLeaf(uint32_t index, const LeafParams& params);

    /**
     * @brief Replace the parameters of several leaves at once (the result of one round of the
     * collaborative model update).
     *
     * The model stays monotone whatever the parameters (hostile ones too), and a run of
     * consecutive replaced leaves stays inside the key and rank bounds of the unchanged leaves
     * around it: no other leaf's predictions change. The default sets the leaves one by one.
     * @param leaves leaf index -> new parameters (indices below GetLeafCount())
     */
    virtual void SetLeaves(const std::map<uint32_t, LeafParams>& leaves);

    /**
     * @brief Index of the leaf that serves a key (0 for models without leaves).
     * @param key the key
     * @return leaf index
     */
    virtual uint32_t LeafOf(uint64_t key) const;

    /**
     * @brief Whether Train() or a successful Load() has run.
     * @return true if the model can hash
     */
    bool IsTrained() const;

    /**
     * @brief Number of keys the model was trained on.
     * @return N
     */
    uint64_t GetTrainingSize() const;

    /**
     * @brief Model version (incremented by every Train()).
     * @return the version
     */
    uint32_t GetVersion() const;

    /**
     * @brief Set the model version (for model updates received from peers).
     * @param version the version
     */
    void SetVersion(uint32_t version);

    /**
     * @brief The model as bytes: the image Save() writes (magic number, format, type name,
     * version, training size, parameters, SHA-256), also what a model update ships.
     *
     * Aborts if the model is untrained.
     * @return the image
     */
    std::vector<uint8_t> ToBytes() const;

    /**
     * @brief Read an image written by ToBytes() for the same model type (all or nothing).
     * @param data the image
     * @param size its size
     * @param where what the image is, for messages ("model file 'x'", "MODEL from 10.0.0.1")
     * @param error set to a message naming `where` on failure (may be nullptr)
     * @return true on success; the model is unchanged on failure
     */
    bool FromBytes(const uint8_t* data, size_t size, const std::string& where, std::string* error);

    /**
     * @brief A new model of the type an image names, read from the image.
     * @param data the image
     * @param size its size
     * @param where what the image is, for messages
     * @param error set to a message naming `where` on failure (may be nullptr)
     * @return the model, or nullptr if the image is invalid or names no hash model type
     */
    static Ptr<LearnedHashModel> CreateFromBytes(const uint8_t* data,
                                                 size_t size,
                                                 const std::string& where,
                                                 std::string* error);

    /**
     * @brief An independent copy (same type, parameters and version); aborts if untrained.
     * @return the copy
     */
    Ptr<LearnedHashModel> Clone() const;

    /**
     * @brief Save the model to a file.
     * @param path file to write
     * @param error set to a message naming the file on failure (may be nullptr)
     * @return true on success
     */
    bool Save(const std::string& path, std::string* error = nullptr) const;

    /**
     * @brief Load the model from a file written by Save() for the same model type.
     *
     * On failure the model is unchanged.
     * @param path file to read
     * @param error set to a message naming the file on failure (may be nullptr)
     * @return true on success
     */
    bool TryLoad(const std::string& path, std::string* error = nullptr);

    /**
     * @brief Load the model from a file, aborting the simulation with a message on failure.
     * @param path file to read
     */
    void Load(const std::string& path);

    /// Magic number at the start of every model file ("LEADHASH" in ASCII).
    static constexpr uint64_t FILE_MAGIC{0x4c45414448415348ULL};
    /// Version of the model file format.
    static constexpr uint32_t FILE_FORMAT_VERSION{2};

  protected:
    /**
     * @brief Fit the model; called by Train() after the input was checked.
     * @param sortedKeys training keys, sorted ascending, not empty
     */
    virtual void DoTrain(const std::vector<uint64_t>& sortedKeys) = 0;

    /**
     * @brief Append the model parameters to a buffer.
     * @param out the buffer
     */
    virtual void SerializePayload(std::vector<uint8_t>& out) const = 0;

    /**
     * @brief Read the model parameters written by SerializePayload().
     *
     * Must validate everything before changing any member (all or nothing).
     * @param data payload bytes
     * @param size payload size
     * @param trainingSize N as stored in the file
     * @param error set to the reason on failure
     * @return true on success
     */
    virtual bool DeserializePayload(const uint8_t* data,
                                    size_t size,
                                    uint64_t trainingSize,
                                    std::string& error) = 0;

    uint64_t m_trainingSize{0}; //!< N, keys in the training set
    bool m_trained{false};      //!< whether the model can hash
    uint32_t m_version{0};      //!< model version

  private:
    /// The header of a model file.
    struct FileHeader
    {
        std::string typeName;     //!< ns-3 type name of the model
        uint32_t version{0};      //!< model version
        uint64_t trainingSize{0}; //!< training keys
        uint64_t payloadSize{0};  //!< model-specific bytes
    };

    /**
     * @brief Read and check a model file's header and lengths.
     * @param r reader at the start of the file
     * @param fileSize bytes of the file
     * @param where "model file '...'" for messages
     * @param h receives the header
     * @param error receives the message (may be null)
     * @return false if the file is not a model file of this format or its lengths disagree
     */
    bool ReadFileHeader(ByteReader& r,
                        size_t fileSize,
                        const std::string& where,
                        FileHeader& h,
                        std::string* error) const;
};

} // namespace lead
} // namespace ns3

#endif // LEARNED_HASH_MODEL_H
