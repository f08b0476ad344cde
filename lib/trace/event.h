#pragma once
// One event of a trace (DESIGN.md, "One idea: everything is a trace").
// A plain value type: producers fill it, consumers read it. No Qt.

#include "atom.h"
#include "endpointid.h"
#include "message.h"
#include "tcp/call.h"
#include "tcp/state.h"
#include "tcp/timer.h"

#include <cstdint>
#include <string>
#include <vector>

namespace tcplab {

enum class EventType : std::uint8_t { Call, Segment, State, Timer, Note };

const char *eventTypeName(EventType type);
bool parseEventType(const std::string &name, EventType &out);

// Where a state event's knowledge comes from.
enum class StateSource : std::uint8_t { Simulated, Kernel, Inferred };
const char *stateSourceName(StateSource s); // "simulated", "kernel", "inferred"
bool parseStateSource(const std::string &name, StateSource &out);

// Sentinel for "no time" (a dropped segment's arrival, an unarmed deadline).
constexpr std::int64_t kNoTime = -1;

// 64 bytes, trivially copyable: a million events are 64 MB and a vector of them grows by
// memcpy. Each type's fields share storage with other types' (anonymous unions below), so a
// field is meaningful only for the types its comment names; every field's default is the same
// bytes for every type (0, or kNoTime / -1 where the unions put those), so `Event e;
// e.type = ...` starts any type from its defaults. Strings are atoms (atom.h).
struct Event {
    Event() {} // (the unions' members with constructors need one written out)

    std::int64_t t = 0; // microseconds since the start of the run
    // An optional line of the scenario that produced the event (0 for none).
    std::int32_t line = 0;
    EventType type = EventType::Note;
    std::uint8_t flags = 0; // segment: tcp::Flag bits; tcp::flagsName() spells them "SYN+ACK"
    union {
        EndpointId ep = {}; // call, state, timer: whose
        EndpointId src;     // segment: its sender
    };

    union {
        // call: when a blocking call returned (kNoTime: at once, at t)
        std::int64_t tEnd = kNoTime;
        // segment: when it arrived (kNoTime: it did not)
        std::int64_t tArrive;
        // timer: its deadline (µs; kNoTime: none)
        std::int64_t deadline;
    };
    union {
        std::int64_t arg = -1; // call: its argument (-1 for none)
        // segment: the live lab held it in its queue from t (when the sender's TCP put it
        // out) until tReleased, when its verdict delivered it (tArrive) or dropped it.
        // kNoTime: it was never held (the simulator, a capture, a live run that polled).
        std::int64_t tReleased;
    };
    static_assert(kNoTime == -1, "arg and tReleased share their default");

    // segment
    std::uint32_t seq = 0;    // relative to the sender's ISN
    std::uint32_t ack = 0;    // relative to the receiver's ISN (0 when the ACK flag is off)
    std::uint32_t seqAbs = 0; // as on the wire
    std::uint32_t ackAbs = 0;
    std::uint32_t len = 0; // payload bytes
    std::uint32_t win = 0;

    union {
        Atom result = {}; // call: "0", "100", "EOF", "ECONNRESET", ...
        Atom options;     // segment: "mss=1460", "mss=65495,sackOK,ts,wscale=7"
        Atom cause;       // state
        // note: its text, and for a note the program wrote (a fault, an injection) the
        // sentence as a message too (text.message(), or message()), which the views show in
        // the user's language; no message for the scenario's own `note` lines and for traces
        // saved before notes had one
        Atom text;
    };
    union {
        EndpointId dst = {}; // segment
        StateSource source;  // state (the same byte as dst's role: both default to 0)
    };
    union {
        tcp::Call call = tcp::Call::Listen; // call
        bool dropped;                       // segment: its fate, delivered / dropped
        tcp::State from;                    // state
        tcp::Timer timer;                   // timer
    };
    union {
        bool rtx = false;          // segment: a retransmission
        tcp::State to;             // state
        tcp::TimerAction action;   // timer: what happened to it
    };

    const Message &message() const { return text.message(); }

    bool operator==(const Event &o) const;
    bool operator!=(const Event &o) const { return !(*this == o); }
};

// The segment fields every producer fills; the rest (relative numbers, options, fate) it sets
// on the returned event.
struct SegmentHeader {
    EndpointId src, dst;
    std::uint8_t flags = 0;
    std::uint32_t seqAbs = 0, ackAbs = 0; // as on the wire (ackAbs 0 when ACK is off)
    std::uint32_t len = 0;
    std::uint32_t win = 0;
};

static_assert(sizeof(Event) == 64, "an event is 64 bytes");

// Convenience constructors used by producers.
Event makeCall(std::int64_t t, EndpointId ep, tcp::Call call, std::int64_t arg,
               const std::string &result);
// A segment sent at t; seq/ack relative to the ISNs given (the raw numbers where a side has
// no ISN in use: pass 0). Arrives at tArrive (kNoTime: dropped).
Event makeSegment(std::int64_t t, const SegmentHeader &h, std::uint32_t srcIsn,
                  std::uint32_t dstIsn, std::int64_t tArrive);
Event makeState(std::int64_t t, EndpointId ep, tcp::State from, tcp::State to,
                const std::string &cause, StateSource source);
Event makeTimer(std::int64_t t, EndpointId ep, tcp::Timer which, tcp::TimerAction action,
                std::int64_t deadline);
Event makeNote(std::int64_t t, const std::string &text);
// A note the program writes: text is message.english().
Event makeNote(std::int64_t t, const Message &message);

} // namespace tcplab
