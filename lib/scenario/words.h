#pragma once
// Internal to lib/scenario: the fixed vocabularies of the language and the "did you mean"
// helper shared by the parser's error messages.

#include <string>
#include <vector>

namespace scenario::words {

const std::vector<std::string> &endpoints(); // client server
const std::vector<std::string> &calls();     // listen connect accept send recv ...
const std::vector<std::string> &states();    // the eleven canonical names, RFC 9293 §3.3.2
const std::vector<std::string> &flagNames(); // SYN FIN RST PSH ACK, in canonical order

bool contains(const std::vector<std::string> &list, const std::string &word);
// The closest candidate within edit distance 2 (transpositions count 1), or a candidate that
// differs only by case; "" when nothing is close enough.
std::string suggest(const std::string &word, const std::vector<std::string> &candidates);
// Like suggest(), but also knows the kernel's spellings (SYN_RECV, FIN_WAIT1, TIME-WAIT ...).
std::string suggestState(const std::string &word);
// "a, b, c"
std::string join(const std::vector<std::string> &list, const std::string &sep = ", ");

} // namespace scenario::words
