#include "live/statetracker.h"

#include "tcp/segment.h"

#include <algorithm>
#include <deque>
#include <map>

namespace live {

using tcp::State;

StateTracker::StateTracker(Sink sink, std::uint16_t clientPort, std::uint16_t serverPort)
    : m_sink(std::move(sink)), m_clientPort(clientPort), m_serverPort(serverPort)
{
    // The lab's connection: its client and its server.
    for (const tcplab::EndpointId id : {tcplab::EndpointId::client(), tcplab::EndpointId::server()}) {
        Side s;
        s.id = id;
        m_sides.push_back(s);
    }
}

StateTracker::Side &StateTracker::sideOf(tcplab::EndpointId ep)
{
    for (Side &s : m_sides)
        if (s.id == ep)
            return s;
    return m_sides.front();
}

const StateTracker::Side &StateTracker::sideOf(tcplab::EndpointId ep) const
{
    return const_cast<StateTracker *>(this)->sideOf(ep);
}

State StateTracker::state(tcplab::EndpointId ep) const { return sideOf(ep).state; }

std::size_t StateTracker::transitionCount(tcplab::EndpointId ep) const
{
    return sideOf(ep).entered.size();
}

bool StateTracker::enteredSince(tcplab::EndpointId ep, State state, std::size_t index) const
{
    const Side &s = sideOf(ep);
    if (state == s.state)
        return true;
    return std::find(s.entered.begin() + std::ptrdiff_t(std::min(index, s.entered.size())),
                     s.entered.end(), state)
           != s.entered.end();
}

bool StateTracker::atRest() const
{
    for (const Side &s : m_sides) {
        const bool still = s.state == State::Closed || s.state == State::Listen
            || s.state == State::TimeWait;
        if (!still || s.timerName == tcp::Timer::Retransmit)
            return false;
    }
    return true;
}

bool StateTracker::anyIn(State st) const
{
    return std::any_of(m_sides.begin(), m_sides.end(),
                       [st](const Side &s) { return s.state == st; });
}

void StateTracker::transition(Side &s, State to, std::int64_t t, const std::string &cause,
                              tcplab::StateSource source)
{
    m_sink(tcplab::makeState(t, s.id, s.state, to, cause, source));
    s.state = to;
    s.entered.push_back(to);
    if (source == tcplab::StateSource::Kernel)
        ++m_kernel;
    else
        ++m_inferred;
}

void StateTracker::onCall(tcplab::EndpointId ep, tcp::Call call)
{
    sideOf(ep).lastCall = call;
}

void StateTracker::onSegment(const tcplab::Event &seg)
{
    Side &s = sideOf(seg.src);
    if (seg.rtx)
        ++s.rtxSent;
    if (const auto inferred = m_inference.onSegment(seg, s.state, s.lastCall)) {
        transition(s, inferred->to, seg.t, inferred->cause, tcplab::StateSource::Inferred);
        s.lastInferT = seg.t;
        m_inference.clearEvidence(s.id);
    }
}

void StateTracker::applyKernel(Side &s, State to, std::int64_t t)
{
    if (to == s.state)
        return;
    // A jump that skips states (ESTABLISHED straight to TIME_WAIT) is filled in along the
    // diagram, the filled-in states marked inferred.
    const std::vector<State> path = capture::StateInference::pathBetween(s.state, to);
    for (std::size_t i = 0; i < path.size(); ++i) {
        const bool last = i + 1 == path.size();
        transition(s, path[i], t, m_inference.cause(s.id, s.state, path[i], s.lastCall),
                   last ? tcplab::StateSource::Kernel : tcplab::StateSource::Inferred);
    }
    m_inference.clearEvidence(s.id);
}

void StateTracker::applyTimer(Side &s, const SockInfo *sock, std::int64_t t)
{
    // idiag_timer 1 is the retransmission timer, 3 the TIME_WAIT timer -- which, for an
    // orphaned FIN_WAIT_2 socket (Linux turns it into a TIME_WAIT mini-socket), is
    // tcp_fin_timeout. Keepalive (2) and zero-window probes (4) are not part of the lab.
    using tcp::Timer;
    using tcp::TimerAction;
    std::optional<Timer> name;
    if (sock && sock->timer == 1)
        name = Timer::Retransmit;
    else if (sock && sock->timer == 3)
        name = s.state == State::FinWait2 ? Timer::FinWait2 : Timer::TimeWait;
    const std::int64_t deadline = !name ? tcplab::kNoTime
                                        : t + std::int64_t(sock->expiresMs) * 1000;
    const bool fired = (s.timerName == Timer::Retransmit && s.rtxSent > s.rtxAtArm)
        || (s.timerName == Timer::TimeWait && !sock) || (s.timerName == Timer::FinWait2 && !sock);
    if (name != s.timerName) {
        if (s.timerName)
            m_sink(tcplab::makeTimer(t, s.id, *s.timerName,
                                     fired ? TimerAction::Fired : TimerAction::Cancelled,
                                     s.deadline));
        if (name)
            m_sink(tcplab::makeTimer(t, s.id, *name, TimerAction::Armed, deadline));
    } else if (name && sock->expiresMs > 0
               && (deadline - s.deadline > 30'000 || s.deadline - deadline > 30'000)) {
        // Re-armed: after firing (a retransmission went out, the RTO doubled, RFC 6298 §5.5),
        // or restarted (TIME_WAIT re-ACKing a retransmitted FIN, RFC 9293 §3.10.7.4). A timer
        // that has run out reads 0 ms left (the kernel clamps the negative rest) until its
        // socket is reaped: "now + 0" moves with every reading, and is no new deadline.
        if (fired)
            m_sink(tcplab::makeTimer(t, s.id, *name, TimerAction::Fired, s.deadline));
        m_sink(tcplab::makeTimer(t, s.id, *name, TimerAction::Armed, deadline));
    } else {
        return; // no timer, or the same one still running
    }
    s.rtxAtArm = s.rtxSent;
    s.timerName = name;
    s.deadline = deadline;
}

const SockInfo *StateTracker::pick(const std::vector<const SockInfo *> &candidates,
                                   const Side &s) const
{
    // A socket a process holds beats an orphan (a new connection beats the old one's
    // TIME_WAIT), then the socket already followed, then one that is still alive.
    const SockInfo *best = nullptr;
    int bestScore = -1;
    for (const SockInfo *c : candidates) {
        const int score = (c->inode != 0 ? 4 : 0) + (c->cookie == s.cookie ? 2 : 0)
            + (c->state != 6 && c->state != 7 ? 1 : 0);
        if (score > bestScore) {
            best = c;
            bestScore = score;
        }
    }
    return best;
}

bool StateTracker::onSnapshot(const std::vector<SockInfo> &socks, std::int64_t tStart,
                              std::int64_t tNow)
{
    std::vector<const SockInfo *> client, server, listeners;
    for (const SockInfo &s : socks) {
        if (s.localPort == m_clientPort)
            client.push_back(&s);
        else if (s.localPort == m_serverPort && s.remotePort != 0)
            server.push_back(&s);
        else if (s.localPort == m_serverPort && s.state == 10)
            listeners.push_back(&s);
    }
    bool fresh = true;
    for (Side &side : m_sides) {
        if (side.lastInferT >= tStart) {
            fresh = false; // the snapshot may predate the segment just seen
            continue;
        }
        const SockInfo *sock = nullptr;
        State to = State::Closed;
        if (side.id.isClient()) {
            sock = pick(client, side);
        } else if (!server.empty()) {
            sock = pick(server, side);
            side.sawConnected = true;
        } else if (!listeners.empty()
                   && (!side.sawConnected || side.state == State::SynReceived)) {
            // Still listening -- or again: a connection reset in SYN_RECEIVED that began with
            // a passive open returns to LISTEN (RFC 9293 §3.10.7.4), its listener untouched,
            // and the next connection the server accepts starts from LISTEN again.
            sock = listeners.front();
            side.sawConnected = false;
        }
        if (sock && !tcp::parseState(kernelStateName(sock->state), to))
            to = State::Closed;
        applyKernel(side, to, tNow);
        applyTimer(side, sock, tNow);
        side.cookie = sock ? sock->cookie : 0;
    }
    return fresh;
}

} // namespace live
