// tcplab-labd interactive: steps one at a time on stdin, a reply after each, and events that
// keep streaming while no command runs (the GUI's interactive lab).
#include "labdprocess.h"

#include <QProcess>

using namespace labdtest;

class TstLabdInteractive : public QObject {
    Q_OBJECT

private:
    QProcess m_labd;
    Output m_out;
    QByteArray m_pending;

    int replies() const
    {
        int n = 0;
        for (const tcplab::JsonObject &o : m_out.protocol)
            n += o.at("type").s == "reply";
        return n;
    }

    void send(const char *line) { m_labd.write(QByteArray(line) + '\n'); }

private Q_SLOTS:
    void initTestCase()
    {
        REQUIRE_LIVE_LAB();
        connect(&m_labd, &QProcess::readyReadStandardOutput, this, [this] {
            m_pending += m_labd.readAllStandardOutput();
            int nl;
            while ((nl = m_pending.indexOf('\n')) >= 0) {
                addLine(m_out, m_pending.left(nl));
                m_pending.remove(0, nl + 1);
            }
        });
        m_labd.start(labdPath(), {QStringLiteral("interactive")});
        QVERIFY(m_labd.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(!m_out.lines.isEmpty(), 10000);
        QCOMPARE(m_out.lines.first(), QStringLiteral("{\"type\":\"ready\",\"netns\":\"private\"}"));
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
        QVERIFY(m_out.text("reply", "message").startsWith(QStringLiteral("line 4, column 8: ")));
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
        QCOMPARE(m_out.text("reply", "result"), QStringLiteral("100"));
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
