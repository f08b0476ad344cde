#pragma once
// Durations and instants as people read them on a plot: "60.000 s", "10.000 ms", "250 µs".

#include <cstdint>
#include <string>

namespace tcplab::plot {

// Chooses the unit by magnitude: >= 1 s in seconds, >= 1 ms in milliseconds, else µs.
// Always three decimals for s and ms so columns of values line up.
std::string formatDuration(std::int64_t us);

// A tick label: the unit follows the larger of the tick's value and the step, so an axis reads
// "0", "500 ms", "1 s", "1.5 s"; decimals follow the step and trailing zeros are dropped.
std::string formatTickTime(double us, double stepUs);

} // namespace tcplab::plot
