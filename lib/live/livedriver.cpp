#include "live/livedriver.h"

#include "capture/pcapfilewriter.h"
#include "capture/tcppacket.h"
#include "live/ports.h"
#include "scenario/runner.h"
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
                                                // unless the kernel says it is at rest
constexpr std::int64_t kSettleLimit = 5'000'000;
constexpr std::int64_t kCallGrace = 5'000'000;
constexpr std::int64_t kSynOnTheWire = 200'000; // connect &: at most this long for its SYN  // beyond SO_*TIMEO before we stop waiting
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
    // Crafted segments and copies: where the raw socket cannot be had, inject and duplicate say
    // why and the rest runs.
    if (!m_raw.open(m_rawWhy))
        m_raw.close();
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
    m_raw.close();
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
    Expected crafted;
    const bool injected = takeExpected(p, crafted);
    tcplab::Event e = injected ? rawSegment(p, src, dst, tsUs - m_t0)
                               : m_segments.track(p, src, dst, tsUs - m_t0);
    if (m_faults.onSegment(src, p.flags).dropped) {
        e.dropped = true;
        e.tArrive = tcplab::kNoTime;
        m_faultFired = true;
    }
    e.line = injected ? crafted.line : e.line;
    ++m_stats.segments;
    emit(e);
    if (!injected)
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
    const std::int64_t tHeld = held.heldUs - m_t0;
    HeldSegment h;
    h.packetId = held.id;
    Expected crafted;
    if (takeExpected(p, crafted)) {
        h.injected = !crafted.copy;
        if (crafted.copy) {
            // The second copy of a duplicated segment: the rules and the student decided the
            // first one's fate already; this one goes on.
            h.event = m_segments.track(p, src, dst, tHeld);
            h.event.rtx = crafted.rtx;
            h.event.line = crafted.line;
            releaseNow(h);
            return;
        }
        h.event = rawSegment(p, src, dst, tHeld);
        h.event.line = crafted.line;
    } else {
        // The sender's TCP changed state before it put the segment out, and the receiver has
        // not seen it: the kernel's own states, stamped at the moment the segment was held.
        const std::int64_t before = now();
        snapshot(tHeld);
        h.snapshotUs = now() - before;
        h.event = m_segments.track(p, src, dst, tHeld);
    }
    h.packet.assign(held.data, held.data + held.len);
    const scenario::FaultPlan::Fate fate = m_faults.onSegment(src, p.flags);
    if (fate.ruleLine)
        h.event.line = fate.ruleLine;
    if (fate.dropped) {
        h.event.dropped = true;
        releaseNow(h);
        return;
    }
    h.copies = fate.copies;
    if (fate.delay > 0)
        h.releaseAt = held.heldUs + fate.delay;
    if (fate.delay > 0 || m_holdAll) {
        keepHeld(std::move(h));
        return;
    }
    releaseNow(h);
}

tcplab::Event LiveDriver::rawSegment(const capture::TcpPacket &p, tcplab::EndpointId src,
                                     tcplab::EndpointId dst, std::int64_t t) const
{
    // As the simulator shows an injected segment: its numbers as on the wire, since no ISN of
    // the sender's TCP applies to it. The tracker does not learn from it either.
    tcplab::SegmentHeader h;
    h.src = src;
    h.dst = dst;
    h.flags = p.flags;
    h.seqAbs = p.seq;
    h.ackAbs = (p.flags & tcp::ACK) ? p.ack : 0;
    h.len = p.len;
    h.win = p.window;
    tcplab::Event e = tcplab::makeSegment(t, h, 0, 0, t);
    e.options = p.options;
    return e;
}

void LiveDriver::keepHeld(HeldSegment h)
{
    h.hold = m_nextHold++;
    m_held.push_back(std::move(h));
    const HeldSegment &kept = m_held.back();
    if (m_holdListener)
        m_holdListener(kept.hold, &kept.event);
    m_lastActivity = now();
}

void LiveDriver::releaseNow(HeldSegment &h)
{
    h.atOnce = true;
    m_held.push_back(std::move(h));
    releaseHeld(m_held.size() - 1, !m_held.back().event.dropped);
}

void LiveDriver::releaseHeld(std::size_t index, bool deliver)
{
    HeldSegment h = std::move(m_held[index]);
    m_held.erase(m_held.begin() + std::ptrdiff_t(index));
    const std::int64_t released = m_queue.release(h.packetId, deliver);
    tcplab::Event &e = h.event;
    if (h.atOnce) { // the cost of holding; a delay or the student's thinking is not one
        ++m_stats.heldSegments;
        m_stats.holdCostUs += released - (e.t + m_t0);
        m_stats.holdSnapshotUs += h.snapshotUs;
    } else {
        ++m_stats.heldLonger;
    }
    e.tReleased = released - m_t0;
    e.tArrive = deliver ? e.tReleased : tcplab::kNoTime;
    e.dropped = !deliver;
    if (!deliver && m_writer && !h.packet.empty()) {
        // Dropped before lo's tap: the capture file gets it from here, so it shows what a
        // capture showed when nftables dropped at prerouting. lo frames have a zero Ethernet
        // header.
        std::vector<std::uint8_t> frame(14 + h.packet.size());
        frame[12] = 0x08;
        std::copy(h.packet.begin(), h.packet.end(), frame.begin() + 14);
        m_writer->write(e.t + m_t0, frame.data(), frame.size(), frame.size());
    }
    ++m_stats.segments;
    emit(e);
    if (!h.injected)
        m_states.onSegment(e);
    if (h.hold && m_holdListener)
        m_holdListener(h.hold, nullptr);
    if (deliver && h.copies > 1) {
        capture::TcpPacket p;
        capture::dissectFrame(h.packet.data(), h.packet.size(), capture::kLinkRaw, p);
        Expected copy;
        copy.flags = p.flags;
        copy.seq = p.seq;
        copy.ack = p.ack;
        copy.len = p.len;
        copy.src = e.src;
        copy.copy = true;
        copy.rtx = e.rtx;
        copy.line = e.line;
        const std::string why = sendRaw(h.packet, copy);
        if (!why.empty())
            emit(tcplab::makeNote(now() - m_t0,
                                  tcplab::message(QT_TRANSLATE_NOOP(
                                                      "scenario", "the copy was not sent: %1"),
                                                  why)));
    }
    // The receiver's reaction: on lo the verdict delivered the segment within the call.
    snapshot();
    m_nextSnapshot = now() + kBusyInterval;
}

std::int64_t LiveDriver::nextRelease() const
{
    std::int64_t t = INT64_MAX;
    for (const HeldSegment &h : m_held)
        if (h.releaseAt != tcplab::kNoTime)
            t = std::min(t, h.releaseAt);
    return t;
}

void LiveDriver::releaseDue()
{
    for (;;) {
        const std::int64_t t = now();
        auto due = std::find_if(m_held.begin(), m_held.end(), [t](const HeldSegment &h) {
            return h.releaseAt != tcplab::kNoTime && h.releaseAt <= t;
        });
        if (due == m_held.end())
            return;
        releaseHeld(std::size_t(due - m_held.begin()), true);
    }
}

std::size_t LiveDriver::heldCount() const
{
    return std::size_t(std::count_if(m_held.begin(), m_held.end(), [](const HeldSegment &h) {
        return h.releaseAt == tcplab::kNoTime;
    }));
}

std::string LiveDriver::setHoldAll(bool on)
{
    if (on && !m_holding)
        return "segments cannot be held: " + m_notHeldWhy;
    m_holdAll = on;
    if (!on) {
        while (heldCount() > 0)
            verdict(0, Verdict::Deliver);
    }
    return {};
}

std::string LiveDriver::verdict(int hold, Verdict v, std::int64_t delayUs)
{
    drainQueue(); // segments waiting in the queue were held before this verdict was given
    auto it = std::find_if(m_held.begin(), m_held.end(), [hold](const HeldSegment &h) {
        return h.releaseAt == tcplab::kNoTime && (hold == 0 || h.hold == hold);
    });
    if (it == m_held.end())
        return hold == 0 ? "no segment is held" : "no segment #" + std::to_string(hold) + " is held";
    switch (v) {
    case Verdict::Delay:
        it->releaseAt = now() + std::max<std::int64_t>(delayUs, 0);
        break;
    case Verdict::Twice:
        it->copies = 2;
        releaseHeld(std::size_t(it - m_held.begin()), true);
        break;
    case Verdict::Deliver:
    case Verdict::Drop:
        releaseHeld(std::size_t(it - m_held.begin()), v == Verdict::Deliver);
        break;
    }
    return {};
}

bool LiveDriver::takeExpected(const capture::TcpPacket &p, Expected &out)
{
    const tcplab::EndpointId src =
        p.srcPort == kClientPort ? tcplab::EndpointId::client() : tcplab::EndpointId::server();
    for (auto it = m_expected.begin(); it != m_expected.end(); ++it) {
        if (it->src == src && it->flags == p.flags && it->seq == p.seq && it->ack == p.ack
            && it->len == p.len) {
            out = *it;
            m_expected.erase(it);
            return true;
        }
    }
    return false;
}

std::string LiveDriver::sendRaw(std::vector<std::uint8_t> packet, const Expected &expected)
{
    if (!m_raw.isOpen())
        return m_rawWhy.empty() ? std::string("no raw socket") : m_rawWhy;
    m_expected.push_back(expected);
    std::string why;
    if (!m_raw.send(packet, why)) {
        m_expected.pop_back();
        return why;
    }
    return {};
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
        if (t >= nextRelease()) {
            releaseDue();
            continue;
        }
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
        const std::int64_t wait = std::min({deadlineUs, m_nextSnapshot, nextRelease()}) - t;
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
    if (c.background) {
        // connect & goes on once its SYN is on the wire, as in the simulator: a step after it
        // (an inject, a fault rule) comes after that SYN, not before it in a race with the
        // endpoint process.
        if (c.call == tcp::Call::Connect) {
            const std::size_t from = m_states.transitionCount(c.ep);
            pumpUntil(now() + kSynOnTheWire,
                      [this, &s, ep = c.ep, from] {
                          return m_states.enteredSince(ep, tcp::State::SynSent, from)
                              || s.pending.empty() || !s.background.empty();
                      },
                      kBusyInterval);
        }
        return {};
    }
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
    // Delay and duplicate are the queue's: a held segment released later, or followed by a
    // copy. Without the queue only drops have a netfilter rule (this kernel has no netem).
    if (f.action != scenario::FaultAction::Drop && !m_holding)
        return tcplab::message(
            QT_TRANSLATE_NOOP("scenario", "%1 needs the lab's queue, which is not set up: %2"),
            f.action == scenario::FaultAction::Delay ? "delay" : "duplicate", m_notHeldWhy);
    if (f.action == scenario::FaultAction::Duplicate && !m_raw.isOpen())
        return tcplab::message(
            QT_TRANSLATE_NOOP("scenario", "duplicate needs a raw socket in the lab's namespace: %1"),
            m_rawWhy);
    const std::string why = m_faults.add(f, line);
    if (!why.empty()) // nft's own words, or a direction the parser already refuses
        return tcplab::word(why);
    scenario::Step step;
    step.body = f;
    const std::string text = scenario::stepToText(step);
    tcplab::Event e = tcplab::makeNote(
        now() - m_t0,
        f.lift ? tcplab::word(text)
        : m_holding
            ? tcplab::message(f.action == scenario::FaultAction::Drop
                                  ? QT_TRANSLATE_NOOP("scenario", "%1 (the lab's queue drops it)")
                                  : QT_TRANSLATE_NOOP("scenario", "%1 (the lab's queue holds it)"),
                              text)
            : tcplab::message(
                  QT_TRANSLATE_NOOP("scenario", "%1 (nftables rule in the lab's namespace)"), text));
    e.line = line;
    emit(e);
    return {};
}

tcplab::Message LiveDriver::inject(const scenario::InjectStep &in, int line)
{
    if (!m_raw.isOpen())
        return tcplab::message(
            QT_TRANSLATE_NOOP("scenario", "inject needs a raw socket in the lab's namespace: %1"),
            m_rawWhy);
    const bool fromClient = in.src.isClient();
    std::vector<std::uint8_t> packet =
        RawSender::craft(fromClient ? kClientPort : kServerPort,
                         fromClient ? kServerPort : kClientPort, in.flags, in.seq,
                         (in.flags & tcp::ACK) ? in.ack : 0, in.len);
    Expected e;
    e.src = in.src;
    e.flags = in.flags;
    e.seq = in.seq;
    e.ack = (in.flags & tcp::ACK) ? in.ack : 0;
    e.len = in.len;
    e.line = line;
    drainQueue(); // what went out before the step is read first
    tcplab::Event note = tcplab::makeNote(now() - m_t0, scenario::injectedNote(in));
    note.line = line;
    emit(note);
    const std::string why = sendRaw(std::move(packet), e);
    if (!why.empty())
        return tcplab::word(why);
    // On its way: seen by the queue (or the capture) at once; the step ends once it was, so the
    // trace shows it before whatever the next step does.
    const std::size_t before = m_expected.size();
    pumpUntil(now() + 100'000, [this, before] { return m_expected.size() < before; },
              kBusyInterval);
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
    // Held segments go on their way, as if the lab were not there; then the run settles.
    m_holdAll = false;
    while (heldCount() > 0)
        verdict(0, Verdict::Deliver);
    // Settled: nothing held, no call pending, and either a reading taken after the last event
    // shows both endpoints at rest (CLOSED, LISTEN or TIME_WAIT, no retransmission due: nothing
    // more can happen), or nothing has happened for kQuiet (a delayed ACK may still be due in
    // another state).
    const auto settled = [this] {
        if (!m_held.empty())
            return false;
        for (const Side &s : m_sides)
            if (!s.pending.empty() && !s.exited)
                return false;
        return (m_lastSnapshot > m_lastActivity && m_states.atRest())
            || now() - m_lastActivity >= kQuiet;
    };
    pumpUntil(now() + kSettleLimit, settled, kBusyInterval);
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
