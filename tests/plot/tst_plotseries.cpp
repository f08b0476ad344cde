// The plot series (trace -> what each plot draws), checked as readable text without a window.

#include "plot/backoff.h"
#include "plot/durationformat.h"
#include "plot/eventlookup.h"
#include "plot/statetimeline.h"
#include "plot/timesequence.h"
#include "plot/timewarp.h"
#include "tracebuilders.h"

#include <QStringList>
#include <QTest>

namespace {

QStringList toList(const std::vector<std::string> &lines) {
    QStringList out;
    for (const std::string &l : lines)
        out << QString::fromStdString(l);
    return out;
}

} // namespace

class TestPlotSeries : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void timeline_handshakeAndClose() {
        const auto tl = tcplab::plot::computeStateTimeline(plottest::handshakeAndClose());
        QCOMPARE(tl.tEnd, 60065000);
        QCOMPARE(toList(tcplab::plot::describeStateTimeline(tl)),
                 QStringList({
                     QStringLiteral("client CLOSED 0-0, SYN_SENT 0-10000, ESTABLISHED 10000-40000, "
                                    "FIN_WAIT_1 40000-50000, FIN_WAIT_2 50000-65000, "
                                    "TIME_WAIT 65000-60065000, CLOSED 60065000-60065000"),
                     QStringLiteral("server CLOSED 0-0, LISTEN 0-5000, SYN_RECEIVED 5000-15000, "
                                    "ESTABLISHED 15000-45000, CLOSE_WAIT 45000-60000, "
                                    "LAST_ACK 60000-70000, CLOSED 70000-60065000"),
                 }));
        QCOMPARE(tl.endpoints[0].transitions,
                 (std::vector<std::int64_t>{0, 10000, 40000, 50000, 65000, 60065000}));
        // The band that began with a state event knows it (for click -> playhead).
        QCOMPARE(tl.endpoints[0].bands[0].event, -1);
        QCOMPARE(tl.endpoints[0].bands[1].event, 3);
    }

    void timeline_sourcesAndOrder() {
        // The server's events come first in the trace, yet the client is the first row.
        const auto tl = tcplab::plot::computeStateTimeline(plottest::lostFinalAck());
        QCOMPARE(
            toList(tcplab::plot::describeStateTimeline(tl)),
            QStringList({
                QStringLiteral("client ESTABLISHED[kernel] 0-0, FIN_WAIT_1[kernel] 0-10000, "
                               "FIN_WAIT_2[kernel] 10000-25000, TIME_WAIT[kernel] 25000-60025000, "
                               "CLOSED[kernel] 60025000-60025000"),
                QStringLiteral("server ESTABLISHED[kernel] 0-5000, CLOSE_WAIT[kernel] 5000-20000, "
                               "LAST_ACK[kernel] 20000-230000, CLOSED[inferred] 230000-60025000"),
            }));
        const auto *band = tcplab::plot::bandAt(tl.endpoints[1], 100000);
        QVERIFY(band);
        QCOMPARE(band->state, tcp::State::LastAck);
        QCOMPARE(tcplab::plot::bandAt(tl.endpoints[1], 20000)->state, tcp::State::LastAck);
    }

    void timeline_empty() {
        QVERIFY(tcplab::plot::computeStateTimeline(tcplab::Trace{}).endpoints.empty());
        tcplab::Trace noStates;
        noStates.add(tcplab::makeNote(5, "hello"));
        QVERIFY(tcplab::plot::computeStateTimeline(noStates).endpoints.empty());
    }

    void tseq_handshakeWith100Bytes() {
        const auto ts = tcplab::plot::computeTimeSequence(plottest::handshakeAndClose());
        QCOMPARE(toList(tcplab::plot::describeTimeSequence(ts)),
                 QStringList({
                     QStringLiteral("client->server 0 SYN 0-1"),
                     QStringLiteral("client->server 10000 ACK 1-1"),
                     QStringLiteral("client->server 20000 data 1-101"),
                     QStringLiteral("client->server 40000 FIN 101-102"),
                     QStringLiteral("client->server 65000 ACK 102-102"),
                     QStringLiteral("client->server ack 10000 1"),
                     QStringLiteral("client->server ack 30000 101"),
                     QStringLiteral("client->server ack 50000 102"),
                     QStringLiteral("client->server ack 65000 102"),
                     QStringLiteral("server->client 5000 SYN 0-1"),
                     QStringLiteral("server->client 25000 ACK 1-1"),
                     QStringLiteral("server->client 45000 ACK 1-1"),
                     QStringLiteral("server->client 60000 FIN 1-2"),
                     QStringLiteral("server->client ack 15000 1"),
                     QStringLiteral("server->client ack 25000 1"),
                     QStringLiteral("server->client ack 45000 1"),
                     QStringLiteral("server->client ack 70000 2"),
                 }));
    }

    void tseq_lostFinalAckKeepsTheAckLineDown() {
        const auto ts = tcplab::plot::computeTimeSequence(plottest::lostFinalAck());
        QCOMPARE(toList(tcplab::plot::describeTimeSequence(ts)),
                 QStringList({
                     QStringLiteral("client->server 0 FIN 1-2"),
                     QStringLiteral("client->server 25000 ACK 2-2 dropped"),
                     QStringLiteral("client->server 225000 ACK 2-2"),
                     QStringLiteral("client->server ack 10000 2"),
                     QStringLiteral("client->server ack 25000 2"),
                     QStringLiteral("client->server ack 225000 2"),
                     QStringLiteral("server->client 5000 ACK 1-1"),
                     QStringLiteral("server->client 20000 FIN 1-2"),
                     QStringLiteral("server->client 220000 FIN 1-2 rtx"),
                     QStringLiteral("server->client ack 5000 1"),
                     QStringLiteral("server->client ack 230000 2"),
                 }));
    }

    void tseq_classify_data() {
        QTest::addColumn<QString>("flags");
        QTest::addColumn<int>("len");
        QTest::addColumn<QString>("kind");
        QTest::newRow("SYN") << QStringLiteral("SYN") << 0 << QStringLiteral("SYN");
        QTest::newRow("SYN+ACK") << QStringLiteral("SYN+ACK") << 0 << QStringLiteral("SYN");
        QTest::newRow("FIN+ACK") << QStringLiteral("FIN+ACK") << 0 << QStringLiteral("FIN");
        QTest::newRow("FIN+PSH+ACK data")
            << QStringLiteral("FIN+PSH+ACK") << 10 << QStringLiteral("FIN");
        QTest::newRow("PSH+ACK data") << QStringLiteral("PSH+ACK") << 100 << QStringLiteral("data");
        QTest::newRow("ACK") << QStringLiteral("ACK") << 0 << QStringLiteral("ACK");
        QTest::newRow("RST+ACK") << QStringLiteral("RST+ACK") << 0 << QStringLiteral("RST");
        QTest::newRow("RST") << QStringLiteral("RST") << 0 << QStringLiteral("RST");
    }
    void tseq_classify() {
        QFETCH(QString, flags);
        QFETCH(int, len);
        QFETCH(QString, kind);
        tcplab::Event e = plottest::seg(0, "client", flags.toStdString(), 0, 0, len);
        QCOMPARE(
            QString::fromLatin1(tcplab::plot::segmentKindName(tcplab::plot::classifySegment(e))),
            kind);
    }

    void backoff_lostSyn() {
        const auto b = tcplab::plot::computeBackoff(plottest::lostSyn());
        QCOMPARE(
            toList(tcplab::plot::describeBackoff(b)),
            QStringList({QStringLiteral(
                "client->server SYN seq=0: intervals 1.000 s, 2.000 s; ideal 1.000 s, 2.000 s")}));
        QCOMPARE(b[0].events, (std::vector<int>{2, 3, 4}));
    }

    void backoff_lostFinalAckAndNone() {
        QCOMPARE(toList(tcplab::plot::describeBackoff(
                     tcplab::plot::computeBackoff(plottest::lostFinalAck()))),
                 QStringList({QStringLiteral(
                     "server->client FIN+ACK seq=1: intervals 200.000 ms; ideal 200.000 ms")}));
        // Pure ACKs repeat their seq (ACK seq=1 twice from the server) without being retries.
        QVERIFY(tcplab::plot::computeBackoff(plottest::handshakeAndClose()).empty());
    }

    void backoff_idealDoubles() {
        tcplab::Trace tr;
        for (std::int64_t t : {0, 1000000, 3000000, 7500000, 15500000})
            tr.add(plottest::seg(t, "client", "SYN", 0, 0, 0, true, t > 0));
        QCOMPARE(toList(tcplab::plot::describeBackoff(tcplab::plot::computeBackoff(tr))),
                 QStringList({QStringLiteral(
                     "client->server SYN seq=0: intervals 1.000 s, 2.000 s, 4.500 s, 8.000 s; "
                     "ideal 1.000 s, 2.000 s, 4.000 s, 8.000 s")}));
    }

    void formatting() {
        using tcplab::plot::formatDuration;
        using tcplab::plot::formatTickTime;
        QCOMPARE(formatDuration(60000000), std::string("60.000 s"));
        QCOMPARE(formatDuration(10000), std::string("10.000 ms"));
        QCOMPARE(formatDuration(250), std::string("250 µs"));
        QCOMPARE(formatTickTime(0, 500000), std::string("0"));
        QCOMPARE(formatTickTime(500000, 500000), std::string("500 ms"));
        QCOMPARE(formatTickTime(1500000, 500000), std::string("1.5 s"));
        QCOMPARE(formatTickTime(2000000, 500000), std::string("2 s"));
        QCOMPARE(formatTickTime(20, 10), std::string("20 µs"));
        QCOMPARE(formatTickTime(2500, 500), std::string("2.5 ms"));
    }

    void warp_roundTripAndTicks() {
        const tcplab::Trace tr = plottest::handshakeAndClose();
        QVERIFY(tcplab::plot::suggestLogLike(tr));
        QVERIFY(!tcplab::plot::suggestLogLike(plottest::lostSyn()));
        const auto log = tcplab::plot::makeTimeWarp(tr, tcplab::plot::TimeWarp::Mode::LogLike);
        QCOMPARE(log.tauUs, 5000.0);
        for (double us : {0.0, 1.0, 5000.0, 65000.0, 60065000.0})
            QVERIFY(std::abs(log.toTime(log.toAxis(us)) - us) < 1e-6 * (1 + us));
        // The handshake (10 ms) takes a visible share of a 60 s run: more than a tenth.
        QVERIFY(log.toAxis(10000) / log.toAxis(60065000) > 0.1);

        auto labels = [](const tcplab::plot::TimeWarp &w, double lo, double hi) {
            QStringList out;
            for (const auto &t : tcplab::plot::timeTicks(w, w.toAxis(lo), w.toAxis(hi), 6))
                out << QString::fromStdString(tcplab::plot::formatTickTime(t.us, t.step));
            return out;
        };
        QCOMPARE(
            labels(log, 0, 60065000),
            QStringList({QStringLiteral("0"), QStringLiteral("20 ms"), QStringLiteral("200 ms"),
                         QStringLiteral("1 s"), QStringLiteral("5 s"), QStringLiteral("40 s")}));
        // Zoomed in far on the log-like axis, the ticks are fine and still round.
        QCOMPARE(labels(log, 5000000, 5001000),
                 QStringList({QStringLiteral("5 s"), QStringLiteral("5.0002 s"),
                              QStringLiteral("5.0004 s"), QStringLiteral("5.0006 s"),
                              QStringLiteral("5.0008 s"), QStringLiteral("5.001 s")}));
        const auto lin = tcplab::plot::makeTimeWarp(tr, tcplab::plot::TimeWarp::Mode::Linear);
        QCOMPARE(labels(lin, 0, 1500000),
                 QStringList({QStringLiteral("0"), QStringLiteral("500 ms"), QStringLiteral("1 s"),
                              QStringLiteral("1.5 s")}));
    }

    void nearestEvent() {
        const tcplab::Trace tr = plottest::handshakeAndClose();
        QCOMPARE(tcplab::plot::nearestEvent(tcplab::Trace{}, 0), -1);
        QCOMPARE(tcplab::plot::nearestEvent(tr, -5), 0);
        QCOMPARE(tcplab::plot::nearestEvent(tr, 1000), 0); // the first of the four at t=0
        QCOMPARE(tcplab::plot::nearestEvent(tr, 4000), 5); // 5000: LISTEN -> SYN_RECEIVED
        QCOMPARE(tcplab::plot::nearestEvent(tr, 9e9), 22); // the last
        QCOMPARE(tcplab::plot::nearestEvent(tr, 62000),
                 17); // 60000 (two events) is nearer than 65000
    }
};

QTEST_APPLESS_MAIN(TestPlotSeries)
#include "tst_plotseries.moc"
