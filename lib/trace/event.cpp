#include "event.h"

#include <tuple>

namespace tcplab {

namespace {
constexpr const char *kTypeNames[] = {"call", "segment", "state", "timer", "note"};
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

bool Event::operator==(const Event &o) const
{
    auto tie = [](const Event &e) {
        return std::tie(e.type, e.t, e.ep, e.call, e.arg, e.result, e.tEnd, e.src, e.dst, e.flags,
                        e.seq, e.ack, e.seqAbs, e.ackAbs, e.len, e.win, e.options, e.dropped,
                        e.rtx, e.tArrive, e.from, e.to, e.cause, e.source, e.timer, e.action,
                        e.deadline, e.text, e.line);
    };
    return tie(*this) == tie(o);
}

Event makeCall(std::int64_t t, const std::string &ep, const std::string &call, std::int64_t arg,
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

Event makeState(std::int64_t t, const std::string &ep, const std::string &from,
                const std::string &to, const std::string &cause, const std::string &source)
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

Event makeTimer(std::int64_t t, const std::string &ep, const std::string &which,
                const std::string &action, std::int64_t deadline)
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

} // namespace tcplab
