#pragma once
// One TCP endpoint: the RFC 9293 state machine for a single connection (its Transmission
// Control Block and the event processing of §3.10), with Linux's choices where the RFC leaves
// room (each marked "Linux:" in endpoint.cpp).
//
// It knows no clock and no socket (STYLE.md 2): every entry point takes the current time in
// microseconds; what it sends is collected in an outbox; timers are deadlines it reports
// through nextDeadline() and the caller calls timeout(now) when one has passed. Every state
// change goes through one function that records from, to and cause (STYLE.md 3).

#include "segment.h"
#include "state.h"
#include "timer.h"

#include <cstdint>
#include <deque>
#include <string>
#include <vector>

namespace tcp {

constexpr std::int64_t kNever = INT64_MAX;

// now + span for a deadline, saturating at kNever: a deadline far enough away is "never", it
// never wraps to the past (durations are non-negative microseconds).
constexpr std::int64_t addTime(std::int64_t now, std::int64_t span)
{
    return span > kNever - now ? kNever : now + span;
}

// Errors as a sockets API reports them; errorName() gives the errno spelling.
enum class Error {
    None,
    Again,        // EAGAIN: the call would block (nothing to read yet, connect still in progress)
    ConnRefused,  // ECONNREFUSED: RST in answer to our SYN
    ConnReset,    // ECONNRESET: RST on a synchronized connection
    TimedOut,     // ETIMEDOUT: retransmissions exhausted
    Pipe,         // EPIPE: send after our FIN, or after the connection is gone
    NotConn,      // ENOTCONN
    IsConn,       // EISCONN
    Already,      // EALREADY: connect while one is in progress
    Inval,        // EINVAL: call not valid in this state (e.g. listen on a connected socket)
};
const char *errorName(Error e);

// Counterfactual protocols: small named deviations from RFC 9293 that the one state machine
// consults, so a lesson can show why TCP is as it is by running what it is not
// (docs/lesson-format.md). Every place that consults one cites the section it departs from and
// says "not TCP" in the transition's cause. The defaults are TCP.
enum class Handshake {
    ThreeWay, // RFC 9293 §3.5: SYN, SYN+ACK, ACK
    TwoWay,   // not TCP: the passive side is ESTABLISHED on the SYN, the active side sends no ACK
};

struct Config {
    std::uint16_t localPort = 0;
    std::uint16_t remotePort = 0;
    std::uint32_t iss = 0;                     // initial send sequence number
    std::uint16_t window = 65535;              // receive buffer / advertised window
    std::uint16_t mss = 1460;                  // MSS option sent in our SYN
    std::int64_t initialRto = 1'000'000;       // RFC 6298 §2.1 and Linux: 1 s
    std::int64_t minRto = 200'000;             // Linux TCP_RTO_MIN (RFC 6298 says 1 s)
    std::int64_t maxRto = 120'000'000;         // Linux TCP_RTO_MAX
    int synRetries = 6;                        // Linux net.ipv4.tcp_syn_retries
    int synAckRetries = 5;                     // Linux net.ipv4.tcp_synack_retries
    int retries = 15;                          // Linux net.ipv4.tcp_retries2
    std::int64_t msl = 30'000'000;             // 2MSL = 60 s = Linux TCP_TIMEWAIT_LEN
    std::int64_t finTimeout = 60'000'000;      // Linux tcp_fin_timeout (orphaned FIN_WAIT_2)
    bool delayedAck = false;                   // Linux delays ACKs (~40 ms) once data flowed
    std::int64_t delayedAckTimeout = 40'000;
    // Linux net.ipv4.tcp_invalid_ratelimit (500 ms): at most one answer per this span to
    // segments that only provoke an ACK (out of window, challenge ACKs); 0 = no limit.
    std::int64_t invalidRateLimit = 500'000;
    Handshake handshake = Handshake::ThreeWay; // counterfactual when TwoWay
    bool timeWait = true; // false (not TCP): CLOSED where RFC 9293 enters TIME_WAIT
};

// The result of a user call. value: bytes for send/recv (recv: 0 means end of file).
struct CallResult {
    Error error = Error::None;
    std::int64_t value = 0;
    bool ok() const { return error == Error::None; }
    bool wouldBlock() const { return error == Error::Again; }
    // "0", "100", "EOF" (recv returning 0), or the errno name.
    std::string text(bool isRecv = false) const;
};

struct Transition {
    std::int64_t t = 0;
    State from = State::Closed;
    State to = State::Closed;
    std::string cause; // "rcv SYN / snd SYN+ACK", "close / snd FIN", "2MSL timeout", ...
};

struct TimerChange {
    std::int64_t t = 0;
    Timer which = Timer::Retransmit;
    TimerAction action = TimerAction::Armed;
    std::int64_t deadline = kNever;
};

class Endpoint {
public:
    explicit Endpoint(Config config);

    State state() const { return m_state; }
    const Config &config() const { return m_config; }

    // ---- User calls (RFC 9293 §3.10.1 – §3.10.6). None of them blocks. ----
    CallResult listen(std::int64_t now);  // passive OPEN: CLOSED -> LISTEN
    CallResult connect(std::int64_t now); // active OPEN: CLOSED (or LISTEN) -> SYN_SENT, sends SYN
    // What a blocking connect() would return now: Again while the handshake is in progress,
    // 0 once synchronized, else the error that ended it (ECONNREFUSED, ETIMEDOUT, ...).
    CallResult connectStatus() const;
    // What a blocking accept() would return now: 0 once a passive open has synchronized
    // (ESTABLISHED, or CLOSE_WAIT if the peer already sent FIN), Again before that.
    CallResult acceptStatus() const;
    CallResult send(std::uint32_t bytes, std::int64_t now);
    // Takes up to maxBytes of received data: value>0 bytes; value 0 = EOF (the peer's FIN is
    // consumed); Again when nothing is there yet; a pending error (ECONNRESET) is reported once.
    CallResult recv(std::uint32_t maxBytes, std::int64_t now);
    CallResult shutdownWrite(std::int64_t now); // shutdown(SHUT_WR): FIN after queued data
    // close(): FIN after queued data; with unread received data, RST instead (Linux, RFC 2525).
    CallResult close(std::int64_t now);
    // The process was killed: the kernel closes the socket exactly as close() does; the
    // transition cause names "exit" instead of "close".
    CallResult processExit(std::int64_t now);
    CallResult abort(std::int64_t now); // SO_LINGER 0 + close: RST, CLOSED at once

    // ---- Arrivals and time ----
    void segmentArrives(const Segment &seg, std::int64_t now); // RFC 9293 §3.10.7
    void timeout(std::int64_t now);                             // fires every deadline <= now
    std::int64_t nextDeadline() const;                          // kNever when none is armed

    // ---- Output, drained by the simulator after every entry point ----
    std::vector<Segment> takeOutgoing();
    std::vector<Transition> takeTransitions();
    std::vector<TimerChange> takeTimerChanges();

    // ---- Inspection ----
    std::uint32_t iss() const { return m_iss; }
    std::uint32_t irs() const { return m_irs; }
    std::uint32_t sndUna() const { return m_sndUna; }
    std::uint32_t sndNxt() const { return m_sndNxt; }
    std::uint32_t rcvNxt() const { return m_rcvNxt; }
    std::uint32_t readable() const { return m_rcvBuffered; } // received, not yet read
    bool finReceived() const { return m_finReceived; }
    int retransmissions() const { return m_rtxCount; }

private:
    // The only function that assigns m_state. Entering a state also arms or cancels the timers
    // that belong to it (TIME_WAIT's 2MSL, the orphan FIN_WAIT_2 timer, none in CLOSED).
    void setState(State to, std::int64_t now, std::string cause);
    // Where RFC 9293 enters TIME_WAIT: TIME_WAIT, or CLOSED when the time-wait policy is off.
    void enterTimeWait(std::int64_t now, const std::string &cause);

    // Segment arrival, one function per RFC 9293 §3.10.7 sub-section.
    void arrivesClosed(const Segment &seg);               // §3.10.7.1
    void arrivesListen(const Segment &seg, std::int64_t now);  // §3.10.7.2
    void arrivesSynSent(const Segment &seg, std::int64_t now); // §3.10.7.3
    void arrivesOtherwise(const Segment &seg, std::int64_t now); // §3.10.7.4
    bool acceptable(const Segment &seg) const;            // §3.10.7.4 first check
    // Steps seven and eight for a segment that starts at RCV.NXT; false when the connection
    // was aborted by it (data after close).
    bool takeText(const Segment &seg, std::int64_t now, bool &finTaken);

    // Output.
    Segment makeSegment(std::uint8_t flags, std::uint32_t seq, std::uint32_t len) const;
    void output(const Segment &seg, std::int64_t now);
    void sendNew(std::uint8_t flags, std::uint32_t len, std::int64_t now);
    void sendAck(std::int64_t now);
    // Answers that Linux rate-limits per socket (net.ipv4.tcp_invalid_ratelimit), so that two
    // endpoints that each find the other's ACK unacceptable cannot trade ACKs forever.
    bool oowRateLimited(std::int64_t now);                // __tcp_oow_rate_limited
    void sendDupAck(const Segment &seg, std::int64_t now); // tcp_oow_rate_limited + tcp_send_dupack
    void sendChallengeAck(std::int64_t now);              // tcp_send_challenge_ack (RFC 5961 §7)
    void sendResetFor(const Segment &seg);   // the §3.10.7.1 reply to a segment
    void sendActiveReset(std::int64_t now);  // Linux tcp_send_active_reset: RST+ACK
    void pumpSend(std::int64_t now);         // queued data within the window, then FIN
    std::uint16_t receiveWindow() const;
    std::uint32_t effectiveMss() const;

    // Acknowledgements and retransmission.
    void ackArrived(std::uint32_t ack, std::int64_t now);
    std::int64_t currentRto() const;
    void retransmitTimeout(std::int64_t now);
    void ackReceivedData(bool mayDelay, std::int64_t now);

    // Timers.
    void armTimer(Timer which, std::int64_t &deadline, std::int64_t at, std::int64_t now);
    void cancelTimer(Timer which, std::int64_t &deadline, std::int64_t now);
    void cancelAllTimers(std::int64_t now);

    // Calls.
    void resetConnection(); // forget the connection (not the config): a fresh TCB
    CallResult closeCall(std::int64_t now, const std::string &verb);
    CallResult takeSoftError();

    Config m_config;
    std::uint16_t m_configuredRemotePort = 0;
    State m_state = State::Closed;
    bool m_passive = false;      // this connection came from LISTEN
    bool m_activeOpen = false;   // connect() was called
    bool m_synchronized = false; // reached ESTABLISHED at least once
    bool m_orphan = false;       // close() was called: no user left (Linux FIN_WAIT_2 timer)
    bool m_finQueued = false;    // the user asked for FIN (close/shutdown)
    bool m_finSent = false;
    bool m_finReceived = false;  // the peer's FIN has been accepted
    bool m_eofDelivered = false; // recv returned 0
    Error m_softError = Error::None;  // reported once by the next call (like Linux sk_err)
    Error m_finalError = Error::None; // what ended the connection
    std::uint32_t m_iss = 0, m_irs = 0;
    std::uint32_t m_sndUna = 0, m_sndNxt = 0, m_sndWnd = 0;
    std::uint32_t m_rcvNxt = 0;
    std::uint64_t m_sndQueued = 0;   // bytes accepted by send() and not yet sent (64 bits:
                                     // several sends of up to 1 GB each must not wrap)
    std::uint32_t m_rcvBuffered = 0; // bytes received and not yet read
    std::uint16_t m_peerMss = 536;
    // Retransmission (RFC 6298): the oldest unacknowledged segment is resent on expiry.
    std::int64_t m_rto = 0;
    std::int64_t m_srtt = -1, m_rttvar = 0;
    std::int64_t m_rtxDeadline = kNever;
    int m_rtxCount = 0;
    std::deque<Segment> m_unacked;          // sent, not yet acknowledged (rtx marks resent ones)
    std::deque<std::int64_t> m_unackedSent; // send time of each entry of m_unacked
    std::vector<Segment> m_outOfOrder;      // received beyond RCV.NXT, kept for later
    std::int64_t m_timeWaitDeadline = kNever;
    std::int64_t m_finWait2Deadline = kNever;
    std::int64_t m_delayedAckDeadline = kNever;
    int m_segmentsSinceAck = 0; // full-sized segments received and not yet acknowledged
    bool m_dataFlowed = false;  // data went either way: Linux has left quick-ACK mode
    std::int64_t m_lastOowAck = -1; // when the last rate-limited answer went out; -1: none yet
    std::vector<Segment> m_out;
    std::vector<Transition> m_transitions;
    std::vector<TimerChange> m_timers;
};

} // namespace tcp
