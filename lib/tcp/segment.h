#pragma once
// A TCP segment as the state machine sees it: header fields and a payload length (the
// simulator moves byte counts, not bytes). Sequence arithmetic modulo 2^32 (RFC 9293 §3.4).

#include <cstdint>
#include <string>

namespace tcp {

enum Flag : std::uint8_t {
    FIN = 0x01,
    SYN = 0x02,
    RST = 0x04,
    PSH = 0x08,
    ACK = 0x10,
};

struct Segment {
    std::uint16_t srcPort = 0;
    std::uint16_t dstPort = 0;
    std::uint32_t seq = 0;
    std::uint32_t ack = 0;
    std::uint8_t flags = 0;
    std::uint16_t window = 0;
    std::uint32_t len = 0;   // payload bytes (SYN and FIN not counted here)
    std::uint16_t mss = 0;   // MSS option, 0 when absent
    bool rtx = false;        // set by the sender on a retransmission

    bool has(Flag f) const { return (flags & f) != 0; }
    // SEG.LEN of RFC 9293: payload plus one for SYN and one for FIN.
    std::uint32_t seqLen() const { return len + (has(SYN) ? 1u : 0u) + (has(FIN) ? 1u : 0u); }
};

// "SYN", "SYN+ACK", "FIN+ACK", "PSH+ACK", "RST+ACK", "ACK", "FIN+PSH+ACK": SYN, FIN, RST, PSH
// first, ACK last, joined by '+'.
std::string flagsName(std::uint8_t flags);
bool parseFlags(const std::string &name, std::uint8_t &out);

// Sequence number comparisons modulo 2^32.
inline bool seqLt(std::uint32_t a, std::uint32_t b) { return std::int32_t(a - b) < 0; }
inline bool seqLe(std::uint32_t a, std::uint32_t b) { return std::int32_t(a - b) <= 0; }
inline bool seqGt(std::uint32_t a, std::uint32_t b) { return std::int32_t(a - b) > 0; }
inline bool seqGe(std::uint32_t a, std::uint32_t b) { return std::int32_t(a - b) >= 0; }

} // namespace tcp
