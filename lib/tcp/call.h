#pragma once
// The system calls a lab endpoint makes (RFC 9293 §3.10's user calls, as the sockets API names
// them), plus `exit`: the process holding the socket is killed.

#include <cstdint>
#include <string>

namespace tcp {

enum class Call : std::uint8_t { Listen, Connect, Accept, Send, Recv, Shutdown, Close, Abort, Exit };
constexpr int kCallCount = 9;

const char *callName(Call c); // "listen", "connect", ... "exit"
bool parseCall(const std::string &name, Call &out);

} // namespace tcp
