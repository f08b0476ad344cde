// Export through the same renderers as the screen: `tcplab-cli export` headless.
#include "exportcommandrun.h"

#include <QFile>
#include <QImage>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

class TestExport : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    static QString scenario(const char *name)
    {
        return QStringLiteral(TCPLAB_SOURCE_DIR "/resources/scenarios/%1.tcplab")
            .arg(QLatin1String(name));
    }
    QString out(const QString &name) const { return m_dir.filePath(name); }

private Q_SLOTS:
    void svgHasTheHandshakeInOrder()
    {
        const QString file = out(QStringLiteral("handshake.svg"));
        QCOMPARE(runExportCommand({scenario("handshake-and-close"), QStringLiteral("--view"),
                                   QStringLiteral("sequence"), QStringLiteral("--out"), file}),
                 0);
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString svg = QString::fromUtf8(f.readAll());
        QVERIFY(svg.startsWith(QLatin1String("<?xml")));
        const QStringList labels = {QStringLiteral(">SYN seq=0<"),
                                    QStringLiteral(">SYN+ACK seq=0 ack=1<"),
                                    QStringLiteral(">ACK seq=1 ack=1<")};
        int at = 0;
        for (const QString &label : labels) {
            const int found = svg.indexOf(label, at);
            QVERIFY2(found >= 0,
                     qPrintable(QStringLiteral("%1 missing after %2").arg(label).arg(at)));
            at = found + 1;
        }
        QVERIFY(svg.contains(QLatin1String(">recv() = 0<")));
        QVERIFY(svg.contains(QLatin1String("FIN+ACK seq=101 ack=1")));
        // Browsers know no "Sans Serif" (Qt's generic name): every family ends in sans-serif.
        QVERIFY(!svg.contains(QLatin1String("font-family=\"Sans Serif\"")));
        QCOMPARE(svg.count(QLatin1String("font-family=")),
                 svg.count(QLatin1String(", sans-serif\"")));
    }

    void timerBracketsSayTheShortNameAndTheDuration()
    {
        // "RTO 200 ms", not the long "RTO (retransmission timeout) 200 ms" that the bracket's
        // column cut in Chinese; the long name is the bracket's tooltip.
        const QString file = out(QStringLiteral("lost-final-ack.svg"));
        QCOMPARE(runExportCommand({scenario("lost-final-ack"), QStringLiteral("--view"),
                                   QStringLiteral("sequence"), QStringLiteral("--out"), file}),
                 0);
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString svg = QString::fromUtf8(f.readAll());
        for (const char *label : {">RTO 200 ms<", ">2MSL (restarted)<", ">2MSL 60 s<"})
            QVERIFY2(svg.contains(QLatin1String(label)), label);
    }

    // A counterfactual run says so in every exported view, above everything else; a TCP run
    // says nothing of the kind.
    void counterfactualRunsCarryTheBanner_data()
    {
        QTest::addColumn<QString>("scenarioName");
        QTest::addColumn<QString>("view");
        QTest::addColumn<QString>("banner");
        QTest::addColumn<QString>("edge"); // an edge label only that protocol's graph has
        QTest::newRow("two-way sequence")
            << QStringLiteral("two-way-lost-synack") << QStringLiteral("sequence")
            << QStringLiteral("Counterfactual run \u2014 not TCP: two-way handshake") << QString();
        QTest::newRow("two-way graph")
            << QStringLiteral("two-way-lost-synack") << QStringLiteral("graph")
            << QStringLiteral("Not TCP: two-way handshake (counterfactual)")
            << QStringLiteral("rcv SYN / snd SYN+ACK (two-way: not TCP)");
        QTest::newRow("no TIME_WAIT sequence")
            << QStringLiteral("no-time-wait-lost-ack") << QStringLiteral("sequence")
            << QStringLiteral("Counterfactual run \u2014 not TCP: no TIME_WAIT") << QString();
        QTest::newRow("no TIME_WAIT graph")
            << QStringLiteral("no-time-wait-lost-ack") << QStringLiteral("graph")
            << QStringLiteral("Not TCP: no TIME_WAIT (counterfactual)")
            << QStringLiteral("no TIME_WAIT (not TCP)");
    }

    void counterfactualRunsCarryTheBanner()
    {
        QFETCH(QString, scenarioName);
        QFETCH(QString, view);
        QFETCH(QString, banner);
        QFETCH(QString, edge);
        const QString file = out(scenarioName + view + QStringLiteral(".svg"));
        QCOMPARE(runExportCommand({scenario(scenarioName.toLatin1().constData()),
                                   QStringLiteral("--view"), view, QStringLiteral("--out"), file}),
                 0);
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString svg = QString::fromUtf8(f.readAll());
        QVERIFY2(svg.contains(QLatin1Char('>') + banner + QLatin1Char('<')), qPrintable(banner));
        if (!edge.isEmpty())
            QVERIFY2(svg.contains(QLatin1Char('>') + edge + QLatin1Char('<')), qPrintable(edge));

        const QString tcpFile = out(QStringLiteral("tcp") + view + QStringLiteral(".svg"));
        QCOMPARE(runExportCommand({scenario("handshake-and-close"), QStringLiteral("--view"), view,
                                   QStringLiteral("--out"), tcpFile}),
                 0);
        QFile t(tcpFile);
        QVERIFY(t.open(QIODevice::ReadOnly));
        QVERIFY(!QString::fromUtf8(t.readAll())
                     .contains(QLatin1String("not TCP"), Qt::CaseInsensitive));
    }

    void pngHasTheRequestedSizeAndIsNotBlank_data()
    {
        QTest::addColumn<QString>("view");
        QTest::newRow("sequence") << QStringLiteral("sequence");
        QTest::newRow("graph") << QStringLiteral("graph");
    }

    void pngHasTheRequestedSizeAndIsNotBlank()
    {
        QFETCH(QString, view);
        const QString file = out(view + QStringLiteral(".png"));
        QCOMPARE(runExportCommand({scenario("lost-final-ack"), QStringLiteral("--view"), view,
                                   QStringLiteral("--out"), file, QStringLiteral("--width"),
                                   QStringLiteral("900"), QStringLiteral("--height"),
                                   QStringLiteral("700")}),
                 0);
        const QImage image(file);
        QCOMPARE(image.size(), QSize(900, 700));
        QSet<QRgb> colors;
        int nonWhite = 0;
        for (int y = 0; y < image.height(); y += 3) {
            for (int x = 0; x < image.width(); x += 3) {
                const QRgb c = image.pixel(x, y);
                colors.insert(c);
                nonWhite += c != qRgb(255, 255, 255) && c != qRgba(255, 255, 255, 255);
            }
        }
        QVERIFY2(colors.size() > 20, qPrintable(QString::number(colors.size())));
        QVERIFY(nonWhite > 900); // more than ~1.5 % of the samples
    }

    void pdfIsAPdf()
    {
        const QString file = out(QStringLiteral("graph.pdf"));
        QCOMPARE(runExportCommand({scenario("handshake-and-close"), QStringLiteral("--view"),
                                   QStringLiteral("graph"), QStringLiteral("--out"), file}),
                 0);
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.read(5).startsWith("%PDF"));
        QVERIFY(f.size() > 2000);
    }

    void jsonlTracesExportToo()
    {
        const QString jsonl = out(QStringLiteral("t.jsonl"));
        QFile f(jsonl);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(
            "{\"t\":0,\"type\":\"segment\",\"src\":\"client\",\"dst\":\"server\",\"flags\":\"SYN\","
            "\"seq\":0,\"ack\":0,\"len\":0,\"fate\":\"delivered\",\"t_arrive\":5000}\n");
        f.close();
        const QString svg = out(QStringLiteral("t.svg"));
        QCOMPARE(runExportCommand({jsonl, QStringLiteral("--view"), QStringLiteral("sequence"),
                                   QStringLiteral("--out"), svg}),
                 0);
        QFile s(svg);
        QVERIFY(s.open(QIODevice::ReadOnly));
        QVERIFY(s.readAll().contains(">SYN seq=0<"));
    }

    // A time range (issue 13): the same width, the heads and legend, only the events of that
    // stretch -- shorter than the whole run, and with the range's arrows.
    void timeRangeIsAStripOfTheRun()
    {
        const QString whole = out(QStringLiteral("whole.png"));
        const QString part = out(QStringLiteral("part.png"));
        const QString partSvg = out(QStringLiteral("part.svg"));
        const QStringList common = {scenario("lost-syn"), QStringLiteral("--view"),
                                    QStringLiteral("sequence"), QStringLiteral("--out")};
        QCOMPARE(runExportCommand(common + QStringList{whole}), 0);
        const QStringList range = {QStringLiteral("--from"), QStringLiteral("2500ms"),
                                   QStringLiteral("--to"), QStringLiteral("3500ms")};
        QCOMPARE(runExportCommand(common + QStringList{part} + range), 0);
        QCOMPARE(runExportCommand(common + QStringList{partSvg} + range), 0);
        const QImage a(whole), b(part);
        QCOMPARE(b.width(), a.width());
        QVERIFY2(b.height() < a.height() * 2 / 3,
                 qPrintable(QStringLiteral("%1 of %2").arg(b.height()).arg(a.height())));
        QFile f(partSvg);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray svg = f.readAll();
        // The handshake's end is in, under the heads. (Rows just outside the range are painted
        // under the clip too, as on screen: a label can reach beyond its row.)
        QVERIFY(svg.contains(">SYN+ACK seq=0 ack=1<"));
        QVERIFY(svg.contains(">Client<") && svg.contains(">Server<"));
    }

    // Pages (issue 13): a PDF of pages of the size asked for, each with the heads on top.
    void pagesCutTheDiagramIntoAPdf()
    {
        const QString file = out(QStringLiteral("pages.pdf"));
        QCOMPARE(runExportCommand({scenario("handshake-and-close"), QStringLiteral("--view"),
                                   QStringLiteral("sequence"), QStringLiteral("--out"), file,
                                   QStringLiteral("--pages"), QStringLiteral("--width"),
                                   QStringLiteral("1000"), QStringLiteral("--height"),
                                   QStringLiteral("300")}),
                 0);
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray pdf = f.readAll();
        QVERIFY(pdf.startsWith("%PDF"));
        const QRegularExpression page(QStringLiteral("/Type\\s*/Page[^s]"));
        const int counted = int(QString::fromLatin1(pdf).count(page));
        QVERIFY2(counted >= 3, qPrintable(QString::number(counted)));
        const QRegularExpression box(QStringLiteral("/MediaBox \\[0 0 1000(\\.0+)? 300(\\.0+)?\\]"));
        QVERIFY(QString::fromLatin1(pdf).contains(box));
    }

    // A run too long for one picture is refused with the way out, not written as a file
    // nobody can open; with a range or pages it is drawn.
    void tooTallIsRefusedWithTheWayOut()
    {
        QString text = QStringLiteral("server listen\nclient connect\nserver accept\n");
        for (int i = 0; i < 2000; ++i)
            text += QStringLiteral("client send 10\nserver recv\n");
        const QString file = out(QStringLiteral("long.tcplab"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(text.toUtf8());
        f.close();
        const QString png = out(QStringLiteral("long.png"));
        const QStringList args = {file, QStringLiteral("--view"), QStringLiteral("sequence"),
                                  QStringLiteral("--out"), png};
        QCOMPARE(runExportCommand(args), 2);
        QVERIFY(!QFile::exists(png));
        QCOMPARE(runExportCommand(args + QStringList{QStringLiteral("--to"), QStringLiteral("20ms")}),
                 0);
        QVERIFY(QImage(png).height() < 3000);
    }

    void badUsageIsExitTwo_data()
    {
        QTest::addColumn<QStringList>("args");
        const QString ok = scenario("handshake");
        QTest::newRow("no file") << QStringList{QStringLiteral("--view"), QStringLiteral("graph"),
                                                QStringLiteral("--out"), QStringLiteral("x.png")};
        QTest::newRow("missing file") << QStringList{
            QStringLiteral("/nonexistent.tcplab"), QStringLiteral("--view"),
            QStringLiteral("graph"), QStringLiteral("--out"), QStringLiteral("x.png")};
        QTest::newRow("unknown view")
            << QStringList{ok, QStringLiteral("--view"), QStringLiteral("pie"),
                           QStringLiteral("--out"), QStringLiteral("x.png")};
        QTest::newRow("unknown format")
            << QStringList{ok, QStringLiteral("--view"), QStringLiteral("graph"),
                           QStringLiteral("--out"), QStringLiteral("x.gif")};
        QTest::newRow("bad width") << QStringList{ok,
                                                  QStringLiteral("--view"),
                                                  QStringLiteral("graph"),
                                                  QStringLiteral("--out"),
                                                  QStringLiteral("x.png"),
                                                  QStringLiteral("--width"),
                                                  QStringLiteral("wide")};
        QTest::newRow("pages of a png")
            << QStringList{ok, QStringLiteral("--view"), QStringLiteral("sequence"),
                           QStringLiteral("--out"), QStringLiteral("x.png"), QStringLiteral("--pages")};
        QTest::newRow("bad from")
            << QStringList{ok, QStringLiteral("--view"), QStringLiteral("sequence"),
                           QStringLiteral("--out"), QStringLiteral("x.png"), QStringLiteral("--from"),
                           QStringLiteral("soon")};
        QTest::newRow("to before from")
            << QStringList{ok, QStringLiteral("--view"), QStringLiteral("sequence"),
                           QStringLiteral("--out"), QStringLiteral("x.png"), QStringLiteral("--from"),
                           QStringLiteral("2s"), QStringLiteral("--to"), QStringLiteral("1s")};
        QTest::newRow("range of a graph")
            << QStringList{ok, QStringLiteral("--view"), QStringLiteral("graph"),
                           QStringLiteral("--out"), QStringLiteral("x.png"), QStringLiteral("--to"),
                           QStringLiteral("1s")};
        QTest::newRow("bad mode") << QStringList{ok,
                                                 QStringLiteral("--view"),
                                                 QStringLiteral("graph"),
                                                 QStringLiteral("--out"),
                                                 QStringLiteral("x.png"),
                                                 QStringLiteral("--mode"),
                                                 QStringLiteral("both")};
    }

    void badUsageIsExitTwo()
    {
        QFETCH(QStringList, args);
        QCOMPARE(runExportCommand(args), 2);
        QVERIFY(!QFile::exists(QStringLiteral("x.png")));
    }
};

QTEST_MAIN(TestExport)
#include "tst_export.moc"
