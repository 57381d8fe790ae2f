/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_PROMPT_WORKLOAD_H
#define LEAD_PROMPT_WORKLOAD_H

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{
namespace lead
{

/// A run of consecutive block keys.
struct LeadBlockRun
{
    uint64_t start{0}; //!< first key
    uint32_t count{0}; //!< keys in the run

    bool operator==(const LeadBlockRun& o) const
    {
        return start == o.start && count == o.count;
    }
};

/**
 * @ingroup lead
 * @brief One LLM request of the KV-cache case study: its prompt as ordered block keys.
 *
 * Block keys keep order: a Long-DocQA or MMLU block is (stream << 24) | index, a Mooncake
 * block is (trace hash id << 5) | sub-block, so a cached span is one run of consecutive keys.
 * Only full 16-token blocks are cacheable; promptTokens may exceed 16 x blocks.
 */
struct LeadPrompt
{
    uint64_t id{0};                 //!< request number, in arrival order
    double arrival{0};              //!< seconds from the start
    uint32_t promptTokens{0};       //!< input tokens
    uint32_t outputTokens{0};       //!< tokens to generate
    std::vector<LeadBlockRun> runs; //!< the prompt's blocks, in order, as runs
    bool measured{true};            //!< counted in the results (false: warm-up round)

    /// @return the block keys, in order
    std::vector<uint64_t> Blocks() const;
    /// @return number of blocks
    uint32_t BlockCount() const;
};

/**
 * @ingroup lead
 * @brief Workload generators and the trace reader of the KV-cache case study.
 *
 * Simulator-free. Randomness comes from a caller-supplied seed (the example draws it from an
 * ns-3 random stream, so runs follow --RngRun) through a portable generator, so the same seed
 * gives the same requests on every platform.
 */
class LeadPromptWorkload
{
  public:
    static constexpr uint32_t BLOCK_TOKENS = 16;     //!< tokens per KV block (vLLM default)
    static constexpr uint32_t INDEX_BITS = 24;       //!< block index bits of a stream key
    static constexpr uint32_t MOONCAKE_TOKENS = 512; //!< tokens per Mooncake trace block
    static constexpr uint32_t MOONCAKE_SUB_BITS = 5; //!< 512 / 16 = 32 sub-blocks

    /**
     * @brief Key of a block of a stream (document, subject prefix or question).
     * @param stream the stream id (< 2^40)
     * @param index the block's position in the stream (< 2^24)
     * @return the key
     */
    static uint64_t BlockKey(uint64_t stream, uint64_t index);

    /// Long-DocQA as vLLM's and LMCache's benchmarks generate it.
    struct LongDocQa
    {
        uint32_t documents{8};            //!< num_documents
        uint32_t documentLength{20000};   //!< document_length, tokens
        uint32_t repeatCount{2};          //!< repeat_count
        std::string repeatMode{"random"}; //!< random | tile | interleave
        uint32_t hits{1};                 //!< hit_miss_ratio hits part
        uint32_t misses{0};               //!< hit_miss_ratio misses part (0: no forced misses)
        uint32_t outputLength{10};        //!< output_len
        double rate{1.0};                 //!< Poisson arrivals per second
        bool warmup{true};                //!< a warm-up round sends every document once first
        double roundGap{10.0};            //!< seconds between the warm-up and the query round
    };

    /**
     * @brief Generate Long-DocQA requests.
     * @param p parameters
     * @param seed random seed
     * @param error set on bad parameters
     * @param out the requests, in arrival order
     * @return false on bad parameters
     */
    static bool MakeLongDocQa(const LongDocQa& p,
                              uint64_t seed,
                              std::vector<LeadPrompt>& out,
                              std::string& error);

    /// MMLU-shaped prompts: shared subject prefixes and unique questions.
    struct Mmlu
    {
        uint32_t subjects{57};       //!< subjects (shared prefixes)
        uint32_t prefixTokens{800};  //!< mean prefix length (5-shot header), tokens
        uint32_t questionTokens{64}; //!< question suffix, tokens
        double zipf{1.0};            //!< Zipf exponent of subject popularity (0: uniform)
        uint32_t requests{1000};     //!< requests
        double rate{10.0};           //!< Poisson arrivals per second
        uint32_t outputLength{1};    //!< answer tokens
    };

    /**
     * @brief Generate MMLU-shaped requests.
     * @param p parameters
     * @param seed random seed
     * @param out the requests
     * @param error set on bad parameters
     * @return false on bad parameters
     */
    static bool MakeMmlu(const Mmlu& p,
                         uint64_t seed,
                         std::vector<LeadPrompt>& out,
                         std::string& error);

    /**
     * @brief Read a Mooncake trace (JSONL: timestamp ms, input_length, output_length,
     * hash_ids of 512-token blocks); each id becomes 32 16-token blocks.
     * @param path the file
     * @param maxRequests stop after this many (0: all)
     * @param out the requests
     * @param error set to a message naming the file and line on failure
     * @return false if the file is missing, empty or malformed
     */
    static bool LoadMooncake(const std::string& path,
                             uint32_t maxRequests,
                             std::vector<LeadPrompt>& out,
                             std::string& error);

    /**
     * @brief Parse one Mooncake line.
     * @param line the JSON object
     * @param out the request (id not set)
     * @param error set on failure
     * @return false if a field is missing or malformed
     */
    static bool ParseMooncakeLine(const std::string& line, LeadPrompt& out, std::string& error);

    /**
     * @brief Runs of consecutive keys.
     * @param keys the keys, in order
     * @return the runs
     */
    static std::vector<LeadBlockRun> ToRuns(const std::vector<uint64_t>& keys);
};

} // namespace lead
} // namespace ns3

#endif // LEAD_PROMPT_WORKLOAD_H
