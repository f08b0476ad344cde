#pragma once
// Time–sequence graph (Stevens / tcptrace): per direction, each segment's relative sequence
// range against time, and the other side's acknowledgements as a step line.

#include "trace/trace.h"

#include <cstdint>
#include <string>
#include <vector>

namespace tcplab::plot {

enum class SegmentKind { Syn, Fin, Data, PureAck, Rst };
const char *segmentKindName(SegmentKind kind); // "SYN", "FIN", "data", "ACK", "RST"
SegmentKind classifySegment(const Event &segment);

struct SeqPoint {
    std::int64_t t = 0;       // send time
    std::uint32_t seq = 0;    // relative to the sender's ISN
    std::uint32_t seqEnd = 0; // seq + len + 1 for SYN and FIN (RFC 9293 §3.4: both take a number)
    SegmentKind kind = SegmentKind::PureAck;
    bool dropped = false;
    bool rtx = false;
    int event = -1;
};

struct AckStep {
    std::int64_t t = 0;    // when the acknowledgement reached the data sender
    std::uint32_t ack = 0; // relative to the data sender's ISN
    int event = -1;
};

struct SeqDirection {
    EndpointId src, dst;
    std::vector<SeqPoint> points; // in trace order
    std::vector<AckStep> acks;    // dst -> src segments with ACK that arrived, by arrival time
};

struct TimeSequence {
    std::vector<SeqDirection> directions; // client->server, server->client, then others
};

// The ACK line is drawn where the data sender learns of each acknowledgement: at the ACK's
// arrival time, and a dropped ACK does not move it (as tcptrace shows it from the sender's
// side). That is what makes a lost final ACK visible: the line stays below the FIN until the
// retransmitted FIN is acknowledged again.
TimeSequence computeTimeSequence(const Trace &trace);

// One line per point and per step, e.g.
//   "client->server 0 SYN 0-1", "client->server 20000 data 1-101 rtx dropped",
//   "client->server ack 15000 1"
std::vector<std::string> describeTimeSequence(const TimeSequence &ts);

} // namespace tcplab::plot
