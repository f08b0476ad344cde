// The state graph's labels are readable: no edge label overlaps another, a state's box, the
// legend or a client/server tag, none is cut off at the canvas's edge, and no edge runs through
// a box that is not one of its ends -- for TCP's diagram and for the counterfactual protocols'
// (two-way handshake, no TIME_WAIT, both), for every shipped scenario's run (whose resets,
// aborts and timeouts add edges the figure has not) and for every edge to CLOSED a run can add,
// in English and in Chinese, whose labels have other widths. The boxes are the ones the
// renderer paints: StateGraphRenderer::placement(), which paint() draws.
#include "ui/common/traceloader.h"
#include "ui/stategraph/stategraphlayout.h"
#include "ui/stategraph/stategraphrenderer.h"
#include "ui/window/languagemanager.h"

#include "model/playhead.h"
#include "model/stategraphmodel.h"
#include "model/tracemodel.h"
#include "trace/counterfactual.h"

#include <QDir>
#include <QTest>

#include <algorithm>

namespace {

// A trace that carries only the notes saying which protocol ran.
tcplab::Trace protocolTrace(bool twoWay, bool timeWait)
{
    tcplab::Trace t;
    t.producer = "sim";
    if (twoWay)
        t.add(tcplab::makeCounterfactualNote(tcplab::kCounterfactualTwoWay));
    if (!timeWait)
        t.add(tcplab::makeCounterfactualNote(tcplab::kCounterfactualNoTimeWait));
    return t;
}

QString describe(const StateGraphModel &m, int row)
{
    const auto &e = m.edge(row);
    return QStringLiteral("%1->%2 \"%3\"")
        .arg(tcp::stateName(e.from), tcp::stateName(e.to), m.edgeLabel(row));
}

QString rectText(const QRectF &r)
{
    return QStringLiteral("(%1,%2 %3x%4)")
        .arg(r.x(), 0, 'f', 1)
        .arg(r.y(), 0, 'f', 1)
        .arg(r.width(), 0, 'f', 1)
        .arg(r.height(), 0, 'f', 1);
}

// Whether the segment a-b passes through the inside of r (Liang-Barsky clipping).
bool segmentCrosses(const QPointF &a, const QPointF &b, const QRectF &r)
{
    double t0 = 0, t1 = 1;
    const double dx = b.x() - a.x(), dy = b.y() - a.y();
    const double p[4] = {-dx, dx, -dy, dy};
    const double q[4] = {a.x() - r.left(), r.right() - a.x(), a.y() - r.top(), r.bottom() - a.y()};
    for (int i = 0; i < 4; ++i) {
        if (p[i] == 0) {
            if (q[i] < 0)
                return false;
            continue;
        }
        const double t = q[i] / p[i];
        if (p[i] < 0)
            t0 = std::max(t0, t);
        else
            t1 = std::min(t1, t);
    }
    return t0 < t1;
}

// Everything wrong with the graph as the renderer lays it out: a label that overlaps another
// label, a state's box, the legend or a client/server tag, or leaves the area painted; an edge
// that runs through a box that is not one of its ends. One line each.
QStringList layoutProblems(const StateGraphModel &model)
{
    const StateGraphRenderer renderer(model);
    const StateGraphLayout::Placement placed = renderer.placement();
    const tcp::DiagramVariant variant = model.variant();
    QStringList problems;
    if (int(placed.labels.size()) != model.edgeCount() ||
        int(placed.routes.size()) != model.edgeCount())
        return {QStringLiteral("not one route and one label per edge")};
    const QRectF legend = renderer.legendRect();
    for (int i = 0; i < model.edgeCount(); ++i) {
        const QRectF &a = placed.labels[std::size_t(i)];
        if (!placed.canvas.contains(a))
            problems << describe(model, i) + QStringLiteral(" leaves the canvas ") + rectText(a);
        if (a.intersects(legend))
            problems << describe(model, i) + QStringLiteral(" overlaps the legend");
        for (int j = i + 1; j < model.edgeCount(); ++j) {
            if (a.intersects(placed.labels[std::size_t(j)]))
                problems << describe(model, i) + QStringLiteral(" overlaps ") + describe(model, j);
        }
        const auto &route = placed.routes[std::size_t(i)];
        for (int n = 0; n < StateGraphLayout::kNodeCount; ++n) {
            if (!StateGraphLayout::nodeShown(n, variant))
                continue;
            const QRectF box = StateGraphLayout::nodeRect(n, variant);
            const QString name = QString::fromUtf8(tcp::stateName(StateGraphLayout::nodeState(n)));
            if (a.intersects(box))
                problems << describe(model, i) + QStringLiteral(" overlaps the box of ") + name;
            for (const Side side : {Side::Client, Side::Server}) {
                if (a.intersects(renderer.tagRect(n, side)))
                    problems << describe(model, i) + QStringLiteral(" overlaps the tag above ") +
                                    name;
            }
            if (n == route.fromNode || n == route.toNode)
                continue;
            for (int k = 1; k < route.points.size(); ++k) {
                if (segmentCrosses(route.points[k - 1], route.points[k], box)) {
                    problems << describe(model, i) + QStringLiteral(" runs through ") + name;
                    break;
                }
            }
        }
    }
    return problems;
}

QStringList scenarioNames()
{
    return QDir(QStringLiteral(TCPLAB_SOURCE_DIR "/resources/scenarios"))
        .entryList({QStringLiteral("*.tcplab")}, QDir::Files, QDir::Name);
}

} // namespace

class TestStateGraphLayout : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void labelsOverlapNothing_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<bool>("twoWay");
        QTest::addColumn<bool>("timeWait");
        for (const char *language : {"en", "zh_CN"}) {
            QTest::addRow("%s TCP", language) << QString::fromLatin1(language) << false << true;
            QTest::addRow("%s two-way", language) << QString::fromLatin1(language) << true << true;
            QTest::addRow("%s no TIME_WAIT", language)
                << QString::fromLatin1(language) << false << false;
            QTest::addRow("%s both", language) << QString::fromLatin1(language) << true << false;
        }
    }

    void labelsOverlapNothing()
    {
        QFETCH(QString, language);
        QFETCH(bool, twoWay);
        QFETCH(bool, timeWait);
        LanguageManager languages;
        QVERIFY(languages.setLanguage(language));
        TraceModel trace;
        Playhead playhead;
        playhead.setModel(&trace);
        StateGraphModel model(&trace, &playhead);
        trace.setTrace(protocolTrace(twoWay, timeWait));
        QCOMPARE(model.variant().twoWayHandshake, twoWay);
        QCOMPARE(model.variant().timeWait, timeWait);

        const QStringList problems = layoutProblems(model);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }

    // Every shipped scenario's graph, run in the simulator: the edges the run adds to the figure
    // (a reset, an abort, FIN_WAIT_2's timeout) are placed too. No label overlaps another
    // label or a state's box, none leaves the canvas, and no edge runs through a box that is
    // not one of its ends -- in English and in Chinese.
    void scenarioGraphsOverlapNothing_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("scenario");
        for (const char *language : {"en", "zh_CN"})
            for (const QString &name : scenarioNames())
                QTest::addRow("%s %s", language, qPrintable(name))
                    << QString::fromLatin1(language) << name;
    }

    void scenarioGraphsOverlapNothing()
    {
        QFETCH(QString, language);
        QFETCH(QString, scenario);
        LanguageManager languages;
        QVERIFY(languages.setLanguage(language));
        TraceLoader::Result loaded = TraceLoader::loadFile(
            QStringLiteral(TCPLAB_SOURCE_DIR "/resources/scenarios/") + scenario);
        QVERIFY2(loaded.ok, qPrintable(loaded.error));
        TraceModel trace;
        Playhead playhead;
        playhead.setModel(&trace);
        StateGraphModel model(&trace, &playhead);
        trace.setTrace(std::move(loaded.trace));
        const QStringList problems = layoutProblems(model);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }

    // A run may take any state to CLOSED the figure does not draw (a reset, an abort, a
    // timeout; the live lab sees them all): each gets a route and a label that fit.
    void everyEdgeToClosedFits_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<int>("from");
        for (const char *language : {"en", "zh_CN"})
            for (int s = 1; s < tcp::kStateCount; ++s) // from every state but CLOSED
                QTest::addRow("%s %s", language, tcp::stateName(tcp::State(s)))
                    << QString::fromLatin1(language) << s;
    }

    void everyEdgeToClosedFits()
    {
        QFETCH(QString, language);
        QFETCH(int, from);
        const tcp::State state = tcp::State(from);
        LanguageManager languages;
        QVERIFY(languages.setLanguage(language));
        tcplab::Trace t;
        t.producer = "sim";
        // The longest cause a run gives such an edge.
        t.add(tcplab::makeState(0, tcplab::EndpointId::client(), state, tcp::State::Closed,
                                "FIN_WAIT_2 timeout (Linux tcp_fin_timeout)",
                                tcplab::StateSource::Simulated));
        TraceModel trace;
        Playhead playhead;
        playhead.setModel(&trace);
        StateGraphModel model(&trace, &playhead);
        trace.setTrace(std::move(t));
        QVERIFY(model.findEdge(state, tcp::State::Closed) >= 0);
        const QStringList problems = layoutProblems(model);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }

    // Every edge of every protocol runs from its source's box to its target's, and the boxes
    // drawn do not overlap: the variants' routes are real routes, not curves.
    void variantEdgesHaveRoutes()
    {
        for (const tcp::DiagramVariant v :
             {tcp::DiagramVariant{false, true}, tcp::DiagramVariant{true, true},
              tcp::DiagramVariant{false, false}, tcp::DiagramVariant{true, false}}) {
            for (const tcp::DiagramEdge &e : tcp::diagramEdges(v)) {
                const auto r = StateGraphLayout::route(e.from, e.to, v);
                const QString what = QStringLiteral("%1->%2 (two-way %3, TIME_WAIT %4)")
                                         .arg(tcp::stateName(e.from), tcp::stateName(e.to))
                                         .arg(v.twoWayHandshake)
                                         .arg(v.timeWait);
                QVERIFY2(!r.outsideFigure, qPrintable(what));
                QVERIFY2(StateGraphLayout::nodeShown(r.toNode, v), qPrintable(what));
                const QRectF from =
                    StateGraphLayout::nodeRect(r.fromNode, v).adjusted(-1, -1, 1, 1);
                const QRectF to = StateGraphLayout::nodeRect(r.toNode, v).adjusted(-1, -1, 1, 1);
                QVERIFY2(from.contains(r.points.front()), qPrintable(what));
                QVERIFY2(to.contains(r.points.back()), qPrintable(what));
            }
            for (int a = 0; a < StateGraphLayout::kNodeCount; ++a)
                for (int b = a + 1; b < StateGraphLayout::kNodeCount; ++b)
                    if (StateGraphLayout::nodeShown(a, v) && StateGraphLayout::nodeShown(b, v))
                        QVERIFY(!StateGraphLayout::nodeRect(a, v).intersects(
                            StateGraphLayout::nodeRect(b, v)));
        }
        // Without TIME_WAIT its box is gone and CLOSED is where it was.
        const tcp::DiagramVariant noTimeWait{false, false};
        QVERIFY(!StateGraphLayout::nodeShown(int(tcp::State::TimeWait), noTimeWait));
        QCOMPARE(StateGraphLayout::nodeRect(StateGraphLayout::kClosedBottom, noTimeWait),
                 StateGraphLayout::nodeRect(int(tcp::State::TimeWait)));
    }
};

QTEST_MAIN(TestStateGraphLayout)
#include "tst_stategraphlayout.moc"
