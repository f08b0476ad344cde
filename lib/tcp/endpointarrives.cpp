// SEGMENT ARRIVES (RFC 9293 §3.10.7) for tcp::Endpoint: first the states without a
// synchronized connection (CLOSED, LISTEN, SYN_SENT), then "check, then transition" for the
// others: the acceptability test, then RST, SYN, ACK, text and FIN, one case per state.
// "Linux:" marks where the lab follows the kernel rather than the RFC's letter.

#include "endpoint.h"
#include "endpoint_p.h"

#include <algorithm>

namespace tcp {

using namespace detail;

// ---------------------------------------------------------------------------------------------
// SEGMENT ARRIVES (§3.10.7).

void Endpoint::segmentArrives(const Segment &seg, std::int64_t now)
{
    switch (m_state) {
    case State::Closed:
        arrivesClosed(seg);
        break;
    case State::Listen:
        arrivesListen(seg, now);
        break;
    case State::SynSent:
        arrivesSynSent(seg, now);
        break;
    default:
        arrivesOtherwise(seg, now);
        break;
    }
}

void Endpoint::arrivesClosed(const Segment &seg)
{
    // §3.10.7.1: "An incoming segment containing a RST is discarded. An incoming segment not
    // containing a RST causes a RST to be sent in response."
    if (!seg.has(RST))
        sendResetFor(seg);
}

void Endpoint::arrivesListen(const Segment &seg, std::int64_t now)
{
    // §3.10.7.2 first: "An incoming RST segment could not be valid ... ignore it."
    if (seg.has(RST))
        return;
    // second: "Any acknowledgment is bad if it arrives on a connection still in the LISTEN
    // state. An acceptable reset segment should be formed <SEQ=SEG.ACK><CTL=RST>".
    if (seg.has(ACK)) {
        sendResetFor(seg);
        return;
    }
    // third: SYN. RCV.NXT = SEG.SEQ+1, IRS = SEG.SEQ, send <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>.
    if (!seg.has(SYN))
        return; // fourth: "drop the segment and return"
    resetConnection();
    m_passive = true;
    m_config.remotePort = seg.srcPort; // the listener learns its peer from the SYN
    m_irs = seg.seq;
    m_rcvNxt = seg.seq + 1;
    m_peerMss = seg.mss ? seg.mss : kDefaultMss;
    m_sndWnd = seg.window;
    if (m_config.handshake == Handshake::TwoWay) {
        // Counterfactual, not TCP: §3.10.7.2 enters SYN-RECEIVED and waits for the ACK of its
        // own SYN. The two-way variant counts the connection as open on the SYN alone, so
        // accept() returns before the server knows its SYN+ACK arrived (or that the SYN was not
        // an old duplicate). The SYN+ACK stays queued for retransmission: only the client's
        // first data or FIN can acknowledge it.
        setState(State::Established, now, "rcv SYN / snd SYN+ACK (two-way handshake: not TCP)");
    } else {
        setState(State::SynReceived, now, "rcv SYN / snd SYN+ACK");
    }
    sendNew(SYN | ACK, 0, now);
}

void Endpoint::arrivesSynSent(const Segment &seg, std::int64_t now)
{
    // §3.10.7.3 first: the ACK bit. Unacceptable if SEG.ACK =< ISS or SEG.ACK > SND.NXT:
    // "send a reset (unless the RST bit is set, if so drop the segment and return)
    // <SEQ=SEG.ACK><CTL=RST>".
    if (seg.has(ACK) && (seqLe(seg.ack, m_iss) || seqGt(seg.ack, m_sndNxt))) {
        if (!seg.has(RST))
            sendResetFor(seg);
        return;
    }
    // second: RST. With an acceptable ACK: "signal to the user 'error: connection reset',
    // drop the segment, enter CLOSED state" — Linux reports it as ECONNREFUSED.
    if (seg.has(RST)) {
        if (seg.has(ACK)) {
            m_finalError = Error::ConnRefused;
            setState(State::Closed, now, "rcv RST");
        }
        return;
    }
    // fourth: SYN. Fifth: "If neither of the SYN or RST bits is set, then drop the segment".
    if (!seg.has(SYN))
        return;
    m_irs = seg.seq;
    m_rcvNxt = seg.seq + 1;
    m_peerMss = seg.mss ? seg.mss : kDefaultMss;
    m_sndWnd = seg.window;
    if (seg.has(ACK))
        ackArrived(seg.ack, now); // SND.UNA = SEG.ACK, our SYN leaves the retransmission queue
    if (seqGt(m_sndUna, m_iss) && m_config.handshake == Handshake::TwoWay) {
        // Counterfactual, not TCP: §3.10.7.3 answers with <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>
        // (the third segment). The two-way variant sends nothing: a lost SYN+ACK leaves this
        // side in SYN_SENT while the server already counts the connection as ESTABLISHED.
        setState(State::Established, now, "rcv SYN+ACK (two-way handshake: no ACK, not TCP)");
        return;
    }
    if (seqGt(m_sndUna, m_iss)) {
        // "our SYN has been ACKed ... change the connection state to ESTABLISHED, form an ACK
        // segment <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> and send it".
        setState(State::Established, now, "rcv SYN+ACK / snd ACK");
        sendAck(now);
        return;
    }
    // Simultaneous open (RFC 9293 Figure 7): "enter SYN-RECEIVED, form a SYN,ACK segment
    // <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK> and send it". It replaces our SYN in the
    // retransmission queue, so a timeout resends the SYN+ACK.
    setState(State::SynReceived, now, "rcv SYN / snd SYN+ACK");
    Segment synAck = makeSegment(SYN | ACK, m_iss, 0);
    synAck.mss = m_config.mss;
    if (!m_unacked.empty()) {
        m_unacked.front() = synAck;
        m_unackedSent.front() = now;
    }
    output(synAck, now);
}

bool Endpoint::acceptable(const Segment &seg) const
{
    // §3.10.7.4 first: the four cases of the acceptability test.
    const std::uint32_t wnd = receiveWindow();
    const std::uint32_t len = seg.seqLen();
    auto inWindow = [&](std::uint32_t x) { return seqLe(m_rcvNxt, x) && seqLt(x, m_rcvNxt + wnd); };
    if (len == 0)
        return wnd == 0 ? seg.seq == m_rcvNxt : inWindow(seg.seq);
    if (wnd == 0)
        return false;
    return inWindow(seg.seq) || inWindow(seg.seq + len - 1);
}

void Endpoint::arrivesOtherwise(const Segment &seg, std::int64_t now)
{
    // Linux tcp_validate_incoming: in a simultaneous open the peer's SYN+ACK (SEG.SEQ+1 ==
    // RCV.NXT, SEG.ACK == SND.NXT) completes the handshake; no ACK is sent (RFC 9293 Figure 7, line 6).
    if (m_state == State::SynReceived && !m_passive && seg.has(SYN) && seg.has(ACK) && !seg.has(RST)
        && seg.seq + 1 == m_rcvNxt && seg.ack == m_sndNxt) {
        ackArrived(seg.ack, now);
        m_sndWnd = seg.window;
        setState(State::Established, now, "rcv SYN+ACK");
        return;
    }
    // Linux tcp_check_req: a retransmitted SYN in SYN_RECEIVED means our SYN+ACK was lost;
    // resend it (the RFC's acceptability test would answer with a bare ACK) -- at most once per
    // tcp_invalid_ratelimit: tcp_check_req asks tcp_oow_rate_limited first and drops the SYN
    // when it is limited.
    if (m_state == State::SynReceived && m_passive && seg.flags == SYN && seg.seq == m_irs
        && !m_unacked.empty()) {
        if (oowRateLimited(now))
            return;
        Segment again = m_unacked.front();
        again.rtx = true;
        m_unacked.front().rtx = true;
        m_unackedSent.front() = now;
        output(again, now);
        // Restart the timer (no back-off) so the timeout does not send it a second time.
        armTimer(kRetransmit, m_rtxDeadline, now + m_rto, now);
        return;
    }

    // First: the acceptability test.
    if (!acceptable(seg)) {
        if (seg.has(RST))
            return; // "If the RST bit is set, drop the segment and return"
        if (m_state == State::TimeWait && seg.has(FIN) && seg.seq + seg.seqLen() == m_rcvNxt) {
            // §3.10.7.4 eighth, TIME-WAIT: "The only thing that can arrive in this state is a
            // retransmission of the remote FIN. Acknowledge it, and restart the 2 MSL
            // timeout." (Linux tcp_timewait_state_process does the same.)
            sendAck(now);
            armTimer(kTimeWait, m_timeWaitDeadline, now + 2 * m_config.msl, now);
            return;
        }
        // Linux tcp_validate_incoming: an unacceptable SYN gets a challenge ACK ("goto
        // syn_challenge", RFC 5961 §4), rate-limited like every challenge ACK.
        if (seg.has(SYN)) {
            sendChallengeAck(now);
            return;
        }
        // "send an acknowledgment: <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>", drop the segment --
        // rate-limited when the segment carries no data (Linux tcp_oow_rate_limited).
        sendDupAck(seg, now);
        return;
    }
    // Trim to the window: what lies before RCV.NXT was received already (§3.10.7.4 note).
    Segment s = seg;
    if (seqLt(s.seq, m_rcvNxt)) {
        std::uint32_t old = m_rcvNxt - s.seq;
        if (s.has(SYN)) {
            s.flags &= std::uint8_t(~SYN);
            ++s.seq;
            --old;
        }
        const std::uint32_t cut = std::min(old, s.len);
        s.seq += cut;
        s.len -= cut;
    }
    const std::uint32_t wnd = receiveWindow();
    const std::uint32_t offset = s.seq - m_rcvNxt;
    if (s.len > 0 && offset + s.len > wnd) {
        s.len = wnd > offset ? wnd - offset : 0;
        s.flags &= std::uint8_t(~FIN); // the FIN lies beyond the window
    }

    // Second: RST (RFC 5961 §3.2: only an exact SEG.SEQ == RCV.NXT resets; any other
    // in-window RST gets a challenge ACK, rate-limited: Linux tcp_send_challenge_ack).
    if (s.has(RST)) {
        if (s.seq != m_rcvNxt) {
            sendChallengeAck(now);
            return;
        }
        switch (m_state) {
        case State::SynReceived:
            if (m_passive) { // "return this connection to LISTEN state"
                resetConnection();
                setState(State::Listen, now, "rcv RST");
            } else { // "connection refused"
                m_finalError = Error::ConnRefused;
                setState(State::Closed, now, "rcv RST");
            }
            return;
        case State::Established:
        case State::FinWait1:
        case State::FinWait2:
            // "any outstanding RECEIVEs and SEND should receive 'reset' responses".
            m_finalError = m_softError = Error::ConnReset;
            setState(State::Closed, now, "rcv RST");
            return;
        case State::CloseWait:
            // Linux tcp_reset: in CLOSE_WAIT the error is EPIPE (the peer had closed).
            m_finalError = m_softError = Error::Pipe;
            setState(State::Closed, now, "rcv RST");
            return;
        default: // CLOSING, LAST_ACK, TIME_WAIT: "enter the CLOSED state"
            setState(State::Closed, now, "rcv RST");
            return;
        }
    }

    // Fourth: SYN in a synchronized state (RFC 5961 §4): a challenge ACK (rate-limited, Linux
    // tcp_send_challenge_ack), drop the segment.
    if (s.has(SYN)) {
        sendChallengeAck(now);
        return;
    }

    // Fifth: the ACK field. "if the ACK bit is off, drop the segment and return".
    if (!s.has(ACK))
        return;
    if (m_state == State::SynReceived) {
        // "If SND.UNA < SEG.ACK =< SND.NXT, then enter ESTABLISHED state ... If the segment
        // acknowledgment is not acceptable, form a reset segment <SEQ=SEG.ACK><CTL=RST>".
        if (!(seqLt(m_sndUna, s.ack) && seqLe(s.ack, m_sndNxt))) {
            sendResetFor(s);
            return;
        }
        ackArrived(s.ack, now);
        m_sndWnd = s.window;
        setState(State::Established, now, "rcv ACK");
    } else {
        if (seqGt(s.ack, m_sndNxt)) {
            // "If the ACK acks something not yet sent (SEG.ACK > SND.NXT), then send an ACK,
            // drop the segment, and return." Linux tcp_ack sends it as a challenge ACK
            // (tcp_send_challenge_ack, RFC 5961 §5.2), rate-limited per socket by
            // __tcp_oow_rate_limited: without the limit two endpoints that each find the
            // other's ACK unacceptable (one ACKs data the other never sent, the other's ACK is
            // then out of window) would trade ACKs forever. Outside ESTABLISHED
            // tcp_rcv_state_process has long sent this challenge ACK; in ESTABLISHED since
            // upstream commit 42726ec644cb (2026, "tcp: send a challenge ACK on
            // SEG.ACK > SND.NXT"), before which that state dropped the segment silently.
            sendChallengeAck(now);
            return;
        }
        // An old ACK (SEG.ACK < SND.UNA) is ignored: no ACK in answer. Linux tcp_ack: "If the
        // ack is older than previous acks then we can probably ignore it" -- goto old_ack,
        // which returns 0 without sending anything; the segment's text and FIN are still
        // processed below (and only they can provoke an ACK). Since "net: tcp: accept old ack
        // during closing" (2024) tcp_rcv_state_process does the same in the closing states.
        // (Not modelled: tcp_ack's RFC 5961 §5.2 lower edge, a challenge ACK for an ACK
        // below SND.UNA - min(max window, bytes acked).)
        if (seqLt(m_sndUna, s.ack))
            ackArrived(s.ack, now);
        if (seqGe(s.ack, m_sndUna))
            m_sndWnd = s.window; // "update the send window" (SND.WL1/WL2 simplified)
    }
    const bool finAcked = m_finSent && m_sndUna == m_sndNxt;
    // A FIN that sits at RCV.NXT (right after this segment's data) is taken in step eight.
    const bool finInOrder = s.has(FIN) && s.seq == m_rcvNxt;
    switch (m_state) {
    case State::FinWait1:
        // "if the FIN segment is now acknowledged, then enter FIN-WAIT-2". When this segment
        // also carries the peer's FIN, step eight goes straight to TIME_WAIT.
        if (finAcked && !finInOrder)
            setState(State::FinWait2, now, "rcv ACK of FIN");
        break;
    case State::Closing:
        // "if the ACK acknowledges our FIN, then enter the TIME-WAIT state".
        if (finAcked)
            enterTimeWait(now, "rcv ACK of FIN");
        return;
    case State::LastAck:
        // "If our FIN is now acknowledged, delete the TCB, enter the CLOSED state".
        if (finAcked)
            setState(State::Closed, now, "rcv ACK of FIN");
        return;
    case State::TimeWait:
        return; // only a retransmitted FIN matters here (handled above)
    default:
        break;
    }
    pumpSend(now); // the window may have opened

    // Seventh and eighth: segment text and FIN.
    if (s.len == 0 && !s.has(FIN))
        return;
    if (s.seq != m_rcvNxt) {
        // Out of order: keep it for later, answer with a duplicate ACK at once.
        m_outOfOrder.push_back(s);
        sendAck(now);
        return;
    }
    const bool quickAck = !m_dataFlowed; // Linux starts in quick-ACK mode
    bool finTaken = false;
    if (!takeText(s, now, finTaken))
        return;
    // Segments held back may now be in order.
    bool filledHole = false;
    for (bool progress = true; progress && !finTaken;) {
        progress = false;
        for (std::size_t i = 0; i < m_outOfOrder.size(); ++i) {
            Segment o = m_outOfOrder[i];
            const std::uint32_t end = o.seq + o.seqLen();
            if (seqGt(o.seq, m_rcvNxt))
                continue;
            m_outOfOrder.erase(m_outOfOrder.begin() + std::ptrdiff_t(i));
            progress = true;
            if (seqLe(end, m_rcvNxt))
                break; // entirely old
            const std::uint32_t cut = m_rcvNxt - o.seq;
            o.seq += cut;
            o.len -= std::min(cut, o.len);
            filledHole = true;
            if (!takeText(o, now, finTaken))
                return;
            break;
        }
    }
    if (finTaken) {
        m_outOfOrder.clear();
        // Linux tcp_fin: in FIN_WAIT_1/FIN_WAIT_2 the ACK of the FIN goes out at once; in
        // ESTABLISHED it is a delayed ACK once data has flowed (pingpong mode).
        ackReceivedData(m_state == State::CloseWait && !quickAck, now);
    } else {
        ackReceivedData(!quickAck && !filledHole, now);
    }
}

bool Endpoint::takeText(const Segment &s, std::int64_t now, bool &finTaken)
{
    // Seventh: segment text, in ESTABLISHED, FIN-WAIT-1 and FIN-WAIT-2 only ("This should not
    // occur" in the states after a FIN was received: ignore it).
    if (s.len > 0) {
        switch (m_state) {
        case State::Established:
        case State::FinWait1:
        case State::FinWait2:
            if (m_orphan) {
                // Linux tcp_rcv_state_process "abort on data" (RFC 1122 4.2.2.13): after
                // close() nobody will read; answer with a reset (seq = SEG.ACK, as
                // tcp_v4_send_reset does for a segment with ACK) and drop the connection.
                sendResetFor(s);
                m_finalError = Error::ConnReset;
                setState(State::Closed, now, "rcv data after close / snd RST");
                return false;
            }
            m_rcvNxt += s.len;
            m_rcvBuffered += s.len;
            if (s.len >= effectiveMss())
                ++m_segmentsSinceAck;
            m_dataFlowed = true;
            break;
        default:
            break;
        }
    }
    // Eighth: the FIN bit, when it is the next thing expected.
    if (!s.has(FIN) || s.seq + s.len != m_rcvNxt)
        return true;
    m_rcvNxt += 1; // "advance RCV.NXT over the FIN"
    m_finReceived = true;
    finTaken = true;
    switch (m_state) {
    case State::SynReceived:
    case State::Established:
        setState(State::CloseWait, now, "rcv FIN / snd ACK");
        break;
    case State::FinWait1:
        // "If our FIN has been ACKed (perhaps in this segment), then enter TIME-WAIT ...
        // otherwise, enter the CLOSING state".
        if (m_finSent && m_sndUna == m_sndNxt)
            enterTimeWait(now, "rcv FIN+ACK / snd ACK");
        else
            setState(State::Closing, now, "rcv FIN / snd ACK");
        break;
    case State::FinWait2:
        enterTimeWait(now, "rcv FIN / snd ACK");
        break;
    default:
        break;
    }
    return true;
}

} // namespace tcp
