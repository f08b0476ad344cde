// Killed mid-run, the live lab leaves nothing behind (issue 11, items 5 and 6, and its "kill
// test"): `tcplab-cli run --mode live --pcap OUT` killed with SIGKILL at several moments --
// just after it forks tcplab-labd included -- leaves no tcplab-labd, no endpoint child, no
// process holding the lab's namespace and no temporary capture file; nor does SIGTERM to the
// CLI alone, nor the helper's own death.
//
// Every process of a run is found by its command line: the CLI passes the scenario and the
// capture paths, both inside this test's own temporary folder, to tcplab-labd, and the endpoint
// children are forks of tcplab-labd.
#include "labdprocess.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QThread>

#include <csignal>
#include <functional>
#include <sys/types.h>
#include <unistd.h>

using namespace labdtest;

namespace {

QString cliPath() { return QStringLiteral(TCPLAB_CLI); }

QByteArray readProc(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QList<pid_t> allPids()
{
    QList<pid_t> pids;
    const QStringList names = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs);
    for (const QString &n : names) {
        bool ok = false;
        const pid_t pid = pid_t(n.toInt(&ok));
        if (ok)
            pids << pid;
    }
    return pids;
}

// Live processes (not zombies) whose command line names marker, other than `except`.
QList<pid_t> processesNaming(const QString &marker, pid_t except = -1)
{
    QList<pid_t> found;
    const QByteArray m = marker.toLocal8Bit();
    for (pid_t pid : allPids()) {
        if (pid == except || pid == ::getpid())
            continue;
        const QString dir = QStringLiteral("/proc/%1/").arg(pid);
        const QByteArray stat = readProc(dir + QStringLiteral("stat"));
        const int close = stat.lastIndexOf(')');
        if (close < 0 || stat.mid(close + 2, 1) == "Z")
            continue;
        if (readProc(dir + QStringLiteral("cmdline")).contains(m))
            found << pid;
    }
    return found;
}

QString netns(pid_t pid)
{
    return QFile::symLinkTarget(QStringLiteral("/proc/%1/ns/net").arg(pid));
}

// Processes anywhere on the machine in one of these network namespaces.
QList<pid_t> holders(const QSet<QString> &namespaces)
{
    QList<pid_t> found;
    if (namespaces.isEmpty())
        return found;
    for (pid_t pid : allPids()) {
        if (namespaces.contains(netns(pid)))
            found << pid;
    }
    return found;
}

bool hasChild(pid_t pid)
{
    const QStringList tasks = QDir(QStringLiteral("/proc/%1/task").arg(pid)).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &t : tasks) {
        if (!readProc(QStringLiteral("/proc/%1/task/%2/children").arg(pid).arg(t)).trimmed().isEmpty())
            return true;
    }
    return false;
}

QString pidList(const QList<pid_t> &pids)
{
    QStringList out;
    for (pid_t p : pids)
        out << QString::number(p) + QLatin1Char(' ')
                + QString::fromLocal8Bit(readProc(QStringLiteral("/proc/%1/cmdline").arg(p)))
                      .replace(QChar(0), QChar(' '));
    return out.join(QStringLiteral("; "));
}

} // namespace

class TstKillRun : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_cli = cliPath();
    bool m_ran = false;
    int m_labSeen = 0; // runs in which tcplab-labd was seen alive before the kill

    QString scenario()
    {
        const QString path = m_dir.filePath(QStringLiteral("long.tcplab"));
        if (!QFile::exists(path)) {
            QFile f(path);
            f.open(QIODevice::WriteOnly);
            f.write("title: A run still going when it is killed\nmode: live\n\n"
                    "server listen\nclient connect\nserver accept\n"
                    "wait server ESTABLISHED\nsleep 20s\nclient close\n");
        }
        return path;
    }

    // Everything a run left, after waiting up to 5 s for it to go: "" when nothing.
    QString leftovers(const QString &folder, const QSet<QString> &namespaces)
    {
        QElapsedTimer clock;
        clock.start();
        QList<pid_t> procs, held;
        QStringList temps;
        for (;;) {
            procs = processesNaming(folder);
            held = holders(namespaces);
            temps = QDir(folder).entryList({QStringLiteral("*.tmp.*")}, QDir::Files | QDir::Hidden);
            if ((procs.isEmpty() && held.isEmpty() && temps.isEmpty()) || clock.elapsed() > 5000)
                break;
            QThread::msleep(20);
        }
        QString what;
        if (!procs.isEmpty())
            what += QStringLiteral("processes left: ") + pidList(procs) + QLatin1Char('\n');
        if (!held.isEmpty())
            what += QStringLiteral("the lab's namespace still held by: ") + pidList(held)
                + QLatin1Char('\n');
        if (!temps.isEmpty())
            what += QStringLiteral("temporary files left: ") + temps.join(QLatin1Char(' '));
        // Leave the machine clean for the next case, whatever this one found.
        for (pid_t p : procs + held)
            ::kill(p, SIGKILL);
        return what;
    }

    // Starts the CLI on its own folder, lets `killAt` decide when, sends sig, checks what is left.
    void killRun(const QString &name, const std::function<void(QProcess &)> &waitForMoment,
                 int sig = SIGKILL)
    {
        const QString folder = m_dir.filePath(name);
        QVERIFY(QDir().mkpath(folder));
        QProcess cli;
        cli.start(m_cli, {QStringLiteral("run"), QStringLiteral("--mode"),
                              QStringLiteral("live"), QStringLiteral("--pcap"),
                              folder + QStringLiteral("/cap.pcap"), scenario(),
                              QStringLiteral("--output"), folder + QStringLiteral("/trace.txt")});
        QVERIFY(cli.waitForStarted());
        const pid_t pid = pid_t(cli.processId());
        waitForMoment(cli);
        // The lab's namespace, if it exists yet: any process in it after the kill holds it.
        QSet<QString> namespaces;
        const QString host = netns(::getpid());
        for (pid_t p : processesNaming(folder, pid)) {
            ++m_labSeen;
            const QString ns = netns(p);
            if (!ns.isEmpty() && ns != host)
                namespaces.insert(ns);
            break;
        }
        QCOMPARE(cli.state(), QProcess::Running); // killed mid-run, not after it
        ::kill(pid, sig);
        QVERIFY(cli.waitForFinished(10000));
        const QString left = leftovers(folder, namespaces);
        QVERIFY2(left.isEmpty(), qPrintable(left));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        REQUIRE_LIVE_LAB();
        m_ran = true;
    }

    // The moment the CLI has forked tcplab-labd: the child is still loading (before exec or in
    // the dynamic loader), long before the helper's main() could ask for a parent-death signal.
    void killedJustAfterTheFork()
    {
        for (int i = 0; i < 5; ++i) {
            killRun(QStringLiteral("fork%1").arg(i), [](QProcess &cli) {
                QElapsedTimer clock;
                clock.start();
                while (!hasChild(pid_t(cli.processId())) && clock.elapsed() < 10000) {
                }
            });
            if (QTest::currentTestFailed())
                return;
        }
    }

    // The same, made certain: a helper that takes a second to start (a wrapper that sleeps,
    // then execs the real one, as a slow disk or a loaded machine would) is killed with the CLI
    // while it starts. Before the parent-death signal was asked for between fork and exec, that
    // orphan went on to run the whole scenario (issue 11, item 5).
    void killedWhileTheHelperStarts()
    {
        // The CLI finds tcplab-labd beside its own executable: a hard link (or copy) of the CLI
        // in a folder of its own, with the slow wrapper as its tcplab-labd.
        const QString bin = m_dir.filePath(QStringLiteral("slowbin"));
        QVERIFY(QDir().mkpath(bin));
        const QString cli = bin + QStringLiteral("/tcplab-cli");
        if (::link(QFile::encodeName(cliPath()).constData(), QFile::encodeName(cli).constData())
            != 0)
            QVERIFY(QFile::copy(cliPath(), cli));
        QFile wrapper(bin + QStringLiteral("/tcplab-labd"));
        QVERIFY(wrapper.open(QIODevice::WriteOnly));
        wrapper.write("#!/bin/sh\nsleep 1\nexec '" + QFile::encodeName(labdPath()) + "' \"$@\"\n");
        wrapper.close();
        QVERIFY(wrapper.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        m_cli = cli;
        killRun(QStringLiteral("slow"), [](QProcess &p) {
            QElapsedTimer clock;
            clock.start();
            while (!hasChild(pid_t(p.processId())) && clock.elapsed() < 10000) {
            }
            QThread::msleep(200); // inside the wrapper's second
        });
        m_cli = cliPath();
        // The wrapper's own `sleep 1` may outlive it by that second: it holds nothing.
    }

    void killedAfterADelay_data()
    {
        QTest::addColumn<int>("ms");
        for (int ms : {0, 5, 20, 100, 300, 1000, 2000})
            QTest::addRow("%d ms", ms) << ms;
    }

    void killedAfterADelay()
    {
        QFETCH(int, ms);
        killRun(QStringLiteral("delay%1").arg(ms), [ms](QProcess &) { QThread::msleep(ms); });
    }

    // SIGTERM to the CLI alone: the helper dies of its parent-death signal.
    void cliTerminated()
    {
        killRun(QStringLiteral("term"), [](QProcess &) { QThread::msleep(1500); }, SIGTERM);
    }

    // The helper's own death, by a signal it cannot catch, mid-capture.
    void helperKilled()
    {
        const QString folder = m_dir.filePath(QStringLiteral("helper"));
        QVERIFY(QDir().mkpath(folder));
        QProcess labd;
        labd.start(labdPath(), {QStringLiteral("run"), scenario(), QStringLiteral("--pcap"),
                                folder + QStringLiteral("/cap.pcap")});
        QVERIFY(labd.waitForStarted());
        QByteArray out;
        QElapsedTimer clock;
        clock.start();
        while (!out.contains("\"ready\"") && clock.elapsed() < 10000) {
            labd.waitForReadyRead(100);
            out += labd.readAllStandardOutput();
        }
        QVERIFY2(out.contains("\"ready\""), out.constData());
        QThread::msleep(300);
        ::kill(pid_t(labd.processId()), SIGKILL);
        QVERIFY(labd.waitForFinished(10000));
        const QString left = leftovers(folder, {});
        QVERIFY2(left.isEmpty(), qPrintable(left));
    }

    // A helper told to stop (SIGTERM, SIGINT, SIGHUP) removes its temporary itself.
    void helperTerminated_data()
    {
        QTest::addColumn<int>("sig");
        QTest::addRow("SIGTERM") << int(SIGTERM);
        QTest::addRow("SIGINT") << int(SIGINT);
        QTest::addRow("SIGHUP") << int(SIGHUP);
    }

    void helperTerminated()
    {
        QFETCH(int, sig);
        const QString folder = m_dir.filePath(QStringLiteral("helper-sig%1").arg(sig));
        QVERIFY(QDir().mkpath(folder));
        QProcess labd;
        labd.start(labdPath(), {QStringLiteral("run"), scenario(), QStringLiteral("--pcap"),
                                folder + QStringLiteral("/cap.pcap")});
        QVERIFY(labd.waitForStarted());
        QThread::msleep(500);
        ::kill(pid_t(labd.processId()), sig);
        QVERIFY(labd.waitForFinished(10000));
        QCOMPARE(labd.exitStatus(), QProcess::NormalExit); // its handler ran: exit 128 + sig
        QCOMPARE(labd.exitCode(), 128 + sig);
        const QString left = leftovers(folder, {});
        QVERIFY2(left.isEmpty(), qPrintable(left));
    }

    void cleanupTestCase()
    {
        // The kills above must have hit a running lab, not only CLIs that had not started it.
        QVERIFY2(!m_ran || m_labSeen > 0, "tcplab-labd was never seen running before a kill");
    }
};

QTEST_GUILESS_MAIN(TstKillRun)
#include "tst_killrun.moc"
