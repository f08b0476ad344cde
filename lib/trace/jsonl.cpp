#include "jsonl.h"

#include "jsonfields.h"

#include "tcp/segment.h"

#include <istream>
#include <ostream>

namespace tcplab {

namespace json {

namespace {

// One function per event type and direction, one line per field: the only place that maps keys
// to Event fields. The writer's order of keys and its omissions (arg < 0, tEnd, tReleased, line
// 0) are the format.

void writeCall(const Event &e, Json &o)
{
    o["ep"] = endpointName(e.ep);
    o["call"] = tcp::callName(e.call);
    if (e.arg >= 0)
        o["arg"] = e.arg;
    o["result"] = e.result;
    if (e.tEnd != kNoTime)
        o["t_end"] = e.tEnd;
}

// kNoTime is written as null where the format keeps the key (t_arrive, deadline).
Json timeOrNull(std::int64_t t) { return t == kNoTime ? Json(nullptr) : Json(t); }

void writeSegment(const Event &e, Json &o)
{
    o["src"] = endpointName(e.src);
    o["dst"] = endpointName(e.dst);
    o["flags"] = tcp::flagsName(e.flags);
    o["seq"] = e.seq;
    o["ack"] = e.ack;
    o["seq_abs"] = e.seqAbs;
    o["ack_abs"] = e.ackAbs;
    o["len"] = e.len;
    o["win"] = e.win;
    o["options"] = e.options;
    o["fate"] = e.dropped ? "dropped" : "delivered";
    o["rtx"] = e.rtx;
    o["t_arrive"] = timeOrNull(e.tArrive);
    if (e.tReleased != kNoTime)
        o["t_released"] = e.tReleased;
}

void writeState(const Event &e, Json &o)
{
    o["ep"] = endpointName(e.ep);
    o["from"] = tcp::stateName(e.from);
    o["to"] = tcp::stateName(e.to);
    o["cause"] = e.cause;
    o["source"] = stateSourceName(e.source);
}

void writeTimer(const Event &e, Json &o)
{
    o["ep"] = endpointName(e.ep);
    o["timer"] = tcp::timerName(e.timer);
    o["action"] = tcp::timerActionName(e.action);
    o["deadline"] = timeOrNull(e.deadline);
}

void writeNote(const Event &e, Json &o) { o["text"] = e.text; }

bool readCall(FieldReader &r, Event &e)
{
    return r.endpoint("ep", e.ep)
        && r.call("call", e.call)
        && r.integer("arg", e.arg, -1)
        && r.text("result", e.result)
        && r.timeOrNone("t_end", e.tEnd);
}

bool readSegment(FieldReader &r, Event &e)
{
    return r.endpoint("src", e.src)
        && r.endpoint("dst", e.dst)
        && r.flags("flags", e.flags)
        && r.integer("seq", e.seq)
        && r.integer("ack", e.ack)
        && r.integer("seq_abs", e.seqAbs)
        && r.integer("ack_abs", e.ackAbs)
        && r.integer("len", e.len)
        && r.integer("win", e.win)
        && r.text("options", e.options)
        && r.fate("fate", e.dropped)
        && r.boolean("rtx", e.rtx)
        && r.timeOrNone("t_arrive", e.tArrive)
        && r.timeOrNone("t_released", e.tReleased);
}

bool readState(FieldReader &r, Event &e)
{
    return r.endpoint("ep", e.ep)
        && r.state("from", e.from)
        && r.state("to", e.to)
        && r.text("cause", e.cause)
        && r.source("source", e.source);
}

bool readTimer(FieldReader &r, Event &e)
{
    return r.endpoint("ep", e.ep)
        && r.timer("timer", e.timer)
        && r.timerAction("action", e.action)
        && r.timeOrNone("deadline", e.deadline);
}

bool readNote(FieldReader &r, Event &e) { return r.text("text", e.text); }

bool readFieldsOfType(FieldReader &r, Event &e)
{
    switch (e.type) {
    case EventType::Call: return readCall(r, e);
    case EventType::Segment: return readSegment(r, e);
    case EventType::State: return readState(r, e);
    case EventType::Timer: return readTimer(r, e);
    case EventType::Note: return readNote(r, e);
    }
    return false;
}

} // namespace

Json eventToJson(const Event &e)
{
    Json o;
    o["t"] = e.t;
    o["type"] = eventTypeName(e.type);
    switch (e.type) {
    case EventType::Call: writeCall(e, o); break;
    case EventType::Segment: writeSegment(e, o); break;
    case EventType::State: writeState(e, o); break;
    case EventType::Timer: writeTimer(e, o); break;
    case EventType::Note: writeNote(e, o); break;
    }
    if (e.line > 0)
        o["line"] = e.line;
    return o;
}

bool eventFromJson(const Json &object, Event &out, std::string &error)
{
    FieldReader r(object);
    Event e;
    const bool ok = r.eventType("type", e.type)
        && r.time("t", e.t)
        && readFieldsOfType(r, e)
        && r.integer("line", e.line, 0);
    if (!ok) {
        error = r.error();
        return false;
    }
    out = std::move(e);
    return true;
}

} // namespace json

std::string toJson(const Event &e) { return json::dumpLine(json::eventToJson(e)); }

void writeJsonl(std::ostream &out, const Trace &trace)
{
    for (const Event &e : trace.events)
        out << toJson(e) << '\n';
}

namespace {

bool eventFromLine(const std::string &line, Event &out, std::string &error)
{
    json::Json object;
    return json::parseObject(line, object, error) && json::eventFromJson(object, out, error);
}

} // namespace

bool readJsonl(std::istream &in, Trace &out, std::string &error)
{
    std::string line;
    int lineNo = 0;
    std::size_t events = 0;
    while (std::getline(in, line)) {
        ++lineNo;
        if (line.find_first_not_of(" \t\r") == std::string::npos)
            continue;
        Event e;
        std::string why;
        if (!eventFromLine(line, e, why)) {
            error = "line " + std::to_string(lineNo) + ": " + why;
            return false;
        }
        out.add(std::move(e));
        ++events;
    }
    // An empty file is most likely a run that wrote nothing or the wrong file: say so rather
    // than show an empty diagram.
    if (events == 0) {
        error = "the trace has no events";
        return false;
    }
    return true;
}

} // namespace tcplab
