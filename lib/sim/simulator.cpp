#include "simulator.h"

#include "network.h"
#include "tcp/endpoint.h"
#include "trace/counterfactual.h"
#include "trace/event.h"

#include <functional>
#include <optional>

namespace sim {

namespace {

constexpr std::uint16_t kClientPort = 50000; // the same ports as the live lab uses
constexpr std::uint16_t kServerPort = 8000;
constexpr std::int64_t kSettleHorizon = 3'600'000'000; // finish(): at most one virtual hour
constexpr std::uint32_t kDefaultRecv = 65536;

tcp::Config endpointConfig(const scenario::Scenario &s, bool client)
{
    tcp::Config c;
    c.localPort = client ? kClientPort : kServerPort;
    c.remotePort = client ? kServerPort : kClientPort;
    c.iss = client ? s.clientIsn : s.serverIsn;
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
    std::string call;
    std::int64_t arg = -1;
    std::size_t eventIndex = 0; // its call event in the trace
    std::int64_t giveUpAt = 0;
};

} // namespace

struct Simulator::Impl {
    explicit Impl(const scenario::Scenario &s)
        : client(endpointConfig(s, true))
        , server(endpointConfig(s, false))
        , network(s.latency)
    {
    }

    tcp::Endpoint client;
    tcp::Endpoint server;
    Network network;
    tcplab::Trace trace;
    std::int64_t now = 0;
    bool sentSyn[2] = {false, false};
    bool exited[2] = {false, false};
    // A server that listened owns two sockets in a real kernel: the listener, and the connection
    // accept() returns. Until accept() has returned, its calls reach the listener.
    bool listening[2] = {false, false};
    std::optional<PendingCall> pending[2];
    std::size_t lastBlockingCall[2] = {0, 0}; // trace index of each endpoint's last blocking call
    // Every state each endpoint entered since the current wait began (see waitState).
    std::vector<std::string> entered[2];

    static int index(const std::string &ep) { return ep == "client" ? 0 : 1; }
    static const char *name(int i) { return i == 0 ? "client" : "server"; }
    tcp::Endpoint &endpoint(int i) { return i == 0 ? client : server; }

    // Moves what an endpoint produced into the trace and the network.
    void drain(int i)
    {
        tcp::Endpoint &e = endpoint(i);
        // A timer that fired comes first (it caused what follows); timers armed or cancelled
        // come after the segment or transition that armed or cancelled them.
        const std::vector<tcp::TimerChange> timers = e.takeTimerChanges();
        auto addTimers = [this, i, &timers](bool fired) {
            for (const tcp::TimerChange &tc : timers)
                if ((tc.action == "fired") == fired)
                    trace.add(tcplab::makeTimer(tc.t, name(i), tc.which, tc.action,
                                                tc.deadline == tcp::kNever ? tcplab::kNoTime
                                                                           : tc.deadline));
        };
        addTimers(true);
        for (const tcp::Transition &tr : e.takeTransitions()) {
            trace.add(tcplab::makeState(tr.t, name(i), tcp::stateName(tr.from),
                                        tcp::stateName(tr.to), tr.cause, "simulated"));
            entered[i].push_back(tcp::stateName(tr.to));
        }
        for (const tcp::Segment &seg : e.takeOutgoing())
            transmit(i, seg);
        addTimers(false);
    }

    // The trace event of a segment leaving `from` now (fate still to be filled in).
    tcplab::Event segmentEvent(int from, const tcp::Segment &seg)
    {
        const int to = 1 - from;
        tcplab::Event ev;
        ev.type = tcplab::EventType::Segment;
        ev.t = now;
        ev.src = name(from);
        ev.dst = name(to);
        ev.flags = tcp::flagsName(seg.flags);
        // Relative numbers: each side's sequence space starts at its ISN. A side that never
        // sent a SYN (a RST from a closed port) has no ISN in use: show the raw number.
        ev.seqAbs = seg.seq;
        ev.ackAbs = seg.has(tcp::ACK) ? seg.ack : 0;
        ev.seq = sentSyn[from] ? seg.seq - endpoint(from).iss() : seg.seq;
        ev.ack = seg.has(tcp::ACK) ? seg.ack - endpoint(to).iss() : 0;
        ev.len = seg.len;
        ev.win = seg.window;
        if (seg.mss)
            ev.options = "mss=" + std::to_string(seg.mss);
        ev.rtx = seg.rtx;
        return ev;
    }

    void transmit(int from, const tcp::Segment &seg)
    {
        if (seg.has(tcp::SYN))
            sentSyn[from] = true;
        const int to = 1 - from;
        const Network::Fate fate = network.send(name(from), name(to), seg, now);
        tcplab::Event ev = segmentEvent(from, seg);
        ev.line = fate.ruleLine;
        if (fate.dropped) {
            ev.dropped = true;
            ev.tArrive = tcplab::kNoTime;
            trace.add(ev);
        }
        // One event per copy on the wire: a duplicated segment shows twice.
        for (std::int64_t at : fate.arrivals) {
            ev.tArrive = at;
            trace.add(ev);
            network.schedule(at, to, seg);
        }
    }

    // Earliest moment something happens, or tcp::kNever.
    std::int64_t nextEventTime() const
    {
        std::int64_t t = network.nextDelivery();
        t = std::min(t, client.nextDeadline());
        t = std::min(t, server.nextDeadline());
        for (const std::optional<PendingCall> &p : pending)
            if (p)
                t = std::min(t, p->giveUpAt);
        return t;
    }

    // Processes everything due at the current time slot.
    void step()
    {
        for (const Network::Delivery &d : network.takeDue(now)) {
            endpoint(d.to).segmentArrives(d.segment, now);
            drain(d.to);
        }
        for (int i = 0; i < 2; ++i) {
            if (endpoint(i).nextDeadline() <= now) {
                endpoint(i).timeout(now);
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
    std::optional<std::string> poll(int i, const PendingCall &p)
    {
        tcp::Endpoint &e = endpoint(i);
        if (p.call == "connect") {
            tcp::CallResult r = e.connectStatus();
            if (r.wouldBlock())
                return std::nullopt;
            return r.text();
        }
        if (p.call == "accept") {
            tcp::CallResult r = e.acceptStatus();
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

    void complete(int i, const std::string &result)
    {
        if (pending[i]->call == "accept" && result == "0")
            listening[i] = false; // from now on the calls use the accepted connection
        tcplab::Event &ev = trace.events[pending[i]->eventIndex];
        ev.result = result;
        ev.tEnd = now;
        pending[i].reset();
    }

    void completePending()
    {
        for (int i = 0; i < 2; ++i) {
            if (!pending[i])
                continue;
            if (std::optional<std::string> r = poll(i, *pending[i]))
                complete(i, *r);
            else if (now >= pending[i]->giveUpAt)
                complete(i, timedOutResult(pending[i]->call));
        }
    }

    // A blocking call's result when it gives up: what SO_RCVTIMEO/SO_SNDTIMEO would give.
    static std::string timedOutResult(const std::string &call)
    {
        return call == "connect" ? "EINPROGRESS" : "EAGAIN";
    }

    // A call made on the listening socket before accept() returned, as Linux answers it; nothing
    // when the call goes on to the state machine as usual.
    std::optional<std::string> listenerCall(int i, const std::string &c)
    {
        tcp::Endpoint &e = endpoint(i);
        if (c == "recv" || c == "send")
            return std::string("ENOTCONN"); // measured on this Linux (6.18): both refuse a listener
        if (c == "shutdown")
            return std::string("0"); // inet_shutdown(): SHUT_WR on a listener does nothing
        if ((c == "close" || c == "abort" || c == "exit") && e.state() != tcp::State::Listen) {
            // Closing the listener resets the connection nobody accepted yet
            // (inet_csk_listen_stop() -> tcp_disconnect()): RST, not FIN.
            e.abort(now);
            drain(i);
            listening[i] = false;
            exited[i] = c == "exit";
            return std::string("0");
        }
        return std::nullopt;
    }

    // Performs the non-blocking part of a call. Returns the result, or nothing if it blocks.
    std::optional<std::string> start(int i, const scenario::Step &step)
    {
        tcp::Endpoint &e = endpoint(i);
        if (exited[i])
            return std::string("EBADF"); // the process and its descriptors are gone
        const std::string &c = step.call;
        if (listening[i]) {
            if (std::optional<std::string> r = listenerCall(i, c))
                return r;
        }
        tcp::CallResult r;
        if (c == "listen") {
            r = e.listen(now);
            listening[i] = r.ok();
        } else if (c == "connect") {
            r = e.connect(now);
            drain(i);
            if (r.ok())
                return std::nullopt;
        } else if (c == "accept") {
            if (e.state() == tcp::State::Closed)
                return std::string("EINVAL"); // accept() on a socket that is not listening
            return std::nullopt;
        } else if (c == "recv") {
            return std::nullopt;
        } else if (c == "send") {
            r = e.send(std::uint32_t(step.arg), now);
        } else if (c == "shutdown") {
            r = e.shutdownWrite(now);
        } else if (c == "close") {
            r = e.close(now);
        } else if (c == "abort") {
            r = e.abort(now);
        } else if (c == "exit") {
            r = e.processExit(now);
            exited[i] = true;
            r = tcp::CallResult{};
        } else {
            return std::string("EINVAL");
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
        d->trace.add(tcplab::makeCounterfactualNote("two-way handshake"));
    if (!settings.timeWait)
        d->trace.add(tcplab::makeCounterfactualNote("no TIME_WAIT"));
}

Simulator::~Simulator() = default;

std::int64_t Simulator::now() const { return d->now; }
const tcplab::Trace &Simulator::trace() const { return d->trace; }

std::string Simulator::call(const scenario::Step &step, std::int64_t timeoutUs)
{
    const int i = Impl::index(step.ep);
    tcplab::Event ev = tcplab::makeCall(d->now, step.ep, step.call, step.arg, std::string());
    ev.line = step.line;
    d->trace.add(ev);
    const std::size_t at = d->trace.events.size() - 1;
    std::optional<std::string> r = d->start(i, step);
    if (r) {
        d->trace.events[at].result = *r;
        return *r;
    }
    d->pending[i] = PendingCall{step.call, step.arg, at, d->now + timeoutUs};
    d->lastBlockingCall[i] = at;
    if (step.background)
        return std::string();
    return finishCall(step.ep, timeoutUs);
}

std::string Simulator::finishCall(const std::string &ep, std::int64_t timeoutUs)
{
    const int i = Impl::index(ep);
    // The call gives up at its own deadline (see completePending) if that comes first; a
    // background call that already returned just reports its result.
    d->runUntil(d->now + timeoutUs, [this, i] { return !d->pending[i].has_value(); });
    if (d->pending[i])
        return std::string();
    return d->trace.events[d->lastBlockingCall[i]].result;
}

bool Simulator::waitState(const std::string &ep, const std::string &state, std::int64_t timeoutUs)
{
    const int i = Impl::index(ep);
    // A state passed through within one instant still counts as reached.
    d->entered[i].clear();
    auto reached = [this, i, &state] {
        if (Simulator::state(Impl::name(i)) == state)
            return true;
        for (const std::string &s : d->entered[i])
            if (s == state)
                return true;
        return false;
    };
    return d->runUntil(d->now + timeoutUs, reached);
}

std::string Simulator::state(const std::string &ep)
{
    return tcp::stateName(d->endpoint(Impl::index(ep)).state());
}

void Simulator::sleep(std::int64_t us)
{
    d->runUntil(d->now + us, [] { return false; });
}

std::string Simulator::addFault(const scenario::Step &step)
{
    std::string why = d->network.addRule(step);
    if (why.empty())
        note("fault: " + scenario::stepToText(step), step.line);
    return why;
}

void Simulator::note(const std::string &text, int line)
{
    tcplab::Event e = tcplab::makeNote(d->now, text);
    e.line = line;
    d->trace.add(e);
}

std::string Simulator::inject(const std::string &src, const std::string &dst, tcp::Segment seg,
                              int line)
{
    if (src == dst || (src != "client" && src != "server") || (dst != "client" && dst != "server"))
        return "inject needs client->server or server->client";
    const int from = Impl::index(src);
    // The lab's ports unless the caller chose others: an old duplicate of this four-tuple.
    if (seg.srcPort == 0)
        seg.srcPort = from == 0 ? kClientPort : kServerPort;
    if (seg.dstPort == 0)
        seg.dstPort = from == 0 ? kServerPort : kClientPort;
    tcplab::Event note = tcplab::makeNote(
        d->now, "injected: " + src + "->" + dst + " " + tcp::flagsName(seg.flags) + " seq="
                    + std::to_string(seg.seq)
                    + (seg.has(tcp::ACK) ? " ack=" + std::to_string(seg.ack) : std::string())
                    + (seg.len ? " len=" + std::to_string(seg.len) : std::string())
                    + " (absolute; crafted, not sent by " + src + "'s TCP)");
    note.line = line;
    d->trace.add(note);
    // Not through Network::send: fault rules are about what the endpoints send, and an
    // injected segment must arrive for the lesson to show anything.
    const std::int64_t at = d->now + d->network.latency();
    tcplab::Event ev = d->segmentEvent(from, seg);
    ev.tArrive = at;
    ev.line = line;
    d->trace.add(ev);
    d->network.schedule(at, Impl::index(dst), seg);
    return std::string();
}

void Simulator::finish()
{
    // Let every timer run out (TIME_WAIT, FIN_WAIT_2, retransmissions): the trace ends when
    // nothing is left to happen, so a student sees TIME_WAIT -> CLOSED after 2MSL.
    const std::int64_t limit = d->now + kSettleHorizon;
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
