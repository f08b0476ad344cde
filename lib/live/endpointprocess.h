#pragma once
// "The client process" and "the server process": one forked child per endpoint that owns the
// endpoint's sockets and performs each call as the real, blocking system call. The coordinator
// sends a request over a socketpair and reads the answer when it comes, so it keeps capturing
// while a call blocks, and `exit` can SIGKILL the child and let the kernel close its sockets.

#include "tcp/call.h"

#include <cstdint>
#include <string>
#include <sys/types.h>

namespace live {

enum class EndpointRole { Client, Server };

enum class EndpointOp : std::int32_t { Listen, Connect, Accept, Send, Recv, Shutdown, Close, Abort };
bool endpointOpFromCall(tcp::Call call, EndpointOp &out);

struct EndpointRequest {
    std::int32_t op = 0;
    std::int64_t arg = -1;       // send N / recv N
    std::int64_t timeoutUs = 0;  // SO_RCVTIMEO / SO_SNDTIMEO for this call
};

struct EndpointReply {
    char result[48] = {};        // "0", "100", "EOF", "ECONNRESET"
};

class EndpointProcess {
public:
    explicit EndpointProcess(EndpointRole role) : m_role(role) {}
    ~EndpointProcess(); // the child is killed
    EndpointProcess(const EndpointProcess &) = delete;
    EndpointProcess &operator=(const EndpointProcess &) = delete;

    bool start(std::string &error);
    bool alive() const { return m_pid > 0; }
    int fd() const { return m_fd; } // readable when an answer (or the child's end) is there
    bool request(EndpointOp op, std::int64_t arg, std::int64_t timeoutUs);
    // One answer; false when the child is gone.
    bool readReply(std::string &result);
    // SIGKILL, as Ctrl+C's harsher sibling: the kernel closes the child's sockets.
    void kill();

private:
    EndpointRole m_role;
    pid_t m_pid = -1;
    int m_fd = -1;
};

} // namespace live
