#include "substitution.h"

#include "query.h"

namespace lesson {

namespace {

constexpr const char kOpen[] = "{{";
constexpr const char kClose[] = "}}";

std::string trimmed(const std::string &s)
{
    const std::size_t a = s.find_first_not_of(" \t\n");
    if (a == std::string::npos)
        return std::string();
    return s.substr(a, s.find_last_not_of(" \t\n") - a + 1);
}

// Calls f(before, query) for each {{query}}; returns what follows the last one.
template <typename F> std::string forEachQuery(const std::string &text, F f)
{
    std::size_t pos = 0;
    for (;;) {
        const std::size_t open = text.find(kOpen, pos);
        const std::size_t close = open == std::string::npos ? open : text.find(kClose, open + 2);
        if (close == std::string::npos)
            return text.substr(pos);
        f(text.substr(pos, open - pos), trimmed(text.substr(open + 2, close - open - 2)));
        pos = close + 2;
    }
}

} // namespace

std::vector<std::string> queriesIn(const std::string &text)
{
    std::vector<std::string> out;
    forEachQuery(text, [&out](const std::string &, const std::string &q) { out.push_back(q); });
    return out;
}

std::string substituteQueries(const std::string &text, const RunRecord &run,
                              const RunRecord *compare, std::vector<std::string> *errors)
{
    std::string out;
    const std::string tail =
        forEachQuery(text, [&](const std::string &before, const std::string &q) {
            out += before;
            const QueryResult r = evaluateQuery(q, run, compare);
            if (r.ok) {
                out += r.value;
            } else {
                out += "?";
                if (errors)
                    errors->push_back("{{" + q + "}}: " + r.error);
            }
        });
    return out + tail;
}

} // namespace lesson
