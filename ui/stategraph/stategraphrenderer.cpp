#include "ui/stategraph/stategraphrenderer.h"

#include "ui/common/diagramstyle.h"
#include "ui/stategraph/stategraphlayout.h"

#include "model/stategraphmodel.h"
#include "model/statemeanings.h"

#include <QPainter>
#include <QPainterPath>

#include <cmath>
#include <map>

namespace {
constexpr double kLabelFont = 17;

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

QRectF labelRect(const QPointF &anchor, int align, const QSizeF &size)
{
    QRectF r(QPointF(0, 0), size);
    if (align & Qt::AlignRight)
        r.moveRight(anchor.x());
    else if (align & Qt::AlignLeft)
        r.moveLeft(anchor.x());
    else
        r.moveLeft(anchor.x() - size.width() / 2);
    if (align & Qt::AlignBottom)
        r.moveBottom(anchor.y());
    else if (align & Qt::AlignTop)
        r.moveTop(anchor.y());
    else
        r.moveTop(anchor.y() - size.height() / 2);
    return r;
}

Side sideOf(int i)
{
    return i == 0 ? Side::Client : Side::Server;
}
} // namespace

void StateGraphRenderer::paint(QPainter &p, const QRectF &target) const
{
    p.save();
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setRenderHint(QPainter::TextAntialiasing, true);
    p.setTransform(StateGraphLayout::fit(target), true);
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
        lastTo = StateGraphLayout::route(e.from, e.to).toNode;
    }
    return StateGraphLayout::nodeFor(m_model.currentState(side), lastTo);
}

void StateGraphRenderer::paintEdges(QPainter &p) const
{
    const QColor line(0x75, 0x75, 0x75);
    p.setFont(DiagramStyle::font(kLabelFont));
    for (int row = 0; row < m_model.edgeCount(); ++row) {
        const auto &e = m_model.edge(row);
        const auto r = StateGraphLayout::route(e.from, e.to);
        QPen pen(line, 1.4);
        if (r.curved)
            pen.setStyle(Qt::DashLine);
        p.setPen(pen);
        p.setBrush(Qt::NoBrush);
        p.drawPolyline(r.points);
        arrowHead(p, r.points[r.points.size() - 2], r.points.back(), line, 11);
        const QString text = m_model.edgeLabel(row);
        const QSizeF size(p.fontMetrics().horizontalAdvance(text) + 6, p.fontMetrics().height());
        const QRectF box = labelRect(r.labelAnchor, r.labelAlign, size);
        QColor bg(Qt::white);
        bg.setAlpha(200);
        p.fillRect(box, bg);
        p.setPen(DiagramStyle::textColor().lighter(130));
        p.drawText(box, Qt::AlignCenter, text);
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
            const auto r = StateGraphLayout::route(e.from, e.to);
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
    for (int n = 0; n < StateGraphLayout::kNodeCount; ++n) {
        const QRectF r = StateGraphLayout::nodeRect(n);
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
    p.drawText(QRectF(-20, y, 430, 40), Qt::AlignLeft | Qt::TextWordWrap,
               tr("Thick lines: the path taken up to the playhead, numbered in order. "
                  "Edges: RFC 9293 §3.3.2, Figure 5."));
}
