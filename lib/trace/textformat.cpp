#include "textformat.h"

#include "tcp/segment.h"

#include <cstdio>

namespace tcplab {

std::string formatTime(std::int64_t us)
{
    char buf[32];
    const char *sign = us < 0 ? "-" : "";
    std::int64_t a = us < 0 ? -us : us;
    std::snprintf(buf, sizeof buf, "%s%lld.%03lld", sign, static_cast<long long>(a / 1000),
                  static_cast<long long>(a % 1000));
    return buf;
}

namespace {

std::string pad(std::string s, std::size_t width)
{
    if (s.size() < width)
        s.append(width - s.size(), ' ');
    return s;
}

std::string leftPad(const std::string &s, std::size_t width)
{
    return s.size() < width ? std::string(width - s.size(), ' ') + s : s;
}

std::string describeSegment(const Event &e)
{
    std::string s = pad(endpointName(e.src) + " -> " + endpointName(e.dst) + " ", 18)
                    + tcp::flagsName(e.flags) + " seq=" + std::to_string(e.seq);
    if ((e.flags & tcp::ACK) != 0)
        s += " ack=" + std::to_string(e.ack);
    if (e.len > 0)
        s += " len=" + std::to_string(e.len);
    s += " win=" + std::to_string(e.win);
    if (!e.options.empty())
        s += " <" + e.options + ">";
    if (e.rtx)
        s += " [retransmission]";
    const bool held = e.tReleased != kNoTime; // by the live lab's queue, from t
    if (e.dropped)
        s += held ? "  DROPPED (held until " + formatTime(e.tReleased) + ")" : "  DROPPED";
    else if (held)
        s += "  (held, released " + formatTime(e.tReleased) + ")";
    else if (e.tArrive != kNoTime && e.tArrive != e.t)
        s += "  (arrives " + formatTime(e.tArrive) + ")";
    return s;
}

} // namespace

std::string formatEvent(const Event &e)
{
    std::string line = leftPad(formatTime(e.t), 11) + "  " + pad(eventTypeName(e.type), 8);
    switch (e.type) {
    case EventType::Call: {
        line += pad(endpointName(e.ep) + " ", 8) + tcp::callName(e.call) + "(" + (e.arg >= 0 ? std::to_string(e.arg) : "") + ")";
        if (!e.result.empty())
            line += " = " + e.result;
        if (e.tEnd != kNoTime && e.tEnd != e.t)
            line += "  (returned " + formatTime(e.tEnd) + ")";
        break;
    }
    case EventType::Segment:
        line += describeSegment(e);
        break;
    case EventType::State:
        line += pad(endpointName(e.ep) + " ", 8) + tcp::stateName(e.from) + " -> "
                + tcp::stateName(e.to);
        if (!e.cause.empty())
            line += "  (" + e.cause + ")";
        if (e.source != StateSource::Simulated)
            line += std::string(" [") + stateSourceName(e.source) + "]";
        break;
    case EventType::Timer:
        line += pad(endpointName(e.ep) + " ", 8) + tcp::timerName(e.timer) + " "
                + tcp::timerActionName(e.action);
        if (e.action == tcp::TimerAction::Armed && e.deadline != kNoTime)
            line += ", expires " + formatTime(e.deadline);
        break;
    case EventType::Note:
        line += e.text;
        break;
    }
    while (!line.empty() && line.back() == ' ')
        line.pop_back();
    return line;
}

std::vector<std::string> formatTrace(const Trace &trace)
{
    std::vector<std::string> lines;
    lines.reserve(trace.events.size());
    for (const Event &e : trace.events)
        lines.push_back(formatEvent(e));
    return lines;
}

} // namespace tcplab
