// Each plot exported offscreen as PNG, SVG and PDF: the file exists, has the requested size,
// is not blank, parses, and carries the axis text. Also the widgets bound to a TraceModel and
// a Playhead: rebuild on traceChanged, the playhead line follows, a click seeks.

#include "backoffplot.h"
#include "plotexport.h"
#include "plotpanel.h"
#include "statetimelineplot.h"
#include "timesequenceplot.h"
#include "tracebuilders.h"

#include "model/playhead.h"
#include "model/tracemodel.h"

#include "qcp.h"

#include <QImage>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolTip>
#include <QXmlStreamReader>

class TestPlotExport : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void exportEachPlot_data() {
        QTest::addColumn<QString>("view");
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("text"); // must appear in the SVG
        const QStringList formats = {QStringLiteral("png"), QStringLiteral("svg"),
                                     QStringLiteral("pdf")};
        for (const QString &f : formats) {
            QTest::newRow(qPrintable(QStringLiteral("timeline.") + f))
                << QStringLiteral("timeline") << f << QStringLiteral("TIME_WAIT");
            QTest::newRow(qPrintable(QStringLiteral("tseq.") + f))
                << QStringLiteral("tseq") << f << QStringLiteral("relative seq");
            QTest::newRow(qPrintable(QStringLiteral("backoff.") + f))
                << QStringLiteral("backoff") << f << QStringLiteral("Interval before the retry");
        }
    }
    void exportEachPlot() {
        QFETCH(QString, view);
        QFETCH(QString, format);
        QFETCH(QString, text);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(view + QLatin1Char('.') + format);
        QString error;
        QVERIFY2(exportPlot(view, plottest::lostFinalAck(), path, 900, 500, &error),
                 qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY(!bytes.isEmpty());
        // Written through QSaveFile: nothing else left in the directory.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QFileInfo(path).fileName()});

        if (format == QLatin1String("png")) {
            const QImage image = QImage::fromData(bytes, "PNG");
            QCOMPARE(image.size(), QSize(900, 500));
            QSet<QRgb> colours;
            for (int y = 0; y < image.height(); y += 3)
                for (int x = 0; x < image.width(); x += 3)
                    colours.insert(image.pixel(x, y));
            QVERIFY2(colours.size() > 5, "the image is (nearly) blank");
        } else if (format == QLatin1String("svg")) {
            QXmlStreamReader xml(bytes);
            QString allText;
            while (!xml.atEnd())
                if (xml.readNext() == QXmlStreamReader::Characters)
                    allText += xml.text();
            QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
            QVERIFY2(allText.contains(text), qPrintable(allText.left(400)));
            QVERIFY(allText.contains(QLatin1String("Time")) || view == QLatin1String("backoff"));
        } else {
            QVERIFY(bytes.startsWith("%PDF"));
        }
    }

    void exportRejectsUnknown() {
        QTemporaryDir dir;
        QString error;
        QVERIFY(!exportPlot(QStringLiteral("pie"), plottest::lostSyn(),
                            dir.filePath(QStringLiteral("x.png")), 400, 300, &error));
        QVERIFY(error.contains(QLatin1String("pie")));
        QVERIFY(!exportPlot(QStringLiteral("tseq"), plottest::lostSyn(),
                            dir.filePath(QStringLiteral("x.gif")), 400, 300, &error));
        QVERIFY(error.contains(QLatin1String("gif")));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("x.gif"))));
    }

    void followsModelAndPlayhead() {
        TraceModel model;
        Playhead playhead;
        playhead.setModel(&model);
        TimeSequencePlot plot(&model, &playhead);
        plot.resize(800, 500);
        plot.show();
        QVERIFY(QTest::qWaitForWindowExposed(&plot));
        model.setTrace(plottest::handshakeAndClose());
        // The rebuild is coalesced onto the event loop.
        QTRY_COMPARE(plot.series().directions.size(), std::size_t(2));
        QCustomPlot *cp = plot.customPlot();
        cp->replot(QCustomPlot::rpImmediateRefresh);

        auto playheadX = [&] {
            for (int i = 0; i < cp->itemCount(); ++i)
                if (auto *line = qobject_cast<QCPItemStraightLine *>(cp->item(i)))
                    if (line->visible())
                        return line->point1->coords().x();
            return -1.0;
        };
        playhead.seek(13); // the client's FIN at 40 ms
        QCOMPARE(playheadX(), plot.timeWarp().toAxis(40000));

        // Click on the server's SYN+ACK (5 ms, seq 0, bottom panel): the playhead goes there.
        cp->replot(QCustomPlot::rpImmediateRefresh);
        QCPAxisRect *bottom = cp->axisRects().at(1);
        const QPoint at(
            qRound(bottom->axis(QCPAxis::atBottom)->coordToPixel(plot.timeWarp().toAxis(5000))),
            qRound(bottom->axis(QCPAxis::atLeft)->coordToPixel(0)));
        QSignalSpy moved(&playhead, &Playhead::currentChanged);
        QTest::mouseClick(cp, Qt::LeftButton, {}, at);
        QCOMPARE(moved.size(), 1);
        QCOMPARE(playhead.current(), 6);

        // A live run streams in: a burst of events gives one rebuild, on the event loop.
        model.appendEvent(plottest::seg(70000, "client", "PSH+ACK", 102, 2, 10));
        model.appendEvent(plottest::seg(70001, "client", "PSH+ACK", 112, 2, 10));
        QCOMPARE(plot.series().directions[0].points.size(), std::size_t(5)); // not yet
        QTRY_COMPARE(plot.series().directions[0].points.size(), std::size_t(7));
    }

    void timelineClickSeeksNearestEvent() {
        TraceModel model;
        Playhead playhead;
        playhead.setModel(&model);
        StateTimelinePlot plot(&model, &playhead);
        plot.resize(800, 300);
        plot.show();
        QVERIFY(QTest::qWaitForWindowExposed(&plot));
        model.setTrace(plottest::lostFinalAck());
        QTRY_COMPARE(plot.timeline().endpoints.size(), std::size_t(2));
        QCustomPlot *cp = plot.customPlot();
        cp->replot(QCustomPlot::rpImmediateRefresh);
        // Near the end of the client's TIME_WAIT band: the last event (2MSL timeout).
        const QPoint at(qRound(cp->xAxis->coordToPixel(plot.timeWarp().toAxis(60000000))),
                        qRound(cp->yAxis->coordToPixel(1)));
        QTest::mouseClick(cp, Qt::LeftButton, {}, at);
        QCOMPARE(playhead.current(), 12);
    }

    void timelineToolTipAndReset() {
        StateTimelinePlot plot;
        plot.resize(900, 300);
        plot.show();
        QVERIFY(QTest::qWaitForWindowActive(&plot));
        plot.showTrace(plottest::handshakeAndClose());
        QCustomPlot *cp = plot.customPlot();
        cp->replot(QCustomPlot::rpImmediateRefresh);
        const QCPRange full = cp->xAxis->range();

        // Hovering the client's TIME_WAIT band (at 1 s) names the state and its duration.
        const QPoint at(qRound(cp->xAxis->coordToPixel(plot.timeWarp().toAxis(1000000))),
                        qRound(cp->yAxis->coordToPixel(1)));
        QHelpEvent help(QEvent::ToolTip, at, cp->mapToGlobal(at));
        QCoreApplication::sendEvent(cp, &help);
        QTRY_VERIFY(QToolTip::isVisible());
        QCOMPARE(QToolTip::text().section(QLatin1Char('\n'), 0, 0),
                 QStringLiteral("TIME_WAIT 60.000 s"));
        QVERIFY(QToolTip::text().contains(QLatin1String("simulated")));

        // Zoomed in, R brings the whole run back; so does a double-click.
        cp->xAxis->setRange(0.1, 0.2);
        cp->setFocus(); // as after a click on the plot
        QTest::keyClick(cp, Qt::Key_R);
        QCOMPARE(cp->xAxis->range(), full);
        cp->xAxis->setRange(0.1, 0.2);
        QTest::mouseDClick(cp, Qt::LeftButton, {}, at);
        QCOMPARE(cp->xAxis->range(), full);
    }

    void panelExportsCurrent() {
        TraceModel model;
        Playhead playhead;
        playhead.setModel(&model);
        PlotPanel panel(&model, &playhead);
        model.setTrace(plottest::lostSyn());
        panel.tabs()->setCurrentIndex(2);
        QTemporaryDir dir;
        QString error;
        const QString path = dir.filePath(QStringLiteral("backoff.png"));
        QVERIFY2(panel.exportCurrent(path, &error), qPrintable(error));
        QCOMPARE(QImage(path).size(), QSize(1200, 700)); // hidden: the slide-sized default
        auto *backoff = qobject_cast<BackoffPlot *>(panel.currentPlot());
        QVERIFY(backoff);
        QCOMPARE(backoff->series().size(), std::size_t(1));
    }
};

QTEST_MAIN(TestPlotExport)
#include "tst_plotexport.moc"
