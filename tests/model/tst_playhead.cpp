#include "sampletrace.h"

#include "model/playhead.h"
#include "model/tracemodel.h"

#include <QSignalSpy>
#include <QTest>

class TestPlayhead : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void startsEmpty()
    {
        Playhead p;
        QCOMPARE(p.current(), -1);
        QCOMPARE(p.count(), 0);
        QVERIFY(!p.isPlaying());
        QCOMPARE(p.speed(), 1.0);
        p.stepForward();
        p.play();
        QCOMPARE(p.current(), -1);
        QVERIFY(!p.isPlaying());
    }

    void setCountGoesToTheEndAndClamps()
    {
        Playhead p;
        QSignalSpy count(&p, &Playhead::countChanged);
        QSignalSpy current(&p, &Playhead::currentChanged);
        p.setCount(10);
        QCOMPARE(count.count(), 1);
        QCOMPARE(p.current(), 9); // was "at the end" (nothing): follows to the new end
        p.seek(4);
        p.setCount(20);
        QCOMPARE(p.current(), 4); // not at the end: stays
        p.setCount(3);
        QCOMPARE(p.current(), 2); // clamped
        QCOMPARE(current.count(), 3);
        QCOMPARE(current.last().at(0).toInt(), 2);
    }

    void stepsAndSeeks()
    {
        Playhead p;
        p.setCount(5);
        QSignalSpy current(&p, &Playhead::currentChanged);
        p.toStart();
        p.stepForward();
        p.stepForward();
        p.stepBack();
        p.seek(100);
        p.stepForward(); // at the end: nothing
        p.seek(-7);
        p.toEnd();
        p.toEnd(); // no change, no signal
        QList<int> seen;
        for (const auto &args : current)
            seen.append(args.at(0).toInt());
        QCOMPARE(seen, (QList<int>{0, 1, 2, 1, 4, -1, 4}));
        p.toStart();
        p.stepBack(); // stays on the first event
        QCOMPARE(p.current(), 0);
    }

    void speedIsPositive()
    {
        Playhead p;
        QSignalSpy speed(&p, &Playhead::speedChanged);
        p.setSpeed(0.01);
        p.setSpeed(0);
        p.setSpeed(-2);
        QCOMPARE(p.speed(), 0.01);
        QCOMPARE(speed.count(), 1);
    }

    void intervalsScaleTheTracesTime()
    {
        TraceModel m;
        m.setTrace(sample::handshakeAndClose());
        Playhead p;
        p.setModel(&m);
        p.setIntervalBounds(0, 2000);
        p.seek(5); // 0 ms -> next event at 5 ms
        QCOMPARE(p.nextInterval(), 5);
        p.setSpeed(0.01);
        QCOMPARE(p.nextInterval(), 500);
        p.seek(26); // 40 ms -> 60.035 s: capped
        QCOMPARE(p.nextInterval(), 2000);
        p.seek(0); // same instant: the minimum
        p.setIntervalBounds(100, 2000);
        QCOMPARE(p.nextInterval(), 100);
    }

    void followsTheModel()
    {
        TraceModel m;
        Playhead p;
        p.setModel(&m);
        QSignalSpy current(&p, &Playhead::currentChanged);
        m.setTrace(sample::handshakeAndClose());
        QCOMPARE(p.count(), 29);
        QCOMPARE(p.current(), 28); // a loaded run is shown whole
        m.appendEvent(tcplab::makeNote(70'000'000, "later"));
        QCOMPARE(p.current(), 29); // on the last event: follows the stream
        p.seek(3);
        m.appendEvent(tcplab::makeNote(80'000'000, "even later"));
        QCOMPARE(p.current(), 3);
        QCOMPARE(p.count(), 31);
    }

    void playsToTheEnd()
    {
        TraceModel m;
        m.setTrace(sample::handshakeAndClose());
        Playhead p;
        p.setModel(&m);
        p.setIntervalBounds(0, 5);
        p.setSpeed(1000.0);
        QSignalSpy playing(&p, &Playhead::playingChanged);
        QSignalSpy current(&p, &Playhead::currentChanged);
        p.play(); // at the end: starts again from the first event
        QVERIFY(p.isPlaying());
        QCOMPARE(p.current(), 0);
        QTRY_COMPARE(p.current(), 28);
        QTRY_VERIFY(!p.isPlaying());
        QCOMPARE(playing.count(), 2);
        QCOMPARE(current.count(), 29); // every event visited once
    }

    void pauseStops()
    {
        Playhead p;
        p.setCount(100);
        p.toStart();
        p.setIntervalBounds(10'000, 10'000); // far longer than the test
        p.play();
        QVERIFY(p.isPlaying());
        p.togglePlay();
        QVERIFY(!p.isPlaying());
        QCOMPARE(p.current(), 0);
    }
};

QTEST_GUILESS_MAIN(TestPlayhead)
#include "tst_playhead.moc"
