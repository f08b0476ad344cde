// The state graph's labels are readable: no edge label overlaps another or a state's box, and
// none is cut off at the canvas's edge -- for TCP's diagram and for the counterfactual
// protocols' (two-way handshake, no TIME_WAIT, both), in English and in Chinese, whose labels
// have other widths. The label boxes are the ones the renderer paints (labelRects()).
#include "ui/stategraph/stategraphlayout.h"
#include "ui/stategraph/stategraphrenderer.h"
#include "ui/window/languagemanager.h"

#include "model/playhead.h"
#include "model/stategraphmodel.h"
#include "model/tracemodel.h"
#include "trace/counterfactual.h"

#include <QTest>

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

        const StateGraphRenderer renderer(model);
        const std::vector<QRectF> labels = renderer.labelRects();
        QCOMPARE(int(labels.size()), model.edgeCount());
        const QRectF canvas = StateGraphLayout::canvas();
        QStringList problems;
        for (int i = 0; i < model.edgeCount(); ++i) {
            const QRectF &a = labels[std::size_t(i)];
            if (!canvas.contains(a))
                problems << describe(model, i) + QStringLiteral(" leaves the canvas ") +
                                rectText(a);
            for (int j = i + 1; j < model.edgeCount(); ++j) {
                if (a.intersects(labels[std::size_t(j)]))
                    problems << describe(model, i) + QStringLiteral(" overlaps ") +
                                    describe(model, j);
            }
            for (int n = 0; n < StateGraphLayout::kNodeCount; ++n) {
                if (!StateGraphLayout::nodeShown(n, model.variant()))
                    continue;
                if (a.intersects(StateGraphLayout::nodeRect(n, model.variant())))
                    problems << describe(model, i) + QStringLiteral(" overlaps the box of ") +
                                    QString::fromUtf8(
                                        tcp::stateName(StateGraphLayout::nodeState(n)));
            }
        }
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
                QVERIFY2(!r.curved, qPrintable(what));
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
