#include "state.h"

namespace tcp {

namespace {
constexpr const char *kNames[kStateCount] = {
    "CLOSED",     "LISTEN",     "SYN_SENT",   "SYN_RECEIVED", "ESTABLISHED", "FIN_WAIT_1",
    "FIN_WAIT_2", "CLOSE_WAIT", "CLOSING",    "LAST_ACK",     "TIME_WAIT",
};

struct Alias {
    const char *name;
    State state;
};
// Spellings used by the Linux kernel (ss, /proc/net/tcp) and by common texts.
constexpr Alias kAliases[] = {
    {"CLOSE", State::Closed},        {"SYN_RECV", State::SynReceived},
    {"FIN_WAIT1", State::FinWait1},  {"FIN_WAIT2", State::FinWait2},
    {"ESTAB", State::Established},   {"CLOSE_WAIT", State::CloseWait},
    {"LAST-ACK", State::LastAck},    {"TIME-WAIT", State::TimeWait},
};
} // namespace

const char *stateName(State s) { return kNames[static_cast<int>(s)]; }

bool parseState(const std::string &name, State &out)
{
    for (int i = 0; i < kStateCount; ++i) {
        if (name == kNames[i]) {
            out = static_cast<State>(i);
            return true;
        }
    }
    for (const Alias &a : kAliases) {
        if (name == a.name) {
            out = a.state;
            return true;
        }
    }
    return false;
}

} // namespace tcp
