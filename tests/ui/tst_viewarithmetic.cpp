// Time <-> pixel mapping, row layout and hit testing of the sequence diagram, as plain structs
// (STYLE.md 6). No window; the scene measures its labels with the diagram's fonts, which needs
// a QGuiApplication (offscreen).
#include "model/sampletrace.h"

#include "ui/sequence/sequencescene.h"
#include "ui/sequence/timeaxis.h"

#include "trace/counterfactual.h"

#include <QTest>

class TestViewArithmetic : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void timeModeIsProportional()
    {
        TimeAxis axis;
        TimeAxis::Params p;
        p.pxPerUs = 0.012; // 60 px per 5 ms
        axis.build({10'000, 0, 5'000, 5'000, 7'500}, p);
        QCOMPARE(axis.knots(), (std::vector<qint64>{0, 5'000, 7'500, 10'000}));
        QCOMPARE(axis.y(0), 0.0);
        QCOMPARE(axis.y(5'000), 60.0);
        QCOMPARE(axis.y(7'500), 90.0);
        QCOMPARE(axis.y(10'000), 120.0);
        QCOMPARE(axis.y(2'500), 30.0); // between knots: linear
        QCOMPARE(axis.y(-5), 0.0);     // clamped
        QCOMPARE(axis.y(99'999), 120.0);
        QCOMPARE(axis.time(90.0), qint64(7'500));
        QCOMPARE(axis.time(45.0), qint64(3'750));
        QVERIFY(axis.breaks().empty());
    }

    void closeInstantsKeepTheirDistance()
    {
        TimeAxis axis;
        TimeAxis::Params p;
        p.pxPerUs = 0.012;
        p.minStepPx = 18;
        axis.build({0, 100, 200}, p); // 1.2 px apart at this scale
        QCOMPARE(axis.y(100), 18.0);
        QCOMPARE(axis.y(200), 36.0);
        QCOMPARE(axis.time(18.0), qint64(100));
    }

    void longGapsAreCompressed()
    {
        TimeAxis axis;
        TimeAxis::Params p;
        p.pxPerUs = 0.012;
        p.maxGapPx = 200;
        p.breakPx = 48;
        axis.build({0, 5'000, 35'000, 60'035'000}, p);
        QCOMPARE(axis.y(5'000), 60.0);
        QCOMPARE(axis.y(35'000), 108.0); // 5 -> 35 ms would be 360 px > 200: compressed to 48
        QCOMPARE(axis.breaks().size(), std::size_t(2));
        const TimeAxis::Break &twoMsl = axis.breaks().back();
        QCOMPARE(twoMsl.t0, qint64(35'000));
        QCOMPARE(twoMsl.t1, qint64(60'035'000));
        QCOMPARE(twoMsl.y1 - twoMsl.y0, 48.0);
        QCOMPARE(axis.length(), axis.y(35'000) + 48.0);
        // The inverse stays monotonic through a break.
        QCOMPARE(axis.time(axis.y(30'035'000)), qint64(30'035'000));
    }

    // The labels of an instant get the room they need: consecutive instants are at least the
    // one's room below plus the other's above apart; the first instant moves down for what is
    // above it beyond the headroom; a break is widened so its strip clears both.
    void roomForLabels()
    {
        TimeAxis axis;
        TimeAxis::Params p;
        p.pxPerUs = 60.0 / 5000; // 60 px per 5 ms
        p.minStepPx = 18;
        p.headroom = 22;
        axis.build({0, 1'000, 2'000, 60'002'000}, p,
                   {{0, 40, 0}, {1'000, 9, 41}, {2'000, 30, 0}, {60'002'000, 60, 0}});
        QCOMPARE(axis.y(0), 18.0);                   // 40 above, 22 of it already there
        QCOMPARE(axis.y(1'000) - axis.y(0), 18.0);   // nothing below 0, 9 above 1 ms: 18
        QCOMPARE(axis.y(2'000) - axis.y(1'000), 73.0); // 41 + 30 + 2
        QCOMPARE(axis.breaks().size(), std::size_t(1));
        QCOMPARE(axis.breaks().front().y1 - axis.breaks().front().y0, 2 * 60.0 + 22);
        // The inverse still holds.
        QCOMPARE(axis.time(axis.y(1'000)), qint64(1'000));
    }

    void rowsModeOneRowPerInstant()
    {
        TimeAxis axis;
        TimeAxis::Params p;
        p.rows = true;
        p.rowPx = 30;
        axis.build({0, 1, 60'000'000}, p);
        QCOMPARE(axis.y(1), 30.0);
        QCOMPARE(axis.y(60'000'000), 60.0);
        QVERIFY(axis.breaks().empty());
    }

    void sceneGeometry()
    {
        const tcplab::Trace trace = sample::handshakeAndClose();
        SequenceScene scene;
        scene.setTrace(&trace);
        scene.layout(800, 1.0, false);
        QCOMPARE(scene.flightTime(), qint64(5'000));
        const auto &cols = scene.columns();
        const double side = cols.margin + cols.callWidth + cols.stateWidth + cols.bandWidth / 2;
        QCOMPARE(scene.lifelineX(Side::Client), side);
        QCOMPARE(scene.lifelineX(Side::Server), 800 - side);
        // The SYN leaves the client at t=0 and reaches the server 5 ms (60 px) lower.
        const QLineF syn = scene.segmentLine(4);
        QCOMPARE(syn.p1(), QPointF(side + cols.bandWidth / 2, scene.top()));
        QCOMPARE(syn.p2(), QPointF(800 - side - cols.bandWidth / 2, scene.top() + 60));
        // The SYN+ACK goes back, right to left.
        QVERIFY(scene.segmentLine(7).dx() < 0);
        // State bands: the client's ESTABLISHED from 10 ms to 20 ms.
        const auto &bands = scene.bands(Side::Client);
        QStringList text;
        for (const auto &b : bands)
            text.append(QStringLiteral("%1 %2-%3")
                            .arg(QLatin1String(tcp::stateName(b.state)))
                            .arg(b.t0)
                            .arg(b.t1));
        QCOMPARE(text, (QStringList{QStringLiteral("SYN_SENT 0-10000"),
                                    QStringLiteral("ESTABLISHED 10000-20000"),
                                    QStringLiteral("FIN_WAIT_1 20000-30000"),
                                    QStringLiteral("FIN_WAIT_2 30000-35000"),
                                    QStringLiteral("TIME_WAIT 35000-60035000"),
                                    QStringLiteral("CLOSED 60035000-60035000")}));
        // The 2MSL bracket, and no bracket for the cancelled SYN retransmission timer.
        QCOMPARE(scene.brackets().size(), std::size_t(1));
        QCOMPARE(scene.brackets().front().timer, tcp::Timer::TimeWait);
        QCOMPARE(scene.brackets().front().t1 - scene.brackets().front().t0, qint64(60'000'000));
        // Labels sharing an instant and a side stack.
        QCOMPARE(scene.stackIndex(0), 0);                       // server listen()
        QCOMPARE(scene.stackIndex(2), 0);                       // client connect(): another side
        QCOMPARE(scene.stackIndex(20), 0);                      // server close() at 30 ms
        QCOMPARE(scene.axis().breaks().size(), std::size_t(1)); // TIME_WAIT's 60 s
    }

    void hitTesting()
    {
        const tcplab::Trace trace = sample::handshakeAndClose();
        SequenceScene scene;
        scene.setTrace(&trace);
        scene.layout(800, 1.0, false);
        // On the SYN+ACK arrow, half-way.
        QCOMPARE(scene.hitTest(scene.segmentLine(7).pointAt(0.5)), 7);
        QCOMPARE(scene.hitTest(scene.segmentLine(7).pointAt(0.5) + QPointF(0, 4)), 7);
        // Far from anything.
        QCOMPARE(scene.hitTest(QPointF(400, scene.height() + 100)), -1);
        QCOMPARE(scene.hitTest(scene.segmentLine(7).pointAt(0.5) + QPointF(0, 40)), -1);
        // The server's "recv() = 0" label, on the server's outer side at 25 ms.
        const QPointF recv(scene.lifelineX(Side::Server) + 180, scene.y(25'000));
        QCOMPARE(scene.hitTest(recv), 18);
        // The client's state label FIN_WAIT_1 at 20 ms.
        const QPointF fw1(scene.lifelineX(Side::Client) - 40, scene.y(20'000));
        QCOMPARE(scene.hitTest(fw1), 14);
        // A call and a state change at the same instant each answer in their own column, and
        // the invisible timer event at that instant (row 5, armed at 0 ms) never does.
        const double callX = scene.lifelineX(Side::Client) - 180;
        QCOMPARE(scene.hitTest(QPointF(callX, scene.y(0))), 2);       // connect()
        QCOMPARE(scene.hitTest(QPointF(fw1.x(), scene.y(0))), 3);     // SYN_SENT
        QCOMPARE(scene.hitTest(QPointF(callX, scene.y(20'000))), 13); // close()
        // The TIME_WAIT bracket: its label's column beside the client's band, during 2MSL.
        QCOMPARE(scene.brackets().size(), std::size_t(1));
        const double bx = scene.bracketX(scene.brackets().front());
        const double mid = (scene.y(35'000) + scene.y(60'035'000)) / 2;
        QCOMPARE(scene.bracketAt(QPointF(bx - 30, mid)), 0);
        QCOMPARE(scene.bracketAt(QPointF(bx + 30, mid)), -1); // across the lifeline
        QCOMPARE(scene.bracketAt(QPointF(bx - 30, scene.y(20'000))), -1);
        QCOMPARE(scene.bracketAt(QPointF(scene.lifelineX(Side::Server) + 30, mid)), -1);
    }

    // A counterfactual run's header has room for its "not TCP" banner: the header stays at
    // the top while the diagram scrolls, so the banner does too. Everything below moves down.
    void counterfactualHeaderHasTheBanner()
    {
        tcplab::Trace trace = sample::handshakeAndClose();
        SequenceScene tcpScene;
        tcpScene.setTrace(&trace);
        tcpScene.layout(800, 1.0, false);
        QVERIFY(!tcpScene.counterfactual());
        QCOMPARE(tcpScene.headerHeight(), tcpScene.columns().headerHeight);

        trace.events.insert(trace.events.begin(),
                            tcplab::makeCounterfactualNote(tcplab::kCounterfactualTwoWay));
        SequenceScene scene;
        scene.setTrace(&trace);
        scene.layout(800, 1.0, false);
        QVERIFY(scene.counterfactual());
        const double banner = scene.columns().bannerHeight;
        QVERIFY(banner >= 20);
        QCOMPARE(scene.headerHeight(), scene.columns().headerHeight + banner);
        QCOMPARE(scene.top(), tcpScene.top() + banner);
        // ... and by the room the counterfactual note takes above the first instant.
        QVERIFY(scene.axis().y(0) >= tcpScene.axis().y(0));
        QCOMPARE(scene.height(),
                 tcpScene.height() + banner + scene.axis().y(0) - tcpScene.axis().y(0));
        // Hit-testing follows: the SYN (one row later now) is where it is drawn.
        const QLineF syn = scene.segmentLine(5);
        QCOMPARE(scene.hitTest(syn.pointAt(0.5)), 5);
    }

    void visibleRowsOnly()
    {
        tcplab::Trace big;
        for (int i = 0; i < 100'000; ++i)
            big.add(sample::segment(i * 10'000LL, i % 2 ? "server" : "client",
                                    i % 2 ? "client" : "server", "ACK", i, i,
                                    i * 10'000LL + 5'000));
        SequenceScene scene;
        scene.setTrace(&big);
        scene.layout(800, 1.0, false);
        const double y = scene.y(50'000 * 10'000LL);
        const auto [first, last] = scene.rowsIn(y, y + 600);
        QVERIFY(first <= 50'000 && first >= 49'990);
        QVERIFY(last - first < 60);
    }
};

QTEST_MAIN(TestViewArithmetic)
#include "tst_viewarithmetic.moc"
