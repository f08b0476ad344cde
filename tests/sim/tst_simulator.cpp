// The simulator, end to end: scenarios in, whole traces out, compared as readable text with
// the golden files in golden/ (STYLE.md 17). A difference prints both timelines.

#include "scenario/scenario.h"
#include "sim/simulator.h"
#include "trace/counterfactual.h"
#include "trace/jsonl.h"
#include "trace/textformat.h"

#include "tracestrings.h"

#include <QtTest>

#include <sstream>

namespace {

scenario::Scenario parse(const QString &text)
{
    scenario::Scenario s;
    std::vector<scenario::ParseError> errors;
    const bool ok = scenario::parseScenario(text.toStdString(), "test.tcplab", s, errors);
    if (!ok)
        qWarning("%s", errors.front().format("test.tcplab").c_str());
    Q_ASSERT(ok);
    return s;
}

scenario::Scenario load(const QString &name)
{
    QFile f(QStringLiteral(TCPLAB_SCENARIOS "/") + name + QStringLiteral(".tcplab"));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot open scenario %s", qPrintable(name));
    return parse(QString::fromUtf8(f.readAll()));
}

QStringList timeline(const tcplab::Trace &t)
{
    QStringList out;
    for (const std::string &line : tcplab::formatTrace(t))
        out << QString::fromStdString(line);
    return out;
}

// Lines of one kind only, to keep a focused assertion readable.
QStringList only(const QStringList &all, const QString &kind)
{
    QStringList out;
    for (const QString &l : all)
        if (l.mid(13, 8).trimmed() == kind)
            out << l.mid(13 + 8).trimmed();
    return out;
}

tcplab::Trace run(const scenario::Scenario &s, scenario::RunResult *result = nullptr)
{
    tcplab::Trace t;
    scenario::RunResult r = sim::runScenario(s, t);
    if (result)
        *result = r;
    else if (!r.ok)
        qWarning("%s", r.message.c_str());
    return t;
}

} // namespace

class TestSimulator : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // Whole traces of the shipped scenarios against reviewed golden timelines.
    void golden_data()
    {
        QTest::addColumn<QString>("name");
        for (const char *n : {"handshake-and-close", "lost-final-ack", "lost-syn", "rst-closed-port",
                              "simultaneous-open", "simultaneous-close", "close-unread-data",
                              "half-close", "delayed-ack-fin", "epipe", "old-segment-no-time-wait"})
            QTest::newRow(n) << QString::fromLatin1(n);
    }
    void golden()
    {
        QFETCH(QString, name);
        scenario::RunResult r;
        const QStringList actual = timeline(run(load(name), &r));
        QVERIFY2(r.ok, r.message.c_str());
        const QString path = QStringLiteral(TCPLAB_GOLDEN "/") + name + QStringLiteral(".txt");
        QFile f(path);
        if (qEnvironmentVariableIsSet("TCPLAB_UPDATE_GOLDEN")) {
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(actual.join(QLatin1Char('\n')).toUtf8() + '\n');
            QSKIP("golden file written");
        }
        QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(path));
        const QStringList expected = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        if (actual != expected) {
            qWarning("expected:\n%s\nactual:\n%s", qPrintable(expected.join(QLatin1Char('\n'))),
                     qPrintable(actual.join(QLatin1Char('\n'))));
        }
        QCOMPARE(actual, expected);
    }

    // Every shipped scenario's trace reads back as the same events: the reader refuses nothing
    // the simulator writes (wide sequence numbers, kNoTime, every state and timer).
    void jsonl_everyScenarioRoundTrips_data()
    {
        QTest::addColumn<QString>("name");
        const QDir dir(QStringLiteral(TCPLAB_SCENARIOS));
        for (const QString &file : dir.entryList({QStringLiteral("*.tcplab")}, QDir::Files)) {
            QFile f(dir.filePath(file));
            if (f.open(QIODevice::ReadOnly) && !f.readAll().contains("\nmode: live"))
                QTest::newRow(qPrintable(file)) << QFileInfo(file).completeBaseName();
        }
    }
    void jsonl_everyScenarioRoundTrips()
    {
        QFETCH(QString, name);
        const tcplab::Trace trace = run(load(name));
        std::ostringstream out;
        tcplab::writeJsonl(out, trace);
        std::istringstream in(out.str());
        tcplab::Trace back;
        std::string error;
        QVERIFY2(tcplab::readJsonl(in, back, error), error.c_str());
        QCOMPARE(back.events.size(), trace.events.size());
        for (std::size_t i = 0; i < trace.events.size(); ++i)
            QVERIFY2(back.events[i] == trace.events[i], tcplab::toJson(trace.events[i]).c_str());
    }

    void deterministic_sameScenarioSameBytes()
    {
        const scenario::Scenario s = load(QStringLiteral("lost-final-ack"));
        std::ostringstream a, b;
        tcplab::writeJsonl(a, run(s));
        tcplab::writeJsonl(b, run(s));
        QVERIFY(!a.str().empty());
        QCOMPARE(QString::fromStdString(a.str()), QString::fromStdString(b.str()));
    }

    void handshake_segmentsAndStates()
    {
        const QStringList t = timeline(run(load(QStringLiteral("handshake"))));
        QCOMPARE(only(t, QStringLiteral("segment")),
                 QStringList({"client -> server  SYN seq=0 win=65535 <mss=1460>  (arrives 5.000)",
                              "server -> client  SYN+ACK seq=0 ack=1 win=65535 <mss=1460>  (arrives 10.000)",
                              "client -> server  ACK seq=1 ack=1 win=65535  (arrives 15.000)"}));
        QCOMPARE(only(t, QStringLiteral("state")),
                 QStringList({"server  CLOSED -> LISTEN  (listen)",
                              "client  CLOSED -> SYN_SENT  (connect / snd SYN)",
                              "server  LISTEN -> SYN_RECEIVED  (rcv SYN / snd SYN+ACK)",
                              "client  SYN_SENT -> ESTABLISHED  (rcv SYN+ACK / snd ACK)",
                              "server  SYN_RECEIVED -> ESTABLISHED  (rcv ACK)"}));
    }

    void timeWait_lastsTwoMsl()
    {
        const scenario::Scenario s = parse(QStringLiteral(
            "msl: 2s\nlatency: 1ms\nserver listen\nclient connect\nserver accept\n"
            "client close\nwait server CLOSE_WAIT\nserver close\nwait client TIME_WAIT\n"));
        const tcplab::Trace t = run(s);
        std::int64_t entered = -1, left = -1;
        for (const tcplab::Event &e : t.events) {
            if (e.type == tcplab::EventType::State && e.ep == tcplab::ep("client") && e.to == tcp::State::TimeWait)
                entered = e.t;
            if (e.type == tcplab::EventType::State && e.ep == tcplab::ep("client") && e.from == tcp::State::TimeWait)
                left = e.t;
        }
        QVERIFY(entered > 0);
        QCOMPARE(left - entered, std::int64_t(4'000'000));
    }

    void wait_failsWithTheStateItIsIn()
    {
        const scenario::Scenario s = parse(QStringLiteral(
            "server listen\nclient connect\nserver accept\nwait server CLOSE_WAIT timeout 1s\n"));
        scenario::RunResult r;
        run(s, &r);
        QVERIFY(!r.ok);
        QCOMPARE(r.line, 4);
        QVERIFY2(QString::fromStdString(r.message).contains(QLatin1String("ESTABLISHED")), r.message.c_str());
    }

    void recv_timesOutWithEagain()
    {
        const scenario::Scenario s = parse(QStringLiteral(
            "server listen\nclient connect\nserver accept\nserver recv timeout 300ms\n"
            "expect server returned EAGAIN\n"));
        scenario::RunResult r;
        const QStringList t = timeline(run(s, &r));
        QVERIFY2(r.ok, r.message.c_str());
        QVERIFY(t.contains(QStringLiteral("     15.000  call    server  recv() = EAGAIN  (returned 315.000)")));
    }

    // Before accept() returns, a server's calls reach its listening socket, as on Linux.
    void listener_callsBeforeAccept()
    {
        const scenario::Scenario s = parse(QStringLiteral(
            "server listen\nclient connect\nserver recv\nexpect server returned ENOTCONN\n"
            "server send 10\nexpect server returned ENOTCONN\nserver accept\nexpect server returned 0\n"
            "client close\nwait server CLOSE_WAIT\nserver recv\nexpect server returned EOF\n"));
        scenario::RunResult r;
        run(s, &r);
        QVERIFY2(r.ok, r.message.c_str());
    }
    void listener_closeBeforeAcceptResets()
    {
        const scenario::Scenario s = parse(QStringLiteral(
            "server listen\nclient connect\nwait server ESTABLISHED\nserver close\n"
            "wait client CLOSED\nclient recv\nexpect client returned ECONNRESET\n"));
        scenario::RunResult r;
        const QStringList t = timeline(run(s, &r));
        QVERIFY2(r.ok, r.message.c_str());
        QVERIFY(only(t, QStringLiteral("segment")).contains(
            QStringLiteral("server -> client  RST+ACK seq=1 ack=1 win=65535  (arrives 20.000)")));
    }

    void duplicateAndDelay_areApplied()
    {
        const scenario::Scenario s = parse(QStringLiteral(
            "server listen\nduplicate next client->server\ndelay server->client SYN+ACK by 100ms\n"
            "client connect\nexpect client ESTABLISHED\n"));
        scenario::RunResult r;
        const tcplab::Trace trace = run(s, &r);
        QVERIFY2(r.ok, r.message.c_str());
        const QStringList t = timeline(trace);
        QVERIFY(t.contains(QStringLiteral("      0.000  segment client -> server  SYN seq=0 win=65535 <mss=1460>  (arrives 5.000)")));
        QVERIFY(t.contains(QStringLiteral("      5.000  segment server -> client  SYN+ACK seq=0 ack=1 win=65535 <mss=1460>  (arrives 110.000)")));
        int syns = 0;
        for (const tcplab::Event &e : trace.events)
            syns += e.type == tcplab::EventType::Segment && e.flags == tcp::SYN;
        QCOMPARE(syns, 2); // the original and its duplicate, both on the wire
    }

    // Fault rules count as the user means (issue 12): "nth 1" and "nth 2" lose the first two
    // SYNs -- the second rule counts the SYN the first one lost -- and "drop next" twice loses
    // the next two segments.
    void faultRules_countEverySegmentSent_data()
    {
        QTest::addColumn<QString>("rules");
        QTest::addColumn<QString>("fates");
        QTest::newRow("nth 1 and nth 2") << "drop client->server SYN nth 1\ndrop client->server SYN nth 2\n"
                                         << "dropped,dropped,delivered";
        QTest::newRow("nth 2 and nth 1") << "drop client->server SYN nth 2\ndrop client->server SYN nth 1\n"
                                         << "dropped,dropped,delivered";
        QTest::newRow("next twice") << "drop next client->server\ndrop next client->server\n"
                                    << "dropped,dropped,delivered";
        QTest::newRow("next 2") << "drop next 2 client->server\n" << "dropped,dropped,delivered";
        QTest::newRow("all, lifted") << "drop all client->server\nclient connect &\nsleep 1500ms\n"
                                        "drop none client->server\n"
                                     << "dropped,dropped,delivered";
        QTest::newRow("nth 1 and nth 3") << "drop client->server SYN nth 1\ndrop client->server SYN nth 3\n"
                                         << "dropped,delivered";
    }
    void faultRules_countEverySegmentSent()
    {
        QFETCH(QString, rules);
        QFETCH(QString, fates);
        const QString connect = rules.contains(QLatin1String("connect"))
                                    ? QStringLiteral("expect client returned 0\n")
                                    : QStringLiteral("client connect\n");
        const scenario::Scenario s = parse(QStringLiteral("server listen\n") + rules + connect
                                           + QStringLiteral("wait client ESTABLISHED timeout 20s\n"));
        scenario::RunResult r;
        const tcplab::Trace trace = run(s, &r);
        QVERIFY2(r.ok, r.message.c_str());
        QStringList got;
        for (const tcplab::Event &e : trace.events)
            if (e.type == tcplab::EventType::Segment && e.flags == tcp::SYN)
                got << (e.dropped ? QStringLiteral("dropped") : QStringLiteral("delivered"));
        QCOMPARE(got.join(QLatin1Char(',')), fates);
    }

    // Counterfactual protocols: the scenario's policy reaches both endpoints, and the trace
    // says, first, that the run is not TCP.
    void counterfactual_twoWayHandshake()
    {
        scenario::Scenario s = parse(QStringLiteral(
            "title: Two-way\nserver listen\nclient connect\nserver accept\nexpect server ESTABLISHED\n"));
        s.handshake = scenario::Handshake::TwoWay;
        scenario::RunResult r;
        const tcplab::Trace trace = run(s, &r);
        QVERIFY2(r.ok, r.message.c_str());
        QCOMPARE(trace.title, std::string("Two-way"));
        QVERIFY(tcplab::isCounterfactual(trace));
        const QStringList t = timeline(trace);
        QCOMPARE(t.first(), QStringLiteral("      0.000  note    counterfactual: two-way handshake \u2014 not TCP"));
        QCOMPARE(only(t, QStringLiteral("segment")).mid(0, 2),
                 QStringList({"client -> server  SYN seq=0 win=65535 <mss=1460>  (arrives 5.000)",
                              "server -> client  SYN+ACK seq=0 ack=1 win=65535 <mss=1460>  (arrives 10.000)"}));
        QVERIFY(t.contains(QStringLiteral("      5.000  state   server  LISTEN -> ESTABLISHED  (rcv SYN / snd SYN+ACK (two-way handshake: not TCP))")));
        QVERIFY(t.contains(QStringLiteral("     10.000  state   client  SYN_SENT -> ESTABLISHED  (rcv SYN+ACK (two-way handshake: no ACK, not TCP))")));
    }

    void counterfactual_noTimeWait()
    {
        scenario::Scenario s = parse(QStringLiteral(
            "server listen\nclient connect\nserver accept\nclient close\nwait server CLOSE_WAIT\n"
            "server close\nwait server CLOSED\nexpect client CLOSED\n"));
        s.timeWait = false;
        scenario::RunResult r;
        const tcplab::Trace trace = run(s, &r);
        QVERIFY2(r.ok, r.message.c_str());
        const QStringList t = timeline(trace);
        QCOMPARE(t.first(), QStringLiteral("      0.000  note    counterfactual: no TIME_WAIT \u2014 not TCP"));
        QVERIFY(only(t, QStringLiteral("state")).contains(
            QStringLiteral("client  FIN_WAIT_2 -> CLOSED  (rcv FIN / snd ACK (time-wait off: not TCP))")));
        for (const QString &line : only(t, QStringLiteral("timer")))
            QVERIFY2(!line.contains(QLatin1String("time-wait")), qPrintable(line));
        for (const QString &line : only(t, QStringLiteral("state")))
            QVERIFY2(!line.contains(QLatin1String("TIME_WAIT")), qPrintable(line));
    }

    void counterfactual_tcpRunsCarryNoNote()
    {
        QVERIFY(!tcplab::isCounterfactual(run(load(QStringLiteral("handshake")))));
    }

    // A crafted segment (the scenario's inject step) arrives after the latency and is announced;
    // an old duplicate SYN is reset by the closed client and the listener goes back to LISTEN
    // (RFC 9293 Figure 8).
    void inject_oldDuplicateSynReachesListener()
    {
        const scenario::Scenario s =
            parse(QStringLiteral("server listen\ninject client->server SYN seq 900\n"
                                 "wait server SYN_RECEIVED\nsleep 20ms\nexpect server LISTEN\n"));
        tcplab::Trace trace;
        const scenario::RunResult r = sim::runScenario(s, trace);
        QVERIFY2(r.ok, r.message.c_str());
        const QStringList t = timeline(trace);
        QCOMPARE(t.mid(2, 7),
                 QStringList({"      0.000  note    injected: client->server SYN seq=900 (absolute; crafted, not sent by client's TCP)",
                              "      0.000  segment client -> server  SYN seq=900 win=65535  (arrives 5.000)",
                              "      5.000  state   server  LISTEN -> SYN_RECEIVED  (rcv SYN / snd SYN+ACK)",
                              "      5.000  segment server -> client  SYN+ACK seq=0 ack=901 win=65535 <mss=1460>  (arrives 10.000)",
                              "      5.000  timer   server  retransmit armed, expires 1005.000",
                              "     10.000  segment client -> server  RST seq=901 win=0  (arrives 15.000)",
                              "     15.000  state   server  SYN_RECEIVED -> LISTEN  (rcv RST)"}));
        QCOMPARE(trace.events[2].line, 2);
    }

    // Without TIME_WAIT an old copy of the client's data lands in the next connection: the
    // server ACKs 101, which acknowledges data this client never sent; its answer is out of the
    // server's window, and so on. Each endpoint answers such segments at most once per 500 ms
    // (Linux tcp_invalid_ratelimit), so the exchange stops after one answer each instead of
    // running for the whole virtual hour (720,000 events before).
    void rateLimit_oldSegmentAckWarEnds()
    {
        scenario::RunResult r;
        const tcplab::Trace trace = run(load(QStringLiteral("old-segment-no-time-wait")), &r);
        QVERIFY2(r.ok, r.message.c_str());
        QVERIFY2(trace.events.size() < 100, qPrintable(QString::number(trace.events.size())));
        const QStringList t = timeline(trace);
        const QStringList tail = t.mid(t.indexOf(QStringLiteral(
            "    250.000  call    server  recv() = 100  (returned 3020.000)")));
        QCOMPARE(tail, QStringList({
            "    250.000  call    server  recv() = 100  (returned 3020.000)",
            "   3020.000  segment server -> client  ACK seq=1 ack=101 win=65435  (arrives 3025.000)",
            "   3025.000  segment client -> server  ACK seq=1 ack=1 win=65535  (arrives 3030.000)",
            "   3030.000  segment server -> client  ACK seq=1 ack=101 win=65535  (arrives 3035.000)"}));
    }

    // The spacing: ACKs of data the client never sent arrive every 100 ms; the client answers
    // the first, then nothing until 500 ms have passed since that answer.
    void rateLimit_oneAnswerPer500ms()
    {
        QString text = QStringLiteral("isn: client 1000 server 5000\nserver listen\nclient connect\n"
                                      "server accept\n");
        for (int i = 0; i < 11; ++i)
            text += QStringLiteral("inject server->client ACK seq 5001 ack 1101\nsleep 100ms\n");
        scenario::RunResult r;
        const QStringList t = timeline(run(parse(text), &r));
        QVERIFY2(r.ok, r.message.c_str());
        QStringList answers;
        for (const QString &l : only(t, QStringLiteral("segment")))
            if (l.startsWith(QLatin1String("client -> server  ACK")))
                answers << l;
        QCOMPARE(answers, QStringList({
            "client -> server  ACK seq=1 ack=1 win=65535  (arrives 15.000)", // the handshake's
            "client -> server  ACK seq=1 ack=1 win=65535  (arrives 25.000)",
            "client -> server  ACK seq=1 ack=1 win=65535  (arrives 525.000)",
            "client -> server  ACK seq=1 ack=1 win=65535  (arrives 1025.000)"}));
    }

    // An injected segment is on the wire like any other: a drop rule can lose it.
    void inject_goesThroughFaultRules()
    {
        tcplab::Trace t;
        const scenario::RunResult r = sim::runScenario(
            parse(QStringLiteral("server listen\ndrop next client->server\n"
                                 "inject client->server SYN seq 900\nsleep 20ms\n"
                                 "expect server LISTEN\n")),
            t);
        QVERIFY2(r.ok, r.message.c_str());
    }
};

QTEST_APPLESS_MAIN(TestSimulator)
#include "tst_simulator.moc"
