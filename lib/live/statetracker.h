#pragma once
// Each endpoint's TCP state from two sources (DESIGN.md, "everything is a trace"):
// - the kernel, through sock_diag snapshots: authoritative, source "kernel";
// - the captured segments, for states the kernel passes through faster than any snapshot can
//   see (SYN_SENT and SYN_RECEIVED on loopback take microseconds): source "inferred", at the
//   time of the segment that proves them (capture::StateInference reads the segments).
// Every change goes through one function, so each endpoint's chain of transitions is complete:
// a kernel jump that skips states (ESTABLISHED straight to TIME_WAIT) is filled in along the
// RFC 9293 §3.3.2 diagram, the filled-in states marked inferred.

#include "capture/stateinference.h"
#include "live/sockdiag.h"
#include "tcp/state.h"
#include "trace/event.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace live {

class StateTracker {
public:
    using Sink = std::function<void(const tcplab::Event &)>;
    // How sockets map to the two endpoints: the client is the socket with local port
    // clientPort; the server the connected socket with local port serverPort, or its listener
    // while no connected socket has been seen.
    StateTracker(Sink sink, std::uint16_t clientPort, std::uint16_t serverPort);

    // A segment just captured and emitted.
    void onSegment(const tcplab::Event &seg);
    // A call ep just issued ("close"): names the cause of the transitions it brings.
    void onCall(tcplab::EndpointId ep, tcp::Call call);
    // A snapshot started at tStart and read by tNow (µs since the run's start). Returns false
    // when an endpoint's reading may predate a segment already processed; that endpoint is
    // left for the next snapshot.
    bool onSnapshot(const std::vector<SockInfo> &socks, std::int64_t tStart, std::int64_t tNow);

    tcp::State state(tcplab::EndpointId ep) const;
    // Number of transitions of ep so far; with enteredSince() a wait sees a state it passed.
    std::size_t transitionCount(tcplab::EndpointId ep) const;
    bool enteredSince(tcplab::EndpointId ep, tcp::State state, std::size_t index) const;
    bool anyIn(tcp::State s) const;
    // Nothing more will happen without a call: each endpoint CLOSED, LISTEN or TIME_WAIT (no
    // data, no delayed ACK can be due) with no retransmission timer running, as last read.
    bool atRest() const;

    int kernelTransitions() const { return m_kernel; }
    int inferredTransitions() const { return m_inferred; }

private:
    struct Side {
        tcplab::EndpointId id;
        tcp::State state = tcp::State::Closed;
        std::vector<tcp::State> entered;    // every state entered, in order
        std::int64_t lastInferT = -1;       // segment time of the last inferred transition
        std::optional<tcp::Call> lastCall;
        bool sawConnected = false;          // server: the listener no longer stands for it
        std::uint64_t cookie = 0;           // the socket followed
        std::optional<tcp::Timer> timerName; // the timer running, if any
        std::int64_t deadline = tcplab::kNoTime;
        int rtxSent = 0;
        int rtxAtArm = 0;
    };

    Side &sideOf(tcplab::EndpointId ep);
    const Side &sideOf(tcplab::EndpointId ep) const;
    void transition(Side &s, tcp::State to, std::int64_t t, const std::string &cause,
                    tcplab::StateSource source);
    void applyKernel(Side &s, tcp::State to, std::int64_t t);
    void applyTimer(Side &s, const SockInfo *sock, std::int64_t t);
    const SockInfo *pick(const std::vector<const SockInfo *> &candidates, const Side &s) const;

    Sink m_sink;
    std::uint16_t m_clientPort;
    std::uint16_t m_serverPort;
    std::vector<Side> m_sides; // the lab's connection: its client and its server
    capture::StateInference m_inference;
    int m_kernel = 0;
    int m_inferred = 0;
};

} // namespace live
