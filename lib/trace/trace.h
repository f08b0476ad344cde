#pragma once
// A Trace: a time-ordered list of events plus what produced it.

#include "eventvector.h"

#include <string>
#include <vector>

namespace tcplab {

struct Trace {
    std::string title;
    std::string producer; // "sim", "live", "capture"
    EventVector events;

    void add(Event e) { events.push_back(std::move(e)); }
    // Stable sort by time: producers that merge sources (capture + sock_diag) call this.
    void sortByTime();
    bool empty() const { return events.empty(); }
    std::size_t size() const { return events.size(); }
};

} // namespace tcplab
