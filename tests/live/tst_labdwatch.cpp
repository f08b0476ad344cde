// Host watch (`watch --port N`): states of connections other programs make on the host's
// loopback, from sock_diag, and their segments when capturing is permitted.
#include "labdprocess.h"

#include <QProcess>
#include <QStandardPaths>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace labdtest;

namespace {

sockaddr_in loopback(std::uint16_t port)
{
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return a;
}

// A port nobody uses right now: the kernel picks one for a socket bound to port 0.
std::uint16_t freePort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a = loopback(0);
    socklen_t len = sizeof a;
    ::bind(fd, reinterpret_cast<sockaddr *>(&a), sizeof a);
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&a), &len);
    ::close(fd);
    return ntohs(a.sin_port);
}

} // namespace

class TstLabdWatch : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void watchesAConnection()
    {
        const std::uint16_t port = freePort();
        QProcess watch;
        Output out;
        QByteArray pending;
        connect(&watch, &QProcess::readyReadStandardOutput, this, [&] {
            pending += watch.readAllStandardOutput();
            int nl;
            while ((nl = pending.indexOf('\n')) >= 0) {
                addLine(out, pending.left(nl));
                pending.remove(0, nl + 1);
            }
        });
        watch.start(labdPath(), {QStringLiteral("watch"), QStringLiteral("--port"),
                                 QString::number(port), QStringLiteral("--format"),
                                 QStringLiteral("jsonl")});
        QVERIFY(watch.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(!out.trace.empty(), 10000); // "watching TCP port ..."

        // Another program's connection: listen, connect, accept, the client closes first.
        const int l = ::socket(AF_INET, SOCK_STREAM, 0);
        const int one = 1;
        ::setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        sockaddr_in a = loopback(port);
        QCOMPARE(::bind(l, reinterpret_cast<sockaddr *>(&a), sizeof a), 0);
        QCOMPARE(::listen(l, 4), 0);
        QTRY_VERIFY_WITH_TIMEOUT(hasState(out.trace, "listener", "LISTEN", "kernel"), 10000);
        const int c = ::socket(AF_INET, SOCK_STREAM, 0);
        QCOMPARE(::connect(c, reinterpret_cast<sockaddr *>(&a), sizeof a), 0);
        const int s = ::accept(l, nullptr, nullptr);
        QVERIFY(s >= 0);
        QTRY_VERIFY_WITH_TIMEOUT(hasState(out.trace, "server", "ESTABLISHED", "kernel"), 10000);
        ::close(c);
        QTRY_VERIFY_WITH_TIMEOUT(hasState(out.trace, "server", "CLOSE_WAIT", "kernel"), 10000);
        ::close(s);
        ::close(l);
        QTRY_VERIFY_WITH_TIMEOUT(hasState(out.trace, "client", "TIME_WAIT", "kernel"), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(hasState(out.trace, "listener", "CLOSED", "kernel"), 10000);

        if (::geteuid() == 0) { // root may capture: the segments are there too
            QTRY_VERIFY_WITH_TIMEOUT(segments(out.trace).size() >= 7, 10000);
            const QStringList wire = segments(out.trace);
            QCOMPARE(wire.mid(0, 3), (QStringList{QStringLiteral("client->server SYN"),
                                                  QStringLiteral("server->client SYN+ACK"),
                                                  QStringLiteral("client->server ACK")}));
            QVERIFY2(wire.contains(QStringLiteral("client->server FIN+ACK")),
                     qPrintable(wire.join(QLatin1Char('\n'))));
        }
        watch.terminate(); // SIGTERM ends the watch like Ctrl+C
        QVERIFY(watch.waitForFinished(10000));
        QCOMPARE(watch.exitStatus(), QProcess::NormalExit);
        QCOMPARE(watch.exitCode(), 0);
        QVERIFY2(out.unreadable.isEmpty(), qPrintable(out.unreadable.join(QLatin1Char('\n'))));
        // Segments (capture time), states (snapshot time) and notes come out in time order
        // (issue 11, item 7: a note or a state was printed before an earlier segment).
        for (std::size_t i = 1; i < out.trace.events.size(); ++i)
            QVERIFY2(out.trace.events[i - 1].t <= out.trace.events[i].t,
                     qPrintable(QStringLiteral("line %1 is earlier than the line before it:\n")
                                    .arg(i + 1)
                                + out.lines.join(QLatin1Char('\n'))));
    }

    void withoutCapNetRawSaysHowToGrantIt()
    {
        const QString setpriv = QStandardPaths::findExecutable(QStringLiteral("setpriv"));
        if (::geteuid() != 0 || setpriv.isEmpty())
            QSKIP("dropping CAP_NET_RAW for this test needs root and setpriv");
        QProcess p;
        p.start(setpriv, {QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"),
                          QStringLiteral("--clear-groups"), labdPath(), QStringLiteral("watch"),
                          QStringLiteral("--port"), QString::number(freePort()),
                          QStringLiteral("--duration"), QStringLiteral("100ms")});
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitCode(), 0);
        const QString text = QString::fromLocal8Bit(p.readAllStandardOutput());
        QVERIFY2(text.contains(QStringLiteral("sudo setcap cap_net_raw+ep ") + labdPath()),
                 qPrintable(text));
    }
};

QTEST_GUILESS_MAIN(TstLabdWatch)
#include "tst_labdwatch.moc"
