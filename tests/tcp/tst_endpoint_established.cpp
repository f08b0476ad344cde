// ESTABLISHED (RFC 9293 §3.10.2–3.10.5, §3.10.7.4): data, windows, retransmission, delayed
// ACK, and the ways out of the state.
#include "pair.h"

#include <QTest>

using namespace tcp;

class TestEndpointEstablished : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void established_send();
    void established_sendWithinPeerWindow();
    void established_recv();
    void established_close();
    void established_closeAfterQueuedData();
    void established_closeUnreadData();
    void established_exit();
    void established_exitUnreadData();
    void established_abort();
    void established_shutdown();
    void established_rcvFin();
    void established_rcvRst();
    void established_rcvOutOfWindowRst();
    void established_rcvSyn();
    void established_rcvOldSegment();
    void established_rcvOldAck();
    void established_rcvAckOfUnsentData();
    void established_rcvOutOfWindowAck();
    void established_ackWarEnds();
    void established_rcvOutOfOrder();
    void established_timeout();
    void established_timeoutBackoff();
    void established_delayedAck();
    void established_delayedAckSecondFullSegment();
    void established_delayedAckPiggyback();
};

namespace {
Pair delayedAckPair()
{
    Config c = Pair::clientConfig();
    Config s = Pair::serverConfig();
    c.delayedAck = s.delayedAck = true;
    return Pair(c, s);
}
} // namespace

void TestEndpointEstablished::established_send()
{
    // At most MSS per segment, PSH+ACK, at once; the window shrinks by what is unread.
    Pair p;
    p.enter(State::Established);
    QCOMPARE(p.client.send(3000, p.now).value, 3000);
    p.settle();
    QCOMPARE(p.segments, lines({"30ms client>server PSH+ACK seq=1 ack=1 len=1460",
                                "30ms client>server PSH+ACK seq=1461 ack=1 len=1460",
                                "30ms client>server PSH+ACK seq=2921 ack=1 len=80",
                                "40ms server>client ACK seq=1 ack=1461 win=64075",
                                "40ms server>client ACK seq=1 ack=2921 win=62615",
                                "40ms server>client ACK seq=1 ack=3001 win=62535"}));
    QCOMPARE(p.server.readable(), 3000u);
    QCOMPARE(p.client.sndUna(), p.client.sndNxt());
}

void TestEndpointEstablished::established_sendWithinPeerWindow()
{
    // A 2000-byte receive buffer: the sender stops at the window; reading reopens it with a
    // window update (Linux __tcp_cleanup_rbuf).
    Config s = Pair::serverConfig();
    s.window = 2000;
    Pair p(Pair::clientConfig(), s);
    p.enter(State::Established);
    QCOMPARE(p.client.send(3000, p.now).value, 3000);
    p.settle();
    QCOMPARE(p.server.recv(0, p.now).value, 2000);
    p.settle();
    QCOMPARE(p.server.recv(0, p.now).value, 1000);
    p.settle();
    QCOMPARE(p.segments, lines({"30ms client>server PSH+ACK seq=1 ack=1 len=1460",
                                "30ms client>server PSH+ACK seq=1461 ack=1 len=540",
                                "40ms server>client ACK seq=1 ack=1461 win=540",
                                "40ms server>client ACK seq=1 ack=2001 win=0",
                                "50ms server>client ACK seq=1 ack=2001 win=2000",
                                "60ms client>server PSH+ACK seq=2001 ack=1 len=1000",
                                "70ms server>client ACK seq=1 ack=3001 win=1000",
                                "80ms server>client ACK seq=1 ack=3001 win=2000"}));
}

void TestEndpointEstablished::established_recv()
{
    Pair p;
    p.enter(State::Established);
    QCOMPARE(p.client.recv(0, p.now).text(true), std::string("EAGAIN"));
    p.server.send(100, p.now);
    p.settle();
    QCOMPARE(p.client.readable(), 100u);
    QCOMPARE(p.client.recv(60, p.now).value, 60);
    QCOMPARE(p.client.recv(60, p.now).value, 40);
    QCOMPARE(p.client.recv(60, p.now).text(true), std::string("EAGAIN"));
}

void TestEndpointEstablished::established_close()
{
    // The four-way close, active side first; TIME_WAIT lasts 2*MSL (60 s).
    Pair p;
    p.enter(State::Established);
    QVERIFY(p.client.close(p.now).ok());
    p.settle();
    QCOMPARE(p.server.recv(0, p.now).text(true), std::string("EOF"));
    QCOMPARE(p.server.recv(0, p.now).text(true), std::string("EOF"));
    QVERIFY(p.server.close(p.now).ok());
    p.settle();
    p.advance(120'000'000);
    QCOMPARE(p.segments, lines({"30ms client>server FIN+ACK seq=1 ack=1",
                                "40ms server>client ACK seq=1 ack=2",
                                "50ms server>client FIN+ACK seq=1 ack=2",
                                "60ms client>server ACK seq=2 ack=2"}));
    QCOMPARE(p.transitions, lines({"client ESTABLISHED->FIN_WAIT_1 (close / snd FIN)",
                                   "server ESTABLISHED->CLOSE_WAIT (rcv FIN / snd ACK)",
                                   "client FIN_WAIT_1->FIN_WAIT_2 (rcv ACK of FIN)",
                                   "server CLOSE_WAIT->LAST_ACK (close / snd FIN)",
                                   "client FIN_WAIT_2->TIME_WAIT (rcv FIN / snd ACK)",
                                   "server LAST_ACK->CLOSED (rcv ACK of FIN)",
                                   "client TIME_WAIT->CLOSED (2MSL timeout)"}));
    QCOMPARE(p.timers, lines({"30ms client retransmit armed until 230ms",
                              "50ms client retransmit cancelled",
                              "50ms client fin-wait-2 armed until 60050ms",
                              "50ms server retransmit armed until 250ms",
                              "60ms client fin-wait-2 cancelled",
                              "60ms client time-wait armed until 60060ms",
                              "70ms server retransmit cancelled",
                              "60060ms client time-wait fired"}));
}

void TestEndpointEstablished::established_closeAfterQueuedData()
{
    // The state changes at the call; the FIN follows the queued data.
    Config s = Pair::serverConfig();
    s.window = 2000;
    Pair p(Pair::clientConfig(), s);
    p.enter(State::Established);
    p.client.send(2500, p.now);
    p.client.close(p.now);
    p.flush();
    QCOMPARE(p.transitions, lines({"client ESTABLISHED->FIN_WAIT_1 (close / snd FIN)"}));
    p.settle();
    p.server.recv(0, p.now);
    p.settle();
    QCOMPARE(p.segments, lines({"30ms client>server PSH+ACK seq=1 ack=1 len=1460",
                                "30ms client>server PSH+ACK seq=1461 ack=1 len=540",
                                "40ms server>client ACK seq=1 ack=1461 win=540",
                                "40ms server>client ACK seq=1 ack=2001 win=0",
                                "50ms server>client ACK seq=1 ack=2001 win=2000",
                                "60ms client>server PSH+ACK seq=2001 ack=1 len=500",
                                "60ms client>server FIN+ACK seq=2501 ack=1",
                                "70ms server>client ACK seq=1 ack=2501 win=1500",
                                "70ms server>client ACK seq=1 ack=2502 win=1500"}));
    QCOMPARE(stateName(p.client.state()), "FIN_WAIT_2");
}

void TestEndpointEstablished::established_closeUnreadData()
{
    // Linux tcp_close (RFC 2525 §2.17): unread data -> RST+ACK <SEQ=SND.NXT><ACK=RCV.NXT>.
    Pair p;
    p.enter(State::Established);
    p.server.send(100, p.now);
    p.settle();
    QVERIFY(p.client.close(p.now).ok());
    p.settle();
    QCOMPARE(p.segments, lines({"30ms server>client PSH+ACK seq=1 ack=1 len=100",
                                "40ms client>server ACK seq=1 ack=101 win=65435",
                                "50ms client>server RST+ACK seq=1 ack=101"}));
    QCOMPARE(p.transitions, lines({"client ESTABLISHED->CLOSED (close / snd RST (unread data))",
                                   "server ESTABLISHED->CLOSED (rcv RST)"}));
    QCOMPARE(p.server.send(1, p.now).text(), std::string("ECONNRESET"));
}

void TestEndpointEstablished::established_exit()
{
    Pair p;
    p.enter(State::Established);
    QVERIFY(p.client.processExit(p.now).ok());
    p.flush();
    QCOMPARE(p.transitions, lines({"client ESTABLISHED->FIN_WAIT_1 (exit / snd FIN)"}));
    QCOMPARE(p.segments, lines({"30ms client>server FIN+ACK seq=1 ack=1"}));
}

void TestEndpointEstablished::established_exitUnreadData()
{
    Pair p;
    p.enter(State::Established);
    p.server.send(10, p.now);
    p.settle();
    p.clearLogs();
    p.client.processExit(p.now);
    p.flush();
    QCOMPARE(p.transitions, lines({"client ESTABLISHED->CLOSED (exit / snd RST (unread data))"}));
    QCOMPARE(p.segments, lines({"50ms client>server RST+ACK seq=1 ack=11"}));
}

void TestEndpointEstablished::established_abort()
{
    // SO_LINGER 0: RST+ACK (Linux sets ACK on its active resets), CLOSED at once.
    Pair p;
    p.enter(State::Established);
    QVERIFY(p.client.abort(p.now).ok());
    p.settle();
    QCOMPARE(p.segments, lines({"30ms client>server RST+ACK seq=1 ack=1"}));
    QCOMPARE(p.transitions, lines({"client ESTABLISHED->CLOSED (abort / snd RST)",
                                   "server ESTABLISHED->CLOSED (rcv RST)"}));
}

void TestEndpointEstablished::established_shutdown()
{
    // Half-close: the FIN'd side keeps receiving; recv returns the data, then EOF. No
    // FIN_WAIT_2 timer (not orphaned).
    Pair p;
    p.enter(State::Established);
    QVERIFY(p.client.shutdownWrite(p.now).ok());
    p.settle();
    QCOMPARE(p.client.send(1, p.now).text(), std::string("EPIPE"));
    QCOMPARE(p.server.recv(0, p.now).text(true), std::string("EOF"));
    QCOMPARE(p.server.send(100, p.now).value, 100);
    p.settle();
    QCOMPARE(p.client.recv(0, p.now).value, 100);
    QCOMPARE(p.client.recv(0, p.now).text(true), std::string("EAGAIN"));
    p.server.close(p.now);
    p.settle();
    QCOMPARE(p.client.recv(0, p.now).text(true), std::string("EOF"));
    QCOMPARE(p.client.recv(0, p.now).text(true), std::string("EOF"));
    QCOMPARE(p.segments, lines({"30ms client>server FIN+ACK seq=1 ack=1",
                                "40ms server>client ACK seq=1 ack=2",
                                "50ms server>client PSH+ACK seq=1 ack=2 len=100",
                                "60ms client>server ACK seq=2 ack=101 win=65435",
                                "70ms server>client FIN+ACK seq=101 ack=2",
                                "80ms client>server ACK seq=2 ack=102"}));
    QCOMPARE(p.transitions, lines({"client ESTABLISHED->FIN_WAIT_1 (shutdown / snd FIN)",
                                   "server ESTABLISHED->CLOSE_WAIT (rcv FIN / snd ACK)",
                                   "client FIN_WAIT_1->FIN_WAIT_2 (rcv ACK of FIN)",
                                   "server CLOSE_WAIT->LAST_ACK (close / snd FIN)",
                                   "client FIN_WAIT_2->TIME_WAIT (rcv FIN / snd ACK)",
                                   "server LAST_ACK->CLOSED (rcv ACK of FIN)"}));
    QVERIFY(!p.timers.join(QLatin1Char('\n')).contains(QStringLiteral("fin-wait-2")));
}

void TestEndpointEstablished::established_rcvFin()
{
    // The four-way close seen from the passive side (the server closes first).
    Pair p;
    p.enter(State::Established);
    p.server.close(p.now);
    p.settle();
    QCOMPARE(p.client.recv(0, p.now).text(true), std::string("EOF"));
    p.client.close(p.now);
    p.settle();
    QCOMPARE(p.segments, lines({"30ms server>client FIN+ACK seq=1 ack=1",
                                "40ms client>server ACK seq=1 ack=2",
                                "50ms client>server FIN+ACK seq=1 ack=2",
                                "60ms server>client ACK seq=2 ack=2"}));
    QCOMPARE(p.transitions, lines({"server ESTABLISHED->FIN_WAIT_1 (close / snd FIN)",
                                   "client ESTABLISHED->CLOSE_WAIT (rcv FIN / snd ACK)",
                                   "server FIN_WAIT_1->FIN_WAIT_2 (rcv ACK of FIN)",
                                   "client CLOSE_WAIT->LAST_ACK (close / snd FIN)",
                                   "server FIN_WAIT_2->TIME_WAIT (rcv FIN / snd ACK)",
                                   "client LAST_ACK->CLOSED (rcv ACK of FIN)"}));
}

void TestEndpointEstablished::established_rcvRst()
{
    // ECONNRESET once (like Linux sk_err), then EPIPE on send and EOF on recv.
    Pair p;
    p.enter(State::Established);
    p.inject(p.client, p.peerSegment(p.client, RST, 1));
    QCOMPARE(p.transitions, lines({"client ESTABLISHED->CLOSED (rcv RST)"}));
    QCOMPARE(p.client.send(1, p.now).text(), std::string("ECONNRESET"));
    QCOMPARE(p.client.send(1, p.now).text(), std::string("EPIPE"));
    QCOMPARE(p.client.recv(0, p.now).text(true), std::string("EOF"));
    QCOMPARE(p.client.connectStatus().text(), std::string("0")); // it did connect
}

void TestEndpointEstablished::established_rcvOutOfWindowRst()
{
    // RFC 5961 §3.2: an in-window RST that is not exactly RCV.NXT gets a challenge ACK; one
    // outside the window is dropped silently.
    Pair p;
    p.enter(State::Established);
    p.inject(p.client, p.peerSegment(p.client, RST, 100));
    p.inject(p.client, p.peerSegment(p.client, RST, 100'000));
    QCOMPARE(p.segments, lines({"30ms server>client RST seq=100 (injected)",
                                "30ms client>server ACK seq=1 ack=1",
                                "30ms server>client RST seq=100000 (injected)"}));
    QCOMPARE(stateName(p.client.state()), "ESTABLISHED");
}

void TestEndpointEstablished::established_rcvSyn()
{
    // RFC 9293 §3.10.7.4 fourth (RFC 5961 §4): a SYN on a synchronized connection gets a
    // challenge ACK, whatever its sequence number.
    Pair p;
    p.enter(State::Established);
    p.inject(p.client, p.peerSegment(p.client, SYN, 50));
    QCOMPARE(p.segments, lines({"30ms server>client SYN seq=50 (injected)", "30ms client>server ACK seq=1 ack=1"}));
    QCOMPARE(stateName(p.client.state()), "ESTABLISHED");
}

void TestEndpointEstablished::established_rcvOldSegment()
{
    // §3.10.7.4 first: not acceptable -> <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>, dropped.
    Pair p;
    p.enter(State::Established);
    p.server.send(100, p.now);
    p.settle();
    p.clearLogs();
    p.inject(p.client, p.peerSegment(p.client, PSH | ACK, 1, 1, 100));
    QCOMPARE(p.segments, lines({"50ms server>client PSH+ACK seq=1 ack=1 len=100 (injected)",
                                "50ms client>server ACK seq=1 ack=101 win=65435"}));
    QCOMPARE(p.client.readable(), 100u);
}

void TestEndpointEstablished::established_rcvOldAck()
{
    // An old duplicate ACK (SEG.ACK < SND.UNA, in window, no data) is ignored: no answer, as
    // in Linux tcp_ack ("old_ack"); SND.UNA stays.
    Pair p;
    p.enter(State::Established);
    p.client.send(100, p.now);
    p.settle();
    p.clearLogs();
    p.inject(p.client, p.peerSegment(p.client, ACK, 1, 1)); // the ACK of the SYN+ACK, again
    p.settle();
    QCOMPARE(p.segments, lines({"50ms server>client ACK seq=1 ack=1 (injected)"}));
    QCOMPARE(p.client.sndUna() - p.client.iss(), 101u);
}

void TestEndpointEstablished::established_rcvAckOfUnsentData()
{
    // §3.10.7.4 fifth: an ACK of something not yet sent is answered with an ACK (a challenge
    // ACK in Linux tcp_ack), at most one per 500 ms (Linux tcp_invalid_ratelimit,
    // __tcp_oow_rate_limited); the ones in between are dropped silently.
    Pair p;
    p.enter(State::Established);
    for (int i = 0; i < 12; ++i) {
        p.inject(p.client, p.peerSegment(p.client, ACK, 1, 101));
        p.advance(100'000);
    }
    QStringList answers;
    for (const QString &l : p.segments)
        if (l.contains(QLatin1String("client>server")))
            answers << l;
    QCOMPARE(answers, lines({"30ms client>server ACK seq=1 ack=1",
                             "530ms client>server ACK seq=1 ack=1",
                             "1030ms client>server ACK seq=1 ack=1"}));
    QCOMPARE(p.segments.size(), 12 + 3);
    QCOMPARE(stateName(p.client.state()), "ESTABLISHED");
}

void TestEndpointEstablished::established_rcvOutOfWindowAck()
{
    // An unacceptable segment without data gets its ACK at most once per 500 ms (Linux
    // tcp_oow_rate_limited); one with data is always answered ("Data packets without SYNs are
    // not likely part of an ACK loop"). The limit is the one the challenge ACKs use.
    Pair p;
    p.enter(State::Established);
    p.server.send(100, p.now);
    p.settle();
    p.clearLogs();
    p.inject(p.client, p.peerSegment(p.client, ACK, 1, 1));           // seq below RCV.NXT
    p.advance(100'000);
    p.inject(p.client, p.peerSegment(p.client, ACK, 1, 1));           // limited
    p.inject(p.client, p.peerSegment(p.client, PSH | ACK, 1, 1, 10)); // old data: answered
    p.inject(p.client, p.peerSegment(p.client, SYN, 50));             // challenge ACK: limited
    p.advance(400'000);
    p.inject(p.client, p.peerSegment(p.client, ACK, 1, 1)); // 500 ms after the first answer
    p.settle();
    QCOMPARE(p.segments, lines({"50ms server>client ACK seq=1 ack=1 (injected)",
                                "50ms client>server ACK seq=1 ack=101 win=65435",
                                "150ms server>client ACK seq=1 ack=1 (injected)",
                                "150ms server>client PSH+ACK seq=1 ack=1 len=10 (injected)",
                                "150ms client>server ACK seq=1 ack=101 win=65435",
                                "150ms server>client SYN seq=50 (injected)",
                                "550ms server>client ACK seq=1 ack=1 (injected)",
                                "550ms client>server ACK seq=1 ack=101 win=65435"}));
}

void TestEndpointEstablished::established_ackWarEnds()
{
    // A data segment the client never sent (an old copy from an earlier incarnation) is
    // taken by the server, which ACKs it; that ACK acknowledges data the client never sent,
    // so the client answers with an ACK, which is out of the server's window now, so the
    // server answers it... Linux's rate limit (tcp_invalid_ratelimit, 500 ms) ends the
    // exchange after one answer each.
    Pair p;
    p.enter(State::Established);
    p.inject(p.server, p.peerSegment(p.server, PSH | ACK, 1, 1, 100));
    p.advance(2'000'000);
    QCOMPARE(p.segments, lines({"30ms client>server PSH+ACK seq=1 ack=1 len=100 (injected)",
                                "30ms server>client ACK seq=1 ack=101 win=65435",
                                "40ms client>server ACK seq=1 ack=1",
                                "50ms server>client ACK seq=1 ack=101 win=65435"}));
    QCOMPARE(p.inFlight(), std::size_t(0));
    QCOMPARE(p.server.readable(), 100u);
}

void TestEndpointEstablished::established_rcvOutOfOrder()
{
    // The first data segment is lost: the second is kept, answered with a duplicate ACK;
    // the retransmission fills the hole and one ACK covers both.
    Pair p;
    p.enter(State::Established);
    p.dropNext(p.server);
    p.server.send(1460, p.now);
    p.server.send(100, p.now);
    p.settle();
    QCOMPARE(p.segments, lines({"30ms server>client PSH+ACK seq=1 ack=1 len=1460 (dropped)",
                                "30ms server>client PSH+ACK seq=1461 ack=1 len=100",
                                "40ms client>server ACK seq=1 ack=1",
                                "230ms server>client PSH+ACK seq=1 ack=1 len=1460 rtx",
                                "240ms client>server ACK seq=1 ack=1561 win=63975"}));
    QCOMPARE(p.client.recv(0, p.now).value, 1560);
}

void TestEndpointEstablished::established_timeout()
{
    // RTO after the handshake: srtt 20 ms, rttvar 10 ms -> max(200 ms floor, 60 ms) = 200 ms.
    // Only the oldest segment is resent, with rtx.
    Pair p;
    p.enter(State::Established);
    p.dropNext(p.client);
    p.client.send(100, p.now);
    p.settle();
    QCOMPARE(p.segments, lines({"30ms client>server PSH+ACK seq=1 ack=1 len=100 (dropped)",
                                "230ms client>server PSH+ACK seq=1 ack=1 len=100 rtx",
                                "240ms server>client ACK seq=1 ack=101 win=65435"}));
    QCOMPARE(p.client.retransmissions(), 0); // reset by the new ACK
}

void TestEndpointEstablished::established_timeoutBackoff()
{
    // The peer vanishes: 200 ms doubling, ETIMEDOUT after config.retries (3) retransmissions.
    Config c = Pair::clientConfig();
    c.retries = 3;
    Pair p(c, Pair::serverConfig());
    p.enter(State::Established);
    p.blackhole(p.client);
    p.client.send(100, p.now);
    p.client.send(100, p.now);
    p.runUntil(10'000'000);
    QCOMPARE(p.segments, lines({"30ms client>server PSH+ACK seq=1 ack=1 len=100 (dropped)",
                                "30ms client>server PSH+ACK seq=101 ack=1 len=100 (dropped)",
                                "230ms client>server PSH+ACK seq=1 ack=1 len=100 rtx (dropped)",
                                "630ms client>server PSH+ACK seq=1 ack=1 len=100 rtx (dropped)",
                                "1430ms client>server PSH+ACK seq=1 ack=1 len=100 rtx (dropped)"}));
    QCOMPARE(p.transitions, lines({"client ESTABLISHED->CLOSED (retransmission limit (ETIMEDOUT))"}));
    QCOMPARE(p.timers.last(), QStringLiteral("3030ms client retransmit fired"));
    QCOMPARE(p.client.send(1, p.now).text(), std::string("ETIMEDOUT"));
    QCOMPARE(p.client.send(1, p.now).text(), std::string("EPIPE"));
    QCOMPARE(p.client.recv(0, p.now).text(true), std::string("EOF"));
}

void TestEndpointEstablished::established_delayedAck()
{
    // Linux starts in quick-ACK mode: the first data is ACKed at once; afterwards the ACK
    // waits 40 ms.
    Pair p = delayedAckPair();
    p.enter(State::Established);
    p.client.send(100, p.now);
    p.settle();
    p.client.send(100, p.now);
    p.settle();
    QCOMPARE(p.segments, lines({"30ms client>server PSH+ACK seq=1 ack=1 len=100",
                                "40ms server>client ACK seq=1 ack=101 win=65435",
                                "50ms client>server PSH+ACK seq=101 ack=1 len=100",
                                "100ms server>client ACK seq=1 ack=201 win=65335"}));
    QVERIFY(p.timers.contains(QStringLiteral("60ms server delayed-ack armed until 100ms")));
    QVERIFY(p.timers.contains(QStringLiteral("100ms server delayed-ack fired")));
}

void TestEndpointEstablished::established_delayedAckSecondFullSegment()
{
    Pair p = delayedAckPair();
    p.enter(State::Established);
    p.client.send(10, p.now);
    p.settle();
    p.clearLogs();
    p.client.send(2920, p.now);
    p.settle();
    QCOMPARE(p.segments, lines({"50ms client>server PSH+ACK seq=11 ack=1 len=1460",
                                "50ms client>server PSH+ACK seq=1471 ack=1 len=1460",
                                "60ms server>client ACK seq=1 ack=2931 win=62605"}));
    QCOMPARE(p.timers, lines({"50ms client retransmit armed until 250ms",
                              "60ms server delayed-ack armed until 100ms",
                              "60ms server delayed-ack cancelled",
                              "70ms client retransmit cancelled"}));
}

void TestEndpointEstablished::established_delayedAckPiggyback()
{
    // A close() within 40 ms of the peer's FIN: one FIN+ACK that also ACKs the FIN, so the
    // peer goes FIN_WAIT_1 -> TIME_WAIT directly.
    Pair p = delayedAckPair();
    p.enter(State::Established);
    p.client.send(100, p.now);
    p.settle();
    p.client.close(p.now);
    p.runUntil(60'000);
    QCOMPARE(p.server.recv(0, p.now).value, 100);
    QCOMPARE(p.server.recv(0, p.now).text(true), std::string("EOF"));
    p.advance(10'000);
    p.server.close(p.now);
    p.settle();
    QCOMPARE(p.segments, lines({"30ms client>server PSH+ACK seq=1 ack=1 len=100",
                                "40ms server>client ACK seq=1 ack=101 win=65435",
                                "50ms client>server FIN+ACK seq=101 ack=1",
                                "70ms server>client FIN+ACK seq=1 ack=102",
                                "80ms client>server ACK seq=102 ack=2"}));
    QCOMPARE(p.transitions, lines({"client ESTABLISHED->FIN_WAIT_1 (close / snd FIN)",
                                   "server ESTABLISHED->CLOSE_WAIT (rcv FIN / snd ACK)",
                                   "server CLOSE_WAIT->LAST_ACK (close / snd FIN)",
                                   "client FIN_WAIT_1->TIME_WAIT (rcv FIN+ACK / snd ACK)",
                                   "server LAST_ACK->CLOSED (rcv ACK of FIN)"}));
}

QTEST_APPLESS_MAIN(TestEndpointEstablished)
#include "tst_endpoint_established.moc"
