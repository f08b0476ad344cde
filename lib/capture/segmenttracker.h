#pragma once
// Turns captured packets into trace segment events: sequence numbers relative to each side's
// initial sequence number (learned from its SYN) and retransmissions recognised as segments
// that repeat sequence space already seen in their direction (RFC 9293 §3.4, §3.8.1).

#include "capture/tcppacket.h"
#include "trace/event.h"

#include <map>
#include <string>

namespace capture {

class SegmentTracker {
public:
    // p sent by src to dst at t (µs since the run's start). The event is delivered at once
    // (tArrive = t); a caller that knows better changes it.
    tcplab::Event track(const TcpPacket &p, tcplab::EndpointId src, tcplab::EndpointId dst,
                        std::int64_t t);
    void reset() { m_dirs.clear(); }

private:
    struct Direction {
        bool haveBase = false;
        std::uint32_t base = 0;   // the ISN, or the first sequence number seen without a SYN
        bool haveEnd = false;
        std::uint32_t maxEnd = 0; // highest seq + SEG.LEN seen
    };
    std::map<tcplab::EndpointId, Direction> m_dirs; // by sender
};

} // namespace capture
