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

        const std::vector<Text> &texts = scene.texts();
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
                if (&texts[i] != scene.rowText(row) && overlap(line, shapes[i]))
                    problems << QStringLiteral("the dotted line of ") +
                                    describe(*scene.rowText(row)) +
                                    QStringLiteral(" runs through ") + describe(texts[i]);
            }
        }
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
