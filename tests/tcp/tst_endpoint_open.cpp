// The opening states: CLOSED, LISTEN, SYN_SENT, SYN_RECEIVED (RFC 9293 §3.10.1, §3.10.7.1–3,
// and §3.10.7.4 for SYN_RECEIVED), plus the state fixture itself.
#include "pair.h"

#include <QTest>

using namespace tcp;

Q_DECLARE_METATYPE(tcp::State)

class TestEndpointOpen : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // The fixture reaches each of the eleven states.
    void fixture_reachesState_data();
    void fixture_reachesState();

    // CLOSED (§3.10.7.1)
    void closed_listen();
    void closed_rcvSyn();
    void closed_rcvAck();
    void closed_rcvRst();
    void closed_rcvDataAfterAbort();

    // LISTEN (§3.10.7.2)
    void listen_rcvSyn();
    void listen_rcvAck();
    void listen_rcvRst();
    void listen_close();
    void listen_connect();

    // SYN_SENT (§3.10.7.3)
    void synSent_rcvSynAck();
    void synSent_rcvSyn();
    void synSent_rcvRst();
    void synSent_rcvBadAck();
    void synSent_timeout();
    void synSent_timeoutThenSynAck();
    void synSent_close();

    // SYN_RECEIVED (§3.10.7.4)
    void synReceived_rcvAck();
    void synReceived_rcvSynAck();
    void synReceived_rcvRst();
    void synReceived_rcvRetransmittedSyn();
    void synReceived_rcvSynCopies();
    void synReceived_timeout();
};

void TestEndpointOpen::fixture_reachesState_data()
{
    QTest::addColumn<State>("state");
    for (int i = 0; i < kStateCount; ++i)
        QTest::newRow(stateName(State(i))) << State(i);
}

void TestEndpointOpen::fixture_reachesState()
{
    QFETCH(State, state);
    Pair p;
    const Endpoint &ep = p.enter(state);
    QCOMPARE(stateName(ep.state()), stateName(state));
    Pair q;
    QCOMPARE(stateName(q.enter(state, Pair::How::Shutdown).state()), stateName(state));
}

// ---- CLOSED ----

void TestEndpointOpen::closed_listen()
{
    Pair p;
    QVERIFY(p.server.listen(0).ok());
    p.flush();
    QCOMPARE(p.transitions, lines({"server CLOSED->LISTEN (listen)"}));
    QVERIFY(p.segments.isEmpty());
}

void TestEndpointOpen::closed_rcvSyn()
{
    // Nobody listens: §3.10.7.1 answers a segment without ACK with <SEQ=0><ACK=SEG.SEQ+SEG.LEN>
    // <CTL=RST,ACK>.
    Pair p;
    p.client.connect(0);
    p.settle();
    QCOMPARE(p.segments, lines({"0ms client>server SYN seq=0 <mss=1460>", "10ms server>client RST+ACK seq=0 ack=1"}));
    QCOMPARE(stateName(p.server.state()), "CLOSED");
    QVERIFY(p.server.takeTransitions().empty());
}

void TestEndpointOpen::closed_rcvAck()
{
    // With ACK: <SEQ=SEG.ACK><CTL=RST>.
    Pair p;
    p.inject(p.server, p.peerSegment(p.server, ACK | PSH, 7, 42, 10));
    QCOMPARE(p.segments, lines({"0ms client>server PSH+ACK seq=7 ack=42 len=10 (injected)", "0ms server>client RST seq=42"}));
}

void TestEndpointOpen::closed_rcvRst()
{
    Pair p;
    p.inject(p.server, p.peerSegment(p.server, RST, 1));
    QCOMPARE(p.segments, lines({"0ms client>server RST seq=1 (injected)"})); // discarded, no answer
}

void TestEndpointOpen::closed_rcvDataAfterAbort()
{
    // The client aborts and its RST is lost: the server's next data reaches a CLOSED endpoint,
    // which answers with RST (§3.10.7.1); that RST resets the server (ECONNRESET).
    Pair p;
    p.enter(State::Established);
    p.dropNext(p.client);
    p.client.abort(p.now);
    p.flush();
    QCOMPARE(p.server.send(100, p.now).value, 100);
    p.settle();
    QCOMPARE(p.segments, lines({"30ms client>server RST+ACK seq=1 ack=1 (dropped)",
                                "30ms server>client PSH+ACK seq=1 ack=1 len=100",
                                "40ms client>server RST seq=1"}));
    QCOMPARE(p.transitions, lines({"client ESTABLISHED->CLOSED (abort / snd RST)",
                                   "server ESTABLISHED->CLOSED (rcv RST)"}));
    QCOMPARE(p.server.recv(0, p.now).text(true), std::string("ECONNRESET"));
}

// ---- LISTEN ----

void TestEndpointOpen::listen_rcvSyn()
{
    Pair p;
    p.enter(State::Listen);
    Segment syn = p.peerSegment(p.server, SYN, 0);
    syn.mss = 1400;
    p.inject(p.server, syn);
    QCOMPARE(p.segments, lines({"0ms client>server SYN seq=0 <mss=1400> (injected)",
                                "0ms server>client SYN+ACK seq=0 ack=1 <mss=1460>"}));
    QCOMPARE(p.transitions, lines({"server LISTEN->SYN_RECEIVED (rcv SYN / snd SYN+ACK)"}));
    QCOMPARE(p.server.irs(), 0u);
    QCOMPARE(p.server.rcvNxt(), 1u);
    QCOMPARE(p.server.sndNxt(), p.server.iss() + 1);
}

void TestEndpointOpen::listen_rcvAck()
{
    // §3.10.7.2: "Any acknowledgment is bad ... <SEQ=SEG.ACK><CTL=RST>".
    Pair p;
    p.enter(State::Listen);
    p.inject(p.server, p.peerSegment(p.server, ACK, 1, 1));
    QCOMPARE(p.segments, lines({"0ms client>server ACK seq=1 ack=1 (injected)", "0ms server>client RST seq=1"}));
    QCOMPARE(stateName(p.server.state()), "LISTEN");
}

void TestEndpointOpen::listen_rcvRst()
{
    Pair p;
    p.enter(State::Listen);
    p.inject(p.server, p.peerSegment(p.server, RST, 1));
    QCOMPARE(p.segments.size(), 1); // ignored
    QVERIFY(p.transitions.isEmpty());
}

void TestEndpointOpen::listen_close()
{
    Pair p;
    p.enter(State::Listen);
    QVERIFY(p.server.close(p.now).ok());
    p.flush();
    QCOMPARE(p.transitions, lines({"server LISTEN->CLOSED (close)"}));
    QVERIFY(p.segments.isEmpty());
}

void TestEndpointOpen::listen_connect()
{
    // RFC 9293 §3.10.1 allows an active OPEN on a listening connection.
    Pair p;
    p.enter(State::Listen);
    QVERIFY(p.server.connect(p.now).ok());
    p.flush();
    QCOMPARE(p.transitions, lines({"server LISTEN->SYN_SENT (connect / snd SYN)"}));
    QCOMPARE(p.segments, lines({"0ms server>client SYN seq=0 <mss=1460>"}));
}

// ---- SYN_SENT ----

void TestEndpointOpen::synSent_rcvSynAck()
{
    // The three-way handshake.
    Pair p;
    p.server.listen(0);
    p.flush();
    p.client.connect(0);
    QCOMPARE(p.client.connectStatus().text(), std::string("EAGAIN"));
    QCOMPARE(p.server.acceptStatus().text(), std::string("EAGAIN"));
    p.settle();
    QCOMPARE(p.segments, lines({"0ms client>server SYN seq=0 <mss=1460>",
                                "10ms server>client SYN+ACK seq=0 ack=1 <mss=1460>",
                                "20ms client>server ACK seq=1 ack=1"}));
    QCOMPARE(p.transitions, lines({"server CLOSED->LISTEN (listen)",
                                   "client CLOSED->SYN_SENT (connect / snd SYN)",
                                   "server LISTEN->SYN_RECEIVED (rcv SYN / snd SYN+ACK)",
                                   "client SYN_SENT->ESTABLISHED (rcv SYN+ACK / snd ACK)",
                                   "server SYN_RECEIVED->ESTABLISHED (rcv ACK)"}));
    QCOMPARE(p.timers, lines({"0ms client retransmit armed until 1000ms",
                              "10ms server retransmit armed until 1010ms",
                              "20ms client retransmit cancelled",
                              "30ms server retransmit cancelled"}));
    QCOMPARE(p.client.connectStatus().text(), std::string("0"));
    QCOMPARE(p.server.acceptStatus().text(), std::string("0"));
}

void TestEndpointOpen::synSent_rcvSyn()
{
    // Simultaneous open (RFC 9293 Figure 7): both SYN_SENT -> SYN_RECEIVED on the bare SYN,
    // SYN+ACK with seq=ISS, then ESTABLISHED on the peer's SYN+ACK with no extra ACK.
    Config s = Pair::serverConfig();
    s.remotePort = 40000;
    Pair p(Pair::clientConfig(), s);
    p.client.connect(0);
    p.flush();
    p.server.connect(0);
    p.settle();
    QCOMPARE(p.segments, lines({"0ms client>server SYN seq=0 <mss=1460>",
                                "0ms server>client SYN seq=0 <mss=1460>",
                                "10ms server>client SYN+ACK seq=0 ack=1 <mss=1460>",
                                "10ms client>server SYN+ACK seq=0 ack=1 <mss=1460>"}));
    QCOMPARE(p.transitions, lines({"client CLOSED->SYN_SENT (connect / snd SYN)",
                                   "server CLOSED->SYN_SENT (connect / snd SYN)",
                                   "server SYN_SENT->SYN_RECEIVED (rcv SYN / snd SYN+ACK)",
                                   "client SYN_SENT->SYN_RECEIVED (rcv SYN / snd SYN+ACK)",
                                   "client SYN_RECEIVED->ESTABLISHED (rcv SYN+ACK)",
                                   "server SYN_RECEIVED->ESTABLISHED (rcv SYN+ACK)"}));
    QCOMPARE(p.client.connectStatus().text(), std::string("0"));
    QCOMPARE(p.server.connectStatus().text(), std::string("0"));
    QCOMPARE(p.client.nextDeadline(), kNever);
    // Data flows afterwards.
    QCOMPARE(p.client.send(10, p.now).value, 10);
    p.settle();
    QCOMPARE(p.server.recv(0, p.now).value, 10);
}

void TestEndpointOpen::synSent_rcvRst()
{
    // Connect to a port with no listener: RST+ACK, CLOSED, ECONNREFUSED.
    Pair p;
    p.client.connect(0);
    p.settle();
    QCOMPARE(p.segments, lines({"0ms client>server SYN seq=0 <mss=1460>", "10ms server>client RST+ACK seq=0 ack=1"}));
    QCOMPARE(p.transitions, lines({"client CLOSED->SYN_SENT (connect / snd SYN)", "client SYN_SENT->CLOSED (rcv RST)"}));
    QCOMPARE(p.client.connectStatus().text(), std::string("ECONNREFUSED"));
    QCOMPARE(p.client.nextDeadline(), kNever);
    QCOMPARE(p.client.send(1, p.now).text(), std::string("EPIPE"));
    QCOMPARE(p.client.recv(1, p.now).text(true), std::string("ENOTCONN"));
    // A refused socket may connect again (Linux: SS_UNCONNECTED).
    QVERIFY(p.client.connect(p.now).ok());
}

void TestEndpointOpen::synSent_rcvBadAck()
{
    // §3.10.7.3: SEG.ACK > SND.NXT: <SEQ=SEG.ACK><CTL=RST>, stay in SYN_SENT.
    Pair p;
    p.enter(State::SynSent);
    p.inject(p.client, p.peerSegment(p.client, SYN | ACK, 0, 5));
    QCOMPARE(p.segments, lines({"0ms server>client SYN+ACK seq=0 ack=5 (injected)", "0ms client>server RST seq=5"}));
    QCOMPARE(stateName(p.client.state()), "SYN_SENT");
    // A RST with an unacceptable ACK is dropped.
    p.clearLogs();
    p.inject(p.client, p.peerSegment(p.client, RST | ACK, 0, 5));
    QCOMPARE(p.segments.size(), 1);
    QCOMPARE(stateName(p.client.state()), "SYN_SENT");
}

void TestEndpointOpen::synSent_timeout()
{
    // SYN back-off: resent at 1, 3, 7, 15, 31, 63 s (RTO 1 s doubling); after synRetries (6)
    // retransmissions the connect fails with ETIMEDOUT at 127 s (Linux tcp_syn_retries).
    Pair p;
    p.blackhole(p.client);
    p.client.connect(0);
    p.runUntil(200'000'000);
    QCOMPARE(p.segments, lines({"0ms client>server SYN seq=0 <mss=1460> (dropped)",
                                "1000ms client>server SYN seq=0 <mss=1460> rtx (dropped)",
                                "3000ms client>server SYN seq=0 <mss=1460> rtx (dropped)",
                                "7000ms client>server SYN seq=0 <mss=1460> rtx (dropped)",
                                "15000ms client>server SYN seq=0 <mss=1460> rtx (dropped)",
                                "31000ms client>server SYN seq=0 <mss=1460> rtx (dropped)",
                                "63000ms client>server SYN seq=0 <mss=1460> rtx (dropped)"}));
    QCOMPARE(p.timers, lines({"0ms client retransmit armed until 1000ms",
                              "1000ms client retransmit fired",
                              "1000ms client retransmit armed until 3000ms",
                              "3000ms client retransmit fired",
                              "3000ms client retransmit armed until 7000ms",
                              "7000ms client retransmit fired",
                              "7000ms client retransmit armed until 15000ms",
                              "15000ms client retransmit fired",
                              "15000ms client retransmit armed until 31000ms",
                              "31000ms client retransmit fired",
                              "31000ms client retransmit armed until 63000ms",
                              "63000ms client retransmit fired",
                              "63000ms client retransmit armed until 127000ms",
                              "127000ms client retransmit fired"}));
    QCOMPARE(p.transitions, lines({"client CLOSED->SYN_SENT (connect / snd SYN)",
                                   "client SYN_SENT->CLOSED (retransmission limit (ETIMEDOUT))"}));
    QCOMPARE(p.client.connectStatus().text(), std::string("ETIMEDOUT"));
}

void TestEndpointOpen::synSent_timeoutThenSynAck()
{
    // A lost SYN: resent after 1 s, then the handshake completes.
    Pair p;
    p.server.listen(0);
    p.dropNext(p.client);
    p.client.connect(0);
    p.settle();
    QCOMPARE(p.segments, lines({"0ms client>server SYN seq=0 <mss=1460> (dropped)",
                                "1000ms client>server SYN seq=0 <mss=1460> rtx",
                                "1010ms server>client SYN+ACK seq=0 ack=1 <mss=1460>",
                                "1020ms client>server ACK seq=1 ack=1"}));
    QCOMPARE(stateName(p.client.state()), "ESTABLISHED");
    QCOMPARE(stateName(p.server.state()), "ESTABLISHED");
    QCOMPARE(p.client.retransmissions(), 0);
}

void TestEndpointOpen::synSent_close()
{
    Pair p;
    p.enter(State::SynSent);
    QVERIFY(p.client.close(p.now).ok());
    p.flush();
    QCOMPARE(p.transitions, lines({"client SYN_SENT->CLOSED (close)"}));
    QCOMPARE(p.timers, lines({"0ms client retransmit cancelled"}));
    QVERIFY(p.segments.isEmpty()); // Linux sends nothing
}

// ---- SYN_RECEIVED ----

void TestEndpointOpen::synReceived_rcvAck()
{
    Pair p;
    Endpoint &server = p.enter(State::SynReceived);
    QCOMPARE(server.acceptStatus().text(), std::string("EAGAIN"));
    p.settle();
    QCOMPARE(p.segments, lines({"20ms client>server ACK seq=1 ack=1"}));
    QCOMPARE(p.transitions, lines({"client SYN_SENT->ESTABLISHED (rcv SYN+ACK / snd ACK)",
                                   "server SYN_RECEIVED->ESTABLISHED (rcv ACK)"}));
    QCOMPARE(server.acceptStatus().text(), std::string("0"));
}

void TestEndpointOpen::synReceived_rcvSynAck()
{
    // The second half of a simultaneous open, one endpoint driven by hand.
    Pair p;
    p.client.connect(0);
    p.flush();
    p.inject(p.client, p.peerSegment(p.client, SYN, 0));
    p.clearLogs();
    QCOMPARE(stateName(p.client.state()), "SYN_RECEIVED");
    p.inject(p.client, p.peerSegment(p.client, SYN | ACK, 0, 1));
    QCOMPARE(p.segments, lines({"0ms server>client SYN+ACK seq=0 ack=1 (injected)"})); // no ACK
    QCOMPARE(p.transitions, lines({"client SYN_RECEIVED->ESTABLISHED (rcv SYN+ACK)"}));
}

void TestEndpointOpen::synReceived_rcvRst()
{
    // A passive open returns to LISTEN (§3.10.7.4 second).
    Pair p;
    Endpoint &server = p.enter(State::SynReceived);
    Segment rst = p.peerSegment(server, RST, 1);
    p.blackhole(p.server); // the SYN+ACK in flight still arrives; nothing new leaves
    p.inject(server, rst);
    QCOMPARE(p.transitions, lines({"server SYN_RECEIVED->LISTEN (rcv RST)"}));
    QCOMPARE(server.acceptStatus().text(), std::string("EAGAIN"));
    QCOMPARE(server.nextDeadline(), kNever);
}

void TestEndpointOpen::synReceived_rcvRetransmittedSyn()
{
    // The SYN+ACK is lost; the client's retransmitted SYN makes the server resend it at once
    // (Linux tcp_check_req), restarting its timer rather than sending it twice.
    Pair p;
    p.server.listen(0);
    p.dropNext(p.server);
    p.client.connect(0);
    p.settle();
    QCOMPARE(p.segments, lines({"0ms client>server SYN seq=0 <mss=1460>",
                                "10ms server>client SYN+ACK seq=0 ack=1 <mss=1460> (dropped)",
                                "1000ms client>server SYN seq=0 <mss=1460> rtx",
                                "1010ms server>client SYN+ACK seq=0 ack=1 <mss=1460> rtx",
                                "1020ms client>server ACK seq=1 ack=1"}));
    QCOMPARE(stateName(p.server.state()), "ESTABLISHED");
}

void TestEndpointOpen::synReceived_rcvSynCopies()
{
    // Copies of the SYN resend the SYN+ACK at most once per 500 ms (Linux tcp_check_req asks
    // tcp_oow_rate_limited first); the copies in between are dropped.
    Pair p;
    p.server.listen(0);
    p.flush();
    p.blackhole(p.server);
    const Segment syn = p.peerSegment(p.server, SYN, 0);
    for (const std::int64_t at : {0, 200'000, 400'000, 699'000, 700'000}) {
        p.runUntil(at);
        p.inject(p.server, syn);
    }
    QCOMPARE(p.segments, lines({"0ms client>server SYN seq=0 (injected)",
                                "0ms server>client SYN+ACK seq=0 ack=1 <mss=1460> (dropped)",
                                "200ms client>server SYN seq=0 (injected)",
                                "200ms server>client SYN+ACK seq=0 ack=1 <mss=1460> rtx (dropped)",
                                "400ms client>server SYN seq=0 (injected)",
                                "699ms client>server SYN seq=0 (injected)",
                                "700ms client>server SYN seq=0 (injected)",
                                "700ms server>client SYN+ACK seq=0 ack=1 <mss=1460> rtx (dropped)"}));
}

void TestEndpointOpen::synReceived_timeout()
{
    // SYN+ACK resent at 1, 3, 7, 15, 31 s; after synAckRetries (5) the embryonic connection is
    // dropped at 63 s and the listener stays (Linux).
    Pair p;
    p.server.listen(0);
    p.flush();
    p.blackhole(p.server);
    Segment syn = p.peerSegment(p.server, SYN, 0);
    syn.mss = 1460;
    p.inject(p.server, syn);
    p.runUntil(100'000'000);
    QCOMPARE(p.segments, lines({"0ms client>server SYN seq=0 <mss=1460> (injected)",
                                "0ms server>client SYN+ACK seq=0 ack=1 <mss=1460> (dropped)",
                                "1000ms server>client SYN+ACK seq=0 ack=1 <mss=1460> rtx (dropped)",
                                "3000ms server>client SYN+ACK seq=0 ack=1 <mss=1460> rtx (dropped)",
                                "7000ms server>client SYN+ACK seq=0 ack=1 <mss=1460> rtx (dropped)",
                                "15000ms server>client SYN+ACK seq=0 ack=1 <mss=1460> rtx (dropped)",
                                "31000ms server>client SYN+ACK seq=0 ack=1 <mss=1460> rtx (dropped)"}));
    QCOMPARE(p.transitions, lines({"server CLOSED->LISTEN (listen)",
                                   "server LISTEN->SYN_RECEIVED (rcv SYN / snd SYN+ACK)",
                                   "server SYN_RECEIVED->LISTEN (SYN+ACK retries exhausted)"}));
    QCOMPARE(p.timers.last(), QStringLiteral("63000ms server retransmit fired"));
}

QTEST_APPLESS_MAIN(TestEndpointOpen)
#include "tst_endpoint_open.moc"
