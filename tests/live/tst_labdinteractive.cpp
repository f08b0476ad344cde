// tcplab-labd interactive: steps one at a time on stdin, a reply after each, and events that
// keep streaming while no command runs (the GUI's interactive lab).
#include "labdprocess.h"

#include <QElapsedTimer>
#include <QProcess>

using namespace labdtest;

class TstLabdInteractive : public QObject {
    Q_OBJECT

private:
    QProcess m_labd;
    Output m_out;
    QByteArray m_pending;

    int replies() const { return m_out.count(tcplab::LabdMessage::Reply); }

    void send(const char *line) { m_labd.write(QByteArray(line) + '\n'); }

    // Starts `tcplab-labd interactive` in labd, its output read into out, and waits for ready.
    void startLabd(QProcess &labd, Output &out, QByteArray &pending)
    {
        connect(&labd, &QProcess::readyReadStandardOutput, this, [&labd, &out, &pending] {
            pending += labd.readAllStandardOutput();
            int nl;
            while ((nl = pending.indexOf('\n')) >= 0) {
                addLine(out, pending.left(nl));
                pending.remove(0, nl + 1);
            }
        });
        labd.start(labdPath(), {QStringLiteral("interactive")});
        QVERIFY(labd.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(!out.lines.isEmpty(), 10000);
        QCOMPARE(out.lines.first(), QStringLiteral("{\"type\":\"ready\",\"netns\":\"private\"}"));
    }

private Q_SLOTS:
    void initTestCase()
    {
        REQUIRE_LIVE_LAB();
        startLabd(m_labd, m_out, m_pending);
    }

    void stepsGetReplies()
    {
        send("server listen");
        send("client connect");
        send("server accept");
        QTRY_COMPARE_WITH_TIMEOUT(replies(), 3, 10000);
        QCOMPARE(m_out.lines.last(),
                 QStringLiteral("{\"type\":\"reply\",\"line\":3,\"ok\":true,\"result\":\"0\",\"message\":\"\"}"));
        QCOMPARE(chain(m_out.trace, "client").last(), QStringLiteral("SYN_SENT -> ESTABLISHED"));
    }

    void badLineIsRefused()
    {
        send("client conect");
        QTRY_COMPARE_WITH_TIMEOUT(replies(), 4, 10000);
        QVERIFY(m_out.message(tcplab::LabdMessage::Reply).startsWith(QStringLiteral("line 4, column 8: ")));
        QVERIFY(m_out.lines.last().contains(QStringLiteral("\"ok\":false")));
    }

    void eventsStreamBetweenCommands()
    {
        // Lose the server's data once: the kernel retransmits it ~200 ms later, while the
        // student is thinking and no command runs.
        send("drop next server->client");
        send("server send 100");
        QTRY_COMPARE_WITH_TIMEOUT(replies(), 6, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(segments(m_out.trace).contains(QStringLiteral("server->client PSH+ACK rtx")),
                                 10000);
        QCOMPARE(replies(), 6); // nothing was asked meanwhile
        send("client recv");
        QTRY_COMPARE_WITH_TIMEOUT(replies(), 7, 10000);
        QCOMPARE(QString::fromStdString(m_out.last(tcplab::LabdMessage::Reply).result), QStringLiteral("100"));
    }

    void quitEndsTheSession()
    {
        send("client close");
        send("quit");
        QTRY_VERIFY_WITH_TIMEOUT(m_labd.state() == QProcess::NotRunning, 10000);
        QCOMPARE(m_labd.exitCode(), 0);
        QCOMPARE(m_out.lines.last(), QStringLiteral("{\"type\":\"done\",\"ok\":true,\"line\":0,\"message\":\"\"}"));
        QCOMPARE(chain(m_out.trace, "server").last(), QStringLiteral("ESTABLISHED -> CLOSE_WAIT"));
    }

    // Each endpoint's call runs on its own (issue 10): a blocked accept ("&", as the app's
    // button sends it) is answered at once, the client's connect runs meanwhile, and the
    // accept returns when that connect wakes it -- not at its 10 s timeout. The session's
    // clock starts at its first step, not when the lab was set up.
    void blockedAcceptIsWokenByConnect()
    {
        QProcess labd;
        Output out;
        QByteArray pending;
        startLabd(labd, out, pending);
        QTest::qWait(1500); // the student reads before pressing anything
        QElapsedTimer clock;
        clock.start();
        labd.write("server listen\nserver accept &\n");
        QTRY_COMPARE_WITH_TIMEOUT(out.count(tcplab::LabdMessage::Reply), 2, 10000);
        QCOMPARE(QString::fromStdString(out.last(tcplab::LabdMessage::Reply).result), QString());
        QTest::qWait(300);
        QCOMPARE(out.count(tcplab::LabdMessage::Returned), 0); // still blocked
        labd.write("client connect\n");
        QTRY_COMPARE_WITH_TIMEOUT(out.count(tcplab::LabdMessage::Returned), 1, 10000);
        QVERIFY2(clock.elapsed() < 5000, "the accept waited for its timeout");
        const tcplab::LabdMessage r = out.last(tcplab::LabdMessage::Returned);
        QCOMPARE(r.line, 2);
        QCOMPARE(QString::fromStdString(r.result), QStringLiteral("0"));
        QCOMPARE(QString::fromStdString(out.last(tcplab::LabdMessage::Reply).result),
                 QStringLiteral("0")); // the connect's
        QCOMPARE(out.last(tcplab::LabdMessage::Reply).line, 3);
        // The returned line follows the connect's reply: the connect woke it.
        const auto lineWith = [&out](const char *text) {
            for (int i = 0; i < out.lines.size(); ++i)
                if (out.lines[i].contains(QLatin1String(text)))
                    return i;
            return -1;
        };
        QVERIFY(lineWith("\"type\":\"returned\"") > lineWith("\"type\":\"reply\",\"line\":3,"));
        QCOMPARE(chain(out.trace, "server").last(), QStringLiteral("SYN_RECEIVED -> ESTABLISHED"));
        std::int64_t first = out.trace.events.front().t;
        for (const tcplab::Event &e : out.trace.events)
            first = std::min(first, e.t);
        QVERIFY2(first < 500'000, qPrintable(QString::number(first)));
        labd.write("quit\n");
        QTRY_VERIFY_WITH_TIMEOUT(labd.state() == QProcess::NotRunning, 10000);
    }

    void cleanupTestCase()
    {
        if (m_labd.state() != QProcess::NotRunning) {
            m_labd.kill();
            m_labd.waitForFinished();
        }
    }
};

QTEST_GUILESS_MAIN(TstLabdInteractive)
#include "tst_labdinteractive.moc"
