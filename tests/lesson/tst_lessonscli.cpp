// `tcplab-cli lessons list|show|check` as a user meets it: output, exit status, and failures
// that name lesson, step and question (simulator only; the kernel is tests/app's business).

#include "clirun.h"

#include <QtTest>

namespace {

using Result = CliResult;

Result cli(const QStringList &args)
{
    return runCli(QStringList(QStringLiteral("lessons")) + args);
}

const QString kGood = QStringLiteral(TCPLAB_LESSON_DATA "/good");
const QString kBad = QStringLiteral(TCPLAB_LESSON_DATA "/bad");

} // namespace

class TestLessonsCli : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void list_byNumber()
    {
        const Result r = cli({QStringLiteral("list"), QStringLiteral("--dir"), kGood});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out, QStringLiteral(" 1  The three-way handshake \u2014 Who sends what, and when connect() and accept() return.\n"
                                       " 2  TIME_WAIT \u2014 Why the active closer waits 2MSL.\n"));
        const Result zh = cli({QStringLiteral("list"), QStringLiteral("--dir"), kGood, QStringLiteral("--lang"), QStringLiteral("zh_CN")});
        QVERIFY2(zh.out.startsWith(QStringLiteral(" 1  三次握手 \u2014 ")), qPrintable(zh.out));
    }

    void show_readableText()
    {
        const Result r = cli({QStringLiteral("show"), QStringLiteral("1"), QStringLiteral("--dir"), kGood});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.startsWith(QStringLiteral("Lesson 1 \u2014 The three-way handshake\n")), qPrintable(r.out));
        QVERIFY(r.out.contains(QStringLiteral("\nStep 1/2 \u2014 Predict the server's state\n")));
        QVERIFY(r.out.contains(QStringLiteral("  Run: handshake-and-close.tcplab (sim)\n")));
        QVERIFY(r.out.contains(QStringLiteral("    b) ESTABLISHED, like the client  [ESTABLISHED] (misconception M3)\n")));
        QVERIFY(r.out.contains(QStringLiteral("    Answer: the query `state server after line 8` on the run\n")));
        QVERIFY(r.out.contains(QStringLiteral("  Run: inline scenario \"Lost SYN+ACK\" (sim)\n")));
    }

    void show_answersFromTheSimulator()
    {
        const Result r = cli({QStringLiteral("show"), kGood + QStringLiteral("/handshake.lesson.yaml"), QStringLiteral("--answers")});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains(QStringLiteral("    a) SYN_RECEIVED: the final ACK is still on its way  [SYN_RECEIVED]  \u2190 simulator\n")));
        QVERIFY(r.out.contains(QStringLiteral("\u2014 in the simulator: SYN_RECEIVED\n")));
        QVERIFY(r.out.contains(QStringLiteral("The server's SYN+ACK carried ack=1; the client sent 2 bare ACKs in all.")));
        QVERIFY(r.out.contains(QStringLiteral("The SYN+ACK went 2 times; without the loss, 1.")));
    }

    void check_goodLessonsExitZero()
    {
        const Result r = cli({QStringLiteral("check"), QStringLiteral("--dir"), kGood});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.err, QString());
        QVERIFY(r.out.contains(QStringLiteral("handshake.lesson.yaml: lesson 1 ok (2 steps, 4 runs, 1 answer checked)\n")));
        QVERIFY(r.out.contains(QStringLiteral("timewait.lesson.yaml: lesson 2 ok (2 steps, 3 runs, 2 answers checked; 1 run not made in --mode sim)\n")));
    }

    void check_wrongClaimExitsOneNamingLessonStepQuestion()
    {
        const QString file = kBad + QStringLiteral("/wrong-answer.lesson.yaml");
        const Result r = cli({QStringLiteral("check"), file});
        QCOMPARE(r.code, 1);
        QCOMPARE(r.err, file + QStringLiteral(":12: lesson 7, step 1 (\"Handshake\"), question: answer \"state server after line 8\" "
                                              "is \"SYN_RECEIVED\" (sim), which is no option's value (options: ESTABLISHED, LISTEN)\n"));
        QVERIFY(r.out.contains(QStringLiteral(": lesson 7 FAILED (1 step, 2 runs, 1 answer checked, 1 problem)")));
    }

    void check_badFileExitsTwoWithItsLine()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("x.lesson.yaml"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("lesson: 1\ntitle: {en: T}\n");
        f.close();
        const Result r = cli({QStringLiteral("check"), file});
        QCOMPARE(r.code, 2);
        // Every mistake, in file order.
        QCOMPARE(r.err, file + QStringLiteral(":1: summary is missing (a text: en and zh_CN)\n")
                            + file + QStringLiteral(":1: steps is missing (a list of steps, each starting with \"- title:\")\n")
                            + file + QStringLiteral(":2: title: missing zh_CN (every text is given in both en and zh_CN)\n"));
    }

    void usage_errorsExitTwo()
    {
        QCOMPARE(cli({}).code, 2);
        QCOMPARE(cli({QStringLiteral("lsit")}).code, 2);
        QCOMPARE(cli({QStringLiteral("check"), QStringLiteral("--mode"), QStringLiteral("kernel")}).code, 2);
        QCOMPARE(cli({QStringLiteral("show"), QStringLiteral("9"), QStringLiteral("--dir"), kGood}).code, 2);
        const Result nodir = cli({QStringLiteral("list"), QStringLiteral("--dir"), QStringLiteral("/nonexistent")});
        QCOMPARE(nodir.code, 2);
        QVERIFY(nodir.err.contains(QStringLiteral("/nonexistent: no such folder")));
        const Result help = cli({QStringLiteral("--help")});
        QCOMPARE(help.code, 0);
        QVERIFY(help.out.startsWith(QStringLiteral("Usage: tcplab-cli lessons [OPTIONS] ACTION [LESSON...]")));
    }
};

QTEST_GUILESS_MAIN(TestLessonsCli)
#include "tst_lessonscli.moc"
