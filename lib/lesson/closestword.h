#pragma once
// Internal to lib/lesson: the "did you mean" of the loader's and the query parser's errors.

#include <string>
#include <vector>

namespace lesson {

// The candidate closest to word within two edits (adjacent transpositions count one), and
// fewer edits than word has letters (so "zh" suggests nothing rather than "en"); "" if none.
std::string closestWord(const std::string &word, const std::vector<std::string> &candidates);

} // namespace lesson
