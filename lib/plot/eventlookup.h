#pragma once
// From a time on a plot back to the trace: which event a click means.

#include "trace/trace.h"

#include <cstdint>

namespace tcplab::plot {

// The event closest in time to t (the first of several at the same time); -1 if none.
// Events are in time order (Trace::sortByTime).
int nearestEvent(const Trace &trace, double t);

} // namespace tcplab::plot
