#include "ui/stategraph/stategraphrenderer.h"

#include "ui/common/diagramstyle.h"
#include "ui/stategraph/stategraphlayout.h"

#include "model/counterfactualtext.h"
#include "model/stategraphmodel.h"
#include "model/statemeanings.h"
#include "model/tracemodel.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>
#include <map>

namespace {
constexpr double kLabelFont = 17;
constexpr double kBannerFont = 22;
constexpr double kBannerStrip = 48; // logical units above the canvas; the banner and a gap
constexpr double kLegendFont = 16;
constexpr double kLegendNoteFont = 13;
constexpr double kLegendWidth = 430;
constexpr double kTagFont = 14;

void arrowHead(QPainter &p, const QPointF &from, const QPointF &tip, const QColor &c, double size)
{
    const double a = std::atan2(tip.y() - from.y(), tip.x() - from.x());
    QPainterPath head;
    head.moveTo(tip);
    head.lineTo(tip.x() - size * std::cos(a - 0.45), tip.y() - size * std::sin(a - 0.45));
    head.lineTo(tip.x() - size * std::cos(a + 0.45), tip.y() - size * std::sin(a + 0.45));
    head.closeSubpath();
    p.fillPath(head, c);
}

// Where a step's disc goes on a path: 17 units in, or further along where that would cover a
// label or another disc.
QPointF discAt(const QPolygonF &line, const std::vector<QRectF> &labels,
               const std::vector<QRectF> &discs)
{
    double total = 0;
    for (int i = 1; i < line.size(); ++i)
        total += std::hypot(line[i].x() - line[i - 1].x(), line[i].y() - line[i - 1].y());
    for (double d = 17; d < total - 24; d += 6) {
        const QPointF at = StateGraphLayout::pointAtDistance(line, d);
        const QRectF disc(at.x() - 11, at.y() - 11, 22, 22);
        const auto hits = [&disc](const QRectF &r) { return r.intersects(disc); };
        if (std::none_of(labels.begin(), labels.end(), hits) &&
            std::none_of(discs.begin(), discs.end(), hits))
            return at;
    }
    return StateGraphLayout::pointAtDistance(line, 17);
}

Side sideOf(int i)
{
    return i == 0 ? Side::Client : Side::Server;
}
} // namespace

QRectF StateGraphRenderer::area() const
{
    // The canvas, grown where a route of the run's own runs below the figure.
    const QRectF c = placement().canvas;
    return m_model.counterfactual() ? c.adjusted(0, -kBannerStrip, 0, 0) : c;
}

QTransform StateGraphRenderer::fit(const QRectF &target) const
{
    return StateGraphLayout::fit(target, area());
}

QString StateGraphRenderer::bannerText() const
{
    if (!m_model.counterfactual())
        return {};
    const QString what = CounterfactualText::deviations(m_model.traceModel()->trace());
    return what.isEmpty() ? tr("Not TCP (counterfactual)")
                          : tr("Not TCP: %1 (counterfactual)").arg(what);
}

QString StateGraphRenderer::legendLine(int i) const
{
    const Side side = sideOf(i);
    const QString who = side == Side::Client ? tr("client") : tr("server");
    return tr("%1: now %2").arg(who, StateMeanings::name(m_model.currentState(side)));
}

QString StateGraphRenderer::legendNote() const
{
    bool notTcp = false;
    for (int row = 0; row < m_model.edgeCount(); ++row)
        notTcp = notTcp || m_model.edge(row).notTcp;
    return notTcp ? tr("Thick lines: the path taken up to the playhead, numbered in order. "
                       "Edges: RFC 9293 §3.3.2, Figure 5, except the red ones: this "
                       "protocol's, not TCP's.")
                  : tr("Thick lines: the path taken up to the playhead, numbered in order. "
                       "Edges: RFC 9293 §3.3.2, Figure 5.");
}

QRectF StateGraphRenderer::legendRect() const
{
    // What paintLegend() draws: two lines of "who: now STATE", then the note, wrapped.
    const QFontMetricsF lines(DiagramStyle::font(kLegendFont));
    double right = 10;
    for (int i = 0; i < kSideCount; ++i)
        right = std::max(right, 18 + lines.horizontalAdvance(legendLine(i)));
    const QFontMetricsF note(DiagramStyle::font(kLegendNoteFont));
    const QRectF wrapped = note.boundingRect(QRectF(-20, 46, kLegendWidth, 1000),
                                             Qt::AlignLeft | Qt::TextWordWrap, legendNote());
    return QRectF(QPointF(-20, 2), QPointF(std::max(right, wrapped.right()), wrapped.bottom()));
}

QRectF StateGraphRenderer::tagRect(int node, Side side) const
{
    const QRectF r = StateGraphLayout::nodeRect(node, m_model.variant());
    const QString text = side == Side::Client ? tr("client") : tr("server");
    const double w = QFontMetricsF(DiagramStyle::font(kTagFont, true)).horizontalAdvance(text) + 10;
    return QRectF(side == Side::Client ? r.left() + 4 : r.right() - 4 - w, r.top() - 19, w, 18);
}

StateGraphLayout::Placement StateGraphRenderer::placement() const
{
    // Measured without a painter, so that what is painted is what the layout tests check.
    const QFontMetricsF fm(DiagramStyle::font(kLabelFont));
    std::vector<StateGraphLayout::EdgeLabel> edges;
    for (int row = 0; row < m_model.edgeCount(); ++row) {
        const auto &e = m_model.edge(row);
        edges.push_back(
            {e.from, e.to, QSizeF(fm.horizontalAdvance(m_model.edgeLabel(row)) + 6, fm.height())});
    }
    // No label under the legend or under a tag, wherever the client and the server are.
    std::vector<QRectF> reserved{legendRect()};
    for (int n = 0; n < StateGraphLayout::kNodeCount; ++n) {
        if (!StateGraphLayout::nodeShown(n, m_model.variant()))
            continue;
        reserved.push_back(tagRect(n, Side::Client));
        reserved.push_back(tagRect(n, Side::Server));
    }
    return StateGraphLayout::place(edges, m_model.variant(), reserved);
}

void StateGraphRenderer::paint(QPainter &p, const QRectF &target) const
{
    const StateGraphLayout::Placement placed = placement();
    const QRectF painted = m_model.counterfactual()
                               ? placed.canvas.adjusted(0, -kBannerStrip, 0, 0)
                               : placed.canvas;
    p.save();
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setRenderHint(QPainter::TextAntialiasing, true);
    p.setTransform(StateGraphLayout::fit(target, painted), true);
    paintBanner(p);
    paintLegend(p);
    paintEdges(p, placed);
    paintPaths(p, placed);
    paintNodes(p, placed);
    p.restore();
}

int StateGraphRenderer::currentNode(int i, const StateGraphLayout::Placement &placed) const
{
    const Side side = sideOf(i);
    const auto &path = m_model.path(side);
    int lastTo = -1;
    if (!path.empty() && path.back() >= 0)
        lastTo = placed.routes[std::size_t(path.back())].toNode;
    return StateGraphLayout::nodeFor(m_model.currentState(side), lastTo);
}

void StateGraphRenderer::paintBanner(QPainter &p) const
{
    const QString text = bannerText();
    if (text.isEmpty())
        return;
    // Across the whole width, above everything else: no reading of the graph misses it.
    const QRectF c = StateGraphLayout::canvas();
    const QRectF box(c.left(), c.top() - kBannerStrip, c.width(), kBannerStrip - 8);
    QPainterPath shape;
    shape.addRoundedRect(box, 6, 6);
    p.fillPath(shape, DiagramStyle::counterfactualColor());
    p.setPen(Qt::white);
    p.setFont(DiagramStyle::font(kBannerFont, true));
    p.drawText(box, Qt::AlignCenter,
               p.fontMetrics().elidedText(text, Qt::ElideRight, int(box.width() - 16)));
}

void StateGraphRenderer::paintEdges(QPainter &p, const StateGraphLayout::Placement &placed) const
{
    const QColor grey(0x75, 0x75, 0x75);
    const std::vector<QRectF> &labels = placed.labels;
    p.setFont(DiagramStyle::font(kLabelFont));
    for (int row = 0; row < m_model.edgeCount(); ++row) {
        const auto &e = m_model.edge(row);
        const auto &r = placed.routes[std::size_t(row)];
        // The counterfactual protocol's own edges in the banner's colour: where it is not TCP.
        const QColor line = e.notTcp ? DiagramStyle::counterfactualColor() : grey;
        QPen pen(line, e.notTcp ? 2.2 : 1.4);
        if (r.outsideFigure)
            pen.setStyle(Qt::DashLine);
        p.setPen(pen);
        p.setBrush(Qt::NoBrush);
        p.drawPolyline(r.points);
        arrowHead(p, r.points[r.points.size() - 2], r.points.back(), line, 11);
    }
    // The labels over every line, so that a line that has to pass one runs behind its text.
    for (int row = 0; row < m_model.edgeCount(); ++row) {
        const auto &e = m_model.edge(row);
        const QColor line = e.notTcp ? DiagramStyle::counterfactualColor() : grey;
        const QRectF &box = labels[std::size_t(row)];
        QColor bg(Qt::white);
        bg.setAlpha(200);
        p.fillRect(box, bg);
        p.setPen(e.notTcp ? line : DiagramStyle::textColor().lighter(130));
        p.drawText(box, Qt::AlignCenter, m_model.edgeLabel(row));
    }
}

void StateGraphRenderer::paintPaths(QPainter &p, const StateGraphLayout::Placement &placed) const
{
    std::vector<QRectF> discs;
    for (int i = 0; i < kSideCount; ++i) {
        const Side side = sideOf(i);
        QColor c = DiagramStyle::sideColor(side);
        c.setAlpha(150);
        // The client's path runs just above/left of the edge, the server's just below/right.
        const QPointF offset = i == 0 ? QPointF(-4, -4) : QPointF(4, 4);
        std::map<int, int> lastStep; // edge row -> the latest step that took it
        const auto &path = m_model.path(side);
        for (std::size_t k = 0; k < path.size(); ++k) {
            if (path[k] >= 0)
                lastStep[path[k]] = int(k) + 1;
        }
        for (const auto &[row, step] : lastStep) {
            const QPolygonF line = placed.routes[std::size_t(row)].points.translated(offset);
            p.setPen(QPen(c, 5, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
            p.setBrush(Qt::NoBrush);
            p.drawPolyline(line);
            arrowHead(p, line[line.size() - 2], line.back(), DiagramStyle::sideColor(side), 14);
            // The step's number, in a disc on the path just after it leaves its state, clear
            // of every label and of the other side's disc on the same edge.
            const QPointF at = discAt(line, placed.labels, discs);
            discs.push_back(QRectF(at.x() - 11, at.y() - 11, 22, 22));
            p.setPen(Qt::NoPen);
            p.setBrush(DiagramStyle::sideColor(side));
            p.drawEllipse(at, 10, 10);
            p.setPen(Qt::white);
            p.setFont(DiagramStyle::font(13, true));
            p.drawText(QRectF(at.x() - 10, at.y() - 10, 20, 20), Qt::AlignCenter,
                       QString::number(step));
        }
    }
}

void StateGraphRenderer::paintNodes(QPainter &p, const StateGraphLayout::Placement &placed) const
{
    const int client = currentNode(0, placed);
    const int server = currentNode(1, placed);
    const tcp::DiagramVariant variant = m_model.variant();
    for (int n = 0; n < StateGraphLayout::kNodeCount; ++n) {
        if (!StateGraphLayout::nodeShown(n, variant))
            continue;
        const QRectF r = StateGraphLayout::nodeRect(n, variant);
        const tcp::State s = StateGraphLayout::nodeState(n);
        const bool c = n == client, sv = n == server;
        QPainterPath shape;
        shape.addRoundedRect(r, 8, 8);
        p.fillPath(shape, DiagramStyle::stateColor(s).lighter(118));
        if (c || sv) {
            // Who is here: the node in their colour; both: split down the middle.
            QColor cc = DiagramStyle::sideColor(Side::Client).lighter(170);
            QColor sc = DiagramStyle::sideColor(Side::Server).lighter(170);
            if (c && sv) {
                p.save();
                p.setClipRect(QRectF(r.left(), r.top(), r.width() / 2, r.height()));
                p.fillPath(shape, cc);
                p.setClipRect(QRectF(r.center().x(), r.top(), r.width() / 2, r.height()));
                p.fillPath(shape, sc);
                p.restore();
            } else {
                p.fillPath(shape, c ? cc : sc);
            }
        }
        QPen border(QColor(0x61, 0x61, 0x61), 1.2);
        if (c || sv)
            border = QPen(DiagramStyle::sideColor(c ? Side::Client : Side::Server), 3.5);
        p.setPen(border);
        p.setBrush(Qt::NoBrush);
        p.drawPath(shape);
        if (c && sv) {
            p.setPen(QPen(DiagramStyle::sideColor(Side::Server), 3.5));
            p.save();
            p.setClipRect(QRectF(r.center().x(), r.top() - 4, r.width() / 2 + 4, r.height() + 8));
            p.drawPath(shape);
            p.restore();
        }
        p.setFont(DiagramStyle::font(17, true));
        p.setPen(DiagramStyle::textColor());
        p.drawText(r, Qt::AlignCenter, StateMeanings::name(s));
        // Tags naming who is here, above the node.
        p.setFont(DiagramStyle::font(kTagFont, true));
        auto tag = [&](Side side) {
            const QString text = side == Side::Client ? tr("client") : tr("server");
            const QRectF t = tagRect(n, side);
            QPainterPath tp;
            tp.addRoundedRect(t, 4, 4);
            p.fillPath(tp, DiagramStyle::sideColor(side));
            p.setPen(Qt::white);
            p.drawText(t, Qt::AlignCenter, text);
        };
        if (c)
            tag(Side::Client);
        if (sv)
            tag(Side::Server);
    }
}

void StateGraphRenderer::paintLegend(QPainter &p) const
{
    p.setFont(DiagramStyle::font(kLegendFont));
    double y = 2;
    for (int i = 0; i < kSideCount; ++i) {
        const Side side = sideOf(i);
        p.setPen(QPen(DiagramStyle::sideColor(side), 5, Qt::SolidLine, Qt::RoundCap));
        p.drawLine(QPointF(-20, y + 9), QPointF(10, y + 9));
        p.setPen(DiagramStyle::textColor());
        p.drawText(QRectF(18, y, 400, 20), Qt::AlignLeft | Qt::AlignVCenter, legendLine(i));
        y += 22;
    }
    p.setPen(DiagramStyle::textColor().lighter(160));
    p.setFont(DiagramStyle::font(kLegendNoteFont));
    p.drawText(QRectF(-20, y, kLegendWidth, legendRect().bottom() - y),
               Qt::AlignLeft | Qt::TextWordWrap, legendNote());
}
