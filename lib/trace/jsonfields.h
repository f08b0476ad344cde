#pragma once
// Internal to lib/trace (jsonl.cpp, labdstream.cpp): JSON through nlohmann-json, which is linked
// PRIVATE, so no public header includes this one.
//
// Each field of an event or a control line is read by one FieldReader call and written by one
// assignment, so changing an Event field's type changes one line in each direction.

#include "event.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <limits>
#include <string>

namespace tcplab::json {

// ordered_json keeps keys in insertion order: the writer's field order is part of the format.
using Json = nlohmann::ordered_json;

// One line of text, compact ("," and ":" without spaces). A string that is not UTF-8 is written
// with U+FFFD in place of the bad bytes rather than throwing.
std::string dumpLine(const Json &object);

// Parses one line holding one JSON object. On failure returns false and sets error to
// "column N: what nlohmann said" or "not a JSON object".
bool parseObject(const std::string &line, Json &out, std::string &error);

// Reads fields of one object into C++ values, one call per field. A missing optional field
// leaves its value as it is (the Event's default). The first failure sets error() to
// "KEY: what is wrong"; calls are chained with &&, so nothing is read after it.
class FieldReader {
public:
    explicit FieldReader(const Json &object) : m_object(object) {}

    enum Presence { Optional, Required };

    bool text(const char *key, std::string &out, Presence presence = Optional);
    bool boolean(const char *key, bool &out);
    // An integer in lo..hi (by default the range of T).
    template <typename T>
    bool integer(const char *key, T &out, std::int64_t lo = std::numeric_limits<T>::min(),
                 std::int64_t hi = std::numeric_limits<T>::max())
    {
        std::int64_t v = static_cast<std::int64_t>(out); // kept when the key is absent
        if (!integerIn(key, lo, hi, v))
            return false;
        out = static_cast<T>(v);
        return true;
    }
    bool time(const char *key, std::int64_t &out); // required, 0 or more
    bool timeOrNone(const char *key, std::int64_t &out); // null, -1 or absent: kNoTime
    bool eventType(const char *key, EventType &out);
    // The program's vocabulary, by name (required: an event of its type has one).
    bool endpoint(const char *key, EndpointId &out); // "client", "server2", "listener"
    bool state(const char *key, tcp::State &out);    // the eleven states (kernel spellings too)
    bool call(const char *key, tcp::Call &out);      // "listen" ... "exit"
    bool flags(const char *key, std::uint8_t &out);  // "SYN+ACK"; optional: none when absent
    bool timer(const char *key, tcp::Timer &out);    // "retransmit", "time-wait", ...
    bool timerAction(const char *key, tcp::TimerAction &out); // "armed", "fired", "cancelled"
    bool source(const char *key, StateSource &out);  // optional: "simulated" when absent
    bool fate(const char *key, bool &dropped); // "delivered" or "dropped"
    // Optional: {"template":"fault: %1","args":["drop next client->server"]}; an argument is a
    // string (a word) or an object of the same form (a nested message).
    bool message(const char *key, Message &out);

    const std::string &error() const { return m_error; }

private:
    const Json *find(const char *key, Presence presence);
    bool integerIn(const char *key, std::int64_t lo, std::int64_t hi, std::int64_t &out,
                   const char *note = "", Presence presence = Optional);
    bool fail(const char *key, const std::string &what);
    bool messageFrom(const char *key, const Json &v, int depth, Message &out);
    // A required name that parse() turns into out; what: "one of the eleven TCP states".
    template <typename T, typename Parse>
    bool named(const char *key, T &out, Parse parse, const char *what, Presence presence);

    const Json &m_object;
    std::string m_error;
};

// A message as messageFromJson() reads it back (FieldReader::message()).
Json messageToJson(const Message &m);

// The JSON object of one event, keys in the writer's fixed order; and back. eventFromJson
// returns false with error "KEY: what is wrong" (FieldReader's form).
Json eventToJson(const Event &e);
bool eventFromJson(const Json &object, Event &out, std::string &error);

} // namespace tcplab::json
