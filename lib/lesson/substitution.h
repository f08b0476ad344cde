#pragma once
// {{QUERY}} in a text shown after a run (explain, after): replaced by that query's answer on
// the student's own run, e.g. "your SYN+ACK carried ack={{ack segment server nth 1}}".

#include "runrecord.h"

#include <string>
#include <vector>

namespace lesson {

// The queries a text holds, trimmed, in order.
std::vector<std::string> queriesIn(const std::string &text);
// The text with every {{QUERY}} replaced by its answer; a query without one becomes "?" and its
// error is appended to errors (when given). A "{{" without "}}" is left as written.
std::string substituteQueries(const std::string &text, const RunRecord &run,
                              const RunRecord *compare = nullptr,
                              std::vector<std::string> *errors = nullptr);

} // namespace lesson
