#pragma once
// One event of a trace (DESIGN.md, "One idea: everything is a trace").
// A plain value type: producers fill it, consumers read it. No Qt.

#include "endpointid.h"
#include "message.h"
#include "tcp/call.h"
#include "tcp/state.h"
#include "tcp/timer.h"

#include <cstdint>
#include <string>
#include <vector>

namespace tcplab {

enum class EventType { Call, Segment, State, Timer, Note };

const char *eventTypeName(EventType type);
bool parseEventType(const std::string &name, EventType &out);

// Where a state event's knowledge comes from.
enum class StateSource : std::uint8_t { Simulated, Kernel, Inferred };
const char *stateSourceName(StateSource s); // "simulated", "kernel", "inferred"
bool parseStateSource(const std::string &name, StateSource &out);

// Sentinel for "no time" (a dropped segment's arrival, an unarmed deadline).
constexpr std::int64_t kNoTime = -1;

struct Event {
    EventType type = EventType::Note;
    std::int64_t t = 0; // microseconds since the start of the run

    // call, state, timer: whose
    EndpointId ep;

    // call: which call, its argument (-1 for none) and its result ("0", "100", "EOF",
    // "ECONNRESET", ...).
    tcp::Call call = tcp::Call::Listen;
    std::int64_t arg = -1;
    std::string result;
    std::int64_t tEnd = kNoTime; // when a blocking call returned (kNoTime: at once, at t)

    // segment
    EndpointId src, dst;
    std::uint8_t flags = 0;    // tcp::Flag bits; tcp::flagsName() spells them "SYN+ACK"
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
    // The live lab held the segment in its queue from t (when the sender's TCP put it out)
    // until tReleased, when its verdict delivered it (tArrive) or dropped it. kNoTime: it was
    // never held (the simulator, a capture, a live run that polled).
    std::int64_t tReleased = kNoTime;

    // state
    tcp::State from = tcp::State::Closed, to = tcp::State::Closed;
    std::string cause;
    StateSource source = StateSource::Simulated;

    // timer: which, what happened to it, and its deadline (µs)
    tcp::Timer timer = tcp::Timer::Retransmit;
    tcp::TimerAction action = tcp::TimerAction::Armed;
    std::int64_t deadline = kNoTime;

    // note (and an optional line of the scenario that produced any event, 0 for none): its
    // text, and for a note the program wrote (a fault, an injection) the same as a message,
    // which the views show in the user's language; empty for the scenario's own `note` lines
    // and for traces saved before notes had one
    std::string text;
    Message message;
    int line = 0;

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
