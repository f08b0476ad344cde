#pragma once
// One TCP/IPv4 packet as read from a capture: the header fields TCP Lab shows, decoded from a
// link-layer frame. No state: relative numbers and retransmissions are SegmentTracker's job.

#include <cstddef>
#include <cstdint>
#include <string>

namespace capture {

// Link-layer types (the DLT_ values of pcap/dlt.h) the dissector understands.
enum LinkType : int {
    kLinkNull = 0,       // BSD loopback: 4-byte address family
    kLinkEthernet = 1,   // EN10MB: Linux's lo looks like Ethernet with zero addresses
    kLinkRaw = 101,      // raw IP
    kLinkLinuxSll = 113, // Linux "any" cooked capture
};

struct TcpPacket {
    std::uint32_t srcAddr = 0; // IPv4, host byte order
    std::uint32_t dstAddr = 0;
    std::uint16_t srcPort = 0;
    std::uint16_t dstPort = 0;
    std::uint32_t seq = 0;
    std::uint32_t ack = 0;
    std::uint8_t flags = 0;    // tcp::Flag bits (FIN SYN RST PSH ACK); URG/ECE/CWR dropped
    std::uint16_t window = 0;  // as on the wire, before window scaling (RFC 7323 §2.2)
    std::uint32_t len = 0;     // payload bytes, from the IP total length (not the snap length)
    std::string options;       // "mss=65495,sackOK,ts,wscale=7" in the order sent
};

// Decodes one frame. Returns false (why set) for anything but an unfragmented TCP/IPv4 packet.
bool dissectFrame(const std::uint8_t *data, std::size_t caplen, int linkType, TcpPacket &out,
                  std::string *why = nullptr);
// Decodes TCP options (RFC 9293 §3.1) into the text above; unknown kinds read "opt<kind>".
std::string describeOptions(const std::uint8_t *opts, std::size_t len);
// "127.0.0.1"
std::string formatAddress(std::uint32_t addr);

} // namespace capture
