// The scenario language: one line at a time, every mistake reported with its line and column.
// The grammar is documented in docs/scenario-language.md.
#include "scenario/scenario.h"
#include "scenario/words.h"
#include "tcp/segment.h"

#include <cctype>
#include <map>

namespace scenario {

const char *modeName(Mode m)
{
    switch (m) {
    case Mode::Sim:
        return "sim";
    case Mode::Live:
        return "live";
    case Mode::Both:
        return "both";
    }
    return "both";
}

std::string ParseError::format(const std::string &fileName) const
{
    const std::string where = std::to_string(line) + ":" + std::to_string(column) + ": ";
    return fileName.empty() ? where + message : fileName + ":" + where + message;
}

namespace {

using words::contains;
using words::join;
using words::suggest;

// The length of the well-formed UTF-8 sequence at s[i], or 0 for a byte that does not start
// one (a stray continuation byte, 0xC0/0xC1/0xF5..0xFF, a truncated sequence).
std::size_t utf8Length(const std::string &s, std::size_t i)
{
    const auto byte = [&s](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char b = byte(i);
    const std::size_t n = b < 0x80 ? 1 : b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3
                                     : b >= 0xF0 && b <= 0xF4   ? 4
                                                                : 0;
    if (n == 0 || i + n > s.size())
        return 0;
    for (std::size_t k = i + 1; k < i + n; ++k) {
        if ((byte(k) & 0xC0) != 0x80)
            return 0;
    }
    return n;
}

// A word as a message shows it: control characters and bytes that are not UTF-8 come out as
// \xNN, so that a NUL or a stray 0xFF in a file cannot garble the terminal or the message.
std::string printable(const std::string &s)
{
    static const char kHex[] = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        const unsigned char b = static_cast<unsigned char>(s[i]);
        const std::size_t n = utf8Length(s, i);
        if (n == 0 || b < 0x20 || b == 0x7F) {
            out += "\\x";
            out += kHex[b >> 4];
            out += kHex[b & 0xF];
            ++i;
        } else {
            out.append(s, i, n);
            i += n;
        }
    }
    return out;
}

std::string quote(const std::string &s) { return "\"" + printable(s) + "\""; }

std::string didYouMean(const std::string &hint)
{
    return hint.empty() ? std::string() : " (did you mean " + quote(hint) + "?)";
}

bool isSpace(char c) { return c == ' ' || c == '\t'; }

bool allDigits(const std::string &s)
{
    if (s.empty())
        return false;
    for (char c : s) {
        if (!std::isdigit(static_cast<unsigned char>(c)))
            return false;
    }
    return true;
}

// Columns count characters, not bytes: a title may hold "—" or CJK text.
int columnAt(const std::string &line, std::size_t pos)
{
    int col = 1;
    for (std::size_t i = 0; i < pos && i < line.size(); ++i) {
        if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80)
            ++col;
    }
    return col;
}

std::size_t skipSpace(const std::string &s, std::size_t pos)
{
    while (pos < s.size() && isSpace(s[pos]))
        ++pos;
    return pos;
}

std::size_t trimEnd(const std::string &s, std::size_t from, std::size_t to)
{
    while (to > from && isSpace(s[to - 1]))
        --to;
    return to;
}

struct Token {
    std::string text;
    int col = 0;
    std::size_t begin = 0; // byte offsets in the line
};

// Words split at blanks; "->" and a trailing "&" are words of their own, so that
// "client->server", "client -> server" and "connect&" all read the same.
std::vector<Token> tokenize(const std::string &line, std::size_t from, std::size_t to)
{
    std::vector<Token> out;
    auto push = [&](std::size_t b, std::size_t e) {
        if (e > b)
            out.push_back({line.substr(b, e - b), columnAt(line, b), b});
    };
    std::size_t pos = skipSpace(line, from);
    while (pos < to) {
        std::size_t end = pos;
        while (end < to && !isSpace(line[end]))
            ++end;
        std::size_t p = pos;
        while (p < end) {
            const std::size_t arrow = line.find("->", p);
            if (arrow != std::string::npos && arrow + 2 <= end) {
                push(p, arrow);
                push(arrow, arrow + 2);
                p = arrow + 2;
            } else if (line[end - 1] == '&' && end - 1 > p) {
                push(p, end - 1);
                push(end - 1, end);
                p = end;
            } else {
                push(p, end);
                p = end;
            }
        }
        pos = skipSpace(line, end);
    }
    return out;
}

const std::vector<std::string> &knownErrors()
{
    static const std::vector<std::string> w{
        "ECONNREFUSED", "ECONNRESET", "EPIPE",        "ETIMEDOUT",    "EAGAIN",
        "EINPROGRESS",  "ENOTCONN",   "EISCONN",      "EALREADY",     "EADDRINUSE",
        "EINVAL",       "EWOULDBLOCK", "ECONNABORTED", "EHOSTUNREACH", "ENETUNREACH"};
    return w;
}

bool isErrorName(const std::string &s)
{
    if (s.size() < 2 || s[0] != 'E')
        return false;
    for (std::size_t i = 1; i < s.size(); ++i) {
        if (s[i] < 'A' || s[i] > 'Z')
            return false;
    }
    return true;
}

// A duration beyond kMaxDuration: one day is far beyond anything TCP waits for (2MSL is
// 60 s on Linux, the longest retransmission timeout 120 s), and keeps time sums far from
// overflow (scenario.h).
std::string durationRange(const std::string &text)
{
    return "duration " + quote(text) + " is out of range: a duration is at most "
           + formatDuration(kMaxDuration) + " (one day)";
}

// What is wrong with a word that parseDuration() refused.
std::string durationProblem(const std::string &text)
{
    std::size_t i = 0;
    while (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.'))
        ++i;
    const bool numeric = i > 0 && std::isdigit(static_cast<unsigned char>(text[0]));
    if (numeric && i == text.size())
        return "duration needs a unit: 40ms, 2s";
    if (numeric) {
        const std::string unit = text.substr(i);
        if (unit != "us" && unit != "ms" && unit != "s" && unit != "min")
            return "unknown unit " + quote(unit) + " in " + quote(text) + "; use us, ms, s or min";
        if (text.find('.') != std::string::npos && text.find('.') == text.rfind('.')
            && text.find('.') + 1 < i)
            return "duration " + quote(text) + " is not a whole number of microseconds";
        if (text.find('.') == std::string::npos)
            return durationRange(text); // too many digits for parseDuration
    }
    return "expected a duration such as 40ms or 2s, found " + quote(text);
}

// A longer line is not read at all: tokenizing, columns and suggestions then cost at most
// what a 4 kB line costs, whatever the file holds.
std::string lineTooLong(std::size_t bytes)
{
    return "the line is " + std::to_string(bytes) + " bytes long; a line holds at most "
           + std::to_string(kMaxLineLength) + " bytes";
}

std::string tooManyLines()
{
    return "the file goes on past line " + std::to_string(kMaxLines)
           + "; a scenario holds at most " + std::to_string(kMaxLines) + " lines";
}

enum class LineKind { Blank, Note, Header, Step };

// One line of a file: what kind it is, and the parse of its header or step.
class LineParser {
public:
    LineParser(const std::string &line, int lineNo) : m_line(line), m_lineNo(lineNo)
    {
        const std::size_t start = skipSpace(m_line, 0);
        std::size_t firstEnd = start;
        while (firstEnd < m_line.size() && !isSpace(m_line[firstEnd]))
            ++firstEnd;
        // A note keeps its '#': it is prose for the diagram ("note segment #3 is lost").
        if (m_line.compare(start, firstEnd - start, "note") == 0) {
            m_kind = LineKind::Note;
            m_noteWordEnd = firstEnd;
            m_noteBegin = skipSpace(m_line, firstEnd);
            m_noteEnd = trimEnd(m_line, m_noteBegin, m_line.size());
            m_firstCol = columnAt(m_line, start);
            return;
        }
        std::size_t contentEnd = m_line.find('#');
        if (contentEnd == std::string::npos)
            contentEnd = m_line.size();
        contentEnd = trimEnd(m_line, start, contentEnd);
        if (start >= contentEnd) {
            m_kind = LineKind::Blank;
            return;
        }
        m_contentEnd = contentEnd;
        m_firstCol = columnAt(m_line, start);
        // "key: value" where key is a word of letters and '-' that is not a step word.
        std::size_t k = start;
        while (k < contentEnd && (std::isalpha(static_cast<unsigned char>(m_line[k]))
                                  || m_line[k] == '-' || m_line[k] == '_'))
            ++k;
        if (k > start && k < contentEnd && m_line[k] == ':'
            && !contains(stepKeywords(), m_line.substr(start, k - start))) {
            m_kind = LineKind::Header;
            m_key = m_line.substr(start, k - start);
            m_valueBegin = skipSpace(m_line, k + 1);
            m_tokens = tokenize(m_line, m_valueBegin, contentEnd);
            return;
        }
        m_kind = LineKind::Step;
        m_tokens = tokenize(m_line, start, contentEnd);
    }

    LineKind kind() const { return m_kind; }
    const std::string &key() const { return m_key; }
    int firstColumn() const { return m_firstCol; }
    const ParseError &error() const { return m_error; }

    // ---- The grammar: one row per header and per step keyword. A row serves dispatch, the
    // "did you mean" suggestions and the lists in error messages; adding a header or a step
    // kind is one row and one parse function. ----
    struct HeaderRule {
        const char *key;     // without the colon
        const char *example; // a value, for messages: "5ms"
        bool (LineParser::*parse)(Scenario &, const HeaderRule &);
        std::string Scenario::*text = nullptr;   // textHeader
        std::int64_t Scenario::*time = nullptr;  // durationHeader
        bool Scenario::*flag = nullptr;          // onOffHeader
        bool allowZero = false;                  // durationHeader: 0 is a valid value
    };
    struct StepRule {
        const char *keyword;
        bool (LineParser::*parse)(const Token &first, Step &);
    };

    static const std::vector<HeaderRule> &headerRules()
    {
        static const std::vector<HeaderRule> rules{
            {"title", "Lost final ACK", &LineParser::textHeader, &Scenario::title},
            {"why", "the one sentence it teaches", &LineParser::textHeader, &Scenario::why},
            {"mode", "both", &LineParser::modeHeader},
            {"latency", "5ms", &LineParser::durationHeader, nullptr, &Scenario::latency,
             nullptr, true},
            {"msl", "30s", &LineParser::durationHeader, nullptr, &Scenario::msl},
            {"rto", "1s", &LineParser::durationHeader, nullptr, &Scenario::rto},
            {"delayed-ack", "on", &LineParser::onOffHeader, nullptr, nullptr,
             &Scenario::delayedAck},
            {"isn", "client 1000 server 5000", &LineParser::isnHeader},
            {"handshake", "two-way", &LineParser::handshakeHeader},
            {"time-wait", "off", &LineParser::onOffHeader, nullptr, nullptr, &Scenario::timeWait},
        };
        return rules;
    }

    static const std::vector<StepRule> &stepRules()
    {
        static const std::vector<StepRule> rules{
            {"client", &LineParser::callStep},    {"server", &LineParser::callStep},
            {"wait", &LineParser::waitStep},      {"sleep", &LineParser::sleepStep},
            {"drop", &LineParser::faultStep},     {"duplicate", &LineParser::faultStep},
            {"delay", &LineParser::faultStep},    {"expect", &LineParser::expectStep},
            {"note", &LineParser::emptyNoteStep}, {"inject", &LineParser::injectStep},
        };
        return rules;
    }

public:
    static std::vector<std::string> headerKeys()
    {
        std::vector<std::string> out;
        for (const HeaderRule &r : headerRules())
            out.push_back(r.key);
        return out;
    }
    static std::vector<std::string> stepKeywords()
    {
        std::vector<std::string> out;
        for (const StepRule &r : stepRules())
            out.push_back(r.keyword);
        return out;
    }
    // "a step starts with client, server, ... or inject"
    static std::string stepList()
    {
        return "a step starts with " + listWithLast(stepKeywords(), "", " or ");
    }

    bool parseStep(Step &s)
    {
        s = Step();
        s.line = m_lineNo;
        s.column = m_firstCol;
        if (m_kind == LineKind::Note) {
            NoteStep n{m_line.substr(m_noteBegin, m_noteEnd - m_noteBegin)};
            if (n.text.empty())
                return fail(columnAt(m_line, m_noteWordEnd),
                            "\"note\" needs a text, e.g. note the final ACK is lost");
            s.body = std::move(n);
            return true;
        }
        const Token &w = next();
        for (const StepRule &r : stepRules()) {
            if (w.text == r.keyword)
                return (this->*r.parse)(w, s);
        }
        return unknownStep(w);
    }

    bool parseHeader(Scenario &sc)
    {
        for (const HeaderRule &r : headerRules()) {
            if (m_key == r.key)
                return (this->*r.parse)(sc, r);
        }
        const std::string hint = suggest(m_key, headerKeys());
        return fail(m_firstCol, "unknown header " + quote(m_key + ":")
                                    + (hint.empty() ? "; the headers are "
                                                          + listWithLast(headerKeys(), ":", " and ")
                                                    : didYouMean(hint + ":")));
    }

    bool fail(int col, const std::string &message)
    {
        m_error.line = m_lineNo;
        m_error.column = col;
        m_error.message = message;
        return false;
    }

private:
    // "a, b, c and d" (with suffix after each word: "title:, why: and isn:")
    static std::string listWithLast(const std::vector<std::string> &words,
                                    const std::string &suffix, const std::string &last)
    {
        std::string out;
        for (std::size_t i = 0; i < words.size(); ++i) {
            if (i > 0)
                out += i + 1 == words.size() ? last : ", ";
            out += words[i] + suffix;
        }
        return out;
    }

    std::string headerName() const { return quote(m_key + ":"); }

    bool atEnd() const { return m_pos >= m_tokens.size(); }
    const Token &peek() const { return m_tokens[m_pos]; }
    const Token &next() { return m_tokens[m_pos++]; }
    // Where a missing word would go: just after the last word of the line.
    int endColumn() const
    {
        if (m_tokens.empty())
            return columnAt(m_line, m_contentEnd);
        const Token &t = m_tokens.back();
        return columnAt(m_line, t.begin + t.text.size());
    }

    bool end(const std::string &expected)
    {
        if (atEnd())
            return true;
        const Token &t = peek();
        return fail(t.col, "unexpected " + quote(t.text)
                               + (expected.empty() ? std::string() : "; expected " + expected));
    }

    bool unknown(const Token &t, const std::string &what, const std::vector<std::string> &known,
                 const std::string &listMessage)
    {
        const std::string hint = suggest(t.text, known);
        return fail(t.col, "unknown " + what + " " + quote(t.text)
                               + (hint.empty() ? listMessage : didYouMean(hint)));
    }

    bool unknownStep(const Token &w)
    {
        if (contains(headerKeys(), w.text))
            return fail(w.col, "missing \":\" after " + quote(w.text) + ": a header reads \""
                                   + w.text + ": ...\"");
        if (contains(words::calls(), w.text))
            return fail(w.col, quote(w.text) + " needs an endpoint first: client " + w.text
                                   + " or server " + w.text);
        return unknown(w, "step", stepKeywords(), "; " + stepList());
    }

    // ---- Headers ----
    bool textHeader(Scenario &sc, const HeaderRule &r)
    {
        if (m_valueBegin >= m_contentEnd)
            return fail(endColumn(), headerName() + " needs a text");
        sc.*r.text = m_line.substr(m_valueBegin, m_contentEnd - m_valueBegin);
        return true;
    }

    bool modeHeader(Scenario &sc, const HeaderRule &)
    {
        if (atEnd())
            return fail(endColumn(), headerName() + " needs a value: sim, live or both");
        const Token &t = next();
        static const std::vector<std::string> modes{"sim", "live", "both"};
        if (t.text == "sim")
            sc.mode = Mode::Sim;
        else if (t.text == "live")
            sc.mode = Mode::Live;
        else if (t.text == "both")
            sc.mode = Mode::Both;
        else
            return unknown(t, "mode", modes, "; expected sim, live or both");
        return end(std::string());
    }

    bool onOffHeader(Scenario &sc, const HeaderRule &r)
    {
        if (atEnd())
            return fail(endColumn(), headerName() + " needs a value: on or off");
        const Token &t = next();
        if (t.text != "on" && t.text != "off")
            return fail(t.col, "expected on or off, found " + quote(t.text)
                                   + didYouMean(suggest(t.text, {"on", "off"})));
        sc.*r.flag = t.text == "on";
        return end(std::string());
    }

    bool durationHeader(Scenario &sc, const HeaderRule &r)
    {
        std::int64_t us = 0;
        if (!duration(us, headerName() + " needs a duration such as " + r.example))
            return false;
        if (us == 0 && !r.allowZero)
            return fail(m_tokens[m_pos - 1].col, headerName() + " must be more than 0");
        sc.*r.time = us;
        return end(std::string());
    }

    bool handshakeHeader(Scenario &sc, const HeaderRule &)
    {
        static const std::vector<std::string> kinds{"three-way", "two-way"};
        if (atEnd())
            return fail(endColumn(), headerName() + " needs a value: three-way or two-way");
        const Token &t = next();
        if (t.text == "three-way")
            sc.handshake = Handshake::ThreeWay;
        else if (t.text == "two-way")
            sc.handshake = Handshake::TwoWay;
        else
            return unknown(t, "handshake", kinds, "; expected three-way or two-way");
        return end(std::string());
    }

    bool isnHeader(Scenario &sc, const HeaderRule &)
    {
        const std::string usage = "\"isn:\" reads isn: client 1000 server 5000";
        std::map<tcplab::EndpointId, std::uint32_t> isns;
        while (!atEnd()) {
            const Token &ep = next();
            tcplab::EndpointId id;
            if (!contains(words::endpoints(), ep.text) || !tcplab::parseEndpoint(ep.text, id))
                return unknown(ep, "endpoint", words::endpoints(), "; " + usage);
            if (isns.count(id))
                return fail(ep.col, ep.text + " given twice; " + usage);
            if (atEnd())
                return fail(endColumn(), "expected a sequence number after " + quote(ep.text));
            std::int64_t value = 0;
            if (!number(value, 0, 0xFFFFFFFF, "a sequence number", next()))
                return false;
            isns[id] = static_cast<std::uint32_t>(value);
        }
        if (isns.size() < words::endpoints().size())
            return fail(endColumn(), usage);
        sc.isns = isns;
        return true;
    }

    // ---- Words inside steps ----
    bool endpoint(tcplab::EndpointId &out, const std::string &after)
    {
        if (atEnd())
            return fail(endColumn(), "expected client or server after " + quote(after));
        const Token &t = next();
        if (!contains(words::endpoints(), t.text) || !tcplab::parseEndpoint(t.text, out))
            return unknown(t, "endpoint", words::endpoints(), "; expected client or server");
        return true;
    }

    bool state(tcp::State &out, const std::string &after)
    {
        if (atEnd())
            return fail(endColumn(), "expected a state after " + quote(after) + ", e.g. ESTABLISHED");
        const Token &t = next();
        if (!contains(words::states(), t.text) || !tcp::parseState(t.text, out))
            return unknownState(t);
        return true;
    }

    bool unknownState(const Token &t)
    {
        const std::string hint = words::suggestState(t.text);
        return fail(t.col, "unknown state " + quote(t.text)
                               + (hint.empty() ? "; the eleven TCP states are "
                                                     + join(words::states())
                                               : didYouMean(hint)));
    }

    bool duration(std::int64_t &us, const std::string &missing)
    {
        if (atEnd())
            return fail(endColumn(), missing);
        const Token &t = next();
        if (!parseDuration(t.text, us))
            return fail(t.col, durationProblem(t.text));
        if (us > kMaxDuration)
            return fail(t.col, durationRange(t.text));
        return true;
    }

    // A whole number from min to max; the message names the range: "expected a byte count
    // from 1 to 1000000000, found ...".
    bool number(std::int64_t &n, std::int64_t min, std::int64_t max, const std::string &what,
                const Token &t)
    {
        const std::string expected = "expected " + what + " from " + std::to_string(min) + " to "
                                     + std::to_string(max) + ", found " + quote(t.text);
        if (!inRange(t.text, min, max, n))
            return fail(t.col, expected);
        return true;
    }

    // Digits only, value from min to max (max < 10^18, so that 18 digits cannot overflow).
    static bool inRange(const std::string &text, std::int64_t min, std::int64_t max,
                        std::int64_t &n)
    {
        if (!allDigits(text))
            return false;
        const std::size_t nz = text.find_first_not_of('0');
        if (nz != std::string::npos && text.size() - nz > 18)
            return false;
        n = nz == std::string::npos ? 0 : std::stoll(text.substr(nz));
        return n >= min && n <= max;
    }

    bool timeoutAndEnd(std::int64_t &timeout, bool *background, const std::string &expected)
    {
        if (!atEnd() && peek().text == "timeout") {
            next();
            if (!duration(timeout, "\"timeout\" needs a duration such as 2s"))
                return false;
        } else if (!atEnd() && !(background && peek().text == "&")) {
            return end(expected);
        }
        if (background && !atEnd() && peek().text == "&") {
            next();
            *background = true;
            if (!atEnd())
                return fail(peek().col, "unexpected " + quote(peek().text) + "; \"&\" ends the step");
        }
        return end(background ? "\"&\"" : std::string());
    }

    bool direction(tcplab::EndpointId &src, tcplab::EndpointId &dst, const std::string &after)
    {
        if (atEnd())
            return fail(endColumn(),
                        "expected a direction such as client->server after " + quote(after));
        if (!endpoint(src, after))
            return false;
        const std::string srcName = tcplab::endpointName(src);
        if (atEnd() || peek().text != "->")
            return fail(atEnd() ? endColumn() : peek().col,
                        "expected \"->\" after " + quote(srcName) + ": a direction is written "
                            + srcName + "->" + (src.isClient() ? "server" : "client"));
        next();
        if (!endpoint(dst, srcName + "->"))
            return false;
        if (dst == src)
            return fail(m_tokens[m_pos - 1].col,
                        "a direction joins the two endpoints: client->server or server->client");
        return true;
    }

    // "FIN+ACK", "ACK+FIN" -> the tcp::Flag bits.
    bool flags(std::uint8_t &out, const Token &t)
    {
        static const char *const kMessage = "; flags are SYN, FIN, RST, PSH, ACK joined by +";
        out = 0;
        std::size_t p = 0;
        while (true) {
            std::size_t plus = t.text.find('+', p);
            if (plus == std::string::npos)
                plus = t.text.size();
            const std::string part = t.text.substr(p, plus - p);
            const int col = columnAt(m_line, t.begin + p);
            if (part.empty())
                return fail(col, "empty flag in " + quote(t.text) + kMessage);
            std::uint8_t bit = 0;
            if (!contains(words::flagNames(), part) || !tcp::parseFlags(part, bit)) {
                const std::string hint = suggest(part, words::flagNames());
                return fail(col, "unknown flag " + quote(part)
                                     + (hint.empty() ? std::string(kMessage) : didYouMean(hint)));
            }
            if (out & bit)
                return fail(col, "flag " + quote(part) + " given twice in " + quote(t.text));
            out |= bit;
            if (plus == t.text.size())
                break;
            p = plus + 1;
        }
        return true;
    }

    // ---- Steps ----
    bool callStep(const Token &ep, Step &s)
    {
        CallStep c;
        tcplab::parseEndpoint(ep.text, c.ep);
        if (atEnd())
            return fail(endColumn(), "expected a call after " + quote(ep.text) + ": "
                                         + join(words::calls()));
        const Token &w = next();
        if (!contains(words::calls(), w.text) || !tcp::parseCall(w.text, c.call))
            return unknown(w, "call", words::calls(), "; the calls are " + join(words::calls()));
        if (c.call == tcp::Call::Send) {
            if (atEnd() || peek().text == "timeout" || peek().text == "&")
                return fail(atEnd() ? endColumn() : peek().col,
                            "\"send\" needs a byte count, e.g. " + ep.text + " send 100");
            if (!number(c.arg, 1, kMaxByteCount, "a byte count", next()))
                return false;
        } else if (c.call == tcp::Call::Recv && !atEnd()
                   && std::isdigit(static_cast<unsigned char>(peek().text[0]))) {
            if (!number(c.arg, 1, kMaxByteCount, "a byte count", next()))
                return false;
        }
        const bool ok = timeoutAndEnd(c.timeout, &c.background,
                                      c.call == tcp::Call::Recv && c.arg < 0
                                          ? "a byte count, \"timeout\" or \"&\""
                                          : "\"timeout\" or \"&\"");
        s.body = c;
        return ok;
    }

    bool waitStep(const Token &, Step &s)
    {
        WaitStep w;
        if (!endpoint(w.ep, "wait") || !state(w.state, "wait " + tcplab::endpointName(w.ep)))
            return false;
        const bool ok = timeoutAndEnd(w.timeout, nullptr, "\"timeout\"");
        s.body = w;
        return ok;
    }

    bool sleepStep(const Token &, Step &s)
    {
        SleepStep sl;
        if (!duration(sl.duration, "\"sleep\" needs a duration such as 200ms"))
            return false;
        s.body = sl;
        return end(std::string());
    }

    bool emptyNoteStep(const Token &, Step &)
    {
        return fail(endColumn(), "\"note\" needs a text, e.g. note the final ACK is lost");
    }

    bool faultStep(const Token &action, Step &s)
    {
        FaultStep f;
        f.action = action.text == "drop"        ? FaultAction::Drop
                   : action.text == "duplicate" ? FaultAction::Duplicate
                                                : FaultAction::Delay;
        const bool isDrop = f.action == FaultAction::Drop;
        const bool isDelay = f.action == FaultAction::Delay;
        const std::string example = action.text + " next client->server";
        if (atEnd())
            return fail(endColumn(), "expected \"next\"" + std::string(isDrop ? ", \"all\"" : "")
                                         + " or a direction after " + quote(action.text)
                                         + ", e.g. " + example);
        const Token &first = peek();
        bool needFlags = true;
        if (first.text == "next") {
            next();
            if (!direction(f.src, f.dst, action.text + " next"))
                return false;
            needFlags = false;
        } else if (first.text == "all") {
            if (!isDrop)
                return fail(first.col, "\"all\" works only with drop: drop all client->server");
            next();
            f.all = true;
            if (!direction(f.src, f.dst, "drop all"))
                return false;
            if (!atEnd()) {
                std::uint8_t bits = 0;
                if (!flags(bits, next()))
                    return false;
                f.flags = bits;
            }
            needFlags = false;
        } else if (contains(words::endpoints(), first.text)) {
            if (!direction(f.src, f.dst, action.text))
                return false;
        } else {
            std::vector<std::string> known{"next", "client", "server"};
            if (isDrop)
                known.push_back("all");
            return fail(first.col, "expected \"next\"" + std::string(isDrop ? ", \"all\"" : "")
                                       + " or a direction such as client->server after "
                                       + quote(action.text) + ", found " + quote(first.text)
                                       + didYouMean(suggest(first.text, known)));
        }
        if (needFlags) {
            if (atEnd() || peek().text == "nth" || peek().text == "by")
                return fail(atEnd() ? endColumn() : peek().col,
                            "expected flags such as FIN+ACK after the direction (or write "
                            + quote(example) + ")");
            std::uint8_t bits = 0;
            if (!flags(bits, next()))
                return false;
            f.flags = bits;
            if (!atEnd() && peek().text == "nth") {
                next();
                if (atEnd())
                    return fail(endColumn(), "\"nth\" needs a number, e.g. nth 2");
                std::int64_t n = 0;
                if (!number(n, 1, kMaxNth, "a number", next()))
                    return false;
                f.nth = static_cast<int>(n);
            }
        }
        s.body = f;
        if (isDelay) {
            const std::string missing = "\"delay\" needs \"by DURATION\", e.g. " + example
                                        + " by 100ms";
            if (atEnd())
                return fail(endColumn(), missing);
            if (peek().text != "by")
                return fail(peek().col, "unexpected " + quote(peek().text) + "; " + missing);
            next();
            if (!duration(s.as<FaultStep>().delay, "\"by\" needs a duration such as 100ms"))
                return false;
            return end(std::string());
        }
        return end(needFlags && f.nth == 1 ? "\"nth N\"" : std::string());
    }

    bool expectStep(const Token &, Step &s)
    {
        ExpectStep x;
        if (!endpoint(x.ep, "expect"))
            return false;
        const std::string epName = tcplab::endpointName(x.ep);
        if (atEnd())
            return fail(endColumn(),
                        "expected a state or \"returned\" after " + quote("expect " + epName));
        const Token &t = next();
        if (t.text == "returned") {
            x.returned = true;
            if (atEnd())
                return fail(endColumn(), "\"returned\" needs a value: a byte count, EOF or an "
                                         "error name such as ECONNRESET");
            const Token &v = next();
            if (allDigits(v.text)) {
                // No call returns more than it may be asked for: send N and recv N.
                std::int64_t n = 0;
                if (!number(n, 0, kMaxByteCount, "a byte count", v))
                    return false;
                x.value = std::to_string(n);
            } else if (v.text == "EOF" || isErrorName(v.text)) {
                x.value = v.text;
            } else {
                std::vector<std::string> known = knownErrors();
                known.insert(known.begin(), "EOF");
                return unknown(v, "value", known,
                               "; expected a byte count, EOF or an error name such as "
                               "ECONNRESET");
            }
            s.body = x;
            return end(std::string());
        }
        if (contains(words::states(), t.text) && tcp::parseState(t.text, x.state)) {
            s.body = x;
            return end(std::string());
        }
        if (words::suggestState(t.text).empty() && !suggest(t.text, {"returned"}).empty())
            return fail(t.col, "expected a state or \"returned\", found " + quote(t.text)
                                   + didYouMean("returned"));
        return unknownState(t);
    }

    // inject SRC->DST FLAGS seq N [ack N] [len N]
    bool injectStep(const Token &, Step &s)
    {
        InjectStep in;
        if (!direction(in.src, in.dst, "inject"))
            return false;
        if (atEnd())
            return fail(endColumn(), "expected flags such as SYN after the direction, e.g. "
                                     "inject client->server SYN seq 1000");
        if (!flags(in.flags, next()))
            return false;
        bool seenSeq = false;
        while (!atEnd()) {
            const Token &key = next();
            std::uint32_t *field = key.text == "seq"   ? &in.seq
                                   : key.text == "ack" ? &in.ack
                                   : key.text == "len" ? &in.len
                                                       : nullptr;
            if (!field)
                return fail(key.col, "unexpected " + quote(key.text) + "; expected seq, ack or len"
                                         + didYouMean(suggest(key.text, {"seq", "ack", "len"})));
            if (atEnd())
                return fail(endColumn(), quote(key.text) + " needs a number, e.g. "
                                             + key.text + " 1000");
            // seq and ack are any 32-bit number; a length fits in one IP packet.
            const std::int64_t max = field == &in.len ? kMaxInjectLen : 0xFFFFFFFF;
            std::int64_t value = 0;
            if (!number(value, 0, max, "a number", next()))
                return false;
            *field = static_cast<std::uint32_t>(value);
            seenSeq = seenSeq || key.text == "seq";
        }
        if (!seenSeq)
            return fail(endColumn(), "\"inject\" needs \"seq N\": the segment's sequence number "
                                     "as on the wire");
        s.body = in;
        return true;
    }

    const std::string &m_line;
    int m_lineNo;
    LineKind m_kind = LineKind::Blank;
    int m_firstCol = 1;
    std::size_t m_contentEnd = 0;
    std::size_t m_noteWordEnd = 0, m_noteBegin = 0, m_noteEnd = 0;
    std::string m_key;
    std::size_t m_valueBegin = 0;
    std::vector<Token> m_tokens;
    std::size_t m_pos = 0;
    ParseError m_error;
};

} // namespace

bool parseScenario(const std::string &text, const std::string &fileName, Scenario &out,
                   std::vector<ParseError> &errors)
{
    out = Scenario();
    out.fileName = fileName;
    errors.clear();
    std::map<std::string, int> seenHeaders;
    int lineNo = 0;
    std::size_t pos = 0;
    if (text.compare(0, 3, "\xEF\xBB\xBF") == 0)
        pos = 3; // a UTF-8 byte order mark from some editors
    while (pos <= text.size()) {
        std::size_t eol = text.find('\n', pos);
        if (eol == std::string::npos)
            eol = text.size();
        std::string line = text.substr(pos, eol - pos);
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        ++lineNo;
        const bool last = eol == text.size(); // after a final '\n': nothing, not a line
        pos = eol + 1;
        if (lineNo > kMaxLines && !(last && line.empty())) {
            errors.push_back({lineNo, 1, tooManyLines()});
            break;
        }
        if (line.size() > kMaxLineLength) {
            errors.push_back({lineNo, 1, lineTooLong(line.size())});
            continue;
        }

        LineParser lp(line, lineNo);
        switch (lp.kind()) {
        case LineKind::Blank:
            break;
        case LineKind::Header: {
            const std::string key = "\"" + lp.key() + ":\"";
            const bool known = contains(LineParser::headerKeys(), lp.key());
            if (known && !out.steps.empty()) {
                lp.fail(lp.firstColumn(), key + " must come before the first step");
                errors.push_back(lp.error());
            } else if (known && seenHeaders.count(lp.key())) {
                lp.fail(lp.firstColumn(), key + " given twice (first on line "
                                              + std::to_string(seenHeaders[lp.key()]) + ")");
                errors.push_back(lp.error());
            } else {
                seenHeaders.emplace(lp.key(), lineNo);
                if (!lp.parseHeader(out))
                    errors.push_back(lp.error());
            }
            break;
        }
        case LineKind::Note:
        case LineKind::Step: {
            Step s;
            if (!lp.parseStep(s)) {
                errors.push_back(lp.error());
                s.body = NoteStep{}; // keeps "headers come first" true after a bad step
            }
            out.steps.push_back(s);
            break;
        }
        }
    }
    // A protocol that is not TCP runs in the simulator only: it is where such a scenario runs
    // unless it says otherwise, and it cannot say otherwise.
    if (out.counterfactual()) {
        const auto mode = seenHeaders.find("mode");
        if (mode == seenHeaders.end())
            out.mode = Mode::Sim;
        else if (out.mode != Mode::Sim)
            errors.push_back({mode->second, 1,
                              "a counterfactual protocol (handshake: two-way, time-wait: off) is "
                              "not TCP and runs only in the simulator: write mode: sim"});
    }
    if (errors.empty() && out.steps.empty())
        errors.push_back({1, 1, "the scenario has no steps; add lines such as \"client connect\""});
    if (!errors.empty())
        out.steps.clear();
    return errors.empty();
}

bool parseStepLine(const std::string &line, int lineNo, Step &out, ParseError &error)
{
    std::string l = line;
    while (!l.empty() && (l.back() == '\r' || l.back() == '\n'))
        l.pop_back();
    if (l.size() > kMaxLineLength) {
        error = {lineNo, 1, lineTooLong(l.size())};
        return false;
    }
    LineParser lp(l, lineNo);
    out = Step();
    out.line = lineNo;
    switch (lp.kind()) {
    case LineKind::Blank:
        out.body = NoteStep{};
        out.column = 1;
        return true;
    case LineKind::Header:
        lp.fail(lp.firstColumn(),
                contains(LineParser::headerKeys(), lp.key())
                    ? "\"" + lp.key() + ":\" is a header; headers go at the top of a file, "
                                        "not among the steps"
                    : "unknown step \"" + lp.key() + ":\"; " + LineParser::stepList());
        error = lp.error();
        return false;
    case LineKind::Note:
    case LineKind::Step:
        break;
    }
    if (!lp.parseStep(out)) {
        error = lp.error();
        return false;
    }
    return true;
}

} // namespace scenario

namespace scenario {

const tcplab::EndpointId *Step::endpoint() const
{
    if (const auto *c = getIf<CallStep>())
        return &c->ep;
    if (const auto *w = getIf<WaitStep>())
        return &w->ep;
    if (const auto *x = getIf<ExpectStep>())
        return &x->ep;
    return nullptr;
}

std::uint32_t Scenario::isnFor(tcplab::EndpointId ep) const
{
    const auto it = isns.find(ep);
    if (it != isns.end())
        return it->second;
    // Fixed defaults keep runs reproducible: 1000 for the client, 5000 for the server (and
    // 1000 apart for any further ones).
    return (ep.isClient() ? 1000u : 5000u) + 1000u * (ep.number - 1u);
}

} // namespace scenario
