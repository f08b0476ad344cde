#include "statediagram.h"

// The labels are marked for Qt's lupdate (context "StateGraphModel", where the state graph
// translates them); lib/tcp itself knows nothing of Qt, so the marker is a no-op here.
#ifndef QT_TRANSLATE_NOOP
#define QT_TRANSLATE_NOOP(context, text) text
#endif

#include <algorithm>

namespace tcp {

namespace {

// RFC 9293 §3.3.2 Figure 5, which corrects RFC 793's SYN_SENT -> SYN_RECEIVED label to
// "snd SYN,ACK"; plus FIN_WAIT_1 -> TIME_WAIT, which the figure leaves out but §3.10.7.4
// specifies (our FIN is ACKed by the segment carrying the peer's FIN). The RFC's user calls
// are named as the sockets API does: listen() is a passive OPEN, connect() an active OPEN,
// close() a CLOSE.
const std::vector<DiagramEdge> kTcp = {
    {State::Closed, State::Listen, QT_TRANSLATE_NOOP("StateGraphModel", "listen"), "3.10.1", true},
    {State::Closed, State::SynSent, QT_TRANSLATE_NOOP("StateGraphModel", "connect / snd SYN"),
     "3.10.1", true},
    {State::Listen, State::Closed, QT_TRANSLATE_NOOP("StateGraphModel", "close / delete TCB"),
     "3.10.4"},
    {State::Listen, State::SynReceived,
     QT_TRANSLATE_NOOP("StateGraphModel", "rcv SYN / snd SYN+ACK"), "3.10.7.2", true},
    {State::Listen, State::SynSent, QT_TRANSLATE_NOOP("StateGraphModel", "send / snd SYN"),
     "3.10.2"},
    {State::SynSent, State::Closed, QT_TRANSLATE_NOOP("StateGraphModel", "close / delete TCB"),
     "3.10.4"},
    {State::SynSent, State::SynReceived,
     QT_TRANSLATE_NOOP("StateGraphModel", "rcv SYN / snd SYN+ACK"), "3.10.7.3"},
    {State::SynSent, State::Established,
     QT_TRANSLATE_NOOP("StateGraphModel", "rcv SYN+ACK / snd ACK"), "3.10.7.3", true},
    {State::SynReceived, State::Listen,
     QT_TRANSLATE_NOOP("StateGraphModel", "rcv RST (passive open)"), "3.10.7.4"},
    {State::SynReceived, State::Established,
     QT_TRANSLATE_NOOP("StateGraphModel", "rcv ACK of SYN"), "3.10.7.4", true},
    {State::SynReceived, State::FinWait1, QT_TRANSLATE_NOOP("StateGraphModel", "close / snd FIN"),
     "3.10.4"},
    {State::Established, State::FinWait1,
     QT_TRANSLATE_NOOP("StateGraphModel", "close / snd FIN"), "3.10.4", true},
    {State::Established, State::CloseWait,
     QT_TRANSLATE_NOOP("StateGraphModel", "rcv FIN / snd ACK"), "3.10.7.4", true},
    {State::FinWait1, State::FinWait2, QT_TRANSLATE_NOOP("StateGraphModel", "rcv ACK of FIN"),
     "3.10.7.4", true},
    {State::FinWait1, State::Closing, QT_TRANSLATE_NOOP("StateGraphModel", "rcv FIN / snd ACK"),
     "3.10.7.4"},
    {State::FinWait1, State::TimeWait,
     QT_TRANSLATE_NOOP("StateGraphModel", "rcv FIN+ACK of FIN / snd ACK"), "3.10.7.4"},
    {State::FinWait2, State::TimeWait, QT_TRANSLATE_NOOP("StateGraphModel", "rcv FIN / snd ACK"),
     "3.10.7.4", true},
    {State::Closing, State::TimeWait, QT_TRANSLATE_NOOP("StateGraphModel", "rcv ACK of FIN"),
     "3.10.7.4"},
    {State::CloseWait, State::LastAck, QT_TRANSLATE_NOOP("StateGraphModel", "close / snd FIN"),
     "3.10.4", true},
    {State::LastAck, State::Closed, QT_TRANSLATE_NOOP("StateGraphModel", "rcv ACK of FIN"),
     "3.10.7.4", true},
    {State::TimeWait, State::Closed, QT_TRANSLATE_NOOP("StateGraphModel", "2MSL timeout"),
     "3.10.8", true},
};

// A counterfactual variant: TCP's edges with the deviations replaced. The section named is
// the one the variant departs from.
std::vector<DiagramEdge> variantEdges(DiagramVariant v)
{
    std::vector<DiagramEdge> out;
    for (const DiagramEdge &e : kTcp) {
        if (v.twoWayHandshake && e.from == State::Listen && e.to == State::SynReceived) {
            out.push_back({State::Listen, State::Established,
                           QT_TRANSLATE_NOOP("StateGraphModel",
                                             "rcv SYN / snd SYN+ACK (two-way: not TCP)"),
                           "3.10.7.2", true});
            continue;
        }
        if (v.twoWayHandshake && e.from == State::SynSent && e.to == State::Established) {
            out.push_back({State::SynSent, State::Established,
                           QT_TRANSLATE_NOOP("StateGraphModel", "rcv SYN+ACK (two-way: no ACK)"),
                           "3.10.7.3", true});
            continue;
        }
        if (!v.timeWait && e.to == State::TimeWait) {
            out.push_back({e.from, State::Closed,
                           QT_TRANSLATE_NOOP("StateGraphModel", "no TIME_WAIT (not TCP)"),
                           e.rfc, e.usual});
            continue;
        }
        if (!v.timeWait && e.from == State::TimeWait)
            continue;
        out.push_back(e);
    }
    return out;
}

} // namespace

const std::vector<DiagramEdge> &diagramEdges(DiagramVariant v)
{
    static const std::vector<DiagramEdge> twoWay = variantEdges({true, true});
    static const std::vector<DiagramEdge> noTimeWait = variantEdges({false, false});
    static const std::vector<DiagramEdge> both = variantEdges({true, false});
    if (v.twoWayHandshake)
        return v.timeWait ? twoWay : both;
    return v.timeWait ? kTcp : noTimeWait;
}

std::vector<State> successors(State from, DiagramVariant variant)
{
    std::vector<State> out;
    for (const bool usual : {true, false})
        for (const DiagramEdge &e : diagramEdges(variant)) {
            if (e.from == from && e.usual == usual && e.to != State::Closed
                && std::find(out.begin(), out.end(), e.to) == out.end())
                out.push_back(e.to);
        }
    if (from != State::Closed && std::find(out.begin(), out.end(), State::Closed) == out.end())
        out.push_back(State::Closed);
    return out;
}

} // namespace tcp
