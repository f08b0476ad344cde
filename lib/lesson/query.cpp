// The query language of lessons (docs/lesson-format.md, "Queries"): a table with one row per
// form -- its pattern, which is also its parser, and its evaluation -- and a small matcher that
// reads a query against every row and, when none fits, says what was expected where.

#include "query.h"

#include "closestword.h"

#include "tcp/segment.h"
#include "trace/event.h"

#include <algorithm>
#include <optional>
#include <sstream>

namespace lesson {

const char *sideName(Side s) { return s == Side::Client ? "client" : "server"; }

namespace {

using tcplab::Event;
using tcplab::EventType;

// ---------------------------------------------------------------------------------------------
// Every read of a tcplab::Event field is in these helpers. Event's string fields are about to
// become typed (an endpoint id, tcp::State, uint8 flags, enums); then only these lines change.

std::optional<Side> sideFromName(const std::string &name)
{
    if (name == "client")
        return Side::Client;
    if (name == "server")
        return Side::Server;
    return std::nullopt;
}

bool isSegment(const Event &e) { return e.type == EventType::Segment; }
bool isStateChange(const Event &e) { return e.type == EventType::State; }
bool isCall(const Event &e) { return e.type == EventType::Call; }
bool isTimer(const Event &e) { return e.type == EventType::Timer; }
std::optional<Side> epOf(const Event &e) { return sideFromName(e.ep); }
std::optional<Side> srcOf(const Event &e) { return sideFromName(e.src); }
std::uint8_t flagsOf(const Event &e)
{
    std::uint8_t f = 0;
    return tcp::parseFlags(e.flags, f) ? f : 0;
}
tcp::State fromStateOf(const Event &e)
{
    tcp::State s = tcp::State::Closed;
    tcp::parseState(e.from, s);
    return s;
}
tcp::State toStateOf(const Event &e)
{
    tcp::State s = tcp::State::Closed;
    tcp::parseState(e.to, s);
    return s;
}
const std::string &callOf(const Event &e) { return e.call; }
const std::string &resultOf(const Event &e) { return e.result; }
std::uint32_t seqOf(const Event &e) { return e.seq; }
std::uint32_t ackOf(const Event &e) { return e.ack; }
std::uint32_t seqAbsOf(const Event &e) { return e.seqAbs; }
std::uint32_t ackAbsOf(const Event &e) { return e.ackAbs; }
bool isRetransmission(const Event &e) { return e.rtx; }
std::int64_t timeOf(const Event &e) { return e.t; }
const std::string &timerOf(const Event &e) { return e.timer; }
const std::string &timerActionOf(const Event &e) { return e.action; }
std::int64_t deadlineOf(const Event &e) { return e.deadline; }

// ---------------------------------------------------------------------------------------------
// Answers.

QueryResult answer(std::string value, std::size_t eventIndex)
{
    QueryResult r;
    r.value = std::move(value);
    r.eventIndex = eventIndex;
    r.ok = true;
    return r;
}

QueryResult failure(std::string why)
{
    QueryResult r;
    r.error = std::move(why);
    return r;
}

std::string ordinal(int n)
{
    const int tens = n % 100, ones = n % 10;
    const char *suffix = (tens >= 11 && tens <= 13) ? "th"
                         : ones == 1                ? "st"
                         : ones == 2                ? "nd"
                         : ones == 3                ? "rd"
                                                    : "th";
    return std::to_string(n) + suffix;
}

const std::vector<Event> &events(const RunRecord &run) { return run.trace.events; }

bool sentBy(const Event &e, const Query &q)
{
    return isSegment(e) && (!q.hasEndpoint || srcOf(e) == q.endpoint);
}

bool stateChangeOf(const Event &e, Side side) { return isStateChange(e) && epOf(e) == side; }

// The last state change of q.endpoint among the first `end` events; CLOSED (no deciding event)
// when it never changed state: every endpoint starts closed.
QueryResult lastStateBefore(const Query &q, const RunRecord &run, std::size_t end)
{
    const std::vector<Event> &ev = events(run);
    for (std::size_t i = std::min(end, ev.size()); i-- > 0;)
        if (stateChangeOf(ev[i], q.endpoint))
            return answer(tcp::stateName(toStateOf(ev[i])), i);
    return answer(tcp::stateName(tcp::State::Closed), kNoEvent);
}

// The index of the Nth segment q.endpoint sent (q.nth, 1-based), or a failure.
std::optional<std::size_t> nthSent(const Query &q, const RunRecord &run, QueryResult &fail)
{
    int seen = 0;
    const std::vector<Event> &ev = events(run);
    for (std::size_t i = 0; i < ev.size(); ++i)
        if (sentBy(ev[i], q) && ++seen == q.nth)
            return i;
    fail = failure(std::string(sideName(q.endpoint)) + " sent " + std::to_string(seen)
                   + " segment" + (seen == 1 ? "" : "s") + ", no " + ordinal(q.nth));
    return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// One evaluation per form.

QueryResult stateAtEnd(const Query &q, const RunRecord &run)
{
    return lastStateBefore(q, run, events(run).size());
}

QueryResult stateAfterLine(const Query &q, const RunRecord &run)
{
    const auto it = run.afterLine.find(q.line);
    if (it == run.afterLine.end()) {
        std::string why = "the run has no finished step on line " + std::to_string(q.line);
        if (!run.result.ok)
            why += " (it stopped at line " + std::to_string(run.result.line) + ")";
        return failure(why);
    }
    return lastStateBefore(q, run, it->second);
}

QueryResult statesOf(const Query &q, const RunRecord &run)
{
    const std::vector<Event> &ev = events(run);
    std::string list;
    std::size_t last = kNoEvent;
    for (std::size_t i = 0; i < ev.size(); ++i) {
        if (!stateChangeOf(ev[i], q.endpoint))
            continue;
        if (last == kNoEvent)
            list = tcp::stateName(fromStateOf(ev[i]));
        list += std::string(" ") + tcp::stateName(toStateOf(ev[i]));
        last = i;
    }
    if (last == kNoEvent)
        return answer(tcp::stateName(tcp::State::Closed), kNoEvent);
    return answer(list, last);
}

QueryResult callResult(const Query &q, const RunRecord &run)
{
    const std::vector<Event> &ev = events(run);
    std::vector<std::size_t> calls;
    for (std::size_t i = 0; i < ev.size(); ++i)
        if (isCall(ev[i]) && epOf(ev[i]) == q.endpoint && callOf(ev[i]) == q.call)
            calls.push_back(i);
    const std::string who = sideName(q.endpoint);
    if (calls.empty())
        return failure(who + " never called " + q.call + "()");
    if (q.nth > int(calls.size()))
        return failure(who + " called " + q.call + "() " + std::to_string(calls.size())
                       + " time(s), no " + ordinal(q.nth));
    const std::size_t i = q.nth > 0 ? calls[std::size_t(q.nth - 1)] : calls.back();
    if (resultOf(ev[i]).empty())
        return failure(who + "'s " + q.call + "() had not returned when the run ended");
    return answer(resultOf(ev[i]), i);
}

QueryResult flagsNth(const Query &q, const RunRecord &run)
{
    QueryResult fail;
    const std::optional<std::size_t> i = nthSent(q, run, fail);
    return i ? answer(tcp::flagsName(flagsOf(events(run)[*i])), *i) : fail;
}

QueryResult flagsAfterCall(const Query &q, const RunRecord &run)
{
    const std::vector<Event> &ev = events(run);
    const std::string who = sideName(q.endpoint);
    std::size_t call = kNoEvent;
    for (std::size_t i = 0; i < ev.size(); ++i)
        if (isCall(ev[i]) && epOf(ev[i]) == q.endpoint && callOf(ev[i]) == q.call)
            call = i;
    if (call == kNoEvent)
        return failure(who + " never called " + q.call + "()");
    for (std::size_t i = call + 1; i < ev.size(); ++i)
        if (sentBy(ev[i], q))
            return answer(tcp::flagsName(flagsOf(ev[i])), i);
    return failure(who + " sent no segment after its last " + q.call + "()");
}

// seq, ack, seqabs, ackabs of the Nth segment sent.
template <std::uint32_t (*field)(const Event &)>
QueryResult numberNth(const Query &q, const RunRecord &run)
{
    QueryResult fail;
    const std::optional<std::size_t> i = nthSent(q, run, fail);
    return i ? answer(std::to_string(field(events(run)[*i])), *i) : fail;
}

QueryResult countFrom(const Query &q, const RunRecord &run)
{
    const std::vector<Event> &ev = events(run);
    std::size_t first = kNoEvent;
    int count = 0;
    for (std::size_t i = 0; i < ev.size(); ++i) {
        if (!isSegment(ev[i]))
            continue;
        if (first == kNoEvent && flagsOf(ev[i]) == q.flags)
            first = i;
        if (first != kNoEvent)
            ++count;
    }
    return answer(std::to_string(count), first);
}

QueryResult countSegments(const Query &q, const RunRecord &run)
{
    const std::vector<Event> &ev = events(run);
    std::size_t last = kNoEvent;
    int count = 0;
    for (std::size_t i = 0; i < ev.size(); ++i) {
        if (sentBy(ev[i], q) && (!q.hasFlags || flagsOf(ev[i]) == q.flags)) {
            ++count;
            last = i;
        }
    }
    return answer(std::to_string(count), last);
}

QueryResult senderOf(const Query &q, const RunRecord &run)
{
    const std::vector<Event> &ev = events(run);
    const int n = q.nth > 0 ? q.nth : 1;
    int seen = 0;
    for (std::size_t i = 0; i < ev.size(); ++i) {
        if (isSegment(ev[i]) && flagsOf(ev[i]) == q.flags && ++seen == n) {
            const std::optional<Side> from = srcOf(ev[i]);
            if (!from)
                return failure("the " + ordinal(n) + " " + tcp::flagsName(q.flags) + " has no known sender");
            return answer(sideName(*from), i);
        }
    }
    return failure("the run has " + std::to_string(seen) + " " + tcp::flagsName(q.flags)
                   + " segment(s), no " + ordinal(n));
}

QueryResult anySegment(const Query &q, const RunRecord &run)
{
    const std::vector<Event> &ev = events(run);
    for (std::size_t i = 0; i < ev.size(); ++i)
        if (sentBy(ev[i], q) && flagsOf(ev[i]) == q.flags)
            return answer("yes", i);
    return answer("no", kNoEvent);
}

QueryResult retransmissions(const Query &q, const RunRecord &run)
{
    const std::vector<Event> &ev = events(run);
    std::size_t last = kNoEvent;
    int count = 0;
    for (std::size_t i = 0; i < ev.size(); ++i) {
        if (sentBy(ev[i], q) && isRetransmission(ev[i])) {
            ++count;
            last = i;
        }
    }
    return answer(std::to_string(count), last);
}

std::optional<std::size_t> firstEntering(const Query &q, const RunRecord &run)
{
    const std::vector<Event> &ev = events(run);
    for (std::size_t i = 0; i < ev.size(); ++i)
        if (stateChangeOf(ev[i], q.endpoint) && toStateOf(ev[i]) == q.state)
            return i;
    return std::nullopt;
}

// The timer that ends a state by itself, if it has one (RFC 9293 §3.10.8; Linux
// tcp_fin_timeout), as TimerChange::which spells it.
const char *timerEnding(tcp::State s)
{
    switch (s) {
    case tcp::State::TimeWait: return "time-wait";
    case tcp::State::FinWait2: return "fin-wait-2";
    default: return nullptr;
    }
}

std::string wholeSeconds(std::int64_t us) { return std::to_string((us + 500'000) / 1'000'000) + "s"; }

QueryResult duration(const Query &q, const RunRecord &run)
{
    const std::optional<std::size_t> entered = firstEntering(q, run);
    const std::string name = tcp::stateName(q.state);
    if (!entered)
        return failure(std::string(sideName(q.endpoint)) + " never entered " + name);
    const std::vector<Event> &ev = events(run);
    const std::int64_t since = timeOf(ev[*entered]);
    for (std::size_t i = *entered + 1; i < ev.size(); ++i)
        if (stateChangeOf(ev[i], q.endpoint))
            return answer(wholeSeconds(timeOf(ev[i]) - since), *entered);
    // Still there when the run ended (a live run does not wait out TIME_WAIT): until the
    // deadline of the state's own timer if it is still armed, else open-ended.
    const char *timer = timerEnding(q.state);
    std::int64_t deadline = tcplab::kNoTime;
    for (std::size_t i = *entered; timer && i < ev.size(); ++i) {
        if (!isTimer(ev[i]) || epOf(ev[i]) != q.endpoint || timerOf(ev[i]) != timer)
            continue;
        deadline = timerActionOf(ev[i]) == "armed" ? deadlineOf(ev[i]) : tcplab::kNoTime;
    }
    if (deadline == tcplab::kNoTime)
        return answer("open", *entered);
    return answer(wholeSeconds(deadline - since), *entered);
}

QueryResult entered(const Query &q, const RunRecord &run)
{
    const std::optional<std::size_t> i = firstEntering(q, run);
    return i ? answer("yes", *i) : answer("no", kNoEvent);
}

// ---------------------------------------------------------------------------------------------
// The table. A pattern is literal words, placeholders in capitals and optional groups in [].

using Evaluate = QueryResult (*)(const Query &, const RunRecord &);

struct Form {
    const char *pattern;
    Evaluate evaluate;
    bool gradable; // false: for texts only (absolute numbers differ from run to run)
};

const Form kForms[] = {
    {"state ENDPOINT at end", stateAtEnd, true},
    {"state ENDPOINT after line L", stateAfterLine, true},
    {"states ENDPOINT", statesOf, true},
    {"result ENDPOINT CALL [nth N]", callResult, true},
    {"flags segment ENDPOINT nth N", flagsNth, true},
    {"flags segment ENDPOINT after CALL", flagsAfterCall, true},
    {"seq segment ENDPOINT nth N", numberNth<seqOf>, true},
    {"ack segment ENDPOINT nth N", numberNth<ackOf>, true},
    {"seqabs segment ENDPOINT nth N", numberNth<seqAbsOf>, false},
    {"ackabs segment ENDPOINT nth N", numberNth<ackAbsOf>, false},
    {"count segments from FLAGS", countFrom, true},
    {"count segments [ENDPOINT] [FLAGS]", countSegments, true},
    {"sender of FLAGS [nth N]", senderOf, true},
    {"any segment [ENDPOINT] FLAGS", anySegment, true},
    {"retransmissions [ENDPOINT]", retransmissions, true},
    {"duration ENDPOINT STATE", duration, true},
    {"entered ENDPOINT STATE", entered, true},
};
constexpr int kFormCount = int(sizeof kForms / sizeof kForms[0]);

enum class Slot { Literal, Endpoint, Number, Line, Call, Flags, State };

struct Item {
    Slot slot = Slot::Literal;
    std::string literal;
};

struct Group {
    std::vector<Item> items;
    bool optional = false;
};

std::vector<std::string> words(const std::string &text)
{
    std::istringstream in(text);
    std::vector<std::string> out;
    for (std::string w; in >> w;)
        out.push_back(w);
    return out;
}

Item item(const std::string &word)
{
    static const std::pair<const char *, Slot> kSlots[] = {
        {"ENDPOINT", Slot::Endpoint}, {"N", Slot::Number}, {"L", Slot::Line},
        {"CALL", Slot::Call},         {"FLAGS", Slot::Flags}, {"STATE", Slot::State}};
    for (const auto &[name, slot] : kSlots)
        if (word == name)
            return Item{slot, std::string()};
    return Item{Slot::Literal, word};
}

std::vector<Group> compile(const char *pattern)
{
    std::vector<Group> groups;
    bool inOptional = false;
    for (std::string w : words(pattern)) {
        const bool opens = w.front() == '[', closes = w.back() == ']';
        if (opens)
            w.erase(0, 1);
        if (closes)
            w.pop_back();
        if (opens || !inOptional)
            groups.push_back(Group{{}, opens});
        groups.back().items.push_back(item(w));
        inOptional = opens ? !closes : inOptional && !closes;
    }
    return groups;
}

const std::vector<std::vector<Group>> &compiledForms()
{
    static const std::vector<std::vector<Group>> forms = [] {
        std::vector<std::vector<Group>> out;
        for (const Form &f : kForms)
            out.push_back(compile(f.pattern));
        return out;
    }();
    return forms;
}

const std::vector<std::string> &callNames()
{
    static const std::vector<std::string> calls = {"listen", "connect", "accept", "send", "recv",
                                                    "shutdown", "close", "abort", "exit"};
    return calls;
}

std::vector<std::string> stateNames()
{
    std::vector<std::string> out;
    for (int i = 0; i < tcp::kStateCount; ++i)
        out.push_back(tcp::stateName(tcp::State(i)));
    return out;
}

// Reads one query against the forms, remembering, for the error message, the farthest word
// any form reached and what the forms expected there.
class Matcher {
public:
    explicit Matcher(std::vector<std::string> tokens) : m_tokens(std::move(tokens)) {}

    bool matchForm(const std::vector<Group> &groups, Query &q)
    {
        std::size_t pos = 0;
        for (const Group &g : groups) {
            const Query before = q;
            std::size_t k = 0;
            while (k < g.items.size() && matchItem(g.items[k], pos + k, q))
                ++k;
            if (k == g.items.size()) {
                pos += k;
                continue;
            }
            if (!g.optional || k > 0)
                return false;
            q = before; // an absent optional group
        }
        if (pos != m_tokens.size()) {
            expect(pos, "the end of the query", {});
            return false;
        }
        return true;
    }

    std::string error() const
    {
        std::string expected;
        for (std::size_t i = 0; i < m_expected.size(); ++i) {
            if (i > 0)
                expected += i + 1 == m_expected.size() ? " or " : ", ";
            expected += m_expected[i];
        }
        std::string prefix;
        for (std::size_t i = 0; i < m_farthest && i < m_tokens.size(); ++i)
            prefix += (i ? " " : "") + m_tokens[i];
        std::string msg = "expected " + expected;
        if (m_farthest < m_tokens.size())
            msg += ", found \"" + m_tokens[m_farthest] + "\"";
        if (!prefix.empty())
            msg += " after \"" + prefix + "\"";
        const std::string hint =
            m_farthest < m_tokens.size() ? closestWord(m_tokens[m_farthest], m_candidates) : std::string();
        if (!hint.empty())
            msg += " (did you mean \"" + hint + "\"?)";
        return msg;
    }

private:
    // Records that `what` was expected at word `at`; candidates are the words it could be
    // (for the "did you mean" of the farthest position).
    void expect(std::size_t at, const std::string &what, const std::vector<std::string> &candidates)
    {
        if (at > m_farthest || m_expected.empty()) {
            m_farthest = at;
            m_expected.clear();
            m_candidates.clear();
        } else if (at < m_farthest) {
            return;
        }
        if (std::find(m_expected.begin(), m_expected.end(), what) == m_expected.end())
            m_expected.push_back(what);
        m_candidates.insert(m_candidates.end(), candidates.begin(), candidates.end());
    }

    bool matchItem(const Item &it, std::size_t at, Query &q)
    {
        const std::string word = at < m_tokens.size() ? m_tokens[at] : std::string();
        const bool present = at < m_tokens.size();
        switch (it.slot) {
        case Slot::Literal:
            if (present && word == it.literal)
                return true;
            expect(at, "\"" + it.literal + "\"", {it.literal});
            return false;
        case Slot::Endpoint:
            if (const std::optional<Side> s = sideFromName(word)) {
                q.hasEndpoint = true;
                q.endpoint = *s;
                return true;
            }
            expect(at, "client or server", {"client", "server"});
            return false;
        case Slot::Number:
        case Slot::Line: {
            const bool digits = present && word.size() <= 6
                                && std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
            const int n = digits ? std::stoi(word) : 0;
            if (n > 0) {
                (it.slot == Slot::Number ? q.nth : q.line) = n;
                return true;
            }
            expect(at, it.slot == Slot::Number ? "a number (1, 2, ...)" : "a line number", {});
            return false;
        }
        case Slot::Call:
            if (std::find(callNames().begin(), callNames().end(), word) != callNames().end()) {
                q.call = word;
                return true;
            }
            expect(at, "a call (listen, connect, accept, send, recv, shutdown, close, abort, exit)", callNames());
            return false;
        case Slot::Flags: {
            std::uint8_t flags = 0;
            if (present && tcp::parseFlags(word, flags)) {
                q.hasFlags = true;
                q.flags = flags;
                return true;
            }
            expect(at, "flags (SYN, SYN+ACK, ACK, FIN+ACK, RST, ...)", {});
            return false;
        }
        case Slot::State: {
            tcp::State s = tcp::State::Closed;
            if (present && tcp::parseState(word, s)) {
                q.state = s;
                return true;
            }
            expect(at, "a state (CLOSED, LISTEN, SYN_SENT, ... TIME_WAIT)", stateNames());
            return false;
        }
        }
        return false;
    }

    std::vector<std::string> m_tokens;
    std::size_t m_farthest = 0;
    std::vector<std::string> m_expected;
    std::vector<std::string> m_candidates;
};

constexpr const char kComparePrefix[] = "compare:";

} // namespace

std::vector<std::string> queryForms()
{
    std::vector<std::string> out;
    for (const Form &f : kForms)
        out.emplace_back(f.pattern);
    return out;
}

bool parseQuery(const std::string &text, Query &out, std::string &error)
{
    Query q;
    q.text = text;
    std::string body = text;
    const std::size_t start = body.find_first_not_of(" \t");
    if (start != std::string::npos && body.compare(start, sizeof kComparePrefix - 1, kComparePrefix) == 0) {
        q.onCompare = true;
        body = body.substr(start + sizeof kComparePrefix - 1);
    }
    const std::vector<std::string> tokens = words(body);
    if (tokens.empty()) {
        error = "empty query";
        return false;
    }
    Matcher m(tokens);
    for (int i = 0; i < kFormCount; ++i) {
        Query candidate = q;
        if (m.matchForm(compiledForms()[std::size_t(i)], candidate)) {
            candidate.form = i;
            out = candidate;
            return true;
        }
    }
    error = "query \"" + text + "\": " + m.error();
    return false;
}

bool gradable(const Query &query)
{
    return query.form >= 0 && query.form < kFormCount && kForms[query.form].gradable;
}

bool decidedBySegment(const QueryResult &result, const RunRecord &run)
{
    return result.ok && result.eventIndex < events(run).size() && isSegment(events(run)[result.eventIndex]);
}

QueryResult evaluate(const Query &query, const RunRecord &run)
{
    if (query.form < 0 || query.form >= kFormCount)
        return failure("not a parsed query");
    return kForms[query.form].evaluate(query, run);
}

QueryResult evaluateQuery(const std::string &text, const RunRecord &run, const RunRecord *compare)
{
    Query q;
    std::string error;
    if (!parseQuery(text, q, error))
        return failure(error);
    if (!q.onCompare)
        return evaluate(q, run);
    if (!compare)
        return failure("query \"" + text + "\" reads the compare: run, and this step has none");
    return evaluate(q, *compare);
}

} // namespace lesson
