// The scenario language: one line at a time, every mistake reported with its line and column.
// The grammar is documented in docs/scenario-language.md.
#include "scenario/scenario.h"
#include "scenario/words.h"
#include "tcp/segment.h"

#include <cctype>
#include <map>

// Marks a message template for lupdate (as in lib/tcp/statediagram.cpp): the UI translates it in
// the "scenario" context (trace/message.h); here, without Qt, it is the English text.
#ifndef QT_TRANSLATE_NOOP
#define QT_TRANSLATE_NOOP(context, text) text
#endif

namespace scenario {

using tcplab::Message;
using tcplab::message;
using tcplab::word;

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

Message ParseError::located() const
{
    // (tcplab::message: a member named message hides it here)
    return tcplab::message(QT_TRANSLATE_NOOP("scenario", "line %1, column %2: %3"),
                           std::to_string(line), std::to_string(column),
                           what.empty() ? word(message) : what);
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

// The message, then "(did you mean "connect"?)" when a close word was found.
Message didYouMean(Message m, const std::string &hint)
{
    if (hint.empty())
        return m;
    return message(QT_TRANSLATE_NOOP("scenario", "%1 (did you mean %2?)"), std::move(m),
                   quote(hint));
}

// "first; second": a message and what to do about it, e.g. the list of the known words.
Message clauses(Message first, Message second)
{
    return message(QT_TRANSLATE_NOOP("scenario", "%1; %2"), std::move(first), std::move(second));
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
Message durationRange(const std::string &text)
{
    return message(QT_TRANSLATE_NOOP("scenario",
                                     "duration %1 is out of range: a duration is at most %2 (one "
                                     "day)"),
                   quote(text), formatDuration(kMaxDuration));
}

// What is wrong with a word that parseDuration() refused.
Message durationProblem(const std::string &text)
{
    std::size_t i = 0;
    while (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.'))
        ++i;
    const bool numeric = i > 0 && std::isdigit(static_cast<unsigned char>(text[0]));
    if (numeric && i == text.size())
        return message(QT_TRANSLATE_NOOP("scenario", "duration needs a unit: 40ms, 2s"));
    if (numeric) {
        const std::string unit = text.substr(i);
        if (unit != "us" && unit != "ms" && unit != "s" && unit != "min")
            return message(QT_TRANSLATE_NOOP("scenario", "unknown unit %1 in %2; use us, ms, s or "
                                                         "min"),
                           quote(unit), quote(text));
        if (text.find('.') != std::string::npos && text.find('.') == text.rfind('.')
            && text.find('.') + 1 < i)
            return message(
                QT_TRANSLATE_NOOP("scenario", "duration %1 is not a whole number of microseconds"),
                quote(text));
        if (text.find('.') == std::string::npos)
            return durationRange(text); // too many digits for parseDuration
    }
    return message(
        QT_TRANSLATE_NOOP("scenario", "expected a duration such as 40ms or 2s, found %1"),
        quote(text));
}

// A longer line is not read at all: tokenizing, columns and suggestions then cost at most
// what a 4 kB line costs, whatever the file holds.
Message lineTooLong(std::size_t bytes)
{
    return message(
        QT_TRANSLATE_NOOP("scenario", "the line is %1 bytes long; a line holds at most %2 bytes"),
        std::to_string(bytes), std::to_string(kMaxLineLength));
}

Message tooManyLines()
{
    return message(QT_TRANSLATE_NOOP("scenario", "the file goes on past line %1; a scenario holds "
                                                 "at most %2 lines"),
                   std::to_string(kMaxLines), std::to_string(kMaxLines));
}

ParseError errorAt(int line, int column, const Message &what)
{
    return {line, column, what.english(), what};
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
        // "key: value" where key is a word of letters, '-', '_' and '.' ("title.zh_CN") that
        // is not a step word.
        std::size_t k = start;
        while (k < contentEnd && (std::isalpha(static_cast<unsigned char>(m_line[k]))
                                  || m_line[k] == '-' || m_line[k] == '_' || m_line[k] == '.'))
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
            {"title.zh_CN", "丢失的最后一个 ACK", &LineParser::textHeader,
             &Scenario::titleZhCN},
            {"why.zh_CN", "它要讲明的那一句话", &LineParser::textHeader, &Scenario::whyZhCN},
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
    static Message stepList()
    {
        return message(QT_TRANSLATE_NOOP("scenario", "a step starts with %1"),
                       listWithLast(stepKeywords(), "", QT_TRANSLATE_NOOP("scenario", "%1 or %2")));
    }

    bool parseStep(Step &s)
    {
        s = Step();
        s.line = m_lineNo;
        s.column = m_firstCol;
        if (m_kind == LineKind::Note) {
            NoteStep n{m_line.substr(m_noteBegin, m_noteEnd - m_noteBegin)};
            if (n.text.empty())
                return fail(columnAt(m_line, m_noteWordEnd), noteNeedsText());
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
        const Message unknownHeader =
            message(QT_TRANSLATE_NOOP("scenario", "unknown header %1"), quote(m_key + ":"));
        if (!hint.empty())
            return fail(m_firstCol, didYouMean(unknownHeader, hint + ":"));
        return fail(m_firstCol,
                    clauses(unknownHeader,
                            message(QT_TRANSLATE_NOOP("scenario", "the headers are %1"),
                                    listWithLast(headerKeys(), ":",
                                                 QT_TRANSLATE_NOOP("scenario", "%1 and %2")))));
    }

    bool fail(int col, const Message &what)
    {
        m_error = errorAt(m_lineNo, col, what);
        return false;
    }

private:
    // "a, b, c and d" (with suffix after each word: "title:, why: and isn:"); last joins the
    // last two: "%1 and %2" or "%1 or %2".
    static Message listWithLast(const std::vector<std::string> &words, const std::string &suffix,
                                const char *last)
    {
        std::string head;
        for (std::size_t i = 0; i + 1 < words.size(); ++i)
            head += (i > 0 ? ", " : "") + words[i] + suffix;
        const std::string tail = words.empty() ? std::string() : words.back() + suffix;
        return words.size() < 2 ? word(tail) : message(last, head, tail);
    }

    static Message noteNeedsText()
    {
        return message(QT_TRANSLATE_NOOP("scenario",
                                         "\"note\" needs a text, e.g. note the final ACK is lost"));
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

    // Nothing more on the line, or "unexpected "x"; expected <what could follow>".
    bool end(const Message &expected)
    {
        if (atEnd())
            return true;
        const Token &t = peek();
        if (expected.empty())
            return fail(t.col,
                        message(QT_TRANSLATE_NOOP("scenario", "unexpected %1"), quote(t.text)));
        return fail(t.col, message(QT_TRANSLATE_NOOP("scenario", "unexpected %1; expected %2"),
                                   quote(t.text), expected));
    }

    // unknownWhat ("unknown call %1") with t's text, then "(did you mean ...?)" when a known
    // word is close, else the list (or the hint) that says what would do.
    bool unknown(const Token &t, const char *unknownWhat, const std::vector<std::string> &known,
                 const Message &otherwise)
    {
        const std::string hint = suggest(t.text, known);
        const Message what = message(unknownWhat, quote(t.text));
        return fail(t.col, hint.empty() ? clauses(what, otherwise) : didYouMean(what, hint));
    }

    bool unknownStep(const Token &w)
    {
        if (contains(headerKeys(), w.text))
            return fail(w.col, message(QT_TRANSLATE_NOOP("scenario",
                                                         "missing \":\" after %1: a header reads "
                                                         "\"%2: ...\""),
                                       quote(w.text), w.text));
        if (contains(words::calls(), w.text))
            return fail(w.col, message(QT_TRANSLATE_NOOP("scenario", "%1 needs an endpoint first: "
                                                                     "client %2 or server %2"),
                                       quote(w.text), w.text));
        return unknown(w, QT_TRANSLATE_NOOP("scenario", "unknown step %1"), stepKeywords(),
                       stepList());
    }

    // ---- Headers ----
    bool textHeader(Scenario &sc, const HeaderRule &r)
    {
        if (m_valueBegin >= m_contentEnd)
            return fail(endColumn(),
                        message(QT_TRANSLATE_NOOP("scenario", "%1 needs a text"), headerName()));
        sc.*r.text = m_line.substr(m_valueBegin, m_contentEnd - m_valueBegin);
        return true;
    }

    bool modeHeader(Scenario &sc, const HeaderRule &)
    {
        if (atEnd())
            return fail(endColumn(), message(QT_TRANSLATE_NOOP(
                                                 "scenario", "%1 needs a value: sim, live or both"),
                                             headerName()));
        const Token &t = next();
        static const std::vector<std::string> modes{"sim", "live", "both"};
        if (t.text == "sim")
            sc.mode = Mode::Sim;
        else if (t.text == "live")
            sc.mode = Mode::Live;
        else if (t.text == "both")
            sc.mode = Mode::Both;
        else
            return unknown(t, QT_TRANSLATE_NOOP("scenario", "unknown mode %1"), modes,
                           message(QT_TRANSLATE_NOOP("scenario", "expected sim, live or both")));
        return end({});
    }

    bool onOffHeader(Scenario &sc, const HeaderRule &r)
    {
        if (atEnd())
            return fail(endColumn(),
                        message(QT_TRANSLATE_NOOP("scenario", "%1 needs a value: on or off"),
                                headerName()));
        const Token &t = next();
        if (t.text != "on" && t.text != "off")
            return fail(t.col, didYouMean(message(QT_TRANSLATE_NOOP("scenario",
                                                                    "expected on or off, found %1"),
                                                  quote(t.text)),
                                          suggest(t.text, {"on", "off"})));
        sc.*r.flag = t.text == "on";
        return end({});
    }

    bool durationHeader(Scenario &sc, const HeaderRule &r)
    {
        std::int64_t us = 0;
        if (!duration(us, message(QT_TRANSLATE_NOOP("scenario", "%1 needs a duration such as %2"),
                                  headerName(), r.example)))
            return false;
        if (us == 0 && !r.allowZero)
            return fail(
                m_tokens[m_pos - 1].col,
                message(QT_TRANSLATE_NOOP("scenario", "%1 must be more than 0"), headerName()));
        sc.*r.time = us;
        return end({});
    }

    bool handshakeHeader(Scenario &sc, const HeaderRule &)
    {
        static const std::vector<std::string> kinds{"three-way", "two-way"};
        if (atEnd())
            return fail(
                endColumn(),
                message(QT_TRANSLATE_NOOP("scenario", "%1 needs a value: three-way or two-way"),
                        headerName()));
        const Token &t = next();
        if (t.text == "three-way")
            sc.handshake = Handshake::ThreeWay;
        else if (t.text == "two-way")
            sc.handshake = Handshake::TwoWay;
        else
            return unknown(t, QT_TRANSLATE_NOOP("scenario", "unknown handshake %1"), kinds,
                           message(QT_TRANSLATE_NOOP("scenario", "expected three-way or two-way")));
        return end({});
    }

    bool isnHeader(Scenario &sc, const HeaderRule &)
    {
        const Message usage =
            message(QT_TRANSLATE_NOOP("scenario", "\"isn:\" reads isn: client 1000 server 5000"));
        std::map<tcplab::EndpointId, std::uint32_t> isns;
        while (!atEnd()) {
            const Token &ep = next();
            tcplab::EndpointId id;
            if (!contains(words::endpoints(), ep.text) || !tcplab::parseEndpoint(ep.text, id))
                return unknown(ep, QT_TRANSLATE_NOOP("scenario", "unknown endpoint %1"),
                               words::endpoints(), usage);
            if (isns.count(id))
                return fail(ep.col, message(QT_TRANSLATE_NOOP("scenario", "%1 given twice; %2"),
                                            ep.text, usage));
            if (atEnd())
                return fail(
                    endColumn(),
                    message(QT_TRANSLATE_NOOP("scenario", "expected a sequence number after %1"),
                            quote(ep.text)));
            std::int64_t value = 0;
            if (!number(value, 0, 0xFFFFFFFF,
                        message(QT_TRANSLATE_NOOP("scenario", "a sequence number")), next()))
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
            return fail(endColumn(),
                        message(QT_TRANSLATE_NOOP("scenario", "expected client or server after %1"),
                                quote(after)));
        const Token &t = next();
        if (!contains(words::endpoints(), t.text) || !tcplab::parseEndpoint(t.text, out))
            return unknown(t, QT_TRANSLATE_NOOP("scenario", "unknown endpoint %1"),
                           words::endpoints(),
                           message(QT_TRANSLATE_NOOP("scenario", "expected client or server")));
        return true;
    }

    bool state(tcp::State &out, const std::string &after)
    {
        if (atEnd())
            return fail(endColumn(),
                        message(QT_TRANSLATE_NOOP("scenario",
                                                  "expected a state after %1, e.g. ESTABLISHED"),
                                quote(after)));
        const Token &t = next();
        if (!contains(words::states(), t.text) || !tcp::parseState(t.text, out))
            return unknownState(t);
        return true;
    }

    bool unknownState(const Token &t)
    {
        const std::string hint = words::suggestState(t.text);
        const Message what =
            message(QT_TRANSLATE_NOOP("scenario", "unknown state %1"), quote(t.text));
        if (!hint.empty())
            return fail(t.col, didYouMean(what, hint));
        return fail(t.col, clauses(what, message(QT_TRANSLATE_NOOP("scenario",
                                                                   "the eleven TCP states are %1"),
                                                 join(words::states()))));
    }

    bool duration(std::int64_t &us, const Message &missing)
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
    bool number(std::int64_t &n, std::int64_t min, std::int64_t max, const Message &what,
                const Token &t)
    {
        if (!inRange(t.text, min, max, n))
            return fail(t.col,
                        message(QT_TRANSLATE_NOOP("scenario", "expected %1 from %2 to %3, "
                                                              "found %4"),
                                what, std::to_string(min), std::to_string(max), quote(t.text)));
        return true;
    }

    static Message byteCount() { return message(QT_TRANSLATE_NOOP("scenario", "a byte count")); }
    static Message aNumber() { return message(QT_TRANSLATE_NOOP("scenario", "a number")); }

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

    bool timeoutAndEnd(std::int64_t &timeout, bool *background, const Message &expected)
    {
        if (!atEnd() && peek().text == "timeout") {
            next();
            if (!duration(timeout, message(QT_TRANSLATE_NOOP("scenario", "\"timeout\" needs a "
                                                                         "duration such as 2s"))))
                return false;
        } else if (!atEnd() && !(background && peek().text == "&")) {
            return end(expected);
        }
        if (background && !atEnd() && peek().text == "&") {
            next();
            *background = true;
            if (!atEnd())
                return fail(
                    peek().col,
                    message(QT_TRANSLATE_NOOP("scenario", "unexpected %1; \"&\" ends the step"),
                            quote(peek().text)));
        }
        return end(background ? word("\"&\"") : Message());
    }

    bool direction(tcplab::EndpointId &src, tcplab::EndpointId &dst, const std::string &after)
    {
        if (atEnd())
            return fail(endColumn(),
                        message(QT_TRANSLATE_NOOP("scenario", "expected a direction such as "
                                                              "client->server after %1"),
                                quote(after)));
        if (!endpoint(src, after))
            return false;
        const std::string srcName = tcplab::endpointName(src);
        if (atEnd() || peek().text != "->")
            return fail(atEnd() ? endColumn() : peek().col,
                        message(QT_TRANSLATE_NOOP("scenario", "expected \"->\" after %1: a "
                                                              "direction is written %2"),
                                quote(srcName),
                                srcName + "->" + (src.isClient() ? "server" : "client")));
        next();
        if (!endpoint(dst, srcName + "->"))
            return false;
        if (dst == src)
            return fail(m_tokens[m_pos - 1].col,
                        message(QT_TRANSLATE_NOOP("scenario", "a direction joins the two "
                                                              "endpoints: client->server or "
                                                              "server->client")));
        return true;
    }

    // "FIN+ACK", "ACK+FIN" -> the tcp::Flag bits.
    bool flags(std::uint8_t &out, const Token &t)
    {
        const Message flagList =
            message(QT_TRANSLATE_NOOP("scenario", "flags are SYN, FIN, RST, PSH, ACK joined by +"));
        out = 0;
        std::size_t p = 0;
        while (true) {
            std::size_t plus = t.text.find('+', p);
            if (plus == std::string::npos)
                plus = t.text.size();
            const std::string part = t.text.substr(p, plus - p);
            const int col = columnAt(m_line, t.begin + p);
            if (part.empty())
                return fail(col, clauses(message(QT_TRANSLATE_NOOP("scenario", "empty flag in %1"),
                                                 quote(t.text)),
                                         flagList));
            std::uint8_t bit = 0;
            if (!contains(words::flagNames(), part) || !tcp::parseFlags(part, bit)) {
                const std::string hint = suggest(part, words::flagNames());
                const Message what =
                    message(QT_TRANSLATE_NOOP("scenario", "unknown flag %1"), quote(part));
                return fail(col, hint.empty() ? clauses(what, flagList) : didYouMean(what, hint));
            }
            if (out & bit)
                return fail(col, message(QT_TRANSLATE_NOOP("scenario", "flag %1 given twice in %2"),
                                         quote(part), quote(t.text)));
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
            return fail(endColumn(),
                        message(QT_TRANSLATE_NOOP("scenario", "expected a call after %1: %2"),
                                quote(ep.text), join(words::calls())));
        const Token &w = next();
        if (!contains(words::calls(), w.text) || !tcp::parseCall(w.text, c.call))
            return unknown(
                w, QT_TRANSLATE_NOOP("scenario", "unknown call %1"), words::calls(),
                message(QT_TRANSLATE_NOOP("scenario", "the calls are %1"), join(words::calls())));
        if (c.call == tcp::Call::Send) {
            if (atEnd() || peek().text == "timeout" || peek().text == "&")
                return fail(atEnd() ? endColumn() : peek().col,
                            message(QT_TRANSLATE_NOOP("scenario",
                                                      "\"send\" needs a byte count, e.g. %1 send "
                                                      "100"),
                                    ep.text));
            if (!number(c.arg, 1, kMaxByteCount, byteCount(), next()))
                return false;
        } else if (c.call == tcp::Call::Recv && !atEnd()
                   && std::isdigit(static_cast<unsigned char>(peek().text[0]))) {
            if (!number(c.arg, 1, kMaxByteCount, byteCount(), next()))
                return false;
        }
        const bool ok = timeoutAndEnd(
            c.timeout, &c.background,
            c.call == tcp::Call::Recv && c.arg < 0
                ? message(QT_TRANSLATE_NOOP("scenario", "a byte count, \"timeout\" or \"&\""))
                : message(QT_TRANSLATE_NOOP("scenario", "\"timeout\" or \"&\"")));
        s.body = c;
        return ok;
    }

    bool waitStep(const Token &, Step &s)
    {
        WaitStep w;
        if (!endpoint(w.ep, "wait") || !state(w.state, "wait " + tcplab::endpointName(w.ep)))
            return false;
        const bool ok = timeoutAndEnd(w.timeout, nullptr, word("\"timeout\""));
        s.body = w;
        return ok;
    }

    bool sleepStep(const Token &, Step &s)
    {
        SleepStep sl;
        if (!duration(sl.duration,
                      message(QT_TRANSLATE_NOOP("scenario", "\"sleep\" needs a "
                                                            "duration such as 200ms"))))
            return false;
        s.body = sl;
        return end({});
    }

    bool emptyNoteStep(const Token &, Step &) { return fail(endColumn(), noteNeedsText()); }

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
            return fail(endColumn(),
                        isDrop
                            ? message(QT_TRANSLATE_NOOP("scenario", "expected \"next\", \"all\" "
                                                                    "or a direction after %1, "
                                                                    "e.g. %2"),
                                      quote(action.text), example)
                            : message(QT_TRANSLATE_NOOP("scenario", "expected \"next\" or a "
                                                                    "direction after %1, e.g. %2"),
                                      quote(action.text), example));
        const Token &first = peek();
        bool needFlags = true;
        if (first.text == "next") {
            next();
            // drop next N client->server: the next N segments that way.
            if (isDrop && !atEnd() && !peek().text.empty()
                && std::isdigit(static_cast<unsigned char>(peek().text[0]))) {
                std::int64_t n = 0;
                if (!number(n, 1, kMaxNth, aNumber(), next()))
                    return false;
                f.count = static_cast<int>(n);
            }
            if (!direction(f.src, f.dst, action.text + " next"))
                return false;
            needFlags = false;
        } else if (first.text == "none") {
            if (!isDrop)
                return fail(first.col,
                            message(QT_TRANSLATE_NOOP("scenario", "\"none\" works only with drop: "
                                                                  "drop none client->server")));
            next();
            f.lift = true;
            if (!direction(f.src, f.dst, "drop none"))
                return false;
            needFlags = false;
        } else if (first.text == "all") {
            if (!isDrop)
                return fail(first.col,
                            message(QT_TRANSLATE_NOOP("scenario", "\"all\" works only with drop: "
                                                                  "drop all client->server")));
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
            if (isDrop) {
                known.push_back("all");
                known.push_back("none");
            }
            const Message what =
                isDrop ? message(QT_TRANSLATE_NOOP("scenario", "expected \"next\", \"all\" or a "
                                                               "direction such as client->server "
                                                               "after %1, found %2"),
                                 quote(action.text), quote(first.text))
                       : message(QT_TRANSLATE_NOOP("scenario", "expected \"next\" or a direction "
                                                               "such as client->server after %1, "
                                                               "found %2"),
                                 quote(action.text), quote(first.text));
            return fail(first.col, didYouMean(what, suggest(first.text, known)));
        }
        if (needFlags) {
            if (atEnd() || peek().text == "nth" || peek().text == "by")
                return fail(atEnd() ? endColumn() : peek().col,
                            message(QT_TRANSLATE_NOOP("scenario", "expected flags such as FIN+ACK "
                                                                  "after the direction (or write "
                                                                  "%1)"),
                                    quote(example)));
            std::uint8_t bits = 0;
            if (!flags(bits, next()))
                return false;
            f.flags = bits;
            if (!atEnd() && peek().text == "nth") {
                next();
                if (atEnd())
                    return fail(endColumn(),
                                message(QT_TRANSLATE_NOOP("scenario",
                                                          "\"nth\" needs a number, e.g. nth 2")));
                std::int64_t n = 0;
                if (!number(n, 1, kMaxNth, aNumber(), next()))
                    return false;
                f.nth = static_cast<int>(n);
            }
        }
        s.body = f;
        if (isDelay) {
            const Message missing = message(
                QT_TRANSLATE_NOOP("scenario", "\"delay\" needs \"by DURATION\", e.g. %1 by 100ms"),
                example);
            if (atEnd())
                return fail(endColumn(), missing);
            if (peek().text != "by")
                return fail(peek().col,
                            clauses(message(QT_TRANSLATE_NOOP("scenario", "unexpected %1"),
                                            quote(peek().text)),
                                    missing));
            next();
            if (!duration(s.as<FaultStep>().delay,
                          message(QT_TRANSLATE_NOOP("scenario",
                                                    "\"by\" needs a duration such as 100ms"))))
                return false;
            return end({});
        }
        return end(needFlags && f.nth == 1 ? word("\"nth N\"") : Message());
    }

    bool expectStep(const Token &, Step &s)
    {
        ExpectStep x;
        if (!endpoint(x.ep, "expect"))
            return false;
        const std::string epName = tcplab::endpointName(x.ep);
        if (atEnd())
            return fail(
                endColumn(),
                message(QT_TRANSLATE_NOOP("scenario", "expected a state or \"returned\" after %1"),
                        quote("expect " + epName)));
        const Token &t = next();
        if (t.text == "returned") {
            x.returned = true;
            if (atEnd())
                return fail(endColumn(),
                            message(QT_TRANSLATE_NOOP("scenario",
                                                      "\"returned\" needs a value: a byte count, "
                                                      "EOF or an error name such as ECONNRESET")));
            const Token &v = next();
            if (allDigits(v.text)) {
                // No call returns more than it may be asked for: send N and recv N.
                std::int64_t n = 0;
                if (!number(n, 0, kMaxByteCount, byteCount(), v))
                    return false;
                x.value = std::to_string(n);
            } else if (v.text == "EOF" || isErrorName(v.text)) {
                x.value = v.text;
            } else {
                std::vector<std::string> known = knownErrors();
                known.insert(known.begin(), "EOF");
                return unknown(
                    v, QT_TRANSLATE_NOOP("scenario", "unknown value %1"), known,
                    message(QT_TRANSLATE_NOOP("scenario", "expected a byte count, EOF or an error "
                                                          "name such as ECONNRESET")));
            }
            s.body = x;
            return end({});
        }
        if (contains(words::states(), t.text) && tcp::parseState(t.text, x.state)) {
            s.body = x;
            return end({});
        }
        if (words::suggestState(t.text).empty() && !suggest(t.text, {"returned"}).empty())
            return fail(t.col,
                        didYouMean(message(QT_TRANSLATE_NOOP("scenario", "expected a state or "
                                                                         "\"returned\", found %1"),
                                           quote(t.text)),
                                   "returned"));
        return unknownState(t);
    }

    // inject SRC->DST FLAGS seq N [ack N] [len N]
    bool injectStep(const Token &, Step &s)
    {
        InjectStep in;
        if (!direction(in.src, in.dst, "inject"))
            return false;
        if (atEnd())
            return fail(endColumn(),
                        message(QT_TRANSLATE_NOOP("scenario", "expected flags such as SYN after "
                                                              "the direction, e.g. inject "
                                                              "client->server SYN seq 1000")));
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
                return fail(key.col,
                            didYouMean(message(QT_TRANSLATE_NOOP("scenario",
                                                                 "unexpected %1; expected seq, ack "
                                                                 "or len"),
                                               quote(key.text)),
                                       suggest(key.text, {"seq", "ack", "len"})));
            if (atEnd())
                return fail(endColumn(), message(QT_TRANSLATE_NOOP(
                                                     "scenario", "%1 needs a number, e.g. %2 1000"),
                                                 quote(key.text), key.text));
            // seq and ack are any 32-bit number; a length fits in one IP packet.
            const std::int64_t max = field == &in.len ? kMaxInjectLen : 0xFFFFFFFF;
            std::int64_t value = 0;
            if (!number(value, 0, max, aNumber(), next()))
                return false;
            *field = static_cast<std::uint32_t>(value);
            seenSeq = seenSeq || key.text == "seq";
        }
        if (!seenSeq)
            return fail(endColumn(),
                        message(QT_TRANSLATE_NOOP("scenario", "\"inject\" needs \"seq N\": the "
                                                              "segment's sequence number as on "
                                                              "the wire")));
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
            errors.push_back(errorAt(lineNo, 1, tooManyLines()));
            break;
        }
        if (line.size() > kMaxLineLength) {
            errors.push_back(errorAt(lineNo, 1, lineTooLong(line.size())));
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
                lp.fail(lp.firstColumn(), message(QT_TRANSLATE_NOOP("scenario", "%1 must come "
                                                                                "before the first "
                                                                                "step"),
                                                  key));
                errors.push_back(lp.error());
            } else if (known && seenHeaders.count(lp.key())) {
                lp.fail(lp.firstColumn(),
                        message(QT_TRANSLATE_NOOP("scenario", "%1 given twice (first on line %2)"),
                                key, std::to_string(seenHeaders[lp.key()])));
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
            errors.push_back(
                errorAt(mode->second, 1,
                        message(QT_TRANSLATE_NOOP("scenario",
                                                  "a counterfactual protocol (handshake: two-way, "
                                                  "time-wait: off) is not TCP and runs only in the "
                                                  "simulator: write mode: sim"))));
    }
    if (errors.empty() && out.steps.empty())
        errors.push_back(
            errorAt(1, 1,
                    message(QT_TRANSLATE_NOOP("scenario", "the scenario has no steps; add "
                                                          "lines such as \"client "
                                                          "connect\""))));
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
        error = errorAt(lineNo, 1, lineTooLong(l.size()));
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
                    ? message(QT_TRANSLATE_NOOP("scenario", "%1 is a header; headers go at the top "
                                                            "of a file, not among the steps"),
                              "\"" + lp.key() + ":\"")
                    : clauses(message(QT_TRANSLATE_NOOP("scenario", "unknown step %1"),
                                      "\"" + lp.key() + ":\""),
                              LineParser::stepList()));
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
