// The scenario language: one line at a time, every mistake reported with its line and column.
// The grammar is documented in docs/scenario-language.md.
#include "scenario/scenario.h"
#include "scenario/words.h"

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

std::string quote(const std::string &s) { return "\"" + s + "\""; }

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
            return "duration " + quote(text) + " is too long";
    }
    return "expected a duration such as 40ms or 2s, found " + quote(text);
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
            && !contains(words::stepWords(), m_line.substr(start, k - start))) {
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

    bool parseStep(Step &s)
    {
        s = Step();
        s.line = m_lineNo;
        s.column = m_firstCol;
        if (m_kind == LineKind::Note) {
            s.kind = Step::Kind::Note;
            s.text = m_line.substr(m_noteBegin, m_noteEnd - m_noteBegin);
            if (s.text.empty())
                return fail(columnAt(m_line, m_noteWordEnd),
                            "\"note\" needs a text, e.g. note the final ACK is lost");
            return true;
        }
        const Token &w = next();
        if (contains(words::endpoints(), w.text))
            return callStep(w, s);
        if (w.text == "wait")
            return waitStep(s);
        if (w.text == "sleep")
            return sleepStep(s);
        if (w.text == "drop" || w.text == "duplicate" || w.text == "delay")
            return faultStep(w, s);
        if (w.text == "expect")
            return expectStep(s);
        if (w.text == "note")
            return fail(endColumn(), "\"note\" needs a text, e.g. note the final ACK is lost");
        return unknownStep(w);
    }

    bool parseHeader(Scenario &sc)
    {
        const std::string key = m_key + ":";
        if (m_key == "title" || m_key == "why") {
            if (m_valueBegin >= m_contentEnd)
                return fail(endColumn(), quote(key) + " needs a text");
            (m_key == "title" ? sc.title : sc.why) =
                m_line.substr(m_valueBegin, m_contentEnd - m_valueBegin);
            return true;
        }
        if (m_key == "mode") {
            if (atEnd())
                return fail(endColumn(), quote(key) + " needs a value: sim, live or both");
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
        if (m_key == "delayed-ack") {
            if (atEnd())
                return fail(endColumn(), quote(key) + " needs a value: on or off");
            const Token &t = next();
            if (t.text != "on" && t.text != "off")
                return fail(t.col, "expected on or off, found " + quote(t.text)
                                       + didYouMean(suggest(t.text, {"on", "off"})));
            sc.delayedAck = t.text == "on";
            return end(std::string());
        }
        if (m_key == "latency" || m_key == "msl" || m_key == "rto") {
            std::int64_t us = 0;
            const char *example = m_key == "latency" ? "5ms" : m_key == "msl" ? "30s" : "1s";
            if (!duration(us, quote(key) + " needs a duration such as " + example))
                return false;
            if (us == 0 && m_key != "latency")
                return fail(m_tokens[m_pos - 1].col, quote(key) + " must be more than 0");
            (m_key == "latency" ? sc.latency : m_key == "msl" ? sc.msl : sc.rto) = us;
            return end(std::string());
        }
        if (m_key == "isn")
            return isnHeader(sc);
        return fail(m_firstCol, "unknown header " + quote(key)
                                    + (suggest(m_key, words::headers()).empty()
                                           ? "; the headers are title:, why:, mode:, latency:, "
                                             "msl:, rto:, delayed-ack: and isn:"
                                           : didYouMean(suggest(m_key, words::headers()) + ":")));
    }

    bool fail(int col, const std::string &message)
    {
        m_error.line = m_lineNo;
        m_error.column = col;
        m_error.message = message;
        return false;
    }

private:
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
        if (contains(words::headers(), w.text))
            return fail(w.col, "missing \":\" after " + quote(w.text) + ": a header reads \""
                                   + w.text + ": ...\"");
        if (contains(words::calls(), w.text))
            return fail(w.col, quote(w.text) + " needs an endpoint first: client " + w.text
                                   + " or server " + w.text);
        return unknown(w, "step", words::stepWords(),
                       "; a step starts with client, server, wait, sleep, drop, duplicate, "
                       "delay, expect or note");
    }

    bool endpoint(std::string &out, const std::string &after)
    {
        if (atEnd())
            return fail(endColumn(), "expected client or server after " + quote(after));
        const Token &t = next();
        if (!contains(words::endpoints(), t.text))
            return unknown(t, "endpoint", words::endpoints(), "; expected client or server");
        out = t.text;
        return true;
    }

    bool state(std::string &out, const std::string &after)
    {
        if (atEnd())
            return fail(endColumn(), "expected a state after " + quote(after) + ", e.g. ESTABLISHED");
        const Token &t = next();
        if (!contains(words::states(), t.text))
            return unknownState(t);
        out = t.text;
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
        return true;
    }

    // A whole number >= min; "what" describes it in messages ("a byte count above 0").
    bool number(std::int64_t &n, std::int64_t min, const std::string &what, const Token &t)
    {
        const std::string expected = "expected " + what + ", found " + quote(t.text);
        if (!allDigits(t.text) || t.text.size() > 18)
            return fail(t.col, expected);
        n = std::stoll(t.text);
        if (n < min)
            return fail(t.col, expected);
        return true;
    }

    bool timeoutAndEnd(Step &s, bool allowBackground, const std::string &expected)
    {
        if (!atEnd() && peek().text == "timeout") {
            next();
            if (!duration(s.timeout, "\"timeout\" needs a duration such as 2s"))
                return false;
        } else if (!atEnd() && !(allowBackground && peek().text == "&")) {
            return end(expected);
        }
        if (allowBackground && !atEnd() && peek().text == "&") {
            next();
            s.background = true;
            if (!atEnd())
                return fail(peek().col, "unexpected " + quote(peek().text) + "; \"&\" ends the step");
        }
        return end(allowBackground ? "\"&\"" : std::string());
    }

    bool callStep(const Token &ep, Step &s)
    {
        s.kind = Step::Kind::Call;
        s.ep = ep.text;
        if (atEnd())
            return fail(endColumn(), "expected a call after " + quote(ep.text) + ": "
                                         + join(words::calls()));
        const Token &c = next();
        if (!contains(words::calls(), c.text))
            return unknown(c, "call", words::calls(), "; the calls are " + join(words::calls()));
        s.call = c.text;
        if (c.text == "send") {
            if (atEnd() || peek().text == "timeout" || peek().text == "&")
                return fail(atEnd() ? endColumn() : peek().col,
                            "\"send\" needs a byte count, e.g. " + ep.text + " send 100");
            if (!number(s.arg, 1, "a byte count above 0", next()))
                return false;
        } else if (c.text == "recv" && !atEnd()
                   && std::isdigit(static_cast<unsigned char>(peek().text[0]))) {
            if (!number(s.arg, 1, "a byte count above 0", next()))
                return false;
        }
        return timeoutAndEnd(s, true,
                             c.text == "recv" && s.arg < 0 ? "a byte count, \"timeout\" or \"&\""
                                                           : "\"timeout\" or \"&\"");
    }

    bool waitStep(Step &s)
    {
        s.kind = Step::Kind::Wait;
        if (!endpoint(s.ep, "wait") || !state(s.state, "wait " + s.ep))
            return false;
        return timeoutAndEnd(s, false, "\"timeout\"");
    }

    bool sleepStep(Step &s)
    {
        s.kind = Step::Kind::Sleep;
        if (!duration(s.duration, "\"sleep\" needs a duration such as 200ms"))
            return false;
        return end(std::string());
    }

    bool direction(Step &s, const std::string &after)
    {
        if (atEnd())
            return fail(endColumn(),
                        "expected a direction such as client->server after " + quote(after));
        if (!endpoint(s.src, after))
            return false;
        if (atEnd() || peek().text != "->")
            return fail(atEnd() ? endColumn() : peek().col,
                        "expected \"->\" after " + quote(s.src) + ": a direction is written "
                            + s.src + "->" + (s.src == "client" ? "server" : "client"));
        next();
        if (!endpoint(s.dst, s.src + "->"))
            return false;
        if (s.dst == s.src)
            return fail(m_tokens[m_pos - 1].col,
                        "a direction joins the two endpoints: client->server or server->client");
        return true;
    }

    // "FIN+ACK", "ACK+FIN" -> canonical "FIN+ACK" (order of lib/tcp: SYN FIN RST PSH ACK).
    bool flags(Step &s, const Token &t)
    {
        std::vector<bool> have(words::flagNames().size(), false);
        std::size_t p = 0;
        while (true) {
            std::size_t plus = t.text.find('+', p);
            if (plus == std::string::npos)
                plus = t.text.size();
            const std::string part = t.text.substr(p, plus - p);
            const int col = columnAt(m_line, t.begin + p);
            if (part.empty())
                return fail(col, "empty flag in " + quote(t.text)
                                     + "; flags are SYN, FIN, RST, PSH, ACK joined by +");
            std::size_t i = 0;
            while (i < words::flagNames().size() && words::flagNames()[i] != part)
                ++i;
            if (i == words::flagNames().size()) {
                const std::string hint = suggest(part, words::flagNames());
                return fail(col, "unknown flag " + quote(part)
                                     + (hint.empty()
                                            ? "; flags are SYN, FIN, RST, PSH, ACK joined by +"
                                            : didYouMean(hint)));
            }
            if (have[i])
                return fail(col, "flag " + quote(part) + " given twice in " + quote(t.text));
            have[i] = true;
            if (plus == t.text.size())
                break;
            p = plus + 1;
        }
        s.flags.clear();
        for (std::size_t i = 0; i < have.size(); ++i) {
            if (have[i])
                s.flags += (s.flags.empty() ? "" : "+") + words::flagNames()[i];
        }
        return true;
    }

    bool faultStep(const Token &action, Step &s)
    {
        s.kind = Step::Kind::Fault;
        s.fault = action.text == "drop"        ? Step::FaultAction::Drop
                  : action.text == "duplicate" ? Step::FaultAction::Duplicate
                                               : Step::FaultAction::Delay;
        const bool isDrop = s.fault == Step::FaultAction::Drop;
        const bool isDelay = s.fault == Step::FaultAction::Delay;
        const std::string example = action.text + " next client->server";
        if (atEnd())
            return fail(endColumn(), "expected \"next\"" + std::string(isDrop ? ", \"all\"" : "")
                                         + " or a direction after " + quote(action.text)
                                         + ", e.g. " + example);
        const Token &first = peek();
        bool needFlags = true;
        if (first.text == "next") {
            next();
            if (!direction(s, action.text + " next"))
                return false;
            needFlags = false;
        } else if (first.text == "all") {
            if (!isDrop)
                return fail(first.col, "\"all\" works only with drop: drop all client->server");
            next();
            s.all = true;
            if (!direction(s, "drop all"))
                return false;
            if (!atEnd() && !flags(s, next()))
                return false;
            needFlags = false;
        } else if (contains(words::endpoints(), first.text)) {
            if (!direction(s, action.text))
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
            if (!flags(s, next()))
                return false;
            if (!atEnd() && peek().text == "nth") {
                next();
                if (atEnd())
                    return fail(endColumn(), "\"nth\" needs a number, e.g. nth 2");
                std::int64_t n = 0;
                if (!number(n, 1, "a number above 0 after \"nth\"", next()))
                    return false;
                if (n > 1'000'000)
                    return fail(m_tokens[m_pos - 1].col, "\"nth\" is at most 1000000");
                s.nth = static_cast<int>(n);
            }
        }
        if (isDelay) {
            const std::string missing = "\"delay\" needs \"by DURATION\", e.g. " + example
                                        + " by 100ms";
            if (atEnd())
                return fail(endColumn(), missing);
            if (peek().text != "by")
                return fail(peek().col, "unexpected " + quote(peek().text) + "; " + missing);
            next();
            if (!duration(s.duration, "\"by\" needs a duration such as 100ms"))
                return false;
            return end(std::string());
        }
        return end(needFlags && s.nth == 1 ? "\"nth N\"" : std::string());
    }

    bool expectStep(Step &s)
    {
        s.kind = Step::Kind::Expect;
        if (!endpoint(s.ep, "expect"))
            return false;
        if (atEnd())
            return fail(endColumn(),
                        "expected a state or \"returned\" after " + quote("expect " + s.ep));
        const Token &t = next();
        if (t.text == "returned") {
            s.expect = Step::ExpectWhat::Returned;
            if (atEnd())
                return fail(endColumn(), "\"returned\" needs a value: a byte count, EOF or an "
                                         "error name such as ECONNRESET");
            const Token &v = next();
            if (allDigits(v.text)) {
                const std::size_t nz = v.text.find_first_not_of('0');
                s.value = nz == std::string::npos ? "0" : v.text.substr(nz);
            } else if (v.text == "EOF" || isErrorName(v.text)) {
                s.value = v.text;
            } else {
                std::vector<std::string> known = knownErrors();
                known.insert(known.begin(), "EOF");
                return unknown(v, "value", known,
                               "; expected a byte count, EOF or an error name such as "
                               "ECONNRESET");
            }
            return end(std::string());
        }
        if (contains(words::states(), t.text)) {
            s.expect = Step::ExpectWhat::State;
            s.state = t.text;
            return end(std::string());
        }
        if (words::suggestState(t.text).empty() && !suggest(t.text, {"returned"}).empty())
            return fail(t.col, "expected a state or \"returned\", found " + quote(t.text)
                                   + didYouMean("returned"));
        return unknownState(t);
    }

    bool isnHeader(Scenario &sc)
    {
        const std::string usage = "\"isn:\" reads isn: client 1000 server 5000";
        bool seen[2] = {false, false};
        while (!atEnd()) {
            const Token &ep = next();
            if (!contains(words::endpoints(), ep.text))
                return unknown(ep, "endpoint", words::endpoints(), "; " + usage);
            const int i = ep.text == "client" ? 0 : 1;
            if (seen[i])
                return fail(ep.col, ep.text + " given twice; " + usage);
            seen[i] = true;
            if (atEnd())
                return fail(endColumn(), "expected a sequence number after " + quote(ep.text));
            const Token &n = next();
            if (!allDigits(n.text) || n.text.size() > 10 || std::stoull(n.text) > 0xFFFFFFFFull)
                return fail(n.col, "expected a sequence number from 0 to 4294967295, found "
                                       + quote(n.text));
            (i == 0 ? sc.clientIsn : sc.serverIsn) = static_cast<std::uint32_t>(std::stoull(n.text));
        }
        if (!seen[0] || !seen[1])
            return fail(endColumn(), usage);
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
        pos = eol + 1;

        LineParser lp(line, lineNo);
        switch (lp.kind()) {
        case LineKind::Blank:
            break;
        case LineKind::Header: {
            const std::string key = "\"" + lp.key() + ":\"";
            const bool known = contains(words::headers(), lp.key());
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
                s.kind = Step::Kind::Note; // keeps "headers come first" true after a bad step
            }
            out.steps.push_back(s);
            break;
        }
        }
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
    LineParser lp(l, lineNo);
    out = Step();
    out.line = lineNo;
    switch (lp.kind()) {
    case LineKind::Blank:
        out.kind = Step::Kind::Note;
        out.column = 1;
        return true;
    case LineKind::Header:
        lp.fail(lp.firstColumn(),
                contains(words::headers(), lp.key())
                    ? "\"" + lp.key() + ":\" is a header; headers go at the top of a file, "
                                        "not among the steps"
                    : "unknown step \"" + lp.key() + ":\"; a step starts with client, server, "
                                                     "wait, sleep, drop, duplicate, delay, "
                                                     "expect or note");
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
