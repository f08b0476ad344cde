// tcplab-cli as a user meets it: exit codes, error messages naming line and column, help.

#include "clirun.h"

#include <QtTest>

namespace {

using Result = CliResult;

Result cli(const QStringList &args)
{
    return runCli(args);
}

QString scenarioFile(QTemporaryDir &dir, const QString &name, const QString &text)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(text.toUtf8());
    return path;
}

} // namespace

class TestCli : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // run and check start fast (issue 13): tcplab-cli needs no Qt GUI library; export is
    // tcplab-cli-export beside it, which tcplab-cli becomes for `export` and `help export`.
    void cliLoadsNoGuiLibrary()
    {
        QProcess ldd;
        ldd.start(QStringLiteral("ldd"), {QStringLiteral(TCPLAB_CLI)});
        QVERIFY(ldd.waitForFinished());
        const QString libs = QString::fromLocal8Bit(ldd.readAllStandardOutput());
        QVERIFY2(libs.contains(QLatin1String("libc.so")), qPrintable(libs));
        for (const char *gui : {"Qt6Gui", "Qt6Widgets", "Qt6Svg", "Qt6PrintSupport", "qcustomplot"})
            QVERIFY2(!libs.contains(QLatin1String(gui), Qt::CaseInsensitive), gui);
    }
    void exportRunsBesideIt()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("graph.svg"));
        const Result r = cli({QStringLiteral("export"), QStringLiteral(TCPLAB_SCENARIOS "/handshake.tcplab"),
                              QStringLiteral("--view"), QStringLiteral("graph"), QStringLiteral("--out"), out});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(QFileInfo(out).size() > 1000);
        const Result help = cli({QStringLiteral("help"), QStringLiteral("export")});
        QCOMPARE(help.code, 0);
        QVERIFY(help.out.startsWith(QLatin1String("Usage: tcplab-cli export [OPTIONS] FILE")));
    }

    void run_passingScenarioExitsZero()
    {
        const Result r = cli({QStringLiteral("run"), QStringLiteral(TCPLAB_SCENARIOS "/handshake.tcplab")});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.startsWith(QLatin1String("# Three-way handshake (sim)\n")));
        QVERIFY(r.out.contains(QLatin1String("SYN+ACK seq=0 ack=1")));
        QVERIFY(r.err.contains(QLatin1String("every wait and expect held")));
    }

    void run_typoNamesLineAndColumn()
    {
        QTemporaryDir dir;
        const QString path = scenarioFile(dir, QStringLiteral("typo.tcplab"),
                                          QStringLiteral("title: typo\nserver listen\nclient conect\n"));
        const Result r = cli({QStringLiteral("run"), path});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.startsWith(path + QStringLiteral(":3:8: ")), qPrintable(r.err));
        QVERIFY2(r.err.contains(QLatin1String("connect")), qPrintable(r.err));
        QCOMPARE(r.out, QString());
    }

    void run_failedExpectExitsOneAndNamesLine()
    {
        QTemporaryDir dir;
        const QString path = scenarioFile(
            dir, QStringLiteral("fail.tcplab"),
            QStringLiteral("server listen\nclient connect\nserver accept\nexpect server CLOSE_WAIT\n"));
        const Result r = cli({QStringLiteral("run"), path});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(path + QStringLiteral(":4: sim: ")), qPrintable(r.err));
        QVERIFY2(r.err.contains(QLatin1String("ESTABLISHED")), qPrintable(r.err));
    }

    void run_jsonlToFile()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("t.jsonl"));
        const Result r = cli({QStringLiteral("run"), QStringLiteral(TCPLAB_SCENARIOS "/rst-closed-port.tcplab"),
                              QStringLiteral("--format"), QStringLiteral("jsonl"), QStringLiteral("-o"), out});
        QCOMPARE(r.code, 0);
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = f.readAll().trimmed().split('\n');
        QVERIFY(lines.size() >= 4);
        for (const QByteArray &l : lines)
            QVERIFY2(l.startsWith("{\"t\":") && l.endsWith('}'), l.constData());
        QVERIFY(f.fileName().endsWith(QLatin1String("t.jsonl")));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList({QStringLiteral("t.jsonl")}));
    }

    void run_simOnlyScenarioRefusesLive()
    {
        const Result r = cli({QStringLiteral("run"), QStringLiteral(TCPLAB_SCENARIOS "/simultaneous-open.tcplab"),
                              QStringLiteral("--mode"), QStringLiteral("live")});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QLatin1String("simulator-only")), qPrintable(r.err));
    }

    void usage_errorsExitTwo_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("no command") << QStringList() << QString();
        QTest::newRow("unknown command") << QStringList({"frobnicate"}) << "unknown command 'frobnicate'";
        QTest::newRow("run without file") << QStringList({"run"}) << "run needs a scenario file";
        QTest::newRow("bad mode") << QStringList({"run", "x.tcplab", "--mode", "fast"}) << "--mode takes sim, live or both";
        QTest::newRow("missing file") << QStringList({"run", "/nonexistent.tcplab"}) << "/nonexistent.tcplab: cannot open";
        QTest::newRow("pcap with sim") << QStringList({"run", TCPLAB_SCENARIOS "/handshake.tcplab", "--pcap", "x.pcap"})
                                       << "--pcap needs --mode live or both";
    }
    void usage_errorsExitTwo()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const Result r = cli(args);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
    }

    // A trace the reader refuses is a bad file (exit 2) named with its line and field, and
    // nothing is drawn. The integer too large for 64 bits used to abort tcplab-cli.
    void export_badTraceNamesLineAndField_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("message");
        QTest::newRow("integer over 64 bits")
            << QByteArray(R"({"type":"note","t":99999999999999999999,"text":"x"})")
            << "t.jsonl: line 1: t: 1e+20 is out of range 0..9223372036854775807";
        QTest::newRow("negative seq")
            << QByteArray("{\"t\":0,\"type\":\"note\",\"text\":\"x\"}\n"
                          R"({"t":1,"type":"segment","src":"client","dst":"server","seq":-5})")
            << "t.jsonl: line 2: seq: -5 is out of range 0..4294967295";
        QTest::newRow("empty") << QByteArray() << "t.jsonl: the trace has no events";
    }
    void export_badTraceNamesLineAndField()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, message);
        QTemporaryDir dir;
        QFile f(dir.filePath(QStringLiteral("t.jsonl")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
        f.close();
        const QString svg = dir.filePath(QStringLiteral("t.svg"));
        const Result r = cli({QStringLiteral("export"), f.fileName(), QStringLiteral("--view"),
                              QStringLiteral("sequence"), QStringLiteral("--out"), svg});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY(!QFile::exists(svg));
    }

    void help_everySubcommand_data()
    {
        QTest::addColumn<QString>("command");
        for (const char *c : {"run", "check", "export", "watch"})
            QTest::newRow(c) << QString::fromLatin1(c);
    }
    void help_everySubcommand()
    {
        QFETCH(QString, command);
        const Result r = cli({command, QStringLiteral("--help")});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.startsWith(QStringLiteral("Usage: tcplab-cli ") + command), qPrintable(r.out + r.err));
    }

    void check_reportsEveryFile()
    {
        QTemporaryDir dir;
        const QString bad = scenarioFile(dir, QStringLiteral("bad.tcplab"),
                                         QStringLiteral("wait server ITMED_WAIT\n"));
        const Result r = cli({QStringLiteral("check"), QStringLiteral(TCPLAB_SCENARIOS "/handshake.tcplab"), bad});
        QCOMPARE(r.code, 2);
        QVERIFY(r.out.contains(QLatin1String("handshake.tcplab: ok")));
        QVERIFY2(r.err.startsWith(bad + QStringLiteral(":1:13: ")), qPrintable(r.err));
    }

    // Issue 11, item 10: a directory is not "a scenario with no steps".
    void check_directoryIsNamed()
    {
        QTemporaryDir dir;
        const Result r = cli({QStringLiteral("check"), dir.path()});
        QCOMPARE(r.code, 2);
        QCOMPARE(r.out, QString());
        QCOMPARE(r.err, QStringLiteral("tcplab-cli: ") + dir.path()
                            + QStringLiteral(": is a directory, not a scenario file\n"));
    }

    // Issue 11, item 9: a 2 MB unknown word took 28 s and 227 MB; the line limit names itself.
    void check_hugeWordIsQuick()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("huge.tcplab"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("server listen\nclient " + QByteArray(2'000'000, 'q') + "\nclient " + QByteArray(4000, 'q') + "\n");
        f.close();
        QElapsedTimer timer;
        timer.start();
        const Result r = cli({QStringLiteral("check"), path});
        QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(r.code, 2);
        QCOMPARE(r.err, path + QStringLiteral(":2:1: the line is 2000007 bytes long; a line holds "
                                              "at most 4096 bytes\n")
                            + path + QStringLiteral(":3:8: unknown call \"") + QString(4000, QLatin1Char('q'))
                            + QStringLiteral("\"; the calls are listen, connect, accept, send, recv, "
                                             "shutdown, close, abort, exit\n"));
    }

    void check_everyShippedScenario()
    {
        QStringList args{QStringLiteral("check")};
        const QDir dir(QStringLiteral(TCPLAB_SCENARIOS));
        const QStringList files = dir.entryList({QStringLiteral("*.tcplab")}, QDir::Files);
        QVERIFY(files.size() >= 10);
        for (const QString &f : files)
            args << dir.filePath(f);
        const Result r = cli(args);
        QVERIFY2(r.code == 0, qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
