#include "timesequence.h"

#include "tcp/segment.h"

#include <algorithm>

namespace tcplab::plot {

namespace {

bool hasFlag(std::uint8_t flags, tcp::Flag flag) { return (flags & flag) != 0; }

SeqDirection &directionFor(std::vector<SeqDirection> &dirs, EndpointId src, EndpointId dst) {
    for (SeqDirection &d : dirs)
        if (d.src == src && d.dst == dst)
            return d;
    dirs.push_back(SeqDirection{src, dst, {}, {}});
    return dirs.back();
}

int rank(const SeqDirection &d) {
    if (d.src == EndpointId::client() && d.dst == EndpointId::server())
        return 0;
    if (d.src == EndpointId::server() && d.dst == EndpointId::client())
        return 1;
    return 2;
}

} // namespace

const char *segmentKindName(SegmentKind kind) {
    switch (kind) {
    case SegmentKind::Syn:
        return "SYN";
    case SegmentKind::Fin:
        return "FIN";
    case SegmentKind::Data:
        return "data";
    case SegmentKind::PureAck:
        return "ACK";
    case SegmentKind::Rst:
        return "RST";
    }
    return "?";
}

SegmentKind classifySegment(const Event &e) {
    if (hasFlag(e.flags, tcp::RST))
        return SegmentKind::Rst;
    if (hasFlag(e.flags, tcp::SYN))
        return SegmentKind::Syn;
    if (hasFlag(e.flags, tcp::FIN))
        return SegmentKind::Fin;
    if (e.len > 0)
        return SegmentKind::Data;
    return SegmentKind::PureAck;
}

TimeSequence computeTimeSequence(const Trace &trace) {
    TimeSequence out;
    for (std::size_t i = 0; i < trace.events.size(); ++i) {
        const Event &e = trace.events[i];
        if (e.type != EventType::Segment)
            continue;
        SeqPoint p;
        p.t = e.t;
        p.seq = e.seq;
        p.kind = classifySegment(e);
        const bool syn = hasFlag(e.flags, tcp::SYN);
        const bool fin = hasFlag(e.flags, tcp::FIN);
        p.seqEnd = e.seq + e.len + (syn ? 1u : 0u) + (fin ? 1u : 0u);
        p.dropped = e.dropped;
        p.rtx = e.rtx;
        p.event = static_cast<int>(i);
        directionFor(out.directions, e.src, e.dst).points.push_back(p);

        if (hasFlag(e.flags, tcp::ACK) && !e.dropped) {
            const std::int64_t arrive = e.tArrive != kNoTime ? e.tArrive : e.t;
            directionFor(out.directions, e.dst, e.src)
                .acks.push_back(AckStep{arrive, e.ack, static_cast<int>(i)});
        }
    }
    for (SeqDirection &d : out.directions)
        std::stable_sort(d.acks.begin(), d.acks.end(),
                         [](const AckStep &a, const AckStep &b) { return a.t < b.t; });
    std::stable_sort(
        out.directions.begin(), out.directions.end(),
        [](const SeqDirection &a, const SeqDirection &b) { return rank(a) < rank(b); });
    return out;
}

std::vector<std::string> describeTimeSequence(const TimeSequence &ts) {
    std::vector<std::string> lines;
    for (const SeqDirection &d : ts.directions) {
        const std::string dir = endpointName(d.src) + "->" + endpointName(d.dst);
        for (const SeqPoint &p : d.points) {
            std::string line = dir + " " + std::to_string(p.t) + " " + segmentKindName(p.kind) +
                               " " + std::to_string(p.seq) + "-" + std::to_string(p.seqEnd);
            if (p.rtx)
                line += " rtx";
            if (p.dropped)
                line += " dropped";
            lines.push_back(line);
        }
        for (const AckStep &a : d.acks)
            lines.push_back(dir + " ack " + std::to_string(a.t) + " " + std::to_string(a.ack));
    }
    return lines;
}

} // namespace tcplab::plot
