#include "live/endpointprocess.h"

#include "live/endpointchild.h"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

namespace live {

bool endpointOpFromCall(tcp::Call call, EndpointOp &out)
{
    switch (call) {
    case tcp::Call::Listen: out = EndpointOp::Listen; return true;
    case tcp::Call::Connect: out = EndpointOp::Connect; return true;
    case tcp::Call::Accept: out = EndpointOp::Accept; return true;
    case tcp::Call::Send: out = EndpointOp::Send; return true;
    case tcp::Call::Recv: out = EndpointOp::Recv; return true;
    case tcp::Call::Shutdown: out = EndpointOp::Shutdown; return true;
    case tcp::Call::Close: out = EndpointOp::Close; return true;
    case tcp::Call::Abort: out = EndpointOp::Abort; return true;
    case tcp::Call::Exit: break; // not a socket call: the driver kills the process
    }
    return false;
}

EndpointProcess::~EndpointProcess() { kill(); }

bool EndpointProcess::start(std::string &error)
{
    int fds[2];
    if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, fds) != 0) {
        error = std::string("socketpair: ") + std::strerror(errno);
        return false;
    }
    std::fflush(nullptr); // the child must not repeat buffered output
    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid < 0) {
        error = std::string("fork: ") + std::strerror(errno);
        ::close(fds[0]);
        ::close(fds[1]);
        return false;
    }
    if (pid == 0) {
        // Dies with the coordinator, whatever kills it (issue 3: "No leaks").
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent)
            ::_exit(1);
        ::close(fds[0]);
        runEndpointChild(fds[1], m_role);
    }
    ::close(fds[1]);
    m_fd = fds[0];
    m_pid = pid;
    return true;
}

bool EndpointProcess::request(EndpointOp op, std::int64_t arg, std::int64_t timeoutUs)
{
    if (m_fd < 0)
        return false;
    EndpointRequest r;
    r.op = std::int32_t(op);
    r.arg = arg;
    r.timeoutUs = timeoutUs;
    return ::send(m_fd, &r, sizeof r, MSG_NOSIGNAL) == ssize_t(sizeof r);
}

bool EndpointProcess::readReply(std::string &result)
{
    if (m_fd < 0)
        return false;
    EndpointReply r;
    ssize_t n;
    do {
        n = ::recv(m_fd, &r, sizeof r, 0);
    } while (n < 0 && errno == EINTR);
    if (n != ssize_t(sizeof r))
        return false;
    r.result[sizeof r.result - 1] = '\0';
    result = r.result;
    return true;
}

void EndpointProcess::kill()
{
    if (m_pid > 0) {
        ::kill(m_pid, SIGKILL);
        while (::waitpid(m_pid, nullptr, 0) < 0 && errno == EINTR) {
        }
        m_pid = -1;
    }
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
}

} // namespace live
