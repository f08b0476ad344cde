#pragma once
// Small traces built in code for the plot tests: the handshake-and-close run, a lost SYN and
// a lost final ACK, with 5 ms one-way latency like the lessons.

#include "trace/trace.h"
#include "tracestrings.h"

#include <cstdint>
#include <string>

namespace plottest {

constexpr std::int64_t kLatency = 5000; // µs

inline tcplab::Event seg(std::int64_t t, const std::string &src, const std::string &flags,
                         std::uint32_t seq, std::uint32_t ack, std::uint32_t len = 0,
                         bool dropped = false, bool rtx = false) {
    tcplab::SegmentHeader h;
    h.src = tcplab::ep(src);
    h.dst = h.src.isClient() ? tcplab::EndpointId::server() : tcplab::EndpointId::client();
    h.flags = tcplab::flagsOf(flags);
    h.len = len;
    h.win = 65535;
    tcplab::Event e =
        tcplab::makeSegment(t, h, 0, 0, dropped ? tcplab::kNoTime : t + kLatency);
    e.seq = seq; // relative numbers as given; these traces need no absolute ones
    e.ack = ack;
    e.rtx = rtx;
    return e;
}

inline tcplab::Event st(std::int64_t t, const std::string &ep, const std::string &from,
                        const std::string &to, const std::string &source = "simulated") {
    return tcplab::makeState(t, ep.c_str(), from.c_str(), to.c_str(), "", source.c_str());
}

// Handshake, 100 bytes client -> server, active close by the client, TIME_WAIT of 60 s.
inline tcplab::Trace handshakeAndClose() {
    tcplab::Trace tr;
    tr.add(tcplab::makeCall(0, "server", "listen", -1, "0"));
    tr.add(st(0, "server", "CLOSED", "LISTEN"));
    tr.add(tcplab::makeCall(0, "client", "connect", -1, "0"));
    tr.add(st(0, "client", "CLOSED", "SYN_SENT"));
    tr.add(seg(0, "client", "SYN", 0, 0));
    tr.add(st(5000, "server", "LISTEN", "SYN_RECEIVED"));
    tr.add(seg(5000, "server", "SYN+ACK", 0, 1));
    tr.add(st(10000, "client", "SYN_SENT", "ESTABLISHED"));
    tr.add(seg(10000, "client", "ACK", 1, 1));
    tr.add(st(15000, "server", "SYN_RECEIVED", "ESTABLISHED"));
    tr.add(seg(20000, "client", "PSH+ACK", 1, 1, 100));
    tr.add(seg(25000, "server", "ACK", 1, 101));
    tr.add(st(40000, "client", "ESTABLISHED", "FIN_WAIT_1"));
    tr.add(seg(40000, "client", "FIN+ACK", 101, 1));
    tr.add(st(45000, "server", "ESTABLISHED", "CLOSE_WAIT"));
    tr.add(seg(45000, "server", "ACK", 1, 102));
    tr.add(st(50000, "client", "FIN_WAIT_1", "FIN_WAIT_2"));
    tr.add(st(60000, "server", "CLOSE_WAIT", "LAST_ACK"));
    tr.add(seg(60000, "server", "FIN+ACK", 1, 102));
    tr.add(st(65000, "client", "FIN_WAIT_2", "TIME_WAIT"));
    tr.add(seg(65000, "client", "ACK", 102, 2));
    tr.add(st(70000, "server", "LAST_ACK", "CLOSED"));
    tr.add(st(60065000, "client", "TIME_WAIT", "CLOSED"));
    return tr;
}

// The SYN is lost twice: sent at 0, retransmitted at 1 s and 3 s (Linux's 1 s initial RTO).
inline tcplab::Trace lostSyn() {
    tcplab::Trace tr;
    tr.add(st(0, "server", "CLOSED", "LISTEN"));
    tr.add(st(0, "client", "CLOSED", "SYN_SENT"));
    tr.add(seg(0, "client", "SYN", 0, 0, 0, true));
    tr.add(seg(1000000, "client", "SYN", 0, 0, 0, true, true));
    tr.add(seg(3000000, "client", "SYN", 0, 0, 0, false, true));
    tr.add(st(3005000, "server", "LISTEN", "SYN_RECEIVED"));
    tr.add(seg(3005000, "server", "SYN+ACK", 0, 1));
    tr.add(st(3010000, "client", "SYN_SENT", "ESTABLISHED"));
    tr.add(seg(3010000, "client", "ACK", 1, 1));
    tr.add(st(3015000, "server", "SYN_RECEIVED", "ESTABLISHED"));
    return tr;
}

// The client's final ACK is lost; the server retransmits its FIN after 200 ms and 400 ms more,
// the client re-ACKs from TIME_WAIT.
inline tcplab::Trace lostFinalAck() {
    tcplab::Trace tr;
    tr.add(st(0, "client", "ESTABLISHED", "FIN_WAIT_1", "kernel"));
    tr.add(seg(0, "client", "FIN+ACK", 1, 1));
    tr.add(st(5000, "server", "ESTABLISHED", "CLOSE_WAIT", "kernel"));
    tr.add(seg(5000, "server", "ACK", 1, 2));
    tr.add(st(10000, "client", "FIN_WAIT_1", "FIN_WAIT_2", "kernel"));
    tr.add(st(20000, "server", "CLOSE_WAIT", "LAST_ACK", "kernel"));
    tr.add(seg(20000, "server", "FIN+ACK", 1, 2));
    tr.add(st(25000, "client", "FIN_WAIT_2", "TIME_WAIT", "kernel"));
    tr.add(seg(25000, "client", "ACK", 2, 2, 0, true));
    tr.add(seg(220000, "server", "FIN+ACK", 1, 2, 0, false, true));
    tr.add(seg(225000, "client", "ACK", 2, 2));
    tr.add(st(230000, "server", "LAST_ACK", "CLOSED", "inferred"));
    tr.add(st(60025000, "client", "TIME_WAIT", "CLOSED", "kernel"));
    return tr;
}

} // namespace plottest
