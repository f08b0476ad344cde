#pragma once
// Builds Ethernet + IPv4 + TCP frames byte by byte, as Linux's lo hands them to libpcap, so
// the dissector is tested on bytes the test wrote, not on a capture file.

#include <cstdint>
#include <vector>

namespace testframes {

struct Tcp {
    std::uint16_t srcPort = 50000;
    std::uint16_t dstPort = 8000;
    std::uint32_t seq = 0;
    std::uint32_t ack = 0;
    std::uint8_t flags = 0;
    std::uint16_t window = 65495;
    std::vector<std::uint8_t> options; // padded to a multiple of 4 by frame()
    std::uint32_t payload = 0;
};

inline void put16(std::vector<std::uint8_t> &b, std::uint16_t v)
{
    b.push_back(std::uint8_t(v >> 8));
    b.push_back(std::uint8_t(v));
}

inline void put32(std::vector<std::uint8_t> &b, std::uint32_t v)
{
    put16(b, std::uint16_t(v >> 16));
    put16(b, std::uint16_t(v));
}

// Linux's SYN options: mss, sackOK, timestamps, nop, wscale.
inline std::vector<std::uint8_t> synOptions(std::uint16_t mss, std::uint8_t wscale)
{
    std::vector<std::uint8_t> o{2, 4, std::uint8_t(mss >> 8), std::uint8_t(mss), 4, 2, 8, 10};
    for (int i = 0; i < 8; ++i)
        o.push_back(std::uint8_t(i + 1)); // TSval, TSecr
    o.insert(o.end(), {1, 3, 3, wscale});
    return o;
}

inline std::vector<std::uint8_t> timestampOption()
{
    std::vector<std::uint8_t> o{1, 1, 8, 10};
    for (int i = 0; i < 8; ++i)
        o.push_back(0);
    return o;
}

inline std::vector<std::uint8_t> frame(const Tcp &t, std::uint8_t protocol = 6)
{
    std::vector<std::uint8_t> opts = t.options;
    while (opts.size() % 4)
        opts.push_back(0);
    const std::size_t tcpLen = 20 + opts.size();
    std::vector<std::uint8_t> b(12, 0); // lo: zero MAC addresses
    put16(b, 0x0800);
    // IPv4
    b.push_back(0x45);
    b.push_back(0);
    put16(b, std::uint16_t(20 + tcpLen + t.payload));
    put16(b, 0x1234);  // id
    put16(b, 0x4000);  // don't fragment
    b.push_back(64);
    b.push_back(protocol);
    put16(b, 0);       // checksum: not checked
    put32(b, 0x7f000001);
    put32(b, 0x7f000001);
    // TCP
    put16(b, t.srcPort);
    put16(b, t.dstPort);
    put32(b, t.seq);
    put32(b, t.ack);
    b.push_back(std::uint8_t(tcpLen / 4 << 4));
    b.push_back(t.flags);
    put16(b, t.window);
    put16(b, 0);
    put16(b, 0);
    b.insert(b.end(), opts.begin(), opts.end());
    b.insert(b.end(), t.payload, std::uint8_t('x'));
    return b;
}

} // namespace testframes
