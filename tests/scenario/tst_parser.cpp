// The scenario language: every form, every error message (with line:column), headers,
// durations and the stepToText round trip. Every error message is also checked to be a
// translated template whose English is the text compared (messagecheck.h).
#include "messagecheck.h"

#include "scenario/scenario.h"
#include "tcp/segment.h"

#include <QTest>

using namespace scenario;

namespace {

QString q(const std::string &s) { return QString::fromStdString(s); }

// Every field that matters for the step's kind, written independently of stepToText().
QString describe(const Step &s)
{
    std::string out;
    const auto num = [](std::int64_t v) { return std::to_string(v); };
    const auto ep = [](tcplab::EndpointId e) { return tcplab::endpointName(e); };
    switch (s.kind()) {
    case Step::Kind::Call: {
        const CallStep &c = s.as<CallStep>();
        out = "Call ep=" + ep(c.ep) + " call=" + tcp::callName(c.call) + " arg=" + num(c.arg)
              + " timeout=" + num(c.timeout) + " bg=" + (c.background ? "1" : "0");
        break;
    }
    case Step::Kind::Wait: {
        const WaitStep &w = s.as<WaitStep>();
        out = "Wait ep=" + ep(w.ep) + " state=" + tcp::stateName(w.state)
              + " timeout=" + num(w.timeout);
        break;
    }
    case Step::Kind::Sleep:
        out = "Sleep duration=" + num(s.as<SleepStep>().duration);
        break;
    case Step::Kind::Fault: {
        const FaultStep &f = s.as<FaultStep>();
        const char *a = f.action == FaultAction::Drop        ? "drop"
                        : f.action == FaultAction::Duplicate ? "duplicate"
                                                             : "delay";
        out = std::string("Fault ") + a + " " + ep(f.src) + "->" + ep(f.dst)
              + " flags=" + (f.flags ? tcp::flagsName(*f.flags) : std::string())
              + " nth=" + num(f.nth) + " all=" + (f.all ? "1" : "0")
              + " duration=" + num(f.delay) + (f.count != 1 ? " count=" + num(f.count) : "")
              + (f.lift ? " none" : "");
        break;
    }
    case Step::Kind::Expect: {
        const ExpectStep &x = s.as<ExpectStep>();
        out = "Expect ep=" + ep(x.ep)
              + (x.returned ? " returned=" + x.value
                            : std::string(" state=") + tcp::stateName(x.state));
        break;
    }
    case Step::Kind::Note:
        out = "Note text=[" + s.as<NoteStep>().text + "]";
        break;
    case Step::Kind::Inject: {
        const InjectStep &in = s.as<InjectStep>();
        out = "Inject " + ep(in.src) + "->" + ep(in.dst) + " flags=" + tcp::flagsName(in.flags)
              + " seq=" + num(in.seq) + " ack=" + num(in.ack) + " len=" + num(in.len);
        break;
    }
    }
    return q(out + " @" + num(s.line) + ":" + num(s.column));
}

QStringList errorsOf(const std::string &text)
{
    Scenario sc;
    std::vector<ParseError> errors;
    const bool ok = parseScenario(text, "t.tcplab", sc, errors);
    QStringList out;
    for (const ParseError &e : errors) {
        // Any problem with the message as a template is shown with its error, failing the test.
        const QStringList problems = messagecheck::problems(e.message, e.what);
        out << q(e.format("t.tcplab")) +
                   (problems.isEmpty()
                        ? QString()
                        : QStringLiteral(" [") + problems.join(QStringLiteral("; ")) +
                              QLatin1Char(']'));
    }
    if (ok != out.isEmpty())
        out << QStringLiteral("(return value disagrees with the error list)");
    return out;
}

} // namespace

class TestParser : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void stepForms_data();
    void stepForms();
    void roundTrip_data() { stepForms_data(); }
    void roundTrip();
    void stepErrors_data();
    void stepErrors();
    void fileErrors_data();
    void fileErrors();
    void headers();
    void headerDefaults();
    void durations_data();
    void durations();
    void badDurations_data();
    void badDurations();
    void formatDurations_data();
    void formatDurations();
    void wholeFile();
    void everyErrorOfAFile();
    void blankStepLine();
    void modeNames();
    void errorFormat();
    void badBytesEscaped();
    void longLines();
    void tooManyLines();
    void hugeWordIsCheap();
};

void TestParser::stepForms_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QString>("canonical"); // stepToText of the parsed step

    const auto row = [](const char *name, const char *line, const char *expected,
                        const char *canonical) {
        QTest::newRow(name) << QString::fromUtf8(line) << QString::fromUtf8(expected)
                            << QString::fromUtf8(canonical);
    };
    row("listen", "server listen", "Call ep=server call=listen arg=-1 timeout=-1 bg=0 @4:1",
        "server listen");
    row("inject old SYN", "inject client->server SYN seq 90000",
        "Inject client->server flags=SYN seq=90000 ack=0 len=0 @4:1",
        "inject client->server SYN seq 90000");
    row("inject data", "inject  client -> server  ACK+PSH len 100 ack 5001 seq 1001",
        "Inject client->server flags=PSH+ACK seq=1001 ack=5001 len=100 @4:1",
        "inject client->server PSH+ACK seq 1001 ack 5001 len 100");
    // The top of each range (docs/scenario-language.md "Ranges") is still valid.
    row("send the most", "client send 1000000000",
        "Call ep=client call=send arg=1000000000 timeout=-1 bg=0 @4:1", "client send 1000000000");
    row("recv the most", "server recv 1000000000 timeout 86400s",
        "Call ep=server call=recv arg=1000000000 timeout=86400000000 bg=0 @4:1",
        "server recv 1000000000 timeout 86400s");
    row("sleep a day", "sleep 1440min", "Sleep duration=86400000000 @4:1", "sleep 86400s");
    row("inject the most", "inject client->server ACK seq 4294967295 ack 4294967295 len 65535",
        "Inject client->server flags=ACK seq=4294967295 ack=4294967295 len=65535 @4:1",
        "inject client->server ACK seq 4294967295 ack 4294967295 len 65535");
    row("returned the most", "expect client returned 001000000000",
        "Expect ep=client returned=1000000000 @4:1", "expect client returned 1000000000");
    row("connect", "client connect", "Call ep=client call=connect arg=-1 timeout=-1 bg=0 @4:1",
        "client connect");
    row("connect &", "client connect &", "Call ep=client call=connect arg=-1 timeout=-1 bg=1 @4:1",
        "client connect &");
    row("connect& glued", "client connect&",
        "Call ep=client call=connect arg=-1 timeout=-1 bg=1 @4:1", "client connect &");
    row("accept timeout", "  server accept timeout 2s",
        "Call ep=server call=accept arg=-1 timeout=2000000 bg=0 @4:3", "server accept timeout 2s");
    row("accept timeout &", "server accept timeout 1.5s &",
        "Call ep=server call=accept arg=-1 timeout=1500000 bg=1 @4:1",
        "server accept timeout 1.5s &");
    row("send", "client send 100", "Call ep=client call=send arg=100 timeout=-1 bg=0 @4:1",
        "client send 100");
    row("send timeout &", "client send 5000 timeout 250ms &",
        "Call ep=client call=send arg=5000 timeout=250000 bg=1 @4:1",
        "client send 5000 timeout 250ms &");
    row("recv", "server recv", "Call ep=server call=recv arg=-1 timeout=-1 bg=0 @4:1",
        "server recv");
    row("recv N", "server recv 10", "Call ep=server call=recv arg=10 timeout=-1 bg=0 @4:1",
        "server recv 10");
    row("recv &", "server recv &", "Call ep=server call=recv arg=-1 timeout=-1 bg=1 @4:1",
        "server recv &");
    row("shutdown", "client shutdown", "Call ep=client call=shutdown arg=-1 timeout=-1 bg=0 @4:1",
        "client shutdown");
    row("close", "server close", "Call ep=server call=close arg=-1 timeout=-1 bg=0 @4:1",
        "server close");
    row("abort", "client abort", "Call ep=client call=abort arg=-1 timeout=-1 bg=0 @4:1",
        "client abort");
    row("exit", "client exit", "Call ep=client call=exit arg=-1 timeout=-1 bg=0 @4:1",
        "client exit");
    row("call with comment", "client close   # active close: FIN",
        "Call ep=client call=close arg=-1 timeout=-1 bg=0 @4:1", "client close");
    row("wait", "wait client ESTABLISHED", "Wait ep=client state=ESTABLISHED timeout=-1 @4:1",
        "wait client ESTABLISHED");
    row("wait timeout", "wait server CLOSED timeout 10s",
        "Wait ep=server state=CLOSED timeout=10000000 @4:1", "wait server CLOSED timeout 10s");
    row("wait tab", "\twait server FIN_WAIT_2",
        "Wait ep=server state=FIN_WAIT_2 timeout=-1 @4:2", "wait server FIN_WAIT_2");
    row("sleep", "sleep 200ms", "Sleep duration=200000 @4:1", "sleep 200ms");
    row("sleep min", "sleep 2min", "Sleep duration=120000000 @4:1", "sleep 2min");
    row("drop next", "drop next client->server",
        "Fault drop client->server flags= nth=1 all=0 duration=0 @4:1", "drop next client->server");
    row("drop next N", "drop next 3 client->server",
        "Fault drop client->server flags= nth=1 all=0 duration=0 count=3 @4:1",
        "drop next 3 client->server");
    row("drop none", "drop none server->client",
        "Fault drop server->client flags= nth=1 all=0 duration=0 none @4:1",
        "drop none server->client");
    row("drop next spaced", "drop next server -> client",
        "Fault drop server->client flags= nth=1 all=0 duration=0 @4:1", "drop next server->client");
    row("drop next half spaced", "drop next server-> client",
        "Fault drop server->client flags= nth=1 all=0 duration=0 @4:1", "drop next server->client");
    row("drop flags", "drop server->client FIN+ACK",
        "Fault drop server->client flags=FIN+ACK nth=1 all=0 duration=0 @4:1",
        "drop server->client FIN+ACK");
    row("drop flags nth", "drop client->server SYN nth 2",
        "Fault drop client->server flags=SYN nth=2 all=0 duration=0 @4:1",
        "drop client->server SYN nth 2");
    row("drop flags canonical order", "drop client->server ACK+FIN",
        "Fault drop client->server flags=FIN+ACK nth=1 all=0 duration=0 @4:1",
        "drop client->server FIN+ACK");
    row("drop flags all five", "drop client->server ACK+PSH+RST+FIN+SYN",
        "Fault drop client->server flags=SYN+FIN+RST+PSH+ACK nth=1 all=0 duration=0 @4:1",
        "drop client->server SYN+FIN+RST+PSH+ACK");
    row("drop all", "drop all client->server",
        "Fault drop client->server flags= nth=1 all=1 duration=0 @4:1", "drop all client->server");
    row("drop all flags", "drop all server->client SYN+ACK",
        "Fault drop server->client flags=SYN+ACK nth=1 all=1 duration=0 @4:1",
        "drop all server->client SYN+ACK");
    row("duplicate next", "duplicate next client->server",
        "Fault duplicate client->server flags= nth=1 all=0 duration=0 @4:1",
        "duplicate next client->server");
    row("duplicate flags nth", "duplicate server->client FIN+ACK nth 3",
        "Fault duplicate server->client flags=FIN+ACK nth=3 all=0 duration=0 @4:1",
        "duplicate server->client FIN+ACK nth 3");
    row("delay next", "delay next client->server by 100ms",
        "Fault delay client->server flags= nth=1 all=0 duration=100000 @4:1",
        "delay next client->server by 100ms");
    row("delay flags", "delay server->client ACK by 2s",
        "Fault delay server->client flags=ACK nth=1 all=0 duration=2000000 @4:1",
        "delay server->client ACK by 2s");
    row("delay flags nth", "delay server->client ACK nth 2 by 1.5s",
        "Fault delay server->client flags=ACK nth=2 all=0 duration=1500000 @4:1",
        "delay server->client ACK nth 2 by 1.5s");
    row("expect state", "expect client TIME_WAIT", "Expect ep=client state=TIME_WAIT @4:1",
        "expect client TIME_WAIT");
    row("expect returned number", "expect server returned 100",
        "Expect ep=server returned=100 @4:1", "expect server returned 100");
    row("expect returned 0", "expect server returned 000", "Expect ep=server returned=0 @4:1",
        "expect server returned 0");
    row("expect returned EOF", "expect server returned EOF", "Expect ep=server returned=EOF @4:1",
        "expect server returned EOF");
    row("expect returned errno", "expect client returned ECONNREFUSED",
        "Expect ep=client returned=ECONNREFUSED @4:1", "expect client returned ECONNREFUSED");
    row("expect returned any errno", "expect client returned EHOSTDOWN",
        "Expect ep=client returned=EHOSTDOWN @4:1", "expect client returned EHOSTDOWN");
    row("note", "note the final ACK is lost", "Note text=[the final ACK is lost] @4:1",
        "note the final ACK is lost");
    row("note keeps #", "  note segment #3 is lost   ", "Note text=[segment #3 is lost] @4:3",
        "note segment #3 is lost");
    row("note utf8", "note TIME_WAIT — 2×MSL", "Note text=[TIME_WAIT — 2×MSL] @4:1",
        "note TIME_WAIT — 2×MSL");
}

void TestParser::stepForms()
{
    QFETCH(QString, line);
    QFETCH(QString, expected);
    Step s;
    ParseError e;
    QVERIFY2(parseStepLine(line.toStdString(), 4, s, e), e.format("").c_str());
    QCOMPARE(describe(s), expected);

    // The same line inside a file parses the same (after three header/blank lines).
    Scenario sc;
    std::vector<ParseError> errors;
    QVERIFY(parseScenario("title: t\n\n# comment\n" + line.toStdString() + "\n", "f", sc, errors));
    QCOMPARE(int(sc.steps.size()), 1);
    QCOMPARE(describe(sc.steps[0]), expected);
}

void TestParser::roundTrip()
{
    QFETCH(QString, line);
    QFETCH(QString, canonical);
    Step s;
    ParseError e;
    QVERIFY(parseStepLine(line.toStdString(), 4, s, e));
    const std::string text = stepToText(s);
    QCOMPARE(q(text), canonical);
    Step back;
    QVERIFY2(parseStepLine(text, 9, back, e), e.format("").c_str());
    QVERIFY2(sameStep(s, back), qPrintable(describe(s) + QStringLiteral(" vs ") + describe(back)));
    QCOMPARE(q(stepToText(back)), canonical);
}

void TestParser::stepErrors_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("error");
    const auto row = [](const char *name, const char *line, const char *error) {
        QTest::newRow(name) << QString::fromUtf8(line) << QString::fromUtf8(error);
    };
    // Steps
    row("unknown call", "client conect", "7:8: unknown call \"conect\" (did you mean \"connect\"?)");
    row("unknown call, no hint", "client dance",
        "7:8: unknown call \"dance\"; the calls are listen, connect, accept, send, recv, "
        "shutdown, close, abort, exit");
    row("missing call", "client",
        "7:7: expected a call after \"client\": listen, connect, accept, send, recv, shutdown, "
        "close, abort, exit");
    row("endpoint typo", "clinet connect",
        "7:1: unknown step \"clinet\" (did you mean \"client\"?)");
    row("endpoint capital", "Server listen",
        "7:1: unknown step \"Server\" (did you mean \"server\"?)");
    row("unknown step", "frobnicate client",
        "7:1: unknown step \"frobnicate\"; a step starts with client, server, wait, sleep, "
        "drop, duplicate, delay, expect, note or inject");
    row("wait typo", "wiat client ESTABLISHED",
        "7:1: unknown step \"wiat\" (did you mean \"wait\"?)");
    row("call without endpoint", "connect",
        "7:1: \"connect\" needs an endpoint first: client connect or server connect");
    row("header word without colon", "title Lost ACK",
        "7:1: missing \":\" after \"title\": a header reads \"title: ...\"");
    row("header in a step line", "msl: 2s",
        "7:1: \"msl:\" is a header; headers go at the top of a file, not among the steps");
    row("send without count", "client send",
        "7:12: \"send\" needs a byte count, e.g. client send 100");
    row("send count then timeout", "client send timeout 2s",
        "7:13: \"send\" needs a byte count, e.g. client send 100");
    row("send zero", "client send 0", "7:13: expected a byte count from 1 to 1000000000, found \"0\"");
    row("send word", "client send lots", "7:13: expected a byte count from 1 to 1000000000, found \"lots\"");
    row("recv bad count", "server recv 10x",
        "7:13: expected a byte count from 1 to 1000000000, found \"10x\"");
    row("recv junk", "server recv all",
        "7:13: unexpected \"all\"; expected a byte count, \"timeout\" or \"&\"");
    row("call junk", "client connect now",
        "7:16: unexpected \"now\"; expected \"timeout\" or \"&\"");
    row("after &", "client connect & now", "7:18: unexpected \"now\"; \"&\" ends the step");
    row("timeout missing", "client connect timeout",
        "7:23: \"timeout\" needs a duration such as 2s");
    row("timeout bare number", "client connect timeout 2",
        "7:24: duration needs a unit: 40ms, 2s");
    row("after timeout", "client connect timeout 2s later",
        "7:27: unexpected \"later\"; expected \"&\"");
    row("wait no endpoint", "wait", "7:5: expected client or server after \"wait\"");
    row("wait bad endpoint", "wait sever CLOSED",
        "7:6: unknown endpoint \"sever\" (did you mean \"server\"?)");
    row("wait bad endpoint, no hint", "wait peer CLOSED",
        "7:6: unknown endpoint \"peer\"; expected client or server");
    row("wait no state", "wait client",
        "7:12: expected a state after \"wait client\", e.g. ESTABLISHED");
    row("wait state typo", "wait client SYN_SEND",
        "7:13: unknown state \"SYN_SEND\" (did you mean \"SYN_SENT\"?)");
    row("wait state lower case", "wait client established",
        "7:13: unknown state \"established\" (did you mean \"ESTABLISHED\"?)");
    row("wait state kernel spelling", "wait server SYN_RECV",
        "7:13: unknown state \"SYN_RECV\" (did you mean \"SYN_RECEIVED\"?)");
    row("wait state FIN_WAIT2", "wait server FIN_WAIT2",
        "7:13: unknown state \"FIN_WAIT2\" (did you mean \"FIN_WAIT_2\"?)");
    row("wait state old netstat spelling", "wait client ITMED_WAIT",
        "7:13: unknown state \"ITMED_WAIT\" (did you mean \"TIME_WAIT\"?)");
    row("wait state unknown", "wait client HALF_OPEN",
        "7:13: unknown state \"HALF_OPEN\"; the eleven TCP states are CLOSED, LISTEN, "
        "SYN_SENT, SYN_RECEIVED, ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, CLOSE_WAIT, CLOSING, "
        "LAST_ACK, TIME_WAIT");
    row("wait junk", "wait client CLOSED soon",
        "7:20: unexpected \"soon\"; expected \"timeout\"");
    row("wait &", "wait client CLOSED &", "7:20: unexpected \"&\"; expected \"timeout\"");
    row("sleep missing", "sleep", "7:6: \"sleep\" needs a duration such as 200ms");
    row("sleep bare number", "sleep 200", "7:7: duration needs a unit: 40ms, 2s");
    row("sleep bad unit", "sleep 200sec",
        "7:7: unknown unit \"sec\" in \"200sec\"; use us, ms, s or min");
    row("sleep word", "sleep forever",
        "7:7: expected a duration such as 40ms or 2s, found \"forever\"");
    row("sleep sub-microsecond", "sleep 0.5us",
        "7:7: duration \"0.5us\" is not a whole number of microseconds");
    row("sleep junk", "sleep 2s more", "7:10: unexpected \"more\"");
    row("drop nothing", "drop",
        "7:5: expected \"next\", \"all\" or a direction after \"drop\", e.g. drop next "
        "client->server");
    row("duplicate nothing", "duplicate",
        "7:10: expected \"next\" or a direction after \"duplicate\", e.g. duplicate next "
        "client->server");
    row("drop nxt", "drop nxt client->server",
        "7:6: expected \"next\", \"all\" or a direction such as client->server after \"drop\", "
        "found \"nxt\" (did you mean \"next\"?)");
    row("drop one dash", "drop next client-server",
        "7:11: unknown endpoint \"client-server\"; expected client or server");
    row("drop next no direction", "drop next",
        "7:10: expected a direction such as client->server after \"drop next\"");
    row("drop next no arrow", "drop next client server",
        "7:18: expected \"->\" after \"client\": a direction is written client->server");
    row("drop next no destination", "drop next client->",
        "7:19: expected client or server after \"client->\"");
    row("drop next bad destination", "drop next client->sever",
        "7:19: unknown endpoint \"sever\" (did you mean \"server\"?)");
    row("drop next same endpoint", "drop next server->server",
        "7:19: a direction joins the two endpoints: client->server or server->client");
    row("drop next junk", "drop next client->server FIN", "7:26: unexpected \"FIN\"");
    row("drop no flags", "drop client->server",
        "7:20: expected flags such as FIN+ACK after the direction (or write \"drop next "
        "client->server\")");
    row("drop nth without flags", "drop client->server nth 2",
        "7:21: expected flags such as FIN+ACK after the direction (or write \"drop next "
        "client->server\")");
    row("drop flag typo", "drop client->server FIN+AKC",
        "7:25: unknown flag \"AKC\" (did you mean \"ACK\"?)");
    row("drop flag lower case", "drop client->server fin",
        "7:21: unknown flag \"fin\" (did you mean \"FIN\"?)");
    row("drop flag unknown", "drop client->server URGENT",
        "7:21: unknown flag \"URGENT\"; flags are SYN, FIN, RST, PSH, ACK joined by +");
    row("drop flag empty", "drop client->server FIN++ACK",
        "7:25: empty flag in \"FIN++ACK\"; flags are SYN, FIN, RST, PSH, ACK joined by +");
    row("drop flag twice", "drop client->server ACK+ACK",
        "7:25: flag \"ACK\" given twice in \"ACK+ACK\"");
    row("drop nth missing", "drop client->server SYN nth",
        "7:28: \"nth\" needs a number, e.g. nth 2");
    row("drop nth zero", "drop client->server SYN nth 0",
        "7:29: expected a number from 1 to 1000000, found \"0\"");
    row("drop flags junk", "drop client->server SYN twice",
        "7:25: unexpected \"twice\"; expected \"nth N\"");
    row("drop nth junk", "drop client->server SYN nth 2 more", "7:31: unexpected \"more\"");
    row("drop by", "drop next client->server by 2s", "7:26: unexpected \"by\"");
    row("duplicate all", "duplicate all client->server",
        "7:11: \"all\" works only with drop: drop all client->server");
    row("delay all", "delay all client->server by 1s",
        "7:7: \"all\" works only with drop: drop all client->server");
    row("drop all nth", "drop all client->server FIN nth 2", "7:29: unexpected \"nth\"");
    row("duplicate none", "duplicate none client->server",
        "7:11: \"none\" works only with drop: drop none client->server");
    row("drop none flags", "drop none client->server SYN", "7:26: unexpected \"SYN\"");
    row("drop next zero", "drop next 0 client->server",
        "7:11: expected a number from 1 to 1000000, found \"0\"");
    row("delay without by", "delay next client->server",
        "7:26: \"delay\" needs \"by DURATION\", e.g. delay next client->server by 100ms");
    row("delay junk before by", "delay next client->server for 1s",
        "7:27: unexpected \"for\"; \"delay\" needs \"by DURATION\", e.g. delay next "
        "client->server by 100ms");
    row("delay by nothing", "delay next client->server by",
        "7:29: \"by\" needs a duration such as 100ms");
    row("delay by bare", "delay server->client ACK by 100",
        "7:29: duration needs a unit: 40ms, 2s");
    row("expect nothing", "expect", "7:7: expected client or server after \"expect\"");
    row("expect endpoint only", "expect client",
        "7:14: expected a state or \"returned\" after \"expect client\"");
    row("expect state typo", "expect server CLOSE_WIAT",
        "7:15: unknown state \"CLOSE_WIAT\" (did you mean \"CLOSE_WAIT\"?)");
    row("expect returned typo", "expect server retruned 0",
        "7:15: expected a state or \"returned\", found \"retruned\" (did you mean "
        "\"returned\"?)");
    row("expect returned nothing", "expect server returned",
        "7:23: \"returned\" needs a value: a byte count, EOF or an error name such as "
        "ECONNRESET");
    row("expect returned eof", "expect server returned eof",
        "7:24: unknown value \"eof\" (did you mean \"EOF\"?)");
    row("expect returned errno lower case", "expect client returned econnrefused",
        "7:24: unknown value \"econnrefused\" (did you mean \"ECONNREFUSED\"?)");
    row("expect returned negative", "expect client returned -1",
        "7:24: unknown value \"-1\"; expected a byte count, EOF or an error name such as "
        "ECONNRESET");
    row("expect junk", "expect client CLOSED now", "7:22: unexpected \"now\"");
    row("expect returned junk", "expect client returned 0 bytes", "7:26: unexpected \"bytes\"");
    // Issue 11, item 3: every number has a range, and the message names it.
    row("send 2^32", "client send 4294967296",
        "7:13: expected a byte count from 1 to 1000000000, found \"4294967296\"");
    row("send huge", "client send 99999999999999",
        "7:13: expected a byte count from 1 to 1000000000, found \"99999999999999\"");
    row("recv huge", "server recv 99999999999999",
        "7:13: expected a byte count from 1 to 1000000000, found \"99999999999999\"");
    row("recv beyond 64 bits", "server recv 99999999999999999999999",
        "7:13: expected a byte count from 1 to 1000000000, found \"99999999999999999999999\"");
    row("sleep past a day", "sleep 1441min",
        "7:7: duration \"1441min\" is out of range: a duration is at most 86400s (one day)");
    row("sleep 2^63 us", "sleep 9223372036854775807us",
        "7:7: duration \"9223372036854775807us\" is out of range: a duration is at most 86400s "
        "(one day)");
    row("sleep beyond 64 bits", "sleep 99999999999999999999s",
        "7:7: duration \"99999999999999999999s\" is out of range: a duration is at most 86400s "
        "(one day)");
    row("timeout past a day", "client connect timeout 86400.000001s",
        "7:24: duration \"86400.000001s\" is out of range: a duration is at most 86400s (one day)");
    row("wait timeout past a day", "wait client CLOSED timeout 100000s",
        "7:28: duration \"100000s\" is out of range: a duration is at most 86400s (one day)");
    row("delay past a day", "delay next client->server by 9999999min",
        "7:30: duration \"9999999min\" is out of range: a duration is at most 86400s (one day)");
    row("nth past the most", "drop client->server SYN nth 1000001",
        "7:29: expected a number from 1 to 1000000, found \"1000001\"");
    row("inject len past a packet", "inject client->server ACK seq 1 len 65536",
        "7:37: expected a number from 0 to 65535, found \"65536\"");
    row("inject ack past 32 bits", "inject client->server ACK seq 1 ack 4294967296",
        "7:37: expected a number from 0 to 4294967295, found \"4294967296\"");
    row("returned past the most", "expect client returned 1000000001",
        "7:24: expected a byte count from 0 to 1000000000, found \"1000000001\"");
    // Issue 11, item 10: bytes that are not printable UTF-8 are shown escaped.
    row("control byte", "client conn\x01" "ect",
        "7:8: unknown call \"conn\\x01ect\" (did you mean \"connect\"?)");
    row("note empty", "note", "7:5: \"note\" needs a text, e.g. note the final ACK is lost");
    row("note empty with spaces", "  note   ",
        "7:7: \"note\" needs a text, e.g. note the final ACK is lost");
    row("column counts characters", "expect client returned é",
        "7:24: unknown value \"é\"; expected a byte count, EOF or an error name such as "
        "ECONNRESET");
}

void TestParser::stepErrors()
{
    QFETCH(QString, line);
    QFETCH(QString, error);
    Step s;
    ParseError e;
    QVERIFY(!parseStepLine(line.toStdString(), 7, s, e));
    QCOMPARE(q(e.format("")), error);
    const QStringList problems = messagecheck::problems(e.message, e.what);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    if (line.startsWith(QStringLiteral("msl:")))
        return; // a header, fine in a file
    // A file reports the same error, with the file name, at the same place.
    QCOMPARE(errorsOf(std::string(6, '\n') + line.toStdString()), QStringList{QStringLiteral("t.tcplab:") + error});
}

void TestParser::fileErrors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("errors");
    const auto row = [](const char *name, const char *text, QStringList errors) {
        QTest::newRow(name) << QString::fromUtf8(text) << errors;
    };
    row("header after a step", "server listen\ntitle: late\n",
        {QStringLiteral("t.tcplab:2:1: \"title:\" must come before the first step")});
    row("header after a bad step", "server lisen\n  mode: sim\n",
        {QStringLiteral("t.tcplab:1:8: unknown call \"lisen\" (did you mean \"listen\"?)"),
         QStringLiteral("t.tcplab:2:3: \"mode:\" must come before the first step")});
    row("header twice", "msl: 2s\nlatency: 5ms\nmsl: 3s\nserver listen\n",
        {QStringLiteral("t.tcplab:3:1: \"msl:\" given twice (first on line 1)")});
    row("unknown header", "titel: x\nserver listen\n",
        {QStringLiteral("t.tcplab:1:1: unknown header \"titel:\" (did you mean \"title:\"?)")});
    row("unknown header, no hint", "author: me\nserver listen\n",
        {QStringLiteral("t.tcplab:1:1: unknown header \"author:\"; the headers are title:, why:, "
                        "title.zh_CN:, why.zh_CN:, mode:, latency:, msl:, rto:, delayed-ack:, "
                        "isn:, handshake: and time-wait:")});
    row("a language without its header", "title.fr: Bonjour\nserver listen\n",
        {QStringLiteral("t.tcplab:1:1: unknown header \"title.fr:\"; the headers are title:, "
                        "why:, title.zh_CN:, why.zh_CN:, mode:, latency:, msl:, rto:, "
                        "delayed-ack:, isn:, handshake: and time-wait:")});
    row("a language misspelt", "title.zh_cn: x\nserver listen\n",
        {QStringLiteral("t.tcplab:1:1: unknown header \"title.zh_cn:\" (did you mean "
                        "\"title.zh_CN:\"?)")});
    row("zh_CN title empty", "title.zh_CN:\nserver listen\n",
        {QStringLiteral("t.tcplab:1:13: \"title.zh_CN:\" needs a text")});
    row("zh_CN title twice", "title.zh_CN: 一\ntitle.zh_CN: 二\nserver listen\n",
        {QStringLiteral("t.tcplab:2:1: \"title.zh_CN:\" given twice (first on line 1)")});
    row("title empty", "title:   # nothing\nserver listen\n",
        {QStringLiteral("t.tcplab:1:7: \"title:\" needs a text")});
    row("why empty", "why:\nserver listen\n",
        {QStringLiteral("t.tcplab:1:5: \"why:\" needs a text")});
    row("mode missing", "mode:\nserver listen\n",
        {QStringLiteral("t.tcplab:1:6: \"mode:\" needs a value: sim, live or both")});
    row("mode typo", "mode: simm\nserver listen\n",
        {QStringLiteral("t.tcplab:1:7: unknown mode \"simm\" (did you mean \"sim\"?)")});
    row("mode unknown", "mode: kernel\nserver listen\n",
        {QStringLiteral("t.tcplab:1:7: unknown mode \"kernel\"; expected sim, live or both")});
    row("mode junk", "mode: sim live\nserver listen\n",
        {QStringLiteral("t.tcplab:1:11: unexpected \"live\"")});
    row("handshake typo", "handshake: twoway\nserver listen\n",
        {QStringLiteral("t.tcplab:1:12: unknown handshake \"twoway\" (did you mean \"two-way\"?)")});
    row("handshake unknown", "handshake: one-way\nserver listen\n",
        {QStringLiteral("t.tcplab:1:12: unknown handshake \"one-way\"; expected three-way or two-way")});
    row("handshake missing", "handshake:\nserver listen\n",
        {QStringLiteral("t.tcplab:1:11: \"handshake:\" needs a value: three-way or two-way")});
    row("time-wait not on or off", "time-wait: no\nserver listen\n",
        {QStringLiteral("t.tcplab:1:12: expected on or off, found \"no\" (did you mean \"on\"?)")});
    row("counterfactual on the kernel", "mode: both\ntime-wait: off\nserver listen\n",
        {QStringLiteral("t.tcplab:1:1: a counterfactual protocol (handshake: two-way, time-wait: "
                        "off) is not TCP and runs only in the simulator: write mode: sim")});
    row("inject without seq", "inject client->server SYN\n",
        {QStringLiteral("t.tcplab:1:26: \"inject\" needs \"seq N\": the segment's sequence "
                        "number as on the wire")});
    row("inject bad key", "inject client->server SYN sequence 5\n",
        {QStringLiteral("t.tcplab:1:27: unexpected \"sequence\"; expected seq, ack or len")});
    row("inject bad number", "inject client->server SYN seq -1\n",
        {QStringLiteral("t.tcplab:1:31: expected a number from 0 to 4294967295, found \"-1\"")});
    row("latency bare", "latency: 5\nserver listen\n",
        {QStringLiteral("t.tcplab:1:10: duration needs a unit: 40ms, 2s")});
    row("latency missing", "latency:\nserver listen\n",
        {QStringLiteral("t.tcplab:1:9: \"latency:\" needs a duration such as 5ms")});
    row("msl zero", "msl: 0s\nserver listen\n",
        {QStringLiteral("t.tcplab:1:6: \"msl:\" must be more than 0")});
    row("rto zero", "rto: 0ms\nserver listen\n",
        {QStringLiteral("t.tcplab:1:6: \"rto:\" must be more than 0")});
    row("delayed-ack bad", "delayed-ack: yes\nserver listen\n",
        {QStringLiteral("t.tcplab:1:14: expected on or off, found \"yes\"")});
    row("delayed-ack typo", "delayed-ack: of\nserver listen\n",
        {QStringLiteral("t.tcplab:1:14: expected on or off, found \"of\" (did you mean \"on\"?)")});
    row("delayed-ack missing", "delayed-ack:\nserver listen\n",
        {QStringLiteral("t.tcplab:1:13: \"delayed-ack:\" needs a value: on or off")});
    row("isn half", "isn: client 1\nserver listen\n",
        {QStringLiteral("t.tcplab:1:14: \"isn:\" reads isn: client 1000 server 5000")});
    row("isn bad number", "isn: client 1 server 4294967296\nserver listen\n",
        {QStringLiteral("t.tcplab:1:22: expected a sequence number from 0 to 4294967295, "
                        "found \"4294967296\"")});
    row("isn twice", "isn: client 1 client 2\nserver listen\n",
        {QStringLiteral("t.tcplab:1:15: client given twice; \"isn:\" reads isn: client 1000 "
                        "server 5000")});
    row("isn no number", "isn: client server 5\nserver listen\n",
        {QStringLiteral("t.tcplab:1:13: expected a sequence number from 0 to 4294967295, "
                        "found \"server\"")});
    row("isn bad endpoint", "isn: clint 1 server 5\nserver listen\n",
        {QStringLiteral("t.tcplab:1:6: unknown endpoint \"clint\" (did you mean \"client\"?)")});
    row("no steps", "title: empty\n# nothing else\n",
        {QStringLiteral("t.tcplab:1:1: the scenario has no steps; add lines such as "
                        "\"client connect\"")});
    row("empty file", "",
        {QStringLiteral("t.tcplab:1:1: the scenario has no steps; add lines such as "
                        "\"client connect\"")});
    row("CRLF line ends", "title: x\r\nserver lisen\r\n",
        {QStringLiteral("t.tcplab:2:8: unknown call \"lisen\" (did you mean \"listen\"?)")});
}

void TestParser::fileErrors()
{
    QFETCH(QString, text);
    QFETCH(QStringList, errors);
    QCOMPARE(errorsOf(text.toStdString()), errors);
}

void TestParser::headers()
{
    const std::string text = "\xEF\xBB\xBF"
                             "title: Lost final ACK — why TIME_WAIT waits 2MSL  # comment\n"
                             "why: the last ACK can be lost; TIME_WAIT re-ACKs the FIN\n"
                             "mode: sim\n"
                             "latency: 2.5ms\n"
                             "msl: 2s\n"
                             "rto: 200ms\n"
                             "delayed-ack: on\n"
                             "isn: server 7 client 4294967295\n"
                             "server listen\n";
    Scenario sc;
    std::vector<ParseError> errors;
    QVERIFY(parseScenario(text, "h.tcplab", sc, errors));
    QCOMPARE(q(sc.fileName), QStringLiteral("h.tcplab"));
    QCOMPARE(q(sc.title), QStringLiteral("Lost final ACK — why TIME_WAIT waits 2MSL"));
    QCOMPARE(q(sc.why), QStringLiteral("the last ACK can be lost; TIME_WAIT re-ACKs the FIN"));
    QCOMPARE(sc.mode, Mode::Sim);
    QCOMPARE(sc.latency, std::int64_t(2500));
    QCOMPARE(sc.msl, std::int64_t(2'000'000));
    QCOMPARE(sc.rto, std::int64_t(200'000));
    QCOMPARE(sc.delayedAck, true);
    QCOMPARE(sc.isnFor(tcplab::EndpointId::client()), 4294967295u);
    QCOMPARE(sc.isnFor(tcplab::EndpointId::server()), 7u);
    QCOMPARE(int(sc.steps.size()), 1);
    QCOMPARE(sc.steps[0].line, 9);
    // No Chinese given: English in either language.
    QCOMPARE(q(sc.titleIn("zh_CN")), q(sc.title));
    QCOMPARE(q(sc.whyIn("zh_CN")), q(sc.why));

    // The title and the sentence in Simplified Chinese too, chosen by the language.
    QVERIFY(parseScenario("title: Half-close\n"
                          "title.zh_CN: 半关闭  # a comment\n"
                          "why: FIN closes one direction.\n"
                          "why.zh_CN: FIN 只关闭一个方向。\n"
                          "server listen\n",
                          "z", sc, errors));
    QCOMPARE(q(sc.titleIn("en")), QStringLiteral("Half-close"));
    QCOMPARE(q(sc.titleIn("zh_CN")), QStringLiteral("半关闭"));
    QCOMPARE(q(sc.whyIn("en")), QStringLiteral("FIN closes one direction."));
    QCOMPARE(q(sc.whyIn("zh_CN")), QStringLiteral("FIN 只关闭一个方向。"));
    QCOMPARE(q(sc.titleIn("fr")), QStringLiteral("Half-close"));

    QVERIFY(parseScenario("mode: live\ndelayed-ack: off\nlatency: 0ms\nserver listen", "x", sc,
                          errors));
    QCOMPARE(sc.mode, Mode::Live);
    QCOMPARE(sc.delayedAck, false);
    QCOMPARE(sc.latency, std::int64_t(0));
    QVERIFY(parseScenario("mode: both\nserver listen", "x", sc, errors));
    QCOMPARE(sc.mode, Mode::Both);

    // Counterfactual protocols: not TCP, so simulator-only, and the scenario says so.
    QVERIFY(parseScenario("handshake: two-way\ntime-wait: off\nserver listen", "x", sc, errors));
    QCOMPARE(sc.handshake, Handshake::TwoWay);
    QCOMPARE(sc.timeWait, false);
    QVERIFY(sc.counterfactual());
    QCOMPARE(sc.mode, Mode::Sim); // where it runs unless it says otherwise
    QVERIFY(parseScenario("handshake: three-way\ntime-wait: on\nserver listen", "x", sc, errors));
    QVERIFY(!sc.counterfactual());
    QCOMPARE(sc.mode, Mode::Both);
}

void TestParser::headerDefaults()
{
    Scenario sc;
    std::vector<ParseError> errors;
    QVERIFY(parseScenario("client connect\n", "d", sc, errors));
    const Scenario defaults;
    QCOMPARE(q(sc.title), QString());
    QCOMPARE(sc.mode, Mode::Both);
    QCOMPARE(sc.latency, defaults.latency);
    QCOMPARE(sc.msl, defaults.msl);
    QCOMPARE(sc.rto, defaults.rto);
    QCOMPARE(sc.delayedAck, false);
    QCOMPARE(sc.isnFor(tcplab::EndpointId::client()), defaults.isnFor(tcplab::EndpointId::client()));
    QCOMPARE(sc.isnFor(tcplab::EndpointId::server()), defaults.isnFor(tcplab::EndpointId::server()));
}

void TestParser::durations_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("us");
    QTest::newRow("us") << QStringLiteral("250us") << qint64(250);
    QTest::newRow("ms") << QStringLiteral("40ms") << qint64(40'000);
    QTest::newRow("s") << QStringLiteral("2s") << qint64(2'000'000);
    QTest::newRow("min") << QStringLiteral("2min") << qint64(120'000'000);
    QTest::newRow("decimal s") << QStringLiteral("1.5s") << qint64(1'500'000);
    QTest::newRow("decimal ms") << QStringLiteral("0.25ms") << qint64(250);
    QTest::newRow("decimal min") << QStringLiteral("1.5min") << qint64(90'000'000);
    QTest::newRow("trailing zeros") << QStringLiteral("1.500000000s") << qint64(1'500'000);
    QTest::newRow("zero") << QStringLiteral("0ms") << qint64(0);
    QTest::newRow("leading zeros") << QStringLiteral("007s") << qint64(7'000'000);
}

void TestParser::durations()
{
    QFETCH(QString, text);
    QFETCH(qint64, us);
    std::int64_t got = -1;
    QVERIFY(parseDuration(text.toStdString(), got));
    QCOMPARE(qint64(got), us);
}

void TestParser::badDurations_data()
{
    QTest::addColumn<QString>("text");
    for (const char *bad : {"", "40", "ms", "1.s", ".5s", "-1s", "1.5", "2 s", "2S", "1.0000005s",
                            "0.5us", "1e3ms", "99999999999999999999s", "9999999999999min"})
        QTest::newRow(bad) << QString::fromUtf8(bad);
}

void TestParser::badDurations()
{
    QFETCH(QString, text);
    std::int64_t got = 42;
    QVERIFY(!parseDuration(text.toStdString(), got));
}

void TestParser::formatDurations_data()
{
    QTest::addColumn<qint64>("us");
    QTest::addColumn<QString>("text");
    QTest::newRow("0") << qint64(0) << QStringLiteral("0s");
    QTest::newRow("250us") << qint64(250) << QStringLiteral("250us");
    QTest::newRow("200ms") << qint64(200'000) << QStringLiteral("200ms");
    QTest::newRow("999ms") << qint64(999'000) << QStringLiteral("999ms");
    QTest::newRow("90s") << qint64(90'000'000) << QStringLiteral("90s");
    QTest::newRow("1.5001s") << qint64(1'500'100) << QStringLiteral("1.5001s");
    QTest::newRow("1.0000001min?") << qint64(60'000'001) << QStringLiteral("60.000001s");
    QTest::newRow("2.5ms") << qint64(2500) << QStringLiteral("2.5ms");
    QTest::newRow("40ms") << qint64(40'000) << QStringLiteral("40ms");
    QTest::newRow("1.5s") << qint64(1'500'000) << QStringLiteral("1.5s");
    QTest::newRow("2s") << qint64(2'000'000) << QStringLiteral("2s");
    QTest::newRow("60s") << qint64(60'000'000) << QStringLiteral("60s");
    QTest::newRow("61s") << qint64(61'000'000) << QStringLiteral("61s");
    QTest::newRow("2min") << qint64(120'000'000) << QStringLiteral("2min");
    QTest::newRow("1.234567s") << qint64(1'234'567) << QStringLiteral("1.234567s");
    QTest::newRow("1.05s") << qint64(1'050'000) << QStringLiteral("1.05s");
}

void TestParser::formatDurations()
{
    QFETCH(qint64, us);
    QFETCH(QString, text);
    QCOMPARE(q(formatDuration(us)), text);
    std::int64_t back = -1;
    QVERIFY(parseDuration(text.toStdString(), back));
    QCOMPARE(qint64(back), us);
}

void TestParser::wholeFile()
{
    const std::string text = "title: Lost final ACK — why TIME_WAIT waits 2MSL\n"
                             "mode: both            # sim | live | both\n"
                             "latency: 5ms          # simulator: one-way delay\n"
                             "msl: 2s\n"
                             "\n"
                             "server listen\n"
                             "client connect\n"
                             "wait client ESTABLISHED\n"
                             "server accept\n"
                             "note the client closes first\n"
                             "client close                     # active close: FIN\n"
                             "wait server CLOSE_WAIT\n"
                             "server recv                      # returns EOF (0)\n"
                             "expect server returned EOF\n"
                             "drop next client->server         # lose the final ACK\n"
                             "server close\n"
                             "wait server CLOSED timeout 10s\n"
                             "expect client TIME_WAIT\n";
    Scenario sc;
    std::vector<ParseError> errors;
    QVERIFY(parseScenario(text, "lost-ack.tcplab", sc, errors));
    QCOMPARE(sc.latency, std::int64_t(5000));
    QCOMPARE(sc.msl, std::int64_t(2'000'000));
    QStringList got;
    for (const Step &s : sc.steps)
        got << QString::number(s.line) + QStringLiteral(": ") + q(stepToText(s));
    const QStringList expected{
        QStringLiteral("6: server listen"),
        QStringLiteral("7: client connect"),
        QStringLiteral("8: wait client ESTABLISHED"),
        QStringLiteral("9: server accept"),
        QStringLiteral("10: note the client closes first"),
        QStringLiteral("11: client close"),
        QStringLiteral("12: wait server CLOSE_WAIT"),
        QStringLiteral("13: server recv"),
        QStringLiteral("14: expect server returned EOF"),
        QStringLiteral("15: drop next client->server"),
        QStringLiteral("16: server close"),
        QStringLiteral("17: wait server CLOSED timeout 10s"),
        QStringLiteral("18: expect client TIME_WAIT"),
    };
    QCOMPARE(got, expected);
}

void TestParser::everyErrorOfAFile()
{
    const std::string text = "title: typos\n"
                             "server lisen\n"
                             "client conect\n"
                             "wait client ESTABLISHED\n"
                             "wait client SYN_SEND\n"
                             "sleep 40\n"
                             "mode: sim\n";
    QCOMPARE(errorsOf(text),
             (QStringList{
                 QStringLiteral("t.tcplab:2:8: unknown call \"lisen\" (did you mean \"listen\"?)"),
                 QStringLiteral("t.tcplab:3:8: unknown call \"conect\" (did you mean \"connect\"?)"),
                 QStringLiteral("t.tcplab:5:13: unknown state \"SYN_SEND\" (did you mean "
                                "\"SYN_SENT\"?)"),
                 QStringLiteral("t.tcplab:6:7: duration needs a unit: 40ms, 2s"),
                 QStringLiteral("t.tcplab:7:1: \"mode:\" must come before the first step"),
             }));
    Scenario sc;
    std::vector<ParseError> errors;
    QVERIFY(!parseScenario(text, "t.tcplab", sc, errors));
    QVERIFY(sc.steps.empty()); // nothing runs
}

void TestParser::blankStepLine()
{
    for (const char *line : {"", "   ", "# only a comment", "\t# x\r\n"}) {
        Step s;
        s.body = CallStep{};
        ParseError e;
        QVERIFY(parseStepLine(line, 3, s, e));
        QCOMPARE(s.kind(), Step::Kind::Note);
        QCOMPARE(q(s.as<NoteStep>().text), QString());
        QCOMPARE(s.line, 3);
        QCOMPARE(q(stepToText(s)), QString());
    }
}

void TestParser::modeNames()
{
    QCOMPARE(QString::fromLatin1(modeName(Mode::Sim)), QStringLiteral("sim"));
    QCOMPARE(QString::fromLatin1(modeName(Mode::Live)), QStringLiteral("live"));
    QCOMPARE(QString::fromLatin1(modeName(Mode::Both)), QStringLiteral("both"));
}

void TestParser::errorFormat()
{
    const ParseError e{7, 8, "unknown call \"conect\" (did you mean \"connect\"?)", {}};
    QCOMPARE(q(e.format("handshake.tcplab")),
             QStringLiteral("handshake.tcplab:7:8: unknown call \"conect\" (did you mean "
                            "\"connect\"?)"));
    QCOMPARE(q(e.format("")),
             QStringLiteral("7:8: unknown call \"conect\" (did you mean \"connect\"?)"));
}


// Issue 11, item 10: a NUL or a byte that is not UTF-8 is shown as \xNN, never raw; valid
// UTF-8 (é, CJK) is kept as written.
void TestParser::badBytesEscaped()
{
    const std::string text = "server listen\nclient co" + std::string(1, '\0')
                             + "nnect\nclient \xff\xfe\n" + "expect client returned \xc3\n"
                             + "expect client returned \xe9t\xc3\xa9\n";
    const QStringList expected{
        QStringLiteral("t.tcplab:2:8: unknown call \"co\\x00nnect\" (did you mean "
                       "\"connect\"?)"),
        QStringLiteral("t.tcplab:3:8: unknown call \"\\xff\\xfe\"; the calls are listen, "
                       "connect, accept, send, recv, shutdown, close, abort, exit"),
        QStringLiteral("t.tcplab:4:24: unknown value \"\\xc3\"; expected a byte count, EOF or "
                       "an error name such as ECONNRESET"),
        QString::fromUtf8("t.tcplab:5:24: unknown value \"\\xe9té\"; expected a byte count, "
                          "EOF or an error name such as ECONNRESET")};
    QCOMPARE(errorsOf(text), expected);
}

// Issue 11, item 9: a line has a length limit that the error names; the rest of the file is
// still checked.
void TestParser::longLines()
{
    const std::string longNote = "note " + std::string(50'000'000, 'x');
    const std::string limit = "note " + std::string(kMaxLineLength - 5, 'x');
    QCOMPARE(errorsOf("server listen\n" + longNote + "\n" + limit + "\nclient lisen\n"),
             (QStringList{QStringLiteral("t.tcplab:2:1: the line is 50000005 bytes long; a line "
                                         "holds at most 4096 bytes"),
                          QStringLiteral("t.tcplab:4:8: unknown call \"lisen\" (did you mean "
                                         "\"listen\"?)")}));
    Step s;
    ParseError e;
    QVERIFY(!parseStepLine("sleep 2s " + std::string(5000, ' '), 3, s, e));
    QCOMPARE(q(e.format("")), QStringLiteral("3:1: the line is 5009 bytes long; a line holds at "
                                             "most 4096 bytes"));
}

void TestParser::tooManyLines()
{
    std::string text;
    for (int i = 0; i < kMaxLines; ++i)
        text += "sleep 1ms\n";
    Scenario sc;
    std::vector<ParseError> errors;
    QVERIFY(parseScenario(text, "t.tcplab", sc, errors));
    QCOMPARE(int(sc.steps.size()), kMaxLines);
    QCOMPARE(errorsOf(text + "sleep 1ms\n"),
             QStringList{QStringLiteral("t.tcplab:%1:1: the file goes on past line %2; a scenario "
                                        "holds at most %2 lines")
                             .arg(kMaxLines + 1)
                             .arg(kMaxLines)});
}

// "Did you mean" is not looked for when a word is far longer than every candidate (2 MB took
// 28 s when it was): the error names the word without a suggestion. (What parsing costs is
// for a benchmark to print, not for a test to time.)
void TestParser::hugeWordIsCheap()
{
    Step s;
    ParseError e;
    QVERIFY(!parseStepLine("client " + std::string(4000, 'c'), 1, s, e));
    const QString text = q(e.format(""));
    QVERIFY2(text.contains(QLatin1String("unknown call")), qPrintable(text));
    QVERIFY2(!text.contains(QLatin1String("did you mean")), qPrintable(text));
}

QTEST_APPLESS_MAIN(TestParser)
#include "tst_parser.moc"
