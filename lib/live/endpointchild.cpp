#include "live/endpointchild.h"

#include "live/errnoname.h"
#include "live/ports.h"

#include <arpa/inet.h>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <netinet/in.h>
#include <string>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

namespace live {

namespace {

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

    std::string doSend(std::int64_t n, std::int64_t timeoutUs)
    {
        if (m_conn < 0)
            return "ENOTCONN";
        setTimeout(m_conn, SO_SNDTIMEO, timeoutUs);
        std::vector<char> data(std::size_t(n < 65536 ? n : 65536));
        for (std::size_t i = 0; i < data.size(); ++i)
            data[i] = char('a' + i % 26);
        std::int64_t sent = 0;
        while (sent < n) {
            const std::size_t chunk = std::size_t(n - sent < std::int64_t(data.size()) ? n - sent
                                                                                        : data.size());
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

    std::string doRecv(std::int64_t n, std::int64_t timeoutUs)
    {
        if (m_conn < 0)
            return "ENOTCONN";
        setTimeout(m_conn, SO_RCVTIMEO, timeoutUs);
        std::vector<char> buf(std::size_t(n > 0 ? n : 1));
        ssize_t k;
        do {
            k = ::recv(m_conn, buf.data(), std::size_t(n), 0);
        } while (k < 0 && errno == EINTR);
        if (k < 0)
            return err();
        return k == 0 ? "EOF" : std::to_string(k);
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
