// Counterfactual protocols (tcp::Config::handshake, tcp::Config::timeWait): the one RFC 9293
// endpoint with a named deviation switched on, to show in a lesson why TCP is as it is. Each
// test names the state and event where the variant departs from the RFC, as the other suites do.
#include "pair.h"

#include <QTest>

using namespace tcp;

namespace {

Pair twoWayPair()
{
    Config c = Pair::clientConfig();
    Config s = Pair::serverConfig();
    c.handshake = s.handshake = Handshake::TwoWay;
    return Pair(c, s);
}

Pair noTimeWaitPair()
{
    Config c = Pair::clientConfig();
    Config s = Pair::serverConfig();
    c.timeWait = s.timeWait = false;
    return Pair(c, s);
}

} // namespace

class TestEndpointVariants : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // Defaults are TCP.
    void config_defaultsAreTcp();

    // Two-way handshake (deviates from §3.10.7.2 and §3.10.7.3).
    void twoWay_listen_rcvSyn();
    void twoWay_synSent_rcvSynAck();
    void twoWay_synSent_synAckLost();
    void twoWay_established_rcvFirstData();
    void twoWay_established_timeout();
    void twoWay_listen_rcvOldDuplicateSyn();

    // No TIME_WAIT (deviates from §3.10.7.4).
    void noTimeWait_finWait2_rcvFin();
    void noTimeWait_finWait1_rcvFinAck();
    void noTimeWait_closing_rcvAck();
    void noTimeWait_closed_rcvRetransmittedFin();
    void noTimeWait_passiveCloserUnchanged();
};

void TestEndpointVariants::config_defaultsAreTcp()
{
    const Config c;
    QVERIFY(c.handshake == Handshake::ThreeWay);
    QVERIFY(c.timeWait);
}

// ---- Two-way handshake ----

void TestEndpointVariants::twoWay_listen_rcvSyn()
{
    // The server counts the connection as open on the SYN alone: accept() returns at once.
    Pair p = twoWayPair();
    p.enter(State::Listen);
    p.inject(p.server, p.peerSegment(p.server, SYN, 0));
    QCOMPARE(p.segments, lines({"0ms client>server SYN seq=0 (injected)",
                                "0ms server>client SYN+ACK seq=0 ack=1 <mss=1460>"}));
    QCOMPARE(p.transitions,
             lines({"server LISTEN->ESTABLISHED (rcv SYN / snd SYN+ACK (two-way handshake: not TCP))"}));
    QCOMPARE(p.server.acceptStatus().text(), std::string("0"));
    // Its SYN is still unacknowledged: the retransmission timer runs.
    QCOMPARE(p.timers, lines({"0ms server retransmit armed until 1000ms"}));
}

void TestEndpointVariants::twoWay_synSent_rcvSynAck()
{
    // Two segments, no third: the client is ESTABLISHED on the SYN+ACK and sends nothing.
    Pair p = twoWayPair();
    p.server.listen(0);
    p.flush();
    p.client.connect(0);
    p.runUntil(100'000);
    QCOMPARE(p.segments, lines({"0ms client>server SYN seq=0 <mss=1460>",
                                "10ms server>client SYN+ACK seq=0 ack=1 <mss=1460>"}));
    QCOMPARE(p.transitions, lines({"server CLOSED->LISTEN (listen)",
                                   "client CLOSED->SYN_SENT (connect / snd SYN)",
                                   "server LISTEN->ESTABLISHED (rcv SYN / snd SYN+ACK (two-way handshake: not TCP))",
                                   "client SYN_SENT->ESTABLISHED (rcv SYN+ACK (two-way handshake: no ACK, not TCP))"}));
    QCOMPARE(p.client.connectStatus().text(), std::string("0"));
}

void TestEndpointVariants::twoWay_synSent_synAckLost()
{
    // The SYN+ACK is lost: the two sides disagree. The server believes in a connection the
    // client does not have -- what the third segment of TCP's handshake prevents.
    Pair p = twoWayPair();
    p.server.listen(0);
    p.dropNext(p.server);
    p.client.connect(0);
    p.runUntil(500'000);
    QCOMPARE(stateName(p.client.state()), "SYN_SENT");
    QCOMPARE(stateName(p.server.state()), "ESTABLISHED");
    QCOMPARE(p.segments, lines({"0ms client>server SYN seq=0 <mss=1460>",
                                "10ms server>client SYN+ACK seq=0 ack=1 <mss=1460> (dropped)"}));
    QCOMPARE(p.server.acceptStatus().text(), std::string("0"));
    QCOMPARE(p.client.connectStatus().text(), std::string("EAGAIN"));
    // Retransmissions repair it a second later: the server answers the client's second SYN
    // with a bare ACK (out of window, §3.10.7.4), then resends its SYN+ACK; with no ACK of that
    // either, once more after the doubled RTO.
    p.settle();
    QCOMPARE(p.segments, lines({"0ms client>server SYN seq=0 <mss=1460>",
                                "10ms server>client SYN+ACK seq=0 ack=1 <mss=1460> (dropped)",
                                "1000ms client>server SYN seq=0 <mss=1460> rtx",
                                "1010ms server>client ACK seq=1 ack=1",
                                "1010ms server>client SYN+ACK seq=0 ack=1 <mss=1460> rtx",
                                "3010ms server>client SYN+ACK seq=0 ack=1 <mss=1460> rtx",
                                "3020ms client>server ACK seq=1 ack=1"}));
    QCOMPARE(stateName(p.client.state()), "ESTABLISHED");
}

void TestEndpointVariants::twoWay_established_rcvFirstData()
{
    // Only the client's first segment after the handshake acknowledges the server's SYN.
    Pair p = twoWayPair();
    p.server.listen(0);
    p.client.connect(0);
    p.runUntil(20'000);
    p.clearLogs();
    QCOMPARE(p.client.send(100, p.now).value, 100);
    p.settle();
    QCOMPARE(p.segments, lines({"20ms client>server PSH+ACK seq=1 ack=1 len=100",
                                "30ms server>client ACK seq=1 ack=101 win=65435"}));
    QVERIFY(p.timers.contains(QStringLiteral("30ms server retransmit cancelled")));
    QVERIFY(p.transitions.isEmpty());
}

void TestEndpointVariants::twoWay_established_timeout()
{
    // Nothing acknowledges the server's SYN when the client stays silent: after the RTO the
    // SYN+ACK goes again, and the client's ACK of it is the third segment, one second late.
    Pair p = twoWayPair();
    p.server.listen(0);
    p.client.connect(0);
    p.settle();
    QCOMPARE(p.segments, lines({"0ms client>server SYN seq=0 <mss=1460>",
                                "10ms server>client SYN+ACK seq=0 ack=1 <mss=1460>",
                                "1010ms server>client SYN+ACK seq=0 ack=1 <mss=1460> rtx",
                                "1020ms client>server ACK seq=1 ack=1"}));
    QCOMPARE(stateName(p.server.state()), "ESTABLISHED");
    QCOMPARE(p.server.nextDeadline(), kNever);
}

void TestEndpointVariants::twoWay_listen_rcvOldDuplicateSyn()
{
    // An old duplicate SYN (RFC 9293 §3.5, Figure 9) reaches the listener: the two-way server
    // opens a connection nobody asked for; only the client's RST (a closed port, §3.10.7.1)
    // ends it. TCP's server would have stayed in SYN_RECEIVED.
    Pair p = twoWayPair();
    p.enter(State::Listen);
    p.inject(p.server, p.peerSegment(p.server, SYN, 4000));
    p.settle();
    QCOMPARE(p.segments, lines({"0ms client>server SYN seq=4000 (injected)",
                                "0ms server>client SYN+ACK seq=0 ack=4001 <mss=1460>",
                                "10ms client>server RST seq=4001"}));
    QCOMPARE(p.transitions,
             lines({"server LISTEN->ESTABLISHED (rcv SYN / snd SYN+ACK (two-way handshake: not TCP))",
                    "server ESTABLISHED->CLOSED (rcv RST)"}));
}

// ---- No TIME_WAIT ----

void TestEndpointVariants::noTimeWait_finWait2_rcvFin()
{
    // The active closer ACKs the peer's FIN and is CLOSED at once: no 2MSL timer.
    Pair p = noTimeWaitPair();
    p.enter(State::FinWait2);
    p.server.close(p.now);
    p.settle();
    QCOMPARE(p.segments, lines({"50ms server>client FIN+ACK seq=1 ack=2",
                                "60ms client>server ACK seq=2 ack=2"}));
    QCOMPARE(p.transitions, lines({"server CLOSE_WAIT->LAST_ACK (close / snd FIN)",
                                   "client FIN_WAIT_2->CLOSED (rcv FIN / snd ACK (time-wait off: not TCP))",
                                   "server LAST_ACK->CLOSED (rcv ACK of FIN)"}));
    QCOMPARE(p.client.nextDeadline(), kNever);
    for (const QString &t : p.timers)
        QVERIFY2(!t.contains(QLatin1String("time-wait")), qPrintable(t));
}

void TestEndpointVariants::noTimeWait_finWait1_rcvFinAck()
{
    // The server's ACK of the client's FIN is lost; its FIN+ACK acknowledges that FIN and
    // carries its own: FIN_WAIT_1 -> CLOSED (TCP: TIME_WAIT).
    Pair p = noTimeWaitPair();
    Endpoint &client = p.enter(State::FinWait1);
    p.dropNext(p.server);
    p.runUntilState(p.server, State::CloseWait);
    p.server.close(p.now);
    p.settle();
    QCOMPARE(p.segments, lines({"40ms server>client ACK seq=1 ack=2 (dropped)",
                                "40ms server>client FIN+ACK seq=1 ack=2",
                                "50ms client>server ACK seq=2 ack=2"}));
    QCOMPARE(p.transitions, lines({"server ESTABLISHED->CLOSE_WAIT (rcv FIN / snd ACK)",
                                   "server CLOSE_WAIT->LAST_ACK (close / snd FIN)",
                                   "client FIN_WAIT_1->CLOSED (rcv FIN+ACK / snd ACK (time-wait off: not TCP))",
                                   "server LAST_ACK->CLOSED (rcv ACK of FIN)"}));
    QCOMPARE(client.nextDeadline(), kNever);
}

void TestEndpointVariants::noTimeWait_closing_rcvAck()
{
    // Simultaneous close: CLOSING -> CLOSED on the ACK of our FIN (TCP: TIME_WAIT).
    Pair p = noTimeWaitPair();
    Endpoint &client = p.enter(State::Closing);
    p.settle();
    QVERIFY(p.transitions.contains(QStringLiteral("client CLOSING->CLOSED (rcv ACK of FIN (time-wait off: not TCP))")));
    QVERIFY(p.transitions.contains(QStringLiteral("server CLOSING->CLOSED (rcv ACK of FIN (time-wait off: not TCP))")));
    QCOMPARE(stateName(client.state()), "CLOSED");
    QCOMPARE(client.nextDeadline(), kNever);
}

void TestEndpointVariants::noTimeWait_closed_rcvRetransmittedFin()
{
    // The final ACK is lost. TCP's TIME_WAIT would ACK the retransmitted FIN again; here the
    // port is closed, so it gets RST (§3.10.7.1) and the passive closer ends on a reset.
    Pair p = noTimeWaitPair();
    p.enter(State::FinWait2);
    p.dropNext(p.client);
    p.server.close(p.now);
    p.settle();
    QCOMPARE(p.segments, lines({"50ms server>client FIN+ACK seq=1 ack=2",
                                "60ms client>server ACK seq=2 ack=2 (dropped)",
                                "250ms server>client FIN+ACK seq=1 ack=2 rtx",
                                "260ms client>server RST seq=2"}));
    QCOMPARE(p.transitions, lines({"server CLOSE_WAIT->LAST_ACK (close / snd FIN)",
                                   "client FIN_WAIT_2->CLOSED (rcv FIN / snd ACK (time-wait off: not TCP))",
                                   "server LAST_ACK->CLOSED (rcv RST)"}));
}

void TestEndpointVariants::noTimeWait_passiveCloserUnchanged()
{
    // Only the state the active closer enters changes: CLOSE_WAIT and LAST_ACK are TCP's.
    Pair p = noTimeWaitPair();
    p.enter(State::Established);
    p.client.close(p.now);
    p.settle();
    p.server.close(p.now);
    p.settle();
    QCOMPARE(p.transitions, lines({"client ESTABLISHED->FIN_WAIT_1 (close / snd FIN)",
                                   "server ESTABLISHED->CLOSE_WAIT (rcv FIN / snd ACK)",
                                   "client FIN_WAIT_1->FIN_WAIT_2 (rcv ACK of FIN)",
                                   "server CLOSE_WAIT->LAST_ACK (close / snd FIN)",
                                   "client FIN_WAIT_2->CLOSED (rcv FIN / snd ACK (time-wait off: not TCP))",
                                   "server LAST_ACK->CLOSED (rcv ACK of FIN)"}));
}

QTEST_GUILESS_MAIN(TestEndpointVariants)
#include "tst_endpoint_variants.moc"
