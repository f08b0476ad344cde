#include "live/rawsender.h"

#include "live/ports.h"

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace live {

namespace {

constexpr std::size_t kIpHeader = 20;
constexpr std::size_t kTcpHeader = 20;

void put16(std::vector<std::uint8_t> &p, std::size_t at, std::uint16_t v)
{
    p[at] = std::uint8_t(v >> 8);
    p[at + 1] = std::uint8_t(v);
}

void put32(std::vector<std::uint8_t> &p, std::size_t at, std::uint32_t v)
{
    put16(p, at, std::uint16_t(v >> 16));
    put16(p, at + 2, std::uint16_t(v));
}

// The Internet checksum's running sum (RFC 1071) over big-endian 16-bit words.
std::uint32_t sumWords(const std::uint8_t *data, std::size_t len, std::uint32_t sum = 0)
{
    for (std::size_t i = 0; i + 1 < len; i += 2)
        sum += std::uint32_t(data[i] << 8 | data[i + 1]);
    if (len % 2)
        sum += std::uint32_t(data[len - 1] << 8);
    return sum;
}

std::uint16_t fold(std::uint32_t sum)
{
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return std::uint16_t(~sum);
}

} // namespace

RawSender::~RawSender() { close(); }

void RawSender::close()
{
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
}

bool RawSender::open(std::string &error)
{
    m_fd = ::socket(AF_INET, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_RAW);
    if (m_fd < 0) {
        error = std::string("raw socket: ") + std::strerror(errno);
        return false;
    }
    return true;
}

bool RawSender::fillChecksums(std::vector<std::uint8_t> &p)
{
    if (p.size() < kIpHeader || (p[0] >> 4) != 4 || p[9] != IPPROTO_TCP)
        return false;
    const std::size_t ihl = std::size_t(p[0] & 0x0f) * 4;
    const std::size_t total = std::size_t(p[2]) << 8 | p[3];
    if (ihl < kIpHeader || total > p.size() || total < ihl + kTcpHeader)
        return false;
    p.resize(total);
    put16(p, 10, 0);
    put16(p, 10, fold(sumWords(p.data(), ihl)));
    // The TCP checksum covers a pseudo-header: addresses, protocol and the TCP length.
    const std::size_t tcpLen = total - ihl;
    std::uint32_t sum = sumWords(p.data() + 12, 8);
    sum += IPPROTO_TCP + std::uint32_t(tcpLen);
    put16(p, ihl + 16, 0);
    put16(p, ihl + 16, fold(sumWords(p.data() + ihl, tcpLen, sum)));
    return true;
}

std::vector<std::uint8_t> RawSender::craft(std::uint16_t srcPort, std::uint16_t dstPort,
                                           std::uint8_t flags, std::uint32_t seq,
                                           std::uint32_t ack, std::uint32_t len)
{
    const std::size_t total = kIpHeader + kTcpHeader + len;
    std::vector<std::uint8_t> p(total, 0);
    p[0] = 0x45;          // IPv4, 20-byte header
    put16(p, 2, std::uint16_t(total));
    p[6] = 0x40;          // don't fragment
    p[8] = 64;            // TTL
    p[9] = IPPROTO_TCP;
    put32(p, 12, kLoopback);
    put32(p, 16, kLoopback);
    put16(p, kIpHeader, srcPort);
    put16(p, kIpHeader + 2, dstPort);
    put32(p, kIpHeader + 4, seq);
    put32(p, kIpHeader + 8, ack);
    p[kIpHeader + 12] = 5 << 4; // data offset: 20 bytes
    p[kIpHeader + 13] = flags;  // tcp::Flag bits are the wire's (FIN 1, SYN 2, RST 4, ...)
    put16(p, kIpHeader + 14, 65535);
    fillChecksums(p);
    return p;
}

bool RawSender::send(std::vector<std::uint8_t> &packet, std::string &error)
{
    if (m_fd < 0) {
        error = "raw socket: not open";
        return false;
    }
    if (!fillChecksums(packet)) {
        error = "raw socket: not a TCP/IPv4 packet";
        return false;
    }
    sockaddr_in to{};
    to.sin_family = AF_INET;
    std::memcpy(&to.sin_addr.s_addr, packet.data() + 16, 4);
    for (;;) {
        const ssize_t n = ::sendto(m_fd, packet.data(), packet.size(), 0,
                                   reinterpret_cast<const sockaddr *>(&to), sizeof to);
        if (n == ssize_t(packet.size()))
            return true;
        if (n < 0 && errno == EINTR)
            continue;
        error = std::string("raw socket: ") + (n < 0 ? std::strerror(errno) : "short write");
        return false;
    }
}

} // namespace live
