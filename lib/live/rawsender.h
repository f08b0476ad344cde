#pragma once
// Puts a segment on the lab's lo that no socket sent (issue 12): a crafted one (`inject`: an old
// duplicate SYN, a stray RST) or a second copy of one the kernel sent (`duplicate`, "deliver
// twice"). A raw IPv4 socket (IPPROTO_RAW: the packet carries its own IP header) in the lab's
// namespace, where the lab is root of its own user namespace; it goes with the namespace. The
// packet leaves through OUTPUT like any other, so the lab's queue and capture see it.

#include <cstdint>
#include <string>
#include <vector>

namespace live {

class RawSender {
public:
    RawSender() = default;
    ~RawSender();
    RawSender(const RawSender &) = delete;
    RawSender &operator=(const RawSender &) = delete;

    // false with why ("raw socket: Operation not permitted").
    bool open(std::string &error);
    bool isOpen() const { return m_fd >= 0; }
    void close();

    // Sends an IPv4 packet to its destination, after filling in its TCP checksum (a segment
    // the queue held on lo may carry only the pseudo-header's: the checksum is left to the
    // "hardware", which lo does not have). false with why.
    bool send(std::vector<std::uint8_t> &packet, std::string &error);

    // A TCP/IPv4 packet from srcPort to dstPort on 127.0.0.1 with these flags (tcp::Flag bits)
    // and numbers, len zero bytes of payload, window 65535, no options; checksums filled.
    static std::vector<std::uint8_t> craft(std::uint16_t srcPort, std::uint16_t dstPort,
                                           std::uint8_t flags, std::uint32_t seq,
                                           std::uint32_t ack, std::uint32_t len);
    // Fills in the IP header's and the TCP checksum of an IPv4 packet; false if it is none.
    static bool fillChecksums(std::vector<std::uint8_t> &packet);

private:
    int m_fd = -1;
};

} // namespace live
