#pragma once
// Test fixture: two tcp::Endpoints, "client" and "server", wired by a network with a fixed
// one-way latency, driven through virtual time. Everything that happens is recorded as
// readable lines so tests compare whole sequences (STYLE.md 17):
//   segments:    "10ms server>client SYN+ACK seq=0 ack=1 <mss=1460>"  (relative numbers)
//   transitions: "client SYN_SENT->ESTABLISHED (rcv SYN+ACK / snd ACK)"
//   timers:      "1000ms client retransmit fired"

#include "tcp/endpoint.h"

#include <QStringList>

#include <cstdint>
#include <deque>
#include <initializer_list>

class Pair {
public:
    static tcp::Config clientConfig(); // port 40000 -> 80, ISS 1000
    static tcp::Config serverConfig(); // port 80, ISS 5000

    explicit Pair(tcp::Config client = clientConfig(), tcp::Config server = serverConfig(),
                  std::int64_t latency = 10'000);

    tcp::Endpoint client;
    tcp::Endpoint server;
    std::int64_t now = 0;
    std::int64_t latency;

    // How the subject of enter() closes its side on the way to the closing states.
    enum class How { Close, Shutdown };
    // The state fixture (STYLE.md 14): drives the pair until the subject is in `state` and
    // returns it: the server for LISTEN and SYN_RECEIVED, the client for the others. Logs are
    // cleared afterwards. Paths (10 ms latency, segments in flight where noted):
    //   CLOSED fresh; LISTEN server listens; SYN_SENT client's SYN in flight;
    //   SYN_RECEIVED server, its SYN+ACK in flight; ESTABLISHED handshake done, quiet;
    //   FIN_WAIT_1 client closed, FIN in flight; FIN_WAIT_2 client closed, ACK received;
    //   CLOSE_WAIT server closed, quiet; CLOSING both closed at once, ACKs in flight;
    //   LAST_ACK CLOSE_WAIT + client close, FIN in flight; TIME_WAIT after a four-way close,
    //   quiet.
    tcp::Endpoint &enter(tcp::State state, How how = How::Close);

    // Puts what the endpoints produced on the wire and into the logs.
    void flush();
    // Delivers segments and fires timers in time order up to and including t.
    void runUntil(std::int64_t t);
    void advance(std::int64_t dt) { runUntil(now + dt); }
    // Runs until nothing is in flight and no retransmission or delayed ACK is pending (the
    // long TIME_WAIT and FIN_WAIT_2 timers may stay armed).
    void settle();
    // Runs event by event until ep is in state; false if the next event is after limit.
    bool runUntilState(const tcp::Endpoint &ep, tcp::State state, std::int64_t limit = 600'000'000);

    // Loses the next n segments sent by from (client or server).
    void dropNext(const tcp::Endpoint &from, int n = 1);
    // Loses every segment sent by from from now on.
    void blackhole(const tcp::Endpoint &from, bool on = true);
    // Hands a crafted segment to `to` now, as if its peer had sent it ("(injected)").
    void inject(tcp::Endpoint &to, tcp::Segment seg);
    // A segment from to's peer, numbered relative to the two ISSs like the logs.
    tcp::Segment peerSegment(const tcp::Endpoint &to, std::uint8_t flags, std::uint32_t relSeq,
                             std::uint32_t relAck = 0, std::uint32_t len = 0) const;

    QStringList segments;
    QStringList transitions;
    QStringList timers;
    void clearLogs();

    const char *name(const tcp::Endpoint &ep) const;
    tcp::Endpoint &peer(const tcp::Endpoint &ep);
    const tcp::Endpoint &peer(const tcp::Endpoint &ep) const;
    std::size_t inFlight() const { return m_wire.size(); }

private:
    struct InFlight {
        std::int64_t arrive;
        bool toServer;
        tcp::Segment seg;
    };
    void drain(tcp::Endpoint &ep);
    QString describe(const tcp::Endpoint &from, const tcp::Segment &seg) const;
    bool step(std::int64_t limit); // one event at or before limit; false if none

    std::deque<InFlight> m_wire;
    int m_busyTimers[2] = {0, 0}; // armed retransmit/delayed-ack timers per endpoint
    int m_dropClient = 0, m_dropServer = 0;
    bool m_holeClient = false, m_holeServer = false;
};

// QStringList from string literals (QT_NO_CAST_FROM_ASCII is on).
QStringList lines(std::initializer_list<const char *> l);
// "1000ms", "10.5ms"
QString ms(std::int64_t us);
