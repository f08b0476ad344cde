#include "jsonfields.h"

#include "tcp/segment.h"

#include "tcp/state.h"

#include <cmath>

namespace tcplab::json {

namespace {

// A value as it appears in an error message, cut short so a long string cannot flood it.
std::string shown(const Json &v)
{
    constexpr std::size_t kMax = 40;
    std::string s = dumpLine(v);
    if (s.size() <= kMax)
        return s;
    std::size_t cut = kMax;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80)
        --cut; // not inside a UTF-8 sequence
    return s.substr(0, cut) + "...";
}

// nlohmann's what() reads "[json.exception.parse_error.101] parse error at line 1, column 18:
// syntax error ...": keep only what follows the position, which the caller gives its own way.
std::string parseErrorText(const Json::parse_error &e)
{
    const std::string what = e.what();
    const std::size_t colon = what.find(": ", what.find("parse error"));
    return colon == std::string::npos ? what : what.substr(colon + 2);
}

} // namespace

std::string dumpLine(const Json &object)
{
    return object.dump(-1, ' ', false, Json::error_handler_t::replace);
}

bool parseObject(const std::string &line, Json &out, std::string &error)
{
    try {
        out = Json::parse(line);
    } catch (const Json::parse_error &e) {
        error = "column " + std::to_string(e.byte) + ": " + parseErrorText(e);
        return false;
    } catch (const Json::out_of_range &) {
        // A number that is well-formed JSON but overflows even a double (1e400): nlohmann
        // throws out_of_range, not parse_error, and uncaught it aborted the CLI and the app
        // (found by fuzz_jsonl; tests/fuzz/regressions/jsonl, tests/badinput/trace).
        error = "a number is too large for any field";
        return false;
    }
    if (!out.is_object()) {
        error = "not a JSON object";
        return false;
    }
    return true;
}

const Json *FieldReader::find(const char *key, Presence presence)
{
    const auto it = m_object.find(key);
    if (it != m_object.end())
        return &*it;
    if (presence == Required)
        fail(key, "missing");
    return nullptr;
}

bool FieldReader::fail(const char *key, const std::string &what)
{
    m_error = std::string(key) + ": " + what;
    return false;
}

bool FieldReader::text(const char *key, std::string &out, Presence presence)
{
    const Json *v = find(key, presence);
    if (!v)
        return presence == Optional;
    if (!v->is_string())
        return fail(key, shown(*v) + " is not a string");
    out = v->get<std::string>();
    return true;
}

bool FieldReader::boolean(const char *key, bool &out)
{
    const Json *v = find(key, Optional);
    if (!v)
        return true;
    if (!v->is_boolean())
        return fail(key, shown(*v) + " is not true or false");
    out = v->get<bool>();
    return true;
}

bool FieldReader::integerIn(const char *key, std::int64_t lo, std::int64_t hi, std::int64_t &out,
                            const char *note, Presence presence)
{
    const Json *v = find(key, presence);
    if (!v)
        return presence == Optional;
    const std::string range = " is out of range " + std::to_string(lo) + ".." + std::to_string(hi);
    if (v->is_number_unsigned()) { // nlohmann's type for every integer >= 0, up to 2^64 - 1
        const std::uint64_t u = v->get<std::uint64_t>();
        if (hi < 0 || u > static_cast<std::uint64_t>(hi) || static_cast<std::int64_t>(u) < lo)
            return fail(key, shown(*v) + range + note);
        out = static_cast<std::int64_t>(u);
        return true;
    }
    if (v->is_number_integer()) { // negative
        const std::int64_t i = v->get<std::int64_t>();
        if (i < lo || i > hi)
            return fail(key, shown(*v) + range + note);
        out = i;
        return true;
    }
    // nlohmann reads an integer too large for 64 bits as a double: out of range, not a fraction.
    if (v->is_number_float() && std::fabs(v->get<double>()) >= 0x1p63)
        return fail(key, shown(*v) + range + note);
    return fail(key, shown(*v) + " is not an integer");
}

Json messageToJson(const Message &m)
{
    Json o;
    o["template"] = m.text;
    if (!m.args.empty()) {
        Json args = Json::array();
        for (const Message &a : m.args)
            args.push_back(a.word ? Json(a.text) : messageToJson(a));
        o["args"] = std::move(args);
    }
    return o;
}

bool FieldReader::message(const char *key, Message &out)
{
    const Json *v = find(key, Optional);
    return !v || messageFrom(key, *v, 0, out);
}

// The program nests messages two deep at most; a file may not nest them without end.
bool FieldReader::messageFrom(const char *key, const Json &v, int depth, Message &out)
{
    constexpr int kMaxDepth = 8;
    constexpr std::size_t kMaxArgs = 9; // %1 .. %9
    if (!v.is_object())
        return fail(key, shown(v) + " is not a message {\"template\":...,\"args\":[...]}");
    if (depth >= kMaxDepth)
        return fail(key, "messages nested more than " + std::to_string(kMaxDepth) + " deep");
    Message m;
    const auto text = v.find("template");
    if (text == v.end() || !text->is_string())
        return fail(key, "a message needs a \"template\" string");
    m.text = text->get<std::string>();
    const auto args = v.find("args");
    if (args != v.end()) {
        if (!args->is_array() || args->size() > kMaxArgs)
            return fail(key, "\"args\" is not an array of at most " + std::to_string(kMaxArgs)
                                 + " strings and messages");
        for (const Json &a : *args) {
            Message arg;
            if (a.is_string())
                arg = word(a.get<std::string>());
            else if (!messageFrom(key, a, depth + 1, arg))
                return false;
            m.args.push_back(std::move(arg));
        }
    }
    out = std::move(m);
    return true;
}

bool FieldReader::time(const char *key, std::int64_t &out)
{
    return integerIn(key, 0, std::numeric_limits<std::int64_t>::max(), out, "", Required);
}

bool FieldReader::timeOrNone(const char *key, std::int64_t &out)
{
    const Json *v = find(key, Optional);
    if (!v)
        return true;
    // The writer writes kNoTime as null; -1 (kNoTime itself) is accepted from older files.
    if (v->is_null() || (v->is_number_integer() && *v == kNoTime)) {
        out = kNoTime;
        return true;
    }
    return integerIn(key, 0, std::numeric_limits<std::int64_t>::max(), out,
                     " (-1 or null: no time)");
}

bool FieldReader::eventType(const char *key, EventType &out)
{
    std::string name;
    if (!text(key, name, Required))
        return false;
    if (!parseEventType(name, out))
        return fail(key, shown(name) + " is not call, segment, state, timer or note");
    return true;
}

template <typename T, typename Parse>
bool FieldReader::named(const char *key, T &out, Parse parse, const char *what, Presence presence)
{
    std::string name;
    const bool present = find(key, Optional) != nullptr;
    if (!text(key, name, presence))
        return false;
    if (!present)
        return true; // optional and absent: the default stays
    if (!parse(name, out))
        return fail(key, shown(name) + " is not " + what);
    return true;
}

bool FieldReader::endpoint(const char *key, EndpointId &out)
{
    return named(key, out, parseEndpoint, "an endpoint (client, server, client2, listener ...)",
                 Required);
}

bool FieldReader::state(const char *key, tcp::State &out)
{
    return named(
        key, out, [](const std::string &n, tcp::State &s) { return tcp::parseState(n, s); },
        "one of the eleven TCP states", Required);
}

bool FieldReader::call(const char *key, tcp::Call &out)
{
    return named(
        key, out, [](const std::string &n, tcp::Call &c) { return tcp::parseCall(n, c); },
        "a call (listen, connect, accept, send, recv, shutdown, close, abort, exit)", Required);
}

bool FieldReader::flags(const char *key, std::uint8_t &out)
{
    return named(
        key, out, [](const std::string &n, std::uint8_t &f) { return tcp::parseFlags(n, f); },
        "TCP flags such as SYN+ACK", Optional);
}

bool FieldReader::timer(const char *key, tcp::Timer &out)
{
    return named(
        key, out, [](const std::string &n, tcp::Timer &t) { return tcp::parseTimer(n, t); },
        "a timer (retransmit, time-wait, delayed-ack, fin-wait-2)", Required);
}

bool FieldReader::timerAction(const char *key, tcp::TimerAction &out)
{
    return named(
        key, out,
        [](const std::string &n, tcp::TimerAction &a) { return tcp::parseTimerAction(n, a); },
        "armed, fired or cancelled", Required);
}

bool FieldReader::source(const char *key, StateSource &out)
{
    return named(key, out, parseStateSource, "simulated, kernel or inferred", Optional);
}

bool FieldReader::fate(const char *key, bool &dropped)
{
    const Json *v = find(key, Optional);
    if (!v)
        return true;
    if (*v != "delivered" && *v != "dropped")
        return fail(key, shown(*v) + " is not \"delivered\" or \"dropped\"");
    dropped = *v == "dropped";
    return true;
}

} // namespace tcplab::json
