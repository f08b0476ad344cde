#include "eventlookup.h"

#include <algorithm>
#include <cmath>

namespace tcplab::plot {

int nearestEvent(const Trace &trace, double t) {
    const tcplab::EventVector &ev = trace.events;
    if (ev.empty())
        return -1;
    const auto it =
        std::lower_bound(ev.begin(), ev.end(), t, [](const Event &e, double v) { return e.t < v; });
    if (it == ev.end()) {
        // Back to the first event of the last time.
        auto last = ev.end() - 1;
        while (last != ev.begin() && (last - 1)->t == last->t)
            --last;
        return static_cast<int>(last - ev.begin());
    }
    if (it == ev.begin())
        return 0;
    auto before = it - 1;
    if (std::fabs(t - static_cast<double>(before->t)) < std::fabs(static_cast<double>(it->t) - t)) {
        while (before != ev.begin() && (before - 1)->t == before->t)
            --before;
        return static_cast<int>(before - ev.begin());
    }
    return static_cast<int>(it - ev.begin());
}

} // namespace tcplab::plot
