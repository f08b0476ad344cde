#include "sampletrace.h"

#include "tracestrings.h"

namespace sample {

using namespace tcplab;

Event segment(std::int64_t t, const char *src, const char *dst, const char *flags,
              std::uint32_t seq, std::uint32_t ack, std::int64_t arrive)
{
    SegmentHeader h;
    h.src = ep(src);
    h.dst = ep(dst);
    h.flags = flagsOf(flags);
    const bool fromClient = h.src.isClient();
    h.seqAbs = seq + (fromClient ? 1000 : 5000);
    h.ackAbs = ack == 0 ? 0 : ack + (fromClient ? 5000 : 1000);
    h.win = 65535;
    Event e = makeSegment(t, h, fromClient ? 1000 : 5000, fromClient ? 5000 : 1000, arrive);
    e.ack = ack; // as given, even where the ACK flag is off
    return e;
}

Trace handshakeAndClose()
{
    Trace t;
    t.title = "Handshake and close";
    t.producer = "sim";
    t.add(makeCall(0, "server", "listen", -1, "0"));
    t.add(makeState(0, "server", "CLOSED", "LISTEN", "listen", "simulated"));
    Event connect = makeCall(0, "client", "connect", -1, "0");
    connect.tEnd = 10'000;
    t.add(connect);
    t.add(makeState(0, "client", "CLOSED", "SYN_SENT", "connect / snd SYN", "simulated"));
    t.add(segment(0, "client", "server", "SYN", 0, 0, 5'000));
    t.add(makeTimer(0, "client", "retransmit", "armed", 1'000'000));
    t.add(
        makeState(5'000, "server", "LISTEN", "SYN_RECEIVED", "rcv SYN / snd SYN+ACK", "simulated"));
    t.add(segment(5'000, "server", "client", "SYN+ACK", 0, 1, 10'000));
    t.add(makeState(10'000, "client", "SYN_SENT", "ESTABLISHED", "rcv SYN+ACK / snd ACK",
                    "simulated"));
    t.add(makeTimer(10'000, "client", "retransmit", "cancelled", kNoTime));
    t.add(segment(10'000, "client", "server", "ACK", 1, 1, 15'000));
    t.add(
        makeState(15'000, "server", "SYN_RECEIVED", "ESTABLISHED", "rcv ACK of SYN", "simulated"));
    t.add(makeCall(15'000, "server", "accept", -1, "0"));
    t.add(makeCall(20'000, "client", "close", -1, "0"));
    t.add(makeState(20'000, "client", "ESTABLISHED", "FIN_WAIT_1", "close / snd FIN", "simulated"));
    t.add(segment(20'000, "client", "server", "FIN+ACK", 1, 1, 25'000));
    t.add(
        makeState(25'000, "server", "ESTABLISHED", "CLOSE_WAIT", "rcv FIN / snd ACK", "simulated"));
    t.add(segment(25'000, "server", "client", "ACK", 1, 2, 30'000));
    t.add(makeCall(25'000, "server", "recv", -1, "EOF"));
    t.add(makeState(30'000, "client", "FIN_WAIT_1", "FIN_WAIT_2", "rcv ACK of FIN", "simulated"));
    t.add(makeCall(30'000, "server", "close", -1, "0"));
    t.add(makeState(30'000, "server", "CLOSE_WAIT", "LAST_ACK", "close / snd FIN", "simulated"));
    t.add(segment(30'000, "server", "client", "FIN+ACK", 1, 2, 35'000));
    t.add(makeState(35'000, "client", "FIN_WAIT_2", "TIME_WAIT", "rcv FIN / snd ACK", "simulated"));
    t.add(makeTimer(35'000, "client", "time-wait", "armed", 60'035'000));
    t.add(segment(35'000, "client", "server", "ACK", 2, 2, 40'000));
    t.add(makeState(40'000, "server", "LAST_ACK", "CLOSED", "rcv ACK of FIN", "simulated"));
    t.add(makeTimer(60'035'000, "client", "time-wait", "fired", kNoTime));
    t.add(makeState(60'035'000, "client", "TIME_WAIT", "CLOSED", "2MSL timeout", "simulated"));
    return t;
}

} // namespace sample
