#include "pair.h"

#include <algorithm>

using namespace tcp;

QStringList lines(std::initializer_list<const char *> l)
{
    QStringList out;
    for (const char *s : l)
        out << QString::fromUtf8(s);
    return out;
}

QString ms(std::int64_t us)
{
    if (us % 1000 == 0)
        return QString::number(us / 1000) + QStringLiteral("ms");
    return QString::number(double(us) / 1000.0, 'f', 3) + QStringLiteral("ms");
}

Config Pair::clientConfig()
{
    Config c;
    c.localPort = 40000;
    c.remotePort = 80;
    c.iss = 1000;
    return c;
}

Config Pair::serverConfig()
{
    Config c;
    c.localPort = 80;
    c.iss = 5000;
    return c;
}

Pair::Pair(Config clientCfg, Config serverCfg, std::int64_t oneWay)
    : client(clientCfg)
    , server(serverCfg)
    , latency(oneWay)
{
}

const char *Pair::name(const Endpoint &ep) const { return &ep == &client ? "client" : "server"; }

Endpoint &Pair::peer(const Endpoint &ep) { return &ep == &client ? server : client; }

const Endpoint &Pair::peer(const Endpoint &ep) const { return &ep == &client ? server : client; }

QString Pair::describe(const Endpoint &from, const Segment &seg) const
{
    const Endpoint &to = peer(from);
    QString s = QString::fromUtf8(name(from)) + QLatin1Char('>') + QString::fromUtf8(name(to))
                + QLatin1Char(' ') + QString::fromStdString(flagsName(seg.flags))
                + QStringLiteral(" seq=") + QString::number(std::uint32_t(seg.seq - from.iss()));
    if (seg.has(ACK))
        s += QStringLiteral(" ack=") + QString::number(std::uint32_t(seg.ack - to.iss()));
    if (seg.len > 0)
        s += QStringLiteral(" len=") + QString::number(seg.len);
    if (seg.window != 65535 && !seg.has(RST))
        s += QStringLiteral(" win=") + QString::number(seg.window);
    if (seg.mss)
        s += QStringLiteral(" <mss=") + QString::number(seg.mss) + QLatin1Char('>');
    if (seg.rtx)
        s += QStringLiteral(" rtx");
    return s;
}

void Pair::drain(Endpoint &ep)
{
    const bool isClient = &ep == &client;
    for (const Segment &seg : ep.takeOutgoing()) {
        QString line = ms(now) + QLatin1Char(' ') + describe(ep, seg);
        int &drop = isClient ? m_dropClient : m_dropServer;
        if (drop > 0 || (isClient ? m_holeClient : m_holeServer)) {
            if (drop > 0)
                --drop;
            line += QStringLiteral(" (dropped)");
        } else {
            m_wire.push_back(InFlight{now + latency, isClient, seg});
        }
        segments << line;
    }
    for (const Transition &t : ep.takeTransitions())
        transitions << QString::fromUtf8(name(ep)) + QLatin1Char(' ') + QString::fromUtf8(stateName(t.from))
                           + QStringLiteral("->") + QString::fromUtf8(stateName(t.to)) + QStringLiteral(" (")
                           + QString::fromStdString(t.cause) + QLatin1Char(')');
    for (const TimerChange &t : ep.takeTimerChanges()) {
        QString line = ms(t.t) + QLatin1Char(' ') + QString::fromUtf8(name(ep)) + QLatin1Char(' ')
                       + QString::fromUtf8(timerName(t.which)) + QLatin1Char(' ')
                       + QString::fromUtf8(timerActionName(t.action));
        if (t.action == TimerAction::Armed)
            line += QStringLiteral(" until ") + ms(t.deadline);
        if (t.which == Timer::Retransmit || t.which == Timer::DelayedAck) {
            const int bit = t.which == Timer::Retransmit ? 1 : 2;
            int &busy = m_busyTimers[isClient ? 0 : 1];
            busy = t.action == TimerAction::Armed ? (busy | bit) : (busy & ~bit);
        }
        timers << line;
    }
}

void Pair::flush()
{
    drain(client);
    drain(server);
}

bool Pair::step(std::int64_t limit)
{
    flush();
    std::int64_t next = std::min(client.nextDeadline(), server.nextDeadline());
    // Segments first: the earliest arrival (the wire keeps sending order, equal latency).
    std::int64_t arrive = kNever;
    for (const InFlight &f : m_wire)
        arrive = std::min(arrive, f.arrive);
    if (std::min(next, arrive) > limit || std::min(next, arrive) == kNever)
        return false;
    if (arrive <= next) {
        auto it = std::find_if(m_wire.begin(), m_wire.end(), [&](const InFlight &f) { return f.arrive == arrive; });
        InFlight f = *it;
        m_wire.erase(it);
        now = arrive;
        (f.toServer ? server : client).segmentArrives(f.seg, now);
    } else {
        now = next;
        if (client.nextDeadline() <= now)
            client.timeout(now);
        flush();
        if (server.nextDeadline() <= now)
            server.timeout(now);
    }
    flush();
    return true;
}

void Pair::runUntil(std::int64_t t)
{
    while (step(t)) {
    }
    now = std::max(now, t);
    flush();
}

void Pair::settle()
{
    flush();
    while ((!m_wire.empty() || m_busyTimers[0] || m_busyTimers[1]) && step(kNever - 1)) {
    }
}

bool Pair::runUntilState(const Endpoint &ep, State state, std::int64_t limit)
{
    flush();
    while (ep.state() != state) {
        if (!step(limit))
            return false;
    }
    return true;
}

void Pair::dropNext(const Endpoint &from, int n) { (&from == &client ? m_dropClient : m_dropServer) += n; }

void Pair::blackhole(const Endpoint &from, bool on) { (&from == &client ? m_holeClient : m_holeServer) = on; }

Segment Pair::peerSegment(const Endpoint &to, std::uint8_t flags, std::uint32_t relSeq, std::uint32_t relAck,
                          std::uint32_t len) const
{
    const Endpoint &from = peer(to);
    Segment s;
    s.srcPort = from.config().localPort;
    s.dstPort = to.config().localPort;
    s.flags = flags;
    s.seq = from.iss() + relSeq;
    s.ack = (flags & ACK) ? to.iss() + relAck : 0;
    s.window = 65535;
    s.len = len;
    return s;
}

void Pair::inject(Endpoint &to, Segment seg)
{
    flush();
    segments << ms(now) + QLatin1Char(' ') + describe(peer(to), seg) + QStringLiteral(" (injected)");
    to.segmentArrives(seg, now);
    flush();
}

void Pair::clearLogs()
{
    flush();
    segments.clear();
    transitions.clear();
    timers.clear();
}

Endpoint &Pair::enter(State state, How how)
{
    auto closeSide = [&](Endpoint &ep) {
        if (how == How::Close)
            ep.close(now);
        else
            ep.shutdownWrite(now);
    };
    auto established = [&] {
        server.listen(now);
        client.connect(now);
        settle();
    };
    Endpoint *subject = &client;
    switch (state) {
    case State::Closed:
        break;
    case State::Listen:
        server.listen(now);
        subject = &server;
        break;
    case State::SynSent:
        server.listen(now);
        client.connect(now);
        break;
    case State::SynReceived:
        server.listen(now);
        client.connect(now);
        runUntilState(server, State::SynReceived);
        subject = &server;
        break;
    case State::Established:
        established();
        break;
    case State::FinWait1:
        established();
        closeSide(client);
        break;
    case State::FinWait2:
        established();
        closeSide(client);
        settle();
        break;
    case State::CloseWait:
        established();
        server.close(now);
        settle();
        break;
    case State::Closing:
        established();
        closeSide(client);
        server.close(now);
        runUntilState(client, State::Closing);
        break;
    case State::LastAck:
        established();
        server.close(now);
        settle();
        closeSide(client);
        break;
    case State::TimeWait:
        established();
        closeSide(client);
        settle();
        server.close(now);
        settle();
        break;
    }
    clearLogs();
    return *subject;
}
