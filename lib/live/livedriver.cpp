#include "live/livedriver.h"

#include "capture/pcapfilewriter.h"
#include "capture/tcppacket.h"
#include "live/ports.h"
#include "tcp/segment.h"

#include <algorithm>
#include <cerrno>
#include <ctime>
#include <poll.h>
#include <vector>

// Marks a message template for lupdate (as in lib/tcp/statediagram.cpp): the UI translates it in
// the "scenario" context (trace/message.h); here, without Qt, it is the English text.
#ifndef QT_TRANSLATE_NOOP
#define QT_TRANSLATE_NOOP(context, text) text
#endif

namespace live {

namespace {
constexpr std::int64_t kBusyInterval = 1'000;   // sock_diag every 1 ms while a step runs
constexpr std::int64_t kIdleInterval = 10'000;  // and every 10 ms between interactive commands
constexpr std::int64_t kQuiet = 300'000;        // finish(): the run has settled after 300 ms
constexpr std::int64_t kSettleLimit = 5'000'000;
constexpr std::int64_t kCallGrace = 5'000'000;  // beyond SO_*TIMEO before we stop waiting
} // namespace

LiveDriver::LiveDriver(Sink sink)
    : m_sink(std::move(sink)),
      m_states([this](const tcplab::Event &e) { emit(e); }, kClientPort, kServerPort),
      m_faults(kClientPort, kServerPort)
{
    m_t0 = realtimeUs();
    m_lastActivity = m_t0;
}

LiveDriver::~LiveDriver() { shutdown(); }

std::int64_t LiveDriver::now() const { return realtimeUs(); }

bool LiveDriver::start(capture::PcapFileWriter *writer, std::string &error)
{
    // The endpoint processes first, so they inherit neither the capture nor the netlink socket.
    m_sides.clear();
    for (const tcplab::EndpointId id : {tcplab::EndpointId::client(), tcplab::EndpointId::server()}) {
        Side s;
        s.id = id;
        s.process = std::make_unique<EndpointProcess>(id.isClient() ? EndpointRole::Client
                                                                    : EndpointRole::Server);
        if (!s.process->start(error))
            return false;
        m_sides.push_back(std::move(s));
    }
    if (!m_diag.open(error))
        return false;
    // Every segment held while the kernel is read (issue 12); where that cannot be, the run
    // goes on as before, polling, and says why in one sentence.
    std::string notHeld = "tcplab-labd --no-hold was given";
    m_holding = m_wantHolding && m_queue.open(kServerPort, notHeld);
    m_faults.setInstallRules(!m_holding);
    if (!m_holding) {
        m_notHeldWhy = notHeld;
        m_stats.notHeld = "states polled, not held: " + notHeld;
    }
    // Holding, the queue gives every segment; libpcap is needed only for the file.
    if ((!m_holding || writer)
        && !m_capture.open("lo", "tcp port " + std::to_string(kServerPort), error))
        return false;
    m_writer = writer;
    m_t0 = realtimeUs();
    m_lastActivity = m_t0;
    return true;
}

void LiveDriver::shutdown()
{
    m_stopped = true;
    for (Side &s : m_sides) {
        if (s.process)
            s.process->kill();
    }
    m_queue.close();
    m_capture.close();
}

LiveDriver::Stats LiveDriver::stats() const
{
    Stats s = m_stats;
    s.busyIntervalUs = kBusyInterval;
    s.kernelStates = m_states.kernelTransitions();
    s.inferredStates = m_states.inferredTransitions();
    return s;
}

void LiveDriver::emit(const tcplab::Event &e)
{
    // The run's first event says first how its states were read, when not held: at time 0,
    // which (interactive) is the first step.
    if (m_emitted == 0 && !m_holding && !m_stats.notHeld.empty())
        m_sink(tcplab::makeNote(
            0, tcplab::message(QT_TRANSLATE_NOOP("scenario", "states polled, not held: %1"),
                               m_notHeldWhy)));
    m_lastActivity = now();
    ++m_emitted;
    m_sink(e);
}

void LiveDriver::restartClock()
{
    if (m_emitted == 0) {
        m_t0 = realtimeUs();
        m_lastActivity = m_t0;
    }
}

void LiveDriver::onPacket(std::int64_t tsUs, const std::uint8_t *data, std::size_t caplen,
                          std::size_t len)
{
    if (m_stopped)
        return;
    if (m_writer)
        m_writer->write(tsUs, data, caplen, len);
    if (m_holding)
        return; // the queue gave this segment already, when it was held
    capture::TcpPacket p;
    if (!capture::dissectFrame(data, caplen, m_capture.linkType(), p))
        return;
    tcplab::EndpointId src, dst;
    if (p.srcPort == kClientPort && p.dstPort == kServerPort) {
        src = tcplab::EndpointId::client();
        dst = tcplab::EndpointId::server();
    } else if (p.srcPort == kServerPort && p.dstPort == kClientPort) {
        src = tcplab::EndpointId::server();
        dst = tcplab::EndpointId::client();
    } else {
        return;
    }
    tcplab::Event e = m_segments.track(p, src, dst, tsUs - m_t0);
    if (m_faults.onSegment(src, p.flags)) {
        e.dropped = true;
        e.tArrive = tcplab::kNoTime;
        m_faultFired = true;
    }
    ++m_stats.segments;
    emit(e);
    m_states.onSegment(e);
}

void LiveDriver::drainCapture()
{
    m_capture.drain([this](std::int64_t ts, const std::uint8_t *d, std::size_t c, std::size_t l) {
        onPacket(ts, d, c, l);
    });
    if (m_faultFired) {
        m_faultFired = false;
        m_faults.removeFired();
    }
}

void LiveDriver::onHeld(const SegmentQueue::Held &held)
{
    capture::TcpPacket p;
    tcplab::EndpointId src, dst;
    const bool ours = !m_stopped
        && capture::dissectFrame(held.data, held.len, capture::kLinkRaw, p);
    if (ours && p.srcPort == kClientPort && p.dstPort == kServerPort) {
        src = tcplab::EndpointId::client();
        dst = tcplab::EndpointId::server();
    } else if (ours && p.srcPort == kServerPort && p.dstPort == kClientPort) {
        src = tcplab::EndpointId::server();
        dst = tcplab::EndpointId::client();
    } else {
        // Not the lab's connection (a connect from another port to 8000, a RST to one): on
        // its way at once. (The lab has only its client and its server.)
        m_queue.release(held.id, true);
        return;
    }
    // The sender's TCP changed state before it put the segment out, and the receiver has not
    // seen it: the kernel's own states, stamped at the moment the segment was held.
    const std::int64_t tHeld = held.heldUs - m_t0;
    const std::int64_t before = now();
    snapshot(tHeld);
    m_stats.holdSnapshotUs += now() - before;

    tcplab::Event e = m_segments.track(p, src, dst, tHeld);
    const bool drop = m_faults.onSegment(src, p.flags);
    const std::int64_t released = m_queue.release(held.id, !drop);
    ++m_stats.heldSegments;
    m_stats.holdCostUs += released - held.heldUs;
    e.tReleased = released - m_t0;
    e.tArrive = drop ? tcplab::kNoTime : e.tReleased;
    e.dropped = drop;
    if (drop && m_writer) {
        // Dropped before lo's tap: the capture file gets it from here, so it shows what a
        // capture showed when nftables dropped at prerouting. lo frames have a zero Ethernet
        // header.
        std::vector<std::uint8_t> frame(14 + held.len);
        frame[12] = 0x08;
        std::copy(held.data, held.data + held.len, frame.begin() + 14);
        m_writer->write(held.heldUs, frame.data(), frame.size(), frame.size());
    }
    ++m_stats.segments;
    emit(e);
    m_states.onSegment(e);
    // The receiver's reaction: on lo the verdict delivered the segment within the call.
    snapshot();
    m_nextSnapshot = now() + kBusyInterval;
}

void LiveDriver::drainQueue()
{
    m_queue.drain([this](const SegmentQueue::Held &h) { onHeld(h); });
}

bool LiveDriver::snapshot(std::int64_t stampUs)
{
    if (m_stopped)
        return true;
    // Read the kernel first, then the capture: every segment the snapshot's states could
    // depend on was tapped before it and is processed before the snapshot is applied.
    const std::int64_t start = now();
    std::vector<SockInfo> socks;
    std::string error;
    if (!m_diag.dump(0, socks, error))
        return true;
    drainCapture();
    const std::int64_t end = now();
    ++m_stats.snapshots;
    m_stats.snapshotCostUs += end - start;
    m_lastSnapshot = start;
    return m_states.onSnapshot(socks, start - m_t0,
                               stampUs != tcplab::kNoTime ? stampUs : end - m_t0);
}

void LiveDriver::freshSnapshot()
{
    for (int i = 0; i < 3 && !snapshot(); ++i) {
    }
}

LiveDriver::PumpEnd LiveDriver::pumpUntil(std::int64_t deadlineUs,
                                          const std::function<bool()> &done,
                                          std::int64_t intervalUs, int extraFd)
{
    for (;;) {
        if (done())
            return PumpEnd::Done;
        std::int64_t t = now();
        if (t >= deadlineUs)
            return PumpEnd::Deadline;
        if (t >= m_nextSnapshot) {
            if (intervalUs == kBusyInterval && m_lastSnapshot != 0 && m_nextSnapshot != 0)
                m_stats.maxBusyGapUs = std::max(m_stats.maxBusyGapUs, t - m_lastSnapshot);
            snapshot();
            m_nextSnapshot = now() + intervalUs;
            continue;
        }
        std::vector<pollfd> fds;
        std::vector<int> sideOfFd;
        if (m_capture.isOpen()) {
            fds.push_back({m_capture.fd(), POLLIN, 0});
            sideOfFd.push_back(-1);
        }
        if (m_queue.isOpen()) {
            fds.push_back({m_queue.fd(), POLLIN, 0});
            sideOfFd.push_back(-3);
        }
        for (std::size_t i = 0; i < m_sides.size(); ++i) {
            if (m_sides[i].process && m_sides[i].process->alive()) {
                fds.push_back({m_sides[i].process->fd(), POLLIN, 0});
                sideOfFd.push_back(int(i));
            }
        }
        if (extraFd >= 0) {
            fds.push_back({extraFd, POLLIN, 0});
            sideOfFd.push_back(-2);
        }
        const std::int64_t wait = std::min(deadlineUs, m_nextSnapshot) - t;
        timespec ts{};
        ts.tv_sec = wait / 1'000'000;
        ts.tv_nsec = long(wait % 1'000'000) * 1000;
        const int n = ::ppoll(fds.data(), fds.size(), &ts, nullptr);
        if (n < 0 && errno != EINTR)
            return PumpEnd::Deadline;
        for (std::size_t k = 0; n > 0 && k < fds.size(); ++k) {
            if (!fds[k].revents)
                continue;
            if (sideOfFd[k] == -1)
                drainCapture();
            else if (sideOfFd[k] == -3)
                drainQueue();
            else if (sideOfFd[k] == -2)
                return PumpEnd::Readable;
            else
                onReply(m_sides[std::size_t(sideOfFd[k])]);
        }
    }
}

LiveDriver::Side &LiveDriver::side(tcplab::EndpointId ep)
{
    for (Side &s : m_sides)
        if (s.id == ep)
            return s;
    return m_sides.front(); // the parser admits only the lab's client and server
}

void LiveDriver::onReply(Side &s)
{
    std::string result;
    if (!s.process->readReply(result)) {
        // The endpoint process died under us: whatever it was doing did not return.
        s.process->kill();
        s.exited = true;
        while (!s.pending.empty())
            complete(s, "EINTR");
        return;
    }
    complete(s, result);
    m_nextSnapshot = 0; // what the call did shows at once
}

void LiveDriver::complete(Side &s, const std::string &result)
{
    if (s.pending.empty())
        return;
    const Pending p = s.pending.front();
    s.pending.pop_front();
    tcplab::Event e = tcplab::makeCall(p.issued, s.id, p.call, p.arg, result);
    e.tEnd = now() - m_t0;
    e.line = p.line;
    emit(e);
    if (p.background)
        s.background.push_back(result);
    else
        m_results[p.id] = result;
}

std::string LiveDriver::exitEndpoint(const scenario::CallStep &c, int line)
{
    Side &s = side(c.ep);
    drainQueue(); // what went out before the call is read before the call changes anything
    m_states.onCall(c.ep, tcp::Call::Exit);
    tcplab::Event e = tcplab::makeCall(now() - m_t0, c.ep, tcp::Call::Exit, -1, "0");
    e.line = line;
    emit(e);
    // SIGKILL: the process cannot clean up; the kernel closes its sockets as close() would
    // (FIN, or RST where data was left unread).
    if (s.process)
        s.process->kill();
    s.exited = true;
    while (!s.pending.empty())
        complete(s, "EINTR");
    freshSnapshot();
    return "0";
}

std::string LiveDriver::call(const scenario::CallStep &c, int line, std::int64_t timeoutUs)
{
    Side &s = side(c.ep);
    const std::string ep = tcplab::endpointName(c.ep);
    if (s.exited) {
        const std::string what = ep + " " + tcp::callName(c.call);
        emit(tcplab::makeNote(
            now() - m_t0,
            tcplab::message(QT_TRANSLATE_NOOP("scenario", "the %1 process was killed (exit): "
                                                          "`%2` has no process to run it"),
                            ep, what)));
        tcplab::Event e = tcplab::makeCall(now() - m_t0, c.ep, c.call, c.arg, "ESRCH");
        e.line = line;
        emit(e);
        if (c.background)
            s.background.push_back("ESRCH");
        return c.background ? std::string() : std::string("ESRCH");
    }
    if (c.call == tcp::Call::Exit)
        return exitEndpoint(c, line);
    EndpointOp op;
    if (!endpointOpFromCall(c.call, op))
        return "EINVAL";

    // Segments already waiting in the queue went out before this call: read them (and the
    // states they show) first, or a snapshot taken while holding one would show the call's
    // state already (CLOSE_WAIT's ACK read only after close() has made it LAST_ACK).
    drainQueue();
    m_states.onCall(c.ep, c.call);
    Pending p;
    p.id = m_nextId++;
    p.call = c.call;
    p.arg = c.arg;
    p.issued = now() - m_t0;
    p.background = c.background;
    p.line = line;
    s.pending.push_back(p);
    if (!s.process->request(op, c.arg, timeoutUs)) {
        s.pending.pop_back();
        return "EIO";
    }
    if (c.background)
        return {};
    const std::uint64_t id = p.id;
    pumpUntil(now() + timeoutUs + kCallGrace, [this, id] { return m_results.count(id) > 0; },
              kBusyInterval);
    freshSnapshot();
    const auto it = m_results.find(id);
    if (it == m_results.end())
        return "ETIMEDOUT"; // the process never answered; it is stuck past its own timeout
    const std::string result = it->second;
    m_results.erase(it);
    return result;
}

std::string LiveDriver::finishCall(tcplab::EndpointId ep, std::int64_t timeoutUs)
{
    Side &s = side(ep);
    pumpUntil(now() + timeoutUs, [&s] { return !s.background.empty(); },
              kBusyInterval);
    if (s.background.empty())
        return {};
    freshSnapshot();
    const std::string result = s.background.front();
    s.background.pop_front();
    return result;
}

bool LiveDriver::waitState(tcplab::EndpointId ep, tcp::State state, std::int64_t timeoutUs)
{
    const std::size_t from = m_states.transitionCount(ep);
    freshSnapshot();
    return pumpUntil(now() + timeoutUs,
                     [this, ep, state, from] { return m_states.enteredSince(ep, state, from); },
                     kBusyInterval)
        == PumpEnd::Done;
}

tcp::State LiveDriver::state(tcplab::EndpointId ep)
{
    freshSnapshot();
    return m_states.state(ep);
}

void LiveDriver::sleep(std::int64_t us)
{
    pumpUntil(now() + us, [] { return false; }, kBusyInterval);
}

tcplab::Message LiveDriver::addFault(const scenario::FaultStep &f, int line)
{
    if (f.action == scenario::FaultAction::Duplicate)
        return tcplab::message(QT_TRANSLATE_NOOP(
            "scenario", "duplicate is simulator-only (the live lab has no netem in this kernel)"));
    if (f.action == scenario::FaultAction::Delay)
        return tcplab::message(QT_TRANSLATE_NOOP(
            "scenario", "delay is simulator-only (the live lab has no netem in this kernel)"));
    const std::string why = m_faults.add(f);
    if (!why.empty()) // nft's own words, or a direction the parser already refuses
        return tcplab::word(why);
    scenario::Step step;
    step.body = f;
    const std::string text = scenario::stepToText(step);
    tcplab::Event e = tcplab::makeNote(
        now() - m_t0,
        f.lift ? tcplab::word(text)
        : m_holding
            ? tcplab::message(QT_TRANSLATE_NOOP("scenario", "%1 (the lab's queue drops it)"), text)
            : tcplab::message(
                  QT_TRANSLATE_NOOP("scenario", "%1 (nftables rule in the lab's namespace)"), text));
    e.line = line;
    emit(e);
    return {};
}

void LiveDriver::note(const std::string &text, int line)
{
    tcplab::Event e = tcplab::makeNote(now() - m_t0, text);
    e.line = line;
    emit(e);
}

void LiveDriver::finish()
{
    if (m_stopped)
        return;
    pumpUntil(now() + kSettleLimit, [this] { return now() - m_lastActivity >= kQuiet; },
              kBusyInterval);
    freshSnapshot();
    if (m_states.anyIn(tcp::State::TimeWait))
        emit(tcplab::makeNote(now() - m_t0,
                              tcplab::message(QT_TRANSLATE_NOOP(
                                  "scenario", "TIME_WAIT lasts 60 s on Linux (TCP_TIMEWAIT_LEN); "
                                              "the run does not wait for it"))));
    m_stopped = true;
}

bool LiveDriver::idleUntilReadable(int fd, std::int64_t maxUs)
{
    return pumpUntil(now() + maxUs, [] { return false; }, kIdleInterval, fd) == PumpEnd::Readable;
}

} // namespace live
