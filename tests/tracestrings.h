#pragma once
// Tests write traces the way a reader reads them: endpoints, calls, states and timers by name.
// These overloads turn the names into the program's vocabulary (and fail loudly on a typo).

#include "tcp/segment.h"
#include "trace/event.h"

#include <cstdlib>
#include <cstdio>
#include <string>

namespace tcplab {

inline void testNameError(const std::string &what, const std::string &name)
{
    std::fprintf(stderr, "test data: unknown %s \"%s\"\n", what.c_str(), name.c_str());
    std::abort();
}

inline EndpointId ep(const std::string &name)
{
    EndpointId id;
    if (!parseEndpoint(name, id))
        testNameError("endpoint", name);
    return id;
}

inline std::uint8_t flagsOf(const std::string &name)
{
    std::uint8_t f = 0;
    if (!tcp::parseFlags(name, f))
        testNameError("flags", name);
    return f;
}

inline tcp::State stateOf(const std::string &name)
{
    tcp::State s = tcp::State::Closed;
    if (!tcp::parseState(name, s))
        testNameError("state", name);
    return s;
}

inline Event makeCall(std::int64_t t, const char *who, const char *call, std::int64_t arg,
                      const std::string &result)
{
    tcp::Call c = tcp::Call::Listen;
    if (!tcp::parseCall(call, c))
        testNameError("call", call);
    return makeCall(t, ep(who), c, arg, result);
}

inline Event makeState(std::int64_t t, const char *who, const char *from, const char *to,
                       const std::string &cause, const char *source)
{
    StateSource src = StateSource::Simulated;
    if (!parseStateSource(source, src))
        testNameError("source", source);
    return makeState(t, ep(who), stateOf(from), stateOf(to), cause, src);
}

inline Event makeTimer(std::int64_t t, const char *who, const char *which, const char *action,
                       std::int64_t deadline)
{
    tcp::Timer w = tcp::Timer::Retransmit;
    tcp::TimerAction a = tcp::TimerAction::Armed;
    if (!tcp::parseTimer(which, w))
        testNameError("timer", which);
    if (!tcp::parseTimerAction(action, a))
        testNameError("timer action", action);
    return makeTimer(t, ep(who), w, a, deadline);
}

} // namespace tcplab
