// The query language of lessons (docs/lesson-format.md, "Queries"): a table with one row per
// form -- its pattern, which is also its parser (querypattern.cpp), and its evaluation.

#include "query.h"

#include "querypattern.h"

#include "tcp/segment.h"
#include "trace/event.h"

#include <algorithm>
#include <optional>

namespace lesson {

namespace {

using tcplab::Event;
using tcplab::EventType;

// What kind of event e is.
bool isSegment(const Event &e) { return e.type == EventType::Segment; }
bool isStateChange(const Event &e) { return e.type == EventType::State; }
bool isCall(const Event &e) { return e.type == EventType::Call; }
bool isTimer(const Event &e) { return e.type == EventType::Timer; }

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

const tcplab::EventVector &events(const RunRecord &run)
{
    return run.trace.events;
}

bool sentBy(const Event &e, const Query &q)
{
    return isSegment(e) && (!q.hasEndpoint || e.src == q.endpoint);
}

bool stateChangeOf(const Event &e, tcplab::EndpointId side)
{
    return isStateChange(e) && e.ep == side;
}

// The last state change of q.endpoint among the first `end` events; CLOSED (no deciding event)
// when it never changed state: every endpoint starts closed.
QueryResult lastStateBefore(const Query &q, const RunRecord &run, std::size_t end)
{
    const tcplab::EventVector &ev = events(run);
    for (std::size_t i = std::min(end, ev.size()); i-- > 0;)
        if (stateChangeOf(ev[i], q.endpoint))
            return answer(tcp::stateName(ev[i].to), i);
    return answer(tcp::stateName(tcp::State::Closed), kNoEvent);
}

// The index of the Nth segment q.endpoint sent (q.nth, 1-based), or a failure.
std::optional<std::size_t> nthSent(const Query &q, const RunRecord &run, QueryResult &fail)
{
    int seen = 0;
    const tcplab::EventVector &ev = events(run);
    for (std::size_t i = 0; i < ev.size(); ++i)
        if (sentBy(ev[i], q) && ++seen == q.nth)
            return i;
    fail = failure(tcplab::endpointName(q.endpoint) + " sent " + std::to_string(seen) +
                   " segment" + (seen == 1 ? "" : "s") + ", no " + ordinal(q.nth));
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
    const tcplab::EventVector &ev = events(run);
    std::string list;
    std::size_t last = kNoEvent;
    for (std::size_t i = 0; i < ev.size(); ++i) {
        if (!stateChangeOf(ev[i], q.endpoint))
            continue;
        if (last == kNoEvent)
            list = tcp::stateName(ev[i].from);
        list += std::string(" ") + tcp::stateName(ev[i].to);
        last = i;
    }
    if (last == kNoEvent)
        return answer(tcp::stateName(tcp::State::Closed), kNoEvent);
    return answer(list, last);
}

QueryResult callResult(const Query &q, const RunRecord &run)
{
    const tcplab::EventVector &ev = events(run);
    std::vector<std::size_t> calls;
    for (std::size_t i = 0; i < ev.size(); ++i)
        if (isCall(ev[i]) && ev[i].ep == q.endpoint && ev[i].call == q.call)
            calls.push_back(i);
    const std::string who = tcplab::endpointName(q.endpoint);
    if (calls.empty())
        return failure(who + " never called " + tcp::callName(q.call) + "()");
    if (q.nth > int(calls.size()))
        return failure(who + " called " + tcp::callName(q.call) + "() " + std::to_string(calls.size()) +
                       " time(s), no " + ordinal(q.nth));
    const std::size_t i = q.nth > 0 ? calls[std::size_t(q.nth - 1)] : calls.back();
    if (ev[i].result.empty())
        return failure(who + "'s " + tcp::callName(q.call) + "() had not returned when the run ended");
    return answer(ev[i].result, i);
}

QueryResult flagsNth(const Query &q, const RunRecord &run)
{
    QueryResult fail;
    const std::optional<std::size_t> i = nthSent(q, run, fail);
    return i ? answer(tcp::flagsName(events(run)[*i].flags), *i) : fail;
}

QueryResult flagsAfterCall(const Query &q, const RunRecord &run)
{
    const tcplab::EventVector &ev = events(run);
    const std::string who = tcplab::endpointName(q.endpoint);
    std::size_t call = kNoEvent;
    for (std::size_t i = 0; i < ev.size(); ++i)
        if (isCall(ev[i]) && ev[i].ep == q.endpoint && ev[i].call == q.call)
            call = i;
    if (call == kNoEvent)
        return failure(who + " never called " + tcp::callName(q.call) + "()");
    for (std::size_t i = call + 1; i < ev.size(); ++i)
        if (sentBy(ev[i], q))
            return answer(tcp::flagsName(ev[i].flags), i);
    return failure(who + " sent no segment after its last " + tcp::callName(q.call) + "()");
}

// seq, ack, seqabs, ackabs of the Nth segment sent.
template <std::uint32_t Event::*field>
QueryResult numberNth(const Query &q, const RunRecord &run)
{
    QueryResult fail;
    const std::optional<std::size_t> i = nthSent(q, run, fail);
    return i ? answer(std::to_string(events(run)[*i].*field), *i) : fail;
}

QueryResult countFrom(const Query &q, const RunRecord &run)
{
    const tcplab::EventVector &ev = events(run);
    std::size_t first = kNoEvent;
    int count = 0;
    for (std::size_t i = 0; i < ev.size(); ++i) {
        if (!isSegment(ev[i]))
            continue;
        if (first == kNoEvent && ev[i].flags == q.flags)
            first = i;
        if (first != kNoEvent)
            ++count;
    }
    return answer(std::to_string(count), first);
}

QueryResult countSegments(const Query &q, const RunRecord &run)
{
    const tcplab::EventVector &ev = events(run);
    std::size_t last = kNoEvent;
    int count = 0;
    for (std::size_t i = 0; i < ev.size(); ++i) {
        if (sentBy(ev[i], q) && (!q.hasFlags || ev[i].flags == q.flags)) {
            ++count;
            last = i;
        }
    }
    return answer(std::to_string(count), last);
}

QueryResult senderOf(const Query &q, const RunRecord &run)
{
    const tcplab::EventVector &ev = events(run);
    const int n = q.nth > 0 ? q.nth : 1;
    int seen = 0;
    for (std::size_t i = 0; i < ev.size(); ++i) {
        if (isSegment(ev[i]) && ev[i].flags == q.flags && ++seen == n) {
            return answer(tcplab::endpointName(ev[i].src), i);
        }
    }
    return failure("the run has " + std::to_string(seen) + " " + tcp::flagsName(q.flags) +
                   " segment(s), no " + ordinal(n));
}

QueryResult anySegment(const Query &q, const RunRecord &run)
{
    const tcplab::EventVector &ev = events(run);
    for (std::size_t i = 0; i < ev.size(); ++i)
        if (sentBy(ev[i], q) && ev[i].flags == q.flags)
            return answer("yes", i);
    return answer("no", kNoEvent);
}

QueryResult retransmissions(const Query &q, const RunRecord &run)
{
    const tcplab::EventVector &ev = events(run);
    std::size_t last = kNoEvent;
    int count = 0;
    for (std::size_t i = 0; i < ev.size(); ++i) {
        if (sentBy(ev[i], q) && ev[i].rtx) {
            ++count;
            last = i;
        }
    }
    return answer(std::to_string(count), last);
}

std::optional<std::size_t> firstEntering(const Query &q, const RunRecord &run)
{
    const tcplab::EventVector &ev = events(run);
    for (std::size_t i = 0; i < ev.size(); ++i)
        if (stateChangeOf(ev[i], q.endpoint) && ev[i].to == q.state)
            return i;
    return std::nullopt;
}

// The timer that ends a state by itself, if it has one (RFC 9293 §3.10.8; Linux
// tcp_fin_timeout), as TimerChange::which spells it.
std::optional<tcp::Timer> timerEnding(tcp::State s)
{
    switch (s) {
    case tcp::State::TimeWait:
        return tcp::Timer::TimeWait;
    case tcp::State::FinWait2:
        return tcp::Timer::FinWait2;
    default:
        return std::nullopt;
    }
}

std::string wholeSeconds(std::int64_t us)
{
    return std::to_string((us + 500'000) / 1'000'000) + "s";
}

QueryResult duration(const Query &q, const RunRecord &run)
{
    const std::optional<std::size_t> entered = firstEntering(q, run);
    const std::string name = tcp::stateName(q.state);
    if (!entered)
        return failure(tcplab::endpointName(q.endpoint) + " never entered " + name);
    const tcplab::EventVector &ev = events(run);
    const std::int64_t since = ev[*entered].t;
    for (std::size_t i = *entered + 1; i < ev.size(); ++i)
        if (stateChangeOf(ev[i], q.endpoint))
            return answer(wholeSeconds(ev[i].t - since), *entered);
    // Still there when the run ended (a live run does not wait out TIME_WAIT): until the
    // deadline of the state's own timer if it is still armed, else open-ended.
    const std::optional<tcp::Timer> timer = timerEnding(q.state);
    std::int64_t deadline = tcplab::kNoTime;
    for (std::size_t i = *entered; timer && i < ev.size(); ++i) {
        if (!isTimer(ev[i]) || ev[i].ep != q.endpoint || ev[i].timer != *timer)
            continue;
        deadline = ev[i].action == tcp::TimerAction::Armed ? ev[i].deadline : tcplab::kNoTime;
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
    {"seq segment ENDPOINT nth N", numberNth<&Event::seq>, true},
    {"ack segment ENDPOINT nth N", numberNth<&Event::ack>, true},
    {"seqabs segment ENDPOINT nth N", numberNth<&Event::seqAbs>, false},
    {"ackabs segment ENDPOINT nth N", numberNth<&Event::ackAbs>, false},
    {"count segments from FLAGS", countFrom, true},
    {"count segments [ENDPOINT] [FLAGS]", countSegments, true},
    {"sender of FLAGS [nth N]", senderOf, true},
    {"any segment [ENDPOINT] FLAGS", anySegment, true},
    {"retransmissions [ENDPOINT]", retransmissions, true},
    {"duration ENDPOINT STATE", duration, true},
    {"entered ENDPOINT STATE", entered, true},
};
constexpr int kFormCount = int(sizeof kForms / sizeof kForms[0]);

const std::vector<Pattern> &compiledForms()
{
    static const std::vector<Pattern> forms = [] {
        std::vector<Pattern> out;
        for (const Form &f : kForms)
            out.push_back(compilePattern(f.pattern));
        return out;
    }();
    return forms;
}

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
    if (start != std::string::npos &&
        body.compare(start, sizeof kComparePrefix - 1, kComparePrefix) == 0) {
        q.onCompare = true;
        body = body.substr(start + sizeof kComparePrefix - 1);
    }
    const std::vector<std::string> words = splitWords(body);
    if (words.empty()) {
        error = "empty query";
        return false;
    }
    QueryMatcher m(words);
    for (int i = 0; i < kFormCount; ++i) {
        Query candidate = q;
        if (m.match(compiledForms()[std::size_t(i)], candidate)) {
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
    return result.ok && result.eventIndex < events(run).size() &&
           isSegment(events(run)[result.eventIndex]);
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
