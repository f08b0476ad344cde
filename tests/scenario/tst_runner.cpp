// The runner's meaning of calls, wait, expect, faults and notes, against a scripted driver that
// records every request as a line of text.
#include "messagecheck.h"
#include "scenario/runner.h"

#include "tracestrings.h"

#include <QTest>

#include <deque>
#include <map>

using namespace scenario;

namespace {

QString q(const std::string &s) { return QString::fromStdString(s); }
QString callName(std::optional<tcp::Call> c)
{
    return c ? QString::fromUtf8(tcp::callName(*c)) : QString();
}

class FakeDriver : public Driver {
public:
    std::string call(const CallStep &c, int, std::int64_t timeoutUs) override
    {
        Step step;
        step.body = c;
        log << QStringLiteral("call %1 timeout %2")
                   .arg(q(stepToText(step)), q(formatDuration(timeoutUs)));
        return c.background ? std::string() : pop();
    }
    std::string finishCall(tcplab::EndpointId ep, std::int64_t timeoutUs) override
    {
        log << QStringLiteral("finishCall %1 %2")
                   .arg(q(tcplab::endpointName(ep)), q(formatDuration(timeoutUs)));
        return pop();
    }
    bool waitState(tcplab::EndpointId ep, tcp::State state, std::int64_t timeoutUs) override
    {
        log << QStringLiteral("waitState %1 %2 %3")
                   .arg(q(tcplab::endpointName(ep)), QString::fromUtf8(tcp::stateName(state)),
                        q(formatDuration(timeoutUs)));
        const bool ok = waits.empty() || waits.front();
        if (!waits.empty())
            waits.pop_front();
        if (ok)
            states[tcplab::endpointName(ep)] = tcp::stateName(state);
        return ok;
    }
    tcp::State state(tcplab::EndpointId ep) override
    {
        const std::string name = tcplab::endpointName(ep);
        log << QStringLiteral("state %1").arg(q(name));
        return states.count(name) ? tcplab::stateOf(states[name]) : tcp::State::Closed;
    }
    void sleep(std::int64_t us) override
    {
        log << QStringLiteral("sleep %1").arg(q(formatDuration(us)));
    }
    tcplab::Message addFault(const FaultStep &f, int) override
    {
        Step step;
        step.body = f;
        log << QStringLiteral("addFault %1").arg(q(stepToText(step)));
        return f.action == FaultAction::Duplicate ? tcplab::word(refuseDuplicate)
                                                  : tcplab::Message();
    }
    void note(const std::string &text, int line) override
    {
        log << QStringLiteral("note %1 (line %2)").arg(q(text)).arg(line);
    }
    void finish() override { log << QStringLiteral("finish"); }

    QStringList log;
    std::deque<std::string> results; // for call() and finishCall(), in order
    std::deque<bool> waits;          // waitState() answers; true when empty
    std::map<std::string, std::string> states;
    std::string refuseDuplicate;

private:
    std::string pop()
    {
        if (results.empty())
            return "0";
        std::string r = results.front();
        results.pop_front();
        return r;
    }
};

Scenario parse(const std::string &text)
{
    Scenario sc;
    std::vector<ParseError> errors;
    if (!parseScenario(text, "r.tcplab", sc, errors))
        qFatal("bad test scenario: %s", errors.front().format("r.tcplab").c_str());
    return sc;
}

// A failure's message also says why as a translated template (messagecheck.h); any problem
// with that is appended, so that the comparison fails and shows it.
QString describe(const RunResult &r)
{
    QString out = QStringLiteral("ok=%1 line=%2 %3")
                      .arg(r.ok ? QStringLiteral("true") : QStringLiteral("false"))
                      .arg(r.line)
                      .arg(q(r.message));
    if (!r.ok) {
        const QStringList problems = messagecheck::problems(r.message, lineMessage(r.line, r.why));
        if (!problems.isEmpty())
            out += QStringLiteral(" [") + problems.join(QStringLiteral("; ")) + QLatin1Char(']');
    }
    return out;
}

} // namespace

class TestRunner : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void handshakeHolds();
    void waitTimesOut();
    void waitAndCallTimeouts();
    void expectStateFails();
    void expectReturnedFails();
    void recvEofIsZero();
    void expectReturnedBeforeAnyCall();
    void lastResultIsPerEndpoint();
    void backgroundCallCollected();
    void backgroundCallStillBlocked();
    void callWhilePending();
    void waitWhilePendingIsFine();
    void faultRefused();
    void notesAndSleep();
    void runStepAlone();
};

void TestRunner::handshakeHolds()
{
    FakeDriver d;
    d.results = {"0", "0", "0"};
    d.states = {{"server", "ESTABLISHED"}};
    Runner runner(d);
    const RunResult r = runner.run(parse("title: handshake\n"
                                         "server listen\n"
                                         "client connect\n"
                                         "wait client ESTABLISHED\n"
                                         "server accept\n"
                                         "expect server ESTABLISHED\n"
                                         "expect client returned 0\n"));
    QCOMPARE(describe(r), QStringLiteral("ok=true line=0 "));
    QCOMPARE(d.log, (QStringList{
                        QStringLiteral("call server listen timeout 10s"),
                        QStringLiteral("call client connect timeout 10s"),
                        QStringLiteral("waitState client ESTABLISHED 5s"),
                        QStringLiteral("call server accept timeout 10s"),
                        QStringLiteral("state server"),
                        QStringLiteral("finish"),
                    }));
}

void TestRunner::waitTimesOut()
{
    FakeDriver d;
    d.waits = {false};
    d.states = {{"client", "FIN_WAIT_2"}};
    Runner runner(d);
    const RunResult r = runner.run(parse("client close\n"
                                         "wait client TIME_WAIT\n"
                                         "client exit\n"));
    QCOMPARE(describe(r), QStringLiteral("ok=false line=2 line 2: client did not reach "
                                         "TIME_WAIT within 5s (it is FIN_WAIT_2)"));
    // Stops at the failure, and finishes anyway.
    QCOMPARE(d.log, (QStringList{
                        QStringLiteral("call client close timeout 10s"),
                        QStringLiteral("waitState client TIME_WAIT 5s"),
                        QStringLiteral("state client"),
                        QStringLiteral("finish"),
                    }));
}

void TestRunner::waitAndCallTimeouts()
{
    FakeDriver d;
    d.waits = {true, false};
    d.states = {{"server", "LAST_ACK"}};
    Runner runner(d);
    const RunResult r = runner.run(parse("client connect timeout 2s\n"
                                         "wait client ESTABLISHED timeout 250ms\n"
                                         "wait server CLOSED timeout 1.5min\n"));
    QCOMPARE(describe(r), QStringLiteral("ok=false line=3 line 3: server did not reach CLOSED "
                                         "within 90s (it is LAST_ACK)"));
    QCOMPARE(d.log, (QStringList{
                        QStringLiteral("call client connect timeout 2s timeout 2s"),
                        QStringLiteral("waitState client ESTABLISHED 250ms"),
                        QStringLiteral("waitState server CLOSED 90s"),
                        QStringLiteral("state server"),
                        QStringLiteral("finish"),
                    }));
}

void TestRunner::expectStateFails()
{
    FakeDriver d;
    d.states = {{"server", "ESTABLISHED"}};
    Runner runner(d);
    const RunResult r = runner.run(parse("client close\nexpect server CLOSE_WAIT\nclient exit\n"));
    QCOMPARE(describe(r),
             QStringLiteral("ok=false line=2 line 2: expected server CLOSE_WAIT, is ESTABLISHED"));
    QCOMPARE(d.log, (QStringList{
                        QStringLiteral("call client close timeout 10s"),
                        QStringLiteral("state server"),
                        QStringLiteral("finish"),
                    }));
}

void TestRunner::expectReturnedFails()
{
    FakeDriver d;
    d.results = {"100"};
    Runner runner(d);
    const RunResult r = runner.run(parse("client recv\nexpect client returned EOF\n"));
    QCOMPARE(describe(r), QStringLiteral("ok=false line=2 line 2: expected client's last call "
                                         "(recv) to return EOF, it returned 100"));
    QCOMPARE(d.log, (QStringList{
                        QStringLiteral("call client recv timeout 10s"),
                        QStringLiteral("finish"),
                    }));
    QCOMPARE(q(runner.lastResult(tcplab::ep("client"))), QStringLiteral("100"));
    QCOMPARE(callName(runner.lastCall(tcplab::ep("client"))), QStringLiteral("recv"));
}

void TestRunner::recvEofIsZero()
{
    // recv returns 0 at end of file: either spelling holds, whichever the driver reports.
    FakeDriver d;
    d.results = {"EOF", "0", "0"};
    Runner runner(d);
    QCOMPARE(describe(runner.run(parse("server recv\nexpect server returned 0\n"
                                       "server recv\nexpect server returned EOF\n"))),
             QStringLiteral("ok=true line=0 "));
    // Not for other calls: close returning 0 is not EOF.
    const RunResult r = runner.run(parse("server close\nexpect server returned EOF\n"));
    QCOMPARE(describe(r), QStringLiteral("ok=false line=2 line 2: expected server's last call "
                                         "(close) to return EOF, it returned 0"));
}

void TestRunner::expectReturnedBeforeAnyCall()
{
    FakeDriver d;
    Runner runner(d);
    const RunResult r = runner.run(parse("server listen\nexpect client returned 0\n"));
    QCOMPARE(describe(r),
             QStringLiteral("ok=false line=2 line 2: client has made no call yet"));
    QCOMPARE(d.log, (QStringList{
                        QStringLiteral("call server listen timeout 10s"),
                        QStringLiteral("finish"),
                    }));
}

void TestRunner::lastResultIsPerEndpoint()
{
    FakeDriver d;
    d.results = {"ECONNREFUSED", "0"};
    Runner runner(d);
    const RunResult r = runner.run(parse("client connect\n"
                                         "server listen\n"
                                         "expect client returned ECONNREFUSED\n"
                                         "expect server returned 0\n"
                                         "expect server returned ECONNREFUSED\n"));
    QCOMPARE(describe(r), QStringLiteral("ok=false line=5 line 5: expected server's last call "
                                         "(listen) to return ECONNREFUSED, it returned 0"));
}

void TestRunner::backgroundCallCollected()
{
    FakeDriver d;
    d.results = {"0", "ETIMEDOUT"};
    d.states = {{"client", "SYN_SENT"}};
    Runner runner(d);
    const RunResult r = runner.run(parse("drop all client->server SYN\n"
                                         "client connect &\n"
                                         "expect client SYN_SENT\n"
                                         "server listen\n"
                                         "expect client returned ETIMEDOUT\n"
                                         "client connect\n"));
    QCOMPARE(describe(r), QStringLiteral("ok=true line=0 "));
    QCOMPARE(d.log, (QStringList{
                        QStringLiteral("addFault drop all client->server SYN"),
                        QStringLiteral("call client connect & timeout 10s"),
                        QStringLiteral("state client"),
                        QStringLiteral("call server listen timeout 10s"),
                        QStringLiteral("finishCall client 10s"),
                        QStringLiteral("call client connect timeout 10s"),
                        QStringLiteral("finish"),
                    }));
    QCOMPARE(callName(runner.lastCall(tcplab::ep("client"))), QStringLiteral("connect"));
    QVERIFY(!runner.hasPendingCall(tcplab::ep("client")));
}

void TestRunner::backgroundCallStillBlocked()
{
    FakeDriver d;
    d.results = {""};
    Runner runner(d);
    const RunResult r = runner.run(parse("server accept &\nexpect server returned 0\n"));
    QCOMPARE(describe(r), QStringLiteral("ok=false line=2 line 2: server's call (accept &) is "
                                         "still blocked after 10s"));
    QCOMPARE(d.log, (QStringList{
                        QStringLiteral("call server accept & timeout 10s"),
                        QStringLiteral("finishCall server 10s"),
                        QStringLiteral("finish"),
                    }));
    QVERIFY(runner.hasPendingCall(tcplab::ep("server")));
}

void TestRunner::callWhilePending()
{
    FakeDriver d;
    Runner runner(d);
    const RunResult r = runner.run(parse("client connect &\nserver listen\nclient send 10\n"));
    QCOMPARE(describe(r),
             QStringLiteral("ok=false line=3 line 3: client has a call still in progress "
                            "(connect &); collect it with `expect client returned ...`"));
    QCOMPARE(d.log, (QStringList{
                        QStringLiteral("call client connect & timeout 10s"),
                        QStringLiteral("call server listen timeout 10s"),
                        QStringLiteral("finish"),
                    }));
}

void TestRunner::waitWhilePendingIsFine()
{
    FakeDriver d;
    d.results = {"0", "5"};
    Runner runner(d);
    const RunResult r = runner.run(parse("server recv 5 timeout 1s &\n"
                                         "client send 5\n"
                                         "wait server ESTABLISHED\n"
                                         "expect client returned 0\n"
                                         "expect server returned 5\n"));
    QCOMPARE(describe(r), QStringLiteral("ok=true line=0 "));
    QCOMPARE(d.log, (QStringList{
                        QStringLiteral("call server recv 5 timeout 1s & timeout 1s"),
                        QStringLiteral("call client send 5 timeout 10s"),
                        QStringLiteral("waitState server ESTABLISHED 5s"),
                        QStringLiteral("finishCall server 10s"),
                        QStringLiteral("finish"),
                    }));
}

void TestRunner::faultRefused()
{
    FakeDriver d;
    d.refuseDuplicate = "duplicate is simulator-only";
    Runner runner(d);
    const RunResult r = runner.run(parse("drop next client->server\n"
                                         "delay server->client FIN+ACK by 100ms\n"
                                         "duplicate next server->client\n"
                                         "server listen\n"));
    QCOMPARE(describe(r),
             QStringLiteral("ok=false line=3 line 3: duplicate is simulator-only"));
    QCOMPARE(d.log, (QStringList{
                        QStringLiteral("addFault drop next client->server"),
                        QStringLiteral("addFault delay server->client FIN+ACK by 100ms"),
                        QStringLiteral("addFault duplicate next server->client"),
                        QStringLiteral("finish"),
                    }));
}

void TestRunner::notesAndSleep()
{
    FakeDriver d;
    Runner runner(d);
    const RunResult r = runner.run(parse("# a comment\nnote TIME_WAIT starts # here\n"
                                         "sleep 1.5s\n"));
    QCOMPARE(describe(r), QStringLiteral("ok=true line=0 "));
    QCOMPARE(d.log, (QStringList{
                        QStringLiteral("note TIME_WAIT starts # here (line 2)"),
                        QStringLiteral("sleep 1.5s"),
                        QStringLiteral("finish"),
                    }));
}

void TestRunner::runStepAlone()
{
    // The interactive lab runs one step at a time and never calls finish() in between.
    FakeDriver d;
    d.results = {"ECONNRESET"};
    Runner runner(d);
    RunResult result;
    Step s;
    ParseError e;
    QVERIFY(parseStepLine("client send 100", 1, s, e));
    QVERIFY(runner.runStep(s, result));
    QVERIFY(parseStepLine("", 2, s, e)); // a blank line: nothing happens
    QVERIFY(runner.runStep(s, result));
    QVERIFY(parseStepLine("expect client returned EPIPE", 3, s, e));
    QVERIFY(!runner.runStep(s, result));
    QCOMPARE(describe(result), QStringLiteral("ok=false line=3 line 3: expected client's last "
                                              "call (send) to return EPIPE, it returned "
                                              "ECONNRESET"));
    QCOMPARE(d.log, QStringList{QStringLiteral("call client send 100 timeout 10s")});
    QCOMPARE(q(runner.lastResult(tcplab::ep("client"))), QStringLiteral("ECONNRESET"));
    QCOMPARE(q(runner.lastResult(tcplab::ep("server"))), QString());
}

QTEST_APPLESS_MAIN(TestRunner)
#include "tst_runner.moc"
