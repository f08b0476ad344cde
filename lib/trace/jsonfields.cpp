#include "jsonfields.h"

#include "tcp/segment.h"

#include "tcp/state.h"

#include <nlohmann/json.hpp>

#include <charconv>
#include <cmath>

namespace tcplab::json {

// ---- UTF-8, as nlohmann's decoder sees it (no overlong forms, no surrogates, <= U+10FFFF) ----

std::size_t utf8Sequence(std::string_view s, std::size_t i, std::size_t &partial)
{
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = b(i);
    partial = 0;
    if (c < 0x80)
        return 1;
    std::size_t len;
    unsigned char lo = 0x80, hi = 0xBF; // the second byte's range
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
    } else {
        return 0;
    }
    for (std::size_t k = 1; k < len; ++k) {
        partial = k;
        if (i + k >= s.size())
            return 0;
        const unsigned char x = b(i + k);
        if (k == 1 ? (x < lo || x > hi) : (x < 0x80 || x > 0xBF))
            return 0;
    }
    partial = 0;
    return len;
}

namespace {

void appendUtf8(std::string &out, std::uint32_t cp)
{
    if (cp < 0x80) {
        out += char(cp);
    } else if (cp < 0x800) {
        out += char(0xC0 | (cp >> 6));
        out += char(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += char(0xE0 | (cp >> 12));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    } else {
        out += char(0xF0 | (cp >> 18));
        out += char(0x80 | ((cp >> 12) & 0x3F));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    }
}

// ---- the fast reader: one flat object of strings, integers, booleans and null ----

class Scanner {
public:
    explicit Scanner(std::string_view s) : m_s(s) {}

    void skipSpace()
    {
        while (m_i < m_s.size()
               && (m_s[m_i] == ' ' || m_s[m_i] == '\t' || m_s[m_i] == '\n' || m_s[m_i] == '\r'))
            ++m_i;
    }
    bool eat(char c)
    {
        skipSpace();
        if (m_i < m_s.size() && m_s[m_i] == c) {
            ++m_i;
            return true;
        }
        return false;
    }
    bool atEnd()
    {
        skipSpace();
        return m_i == m_s.size();
    }
    char peek()
    {
        skipSpace();
        return m_i < m_s.size() ? m_s[m_i] : '\0';
    }

    // A string at the current position (after its opening quote has been seen by peek()):
    // raw when it has no escape, else decoded into `decoded`. False on anything unusual.
    bool string(std::string_view &raw, std::string &decoded, bool &owned)
    {
        if (!eat('"'))
            return false;
        const std::size_t start = m_i;
        owned = false;
        while (m_i < m_s.size()) {
            const unsigned char c = static_cast<unsigned char>(m_s[m_i]);
            if (c == '"') {
                if (!owned)
                    raw = m_s.substr(start, m_i - start);
                ++m_i;
                return true;
            }
            if (c < 0x20)
                return false; // nlohmann: a control character must be escaped
            if (c == '\\') {
                if (!owned) {
                    decoded.assign(m_s.substr(start, m_i - start));
                    owned = true;
                }
                if (!escape(decoded))
                    return false;
                continue;
            }
            std::size_t len = 1, partial;
            if (c >= 0x80 && (len = utf8Sequence(m_s, m_i, partial)) == 0)
                return false;
            if (owned)
                decoded.append(m_s.substr(m_i, len));
            m_i += len;
        }
        return false;
    }

    // An integer without fraction or exponent that fits 64 bits.
    bool integer(Value &v)
    {
        skipSpace();
        bool negative = false;
        if (m_i < m_s.size() && m_s[m_i] == '-') {
            negative = true;
            ++m_i;
        }
        const std::size_t digits = m_i;
        std::uint64_t u = 0;
        while (m_i < m_s.size() && m_s[m_i] >= '0' && m_s[m_i] <= '9') {
            const unsigned d = unsigned(m_s[m_i] - '0');
            if (u > (UINT64_MAX - d) / 10)
                return false; // nlohmann makes it a double
            u = u * 10 + d;
            ++m_i;
        }
        const std::size_t n = m_i - digits;
        if (n == 0 || (n > 1 && m_s[digits] == '0'))
            return false;
        if (m_i < m_s.size() && (m_s[m_i] == '.' || m_s[m_i] == 'e' || m_s[m_i] == 'E'))
            return false;
        if (!negative) {
            v.kind = Value::UInt;
            v.u = u;
            return true;
        }
        if (u > std::uint64_t(INT64_MAX) + 1)
            return false;
        v.kind = Value::Int;
        v.i = u == std::uint64_t(INT64_MAX) + 1 ? INT64_MIN : -std::int64_t(u);
        return true;
    }

    bool literal(std::string_view word)
    {
        skipSpace();
        if (m_s.substr(m_i, word.size()) != word)
            return false;
        m_i += word.size();
        return true;
    }

private:
    bool hex4(std::uint32_t &out)
    {
        if (m_i + 4 > m_s.size())
            return false;
        out = 0;
        for (int k = 0; k < 4; ++k) {
            const char c = m_s[m_i++];
            out <<= 4;
            if (c >= '0' && c <= '9')
                out |= std::uint32_t(c - '0');
            else if (c >= 'a' && c <= 'f')
                out |= std::uint32_t(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F')
                out |= std::uint32_t(c - 'A' + 10);
            else
                return false;
        }
        return true;
    }
    bool escape(std::string &out)
    {
        ++m_i; // the backslash
        if (m_i >= m_s.size())
            return false;
        const char c = m_s[m_i++];
        switch (c) {
        case '"': out += '"'; return true;
        case '\\': out += '\\'; return true;
        case '/': out += '/'; return true;
        case 'b': out += '\b'; return true;
        case 'f': out += '\f'; return true;
        case 'n': out += '\n'; return true;
        case 'r': out += '\r'; return true;
        case 't': out += '\t'; return true;
        case 'u': {
            std::uint32_t cp;
            if (!hex4(cp))
                return false;
            if (cp >= 0xDC00 && cp <= 0xDFFF)
                return false; // a low surrogate alone
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                std::uint32_t low;
                if (m_i + 2 > m_s.size() || m_s[m_i] != '\\' || m_s[m_i + 1] != 'u')
                    return false;
                m_i += 2;
                if (!hex4(low) || low < 0xDC00 || low > 0xDFFF)
                    return false;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            }
            appendUtf8(out, cp);
            return true;
        }
        default:
            return false;
        }
    }

    std::string_view m_s;
    std::size_t m_i = 0;
};

using Json = nlohmann::ordered_json;

std::string dumpJson(const Json &v) { return v.dump(-1, ' ', false, Json::error_handler_t::replace); }

// nlohmann's what() reads "[json.exception.parse_error.101] parse error at line 1, column 18:
// syntax error ...": keep only what follows the position, which the caller gives its own way.
std::string parseErrorText(const Json::parse_error &e)
{
    const std::string what = e.what();
    const std::size_t colon = what.find(": ", what.find("parse error"));
    return colon == std::string::npos ? what : what.substr(colon + 2);
}

// A value as it appears in an error message, cut short so a long string cannot flood it.
std::string cut(std::string s)
{
    constexpr std::size_t kMax = 40;
    if (s.size() <= kMax)
        return s;
    std::size_t at = kMax;
    while (at > 0 && (static_cast<unsigned char>(s[at]) & 0xC0) == 0x80)
        --at; // not inside a UTF-8 sequence
    return s.substr(0, at) + "...";
}

std::string quotedString(std::string_view s)
{
    std::string out;
    appendQuoted(out, s);
    return out;
}

} // namespace

std::string_view Value::str() const { return owned ? std::string_view(decoded) : text; }

std::string Value::shown() const
{
    switch (kind) {
    case Null: return "null";
    case Bool: return boolean ? "true" : "false";
    case Int: return std::to_string(i);
    case UInt: return std::to_string(u);
    case String: return cut(quotedString(str()));
    case Float:
    case Other: return cut(decoded);
    }
    return {};
}

bool Object::parse(std::string_view line, std::string &error)
{
    m_members.clear();
    if (parseFast(line))
        return true;
    m_members.clear();
    return parseSlow(line, error);
}

bool Object::parseFast(std::string_view line)
{
    Scanner s(line);
    if (!s.eat('{'))
        return false;
    if (s.eat('}'))
        return s.atEnd();
    do {
        Member m;
        std::string keyDecoded;
        bool keyOwned = false;
        if (s.peek() != '"' || !s.string(m.key, keyDecoded, keyOwned) || keyOwned)
            return false; // an escaped key: the slow way keeps it
        if (!s.eat(':'))
            return false;
        Value &v = m.value;
        switch (s.peek()) {
        case '"':
            v.kind = Value::String;
            if (!s.string(v.text, v.decoded, v.owned))
                return false;
            break;
        case 't':
            if (!s.literal("true"))
                return false;
            v.kind = Value::Bool;
            v.boolean = true;
            break;
        case 'f':
            if (!s.literal("false"))
                return false;
            v.kind = Value::Bool;
            break;
        case 'n':
            if (!s.literal("null"))
                return false;
            break;
        default:
            if (!s.integer(v))
                return false;
        }
        m_members.push_back(std::move(m));
    } while (s.eat(','));
    return s.eat('}') && s.atEnd();
}

bool Object::parseSlow(std::string_view line, std::string &error)
{
    Json doc;
    try {
        doc = Json::parse(line);
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
    if (!doc.is_object()) {
        error = "not a JSON object";
        return false;
    }
    m_keys.clear();
    m_keys.reserve(doc.size()); // the members' keys point into these
    for (const auto &[key, v] : doc.items()) {
        m_keys.push_back(key);
        Member m;
        m.key = m_keys.back();
        Value &out = m.value;
        if (v.is_null()) {
            out.kind = Value::Null;
        } else if (v.is_boolean()) {
            out.kind = Value::Bool;
            out.boolean = v.get<bool>();
        } else if (v.is_number_unsigned()) {
            out.kind = Value::UInt;
            out.u = v.get<std::uint64_t>();
        } else if (v.is_number_integer()) {
            out.kind = Value::Int;
            out.i = v.get<std::int64_t>();
        } else if (v.is_number_float()) {
            out.kind = Value::Float;
            out.f = v.get<double>();
            out.decoded = dumpJson(v);
        } else if (v.is_string()) {
            out.kind = Value::String;
            out.decoded = v.get<std::string>();
            out.owned = true;
        } else {
            out.kind = Value::Other;
            out.decoded = dumpJson(v);
        }
        m_members.push_back(std::move(m));
    }
    return true;
}

const Value *Object::find(std::string_view key) const
{
    for (auto it = m_members.rbegin(); it != m_members.rend(); ++it)
        if (it->key == key)
            return &it->value;
    return nullptr;
}

// ---- the writer ----

char *ObjectWriter::writeQuoted(char *p, std::string_view s)
{
    *p++ = '"';
    std::size_t plain = 0; // s[plain..i) needs no escape and is copied at once
    std::size_t i = 0;
    while (i < s.size() && isPlainByte(s[i])) // most strings: all of it
        ++i;
    const auto flush = [&] {
        std::memcpy(p, s.data() + plain, i - plain);
        p += i - plain;
    };
    while (i < s.size()) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (isPlainByte(char(c))) {
            ++i;
            continue;
        }
        if (c >= 0x80) {
            std::size_t partial;
            const std::size_t len = utf8Sequence(s, i, partial);
            if (len) {
                i += len;
                continue;
            }
            // Not UTF-8: U+FFFD for the bad lead byte, or for the start of a sequence cut
            // short (whose next byte is then read again), as nlohmann's replace handler.
            flush();
            std::memcpy(p, "\xEF\xBF\xBD", 3);
            p += 3;
            i += partial ? partial : 1;
            plain = i;
            continue;
        }
        flush();
        *p++ = '\\';
        switch (c) {
        case '"': *p++ = '"'; break;
        case '\\': *p++ = '\\'; break;
        case '\b': *p++ = 'b'; break;
        case '\f': *p++ = 'f'; break;
        case '\n': *p++ = 'n'; break;
        case '\r': *p++ = 'r'; break;
        case '\t': *p++ = 't'; break;
        default: {
            static const char kHex[] = "0123456789abcdef";
            std::memcpy(p, "u00", 3);
            p[3] = kHex[c >> 4];
            p[4] = kHex[c & 0xF];
            p += 5;
        }
        }
        ++i;
        plain = i;
    }
    flush();
    *p++ = '"';
    return p;
}

void appendQuoted(std::string &out, std::string_view s)
{
    const std::size_t at = out.size();
    out.resize(at + ObjectWriter::kMaxQuoted * s.size() + 2);
    out.resize(std::size_t(ObjectWriter::writeQuoted(&out[at], s) - out.data()));
}

// ---- the field reader ----

const Value *FieldReader::find(const char *key, Presence presence)
{
    const Value *v = m_object.find(key);
    if (!v && presence == Required)
        fail(key, "missing");
    return v;
}

bool FieldReader::fail(const char *key, const std::string &what)
{
    m_error = std::string(key) + ": " + what;
    return false;
}

bool FieldReader::text(const char *key, std::string &out, Presence presence)
{
    const Value *v = find(key, presence);
    if (!v)
        return presence == Optional;
    if (v->kind != Value::String)
        return fail(key, v->shown() + " is not a string");
    out.assign(v->str());
    return true;
}

bool FieldReader::text(const char *key, std::string_view &out, Presence presence)
{
    const Value *v = find(key, presence);
    if (!v)
        return presence == Optional;
    if (v->kind != Value::String)
        return fail(key, v->shown() + " is not a string");
    out = v->str();
    return true;
}

bool FieldReader::boolean(const char *key, bool &out)
{
    const Value *v = find(key, Optional);
    if (!v)
        return true;
    if (v->kind != Value::Bool)
        return fail(key, v->shown() + " is not true or false");
    out = v->boolean;
    return true;
}

bool FieldReader::integerIn(const char *key, std::int64_t lo, std::int64_t hi, std::int64_t &out,
                            const char *note, Presence presence)
{
    const Value *v = find(key, presence);
    if (!v)
        return presence == Optional;
    const auto range = [&] {
        return v->shown() + " is out of range " + std::to_string(lo) + ".." + std::to_string(hi)
               + note;
    };
    if (v->kind == Value::UInt) { // every integer >= 0, up to 2^64 - 1
        if (hi < 0 || v->u > static_cast<std::uint64_t>(hi) || static_cast<std::int64_t>(v->u) < lo)
            return fail(key, range());
        out = static_cast<std::int64_t>(v->u);
        return true;
    }
    if (v->kind == Value::Int) { // negative
        if (v->i < lo || v->i > hi)
            return fail(key, range());
        out = v->i;
        return true;
    }
    // nlohmann reads an integer too large for 64 bits as a double: out of range, not a fraction.
    if (v->kind == Value::Float && std::fabs(v->f) >= 0x1p63)
        return fail(key, range());
    return fail(key, v->shown() + " is not an integer");
}

void appendMessage(std::string &out, const Message &m)
{
    ObjectWriter o(out);
    o.text("template", m.text);
    if (m.args.empty())
        return;
    std::string args = "[";
    for (std::size_t i = 0; i < m.args.size(); ++i) {
        if (i)
            args += ',';
        if (m.args[i].word)
            appendQuoted(args, m.args[i].text);
        else
            appendMessage(args, m.args[i]);
    }
    args += ']';
    o.raw("args", args);
}

namespace {

// The program nests messages two deep at most; a file may not nest them without end.
bool messageFrom(const Json &v, int depth, Message &out, std::string &why)
{
    constexpr int kMaxDepth = 8;
    constexpr std::size_t kMaxArgs = 9; // %1 .. %9
    if (!v.is_object()) {
        why = cut(dumpJson(v)) + " is not a message {\"template\":...,\"args\":[...]}";
        return false;
    }
    if (depth >= kMaxDepth) {
        why = "messages nested more than " + std::to_string(kMaxDepth) + " deep";
        return false;
    }
    Message m;
    const auto text = v.find("template");
    if (text == v.end() || !text->is_string()) {
        why = "a message needs a \"template\" string";
        return false;
    }
    m.text = text->get<std::string>();
    const auto args = v.find("args");
    if (args != v.end()) {
        if (!args->is_array() || args->size() > kMaxArgs) {
            why = "\"args\" is not an array of at most " + std::to_string(kMaxArgs)
                  + " strings and messages";
            return false;
        }
        for (const Json &a : *args) {
            Message arg;
            if (a.is_string())
                arg = word(a.get<std::string>());
            else if (!messageFrom(a, depth + 1, arg, why))
                return false;
            m.args.push_back(std::move(arg));
        }
    }
    out = std::move(m);
    return true;
}

} // namespace

bool FieldReader::message(const char *key, Message &out)
{
    const Value *v = find(key, Optional);
    if (!v)
        return true;
    if (v->kind != Value::Other) // a scalar: the fast reader's; never a message
        return fail(key, v->shown() + " is not a message {\"template\":...,\"args\":[...]}");
    // A nested value came through nlohmann (Object::parseSlow), which wrote it back as text.
    std::string why;
    if (!messageFrom(Json::parse(v->decoded), 0, out, why))
        return fail(key, why);
    return true;
}

bool FieldReader::time(const char *key, std::int64_t &out)
{
    return integerIn(key, 0, std::numeric_limits<std::int64_t>::max(), out, "", Required);
}

bool FieldReader::timeOrNone(const char *key, std::int64_t &out)
{
    const Value *v = find(key, Optional);
    if (!v)
        return true;
    // The writer writes kNoTime as null; -1 (kNoTime itself) is accepted from older files.
    if (v->kind == Value::Null || (v->kind == Value::Int && v->i == kNoTime)) {
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
        return fail(key, cut(quotedString(name)) + " is not call, segment, state, timer or note");
    return true;
}

template <typename T, typename Parse>
bool FieldReader::named(const char *key, T &out, Parse parse, const char *what, Presence presence)
{
    std::string name;
    const bool present = m_object.find(key) != nullptr;
    if (!text(key, name, presence))
        return false;
    if (!present)
        return true; // optional and absent: the default stays
    if (!parse(name, out))
        return fail(key, cut(quotedString(name)) + " is not " + what);
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
    const Value *v = find(key, Optional);
    if (!v)
        return true;
    if (v->kind != Value::String || (v->str() != "delivered" && v->str() != "dropped"))
        return fail(key, v->shown() + " is not \"delivered\" or \"dropped\"");
    dropped = v->str() == "dropped";
    return true;
}

} // namespace tcplab::json
