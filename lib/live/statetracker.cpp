#include "live/statetracker.h"

#include "tcp/segment.h"

#include <deque>
#include <map>

namespace live {

using tcp::State;

namespace {

// The arrows of RFC 9293 §3.3.2 (Figure 5) plus Linux's FIN_WAIT_1 -> TIME_WAIT (FIN+ACK
// acknowledging our FIN) and any state -> CLOSED (RST, abort, timeouts). Order breaks ties in
// the search below: the common path first.
const std::vector<State> &successors(State s)
{
    static const std::map<State, std::vector<State>> kEdges = {
        {State::Closed, {State::Listen, State::SynSent}},
        {State::Listen, {State::SynReceived, State::SynSent, State::Closed}},
        {State::SynSent, {State::Established, State::SynReceived, State::Closed}},
        {State::SynReceived, {State::Established, State::FinWait1, State::Listen, State::Closed}},
        {State::Established, {State::FinWait1, State::CloseWait, State::Closed}},
        {State::FinWait1, {State::FinWait2, State::TimeWait, State::Closing, State::Closed}},
        {State::FinWait2, {State::TimeWait, State::Closed}},
        {State::CloseWait, {State::LastAck, State::Closed}},
        {State::Closing, {State::TimeWait, State::Closed}},
        {State::LastAck, {State::Closed}},
        {State::TimeWait, {State::Closed}},
    };
    return kEdges.at(s);
}

// The shortest chain from -> ... -> to (to included, from not); just {to} when none exists.
std::vector<State> pathBetween(State from, State to)
{
    std::map<State, State> parent;
    std::deque<State> queue{from};
    parent.emplace(from, from);
    while (!queue.empty()) {
        const State s = queue.front();
        queue.pop_front();
        if (s == to)
            break;
        for (State n : successors(s)) {
            if (parent.emplace(n, s).second)
                queue.push_back(n);
        }
    }
    if (parent.find(to) == parent.end())
        return {to};
    std::vector<State> path;
    for (State s = to; s != from; s = parent.at(s))
        path.insert(path.begin(), s);
    return path;
}

std::string verb(const std::string &lastCall)
{
    return lastCall == "shutdown" || lastCall == "exit" ? lastCall : std::string("close");
}

} // namespace

StateTracker::StateTracker(Sink sink, std::uint16_t clientPort, std::uint16_t serverPort)
    : m_sink(std::move(sink)), m_clientPort(clientPort), m_serverPort(serverPort)
{
    m_sides[0].name = "client";
    m_sides[1].name = "server";
}

int StateTracker::sideOf(const std::string &ep) const { return ep == "server" ? 1 : 0; }

std::string StateTracker::state(const std::string &ep) const
{
    return tcp::stateName(m_sides[sideOf(ep)].state);
}

std::size_t StateTracker::transitionCount(const std::string &ep) const
{
    return m_sides[sideOf(ep)].entered.size();
}

bool StateTracker::enteredSince(const std::string &ep, const std::string &state,
                                std::size_t index) const
{
    const Side &s = m_sides[sideOf(ep)];
    if (state == tcp::stateName(s.state))
        return true;
    for (std::size_t i = index; i < s.entered.size(); ++i) {
        if (state == tcp::stateName(s.entered[i]))
            return true;
    }
    return false;
}

bool StateTracker::anyIn(State st) const
{
    return m_sides[0].state == st || m_sides[1].state == st;
}

void StateTracker::transition(Side &s, State to, std::int64_t t, const std::string &cause,
                              const char *source)
{
    m_sink(tcplab::makeState(t, s.name, tcp::stateName(s.state), tcp::stateName(to), cause,
                             source));
    s.state = to;
    s.entered.push_back(to);
    if (std::string(source) == "kernel")
        ++m_kernel;
    else
        ++m_inferred;
}

void StateTracker::onCall(const std::string &ep, const std::string &call)
{
    m_sides[sideOf(ep)].lastCall = call;
}

void StateTracker::onSegment(const tcplab::Event &seg, std::uint8_t flags)
{
    Side &s = m_sides[sideOf(seg.src)];
    Side &r = m_sides[sideOf(seg.dst)];
    if (seg.rtx)
        ++s.rtxSent;
    if (flags & tcp::RST) {
        s.sentRst = true;
        if (!seg.dropped)
            r.rcvdRst = true;
    }
    if ((flags & tcp::FIN) && !seg.dropped)
        r.rcvdFin = true;

    // What the sender's own segment proves about its state (RFC 9293 §3.10.1, §3.10.4): the
    // kernel changes state before it transmits, so the segment is the evidence.
    State to = s.state;
    std::string cause;
    const bool syn = flags & tcp::SYN;
    const bool ack = flags & tcp::ACK;
    if (syn && !ack && s.state == State::Closed) {
        to = State::SynSent;
        cause = "connect / snd SYN";
    } else if (syn && ack && (s.state == State::Listen || s.state == State::SynSent)) {
        to = State::SynReceived;
        cause = "rcv SYN / snd SYN+ACK";
    } else if ((flags & tcp::FIN)
               && (s.state == State::Established || s.state == State::SynReceived)) {
        to = State::FinWait1;
        cause = verb(s.lastCall) + " / snd FIN";
    } else if ((flags & tcp::FIN) && s.state == State::CloseWait) {
        to = State::LastAck;
        cause = verb(s.lastCall) + " / snd FIN";
    }
    if (to != s.state) {
        transition(s, to, seg.t, cause, "inferred");
        s.lastInferT = seg.t;
        s.rcvdRst = s.sentRst = s.rcvdFin = false;
    }
}

std::string StateTracker::kernelCause(const Side &s, State from, State to) const
{
    switch (to) {
    case State::Listen: return from == State::Closed ? "listen" : "rcv RST";
    case State::SynSent: return "connect / snd SYN";
    case State::SynReceived: return "rcv SYN / snd SYN+ACK";
    case State::Established:
        return from == State::SynSent ? "rcv SYN+ACK / snd ACK" : "rcv ACK";
    case State::FinWait1:
    case State::LastAck: return verb(s.lastCall) + " / snd FIN";
    case State::CloseWait:
    case State::Closing: return "rcv FIN / snd ACK";
    case State::FinWait2: return "rcv ACK of FIN";
    case State::TimeWait:
        if (from == State::FinWait1)
            return "rcv FIN+ACK / snd ACK";
        return from == State::Closing ? "rcv ACK of FIN" : "rcv FIN / snd ACK";
    case State::Closed:
        break;
    }
    if (s.rcvdRst)
        return "rcv RST";
    if (from == State::TimeWait)
        return "2MSL timeout";
    if (from == State::LastAck)
        return "rcv ACK of FIN";
    if (s.sentRst)
        return s.lastCall == "abort" ? "abort / snd RST"
                                     : verb(s.lastCall) + " / snd RST (unread data)";
    if (from == State::FinWait2)
        return "FIN_WAIT_2 timeout (Linux tcp_fin_timeout)";
    return s.lastCall;
}

void StateTracker::applyKernel(Side &s, State to, std::int64_t t)
{
    if (to == s.state)
        return;
    const std::vector<State> path = pathBetween(s.state, to);
    for (std::size_t i = 0; i < path.size(); ++i) {
        const bool last = i + 1 == path.size();
        transition(s, path[i], t, kernelCause(s, s.state, path[i]), last ? "kernel" : "inferred");
    }
    s.rcvdRst = s.sentRst = s.rcvdFin = false;
}

void StateTracker::applyTimer(Side &s, const SockInfo *sock, std::int64_t t)
{
    // idiag_timer 1 is the retransmission timer, 3 the TIME_WAIT timer -- which, for an
    // orphaned FIN_WAIT_2 socket (Linux turns it into a TIME_WAIT mini-socket), is
    // tcp_fin_timeout. Keepalive (2) and zero-window probes (4) are not part of the lab.
    std::string name;
    if (sock && sock->timer == 1)
        name = "retransmit";
    else if (sock && sock->timer == 3)
        name = s.state == State::FinWait2 ? "fin-wait-2" : "time-wait";
    const std::int64_t deadline = name.empty() ? tcplab::kNoTime
                                               : t + std::int64_t(sock->expiresMs) * 1000;
    const bool fired = (s.timerName == "retransmit" && s.rtxSent > s.rtxAtArm)
        || (s.timerName == "time-wait" && !sock) || (s.timerName == "fin-wait-2" && !sock);
    if (name != s.timerName) {
        if (!s.timerName.empty())
            m_sink(tcplab::makeTimer(t, s.name, s.timerName, fired ? "fired" : "cancelled",
                                     s.deadline));
        if (!name.empty())
            m_sink(tcplab::makeTimer(t, s.name, name, "armed", deadline));
    } else if (!name.empty() && (deadline - s.deadline > 30'000 || s.deadline - deadline > 30'000)) {
        // Re-armed: after firing (a retransmission went out, the RTO doubled, RFC 6298 §5.5),
        // or restarted (TIME_WAIT re-ACKing a retransmitted FIN, RFC 9293 §3.10.7.4).
        if (fired)
            m_sink(tcplab::makeTimer(t, s.name, name, "fired", s.deadline));
        m_sink(tcplab::makeTimer(t, s.name, name, "armed", deadline));
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
    for (int i = 0; i < 2; ++i) {
        Side &side = m_sides[i];
        if (side.lastInferT >= tStart) {
            fresh = false; // the snapshot may predate the segment just seen
            continue;
        }
        const SockInfo *sock = nullptr;
        State to = State::Closed;
        if (i == 0) {
            sock = pick(client, side);
        } else if (!server.empty()) {
            sock = pick(server, side);
            side.sawConnected = true;
        } else if (!side.sawConnected && !listeners.empty()) {
            sock = listeners.front();
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
