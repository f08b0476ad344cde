#pragma once
// Internal to lib/trace (jsonl.cpp, labdstream.cpp): the JSON of one line -- an event or a
// control line, always one flat object -- read and written without building a document tree
// (issue 13: a million events a second). An event line in the writer's own form is read in
// one pass (inorderreader.h); any other line by Object and FieldReader. nlohmann-json, linked
// PRIVATE, only speaks where Object's fast reader meets something it does not handle (a
// fraction, an exponent, a nested value, a syntax error), so every error message stays
// nlohmann's own.
//
// Each field of an event or a control line is read by one FieldReader call (and one
// InOrderReader call) and written by one ObjectWriter call, so changing an Event field's type
// changes one line in each.

#include "event.h"

#include <charconv>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace tcplab::json {

// One value of a flat object.
struct Value {
    enum Kind { Null, Bool, Int, UInt, Float, String, Other } kind = Null;
    bool boolean = false;
    std::int64_t i = 0;    // Int: a negative integer
    std::uint64_t u = 0;   // UInt: an integer >= 0
    double f = 0;          // Float
    std::string_view text; // String without escapes: its text, in the line
    std::string decoded;   // String with escapes: its text; Float and Other: as nlohmann shows it
    bool owned = false;    // String: the text is `decoded`
    std::string_view str() const; // String: the text
    // As JSON, for error messages ("1.5", "\"zero\""), cut short if long.
    std::string shown() const;
};

// One line holding one JSON object of scalar values (nested values are kept as Other). Parse
// a line into it; members refer into that line, which must outlive them.
class Object {
public:
    struct Member {
        std::string_view key;
        Value value;
    };
    // Parses line. On failure returns false and sets error to "column N: what nlohmann said",
    // "not a JSON object" or "a number is too large for any field".
    bool parse(std::string_view line, std::string &error);
    const Value *find(std::string_view key) const; // the last of duplicates, as nlohmann

private:
    bool parseFast(std::string_view line);
    bool parseSlow(std::string_view line, std::string &error);

    std::vector<Member> m_members;
    std::vector<std::string> m_keys; // keys a slow parse decoded
};

// A message as FieldReader::message() reads it back: {"template":"...","args":[...]}.
void appendMessage(std::string &out, const Message &m);

// Writes one object as one compact line: {"t":0,"type":"note",...}. A string that is not UTF-8
// is written with U+FFFD in place of the bad bytes, as nlohmann's replace handler does.
//
// Keys are literals. Each field first makes room for the most it can take (a string escaped
// throughout is six bytes a byte), then writes through a pointer: a few stores a field instead
// of a std::string append a piece (issue 13). out is whole again when the writer is destroyed.
class ObjectWriter {
public:
    explicit ObjectWriter(std::string &out)
        : m_out(out)
        , m_len(out.size())
    {
        *room(1) = '{';
        ++m_len;
    }
    ~ObjectWriter() // closes the object
    {
        *room(1) = '}';
        m_out.resize(m_len + 1);
    }
    ObjectWriter(const ObjectWriter &) = delete;
    ObjectWriter &operator=(const ObjectWriter &) = delete;

    template <std::size_t N> void text(const char (&k)[N], std::string_view value)
    {
        char *p = key(k, kMaxQuoted * value.size() + 2);
        m_len = std::size_t(writeQuoted(p, value) - m_out.data());
    }
    template <std::size_t N> void boolean(const char (&k)[N], bool value)
    {
        char *p = key(k, 5);
        std::memcpy(p, value ? "true" : "false", value ? 4 : 5);
        m_len += value ? 4 : 5;
    }
    template <std::size_t N> void integer(const char (&k)[N], std::int64_t value)
    {
        char *p = key(k, 20);
        m_len = std::size_t(std::to_chars(p, p + 20, value).ptr - m_out.data());
    }
    template <std::size_t N> void unsignedInteger(const char (&k)[N], std::uint64_t value)
    {
        char *p = key(k, 20);
        m_len = std::size_t(std::to_chars(p, p + 20, value).ptr - m_out.data());
    }
    template <std::size_t N> void null(const char (&k)[N])
    {
        std::memcpy(key(k, 4), "null", 4);
        m_len += 4;
    }
    template <std::size_t N> void timeOrNull(const char (&k)[N], std::int64_t t) // kNoTime: null
    {
        if (t == kNoTime)
            null(k);
        else
            integer(k, t);
    }
    template <std::size_t N> void raw(const char (&k)[N], std::string_view json) // already JSON
    {
        std::memcpy(key(k, json.size()), json.data(), json.size());
        m_len += json.size();
    }
    template <std::size_t N> void message(const char (&k)[N], const Message &m)
    {
        key(k, 0);
        m_out.resize(m_len); // {"template":...,"args":[...]} appended to out as it is
        appendMessage(m_out, m);
        m_len = m_out.size();
    }

    // The most bytes one byte of a string takes written: \u001f.
    static constexpr std::size_t kMaxQuoted = 6;
    // s between quotes at p, which has room for kMaxQuoted * s.size() + 2 bytes; returns the
    // end of what was written.
    static char *writeQuoted(char *p, std::string_view s);

private:
    // Room for n more bytes at m_len (out holds them, not yet counted as written).
    char *room(std::size_t n)
    {
        if (m_out.size() - m_len < n)
            m_out.resize(m_len + n + kSpare);
        return &m_out[m_len];
    }
    // Writes ,"k": (no comma before the first key); returns where the value goes, with room for
    // n bytes. m_len is then past the colon.
    template <std::size_t N> char *key(const char (&k)[N], std::size_t n)
    {
        char *p = room(N + 3 + n);
        *p = ',';
        p += m_first ? 0 : 1;
        m_first = false;
        *p++ = '"';
        std::memcpy(p, k, N - 1);
        p += N - 1;
        *p++ = '"';
        *p++ = ':';
        m_len = std::size_t(p - m_out.data());
        return p;
    }

    static constexpr std::size_t kSpare = 512; // made at once: most lines take no more
    std::string &m_out;
    std::size_t m_len; // out's bytes written; out may be longer, its room
    bool m_first = true;
};

// value as a JSON string literal, quotes included.
void appendQuoted(std::string &out, std::string_view value);

// The bytes a JSON string holds as they are: printable ASCII but the quote and the backslash.
struct PlainBytes {
    bool plain[256] = {};
    constexpr PlainBytes()
    {
        for (int c = 0x20; c < 0x80; ++c)
            plain[c] = c != '"' && c != '\\';
    }
    constexpr bool operator()(char c) const { return plain[static_cast<unsigned char>(c)]; }
};
inline constexpr PlainBytes isPlainByte;

// UTF-8 as nlohmann's decoder takes it (no overlong forms, no surrogates, <= U+10FFFF): the
// length of the well-formed sequence at s[i], or 0 if it is not one. partial: how many of its
// bytes are right before the first that is wrong (0 when the first byte is).
std::size_t utf8Sequence(std::string_view s, std::size_t i, std::size_t &partial);

// Reads fields of one object into C++ values, one call per field. A missing optional field
// leaves its value as it is (the Event's default). The first failure sets error() to
// "KEY: what is wrong"; calls are chained with &&, so nothing is read after it.
class FieldReader {
public:
    explicit FieldReader(const Object &object) : m_object(object) {}

    enum Presence { Optional, Required };

    bool text(const char *key, std::string &out, Presence presence = Optional);
    // The same as a view into the object, valid as long as the object and its line.
    bool text(const char *key, std::string_view &out, Presence presence = Optional);
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
    const Value *find(const char *key, Presence presence);
    bool integerIn(const char *key, std::int64_t lo, std::int64_t hi, std::int64_t &out,
                   const char *note = "", Presence presence = Optional);
    bool fail(const char *key, const std::string &what);
    // A required name that parse() turns into out; what: "one of the eleven TCP states".
    template <typename T, typename Parse>
    bool named(const char *key, T &out, Parse parse, const char *what, Presence presence);

    const Object &m_object;
    std::string m_error;
};


// One event as one line, keys in the writer's fixed order (appended to out); and back.
// eventFromObject returns false with error "KEY: what is wrong" (FieldReader's form).
void appendEvent(std::string &out, const Event &e);
bool eventFromObject(const Object &object, Event &out, std::string &error);
// The same from a line in the writer's own form, read in one pass (inorderreader.h); false for
// a line in any other form, which is then to be read with Object and eventFromObject (they say
// what is wrong, if anything is). out holds Event's defaults when called.
bool eventFromWriterLine(std::string_view line, Event &out);
// A segment the live lab holds (labdstream.h): the segment's fields under "type":"held", with
// its number. heldFromObject reads it back as a segment event.
void appendHeld(std::string &out, int hold, const Event &segment);
bool heldFromObject(const Object &object, int &hold, Event &out, std::string &error);

} // namespace tcplab::json
