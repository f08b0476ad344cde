// Every query form of docs/lesson-format.md on real simulated traces, compared as text: the
// answer and the deciding event as the timeline prints it ("value @ event"), so a failure shows
// both (STYLE.md 17). Then the parser's errors and {{query}} substitution.

#include "lesson/query.h"
#include "lesson/steprunner.h"
#include "lesson/substitution.h"

#include "scenario/scenario.h"
#include "trace/textformat.h"

#include <QFile>
#include <QtTest>

using namespace lesson;

namespace {

scenario::Scenario parse(const QString &text)
{
    scenario::Scenario s;
    std::vector<scenario::ParseError> errors;
    if (!scenario::parseScenario(text.toStdString(), "test.tcplab", s, errors))
        qFatal("%s", errors.front().format("test.tcplab").c_str());
    return s;
}

scenario::Scenario load(const char *name)
{
    QFile f(QStringLiteral(TCPLAB_SCENARIOS "/") + QString::fromLatin1(name));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot open %s", name);
    return parse(QString::fromUtf8(f.readAll()));
}

// "value @ 5.000 state server LISTEN -> SYN_RECEIVED (rcv SYN / snd SYN+ACK)", "error: ...".
QString show(const QueryResult &r, const RunRecord &run)
{
    if (!r.ok)
        return QStringLiteral("error: ") + QString::fromStdString(r.error);
    const QString event = r.eventIndex == kNoEvent
        ? QStringLiteral("none")
        : QString::fromStdString(tcplab::formatEvent(run.trace.events[r.eventIndex])).simplified();
    return QString::fromStdString(r.value) + QStringLiteral(" @ ") + event;
}

const RunRecord &handshakeAndClose()
{
    static const RunRecord run = runInSimulator(load("handshake-and-close.tcplab"));
    return run;
}

} // namespace

class TestQuery : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void runInSimulator_holdsAndMarksSteps();

    void forms_data();
    void forms();

    void retransmissions_lostFinalAck();
    void duration_timerStillArmedOrOpen();
    void compare_readsTheCompareRun();

    void parseErrors_data();
    void parseErrors();
    void queryForms_listsTheTable();

    void substitution_replacesEachQuery();
};

void TestQuery::runInSimulator_holdsAndMarksSteps()
{
    const RunRecord &run = handshakeAndClose();
    QVERIFY2(run.result.ok, run.result.message.c_str());
    // One boundary per step line (7..22, the blank line 6 and headers excluded).
    QCOMPARE(int(run.afterLine.size()), 16);
    QCOMPARE(run.afterLine.begin()->first, 7);
    QCOMPARE(run.afterLine.rbegin()->first, 22);
    // After "server listen": its call and its state change.
    QCOMPARE(run.afterLine.at(7), std::size_t(2));
    // The settling after the last step (TIME_WAIT running out) comes after its boundary.
    QVERIFY(run.afterLine.at(22) < run.trace.size());
}

void TestQuery::forms_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("expected");
    auto row = [](const char *q, const char *e) { QTest::newRow(q) << QString::fromUtf8(q) << QString::fromUtf8(e); };

    row("state client at end", "CLOSED @ 60035.000 state client TIME_WAIT -> CLOSED (2MSL timeout)");
    row("state server after line 8", "SYN_RECEIVED @ 5.000 state server LISTEN -> SYN_RECEIVED (rcv SYN / snd SYN+ACK)");
    row("state client after line 15", "FIN_WAIT_1 @ 20.000 state client ESTABLISHED -> FIN_WAIT_1 (close / snd FIN)");
    row("state client after line 22", "TIME_WAIT @ 35.000 state client FIN_WAIT_2 -> TIME_WAIT (rcv FIN / snd ACK)");
    row("states client", "CLOSED SYN_SENT ESTABLISHED FIN_WAIT_1 FIN_WAIT_2 TIME_WAIT CLOSED"
                         " @ 60035.000 state client TIME_WAIT -> CLOSED (2MSL timeout)");
    row("states server", "CLOSED LISTEN SYN_RECEIVED ESTABLISHED CLOSE_WAIT LAST_ACK CLOSED"
                         " @ 40.000 state server LAST_ACK -> CLOSED (rcv ACK of FIN)");
    row("result server recv", "EOF @ 30.000 call server recv() = EOF");
    row("result server recv nth 1", "100 @ 15.000 call server recv() = 100 (returned 20.000)");
    row("result client connect", "0 @ 0.000 call client connect() = 0 (returned 10.000)");
    row("flags segment server nth 1",
        "SYN+ACK @ 5.000 segment server -> client SYN+ACK seq=0 ack=1 win=65535 <mss=1460> (arrives 10.000)");
    row("flags segment client after close",
        "FIN+ACK @ 20.000 segment client -> server FIN+ACK seq=101 ack=1 win=65535 (arrives 25.000)");
    row("flags segment server after listen",
        "SYN+ACK @ 5.000 segment server -> client SYN+ACK seq=0 ack=1 win=65535 <mss=1460> (arrives 10.000)");
    row("flags segment server after accept",
        "ACK @ 20.000 segment server -> client ACK seq=1 ack=101 win=65435 (arrives 25.000)");
    row("flags segment client after connect",
        "SYN @ 0.000 segment client -> server SYN seq=0 win=65535 <mss=1460> (arrives 5.000)");
    row("seq segment client nth 4",
        "101 @ 20.000 segment client -> server FIN+ACK seq=101 ack=1 win=65535 (arrives 25.000)");
    row("ack segment server nth 1",
        "1 @ 5.000 segment server -> client SYN+ACK seq=0 ack=1 win=65535 <mss=1460> (arrives 10.000)");
    row("seqabs segment client nth 1", "1000 @ 0.000 segment client -> server SYN seq=0 win=65535 <mss=1460> (arrives 5.000)");
    row("ackabs segment server nth 1",
        "1001 @ 5.000 segment server -> client SYN+ACK seq=0 ack=1 win=65535 <mss=1460> (arrives 10.000)");
    row("count segments", "9 @ 35.000 segment client -> server ACK seq=102 ack=2 win=65535 (arrives 40.000)");
    row("count segments client", "5 @ 35.000 segment client -> server ACK seq=102 ack=2 win=65535 (arrives 40.000)");
    row("count segments server ACK", "2 @ 25.000 segment server -> client ACK seq=1 ack=102 win=65535 (arrives 30.000)");
    row("count segments FIN+ACK",
        "2 @ 30.000 segment server -> client FIN+ACK seq=1 ack=102 win=65535 (arrives 35.000)");
    row("count segments RST", "0 @ none");
    row("count segments from FIN+ACK",
        "4 @ 20.000 segment client -> server FIN+ACK seq=101 ack=1 win=65535 (arrives 25.000)");
    row("sender of FIN+ACK", "client @ 20.000 segment client -> server FIN+ACK seq=101 ack=1 win=65535 (arrives 25.000)");
    row("sender of FIN+ACK nth 2",
        "server @ 30.000 segment server -> client FIN+ACK seq=1 ack=102 win=65535 (arrives 35.000)");
    row("any segment RST", "no @ none");
    row("any segment server SYN+ACK",
        "yes @ 5.000 segment server -> client SYN+ACK seq=0 ack=1 win=65535 <mss=1460> (arrives 10.000)");
    row("any segment client SYN+ACK", "no @ none");
    row("retransmissions", "0 @ none");
    row("duration client TIME_WAIT", "60s @ 35.000 state client FIN_WAIT_2 -> TIME_WAIT (rcv FIN / snd ACK)");
    row("duration client FIN_WAIT_2", "0s @ 30.000 state client FIN_WAIT_1 -> FIN_WAIT_2 (rcv ACK of FIN)");
    row("entered server CLOSE_WAIT", "yes @ 25.000 state server ESTABLISHED -> CLOSE_WAIT (rcv FIN / snd ACK)");
    row("entered client CLOSE_WAIT", "no @ none");
    // Kernel spellings of states are understood, the answer is canonical.
    row("entered server SYN_RECV", "yes @ 5.000 state server LISTEN -> SYN_RECEIVED (rcv SYN / snd SYN+ACK)");

    // Queries without an answer say why.
    row("state server after line 6", "error: the run has no finished step on line 6");
    row("result client recv", "error: client never called recv()");
    row("result server recv nth 3", "error: server called recv() 2 time(s), no 3rd");
    row("flags segment client nth 9", "error: client sent 5 segments, no 9th");
    row("flags segment client after shutdown", "error: client never called shutdown()");
    row("sender of RST", "error: the run has 0 RST segment(s), no 1st");
    row("duration client CLOSE_WAIT", "error: client never entered CLOSE_WAIT");
    row("compare: state client at end", "error: query \"compare: state client at end\" reads the compare: run, and this step has none");
}

void TestQuery::forms()
{
    QFETCH(QString, query);
    QFETCH(QString, expected);
    const RunRecord &run = handshakeAndClose();
    QCOMPARE(show(evaluateQuery(query.toStdString(), run), run), expected);
}

void TestQuery::retransmissions_lostFinalAck()
{
    const RunRecord run = runInSimulator(load("lost-final-ack.tcplab"));
    QVERIFY2(run.result.ok, run.result.message.c_str());
    QCOMPARE(show(evaluateQuery("retransmissions server", run), run),
             QStringLiteral("1 @ 225.000 segment server -> client FIN+ACK seq=1 ack=2 win=65535 [retransmission] (arrives 230.000)"));
    QCOMPARE(show(evaluateQuery("retransmissions client", run), run), QStringLiteral("0 @ none"));
    // The dropped ACK counts: segments are counted as sent (handshake, lost, re-sent).
    QCOMPARE(show(evaluateQuery("count segments client ACK", run), run),
             QStringLiteral("3 @ 230.000 segment client -> server ACK seq=2 ack=2 win=65535 (arrives 235.000)"));
    // TIME_WAIT restarted with the re-ACK: it lasted 2MSL from then, 60.2 s rounded.
    QCOMPARE(show(evaluateQuery("duration client TIME_WAIT", run), run),
             QStringLiteral("60s @ 30.000 state client FIN_WAIT_2 -> TIME_WAIT (rcv FIN / snd ACK)"));
}

void TestQuery::duration_timerStillArmedOrOpen()
{
    // A run that ends in TIME_WAIT (as a live run does): until the armed timer's deadline.
    RunRecord cut = handshakeAndClose();
    cut.trace.events.resize(cut.afterLine.at(22)); // the run without its settling
    QCOMPARE(show(evaluateQuery("duration client TIME_WAIT", cut), cut),
             QStringLiteral("60s @ 35.000 state client FIN_WAIT_2 -> TIME_WAIT (rcv FIN / snd ACK)"));
    QCOMPARE(show(evaluateQuery("state client at end", cut), cut),
             QStringLiteral("TIME_WAIT @ 35.000 state client FIN_WAIT_2 -> TIME_WAIT (rcv FIN / snd ACK)"));
    // CLOSE_WAIT has no timer of its own: a server that never closes stays there, open-ended.
    const RunRecord cw = runInSimulator(parse(QStringLiteral(
        "server listen\nclient connect\nserver accept\nclient close\nwait server CLOSE_WAIT\n")));
    QCOMPARE(show(evaluateQuery("duration server CLOSE_WAIT", cw), cw),
             QStringLiteral("open @ 20.000 state server ESTABLISHED -> CLOSE_WAIT (rcv FIN / snd ACK)"));
}

void TestQuery::compare_readsTheCompareRun()
{
    const RunRecord &run = handshakeAndClose();
    const RunRecord lost = runInSimulator(load("lost-syn.tcplab"));
    QCOMPARE(evaluateQuery("compare: retransmissions client", run, &lost).value, std::string("2"));
    QCOMPARE(evaluateQuery("retransmissions client", run, &lost).value, std::string("0"));
}

void TestQuery::parseErrors_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("error");
    auto row = [](const char *q, const char *e) { QTest::newRow(q) << QString::fromUtf8(q) << QString::fromUtf8(e); };
    row("stat client at end",
        "query \"stat client at end\": expected \"state\", \"states\", \"result\", \"flags\", \"seq\", \"ack\", "
        "\"seqabs\", \"ackabs\", \"count\", \"sender\", \"any\", \"retransmissions\", \"duration\" or \"entered\", "
        "found \"stat\" (did you mean \"state\"?)");
    row("state clinet at end",
        "query \"state clinet at end\": expected client or server, found \"clinet\" after \"state\" (did you mean \"client\"?)");
    row("state client at", "query \"state client at\": expected \"end\" after \"state client at\"");
    row("state server aftr line 6",
        "query \"state server aftr line 6\": expected \"at\" or \"after\", found \"aftr\" after \"state server\" (did you mean \"after\"?)");
    row("state client", "query \"state client\": expected \"at\" or \"after\" after \"state client\"");
    row("flags segment client nth 0",
        "query \"flags segment client nth 0\": expected a number (1, 2, ...), found \"0\" after \"flags segment client nth\"");
    row("result client recv nth",
        "query \"result client recv nth\": expected a number (1, 2, ...) after \"result client recv nth\"");
    row("result client receive",
        "query \"result client receive\": expected a call (listen, connect, accept, send, recv, shutdown, close, abort, exit), "
        "found \"receive\" after \"result client\"");
    row("duration client SYN_SEND",
        "query \"duration client SYN_SEND\": expected a state (CLOSED, LISTEN, SYN_SENT, ... TIME_WAIT), found \"SYN_SEND\" "
        "after \"duration client\" (did you mean \"SYN_SENT\"?)");
    row("count segments client FOO",
        "query \"count segments client FOO\": expected flags (SYN, SYN+ACK, ACK, FIN+ACK, RST, ...) or the end of the query, "
        "found \"FOO\" after \"count segments client\"");
    row("any segment client", "query \"any segment client\": expected flags (SYN, SYN+ACK, ACK, FIN+ACK, RST, ...) after \"any segment client\"");
    row("state client at end now", "query \"state client at end now\": expected the end of the query, found \"now\" after \"state client at end\"");
    row("empty", "query \"empty\": expected \"state\", \"states\", \"result\", \"flags\", \"seq\", \"ack\", \"seqabs\", \"ackabs\", "
                 "\"count\", \"sender\", \"any\", \"retransmissions\", \"duration\" or \"entered\", found \"empty\"");
    QTest::newRow("blank") << QStringLiteral("  ") << QStringLiteral("empty query");
}

void TestQuery::parseErrors()
{
    QFETCH(QString, query);
    QFETCH(QString, error);
    Query q;
    std::string why;
    QVERIFY(!parseQuery(query.toStdString(), q, why));
    QCOMPARE(QString::fromStdString(why), error);
}

void TestQuery::queryForms_listsTheTable()
{
    const std::vector<std::string> forms = queryForms();
    QCOMPARE(int(forms.size()), 17);
    QCOMPARE(forms.front(), std::string("state ENDPOINT at end"));
    QCOMPARE(forms.back(), std::string("entered ENDPOINT STATE"));
    // Every form parses when its placeholders are filled in.
    for (std::string f : forms) {
        for (const auto &[slot, value] : std::vector<std::pair<std::string, std::string>>{
                 {" N", " 2"}, {" L", " 5"}, {"ENDPOINT", "client"}, {"CALL", "close"}, {"FLAGS", "ACK"}, {"STATE", "LISTEN"}}) {
            for (std::size_t at; (at = f.find(slot)) != std::string::npos;)
                f.replace(at, slot.size(), value);
        }
        f.erase(std::remove(f.begin(), f.end(), '['), f.end());
        f.erase(std::remove(f.begin(), f.end(), ']'), f.end());
        Query q;
        std::string error;
        QVERIFY2(parseQuery(f, q, error), (f + ": " + error).c_str());
        // Absolute numbers are for texts only.
        QCOMPARE(gradable(q), f.rfind("seqabs", 0) != 0 && f.rfind("ackabs", 0) != 0);
    }
}

void TestQuery::substitution_replacesEachQuery()
{
    const RunRecord &run = handshakeAndClose();
    QCOMPARE(queriesIn("ack={{ack segment server nth 1}} ({{ ackabs segment server nth 1 }}) {{open"),
             std::vector<std::string>({"ack segment server nth 1", "ackabs segment server nth 1"}));
    std::vector<std::string> errors;
    QCOMPARE(substituteQueries("your SYN+ACK carried ack={{ack segment server nth 1}} (absolute "
                               "{{ackabs segment server nth 1}}); {{result client recv}} {{unclosed",
                               run, nullptr, &errors),
             std::string("your SYN+ACK carried ack=1 (absolute 1001); ? {{unclosed"));
    QCOMPARE(errors, std::vector<std::string>({"{{result client recv}}: client never called recv()"}));
}

QTEST_GUILESS_MAIN(TestQuery)
#include "tst_query.moc"
