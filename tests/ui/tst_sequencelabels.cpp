// The sequence diagram's texts are readable: for every shipped scenario, run in the simulator
// and laid out at a narrow and a wide width (and in rows mode), in English and in Chinese, no
// two texts the renderer draws overlap -- segment labels, call labels, state names, notes, timer
// labels, the breaks' "... later ..." and the title -- no call's dotted line runs through a
// text, and the title is whole and inside the header. The texts are the scene's
// (SequenceScene::texts()), which the renderer paints and nothing else.
#include "ui/common/traceloader.h"
#include "ui/sequence/sequencediagramview.h"
#include "ui/sequence/sequencescene.h"
#include "ui/window/languagemanager.h"

#include <QDir>
#include <QTest>

#include "model/playhead.h"
#include "model/tracemodel.h"
#include "trace/event.h"

#include "tracestrings.h"

#include <algorithm>
#include <cmath>

namespace {

using Text = SequenceScene::Text;
using TextKind = SequenceScene::TextKind;

// Whether two convex polygons (a text's box, turned; or a line, as two points) overlap by more
// than a hair: the separating-axis test.
bool overlap(const QPolygonF &a, const QPolygonF &b)
{
    auto separated = [](const QPolygonF &p, const QPolygonF &q) {
        const int n = p.size();
        for (int i = 0; i < n; ++i) {
            const QPointF e = p[(i + 1) % n] - p[i];
            const QPointF axis(-e.y(), e.x());
            const double len = std::hypot(axis.x(), axis.y());
            if (len < 1e-9)
                continue;
            double minP = 1e18, maxP = -1e18, minQ = 1e18, maxQ = -1e18;
            for (const QPointF &v : p) {
                const double d = (v.x() * axis.x() + v.y() * axis.y()) / len;
                minP = std::min(minP, d);
                maxP = std::max(maxP, d);
            }
            for (const QPointF &v : q) {
                const double d = (v.x() * axis.x() + v.y() * axis.y()) / len;
                minQ = std::min(minQ, d);
                maxQ = std::max(maxQ, d);
            }
            if (std::min(maxP, maxQ) - std::max(minP, minQ) < 0.5)
                return true;
        }
        return false;
    };
    return !separated(a, b) && !separated(b, a);
}

QPolygonF closed(QPolygonF p)
{
    if (p.size() > 1 && p.front() == p.back())
        p.removeLast(); // QPolygonF(QRectF) repeats the first corner
    return p;
}

const char *kindName(TextKind kind)
{
    switch (kind) {
    case TextKind::Title:
        return "title";
    case TextKind::Segment:
        return "segment";
    case TextKind::Call:
        return "call";
    case TextKind::State:
        return "state";
    case TextKind::Note:
        return "note";
    case TextKind::Timer:
        return "timer";
    case TextKind::Break:
        return "break";
    }
    return "?";
}

QString describe(const Text &t)
{
    const QRectF r = t.shape().boundingRect();
    return QStringLiteral("%1 \"%2\" at (%3,%4)")
        .arg(QLatin1String(kindName(t.kind)), t.text)
        .arg(r.x(), 0, 'f', 0)
        .arg(r.y(), 0, 'f', 0);
}

// What is wrong with a scene's texts: two that overlap, one empty or out of the diagram, a
// call's dotted line through a text.
QStringList problemsOf(const SequenceScene &scene, double width)
{
    const std::vector<Text> texts = scene.texts();
    // Texts by their top, so that each is checked against its neighbours only (a run may
    // have hundreds of thousands of events).
    std::vector<QPolygonF> shapes;
    std::vector<QRectF> bounds;
    double tallest = 0;
    for (const Text &t : texts) {
        shapes.push_back(closed(t.shape()));
        bounds.push_back(shapes.back().boundingRect());
        tallest = std::max(tallest, bounds.back().height());
    }
    std::vector<std::size_t> byTop(texts.size());
    for (std::size_t i = 0; i < byTop.size(); ++i)
        byTop[i] = i;
    std::sort(byTop.begin(), byTop.end(), [&bounds](std::size_t a, std::size_t b) {
        return bounds[a].top() < bounds[b].top();
    });
    QStringList problems;
    for (std::size_t k = 0; k < byTop.size() && problems.size() < 20; ++k) {
        const std::size_t i = byTop[k];
        if (texts[i].text.isEmpty())
            problems << describe(texts[i]) + QStringLiteral(" is empty");
        if (bounds[i].left() < -0.5 || bounds[i].right() > width + 0.5)
            problems << describe(texts[i]) + QStringLiteral(" leaves the diagram");
        for (std::size_t m = k + 1;
             m < byTop.size() && bounds[byTop[m]].top() < bounds[i].bottom(); ++m) {
            const std::size_t j = byTop[m];
            if (overlap(shapes[i], shapes[j]))
                problems << describe(texts[i]) + QStringLiteral(" overlaps ") +
                                describe(texts[j]);
        }
    }
    // A call's dotted line, from its band to its dot, runs through no text.
    for (int row = 0; row < scene.rowCount() && problems.size() < 20; ++row) {
        if (scene.event(row).type != tcplab::EventType::Call || !scene.rowText(row))
            continue;
        const QLineF leader = scene.callLeader(row);
        if (leader.length() < 1)
            continue;
        // The line as a thin box: a polygon of two points has no width to overlap with.
        const double y = leader.p1().y();
        const QPolygonF line = closed(QPolygonF(
            QRectF(QPointF(std::min(leader.x1(), leader.x2()), y - 1),
                   QPointF(std::max(leader.x1(), leader.x2()), y + 1))));
        auto from = std::lower_bound(byTop.begin(), byTop.end(), y - 1 - tallest,
                                     [&bounds](std::size_t a, double top) {
                                         return bounds[a].top() < top;
                                     });
        for (; from != byTop.end() && bounds[*from].top() < y + 1; ++from) {
            const std::size_t i = *from;
            const bool own = texts[i].kind == TextKind::Call && texts[i].index == row;
            if (!own && overlap(line, shapes[i]))
                problems << QStringLiteral("the dotted line of ") +
                                describe(*scene.rowText(row)) +
                                QStringLiteral(" runs through ") + describe(texts[i]);
        }
    }
    return problems;
}

// A long exchange, more events than SequenceScene::kWholeRows (or as many as asked): data
// segments one way and their ACKs the other, now and then a burst of segments sent at once (two
// unless asked), a drop, a retransmission, a call.
tcplab::Trace longRun(int burstSize = 2, int events = SequenceScene::kWholeRows + 4000)
{
    tcplab::Trace t;
    t.add(tcplab::makeState(0, "server", "CLOSED", "LISTEN", "listen", "simulated"));
    t.add(tcplab::makeState(0, "client", "CLOSED", "SYN_SENT", "connect", "simulated"));
    t.add(tcplab::makeCall(0, "client", "connect", -1, "0"));
    std::int64_t now = 1000;
    std::uint32_t seq = 1;
    for (int i = 0; int(t.size()) < events; ++i) {
        const int burst = i % 11 == 0 ? burstSize : 1;
        for (int k = 0; k < burst; ++k) {
            tcplab::SegmentHeader h;
            h.src = tcplab::ep("client");
            h.dst = tcplab::ep("server");
            h.flags = tcplab::flagsOf("PSH+ACK");
            h.seqAbs = seq;
            h.ackAbs = 1;
            h.len = 1000;
            h.win = 65535;
            const bool dropped = (i + k) % 41 == 7;
            tcplab::Event e = tcplab::makeSegment(now, h, 0, 0,
                                                  dropped ? tcplab::kNoTime : now + 5000 + k * 10);
            e.rtx = (i + k) % 37 == 3;
            t.add(e);
            seq += 1000;
        }
        tcplab::SegmentHeader a;
        a.src = tcplab::ep("server");
        a.dst = tcplab::ep("client");
        a.flags = tcplab::flagsOf("ACK");
        a.seqAbs = 1;
        a.ackAbs = seq;
        a.win = 65535;
        t.add(tcplab::makeSegment(now + 200, a, 0, 0, now + 5200));
        if (i % 13 == 0)
            t.add(tcplab::makeCall(now, "client", "send", 1000 * burst, std::to_string(1000 * burst)));
        now += 400 + (i % 7) * 60;
    }
    std::stable_sort(t.events.begin(), t.events.end(),
                     [](const tcplab::Event &a, const tcplab::Event &b) { return a.t < b.t; });
    return t;
}

// problemsOf() trace laid out 1000 wide, every section of its labels placed (as the window
// places them while the user scrolls through it all).
QStringList problemsOfEverySection(const tcplab::Trace &trace)
{
    SequenceScene scene;
    scene.setTrace(&trace);
    scene.layout(1000, 1.0, false);
    for (int row = 0; row < scene.rowCount(); ++row)
        scene.rowText(row); // places its section
    return problemsOf(scene, 1000);
}

// Every text of the scene, in a line each: what and where.
QStringList textLines(const std::vector<Text> &texts)
{
    QStringList lines;
    for (const Text &t : texts)
        lines << QStringLiteral("%1 %2 \"%3\" %4,%5 %6 %7x%8")
                     .arg(QLatin1String(kindName(t.kind)))
                     .arg(t.index)
                     .arg(t.text)
                     .arg(t.origin.x(), 0, 'g', 17)
                     .arg(t.origin.y(), 0, 'g', 17)
                     .arg(t.angle, 0, 'g', 17)
                     .arg(t.rect.width(), 0, 'g', 17)
                     .arg(t.rect.height(), 0, 'g', 17);
    lines.sort();
    return lines;
}

QStringList scenarioNames()
{
    return QDir(QStringLiteral(TCPLAB_SOURCE_DIR "/resources/scenarios"))
        .entryList({QStringLiteral("*.tcplab")}, QDir::Files, QDir::Name);
}

} // namespace

class TestSequenceLabels : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void textsOverlapNothing_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<double>("width");
        QTest::addColumn<bool>("rows");
        for (const char *language : {"en", "zh_CN"})
            for (const QString &name : scenarioNames()) {
                QTest::addRow("%s %s 900", language, qPrintable(name))
                    << QString::fromLatin1(language) << name << 900.0 << false;
                QTest::addRow("%s %s 1600", language, qPrintable(name))
                    << QString::fromLatin1(language) << name << 1600.0 << false;
                QTest::addRow("%s %s rows 1200", language, qPrintable(name))
                    << QString::fromLatin1(language) << name << 1200.0 << true;
            }
    }

    void textsOverlapNothing()
    {
        QFETCH(QString, language);
        QFETCH(QString, scenario);
        QFETCH(double, width);
        QFETCH(bool, rows);
        LanguageManager languages;
        QVERIFY(languages.setLanguage(language));
        const TraceLoader::Result loaded = TraceLoader::loadFile(
            QStringLiteral(TCPLAB_SOURCE_DIR "/resources/scenarios/") + scenario);
        QVERIFY2(loaded.ok, qPrintable(loaded.error));
        SequenceScene scene;
        scene.setTrace(&loaded.trace);
        scene.layout(width, 1.0, rows);

        QStringList problems = problemsOf(scene, width);
        // The title: all of it, in the header.
        if (!loaded.trace.title.empty()) {
            const Text *title = scene.titleText();
            if (!title || title->text != QString::fromStdString(loaded.trace.title))
                problems << QStringLiteral("the title is not whole: ") +
                                (title ? title->text : QStringLiteral("(none)"));
            else if (title->shape().boundingRect().bottom() > scene.headerHeight() + 0.5)
                problems << QStringLiteral("the title runs out of the header: ") +
                                describe(*title);
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }

    // A run longer than SequenceScene::kWholeRows has its segments' labels placed a section
    // at a time (the window places only what it shows): they overlap nothing either, across
    // the sections' seams too.
    void longRunsSectionsOverlapNothing()
    {
        const QStringList problems = problemsOfEverySection(longRun());
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }

    // Bursts: segments sent at one instant by one side (a congestion window's worth) have room
    // for their labels, given ahead (SequenceScene::withBurstRooms()): in a long run placed a
    // section at a time, and in a run placed whole (which before found the room a pass at a
    // time, and ran out of passes on bursts of 20). A wide burst's arrivals are spread too
    // (without, bursts of 26 and more overlapped).
    void burstsOverlapNothing_data()
    {
        QTest::addColumn<int>("burst");
        QTest::addColumn<int>("events");
        for (const int burst : {8, 20, 40, 100}) {
            QTest::addRow("bursts of %d, run placed whole", burst) << burst << 3000;
            QTest::addRow("bursts of %d, long run", burst) << burst << SequenceScene::kWholeRows + 4000;
        }
    }

    void burstsOverlapNothing()
    {
        QFETCH(int, burst);
        QFETCH(int, events);
        const QStringList problems = problemsOfEverySection(longRun(burst, events));
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }

    // A section's labels are the same whichever section is placed first: the window, which
    // places what it shows as the user scrolls, shows what an export draws.
    void sectionsAreTheSameInAnyOrder()
    {
        const tcplab::Trace trace = longRun();
        SequenceScene forward, backward, scattered;
        for (SequenceScene *scene : {&forward, &backward, &scattered}) {
            scene->setTrace(&trace);
            scene->layout(1000, 1.0, false);
        }
        const int n = forward.rowCount();
        for (int row = 0; row < n; ++row) {
            forward.rowText(row);
            backward.rowText(n - 1 - row);
            scattered.rowText(int((std::int64_t(row) * 7919) % n));
        }
        const QStringList expected = textLines(forward.texts());
        QCOMPARE(textLines(backward.texts()), expected);
        QCOMPARE(textLines(scattered.texts()), expected);
        // And a painter that asks for a strip finds its rows placed as they are there.
        SequenceScene painted;
        painted.setTrace(&trace);
        painted.layout(1000, 1.0, false);
        const double mid = painted.height() / 2;
        const std::vector<int> rows = painted.rowsReaching(mid, mid + 800);
        QVERIFY(!rows.empty());
        for (const int row : rows) {
            const auto t = painted.rowText(row);
            QVERIFY(t);
            QCOMPARE(textLines({*t}), textLines({*forward.rowText(row)}));
        }
    }

    // A title too long for the room between the heads goes above them, across the width,
    // wrapped: whole in an export; in the window cut to the lines it allows, the whole title
    // being its tooltip (titleElided()).
    void longTitleWrapsWholeAndIsCutOnlyInTheWindow()
    {
        tcplab::Trace trace;
        trace.title = "Stuck in CLOSE_WAIT: recv() returned 0 and nobody called close(), so the "
                      "server holds the connection while its peer waits in FIN_WAIT_2 until the "
                      "kernel's fin_timeout ends it, and the port stays taken all that time";
        trace.add(tcplab::makeNote(0, "a note"));
        const QString whole = QString::fromStdString(trace.title);

        SequenceScene exported;
        exported.setTrace(&trace);
        exported.layout(700, 1.0, false);
        QVERIFY(exported.titleText());
        QCOMPARE(exported.titleText()->text, whole);
        QVERIFY(!exported.titleElided());
        QVERIFY(exported.titleStripHeight() > 30); // more than a line, above the heads
        QVERIFY(exported.titleText()->rect.bottom() <= exported.bannerHeight() +
                                                           exported.titleStripHeight());

        SequenceScene window;
        window.setTitleLines(2);
        window.setTrace(&trace);
        window.layout(700, 1.0, false);
        QVERIFY(window.titleElided());
        QVERIFY(window.titleText()->text.endsWith(QChar(0x2026)));
        QVERIFY(whole.startsWith(window.titleText()->text.chopped(1).trimmed()));
        QVERIFY(window.titleStripHeight() < exported.titleStripHeight());

        // A short title stays between the heads, where there is room for it.
        trace.title = "Handshake";
        SequenceScene shortTitle;
        shortTitle.setTrace(&trace);
        shortTitle.layout(1200, 1.0, false);
        QCOMPARE(shortTitle.titleStripHeight(), 0.0);
        QCOMPARE(shortTitle.titleText()->text, QStringLiteral("Handshake"));
    }

    // The window cuts a long title to two lines above the heads (its tooltip has it all); it
    // lays out when shown, and again when resized. (A pane narrower than 860 px draws the
    // diagram laid out 860 px wide, smaller.)
    void windowCutsALongTitleToTwoLines()
    {
        TraceModel model;
        Playhead playhead;
        playhead.setModel(&model);
        tcplab::Trace trace;
        for (const char c : {'a', 'b', 'c', 'd', 'e', 'f', 'g'})
            trace.title += std::string(40, c) + " ";
        trace.title += "end";
        trace.add(tcplab::makeNote(0, "a note"));
        model.setTrace(trace);
        SequenceDiagramView view(&model, &playhead);
        view.resize(500, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(view.scene().titleElided());
        QVERIFY(view.scene().titleText()->text.endsWith(QChar(0x2026)));
        view.resize(2600, 400);
        QTRY_VERIFY(!view.scene().titleElided()); // wide enough for all of it
        QCOMPARE(view.scene().titleText()->text, QString::fromStdString(trace.title));
    }
};

QTEST_MAIN(TestSequenceLabels)
#include "tst_sequencelabels.moc"
