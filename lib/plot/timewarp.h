#pragma once
// The time axis of the plots. A run mixes millisecond handshakes with a 60 s TIME_WAIT
// (2MSL, RFC 9293 §3.4.2); on a linear axis the handshake is a hair-line. The log-like mode
// is linear for the first tau microseconds and logarithmic after (x = log10(1 + t/tau)), so
// both the handshake and the long TIME_WAIT band are visible at once and a longer band still
// looks longer. Ticks stay at real, round times.

#include "trace/trace.h"

#include <cstdint>
#include <vector>

namespace tcplab::plot {

struct TimeWarp {
    enum class Mode { Linear, LogLike };
    Mode mode = Mode::Linear;
    double tauUs = 1000.0;

    double toAxis(double us) const;   // linear: seconds; log-like: log10(1 + us / tau)
    double toTime(double axis) const; // inverse, in µs
};

// tau: the median gap between consecutive distinct event times (clamped to 1 µs .. 1 s), the
// trace's own "short" time scale. Log-like is suggested when it leaves fewer events crowded
// together (closer than 1% of the axis) than linear does: a handshake followed by a 60 s
// TIME_WAIT, yes; SYN retries at 0, 1 s and 3 s, no (log would squeeze the later ones).
TimeWarp makeTimeWarp(const Trace &trace, TimeWarp::Mode mode);
bool suggestLogLike(const Trace &trace);
// The same from chosen instants (µs, any order): a plot that shows only some events (the
// time–sequence graph shows segments, not the quiet TIME_WAIT after them) scales by those.
TimeWarp makeTimeWarp(std::vector<std::int64_t> times, TimeWarp::Mode mode);
bool suggestLogLike(std::vector<std::int64_t> times);
std::vector<std::int64_t> eventTimes(const Trace &trace);

struct TimeTick {
    double us = 0;   // where, in µs
    double step = 0; // the tick spacing it belongs to (for formatTickTime)
};

// Ticks for the visible axis range [axisLo, axisHi], about `target` of them: a uniform 1-2-5
// step when linear; when log-like, coarse round times first, then finer ones where they fit.
std::vector<TimeTick> timeTicks(const TimeWarp &warp, double axisLo, double axisHi, int target);

} // namespace tcplab::plot
