#include "scenario/words.h"

#include <algorithm>
#include <cctype>

namespace scenario::words {

const std::vector<std::string> &endpoints()
{
    static const std::vector<std::string> w{"client", "server"};
    return w;
}

const std::vector<std::string> &calls()
{
    static const std::vector<std::string> w{"listen", "connect", "accept", "send",  "recv",
                                            "shutdown", "close", "abort", "exit"};
    return w;
}

const std::vector<std::string> &states()
{
    static const std::vector<std::string> w{
        "CLOSED",     "LISTEN",     "SYN_SENT",   "SYN_RECEIVED", "ESTABLISHED", "FIN_WAIT_1",
        "FIN_WAIT_2", "CLOSE_WAIT", "CLOSING",    "LAST_ACK",     "TIME_WAIT"};
    return w;
}

const std::vector<std::string> &flagNames()
{
    static const std::vector<std::string> w{"SYN", "FIN", "RST", "PSH", "ACK"};
    return w;
}

bool contains(const std::vector<std::string> &list, const std::string &word)
{
    return std::find(list.begin(), list.end(), word) != list.end();
}

namespace {

std::string upper(std::string s)
{
    for (char &c : s)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

// Optimal string alignment distance: Levenshtein plus adjacent transpositions ("wiat").
// Three rows, not a matrix: the cost in memory is the candidate's length, not the product.
std::size_t distance(const std::string &a, const std::string &b)
{
    const std::size_t m = b.size();
    std::vector<std::size_t> before(m + 1), prev(m + 1), cur(m + 1);
    for (std::size_t j = 0; j <= m; ++j)
        prev[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (std::size_t j = 1; j <= m; ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                cur[j] = std::min(cur[j], before[j - 2] + 1);
        }
        std::swap(before, prev);
        std::swap(prev, cur);
    }
    return prev[m];
}

std::size_t lengthGap(const std::string &a, const std::string &b)
{
    return a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
}

} // namespace

std::string suggest(const std::string &word, const std::vector<std::string> &candidates)
{
    std::string best;
    std::size_t bestDistance = 3;
    for (const std::string &c : candidates) {
        if (c.size() == word.size() && upper(c) == upper(word))
            return c;
    }
    for (const std::string &c : candidates) {
        // The distance is at least the difference in length: a word much longer than every
        // candidate (a pasted blob) costs nothing to refuse.
        if (lengthGap(word, c) >= bestDistance)
            continue;
        const std::size_t d = distance(word, c);
        // A two-letter word is two edits away from every other short word: not a hint.
        if (d < bestDistance && d < word.size()) {
            best = c;
            bestDistance = d;
        }
    }
    return best;
}

std::string suggestState(const std::string &word)
{
    std::string norm = upper(word);
    std::replace(norm.begin(), norm.end(), '-', '_');
    static const std::vector<std::pair<std::string, std::string>> aliases{
        {"SYN_RECV", "SYN_RECEIVED"}, {"SYN_RCVD", "SYN_RECEIVED"}, {"FIN_WAIT1", "FIN_WAIT_1"},
        {"FIN_WAIT2", "FIN_WAIT_2"},  {"CLOSE", "CLOSED"},          {"ESTAB", "ESTABLISHED"},
        {"LISTENING", "LISTEN"},      {"TIMEWAIT", "TIME_WAIT"},    {"CLOSEWAIT", "CLOSE_WAIT"},
        {"LASTACK", "LAST_ACK"}};
    for (const auto &[alias, canonical] : aliases) {
        if (norm == alias)
            return canonical;
    }
    if (contains(states(), norm))
        return norm;
    return suggest(norm, states());
}

std::string join(const std::vector<std::string> &list, const std::string &sep)
{
    std::string out;
    for (const std::string &w : list) {
        if (!out.empty())
            out += sep;
        out += w;
    }
    return out;
}

} // namespace scenario::words
