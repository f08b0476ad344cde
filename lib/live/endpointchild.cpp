#include "live/endpointchild.h"

#include "live/errnoname.h"
#include "live/ports.h"

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <linux/sockios.h>
#include <netinet/in.h>
#include <string>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

namespace live {

namespace {

constexpr std::int64_t kChunk = 65536; // the most one send or recv buffer holds

class Endpoint {
public:
    explicit Endpoint(EndpointRole role) : m_role(role) {}

    std::string perform(const EndpointRequest &r)
    {
        switch (EndpointOp(r.op)) {
        case EndpointOp::Listen: return doListen();
        case EndpointOp::Connect: return doConnect(r.timeoutUs);
        case EndpointOp::Accept: return doAccept(r.timeoutUs);
        case EndpointOp::Send: return doSend(r.arg < 0 ? 0 : r.arg, r.timeoutUs);
        case EndpointOp::Recv: return doRecv(r.arg < 0 ? 65536 : r.arg, r.timeoutUs);
        case EndpointOp::Shutdown: return doShutdown();
        case EndpointOp::Close: return doClose(false);
        case EndpointOp::Abort: return doClose(true);
        }
        return "EINVAL";
    }

private:
    static std::string err() { return errnoName(errno); }

    static sockaddr_in address(std::uint16_t port)
    {
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_port = htons(port);
        a.sin_addr.s_addr = htonl(kLoopback);
        return a;
    }

    static void setTimeout(int fd, int option, std::int64_t us)
    {
        timeval tv{};
        tv.tv_sec = us / 1'000'000;
        tv.tv_usec = us % 1'000'000;
        if (tv.tv_sec == 0 && tv.tv_usec == 0)
            tv.tv_usec = 1; // 0 would mean "block for ever"
        ::setsockopt(fd, SOL_SOCKET, option, &tv, sizeof tv);
    }

    // A TCP socket bound to port with SO_REUSEADDR, so TIME_WAIT of an earlier run does not
    // stand in the way (the namespace is new, but interactive sessions reconnect).
    static int boundSocket(std::uint16_t port, std::string &result)
    {
        const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            result = err();
            return -1;
        }
        const int one = 1;
        ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        const sockaddr_in a = address(port);
        if (::bind(fd, reinterpret_cast<const sockaddr *>(&a), sizeof a) != 0) {
            result = err();
            ::close(fd);
            return -1;
        }
        return fd;
    }

    std::string doListen()
    {
        if (m_listen < 0) {
            std::string result;
            m_listen = boundSocket(kServerPort, result);
            if (m_listen < 0)
                return result;
        }
        return ::listen(m_listen, 16) == 0 ? "0" : err();
    }

    std::string doConnect(std::int64_t timeoutUs)
    {
        const bool client = m_role == EndpointRole::Client;
        if (m_conn < 0) {
            std::string result;
            m_conn = boundSocket(client ? kClientPort : kServerPort, result);
            if (m_conn < 0)
                return result;
        }
        // connect(2) with SO_SNDTIMEO gives up with EINPROGRESS; the SYNs go on.
        setTimeout(m_conn, SO_SNDTIMEO, timeoutUs);
        const sockaddr_in peer = address(client ? kServerPort : kClientPort);
        if (::connect(m_conn, reinterpret_cast<const sockaddr *>(&peer), sizeof peer) == 0)
            return "0";
        const int e = errno;
        if (e != EINPROGRESS && e != EALREADY && e != EISCONN) {
            // A refused or timed-out socket is spent; the next connect starts afresh.
            ::close(m_conn);
            m_conn = -1;
        }
        return errnoName(e);
    }

    std::string doAccept(std::int64_t timeoutUs)
    {
        if (m_listen < 0)
            return "EINVAL"; // what accept(2) says of a socket that is not listening
        setTimeout(m_listen, SO_RCVTIMEO, timeoutUs);
        const int fd = ::accept4(m_listen, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd < 0)
            return err();
        if (m_conn >= 0)
            m_older.push_back(m_conn); // kept open: closing it would be a step of its own
        m_conn = fd;
        return "0";
    }

    static std::int64_t monotonicUs()
    {
        timespec ts{};
        ::clock_gettime(CLOCK_MONOTONIC, &ts);
        return std::int64_t(ts.tv_sec) * 1'000'000 + ts.tv_nsec / 1000;
    }

    // One send(2) call for n bytes would need an n-byte buffer: the bytes go out in chunks of
    // one reusable buffer instead. The timeout is the whole call's, not each chunk's: every
    // chunk gets what is left of it, so a send that fills the socket buffer returns after
    // timeoutUs, as one blocking send(2) with SO_SNDTIMEO would (issue 11, item 8).
    std::string doSend(std::int64_t n, std::int64_t timeoutUs)
    {
        if (m_conn < 0)
            return "ENOTCONN";
        const std::int64_t deadline = monotonicUs() + timeoutUs;
        const std::size_t size = std::size_t(n < kChunk ? n : kChunk);
        std::vector<char> data(size);
        for (std::size_t i = 0; i < data.size(); ++i)
            data[i] = char('a' + i % 26);
        std::int64_t sent = 0;
        while (sent < n) {
            const std::int64_t left = deadline - monotonicUs();
            if (left <= 0 && sent > 0)
                break; // out of time with some bytes sent: send(2) returns their count
            setTimeout(m_conn, SO_SNDTIMEO, left > 0 ? left : 1);
            const std::size_t chunk = std::size_t(n - sent < std::int64_t(size) ? n - sent : size);
            // MSG_NOSIGNAL: EPIPE comes back as a result instead of SIGPIPE killing us.
            const ssize_t k = ::send(m_conn, data.data(), chunk, MSG_NOSIGNAL);
            if (k < 0) {
                if (errno == EINTR)
                    continue;
                return sent > 0 ? std::to_string(sent) : err();
            }
            sent += k;
        }
        return std::to_string(sent);
    }

    // recv N returns what one recv(2) with an N-byte buffer would: it blocks for the first
    // bytes, then takes whatever else is already queued, up to N. The buffer is one chunk, not
    // N bytes (recv 1000000000 must not cost a gigabyte; issue 11, item 2).
    std::string doRecv(std::int64_t n, std::int64_t timeoutUs)
    {
        if (m_conn < 0)
            return "ENOTCONN";
        setTimeout(m_conn, SO_RCVTIMEO, timeoutUs);
        std::vector<char> buf(std::size_t(n < kChunk ? n : kChunk));
        ssize_t k;
        do {
            k = ::recv(m_conn, buf.data(), buf.size(), 0);
        } while (k < 0 && errno == EINTR);
        if (k < 0)
            return err();
        if (k == 0)
            return "EOF";
        std::int64_t got = k;
        // Only bytes already queued (SIOCINQ): a further recv(2) on an empty queue would
        // consume a pending error or an EOF that belongs to the next call.
        while (got < n) {
            int queued = 0;
            if (::ioctl(m_conn, SIOCINQ, &queued) != 0 || queued <= 0)
                break;
            const std::int64_t want = std::min<std::int64_t>({n - got, queued, kChunk});
            k = ::recv(m_conn, buf.data(), std::size_t(want), MSG_DONTWAIT);
            if (k <= 0)
                break;
            got += k;
        }
        return std::to_string(got);
    }

    std::string doShutdown()
    {
        if (m_conn < 0)
            return "ENOTCONN";
        return ::shutdown(m_conn, SHUT_WR) == 0 ? "0" : err();
    }

    // close and abort act on every socket the endpoint holds: the simulator's endpoint is one
    // TCB, so "server close" after accept ends the listener too.
    std::string doClose(bool abort)
    {
        if (m_conn < 0 && m_listen < 0)
            return "EBADF";
        std::string result = "0";
        for (int *fd : {&m_conn, &m_listen}) {
            if (*fd < 0)
                continue;
            if (abort) {
                // SO_LINGER {on, 0}: close() discards the send queue and sends RST (socket(7)).
                const linger l{1, 0};
                ::setsockopt(*fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
            }
            if (::close(*fd) != 0 && result == "0")
                result = err();
            *fd = -1;
        }
        return result;
    }

    EndpointRole m_role;
    int m_listen = -1;
    int m_conn = -1;
    std::vector<int> m_older;
};

} // namespace

void runEndpointChild(int fd, EndpointRole role)
{
    ::signal(SIGPIPE, SIG_IGN);
    const int devnull = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (devnull >= 0) {
        ::dup2(devnull, STDIN_FILENO);
        ::close(devnull);
    }
    Endpoint ep(role);
    for (;;) {
        EndpointRequest r;
        const ssize_t n = ::recv(fd, &r, sizeof r, 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n != ssize_t(sizeof r))
            ::_exit(0); // the coordinator is gone
        EndpointReply reply;
        const std::string result = ep.perform(r);
        std::strncpy(reply.result, result.c_str(), sizeof reply.result - 1);
        if (::send(fd, &reply, sizeof reply, MSG_NOSIGNAL) != ssize_t(sizeof reply))
            ::_exit(0);
    }
}

} // namespace live
