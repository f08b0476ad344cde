#include "statetimeline.h"

#include <algorithm>

namespace tcplab::plot {

namespace {

EndpointTimeline &rowFor(std::vector<EndpointTimeline> &rows, EndpointId ep) {
    for (EndpointTimeline &r : rows)
        if (r.endpoint == ep)
            return r;
    rows.push_back(EndpointTimeline{ep, {}, {}});
    return rows.back();
}

// The client's row first, then the server's, then any other.
int rank(EndpointId ep) {
    if (ep == EndpointId::client())
        return 0;
    if (ep == EndpointId::server())
        return 1;
    return 2;
}

} // namespace

StateTimeline computeStateTimeline(const Trace &trace) {
    StateTimeline out;
    if (trace.events.empty())
        return out;
    for (const Event &e : trace.events)
        out.tEnd = std::max(out.tEnd, e.t);

    for (std::size_t i = 0; i < trace.events.size(); ++i) {
        const Event &e = trace.events[i];
        if (e.type != EventType::State)
            continue;
        EndpointTimeline &row = rowFor(out.endpoints, e.ep);
        if (row.bands.empty())
            row.bands.push_back(StateBand{e.from, 0, e.t, e.source, -1});
        else
            row.bands.back().tEnd = e.t;
        row.bands.push_back(StateBand{e.to, e.t, out.tEnd, e.source, static_cast<int>(i)});
        row.transitions.push_back(e.t);
    }
    // The last band of each row runs to the end of the trace.
    for (EndpointTimeline &row : out.endpoints)
        row.bands.back().tEnd = std::max(row.bands.back().tStart, out.tEnd);
    std::stable_sort(out.endpoints.begin(), out.endpoints.end(),
                     [](const EndpointTimeline &a, const EndpointTimeline &b) {
                         return rank(a.endpoint) < rank(b.endpoint);
                     });
    return out;
}

std::vector<std::string> describeStateTimeline(const StateTimeline &timeline) {
    std::vector<std::string> lines;
    for (const EndpointTimeline &row : timeline.endpoints) {
        std::string line = endpointName(row.endpoint);
        bool first = true;
        for (const StateBand &b : row.bands) {
            line += first ? " " : ", ";
            first = false;
            line += tcp::stateName(b.state);
            if (b.source != StateSource::Simulated)
                line += std::string("[") + stateSourceName(b.source) + "]";
            line += " " + std::to_string(b.tStart) + "-" + std::to_string(b.tEnd);
        }
        lines.push_back(line);
    }
    return lines;
}

const StateBand *bandAt(const EndpointTimeline &row, std::int64_t t) {
    const StateBand *found = nullptr;
    for (const StateBand &b : row.bands)
        if (b.tStart <= t && t <= b.tEnd)
            found = &b; // later bands win at a shared boundary
    return found;
}

} // namespace tcplab::plot
