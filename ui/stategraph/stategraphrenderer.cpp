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

#include <cmath>
#include <map>

namespace {
constexpr double kLabelFont = 17;
constexpr double kBannerFont = 22;
constexpr double kBannerStrip = 48; // logical units above the canvas; the banner and a gap

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

Side sideOf(int i)
{
    return i == 0 ? Side::Client : Side::Server;
}
} // namespace

QRectF StateGraphRenderer::area() const
{
    const QRectF c = StateGraphLayout::canvas();
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

std::vector<QRectF> StateGraphRenderer::labelRects() const
{
    // Measured without a painter, so that what is painted is what the layout tests check.
    const QFontMetricsF fm(DiagramStyle::font(kLabelFont));
    std::vector<QRectF> rects;
    for (int row = 0; row < m_model.edgeCount(); ++row) {
        const auto &e = m_model.edge(row);
        const auto r = StateGraphLayout::route(e.from, e.to, m_model.variant());
        const QSizeF size(fm.horizontalAdvance(m_model.edgeLabel(row)) + 6, fm.height());
        rects.push_back(StateGraphLayout::labelRect(r.labelAnchor, r.labelAlign, size));
    }
    return rects;
}

void StateGraphRenderer::paint(QPainter &p, const QRectF &target) const
{
    p.save();
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setRenderHint(QPainter::TextAntialiasing, true);
    p.setTransform(fit(target), true);
    paintBanner(p);
    paintLegend(p);
    paintEdges(p);
    paintPaths(p);
    paintNodes(p);
    p.restore();
}

int StateGraphRenderer::currentNode(int i) const
{
    const Side side = sideOf(i);
    const auto &path = m_model.path(side);
    int lastTo = -1;
    if (!path.empty() && path.back() >= 0) {
        const auto &e = m_model.edge(path.back());
        lastTo = StateGraphLayout::route(e.from, e.to, m_model.variant()).toNode;
    }
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

void StateGraphRenderer::paintEdges(QPainter &p) const
{
    const QColor grey(0x75, 0x75, 0x75);
    const std::vector<QRectF> labels = labelRects();
    p.setFont(DiagramStyle::font(kLabelFont));
    for (int row = 0; row < m_model.edgeCount(); ++row) {
        const auto &e = m_model.edge(row);
        const auto r = StateGraphLayout::route(e.from, e.to, m_model.variant());
        // The counterfactual protocol's own edges in the banner's colour: where it is not TCP.
        const QColor line = e.notTcp ? DiagramStyle::counterfactualColor() : grey;
        QPen pen(line, e.notTcp ? 2.2 : 1.4);
        if (r.curved)
            pen.setStyle(Qt::DashLine);
        p.setPen(pen);
        p.setBrush(Qt::NoBrush);
        p.drawPolyline(r.points);
        arrowHead(p, r.points[r.points.size() - 2], r.points.back(), line, 11);
        const QRectF &box = labels[std::size_t(row)];
        QColor bg(Qt::white);
        bg.setAlpha(200);
        p.fillRect(box, bg);
        p.setPen(e.notTcp ? line : DiagramStyle::textColor().lighter(130));
        p.drawText(box, Qt::AlignCenter, m_model.edgeLabel(row));
    }
}

void StateGraphRenderer::paintPaths(QPainter &p) const
{
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
            const auto &e = m_model.edge(row);
            const auto r = StateGraphLayout::route(e.from, e.to, m_model.variant());
            const QPolygonF line = r.points.translated(offset);
            p.setPen(QPen(c, 5, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
            p.setBrush(Qt::NoBrush);
            p.drawPolyline(line);
            arrowHead(p, line[line.size() - 2], line.back(), DiagramStyle::sideColor(side), 14);
            // The step's number, in a disc on the path.
            // On the path just after it leaves its state, away from the edge's label.
            const QPointF at = StateGraphLayout::pointAtDistance(line, 17);
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

void StateGraphRenderer::paintNodes(QPainter &p) const
{
    const int client = currentNode(0);
    const int server = currentNode(1);
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
        p.setFont(DiagramStyle::font(14, true));
        auto tag = [&](Side side, bool left) {
            const QString text = side == Side::Client ? tr("client") : tr("server");
            const double w = p.fontMetrics().horizontalAdvance(text) + 10;
            const QRectF t(left ? r.left() + 4 : r.right() - 4 - w, r.top() - 19, w, 18);
            QPainterPath tp;
            tp.addRoundedRect(t, 4, 4);
            p.fillPath(tp, DiagramStyle::sideColor(side));
            p.setPen(Qt::white);
            p.drawText(t, Qt::AlignCenter, text);
        };
        if (c)
            tag(Side::Client, true);
        if (sv)
            tag(Side::Server, false);
    }
}

void StateGraphRenderer::paintLegend(QPainter &p) const
{
    p.setFont(DiagramStyle::font(16));
    double y = 2;
    for (int i = 0; i < kSideCount; ++i) {
        const Side side = sideOf(i);
        p.setPen(QPen(DiagramStyle::sideColor(side), 5, Qt::SolidLine, Qt::RoundCap));
        p.drawLine(QPointF(-20, y + 9), QPointF(10, y + 9));
        p.setPen(DiagramStyle::textColor());
        const QString who = side == Side::Client ? tr("client") : tr("server");
        p.drawText(QRectF(18, y, 400, 20), Qt::AlignLeft | Qt::AlignVCenter,
                   tr("%1: now %2").arg(who, StateMeanings::name(m_model.currentState(side))));
        y += 22;
    }
    p.setPen(DiagramStyle::textColor().lighter(160));
    p.setFont(DiagramStyle::font(13));
    bool notTcp = false;
    for (int row = 0; row < m_model.edgeCount(); ++row)
        notTcp = notTcp || m_model.edge(row).notTcp;
    p.drawText(QRectF(-20, y, 430, 60), Qt::AlignLeft | Qt::TextWordWrap,
               notTcp ? tr("Thick lines: the path taken up to the playhead, numbered in order. "
                           "Edges: RFC 9293 §3.3.2, Figure 5, except the red ones: this "
                           "protocol's, not TCP's.")
                      : tr("Thick lines: the path taken up to the playhead, numbered in order. "
                           "Edges: RFC 9293 §3.3.2, Figure 5."));
}
