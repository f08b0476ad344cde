#include "backoff.h"

#include "tcp/segment.h"

#include "durationformat.h"
#include "timesequence.h"

#include <map>
#include <tuple>

namespace tcplab::plot {

std::string RetransmittedSegment::label() const {
    return endpointName(src) + "->" + endpointName(dst) + " " + tcp::flagsName(flags)
           + " seq=" + std::to_string(seq);
}

std::vector<RetransmittedSegment> computeBackoff(const Trace &trace) {
    using Key = std::tuple<EndpointId, EndpointId, std::uint32_t, std::uint8_t>;
    std::map<Key, std::size_t> groupOf;
    std::vector<RetransmittedSegment> groups;
    for (std::size_t i = 0; i < trace.events.size(); ++i) {
        const Event &e = trace.events[i];
        if (e.type != EventType::Segment)
            continue;
        const SegmentKind kind = classifySegment(e);
        const bool takesSpace = kind == SegmentKind::Syn || kind == SegmentKind::Fin || e.len > 0;
        if (!takesSpace)
            continue;
        const Key key{e.src, e.dst, e.seq, e.flags};
        auto it = groupOf.find(key);
        if (it == groupOf.end()) {
            it = groupOf.emplace(key, groups.size()).first;
            groups.push_back(RetransmittedSegment{e.src, e.dst, e.flags, e.seq, {}, {}, {}, {}});
        }
        RetransmittedSegment &g = groups[it->second];
        g.sends.push_back(e.t);
        g.events.push_back(static_cast<int>(i));
    }

    std::vector<RetransmittedSegment> out;
    for (RetransmittedSegment &g : groups) {
        if (g.sends.size() < 2)
            continue;
        for (std::size_t i = 1; i < g.sends.size(); ++i)
            g.intervals.push_back(g.sends[i] - g.sends[i - 1]);
        std::int64_t ideal = g.intervals.front();
        for (std::size_t i = 0; i < g.intervals.size(); ++i, ideal *= 2)
            g.ideal.push_back(ideal);
        out.push_back(std::move(g));
    }
    return out;
}

std::vector<std::string> describeBackoff(const std::vector<RetransmittedSegment> &series) {
    auto join = [](const std::vector<std::int64_t> &values) {
        std::string s;
        for (std::size_t i = 0; i < values.size(); ++i)
            s += (i ? ", " : "") + formatDuration(values[i]);
        return s;
    };
    std::vector<std::string> lines;
    for (const RetransmittedSegment &r : series)
        lines.push_back(r.label() + ": intervals " + join(r.intervals) + "; ideal " +
                        join(r.ideal));
    return lines;
}

} // namespace tcplab::plot
