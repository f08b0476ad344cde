#include "capture/stateinference.h"

#include "tcp/segment.h"
#include "tcp/statediagram.h"

#include <deque>

namespace capture {

using tcp::State;

std::string StateInference::verb(std::optional<tcp::Call> lastCall)
{
    return lastCall == tcp::Call::Shutdown || lastCall == tcp::Call::Exit
               ? tcp::callName(*lastCall)
               : "close";
}

std::vector<State> StateInference::pathBetween(State from, State to)
{
    // Breadth first over the diagram: the shortest chain, ties broken by tcp::successors()'
    // order (the usual path first).
    std::map<State, State> parent;
    std::deque<State> queue{from};
    parent.emplace(from, from);
    while (!queue.empty()) {
        const State s = queue.front();
        queue.pop_front();
        if (s == to)
            break;
        for (State n : tcp::successors(s)) {
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

std::optional<StateInference::Inferred>
StateInference::onSegment(const tcplab::Event &seg, State senderState,
                          std::optional<tcp::Call> lastCall)
{
    Evidence &sent = m_evidence[seg.src];
    Evidence &rcvd = m_evidence[seg.dst];
    const std::uint8_t flags = seg.flags;
    if (flags & tcp::RST) {
        sent.sentRst = true;
        if (!seg.dropped)
            rcvd.rcvdRst = true;
    }

    const bool syn = flags & tcp::SYN;
    const bool ack = flags & tcp::ACK;
    if (syn && !ack && senderState == State::Closed)
        return Inferred{State::SynSent, "connect / snd SYN"};
    if (syn && ack && (senderState == State::Listen || senderState == State::SynSent))
        return Inferred{State::SynReceived, "rcv SYN / snd SYN+ACK"};
    if ((flags & tcp::FIN)
        && (senderState == State::Established || senderState == State::SynReceived))
        return Inferred{State::FinWait1, verb(lastCall) + " / snd FIN"};
    if ((flags & tcp::FIN) && senderState == State::CloseWait)
        return Inferred{State::LastAck, verb(lastCall) + " / snd FIN"};
    return std::nullopt;
}

std::string StateInference::cause(tcplab::EndpointId ep, State from, State to,
                                  std::optional<tcp::Call> lastCall) const
{
    switch (to) {
    case State::Listen: return from == State::Closed ? "listen" : "rcv RST";
    case State::SynSent: return "connect / snd SYN";
    case State::SynReceived: return "rcv SYN / snd SYN+ACK";
    case State::Established:
        return from == State::SynSent ? "rcv SYN+ACK / snd ACK" : "rcv ACK";
    case State::FinWait1:
    case State::LastAck: return verb(lastCall) + " / snd FIN";
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
    const auto it = m_evidence.find(ep);
    const Evidence ev = it == m_evidence.end() ? Evidence() : it->second;
    if (ev.rcvdRst)
        return "rcv RST";
    if (from == State::TimeWait)
        return "2MSL timeout";
    if (from == State::LastAck)
        return "rcv ACK of FIN";
    if (ev.sentRst)
        return lastCall == tcp::Call::Abort ? "abort / snd RST"
                                             : verb(lastCall) + " / snd RST (unread data)";
    if (from == State::FinWait2)
        return "FIN_WAIT_2 timeout (Linux tcp_fin_timeout)";
    return lastCall ? tcp::callName(*lastCall) : "";
}

} // namespace capture
