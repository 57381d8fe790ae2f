/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#ifndef LEAD_BYTE_CODEC_H
#define LEAD_BYTE_CODEC_H

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{
namespace lead
{

/**
 * @ingroup lead
 * @brief Appends little-endian fixed-width values to a byte vector (model files).
 */
class ByteWriter
{
  public:
    /**
     * @brief Write into a buffer owned by the caller.
     * @param out the buffer values are appended to
     */
    explicit ByteWriter(std::vector<uint8_t>& out);

    /**
     * @brief Append an unsigned 32-bit value.
     * @param v the value
     */
    void PutU32(uint32_t v);

    /**
     * @brief Append an unsigned 64-bit value.
     * @param v the value
     */
    void PutU64(uint64_t v);

    /**
     * @brief Append an IEEE-754 double (bit pattern, little-endian).
     * @param v the value
     */
    void PutDouble(double v);

    /**
     * @brief Append a length-prefixed string (32-bit length).
     * @param s the string
     */
    void PutString(const std::string& s);

  private:
    std::vector<uint8_t>& m_out; //!< destination buffer
};

/**
 * @ingroup lead
 * @brief Bounds-checked reader for what ByteWriter wrote.
 *
 * Every getter returns false, and leaves its output untouched, when the buffer is exhausted.
 */
class ByteReader
{
  public:
    /**
     * @brief Read from a buffer the caller keeps alive.
     * @param data first byte
     * @param size number of bytes
     */
    ByteReader(const uint8_t* data, size_t size);

    /**
     * @brief Read an unsigned 32-bit value.
     * @param v the value read
     * @return false if fewer than 4 bytes remain
     */
    bool GetU32(uint32_t& v);

    /**
     * @brief Read an unsigned 64-bit value.
     * @param v the value read
     * @return false if fewer than 8 bytes remain
     */
    bool GetU64(uint64_t& v);

    /**
     * @brief Read a double.
     * @param v the value read
     * @return false if fewer than 8 bytes remain
     */
    bool GetDouble(double& v);

    /**
     * @brief Read a length-prefixed string.
     * @param s the string read
     * @param maxLength longest string accepted
     * @return false if the buffer is too short or the length exceeds maxLength
     */
    bool GetString(std::string& s, uint32_t maxLength);

    /**
     * @brief Bytes not yet read.
     * @return remaining bytes
     */
    size_t GetRemaining() const;

  private:
    const uint8_t* m_data; //!< buffer start
    size_t m_size;         //!< buffer size
    size_t m_pos{0};       //!< read position
};

} // namespace lead
} // namespace ns3

#endif // LEAD_BYTE_CODEC_H
