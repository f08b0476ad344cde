#include "live/sockdiag.h"

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace live {

std::string kernelStateName(std::uint8_t state)
{
    // include/net/tcp_states.h. TCP_NEW_SYN_RECV (12) is a request socket: SYN_RECEIVED.
    // TCP_BOUND_INACTIVE (13) is a bound socket that never connected: CLOSED.
    static const char *const kNames[] = {
        "",           "ESTABLISHED", "SYN_SENT", "SYN_RECEIVED", "FIN_WAIT_1",   "FIN_WAIT_2",
        "TIME_WAIT",  "CLOSED",      "CLOSE_WAIT", "LAST_ACK",   "LISTEN",       "CLOSING",
        "SYN_RECEIVED", "CLOSED",
    };
    return state < sizeof kNames / sizeof kNames[0] ? kNames[state] : "";
}

SockDiag::~SockDiag()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

bool SockDiag::open(std::string &error)
{
    m_fd = ::socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
    if (m_fd < 0) {
        error = std::string("sock_diag: ") + std::strerror(errno);
        return false;
    }
    m_buf.resize(64 * 1024);
    return true;
}

bool SockDiag::dump(std::uint16_t port, std::vector<SockInfo> &out, std::string &error)
{
    out.clear();
    struct {
        nlmsghdr nlh;
        inet_diag_req_v2 req;
    } msg{};
    msg.nlh.nlmsg_len = sizeof msg;
    msg.nlh.nlmsg_type = SOCK_DIAG_BY_FAMILY;
    msg.nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
    msg.nlh.nlmsg_seq = ++m_seq;
    msg.req.sdiag_family = AF_INET;
    msg.req.sdiag_protocol = IPPROTO_TCP;
    // Every state, TIME_WAIT and request sockets included, but not TCP_BOUND_INACTIVE (13):
    // bound sockets that never connected say nothing about TCP and cost a walk of the
    // host-wide bind hash on every dump.
    msg.req.idiag_states = ~0u & ~(1u << 13);
    sockaddr_nl kernel{};
    kernel.nl_family = AF_NETLINK;
    if (::sendto(m_fd, &msg, sizeof msg, 0, reinterpret_cast<sockaddr *>(&kernel), sizeof kernel)
        < 0) {
        error = std::string("sock_diag: ") + std::strerror(errno);
        return false;
    }
    for (;;) {
        const ssize_t n = ::recv(m_fd, m_buf.data(), m_buf.size(), 0);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            error = std::string("sock_diag: ") + std::strerror(errno);
            return false;
        }
        int left = int(n);
        // glibc's NLMSG_OK compares the u32 nlmsg_len with the int length it is given (and must
        // be given: NLMSG_NEXT decrements it); clang, unlike gcc, warns inside the macro.
#if defined(__clang__)
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wsign-compare"
#endif
        for (auto *h = reinterpret_cast<nlmsghdr *>(m_buf.data()); NLMSG_OK(h, left);
             h = NLMSG_NEXT(h, left)) {
#if defined(__clang__)
#pragma clang diagnostic pop
#endif
            if (h->nlmsg_seq != m_seq)
                continue;
            if (h->nlmsg_type == NLMSG_DONE)
                return true;
            if (h->nlmsg_type == NLMSG_ERROR) {
                const auto *e = static_cast<const nlmsgerr *>(NLMSG_DATA(h));
                error = std::string("sock_diag: ") + std::strerror(-e->error);
                return false;
            }
            if (h->nlmsg_type != SOCK_DIAG_BY_FAMILY)
                continue;
            const auto *m = static_cast<const inet_diag_msg *>(NLMSG_DATA(h));
            SockInfo s;
            s.state = m->idiag_state;
            s.timer = m->idiag_timer;
            s.retrans = m->idiag_retrans;
            s.expiresMs = m->idiag_expires;
            s.localPort = ntohs(m->id.idiag_sport);
            s.remotePort = ntohs(m->id.idiag_dport);
            s.localAddr = ntohl(m->id.idiag_src[0]);
            s.remoteAddr = ntohl(m->id.idiag_dst[0]);
            s.inode = m->idiag_inode;
            s.cookie = std::uint64_t(m->id.idiag_cookie[1]) << 32 | m->id.idiag_cookie[0];
            if (port == 0 || s.localPort == port || s.remotePort == port)
                out.push_back(s);
        }
    }
}

} // namespace live
