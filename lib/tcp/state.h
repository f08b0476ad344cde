#pragma once
// The eleven TCP states of RFC 9293 §3.3.2, spelt as the RFC does (SYN_SENT, not "SYN_SEND";
// there is no "ITMED_WAIT").

#include <cstdint>
#include <string>

namespace tcp {

enum class State : std::uint8_t {
    Closed,
    Listen,
    SynSent,
    SynReceived,
    Established,
    FinWait1,
    FinWait2,
    CloseWait,
    Closing,
    LastAck,
    TimeWait,
};
constexpr int kStateCount = 11;

const char *stateName(State s); // "CLOSED", "SYN_RECEIVED", "FIN_WAIT_1", ...
// Accepts the canonical names and the kernel's spellings (SYN_RECV, FIN_WAIT1, CLOSE, ...).
bool parseState(const std::string &name, State &out);

} // namespace tcp
