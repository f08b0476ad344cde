#pragma once
// State timeline: for each endpoint, the states it was in as bands over time.

#include "trace/trace.h"

#include <cstdint>
#include <string>
#include <vector>

namespace tcplab::plot {

struct StateBand {
    tcp::State state = tcp::State::Closed;
    std::int64_t tStart = 0;
    std::int64_t tEnd = 0;
    StateSource source = StateSource::Simulated; // of the state event that began it
    int event = -1;     // index of the state event that began the band; -1 for the first band
};

struct EndpointTimeline {
    EndpointId endpoint;
    std::vector<StateBand> bands;
    std::vector<std::int64_t> transitions; // times of the endpoint's state events
};

struct StateTimeline {
    std::vector<EndpointTimeline> endpoints; // "client", "server", then others as they appear
    std::int64_t tEnd = 0;                   // time of the trace's last event
};

// The first band of an endpoint is its first state event's `from`, starting at t=0; each state
// event closes the current band and opens one for `to`; the last band ends at the trace's last
// event. An endpoint without state events has no row.
StateTimeline computeStateTimeline(const Trace &trace);

// "client CLOSED 0-0, SYN_SENT 0-10000, ESTABLISHED 10000-30000" (µs), one line per endpoint;
// a band whose source is not "simulated" gets it in brackets: "ESTABLISHED[kernel] 10-20".
std::vector<std::string> describeStateTimeline(const StateTimeline &timeline);

// The band of `endpoint` containing t (the later one at a boundary), or nullptr.
const StateBand *bandAt(const EndpointTimeline &row, std::int64_t t);

} // namespace tcplab::plot
