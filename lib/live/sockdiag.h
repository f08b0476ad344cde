#pragma once
// TCP sockets as the kernel sees them, through NETLINK_SOCK_DIAG (sock_diag(7)): every state,
// including TIME_WAIT and orphaned FIN_WAIT_2 sockets that no process holds any more and that
// TCP_INFO therefore cannot show.

#include <cstdint>
#include <string>
#include <vector>

namespace live {

struct SockInfo {
    std::uint8_t state = 0;     // the kernel's TCP_ESTABLISHED .. TCP_CLOSING numbering
    std::uint8_t timer = 0;     // idiag_timer: 0 none, 1 retransmit, 2 keepalive, 3 TIME_WAIT, 4 probe
    std::uint8_t retrans = 0;
    std::uint32_t expiresMs = 0;
    std::uint16_t localPort = 0;
    std::uint16_t remotePort = 0;
    std::uint32_t localAddr = 0;  // host byte order
    std::uint32_t remoteAddr = 0;
    std::uint32_t inode = 0;      // 0: no process holds it (orphan, TIME_WAIT, request socket)
    std::uint64_t cookie = 0;
};

// The canonical state name ("FIN_WAIT_2") for the kernel's numbering; "" if unknown.
std::string kernelStateName(std::uint8_t state);

class SockDiag {
public:
    SockDiag() = default;
    ~SockDiag();
    SockDiag(const SockDiag &) = delete;
    SockDiag &operator=(const SockDiag &) = delete;

    bool open(std::string &error);
    // IPv4 TCP sockets with port as local or remote port (0: all).
    bool dump(std::uint16_t port, std::vector<SockInfo> &out, std::string &error);

private:
    int m_fd = -1;
    std::uint32_t m_seq = 0;
    std::vector<char> m_buf;
};

} // namespace live
