#pragma once
// Internal to lib/lesson: the patterns of the query table ("result ENDPOINT CALL [nth N]":
// literal words, placeholders in capitals, optional groups in []) and the matcher that reads a
// query's words against them -- filling a Query's fields -- and, when no pattern fits, says what
// was expected at the farthest word any pattern reached.

#include "query.h"

#include <string>
#include <vector>

namespace lesson {

enum class Slot { Literal, Endpoint, Number, Line, Call, Flags, State };

struct PatternItem {
    Slot slot = Slot::Literal;
    std::string literal; // Literal only
};

struct PatternGroup {
    std::vector<PatternItem> items; // one, or several in an optional group ("[nth N]")
    bool optional = false;
};

using Pattern = std::vector<PatternGroup>;

Pattern compilePattern(const char *pattern);
std::vector<std::string> splitWords(const std::string &text);

class QueryMatcher {
public:
    explicit QueryMatcher(std::vector<std::string> words)
        : m_words(std::move(words))
    {
    }

    // True when all the words fit the pattern; q then holds the placeholders' values.
    bool match(const Pattern &pattern, Query &q);
    // After every pattern failed: "expected X or Y, found "w" after "..." (did you mean ...?)".
    std::string error() const;

private:
    // Records that `what` was expected at word `at`; candidates are the words it could have been
    // (for the "did you mean" of the farthest position).
    void expect(std::size_t at, const std::string &what,
                const std::vector<std::string> &candidates);
    bool matchItem(const PatternItem &item, std::size_t at, Query &q);

    std::vector<std::string> m_words;
    std::size_t m_farthest = 0;
    std::vector<std::string> m_expected;
    std::vector<std::string> m_candidates;
};

} // namespace lesson
