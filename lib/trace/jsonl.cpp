#include "jsonl.h"

#include "inorderreader.h"
#include "jsonfields.h"

#include "linereader.h"
#include "tcp/segment.h"

#include <algorithm>
#include <istream>
#include <ostream>

namespace tcplab {

namespace json {

namespace {

// A call's result, a segment's options, a state's cause and a note's text are atoms (atom.h);
// a note's message rides on its text's atom.

// The writer's names for endpoints and flags, made once and looked up: endpointName() and
// tcp::flagsName() build a std::string each time (issue 13).
std::string_view endpointText(EndpointId id)
{
    static const std::vector<std::string> names = [] {
        std::vector<std::string> n;
        for (const Role role : {Role::Client, Role::Server, Role::Listener})
            for (int number = 0; number < 256; ++number)
                n.push_back(endpointName({role, std::uint8_t(number)}));
        return n;
    }();
    const std::size_t role = std::min(std::size_t(id.role), std::size_t(Role::Listener));
    return names[role * 256 + id.number];
}

std::string_view flagsText(std::uint8_t flags)
{
    static const std::vector<std::string> names = [] {
        std::vector<std::string> n;
        for (int f = 0; f < 256; ++f)
            n.push_back(tcp::flagsName(std::uint8_t(f)));
        return n;
    }();
    return names[flags];
}

// One function per event type and direction, one line per field: the only place that maps keys
// to Event fields (the five above through their lines). The writer's order of keys and its
// omissions (arg < 0, tEnd, tReleased, line 0) are the format; the one-pass reader below
// follows them.

void writeCall(const Event &e, ObjectWriter &o)
{
    o.text("ep", endpointText(e.ep));
    o.text("call", tcp::callName(e.call));
    if (e.arg >= 0)
        o.integer("arg", e.arg);
    o.text("result", e.result.str());
    if (e.tEnd != kNoTime)
        o.integer("t_end", e.tEnd);
}

// kNoTime is written as null where the format keeps the key (t_arrive, deadline).
void writeSegment(const Event &e, ObjectWriter &o)
{
    o.text("src", endpointText(e.src));
    o.text("dst", endpointText(e.dst));
    o.text("flags", flagsText(e.flags));
    o.integer("seq", e.seq);
    o.integer("ack", e.ack);
    o.integer("seq_abs", e.seqAbs);
    o.integer("ack_abs", e.ackAbs);
    o.integer("len", e.len);
    o.integer("win", e.win);
    o.text("options", e.options.str());
    o.text("fate", e.dropped ? "dropped" : "delivered");
    o.boolean("rtx", e.rtx);
    o.timeOrNull("t_arrive", e.tArrive);
    if (e.tReleased != kNoTime)
        o.integer("t_released", e.tReleased);
}

void writeState(const Event &e, ObjectWriter &o)
{
    o.text("ep", endpointText(e.ep));
    o.text("from", tcp::stateName(e.from));
    o.text("to", tcp::stateName(e.to));
    o.text("cause", e.cause.str());
    o.text("source", stateSourceName(e.source));
}

void writeTimer(const Event &e, ObjectWriter &o)
{
    o.text("ep", endpointText(e.ep));
    o.text("timer", tcp::timerName(e.timer));
    o.text("action", tcp::timerActionName(e.action));
    o.timeOrNull("deadline", e.deadline);
}

// A note the program wrote carries its message too, for the views to show in the user's
// language; "text" stays the English, which older readers and the text format show.
void writeNote(const Event &e, ObjectWriter &o)
{
    o.text("text", e.text.str());
    if (!e.message().empty())
        o.message("message", e.message());
}

// The fields of each type, read by FieldReader (any line) or InOrderReader (the writer's own
// lines, in one pass: its calls take the keys in the writer's order, or return false and the
// line is read again by FieldReader; InOrderReader says why that is always right).
template <typename Reader> bool readCall(Reader &r, Event &e)
{
    std::string_view result;
    if (!(r.endpoint("ep", e.ep)
          && r.call("call", e.call)
          && r.integer("arg", e.arg, -1)
          && r.text("result", result)
          && r.timeOrNone("t_end", e.tEnd)))
        return false;
    e.result = Atom(result);
    return true;
}

template <typename Reader> bool readSegment(Reader &r, Event &e)
{
    std::string_view options;
    if (!(r.endpoint("src", e.src)
          && r.endpoint("dst", e.dst)
          && r.flags("flags", e.flags)
          && r.integer("seq", e.seq)
          && r.integer("ack", e.ack)
          && r.integer("seq_abs", e.seqAbs)
          && r.integer("ack_abs", e.ackAbs)
          && r.integer("len", e.len)
          && r.integer("win", e.win)
          && r.text("options", options)
          && r.fate("fate", e.dropped)
          && r.boolean("rtx", e.rtx)
          && r.timeOrNone("t_arrive", e.tArrive)
          && r.timeOrNone("t_released", e.tReleased)))
        return false;
    e.options = Atom(options);
    return true;
}

template <typename Reader> bool readState(Reader &r, Event &e)
{
    std::string_view cause;
    if (!(r.endpoint("ep", e.ep)
          && r.state("from", e.from)
          && r.state("to", e.to)
          && r.text("cause", cause)
          && r.source("source", e.source)))
        return false;
    e.cause = Atom(cause);
    return true;
}

template <typename Reader> bool readTimer(Reader &r, Event &e)
{
    return r.endpoint("ep", e.ep)
        && r.timer("timer", e.timer)
        && r.timerAction("action", e.action)
        && r.timeOrNone("deadline", e.deadline);
}

bool readNote(FieldReader &r, Event &e)
{
    std::string_view text;
    Message message;
    if (!(r.text("text", text) && r.message("message", message)))
        return false;
    e.text = Atom(text, message);
    return true;
}

// A note with a message (a nested object) is read the other way.
bool readNote(InOrderReader &r, Event &e)
{
    std::string_view text;
    if (!r.text("text", text) || r.next("message"))
        return false;
    e.text = Atom(text);
    return true;
}

template <typename Reader> bool readFieldsOfType(Reader &r, Event &e)
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

void appendEvent(std::string &out, const Event &e)
{
    ObjectWriter o(out);
    o.integer("t", e.t);
    o.text("type", eventTypeName(e.type));
    switch (e.type) {
    case EventType::Call: writeCall(e, o); break;
    case EventType::Segment: writeSegment(e, o); break;
    case EventType::State: writeState(e, o); break;
    case EventType::Timer: writeTimer(e, o); break;
    case EventType::Note: writeNote(e, o); break;
    }
    if (e.line > 0)
        o.integer("line", e.line);
}

bool eventFromObject(const Object &object, Event &out, std::string &error)
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

bool eventFromWriterLine(std::string_view line, Event &out)
{
    InOrderReader r(line);
    return r.time("t", out.t)
        && r.eventType("type", out.type)
        && readFieldsOfType(r, out)
        && (!r.next("line") || r.integer("line", out.line))
        && r.end();
}

void appendHeld(std::string &out, int hold, const Event &segment)
{
    ObjectWriter o(out);
    o.integer("t", segment.t);
    o.text("type", "held");
    o.integer("hold", hold);
    writeSegment(segment, o);
    if (segment.line > 0)
        o.integer("line", segment.line);
}

bool heldFromObject(const Object &object, int &hold, Event &out, std::string &error)
{
    FieldReader r(object);
    Event e;
    e.type = EventType::Segment;
    const bool ok = r.time("t", e.t) && r.integer("hold", hold, 0) && readSegment(r, e)
        && r.integer("line", e.line, 0);
    if (!ok) {
        error = r.error();
        return false;
    }
    out = std::move(e);
    return true;
}

} // namespace json

std::string toJson(const Event &e)
{
    std::string line;
    json::appendEvent(line, e);
    return line;
}

void writeJsonl(std::ostream &out, const Trace &trace)
{
    // In blocks of about 64 KiB: one stream write per few hundred events.
    std::string block;
    block.reserve(70'000);
    for (const Event &e : trace.events) {
        json::appendEvent(block, e);
        block += '\n';
        if (block.size() >= 65'536) {
            out.write(block.data(), std::streamsize(block.size()));
            block.clear();
        }
    }
    out.write(block.data(), std::streamsize(block.size()));
}

namespace {

// The bytes from the stream's position to its end, or 0 when it cannot say (a pipe).
std::uint64_t bytesLeft(std::istream &in)
{
    std::uint64_t bytes = 0;
    const std::istream::pos_type here = in.tellg();
    if (here != std::istream::pos_type(-1) && in.seekg(0, std::ios::end)) {
        const std::streamoff end = in.tellg() - here;
        in.seekg(here);
        bytes = end > 0 ? std::uint64_t(end) : 0;
    }
    in.clear();
    return bytes;
}

// Room for the events of a stream at once, instead of growing a vector of a million events
// step by step (each step moves them all). How many lines the stream holds is judged from the
// first block, counted when that is the whole stream. Room is only a speed-up: the estimate
// is cut at the most lines the bytes can hold as events, and a refusal is ignored.
void makeRoom(EventVector &events, LineReader &lines, std::uint64_t bytes)
{
    const std::string_view first = lines.buffered();
    if (first.empty())
        return;
    const auto inFirst = std::uint64_t(std::count(first.begin(), first.end(), '\n'));
    std::uint64_t estimate;
    if (lines.atEnd()) {
        estimate = inFirst + 1;
    } else {
        if (bytes <= first.size())
            return; // the size is unknown (or wrong): grow as needed
        constexpr std::uint64_t kShortestEvent = 22; // {"t":0,"type":"note"} and its '\n'
        const double perByte = double(inFirst) / double(first.size());
        estimate = std::min(std::uint64_t(double(bytes) * perByte * 1.25) + 1,
                            bytes / kShortestEvent + 1);
    }
    try {
        events.reserve(events.size() + std::size_t(estimate));
    } catch (const std::exception &) {
    }
}

} // namespace

bool readJsonl(std::istream &in, Trace &out, std::string &error, const ReadProgress &progress)
{
    const std::uint64_t size = bytesLeft(in);
    LineReader lines(in);
    makeRoom(out.events, lines, size);
    std::string_view line;
    json::Object object; // reused: its members keep their storage from line to line
    std::string why;
    int lineNo = 0;
    std::size_t events = 0;
    std::uint64_t bytes = 0;
    while (lines.next(line)) {
        ++lineNo;
        bytes += line.size() + 1;
        if (progress && lineNo % 4096 == 0 && !progress(bytes)) {
            error = "cancelled";
            return false;
        }
        if (line.find_first_not_of(" \t\r") == std::string_view::npos)
            continue;
        // The writer's own lines in one pass; any other line, and every error, the general way.
        Event &e = out.events.emplace_back();
        if (!json::eventFromWriterLine(line, e)
            && !(object.parse(line, why) && json::eventFromObject(object, e, why))) {
            out.events.pop_back();
            error = "line " + std::to_string(lineNo) + ": " + why;
            return false;
        }
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
