#include "event.h"

#include "tcp/segment.h"

#include <cstring>
#include <type_traits>

static_assert(std::is_trivially_copyable<tcplab::Event>::value, "events are copied as bytes");

namespace tcplab {

namespace {
constexpr const char *kTypeNames[] = {"call", "segment", "state", "timer", "note"};
}

namespace {
constexpr const char *kSourceNames[] = {"simulated", "kernel", "inferred"};
}

const char *stateSourceName(StateSource s) { return kSourceNames[static_cast<int>(s)]; }

bool parseStateSource(const std::string &name, StateSource &out)
{
    for (int i = 0; i < 3; ++i) {
        if (name == kSourceNames[i]) {
            out = static_cast<StateSource>(i);
            return true;
        }
    }
    return false;
}

const char *eventTypeName(EventType type) { return kTypeNames[static_cast<int>(type)]; }

bool parseEventType(const std::string &name, EventType &out)
{
    for (int i = 0; i < 5; ++i) {
        if (name == kTypeNames[i]) {
            out = static_cast<EventType>(i);
            return true;
        }
    }
    return false;
}

// Byte by byte: the fields fill the 64 bytes without padding, every byte is set when an event
// is made (each union starts from its first member's default), and a field read as another
// type's would not be a value of its type (a state's `to` read as the segment's `rtx`).
bool Event::operator==(const Event &o) const
{
    static_assert(sizeof(Event) == 8 + 4 + 1 + 1 + 2 + 8 + 8 + 6 * 4 + 4 + 2 + 1 + 1,
                  "no padding");
    return std::memcmp(this, &o, sizeof(Event)) == 0;
}

Event makeCall(std::int64_t t, EndpointId ep, tcp::Call call, std::int64_t arg,
               const std::string &result)
{
    Event e;
    e.type = EventType::Call;
    e.t = t;
    e.ep = ep;
    e.call = call;
    e.arg = arg;
    e.result = result;
    return e;
}

Event makeSegment(std::int64_t t, const SegmentHeader &h, std::uint32_t srcIsn,
                  std::uint32_t dstIsn, std::int64_t tArrive)
{
    Event e;
    e.type = EventType::Segment;
    e.t = t;
    e.src = h.src;
    e.dst = h.dst;
    e.flags = h.flags;
    e.seqAbs = h.seqAbs;
    e.ackAbs = h.ackAbs;
    e.seq = h.seqAbs - srcIsn;
    e.ack = (h.flags & tcp::ACK) != 0 ? h.ackAbs - dstIsn : 0;
    e.len = h.len;
    e.win = h.win;
    e.tArrive = tArrive;
    e.dropped = tArrive == kNoTime;
    return e;
}

Event makeState(std::int64_t t, EndpointId ep, tcp::State from, tcp::State to,
                const std::string &cause, StateSource source)
{
    Event e;
    e.type = EventType::State;
    e.t = t;
    e.ep = ep;
    e.from = from;
    e.to = to;
    e.cause = cause;
    e.source = source;
    return e;
}

Event makeTimer(std::int64_t t, EndpointId ep, tcp::Timer which, tcp::TimerAction action,
                std::int64_t deadline)
{
    Event e;
    e.type = EventType::Timer;
    e.t = t;
    e.ep = ep;
    e.timer = which;
    e.action = action;
    e.deadline = deadline;
    return e;
}

Event makeNote(std::int64_t t, const std::string &text)
{
    Event e;
    e.type = EventType::Note;
    e.t = t;
    e.text = text;
    return e;
}

Event makeNote(std::int64_t t, const Message &message)
{
    Event e;
    e.type = EventType::Note;
    e.t = t;
    e.text = Atom(message.english(), message);
    return e;
}

} // namespace tcplab
