#include "querypattern.h"

#include "closestword.h"

#include "tcp/segment.h"

#include <algorithm>
#include <sstream>

namespace lesson {

namespace {

PatternItem item(const std::string &word)
{
    static const std::pair<const char *, Slot> kSlots[] = {
        {"ENDPOINT", Slot::Endpoint}, {"N", Slot::Number},    {"L", Slot::Line},
        {"CALL", Slot::Call},         {"FLAGS", Slot::Flags}, {"STATE", Slot::State}};
    for (const auto &[name, slot] : kSlots)
        if (word == name)
            return PatternItem{slot, std::string()};
    return PatternItem{Slot::Literal, word};
}

// The calls a trace records, as the scenario language spells them.
const std::vector<std::string> &callNames()
{
    static const std::vector<std::string> calls = {"listen",   "connect", "accept", "send", "recv",
                                                   "shutdown", "close",   "abort",  "exit"};
    return calls;
}

const std::vector<std::string> &stateNames()
{
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        for (int i = 0; i < tcp::kStateCount; ++i)
            out.push_back(tcp::stateName(tcp::State(i)));
        return out;
    }();
    return names;
}

} // namespace

std::vector<std::string> splitWords(const std::string &text)
{
    std::istringstream in(text);
    std::vector<std::string> out;
    for (std::string w; in >> w;)
        out.push_back(w);
    return out;
}

Pattern compilePattern(const char *pattern)
{
    Pattern groups;
    bool inOptional = false;
    for (std::string w : splitWords(pattern)) {
        const bool opens = w.front() == '[', closes = w.back() == ']';
        if (opens)
            w.erase(0, 1);
        if (closes)
            w.pop_back();
        if (opens || !inOptional)
            groups.push_back(PatternGroup{{}, opens});
        groups.back().items.push_back(item(w));
        inOptional = opens ? !closes : inOptional && !closes;
    }
    return groups;
}

bool QueryMatcher::match(const Pattern &pattern, Query &q)
{
    std::size_t pos = 0;
    for (const PatternGroup &g : pattern) {
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
    if (pos != m_words.size()) {
        expect(pos, "the end of the query", {});
        return false;
    }
    return true;
}

std::string QueryMatcher::error() const
{
    std::string expected;
    for (std::size_t i = 0; i < m_expected.size(); ++i) {
        if (i > 0)
            expected += i + 1 == m_expected.size() ? " or " : ", ";
        expected += m_expected[i];
    }
    std::string prefix;
    for (std::size_t i = 0; i < m_farthest && i < m_words.size(); ++i)
        prefix += (i ? " " : "") + m_words[i];
    std::string msg = "expected " + expected;
    if (m_farthest < m_words.size())
        msg += ", found \"" + m_words[m_farthest] + "\"";
    if (!prefix.empty())
        msg += " after \"" + prefix + "\"";
    const std::string hint = m_farthest < m_words.size()
                                 ? closestWord(m_words[m_farthest], m_candidates)
                                 : std::string();
    if (!hint.empty())
        msg += " (did you mean \"" + hint + "\"?)";
    return msg;
}

void QueryMatcher::expect(std::size_t at, const std::string &what,
                          const std::vector<std::string> &candidates)
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

bool QueryMatcher::matchItem(const PatternItem &it, std::size_t at, Query &q)
{
    const bool present = at < m_words.size();
    const std::string word = present ? m_words[at] : std::string();
    switch (it.slot) {
    case Slot::Literal:
        if (present && word == it.literal)
            return true;
        expect(at, "\"" + it.literal + "\"", {it.literal});
        return false;
    case Slot::Endpoint:
        // The lab's connection has one client and one server.
        if ((word == "client" || word == "server") && tcplab::parseEndpoint(word, q.endpoint)) {
            q.hasEndpoint = true;
            return true;
        }
        expect(at, "client or server", {"client", "server"});
        return false;
    case Slot::Number:
    case Slot::Line: {
        const bool digits =
            present && word.size() <= 6 &&
            std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
        const int n = digits ? std::stoi(word) : 0;
        if (n > 0) {
            (it.slot == Slot::Number ? q.nth : q.line) = n;
            return true;
        }
        expect(at, it.slot == Slot::Number ? "a number (1, 2, ...)" : "a line number", {});
        return false;
    }
    case Slot::Call:
        if (tcp::parseCall(word, q.call))
            return true;
        expect(at, "a call (listen, connect, accept, send, recv, shutdown, close, abort, exit)",
               callNames());
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

} // namespace lesson
