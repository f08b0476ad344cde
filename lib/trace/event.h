#pragma once
// One event of a trace (DESIGN.md, "One idea: everything is a trace").
// A plain value type: producers fill it, consumers read it. No Qt.

#include <cstdint>
#include <string>
#include <vector>

namespace tcplab {

enum class EventType { Call, Segment, State, Timer, Note };

const char *eventTypeName(EventType type);
bool parseEventType(const std::string &name, EventType &out);

// Sentinel for "no time" (a dropped segment's arrival, an unarmed deadline).
constexpr std::int64_t kNoTime = -1;

struct Event {
    EventType type = EventType::Note;
    std::int64_t t = 0; // microseconds since the start of the run

    // call, state, timer: "client" or "server"
    std::string ep;

    // call: call name ("connect", "recv", ...), its argument (-1 for none) and its result
    // ("0", "100", "EOF", "ECONNRESET", ...).
    std::string call;
    std::int64_t arg = -1;
    std::string result;
    std::int64_t tEnd = kNoTime; // when a blocking call returned (kNoTime: at once, at t)

    // segment
    std::string src, dst;      // "client" / "server"
    std::string flags;         // "SYN", "SYN+ACK", "ACK", "FIN+ACK", "RST+ACK", "PSH+ACK", ...
    std::uint32_t seq = 0;     // relative to the sender's ISN
    std::uint32_t ack = 0;     // relative to the receiver's ISN (0 when the ACK flag is off)
    std::uint32_t seqAbs = 0;  // as on the wire
    std::uint32_t ackAbs = 0;
    std::uint32_t len = 0;     // payload bytes
    std::uint32_t win = 0;
    std::string options;       // "mss=1460", "mss=65495,sackOK,ts,wscale=7"
    bool dropped = false;      // fate: delivered / dropped
    bool rtx = false;          // a retransmission
    std::int64_t tArrive = kNoTime;

    // state
    std::string from, to, cause;
    std::string source; // "simulated", "kernel", "inferred"

    // timer: which ("retransmit", "time-wait", "delayed-ack", "fin-wait-2"),
    // action ("armed", "fired", "cancelled"), deadline (µs)
    std::string timer;
    std::string action;
    std::int64_t deadline = kNoTime;

    // note (and an optional line of the scenario that produced any event, 0 for none)
    std::string text;
    int line = 0;

    bool operator==(const Event &o) const;
    bool operator!=(const Event &o) const { return !(*this == o); }
};

// Convenience constructors used by producers.
Event makeCall(std::int64_t t, const std::string &ep, const std::string &call, std::int64_t arg,
               const std::string &result);
Event makeState(std::int64_t t, const std::string &ep, const std::string &from,
                const std::string &to, const std::string &cause, const std::string &source);
Event makeTimer(std::int64_t t, const std::string &ep, const std::string &which,
                const std::string &action, std::int64_t deadline);
Event makeNote(std::int64_t t, const std::string &text);

} // namespace tcplab
