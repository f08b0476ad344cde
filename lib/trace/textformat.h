#pragma once
// The readable, aligned timeline printed by `tcplab-cli run --format text` and compared,
// whole, by tests (STYLE.md 17).

#include "trace.h"

#include <string>
#include <vector>

namespace tcplab {

// "   12.345 ms" style time column.
std::string formatTime(std::int64_t us);
// One line per event, without a trailing newline. Columns:
//   time  kind  who  what
std::string formatEvent(const Event &e);
std::vector<std::string> formatTrace(const Trace &trace);

} // namespace tcplab
