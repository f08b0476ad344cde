#include "endpoint.h"
#include "endpoint_p.h"

#include <algorithm>
#include <utility>

// The RFC 9293 state machine of one connection: calls, timers and output here, SEGMENT ARRIVES
// (§3.10.7) in endpointarrives.cpp. Section numbers refer to RFC 9293 unless
// another RFC is named; every place where Linux chose something the RFC leaves open (or where
// Linux differs from the RFC and the lab follows Linux, because the live lab shows the real
// kernel next to the simulator) is marked "Linux:".

namespace tcp {

using namespace detail;

const char *errorName(Error e)
{
    switch (e) {
    case Error::None: return "0";
    case Error::Again: return "EAGAIN";
    case Error::ConnRefused: return "ECONNREFUSED";
    case Error::ConnReset: return "ECONNRESET";
    case Error::TimedOut: return "ETIMEDOUT";
    case Error::Pipe: return "EPIPE";
    case Error::NotConn: return "ENOTCONN";
    case Error::IsConn: return "EISCONN";
    case Error::Already: return "EALREADY";
    case Error::Inval: return "EINVAL";
    }
    return "?";
}

std::string CallResult::text(bool isRecv) const
{
    if (error != Error::None)
        return errorName(error);
    if (isRecv && value == 0)
        return "EOF";
    return std::to_string(value);
}

namespace {
CallResult ok(std::int64_t value = 0) { return CallResult{Error::None, value}; }
CallResult fail(Error e) { return CallResult{e, 0}; }
} // namespace

Endpoint::Endpoint(Config config)
    : m_config(config)
    , m_configuredRemotePort(config.remotePort)
    , m_rto(config.initialRto)
{
}

// ---------------------------------------------------------------------------------------------
// The one place that changes the state (STYLE.md 3).

void Endpoint::setState(State to, std::int64_t now, std::string cause)
{
    m_transitions.push_back(Transition{now, m_state, to, std::move(cause)});
    const State from = m_state;
    m_state = to;
    switch (to) {
    case State::Established:
        m_synchronized = true;
        // Linux tcp_create_openreq_child: the socket a passive open creates starts with no
        // rate-limited answer behind it ("newtp->last_oow_ack_time = 0").
        if (from == State::SynReceived && m_passive)
            m_lastOowAck = -1;
        break;
    case State::FinWait2:
        // Linux: only an orphaned socket (close(), not shutdown()) has a FIN_WAIT_2 timer;
        // after shutdown() the user may wait for the peer's data forever (tcp_fin_timeout).
        if (m_orphan)
            armTimer(kFinWait2, m_finWait2Deadline, addTime(now, m_config.finTimeout), now);
        break;
    case State::TimeWait:
        // §3.10.7.4 eighth step: "start the time-wait timer, turn off the other timers".
        cancelTimer(kRetransmit, m_rtxDeadline, now);
        cancelTimer(kFinWait2, m_finWait2Deadline, now);
        cancelTimer(kDelayedAck, m_delayedAckDeadline, now);
        m_unacked.clear();
        m_unackedSent.clear();
        armTimer(kTimeWait, m_timeWaitDeadline,
                 addTime(addTime(now, m_config.msl), m_config.msl), now);
        m_lastOowAck = -1; // Linux tcp_time_wait: "tcptw->tw_last_oow_ack_time = 0"
        break;
    case State::Closed:
    case State::Listen:
        // §3.10.7: "delete the TCB"; a listener keeps listening with a fresh one.
        cancelAllTimers(now);
        m_unacked.clear();
        m_unackedSent.clear();
        m_outOfOrder.clear();
        m_sndQueued = 0;
        break;
    default:
        break;
    }
}

void Endpoint::enterTimeWait(std::int64_t now, const std::string &cause)
{
    if (m_config.timeWait) {
        setState(State::TimeWait, now, cause);
        return;
    }
    // Counterfactual, not TCP: §3.10.7.4 (FIN-WAIT-1/FIN-WAIT-2 eighth step, CLOSING fifth
    // step) enters TIME-WAIT for 2MSL, to re-ACK a lost final FIN and to let old duplicates of
    // this connection die out. Here the TCB is deleted at once; the ACK of the FIN still goes
    // out (the caller sends it), and a retransmitted FIN then finds a closed port and is
    // answered with RST (§3.10.7.1) -- which is what the lesson shows.
    setState(State::Closed, now, cause + " (time-wait off: not TCP)");
}

// ---------------------------------------------------------------------------------------------
// Timers: deadlines, reported and recorded; the caller decides when time passes (STYLE.md 2).

void Endpoint::armTimer(Timer which, std::int64_t &deadline, std::int64_t at, std::int64_t now)
{
    deadline = at;
    m_timers.push_back(TimerChange{now, which, TimerAction::Armed, at});
}

void Endpoint::cancelTimer(Timer which, std::int64_t &deadline, std::int64_t now)
{
    if (deadline == kNever)
        return;
    m_timers.push_back(TimerChange{now, which, TimerAction::Cancelled, deadline});
    deadline = kNever;
}

void Endpoint::cancelAllTimers(std::int64_t now)
{
    cancelTimer(kRetransmit, m_rtxDeadline, now);
    cancelTimer(kDelayedAck, m_delayedAckDeadline, now);
    cancelTimer(kFinWait2, m_finWait2Deadline, now);
    cancelTimer(kTimeWait, m_timeWaitDeadline, now);
}

std::int64_t Endpoint::nextDeadline() const
{
    return std::min({m_rtxDeadline, m_delayedAckDeadline, m_finWait2Deadline, m_timeWaitDeadline});
}

void Endpoint::timeout(std::int64_t now)
{
    // §3.10.8. Fire every deadline that has passed, earliest first; a handler may arm another.
    for (;;) {
        const std::int64_t next = nextDeadline();
        if (next == kNever || next > now)
            return;
        if (m_rtxDeadline == next) {
            m_timers.push_back(TimerChange{now, kRetransmit, TimerAction::Fired, next});
            m_rtxDeadline = kNever;
            retransmitTimeout(now);
        } else if (m_delayedAckDeadline == next) {
            m_timers.push_back(TimerChange{now, kDelayedAck, TimerAction::Fired, next});
            m_delayedAckDeadline = kNever;
            sendAck(now);
        } else if (m_finWait2Deadline == next) {
            m_timers.push_back(TimerChange{now, kFinWait2, TimerAction::Fired, next});
            m_finWait2Deadline = kNever;
            // Linux: the orphan dies silently (an inet_timewait_sock in its FIN_WAIT2
            // sub-state whose timer ran out); no RST is sent.
            setState(State::Closed, now, "FIN_WAIT_2 timeout (Linux tcp_fin_timeout)");
        } else {
            m_timers.push_back(TimerChange{now, kTimeWait, TimerAction::Fired, next});
            m_timeWaitDeadline = kNever;
            // §3.10.8 "TIME-WAIT timeout": delete the TCB.
            setState(State::Closed, now, "2MSL timeout");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Output.

std::uint16_t Endpoint::receiveWindow() const
{
    return m_rcvBuffered >= m_config.window ? 0 : std::uint16_t(m_config.window - m_rcvBuffered);
}

std::uint32_t Endpoint::effectiveMss() const
{
    return std::max<std::uint32_t>(1, std::min<std::uint32_t>(m_peerMss, m_config.mss));
}

Segment Endpoint::makeSegment(std::uint8_t flags, std::uint32_t seq, std::uint32_t len) const
{
    Segment s;
    s.srcPort = m_config.localPort;
    s.dstPort = m_config.remotePort;
    s.seq = seq;
    s.ack = (flags & ACK) ? m_rcvNxt : 0;
    s.flags = flags;
    s.window = receiveWindow();
    s.len = len;
    return s;
}

void Endpoint::output(const Segment &seg, std::int64_t now)
{
    // Every segment that carries ACK acknowledges everything received so far: a pending
    // delayed ACK rides on it (piggybacking).
    if (seg.has(ACK)) {
        cancelTimer(kDelayedAck, m_delayedAckDeadline, now);
        m_segmentsSinceAck = 0;
    }
    m_out.push_back(seg);
}

void Endpoint::sendNew(std::uint8_t flags, std::uint32_t len, std::int64_t now)
{
    Segment seg = makeSegment(flags, m_sndNxt, len);
    if (seg.has(SYN))
        seg.mss = m_config.mss; // §3.7.1: the MSS option travels only on SYN segments
    m_sndNxt += seg.seqLen();
    if (seg.seqLen() > 0) {
        // §3.10.4 / RFC 6298 §5.1: queue for retransmission, start the timer if it is off.
        m_unacked.push_back(seg);
        m_unackedSent.push_back(now);
        if (m_rtxDeadline == kNever)
            armTimer(kRetransmit, m_rtxDeadline, addTime(now, m_rto), now);
    }
    output(seg, now);
}

void Endpoint::sendAck(std::int64_t now)
{
    output(makeSegment(ACK, m_sndNxt, 0), now);
}

bool Endpoint::oowRateLimited(std::int64_t now)
{
    // Linux __tcp_oow_rate_limited (tcp_input.c): one answer per tcp_invalid_ratelimit
    // (500 ms) per socket; the later ones are silently dropped. Only an answer that goes out
    // restarts the span.
    if (m_lastOowAck >= 0) {
        const std::int64_t elapsed = now - m_lastOowAck;
        if (0 <= elapsed && elapsed < m_config.invalidRateLimit)
            return true; // "rate-limited: don't send yet!"
    }
    m_lastOowAck = now;
    return false;
}

void Endpoint::sendDupAck(const Segment &seg, std::int64_t now)
{
    // §3.10.7.4 first: an unacceptable segment is answered with <SEQ=SND.NXT><ACK=RCV.NXT>
    // <CTL=ACK>. Linux tcp_validate_incoming: tcp_send_dupack unless tcp_oow_rate_limited, which
    // limits only segments that carry no sequence space or carry a SYN ("Data packets without
    // SYNs are not likely part of an ACK loop"): a data segment or a FIN is always answered.
    const bool limited = seg.seqLen() == 0 || seg.has(SYN);
    if (limited && oowRateLimited(now))
        return;
    sendAck(now);
}

void Endpoint::sendChallengeAck(std::int64_t now)
{
    // Linux tcp_send_challenge_ack (RFC 5961 §7, ACK throttling): first the per-socket limit
    // (__tcp_oow_rate_limited, shared with the duplicate ACKs above). The host-wide
    // tcp_challenge_ack_limit is INT_MAX (off) by default since Linux 6.0 and is not modelled.
    if (oowRateLimited(now))
        return;
    sendAck(now);
}

void Endpoint::sendResetFor(const Segment &seg)
{
    // §3.10.7.1: "If the ACK bit is off, sequence number zero is used,
    //   <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>
    // If the ACK bit is on, <SEQ=SEG.ACK><CTL=RST>".
    Segment r;
    r.srcPort = seg.dstPort;
    r.dstPort = seg.srcPort;
    if (seg.has(ACK)) {
        r.seq = seg.ack;
        r.flags = RST;
    } else {
        r.seq = 0;
        r.ack = seg.seq + seg.seqLen();
        r.flags = RST | ACK;
    }
    m_out.push_back(r);
}

void Endpoint::sendActiveReset(std::int64_t now)
{
    // Linux tcp_send_active_reset: RST with ACK set, <SEQ=SND.NXT><ACK=RCV.NXT> (the RFC's
    // ABORT call, §3.10.5, sends <SEQ=SND.NXT><CTL=RST> without ACK).
    Segment r = makeSegment(RST | ACK, m_sndNxt, 0);
    output(r, now);
}

void Endpoint::pumpSend(std::int64_t now)
{
    if (m_state != State::Established && m_state != State::CloseWait && m_state != State::FinWait1
        && m_state != State::LastAck)
        return;
    // §3.10.2 / §3.8.6: data leaves at once in segments of at most the MSS, within the
    // peer's window (no Nagle delay: each send() is pushed, hence PSH).
    while (m_sndQueued > 0) {
        const std::uint32_t inFlight = m_sndNxt - m_sndUna;
        const std::uint32_t room = m_sndWnd > inFlight ? m_sndWnd - inFlight : 0;
        const std::uint32_t n =
            std::uint32_t(std::min<std::uint64_t>(m_sndQueued, std::min(effectiveMss(), room)));
        if (n == 0)
            break; // the window is full: the peer's next ACK or window update continues
        sendNew(PSH | ACK, n, now);
        m_sndQueued -= n;
        m_dataFlowed = true;
    }
    // §3.10.4: the FIN follows all queued data.
    if (m_finQueued && !m_finSent && m_sndQueued == 0) {
        m_finSent = true;
        sendNew(FIN | ACK, 0, now);
    }
}

// ---------------------------------------------------------------------------------------------
// Acknowledgements, RTT estimation and retransmission (RFC 6298, Karn's algorithm).

std::int64_t Endpoint::currentRto() const
{
    if (m_srtt < 0)
        return m_config.initialRto; // RFC 6298 §2.1: no sample yet
    // RFC 6298 §2.3 with Linux's floor (TCP_RTO_MIN 200 ms instead of the RFC's 1 s).
    const std::int64_t rto = std::max(m_config.minRto, m_srtt + 4 * m_rttvar);
    return std::min(rto, m_config.maxRto);
}

void Endpoint::ackArrived(std::uint32_t ack, std::int64_t now)
{
    // §3.10.7.4 fifth step: SND.UNA < SEG.ACK =< SND.NXT. Remove what is acknowledged.
    bool retransmitted = false;
    std::int64_t sample = -1;
    while (!m_unacked.empty()) {
        Segment &front = m_unacked.front();
        const std::uint32_t end = front.seq + front.seqLen();
        if (seqLe(end, ack)) {
            if (front.rtx)
                retransmitted = true;
            else
                sample = now - m_unackedSent.front();
            m_unacked.pop_front();
            m_unackedSent.pop_front();
        } else {
            if (seqLt(front.seq, ack)) { // partly acknowledged data: keep the rest
                const std::uint32_t done = ack - front.seq;
                front.seq = ack;
                front.len -= std::min(done, front.len);
            }
            break;
        }
    }
    m_sndUna = ack;
    // Karn: no RTT sample from an acknowledgement that covers a retransmitted segment.
    if (sample >= 0 && !retransmitted) {
        if (m_srtt < 0) { // RFC 6298 §2.2
            m_srtt = sample;
            m_rttvar = sample / 2;
        } else { // RFC 6298 §2.3
            const std::int64_t diff = m_srtt > sample ? m_srtt - sample : sample - m_srtt;
            m_rttvar = (3 * m_rttvar + diff) / 4;
            m_srtt = (7 * m_srtt + sample) / 8;
        }
    }
    // New data acknowledged: the back-off ends (Linux clears icsk_backoff) and the timer
    // restarts for what is still outstanding (RFC 6298 §5.2, §5.3).
    m_rtxCount = 0;
    m_rto = currentRto();
    if (m_unacked.empty())
        cancelTimer(kRetransmit, m_rtxDeadline, now);
    else
        armTimer(kRetransmit, m_rtxDeadline, addTime(now, m_rto), now);
}

void Endpoint::retransmitTimeout(std::int64_t now)
{
    if (m_unacked.empty())
        return;
    int limit = m_config.retries; // Linux tcp_retries2
    if (m_state == State::SynSent)
        limit = m_config.synRetries; // Linux tcp_syn_retries
    else if (m_state == State::SynReceived)
        limit = m_passive ? m_config.synAckRetries : m_config.synRetries;
    if (m_rtxCount >= limit) {
        if (m_state == State::SynReceived && m_passive) {
            // Linux: the embryonic connection (a request sock) is dropped; the listener
            // stays. No RST is sent.
            resetConnection();
            setState(State::Listen, now, "SYN+ACK retries exhausted");
            return;
        }
        m_finalError = Error::TimedOut;
        if (m_synchronized)
            m_softError = Error::TimedOut;
        setState(State::Closed, now, "retransmission limit (ETIMEDOUT)");
        return;
    }
    // RFC 6298 §5.4–5.6: resend the earliest unacknowledged segment, back off the timer.
    ++m_rtxCount;
    Segment &front = m_unacked.front();
    front.rtx = true;
    m_unackedSent.front() = now;
    Segment again = front;
    if (again.has(ACK))
        again.ack = m_rcvNxt; // a resent segment carries the current acknowledgement
    again.window = receiveWindow();
    output(again, now);
    m_rto = std::min(m_rto * 2, m_config.maxRto);
    armTimer(kRetransmit, m_rtxDeadline, addTime(now, m_rto), now);
}

void Endpoint::ackReceivedData(bool mayDelay, std::int64_t now)
{
    // RFC 9293 §3.8.6.3 / RFC 1122 4.2.3.2: an ACK may be delayed (up to 500 ms; Linux ~40 ms),
    // but at least every second full-sized segment is acknowledged at once.
    if (mayDelay && m_config.delayedAck && m_segmentsSinceAck < 2) {
        if (m_delayedAckDeadline == kNever)
            armTimer(kDelayedAck, m_delayedAckDeadline,
                     addTime(now, m_config.delayedAckTimeout), now);
        return;
    }
    sendAck(now);
}

// ---------------------------------------------------------------------------------------------
// User calls (§3.10.1 – §3.10.6).

void Endpoint::resetConnection()
{
    m_config.remotePort = m_configuredRemotePort;
    m_finQueued = m_finSent = m_finReceived = m_eofDelivered = false;
    m_softError = Error::None;
    m_iss = m_config.iss;
    m_irs = 0;
    m_sndUna = m_sndNxt = m_iss;
    m_sndWnd = 0;
    m_rcvNxt = 0;
    m_sndQueued = 0;
    m_rcvBuffered = 0;
    m_peerMss = kDefaultMss;
    m_rto = m_config.initialRto;
    m_srtt = -1;
    m_rttvar = 0;
    m_rtxCount = 0;
    m_unacked.clear();
    m_unackedSent.clear();
    m_outOfOrder.clear();
    m_segmentsSinceAck = 0;
    m_dataFlowed = false;
    m_lastOowAck = -1;
}

CallResult Endpoint::takeSoftError()
{
    // Like Linux sock_error(): reported once, then cleared.
    const Error e = m_softError;
    m_softError = Error::None;
    return fail(e);
}

CallResult Endpoint::listen(std::int64_t now)
{
    // §3.10.1 passive OPEN. Linux inet_listen: only from CLOSE, else EINVAL.
    if (m_state != State::Closed)
        return fail(Error::Inval);
    resetConnection();
    m_passive = true;
    m_activeOpen = false;
    m_synchronized = false;
    m_orphan = false;
    m_finalError = Error::None;
    setState(State::Listen, now, "listen");
    return ok();
}

CallResult Endpoint::connect(std::int64_t now)
{
    // §3.10.1 active OPEN, from CLOSED or (the RFC allows it) LISTEN.
    switch (m_state) {
    case State::Closed:
        // Linux: a socket that was connected keeps SS_CONNECTED after a reset (EISCONN);
        // one whose connect failed may try again.
        if (m_synchronized && !m_orphan)
            return fail(Error::IsConn);
        break;
    case State::Listen:
        break;
    case State::SynSent:
        return fail(Error::Already);
    case State::SynReceived:
        return fail(m_passive ? Error::IsConn : Error::Already);
    default:
        return fail(Error::IsConn);
    }
    resetConnection();
    m_passive = false;
    m_activeOpen = true;
    m_synchronized = false;
    m_orphan = false;
    m_finalError = Error::None;
    setState(State::SynSent, now, "connect / snd SYN");
    sendNew(SYN, 0, now); // <SEQ=ISS><CTL=SYN>, SND.UNA=ISS, SND.NXT=ISS+1
    return ok();
}

CallResult Endpoint::connectStatus() const
{
    if (m_synchronized)
        return ok();
    if (m_state == State::SynSent || (m_state == State::SynReceived && !m_passive))
        return fail(Error::Again);
    if (m_activeOpen && m_finalError != Error::None)
        return fail(m_finalError);
    return fail(Error::NotConn);
}

CallResult Endpoint::acceptStatus() const
{
    // accept() hands out a connection once it is synchronized, even if it has since been
    // closed or reset by the peer (the next recv reports that).
    if (m_passive && m_synchronized)
        return ok();
    if (m_state == State::Listen || (m_state == State::SynReceived && m_passive))
        return fail(Error::Again);
    return fail(Error::Inval); // accept on a socket that is not listening
}

CallResult Endpoint::send(std::uint32_t bytes, std::int64_t now)
{
    // After close() the descriptor is gone (EBADF in a real program; ENOTCONN here).
    if (m_orphan)
        return fail(Error::NotConn);
    // Linux tcp_sendmsg: a pending error first (sk_err), then EPIPE on a shut send side.
    if (m_softError != Error::None)
        return takeSoftError();
    switch (m_state) {
    case State::Established:
    case State::CloseWait: // §3.10.2: sending is allowed until we close
        break;
    case State::SynSent:
    case State::SynReceived:
        // Linux sk_stream_wait_connect: a blocking send waits for the handshake.
        return fail(Error::Again);
    default:
        // Linux sk_stream_wait_connect: any other state is EPIPE (also never connected).
        return fail(Error::Pipe);
    }
    if (m_finQueued)
        return fail(Error::Pipe);
    m_sndQueued += bytes;
    pumpSend(now);
    return ok(bytes);
}

CallResult Endpoint::recv(std::uint32_t maxBytes, std::int64_t now)
{
    if (m_orphan)
        return fail(Error::NotConn);
    // Linux tcp_recvmsg: queued data comes first, then EOF or a pending error.
    if (m_rcvBuffered > 0) {
        // maxBytes 0 means "whatever is there".
        const std::uint32_t n = maxBytes == 0 ? m_rcvBuffered : std::min(maxBytes, m_rcvBuffered);
        const std::uint16_t before = receiveWindow();
        m_rcvBuffered -= n;
        const std::uint16_t after = receiveWindow();
        // Linux __tcp_cleanup_rbuf: announce a window that has at least doubled (so a closed
        // window reopens; there is no persist timer here).
        const bool receiving = m_state == State::Established || m_state == State::FinWait1
                               || m_state == State::FinWait2;
        if (receiving && !m_finReceived && 2u * before <= after && after > before)
            sendAck(now);
        return ok(n);
    }
    // Linux tcp_recvmsg checks SOCK_DONE (the peer's FIN arrived) before sk_err: after FIN
    // then RST, recv returns 0 and the error is left for send.
    if (m_finReceived) {
        m_eofDelivered = true; // §3.10.3: "connection closing"; Linux returns 0, and again 0
        return ok(0);
    }
    if (m_softError != Error::None)
        return takeSoftError();
    switch (m_state) {
    case State::Closed:
        // After a reset or timeout whose error was reported: end of file. Never connected:
        // ENOTCONN.
        return m_synchronized ? ok(0) : fail(Error::NotConn);
    case State::Listen:
        return fail(Error::NotConn);
    default:
        return fail(Error::Again);
    }
}

CallResult Endpoint::shutdownWrite(std::int64_t now)
{
    if (m_orphan)
        return fail(Error::NotConn);
    switch (m_state) {
    case State::Closed:
        return fail(Error::NotConn); // Linux inet_shutdown: ENOTCONN in TCP_CLOSE
    case State::Listen:
        return ok(); // Linux: SHUT_WR on a listener does nothing
    case State::SynSent:
        // Linux inet_shutdown: disconnect, back to CLOSE (no segment).
        setState(State::Closed, now, "shutdown");
        return ok();
    case State::SynReceived:
    case State::Established:
        // §3.10.4 CLOSE for the send side only: FIN after the queued data, FIN_WAIT_1.
        m_finQueued = true;
        setState(State::FinWait1, now, "shutdown / snd FIN");
        pumpSend(now);
        return ok();
    case State::CloseWait:
        m_finQueued = true;
        setState(State::LastAck, now, "shutdown / snd FIN");
        pumpSend(now);
        return ok();
    default:
        return ok(); // the send side is already shut: Linux returns 0
    }
}

CallResult Endpoint::close(std::int64_t now) { return closeCall(now, "close"); }

CallResult Endpoint::processExit(std::int64_t now) { return closeCall(now, "exit"); }

CallResult Endpoint::closeCall(std::int64_t now, const std::string &verb)
{
    if (m_orphan)
        return fail(Error::NotConn); // a second close: EBADF in a real program
    m_orphan = true;
    switch (m_state) {
    case State::Closed:
        return ok();
    case State::Listen:
    case State::SynSent:
        // §3.10.4: delete the TCB. Linux sends nothing for an unanswered SYN.
        setState(State::Closed, now, verb);
        return ok();
    default:
        break;
    }
    if (m_rcvBuffered > 0) {
        // Linux tcp_close (RFC 2525 §2.17): data the user never read means the peer's data was
        // lost; tell it with a reset instead of a FIN.
        sendActiveReset(now);
        setState(State::Closed, now, verb + " / snd RST (unread data)");
        return ok();
    }
    switch (m_state) {
    case State::SynReceived:
    case State::Established:
        // §3.10.4: FIN after queued data; the state changes now, the FIN follows (as Linux).
        m_finQueued = true;
        setState(State::FinWait1, now, verb + " / snd FIN");
        pumpSend(now);
        break;
    case State::CloseWait:
        m_finQueued = true;
        setState(State::LastAck, now, verb + " / snd FIN");
        pumpSend(now);
        break;
    case State::FinWait2:
        // Reached through shutdown(): now orphaned, Linux starts tcp_fin_timeout.
        armTimer(kFinWait2, m_finWait2Deadline, addTime(now, m_config.finTimeout), now);
        break;
    default:
        break; // FIN already sent (shutdown before): nothing more to do
    }
    return ok();
}

CallResult Endpoint::abort(std::int64_t now)
{
    // §3.10.5 ABORT; Linux SO_LINGER {1, 0} + close = tcp_disconnect, which resets only
    // states with a peer to tell (tcp_need_reset: SYN_RECV, ESTABLISHED, CLOSE_WAIT,
    // FIN_WAIT1, FIN_WAIT2).
    if (m_orphan)
        return fail(Error::NotConn);
    m_orphan = true;
    switch (m_state) {
    case State::SynReceived:
    case State::Established:
    case State::CloseWait:
    case State::FinWait1:
    case State::FinWait2:
        sendActiveReset(now);
        setState(State::Closed, now, "abort / snd RST");
        break;
    case State::Closed:
        break;
    default:
        setState(State::Closed, now, "abort");
        break;
    }
    return ok();
}

// ---------------------------------------------------------------------------------------------

std::vector<Segment> Endpoint::takeOutgoing() { return std::exchange(m_out, {}); }

std::vector<Transition> Endpoint::takeTransitions() { return std::exchange(m_transitions, {}); }

std::vector<TimerChange> Endpoint::takeTimerChanges() { return std::exchange(m_timers, {}); }

} // namespace tcp
