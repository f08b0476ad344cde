#pragma once
// Retransmission back-off: for each segment sent more than once, the gaps between the
// original and each retry, against the ideal doubling of RFC 6298 §5.5 (RFC 9293 §3.8.1).

#include "trace/trace.h"

#include <cstdint>
#include <string>
#include <vector>

namespace tcplab::plot {

struct RetransmittedSegment {
    EndpointId src, dst;
    std::uint8_t flags = 0;
    std::uint32_t seq = 0;
    std::vector<std::int64_t> sends;     // original first, then each retry
    std::vector<int> events;             // trace index of each send
    std::vector<std::int64_t> intervals; // sends[i+1] - sends[i]
    std::vector<std::int64_t> ideal;     // intervals[0] * 2^i

    std::string label() const; // "client->server SYN seq=0"
};

// A segment counts as sent again when the same direction sends the same relative seq with the
// same flags, and the segment takes sequence space (SYN, FIN or data): pure ACKs repeat their
// seq all the time without being retransmissions. In order of the original send.
std::vector<RetransmittedSegment> computeBackoff(const Trace &trace);

// "client->server SYN seq=0: intervals 1.000 s, 2.000 s; ideal 1.000 s, 2.000 s"
std::vector<std::string> describeBackoff(const std::vector<RetransmittedSegment> &series);

} // namespace tcplab::plot
