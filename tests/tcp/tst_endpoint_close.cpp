// The closing states: FIN_WAIT_1, FIN_WAIT_2, CLOSE_WAIT, CLOSING, LAST_ACK, TIME_WAIT
// (RFC 9293 §3.10.4, §3.10.7.4, §3.10.8), plus RST in every synchronized state.
#include "pair.h"

#include <QTest>

using namespace tcp;

Q_DECLARE_METATYPE(tcp::State)
Q_DECLARE_METATYPE(Pair::How)

class TestEndpointClose : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // RST in each synchronized state: the soft error the next calls see.
    void synchronized_rcvRst_data();
    void synchronized_rcvRst();
    // An old duplicate ACK in each synchronized state: ignored.
    void synchronized_rcvOldAck_data();
    void synchronized_rcvOldAck();

    void finWait1_rcvAck();
    void finWait1_rcvFin();
    void finWait1_rcvFinAck();
    void finWait1_rcvDataAfterClose();
    void finWait1_timeout();

    void finWait2_rcvFin();
    void finWait2_rcvDataAfterShutdown();
    void finWait2_rcvDataAfterClose();
    void finWait2_timeout();
    void finWait2_noTimeoutAfterShutdown();

    void closeWait_recv();
    void closeWait_close();
    void closeWait_closeUnreadData();
    void closeWait_sendAfterPeerGone();

    void closing_rcvAck();
    void closing_timeout();

    void lastAck_rcvAck();
    void lastAck_timeout();

    void timeWait_timeout();
    void timeWait_farDeadlineSaturates();
    void timeWait_rcvRetransmittedFin();
    void timeWait_rcvSegmentAfterClosed();
};

void TestEndpointClose::synchronized_rcvRst_data()
{
    QTest::addColumn<State>("state");
    QTest::addColumn<QString>("call");
    QTest::addColumn<QStringList>("results");
    // Linux tcp_reset: ECONNRESET, EPIPE in CLOSE_WAIT, nothing for the states after our FIN
    // was acknowledged or the peer's FIN arrived. Reached with shutdown() so the calls stay
    // valid.
    QTest::newRow("ESTABLISHED send") << State::Established << QStringLiteral("send")
                                      << lines({"ECONNRESET", "EPIPE", "EPIPE"});
    QTest::newRow("ESTABLISHED recv") << State::Established << QStringLiteral("recv")
                                      << lines({"ECONNRESET", "EOF", "EOF"});
    QTest::newRow("FIN_WAIT_1 recv") << State::FinWait1 << QStringLiteral("recv")
                                     << lines({"ECONNRESET", "EOF", "EOF"});
    QTest::newRow("FIN_WAIT_2 recv") << State::FinWait2 << QStringLiteral("recv")
                                     << lines({"ECONNRESET", "EOF", "EOF"});
    QTest::newRow("CLOSE_WAIT send") << State::CloseWait << QStringLiteral("send")
                                     << lines({"EPIPE", "EPIPE", "EPIPE"});
    QTest::newRow("CLOSE_WAIT recv") << State::CloseWait << QStringLiteral("recv") << lines({"EOF", "EOF", "EOF"});
    QTest::newRow("CLOSING recv") << State::Closing << QStringLiteral("recv") << lines({"EOF", "EOF", "EOF"});
    QTest::newRow("LAST_ACK send") << State::LastAck << QStringLiteral("send") << lines({"EPIPE", "EPIPE", "EPIPE"});
    QTest::newRow("TIME_WAIT recv") << State::TimeWait << QStringLiteral("recv") << lines({"EOF", "EOF", "EOF"});
}

void TestEndpointClose::synchronized_rcvRst()
{
    QFETCH(State, state);
    QFETCH(QString, call);
    QFETCH(QStringList, results);
    Pair p;
    Endpoint &ep = p.enter(state, Pair::How::Shutdown);
    Segment rst = p.peerSegment(ep, RST, 0);
    rst.seq = ep.rcvNxt();
    p.inject(ep, rst);
    QCOMPARE(p.transitions, QStringList(QStringLiteral("client ") + QString::fromUtf8(stateName(state))
                                        + QStringLiteral("->CLOSED (rcv RST)")));
    QCOMPARE(ep.nextDeadline(), kNever);
    QStringList got;
    for (int i = 0; i < 3; ++i) {
        const bool isRecv = call == QStringLiteral("recv");
        const CallResult r = isRecv ? ep.recv(0, p.now) : ep.send(10, p.now);
        got << QString::fromStdString(r.text(isRecv));
    }
    QCOMPARE(got, results);
}

void TestEndpointClose::synchronized_rcvOldAck_data()
{
    QTest::addColumn<State>("state");
    for (State st : {State::Established, State::FinWait1, State::FinWait2, State::CloseWait,
                     State::Closing, State::LastAck, State::TimeWait})
        QTest::newRow(stateName(st)) << st;
}

void TestEndpointClose::synchronized_rcvOldAck()
{
    // A pure ACK at RCV.NXT whose SEG.ACK is below SND.UNA (it acknowledges nothing new) is
    // ignored in every synchronized state: no ACK in answer, no state change. Linux tcp_ack
    // "old_ack" returns without sending; since "net: tcp: accept old ack during closing"
    // tcp_rcv_state_process no longer answers it with a challenge ACK in the closing states.
    QFETCH(State, state);
    Pair p;
    Endpoint &ep = p.enter(state);
    const std::uint32_t snd = ep.sndUna();
    Segment old = p.peerSegment(ep, ACK, ep.rcvNxt() - p.peer(ep).iss());
    old.ack = ep.sndUna() - 1;
    p.inject(ep, old);
    QCOMPARE(p.segments, QStringList(ms(p.now) + QStringLiteral(" server>client ACK seq=")
                                     + QString::number(ep.rcvNxt() - p.server.iss()) + QStringLiteral(" ack=")
                                     + QString::number(snd - 1 - ep.iss()) + QStringLiteral(" (injected)")));
    QCOMPARE(p.transitions, QStringList());
    QCOMPARE(ep.sndUna(), snd);
    QCOMPARE(ep.state(), state);
}

// ---- FIN_WAIT_1 ----

void TestEndpointClose::finWait1_rcvAck()
{
    Pair p;
    p.enter(State::FinWait1);
    p.settle();
    QCOMPARE(p.segments, lines({"40ms server>client ACK seq=1 ack=2"}));
    QCOMPARE(p.transitions, lines({"server ESTABLISHED->CLOSE_WAIT (rcv FIN / snd ACK)",
                                   "client FIN_WAIT_1->FIN_WAIT_2 (rcv ACK of FIN)"}));
    QCOMPARE(p.timers, lines({"50ms client retransmit cancelled", "50ms client fin-wait-2 armed until 60050ms"}));
}

void TestEndpointClose::finWait1_rcvFin()
{
    // Simultaneous close: FIN_WAIT_1 -> CLOSING on a FIN that does not ack ours, TIME_WAIT on
    // the ACK, CLOSED 2*MSL later.
    Pair p;
    p.enter(State::Established);
    p.client.close(p.now);
    p.flush();
    p.server.close(p.now);
    p.settle();
    p.runUntil(60'050'000);
    QCOMPARE(p.segments, lines({"30ms client>server FIN+ACK seq=1 ack=1",
                                "30ms server>client FIN+ACK seq=1 ack=1",
                                "40ms server>client ACK seq=2 ack=2",
                                "40ms client>server ACK seq=2 ack=2"}));
    QCOMPARE(p.transitions, lines({"client ESTABLISHED->FIN_WAIT_1 (close / snd FIN)",
                                   "server ESTABLISHED->FIN_WAIT_1 (close / snd FIN)",
                                   "server FIN_WAIT_1->CLOSING (rcv FIN / snd ACK)",
                                   "client FIN_WAIT_1->CLOSING (rcv FIN / snd ACK)",
                                   "client CLOSING->TIME_WAIT (rcv ACK of FIN)",
                                   "server CLOSING->TIME_WAIT (rcv ACK of FIN)",
                                   "client TIME_WAIT->CLOSED (2MSL timeout)",
                                   "server TIME_WAIT->CLOSED (2MSL timeout)"}));
}

void TestEndpointClose::finWait1_rcvFinAck()
{
    // A FIN+ACK that acknowledges our FIN: straight to TIME_WAIT (§3.10.7.4 eighth).
    Pair p;
    p.enter(State::FinWait1);
    p.inject(p.client, p.peerSegment(p.client, FIN | ACK, 1, 2));
    QCOMPARE(p.segments, lines({"30ms server>client FIN+ACK seq=1 ack=2 (injected)", "30ms client>server ACK seq=2 ack=2"}));
    QCOMPARE(p.transitions, lines({"client FIN_WAIT_1->TIME_WAIT (rcv FIN+ACK / snd ACK)"}));
    QCOMPARE(p.timers, lines({"30ms client retransmit cancelled", "30ms client time-wait armed until 60030ms"}));
}

void TestEndpointClose::finWait1_rcvDataAfterClose()
{
    // After close() nobody reads: data makes the endpoint send RST (seq = SEG.ACK) and close
    // (Linux "abort on data"). The server's ACK of our FIN then meets a CLOSED endpoint, whose
    // RST (§3.10.7.1) resets the server.
    Pair p;
    p.enter(State::FinWait1);
    p.server.send(100, p.now);
    p.settle();
    QCOMPARE(p.segments, lines({"30ms server>client PSH+ACK seq=1 ack=1 len=100",
                                "40ms server>client ACK seq=101 ack=2",
                                "40ms client>server RST seq=1",
                                "50ms client>server RST seq=2"}));
    QCOMPARE(p.transitions, lines({"server ESTABLISHED->CLOSE_WAIT (rcv FIN / snd ACK)",
                                   "client FIN_WAIT_1->CLOSED (rcv data after close / snd RST)",
                                   "server CLOSE_WAIT->CLOSED (rcv RST)"}));
    QCOMPARE(p.server.send(1, p.now).text(), std::string("EPIPE"));
}

void TestEndpointClose::finWait1_timeout()
{
    // The FIN is lost and resent after the RTO (200 ms, Linux's floor), with rtx.
    Pair p;
    p.enter(State::Established);
    p.dropNext(p.client);
    p.client.close(p.now);
    p.settle();
    QCOMPARE(p.segments, lines({"30ms client>server FIN+ACK seq=1 ack=1 (dropped)",
                                "230ms client>server FIN+ACK seq=1 ack=1 rtx",
                                "240ms server>client ACK seq=1 ack=2"}));
    QCOMPARE(stateName(p.client.state()), "FIN_WAIT_2");
}

// ---- FIN_WAIT_2 ----

void TestEndpointClose::finWait2_rcvFin()
{
    Pair p;
    p.enter(State::FinWait2);
    p.server.close(p.now);
    p.settle();
    QCOMPARE(p.segments, lines({"50ms server>client FIN+ACK seq=1 ack=2", "60ms client>server ACK seq=2 ack=2"}));
    QCOMPARE(p.transitions, lines({"server CLOSE_WAIT->LAST_ACK (close / snd FIN)",
                                   "client FIN_WAIT_2->TIME_WAIT (rcv FIN / snd ACK)",
                                   "server LAST_ACK->CLOSED (rcv ACK of FIN)"}));
    QVERIFY(p.timers.contains(QStringLiteral("60ms client fin-wait-2 cancelled")));
    QVERIFY(p.timers.contains(QStringLiteral("60ms client time-wait armed until 60060ms")));
}

void TestEndpointClose::finWait2_rcvDataAfterShutdown()
{
    // Half-close: the FIN'd side keeps receiving.
    Pair p;
    p.enter(State::FinWait2, Pair::How::Shutdown);
    p.server.send(100, p.now);
    p.settle();
    QCOMPARE(p.segments, lines({"50ms server>client PSH+ACK seq=1 ack=2 len=100",
                                "60ms client>server ACK seq=2 ack=101 win=65435"}));
    QCOMPARE(p.client.recv(0, p.now).value, 100);
    QCOMPARE(stateName(p.client.state()), "FIN_WAIT_2");
}

void TestEndpointClose::finWait2_rcvDataAfterClose()
{
    Pair p;
    p.enter(State::FinWait2);
    p.server.send(100, p.now);
    p.settle();
    QCOMPARE(p.segments, lines({"50ms server>client PSH+ACK seq=1 ack=2 len=100", "60ms client>server RST seq=2"}));
    QCOMPARE(p.transitions, lines({"client FIN_WAIT_2->CLOSED (rcv data after close / snd RST)",
                                   "server CLOSE_WAIT->CLOSED (rcv RST)"}));
}

void TestEndpointClose::finWait2_timeout()
{
    // Linux: an orphaned FIN_WAIT_2 lives tcp_fin_timeout (60 s), then goes away silently.
    Pair p;
    p.enter(State::FinWait2);
    p.runUntil(60'049'000);
    QCOMPARE(stateName(p.client.state()), "FIN_WAIT_2");
    p.runUntil(60'050'000);
    QCOMPARE(p.transitions, lines({"client FIN_WAIT_2->CLOSED (FIN_WAIT_2 timeout (Linux tcp_fin_timeout))"}));
    QCOMPARE(p.timers, lines({"60050ms client fin-wait-2 fired"}));
    QVERIFY(p.segments.isEmpty());
}

void TestEndpointClose::finWait2_noTimeoutAfterShutdown()
{
    Pair p;
    p.enter(State::FinWait2, Pair::How::Shutdown);
    QCOMPARE(p.client.nextDeadline(), kNever);
    p.advance(200'000'000);
    QCOMPARE(stateName(p.client.state()), "FIN_WAIT_2");
    // close() now orphans it: the timer starts.
    QVERIFY(p.client.close(p.now).ok());
    p.flush();
    QCOMPARE(p.timers, lines({"200050ms client fin-wait-2 armed until 260050ms"}));
}

// ---- CLOSE_WAIT ----

void TestEndpointClose::closeWait_recv()
{
    Pair p;
    Endpoint &ep = p.enter(State::CloseWait);
    QVERIFY(ep.finReceived());
    QCOMPARE(ep.recv(0, p.now).text(true), std::string("EOF"));
    QCOMPARE(ep.recv(0, p.now).text(true), std::string("EOF"));
}

void TestEndpointClose::closeWait_close()
{
    Pair p;
    p.enter(State::CloseWait);
    QVERIFY(p.client.close(p.now).ok());
    p.flush();
    QCOMPARE(p.transitions, lines({"client CLOSE_WAIT->LAST_ACK (close / snd FIN)"}));
    QCOMPARE(p.segments, lines({"50ms client>server FIN+ACK seq=1 ack=2"}));
}

void TestEndpointClose::closeWait_closeUnreadData()
{
    Pair p;
    p.enter(State::Established);
    p.server.send(100, p.now);
    p.server.close(p.now);
    p.settle();
    QCOMPARE(stateName(p.client.state()), "CLOSE_WAIT");
    p.clearLogs();
    p.client.close(p.now);
    p.settle();
    QCOMPARE(p.segments, lines({"50ms client>server RST+ACK seq=1 ack=102"}));
    QCOMPARE(p.transitions, lines({"client CLOSE_WAIT->CLOSED (close / snd RST (unread data))",
                                   "server FIN_WAIT_2->CLOSED (rcv RST)"}));
}

void TestEndpointClose::closeWait_sendAfterPeerGone()
{
    // The peer closed; our send still succeeds (100), the peer answers RST, and the next send
    // gives EPIPE (Linux tcp_reset in CLOSE_WAIT).
    Pair p;
    p.enter(State::CloseWait);
    QCOMPARE(p.client.send(100, p.now).text(), std::string("100"));
    p.settle();
    QCOMPARE(p.segments, lines({"50ms client>server PSH+ACK seq=1 ack=2 len=100", "60ms server>client RST seq=2"}));
    QCOMPARE(p.transitions, lines({"server FIN_WAIT_2->CLOSED (rcv data after close / snd RST)",
                                   "client CLOSE_WAIT->CLOSED (rcv RST)"}));
    QCOMPARE(p.client.send(100, p.now).text(), std::string("EPIPE"));
    QCOMPARE(p.client.send(100, p.now).text(), std::string("EPIPE"));
    QCOMPARE(p.client.recv(0, p.now).text(true), std::string("EOF"));
}

// ---- CLOSING ----

void TestEndpointClose::closing_rcvAck()
{
    Pair p;
    p.enter(State::Closing);
    p.settle();
    QCOMPARE(p.transitions, lines({"client CLOSING->TIME_WAIT (rcv ACK of FIN)", "server CLOSING->TIME_WAIT (rcv ACK of FIN)"}));
    QVERIFY(p.segments.isEmpty());
}

void TestEndpointClose::closing_timeout()
{
    // The server's ACK of our FIN is lost: CLOSING resends the FIN; the server, already in
    // TIME_WAIT, ACKs it again and restarts its 2MSL timer.
    Pair p;
    p.enter(State::Established);
    p.client.close(p.now);
    p.server.close(p.now);
    p.flush();
    p.dropNext(p.server);
    p.settle();
    QCOMPARE(p.segments, lines({"30ms client>server FIN+ACK seq=1 ack=1",
                                "30ms server>client FIN+ACK seq=1 ack=1",
                                "40ms server>client ACK seq=2 ack=2 (dropped)",
                                "40ms client>server ACK seq=2 ack=2",
                                "230ms client>server FIN+ACK seq=1 ack=2 rtx",
                                "240ms server>client ACK seq=2 ack=2"}));
    QVERIFY(p.timers.contains(QStringLiteral("240ms server time-wait armed until 60240ms")));
    QCOMPARE(p.transitions.last(), QStringLiteral("client CLOSING->TIME_WAIT (rcv ACK of FIN)"));
}

// ---- LAST_ACK ----

void TestEndpointClose::lastAck_rcvAck()
{
    Pair p;
    p.enter(State::LastAck);
    p.settle();
    QCOMPARE(p.segments, lines({"60ms server>client ACK seq=2 ack=2"}));
    QCOMPARE(p.transitions, lines({"server FIN_WAIT_2->TIME_WAIT (rcv FIN / snd ACK)",
                                   "client LAST_ACK->CLOSED (rcv ACK of FIN)"}));
    QCOMPARE(p.client.nextDeadline(), kNever);
}

void TestEndpointClose::lastAck_timeout()
{
    // Lost final ACK: the FIN is retransmitted after the RTO, the peer re-ACKs from TIME_WAIT.
    Pair p;
    p.enter(State::LastAck);
    p.dropNext(p.server);
    p.settle();
    QCOMPARE(p.segments, lines({"60ms server>client ACK seq=2 ack=2 (dropped)",
                                "250ms client>server FIN+ACK seq=1 ack=2 rtx",
                                "260ms server>client ACK seq=2 ack=2"}));
    QCOMPARE(p.transitions, lines({"server FIN_WAIT_2->TIME_WAIT (rcv FIN / snd ACK)",
                                   "client LAST_ACK->CLOSED (rcv ACK of FIN)"}));
}

// ---- TIME_WAIT ----

// Issue 11, item 3: 2*MSL with an MSL near 2^62 wrapped to a deadline in the past (signed
// overflow), so TIME_WAIT ended at once. A deadline beyond the clock's range is "never".
void TestEndpointClose::timeWait_farDeadlineSaturates()
{
    Config c = Pair::clientConfig();
    c.msl = kNever / 2 + 1;
    Pair p(c);
    p.enter(State::TimeWait);
    QCOMPARE(p.client.nextDeadline(), kNever);
    p.runUntil(p.now + 3'600'000'000);
    QCOMPARE(stateName(p.client.state()), "TIME_WAIT");
    QCOMPARE(addTime(kNever - 5, 10), kNever);
    QCOMPARE(addTime(7, 10), std::int64_t(17));
}

void TestEndpointClose::timeWait_timeout()
{
    // TIME_WAIT lasts 2*MSL (Linux: 60 s) from the moment it is entered (60 ms).
    Pair p;
    p.enter(State::TimeWait);
    p.runUntil(60'059'999);
    QCOMPARE(stateName(p.client.state()), "TIME_WAIT");
    p.runUntil(60'060'000);
    QCOMPARE(p.transitions, lines({"client TIME_WAIT->CLOSED (2MSL timeout)"}));
    QCOMPARE(p.timers, lines({"60060ms client time-wait fired"}));
}

void TestEndpointClose::timeWait_rcvRetransmittedFin()
{
    // The final ACK is lost; the peer's FIN comes again and is ACKed again, and the 2MSL timer
    // restarts (§3.10.7.4, Linux tcp_timewait_state_process).
    Pair p;
    p.enter(State::Established);
    p.client.close(p.now);
    p.settle();
    p.dropNext(p.client);
    p.server.close(p.now);
    p.settle();
    QCOMPARE(p.segments, lines({"30ms client>server FIN+ACK seq=1 ack=1",
                                "40ms server>client ACK seq=1 ack=2",
                                "50ms server>client FIN+ACK seq=1 ack=2",
                                "60ms client>server ACK seq=2 ack=2 (dropped)",
                                "250ms server>client FIN+ACK seq=1 ack=2 rtx",
                                "260ms client>server ACK seq=2 ack=2"}));
    p.runUntil(60'259'999);
    QCOMPARE(stateName(p.client.state()), "TIME_WAIT");
    p.runUntil(60'260'000);
    QCOMPARE(stateName(p.client.state()), "CLOSED");
    QStringList clientTimeWait = p.timers.filter(QStringLiteral("client time-wait"));
    QCOMPARE(clientTimeWait, lines({"60ms client time-wait armed until 60060ms",
                                    "260ms client time-wait armed until 60260ms",
                                    "60260ms client time-wait fired"}));
}

void TestEndpointClose::timeWait_rcvSegmentAfterClosed()
{
    // After TIME_WAIT the connection is gone: a late segment gets the §3.10.7.1 RST.
    Pair p;
    p.enter(State::TimeWait);
    p.runUntil(61'000'000);
    p.clearLogs();
    p.inject(p.client, p.peerSegment(p.client, FIN | ACK, 1, 2));
    QCOMPARE(p.segments, lines({"61000ms server>client FIN+ACK seq=1 ack=2 (injected)", "61000ms client>server RST seq=2"}));
}

QTEST_APPLESS_MAIN(TestEndpointClose)
#include "tst_endpoint_close.moc"
