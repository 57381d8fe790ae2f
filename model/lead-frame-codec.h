/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_FRAME_CODEC_H
#define LEAD_FRAME_CODEC_H

#include <cstddef>
#include <cstdint>
#include <vector>

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief Length framing of messages on a byte stream (the TCP transport).
 *
 * A frame is a 4-byte big-endian length followed by that many bytes of message. The decoder
 * is fed the bytes of the stream in whatever pieces they arrive and reports the length of
 * every frame they complete, in stream order; it keeps only the state of the frame in
 * progress (at most 3 bytes of a length field and the count of message bytes still missing),
 * so the caller keeps the bytes themselves (the transport keeps them in an ns-3 Packet, whose
 * byte tags then survive the framing). A length above the limit cannot be a frame of this
 * protocol: the stream cannot be resynchronised and the decoder refuses everything after it.
 *
 * Simulator-free.
 */
class LeadFrameCodec
{
  public:
    /// Bytes of the length field.
    static constexpr uint32_t HEADER_SIZE{4};
    /// Default longest message (64 MiB).
    static constexpr uint32_t DEFAULT_MAX_FRAME{64U << 20};

    /**
     * @brief A decoder for one stream.
     * @param maxFrame longest message accepted (bytes, without the length field)
     */
    explicit LeadFrameCodec(uint32_t maxFrame = DEFAULT_MAX_FRAME);

    /**
     * @brief Write the length field of a frame.
     * @param length message length
     * @param out 4 bytes, big-endian
     */
    static void WriteLength(uint32_t length, uint8_t out[HEADER_SIZE]);

    /**
     * @brief Append a whole frame (length field and message) to a byte vector.
     * @param out the stream being built
     * @param data the message
     * @param size its length
     */
    static void AppendFrame(std::vector<uint8_t>& out, const uint8_t* data, uint32_t size);

    /**
     * @brief Feed bytes of the stream.
     * @param data the bytes
     * @param size how many
     * @param frames receives the length of every frame completed by these bytes, in order
     * @return false if a length field exceeds the limit (then and on every later call)
     */
    bool Push(const uint8_t* data, size_t size, std::vector<uint32_t>& frames);

    /**
     * @brief Bytes received that belong to the frame in progress (its length field included).
     * @return bytes not yet part of a completed frame
     */
    size_t GetPartialBytes() const;

    /**
     * @brief Whether a bad length field stopped the decoder.
     * @return true if the stream is unusable
     */
    bool IsBroken() const;

    /**
     * @brief The length field that broke the stream (0 if none).
     * @return the length
     */
    uint32_t GetBadLength() const;

    /**
     * @brief The longest message accepted.
     * @return bytes
     */
    uint32_t GetMaxFrame() const;

  private:
    uint32_t m_maxFrame;      //!< longest message accepted
    uint8_t m_lengthBytes{0}; //!< bytes of the current length field seen (0..4)
    uint32_t m_length{0};     //!< current frame's length, as far as read
    uint32_t m_missing{0};    //!< message bytes of the current frame still to come
    bool m_broken{false};     //!< a length above the limit arrived
    uint32_t m_badLength{0};  //!< that length
};

} // namespace lead
} // namespace ns3

#endif // LEAD_FRAME_CODEC_H
