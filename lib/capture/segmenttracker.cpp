#include "capture/segmenttracker.h"

#include "tcp/segment.h"

namespace capture {

tcplab::Event SegmentTracker::track(const TcpPacket &p, tcplab::EndpointId src,
                                    tcplab::EndpointId dst, std::int64_t t)
{
    const bool syn = p.flags & tcp::SYN;
    const bool fin = p.flags & tcp::FIN;
    const bool ack = p.flags & tcp::ACK;
    const std::uint32_t seqLen = p.len + (syn ? 1u : 0u) + (fin ? 1u : 0u);

    Direction &d = m_dirs[src];
    if (syn && d.haveBase && d.base != p.seq) {
        // A SYN with another ISN: a new connection on the same ports (a new incarnation,
        // RFC 9293 §3.4.1); forget the old one in this direction.
        d = Direction();
    }
    if (!d.haveBase) {
        d.haveBase = true;
        d.base = p.seq;
    }
    Direction &back = m_dirs[dst];
    if (ack && !back.haveBase) {
        // Capture started mid-connection: the peer's first byte is the one acknowledged.
        back.haveBase = true;
        back.base = p.ack - 1;
    }

    tcplab::SegmentHeader h;
    h.src = src;
    h.dst = dst;
    h.flags = p.flags;
    h.seqAbs = p.seq;
    h.ackAbs = ack ? p.ack : 0;
    h.len = p.len;
    h.win = p.window;
    tcplab::Event e = tcplab::makeSegment(t, h, d.base, back.base, t);
    e.options = p.options;

    const std::uint32_t end = p.seq + seqLen;
    if (seqLen > 0) {
        e.rtx = d.haveEnd && tcp::seqLt(p.seq, d.maxEnd);
        if (!d.haveEnd || tcp::seqGt(end, d.maxEnd)) {
            d.haveEnd = true;
            d.maxEnd = end;
        }
    }
    return e;
}

} // namespace capture
