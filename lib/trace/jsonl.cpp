#include "jsonl.h"

#include "tcp/segment.h"

#include <cstdio>
#include <istream>
#include <ostream>

namespace tcplab {

std::string jsonQuote(const std::string &s)
{
    std::string out;
    out.reserve(s.size() + 2);
    out += '"';
    for (unsigned char c : s) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", c);
                out += buf;
            } else {
                out += static_cast<char>(c);
            }
        }
    }
    out += '"';
    return out;
}

namespace {

class ObjectWriter {
public:
    explicit ObjectWriter(std::string &out) : m_out(out) { m_out += '{'; }
    void str(const char *key, const std::string &v) { field(key, jsonQuote(v)); }
    void num(const char *key, std::int64_t v) { field(key, std::to_string(v)); }
    void boolean(const char *key, bool v) { field(key, v ? "true" : "false"); }
    void time(const char *key, std::int64_t v)
    {
        if (v == kNoTime)
            field(key, "null");
        else
            num(key, v);
    }
    void close() { m_out += '}'; }

private:
    void field(const char *key, const std::string &raw)
    {
        if (!m_first)
            m_out += ',';
        m_first = false;
        m_out += '"';
        m_out += key;
        m_out += "\":";
        m_out += raw;
    }
    std::string &m_out;
    bool m_first = true;
};

} // namespace

std::string toJson(const Event &e)
{
    std::string out;
    ObjectWriter w(out);
    w.num("t", e.t);
    w.str("type", eventTypeName(e.type));
    switch (e.type) {
    case EventType::Call:
        w.str("ep", endpointName(e.ep));
        w.str("call", tcp::callName(e.call));
        if (e.arg >= 0)
            w.num("arg", e.arg);
        w.str("result", e.result);
        if (e.tEnd != kNoTime)
            w.num("t_end", e.tEnd);
        break;
    case EventType::Segment:
        w.str("src", endpointName(e.src));
        w.str("dst", endpointName(e.dst));
        w.str("flags", tcp::flagsName(e.flags));
        w.num("seq", e.seq);
        w.num("ack", e.ack);
        w.num("seq_abs", e.seqAbs);
        w.num("ack_abs", e.ackAbs);
        w.num("len", e.len);
        w.num("win", e.win);
        w.str("options", e.options);
        w.str("fate", e.dropped ? "dropped" : "delivered");
        w.boolean("rtx", e.rtx);
        w.time("t_arrive", e.tArrive);
        break;
    case EventType::State:
        w.str("ep", endpointName(e.ep));
        w.str("from", tcp::stateName(e.from));
        w.str("to", tcp::stateName(e.to));
        w.str("cause", e.cause);
        w.str("source", stateSourceName(e.source));
        break;
    case EventType::Timer:
        w.str("ep", endpointName(e.ep));
        w.str("timer", tcp::timerName(e.timer));
        w.str("action", tcp::timerActionName(e.action));
        w.time("deadline", e.deadline);
        break;
    case EventType::Note:
        w.str("text", e.text);
        break;
    }
    if (e.line > 0)
        w.num("line", e.line);
    w.close();
    return out;
}

void writeJsonl(std::ostream &out, const Trace &trace)
{
    for (const Event &e : trace.events)
        out << toJson(e) << '\n';
}

namespace {

class Parser {
public:
    explicit Parser(const std::string &s) : m_s(s) {}

    bool object(JsonObject &out, std::string &error)
    {
        skipSpace();
        if (!expect('{', error))
            return false;
        skipSpace();
        if (peek() == '}') {
            ++m_pos;
            return end(error);
        }
        for (;;) {
            skipSpace();
            std::string key;
            if (!string(key, error))
                return false;
            skipSpace();
            if (!expect(':', error))
                return false;
            skipSpace();
            JsonValue v;
            if (!value(v, error))
                return false;
            out[key] = std::move(v);
            skipSpace();
            if (peek() == ',') {
                ++m_pos;
                continue;
            }
            if (!expect('}', error))
                return false;
            return end(error);
        }
    }

private:
    char peek() const { return m_pos < m_s.size() ? m_s[m_pos] : '\0'; }
    void skipSpace()
    {
        while (m_pos < m_s.size() && (m_s[m_pos] == ' ' || m_s[m_pos] == '\t' || m_s[m_pos] == '\r'))
            ++m_pos;
    }
    bool fail(std::string &error, const std::string &what)
    {
        error = "column " + std::to_string(m_pos + 1) + ": " + what;
        return false;
    }
    bool expect(char c, std::string &error)
    {
        if (peek() != c)
            return fail(error, std::string("expected '") + c + "'");
        ++m_pos;
        return true;
    }
    bool end(std::string &error)
    {
        skipSpace();
        if (m_pos != m_s.size())
            return fail(error, "unexpected text after the object");
        return true;
    }
    bool string(std::string &out, std::string &error)
    {
        if (!expect('"', error))
            return false;
        while (m_pos < m_s.size()) {
            char c = m_s[m_pos++];
            if (c == '"')
                return true;
            if (c != '\\') {
                out += c;
                continue;
            }
            if (m_pos >= m_s.size())
                break;
            char esc = m_s[m_pos++];
            switch (esc) {
            case '"': out += '"'; break;
            case '\\': out += '\\'; break;
            case '/': out += '/'; break;
            case 'n': out += '\n'; break;
            case 'r': out += '\r'; break;
            case 't': out += '\t'; break;
            case 'b': out += '\b'; break;
            case 'f': out += '\f'; break;
            case 'u': {
                if (m_pos + 4 > m_s.size())
                    return fail(error, "short \\u escape");
                unsigned code = 0;
                for (int i = 0; i < 4; ++i) {
                    char h = m_s[m_pos++];
                    code <<= 4;
                    if (h >= '0' && h <= '9')
                        code |= unsigned(h - '0');
                    else if (h >= 'a' && h <= 'f')
                        code |= unsigned(h - 'a' + 10);
                    else if (h >= 'A' && h <= 'F')
                        code |= unsigned(h - 'A' + 10);
                    else
                        return fail(error, "bad \\u escape");
                }
                appendUtf8(out, code);
                break;
            }
            default:
                return fail(error, "unknown escape");
            }
        }
        return fail(error, "unterminated string");
    }
    static void appendUtf8(std::string &out, unsigned code)
    {
        if (code < 0x80) {
            out += char(code);
        } else if (code < 0x800) {
            out += char(0xC0 | (code >> 6));
            out += char(0x80 | (code & 0x3F));
        } else {
            out += char(0xE0 | (code >> 12));
            out += char(0x80 | ((code >> 6) & 0x3F));
            out += char(0x80 | (code & 0x3F));
        }
    }
    bool literal(const char *word)
    {
        std::size_t n = std::char_traits<char>::length(word);
        if (m_s.compare(m_pos, n, word) != 0)
            return false;
        m_pos += n;
        return true;
    }
    bool value(JsonValue &v, std::string &error)
    {
        char c = peek();
        if (c == '"') {
            v.kind = JsonValue::String;
            return string(v.s, error);
        }
        if (literal("true")) {
            v.kind = JsonValue::Bool;
            v.b = true;
            return true;
        }
        if (literal("false")) {
            v.kind = JsonValue::Bool;
            v.b = false;
            return true;
        }
        if (literal("null")) {
            v.kind = JsonValue::Null;
            return true;
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            std::size_t start = m_pos;
            if (c == '-')
                ++m_pos;
            while (peek() >= '0' && peek() <= '9')
                ++m_pos;
            if (peek() == '.' || peek() == 'e' || peek() == 'E')
                return fail(error, "only integers are expected");
            if (m_pos == start + (c == '-' ? 1 : 0))
                return fail(error, "bad number");
            v.kind = JsonValue::Int;
            v.i = std::stoll(m_s.substr(start, m_pos - start));
            return true;
        }
        return fail(error, "expected a value");
    }

    const std::string &m_s;
    std::size_t m_pos = 0;
};

std::string getString(const JsonObject &o, const char *key)
{
    auto it = o.find(key);
    return it != o.end() && it->second.kind == JsonValue::String ? it->second.s : std::string();
}

std::int64_t getInt(const JsonObject &o, const char *key, std::int64_t fallback)
{
    auto it = o.find(key);
    return it != o.end() && it->second.kind == JsonValue::Int ? it->second.i : fallback;
}

bool getBool(const JsonObject &o, const char *key)
{
    auto it = o.find(key);
    return it != o.end() && it->second.kind == JsonValue::Bool && it->second.b;
}

} // namespace

bool parseJsonObject(const std::string &line, JsonObject &out, std::string &error)
{
    Parser p(line);
    return p.object(out, error);
}

bool eventFromJson(const JsonObject &o, Event &e, std::string &error)
{
    const std::string type = getString(o, "type");
    if (type.empty()) {
        error = "no \"type\"";
        return false;
    }
    if (!parseEventType(type, e.type)) {
        error = "unknown type \"" + type + "\"";
        return false;
    }
    // Names become the program's vocabulary here, at the edge; a name that is not one is an
    // error naming its field.
    const bool hasEp = e.type == EventType::Call || e.type == EventType::State
                       || e.type == EventType::Timer;
    auto word = [&o, &error](const char *key, auto parse, auto &field) {
        const std::string v = getString(o, key);
        if (parse(v, field))
            return true;
        error = std::string(key) + ": \"" + v + "\" is not a valid value";
        return false;
    };
    e.t = getInt(o, "t", 0);
    if (hasEp && !word("ep", parseEndpoint, e.ep))
        return false;
    if (e.type == EventType::Call
        && !word("call", [](const std::string &v, tcp::Call &c) { return tcp::parseCall(v, c); },
                 e.call))
        return false;
    e.arg = getInt(o, "arg", -1);
    e.result = getString(o, "result");
    e.tEnd = getInt(o, "t_end", kNoTime);
    if (e.type == EventType::Segment
        && (!word("src", parseEndpoint, e.src) || !word("dst", parseEndpoint, e.dst)
            || !word("flags",
                     [](const std::string &v, std::uint8_t &f) { return tcp::parseFlags(v, f); },
                     e.flags)))
        return false;
    e.seq = std::uint32_t(getInt(o, "seq", 0));
    e.ack = std::uint32_t(getInt(o, "ack", 0));
    e.seqAbs = std::uint32_t(getInt(o, "seq_abs", 0));
    e.ackAbs = std::uint32_t(getInt(o, "ack_abs", 0));
    e.len = std::uint32_t(getInt(o, "len", 0));
    e.win = std::uint32_t(getInt(o, "win", 0));
    e.options = getString(o, "options");
    e.dropped = getString(o, "fate") == "dropped";
    e.rtx = getBool(o, "rtx");
    e.tArrive = getInt(o, "t_arrive", kNoTime);
    auto state = [](const std::string &v, tcp::State &st) { return tcp::parseState(v, st); };
    if (e.type == EventType::State
        && (!word("from", state, e.from) || !word("to", state, e.to)
            || !word("source", parseStateSource, e.source)))
        return false;
    e.cause = getString(o, "cause");
    if (e.type == EventType::Timer
        && (!word("timer",
                  [](const std::string &v, tcp::Timer &t) { return tcp::parseTimer(v, t); },
                  e.timer)
            || !word("action",
                     [](const std::string &v, tcp::TimerAction &a) {
                         return tcp::parseTimerAction(v, a);
                     },
                     e.action)))
        return false;
    e.deadline = getInt(o, "deadline", kNoTime);
    e.text = getString(o, "text");
    e.line = int(getInt(o, "line", 0));
    return true;
}

bool readJsonl(std::istream &in, Trace &out, std::string &error)
{
    std::string line;
    int lineNo = 0;
    while (std::getline(in, line)) {
        ++lineNo;
        if (line.find_first_not_of(" \t\r") == std::string::npos)
            continue;
        JsonObject obj;
        Event e;
        std::string why;
        if (!parseJsonObject(line, obj, why) || !eventFromJson(obj, e, why)) {
            error = "line " + std::to_string(lineNo) + ": " + why;
            return false;
        }
        out.add(std::move(e));
    }
    return true;
}

} // namespace tcplab
