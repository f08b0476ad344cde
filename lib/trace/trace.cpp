#include "trace.h"

#include <algorithm>

namespace tcplab {

void Trace::sortByTime()
{
    std::stable_sort(events.begin(), events.end(),
                     [](const Event &a, const Event &b) { return a.t < b.t; });
}

} // namespace tcplab
