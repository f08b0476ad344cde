#include "simulator.h"

#include "network.h"
#include "tcp/endpoint.h"
#include "trace/counterfactual.h"
#include "trace/event.h"

#include <algorithm>
#include <functional>
#include <optional>

// Marks a message template for lupdate (as in lib/tcp/statediagram.cpp): the UI translates it in
// the "scenario" context (trace/message.h); here, without Qt, it is the English text.
#ifndef QT_TRANSLATE_NOOP
#define QT_TRANSLATE_NOOP(context, text) text
#endif

namespace sim {

namespace {

constexpr std::uint16_t kClientPort = 50000; // the same ports as the live lab uses
constexpr std::uint16_t kServerPort = 8000;
constexpr std::int64_t kSettleHorizon = 3'600'000'000; // finish(): at most one virtual hour
constexpr std::uint32_t kDefaultRecv = 65536;

tcp::Config endpointConfig(const scenario::Scenario &s, tcplab::EndpointId ep)
{
    tcp::Config c;
    c.localPort = ep.isClient() ? kClientPort : kServerPort;
    c.remotePort = ep.isClient() ? kServerPort : kClientPort;
    c.iss = s.isnFor(ep);
    c.initialRto = s.rto;
    c.msl = s.msl;
    c.delayedAck = s.delayedAck;
    // Counterfactual protocols: policies of the one endpoint, not another state machine.
    c.handshake = s.handshake == scenario::Handshake::TwoWay ? tcp::Handshake::TwoWay
                                                             : tcp::Handshake::ThreeWay;
    c.timeWait = s.timeWait;
    return c;
}

// A call that blocks (connect, accept, recv) until it completes or gives up.
struct PendingCall {
    tcp::Call call = tcp::Call::Connect;
    std::int64_t arg = -1;
    std::size_t eventIndex = 0; // its call event in the trace
    std::int64_t giveUpAt = 0;
};

} // namespace

// One simulated endpoint: its TCB and what the simulator knows of the process holding it.
struct Node {
    Node(tcplab::EndpointId id, const tcp::Config &config) : id(id), tcb(config) {}

    tcplab::EndpointId id;
    tcp::Endpoint tcb;
    std::size_t peer = 0;     // the node its segments go to
    bool sentSyn = false;     // its sequence space is in use: relative numbers from its ISN
    bool exited = false;      // the process was killed
    // A server that listened owns two sockets in a real kernel: the listener, and the
    // connection accept() returns. Until accept() has returned, its calls reach the listener.
    bool listening = false;
    std::optional<PendingCall> pending;
    std::size_t lastBlockingCall = 0; // trace index of its last blocking call
    // Every state it entered since the current wait began (see waitState).
    std::vector<tcp::State> entered;
};

struct Simulator::Impl {
    explicit Impl(const scenario::Scenario &s) : network(s.latency)
    {
        // The lab's connection: one client and one server, each the other's peer.
        nodes.emplace_back(tcplab::EndpointId::client(),
                           endpointConfig(s, tcplab::EndpointId::client()));
        nodes.emplace_back(tcplab::EndpointId::server(),
                           endpointConfig(s, tcplab::EndpointId::server()));
        nodes[0].peer = 1;
        nodes[1].peer = 0;
    }

    std::vector<Node> nodes;
    Network network;
    tcplab::Trace trace;
    std::int64_t now = 0;

    std::size_t index(tcplab::EndpointId ep) const
    {
        for (std::size_t i = 0; i < nodes.size(); ++i)
            if (nodes[i].id == ep)
                return i;
        return 0; // the parser admits only the endpoints the simulator has
    }
    Node &node(tcplab::EndpointId ep) { return nodes[index(ep)]; }

    // Moves what an endpoint produced into the trace and the network.
    void drain(std::size_t i)
    {
        Node &n = nodes[i];
        // A timer that fired comes first (it caused what follows); timers armed or cancelled
        // come after the segment or transition that armed or cancelled them.
        const std::vector<tcp::TimerChange> timers = n.tcb.takeTimerChanges();
        auto addTimers = [this, &n, &timers](bool fired) {
            for (const tcp::TimerChange &tc : timers)
                if ((tc.action == tcp::TimerAction::Fired) == fired)
                    trace.add(tcplab::makeTimer(tc.t, n.id, tc.which, tc.action,
                                                tc.deadline == tcp::kNever ? tcplab::kNoTime
                                                                           : tc.deadline));
        };
        addTimers(true);
        for (const tcp::Transition &tr : n.tcb.takeTransitions()) {
            trace.add(tcplab::makeState(tr.t, n.id, tr.from, tr.to, tr.cause,
                                        tcplab::StateSource::Simulated));
            n.entered.push_back(tr.to);
        }
        for (const tcp::Segment &seg : n.tcb.takeOutgoing())
            transmit(i, n.peer, seg, 0);
        addTimers(false);
    }

    // Puts seg on the wire from node `from` to node `to`; line: the scenario line that made it
    // (a fault rule's line takes precedence). injected: no TCB sent it, so it is shown with
    // its raw numbers and does not open the sender's sequence space.
    void transmit(std::size_t from, std::size_t to, const tcp::Segment &seg, int line,
                  bool injected = false)
    {
        Node &src = nodes[from];
        if (seg.has(tcp::SYN) && !injected)
            src.sentSyn = true;
        const Network::Fate fate = network.send(src.id, nodes[to].id, seg, now);
        tcplab::SegmentHeader h;
        h.src = src.id;
        h.dst = nodes[to].id;
        h.flags = seg.flags;
        h.seqAbs = seg.seq;
        h.ackAbs = seg.has(tcp::ACK) ? seg.ack : 0;
        h.len = seg.len;
        h.win = seg.window;
        // Relative numbers: each side's sequence space starts at its ISN. A side that never
        // sent a SYN (a RST from a closed port; a listener answering an injected old SYN) has
        // no ISN in use: show the raw number.
        const Node &dst = nodes[to];
        tcplab::Event ev =
            tcplab::makeSegment(now, h, src.sentSyn && !injected ? src.tcb.iss() : 0,
                                dst.sentSyn && !injected ? dst.tcb.iss() : 0, tcplab::kNoTime);
        if (seg.mss)
            ev.options = "mss=" + std::to_string(seg.mss);
        ev.rtx = seg.rtx;
        ev.line = fate.ruleLine ? fate.ruleLine : line;
        if (fate.dropped)
            trace.add(ev);
        // One event per copy on the wire: a duplicated segment shows twice.
        ev.dropped = false;
        for (std::int64_t at : fate.arrivals) {
            ev.tArrive = at;
            trace.add(ev);
            network.schedule(at, int(to), seg);
        }
    }

    // Earliest moment something happens, or tcp::kNever.
    std::int64_t nextEventTime() const
    {
        std::int64_t t = network.nextDelivery();
        for (const Node &n : nodes) {
            t = std::min(t, n.tcb.nextDeadline());
            if (n.pending)
                t = std::min(t, n.pending->giveUpAt);
        }
        return t;
    }

    // Processes everything due at the current time slot.
    void step()
    {
        for (const Network::Delivery &d : network.takeDue(now)) {
            nodes[std::size_t(d.to)].tcb.segmentArrives(d.segment, now);
            drain(std::size_t(d.to));
        }
        for (std::size_t i = 0; i < nodes.size(); ++i) {
            if (nodes[i].tcb.nextDeadline() <= now) {
                nodes[i].tcb.timeout(now);
                drain(i);
            }
        }
        completePending();
    }

    // Runs the world until done() holds or the clock reaches limit. The clock ends at the
    // moment done() became true, or at limit.
    bool runUntil(std::int64_t limit, const std::function<bool()> &done)
    {
        completePending();
        if (done())
            return true;
        for (;;) {
            const std::int64_t t = nextEventTime();
            if (t == tcp::kNever || t > limit) {
                if (limit != tcp::kNever)
                    now = std::max(now, limit);
                return done();
            }
            now = std::max(now, t);
            step();
            if (done())
                return true;
        }
    }

    // What a blocking call would return now, or nothing while it still blocks.
    std::optional<std::string> poll(std::size_t i, const PendingCall &p)
    {
        tcp::Endpoint &e = nodes[i].tcb;
        if (p.call == tcp::Call::Connect || p.call == tcp::Call::Accept) {
            const tcp::CallResult r =
                p.call == tcp::Call::Connect ? e.connectStatus() : e.acceptStatus();
            if (r.wouldBlock())
                return std::nullopt;
            return r.text();
        }
        // recv
        tcp::CallResult r = e.recv(p.arg > 0 ? std::uint32_t(p.arg) : kDefaultRecv, now);
        drain(i); // reading may open the window
        if (r.wouldBlock())
            return std::nullopt;
        return r.text(true);
    }

    void complete(Node &n, const std::string &result)
    {
        if (n.pending->call == tcp::Call::Accept && result == "0")
            n.listening = false; // from now on the calls use the accepted connection
        tcplab::Event &ev = trace.events[n.pending->eventIndex];
        ev.result = result;
        ev.tEnd = now;
        n.pending.reset();
    }

    void completePending()
    {
        for (std::size_t i = 0; i < nodes.size(); ++i) {
            Node &n = nodes[i];
            if (!n.pending)
                continue;
            if (std::optional<std::string> r = poll(i, *n.pending))
                complete(n, *r);
            else if (now >= n.pending->giveUpAt)
                complete(n, timedOutResult(n.pending->call));
        }
    }

    // A blocking call's result when it gives up: what SO_RCVTIMEO/SO_SNDTIMEO would give.
    static std::string timedOutResult(tcp::Call call)
    {
        return call == tcp::Call::Connect ? "EINPROGRESS" : "EAGAIN";
    }

    // A call made on the listening socket before accept() returned, as Linux answers it; nothing
    // when the call goes on to the state machine as usual.
    std::optional<std::string> listenerCall(std::size_t i, tcp::Call c)
    {
        Node &n = nodes[i];
        using tcp::Call;
        if (c == Call::Recv || c == Call::Send)
            return std::string("ENOTCONN"); // measured on this Linux (6.18): both refuse a listener
        if (c == Call::Shutdown)
            return std::string("0"); // inet_shutdown(): SHUT_WR on a listener does nothing
        if ((c == Call::Close || c == Call::Abort || c == Call::Exit)
            && n.tcb.state() != tcp::State::Listen) {
            // Closing the listener resets the connection nobody accepted yet
            // (inet_csk_listen_stop() -> tcp_disconnect()): RST, not FIN.
            n.tcb.abort(now);
            drain(i);
            n.listening = false;
            n.exited = c == Call::Exit;
            return std::string("0");
        }
        return std::nullopt;
    }

    // Performs the non-blocking part of a call. Returns the result, or nothing if it blocks.
    std::optional<std::string> start(std::size_t i, const scenario::CallStep &call)
    {
        Node &n = nodes[i];
        tcp::Endpoint &e = n.tcb;
        if (n.exited)
            return std::string("EBADF"); // the process and its descriptors are gone
        if (n.listening) {
            if (std::optional<std::string> r = listenerCall(i, call.call))
                return r;
        }
        tcp::CallResult r;
        switch (call.call) {
        case tcp::Call::Listen:
            r = e.listen(now);
            n.listening = r.ok();
            break;
        case tcp::Call::Connect:
            r = e.connect(now);
            drain(i);
            if (r.ok())
                return std::nullopt;
            break;
        case tcp::Call::Accept:
            if (e.state() == tcp::State::Closed)
                return std::string("EINVAL"); // accept() on a socket that is not listening
            return std::nullopt;
        case tcp::Call::Recv:
            return std::nullopt;
        case tcp::Call::Send:
            r = e.send(std::uint32_t(call.arg), now);
            break;
        case tcp::Call::Shutdown:
            r = e.shutdownWrite(now);
            break;
        case tcp::Call::Close:
            r = e.close(now);
            break;
        case tcp::Call::Abort:
            r = e.abort(now);
            break;
        case tcp::Call::Exit:
            e.processExit(now);
            n.exited = true;
            r = tcp::CallResult{};
            break;
        }
        drain(i);
        return r.text();
    }
};

Simulator::Simulator(const scenario::Scenario &settings)
    : d(std::make_unique<Impl>(settings))
{
    d->trace.title = settings.title;
    d->trace.producer = "sim";
    // A run of a protocol that is not TCP says so first, so every view can mark it.
    if (settings.handshake == scenario::Handshake::TwoWay)
        d->trace.add(tcplab::makeCounterfactualNote(tcplab::kCounterfactualTwoWay));
    if (!settings.timeWait)
        d->trace.add(tcplab::makeCounterfactualNote(tcplab::kCounterfactualNoTimeWait));
}

Simulator::~Simulator() = default;

std::int64_t Simulator::now() const { return d->now; }
const tcplab::Trace &Simulator::trace() const { return d->trace; }

std::string Simulator::call(const scenario::CallStep &c, int line, std::int64_t timeoutUs)
{
    const std::size_t i = d->index(c.ep);
    tcplab::Event ev = tcplab::makeCall(d->now, c.ep, c.call, c.arg, std::string());
    ev.line = line;
    d->trace.add(ev);
    const std::size_t at = d->trace.events.size() - 1;
    std::optional<std::string> r = d->start(i, c);
    if (r) {
        d->trace.events[at].result = *r;
        return *r;
    }
    Node &n = d->nodes[i];
    n.pending = PendingCall{c.call, c.arg, at, tcp::addTime(d->now, timeoutUs)};
    n.lastBlockingCall = at;
    if (c.background)
        return std::string();
    return finishCall(c.ep, timeoutUs);
}

std::string Simulator::finishCall(tcplab::EndpointId ep, std::int64_t timeoutUs)
{
    Node &n = d->node(ep);
    // The call gives up at its own deadline (see completePending) if that comes first; a
    // background call that already returned just reports its result.
    d->runUntil(tcp::addTime(d->now, timeoutUs), [&n] { return !n.pending.has_value(); });
    if (n.pending)
        return std::string();
    return d->trace.events[n.lastBlockingCall].result;
}

bool Simulator::waitState(tcplab::EndpointId ep, tcp::State state, std::int64_t timeoutUs)
{
    Node &n = d->node(ep);
    // A state passed through within one instant still counts as reached.
    n.entered.clear();
    auto reached = [&n, state] {
        if (n.tcb.state() == state)
            return true;
        return std::find(n.entered.begin(), n.entered.end(), state) != n.entered.end();
    };
    return d->runUntil(tcp::addTime(d->now, timeoutUs), reached);
}

tcp::State Simulator::state(tcplab::EndpointId ep) { return d->node(ep).tcb.state(); }

void Simulator::sleep(std::int64_t us)
{
    d->runUntil(tcp::addTime(d->now, us), [] { return false; });
}

tcplab::Message Simulator::addFault(const scenario::FaultStep &f, int line)
{
    tcplab::Message why = d->network.addRule(f, line);
    if (why.empty()) {
        scenario::Step step;
        step.body = f;
        note(
            tcplab::message(QT_TRANSLATE_NOOP("scenario", "fault: %1"), scenario::stepToText(step)),
            line);
    }
    return why;
}

tcplab::Message Simulator::inject(const scenario::InjectStep &in, int line)
{
    // A segment nobody's TCB sent, e.g. a SYN of an earlier connection that was delayed in the
    // network: it goes through the network's rules and latency like any other.
    tcp::Segment seg;
    const Node &src = d->node(in.src);
    seg.srcPort = src.tcb.config().localPort;
    seg.dstPort = src.tcb.config().remotePort;
    seg.flags = in.flags;
    seg.seq = in.seq;
    seg.ack = in.ack;
    seg.len = in.len;
    seg.window = src.tcb.config().window;
    note(scenario::injectedNote(in), line);
    d->transmit(d->index(in.src), d->index(in.dst), seg, line, true);
    return {};
}

void Simulator::note(const std::string &text, int line)
{
    tcplab::Event e = tcplab::makeNote(d->now, text);
    e.line = line;
    d->trace.add(e);
}

void Simulator::note(const tcplab::Message &message, int line)
{
    tcplab::Event e = tcplab::makeNote(d->now, message);
    e.line = line;
    d->trace.add(e);
}

void Simulator::finish()
{
    // Let every timer run out (TIME_WAIT, FIN_WAIT_2, retransmissions): the trace ends when
    // nothing is left to happen, so a student sees TIME_WAIT -> CLOSED after 2MSL.
    const std::int64_t limit = tcp::addTime(d->now, kSettleHorizon);
    d->runUntil(limit, [this] { return d->nextEventTime() == tcp::kNever; });
}

scenario::RunResult runScenario(const scenario::Scenario &s, tcplab::Trace &out)
{
    Simulator simulator(s);
    scenario::Runner runner(simulator);
    scenario::RunResult result = runner.run(s);
    out = simulator.trace();
    return result;
}

} // namespace sim
