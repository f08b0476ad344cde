#include "ui/sequence/sequencediagramrenderer.h"

#include "tcp/segment.h"

#include "ui/common/diagramstyle.h"
#include "ui/sequence/sequencescene.h"

#include "model/counterfactualtext.h"
#include "model/eventtext.h"
#include "trace/counterfactual.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>
#include <QtMath>

#include <algorithm>
#include <cmath>
#include <optional>

using tcplab::Event;
using tcplab::EventType;

namespace {
constexpr double kSmallFont = 11; // brackets, breaks, legend

void drawArrowHead(QPainter &p, const QLineF &line, double size)
{
    const double a = std::atan2(line.dy(), line.dx());
    const QPointF tip = line.p2();
    const QPointF l(tip.x() - size * std::cos(a - 0.4), tip.y() - size * std::sin(a - 0.4));
    const QPointF r(tip.x() - size * std::cos(a + 0.4), tip.y() - size * std::sin(a + 0.4));
    QPainterPath head;
    head.moveTo(tip);
    head.lineTo(l);
    head.lineTo(r);
    head.closeSubpath();
    p.fillPath(head, p.pen().color());
}

// What is drawn past a line's ends or a text's box (a pen's half-width and cap, an arrowhead,
// the current arrow's halo, a lost segment's cross, a glyph), at most.
constexpr double kOverhang = 12;

// Whether text t, turned and moved as it is drawn, reaches visible (null: everything does).
bool reaches(const SequenceScene::Text &t, const QRectF &visible)
{
    return visible.isNull() || t.shape().boundingRect()
                                   .adjusted(-kOverhang, -kOverhang, kOverhang, kOverhang)
                                   .intersects(visible);
}

// The part of line within visible's rows and kOverhang beyond: a long arrow in a strip of a
// picture painted a strip at a time is drawn that far only, not whole in every strip it
// crosses (where it was, the raster engine rasterizes the whole line, clipped or not).
// Nothing if it does not reach them; line itself if visible is null.
std::optional<QLineF> withinRows(const QLineF &line, const QRectF &visible)
{
    if (visible.isNull())
        return line;
    const double top = visible.top() - kOverhang, bottom = visible.bottom() + kOverhang;
    if (line.dy() == 0) {
        if (line.y1() < top || line.y1() > bottom)
            return std::nullopt;
        return line;
    }
    double from = (top - line.y1()) / line.dy(), to = (bottom - line.y1()) / line.dy();
    if (from > to)
        std::swap(from, to);
    from = std::max(from, 0.0);
    to = std::min(to, 1.0);
    if (from > to)
        return std::nullopt;
    return QLineF(from > 0 ? line.pointAt(from) : line.p1(), to < 1 ? line.pointAt(to) : line.p2());
}

// Whether point p is within kOverhang of visible's rows (null: every point is).
bool withinRows(const QPointF &p, const QRectF &visible)
{
    return visible.isNull() || (p.y() >= visible.top() - kOverhang &&
                                p.y() <= visible.bottom() + kOverhang);
}

// A text of the scene where the scene placed it, in the font it was measured with (bold:
// the current event's).
void drawText(QPainter &p, const SequenceScene::Text &t, bool bold = false)
{
    p.save();
    p.translate(t.origin);
    p.rotate(t.angle);
    p.setFont(SequenceScene::font(t.kind, bold || t.bold));
    p.drawText(t.rect, t.flags | Qt::TextDontClip, t.text);
    p.restore();
}

QBrush bandBrush(tcp::State s, tcplab::StateSource source)
{
    if (source == tcplab::StateSource::Inferred)
        return QBrush(DiagramStyle::stateColor(s).darker(150), Qt::BDiagPattern);
    return QBrush(DiagramStyle::stateColor(s));
}
} // namespace

double SequenceDiagramRenderer::opacity(int row) const
{
    return m_options.fadeFuture && m_current >= -1 && row > m_current ? 0.28 : 1.0;
}

QString SequenceDiagramRenderer::bannerText() const
{
    if (!m_scene.trace() || !m_scene.counterfactual())
        return {};
    const QString what = CounterfactualText::deviations(*m_scene.trace());
    return what.isEmpty() ? tr("Counterfactual run — not TCP")
                          : tr("Counterfactual run — not TCP: %1").arg(what);
}

void SequenceDiagramRenderer::paintHeader(QPainter &p, double y) const
{
    p.save();
    const double top = y;
    p.fillRect(QRectF(0, y, m_scene.width(), m_scene.headerHeight()), Qt::white);
    // The banner is part of the header, so it stays in view while the diagram scrolls, and
    // every export starts with it.
    if (const double banner = m_scene.bannerHeight(); banner > 0) {
        const QRectF box(0, y, m_scene.width(), banner);
        p.fillRect(box, DiagramStyle::counterfactualColor());
        p.setPen(Qt::white);
        p.setFont(DiagramStyle::font(15, true));
        p.drawText(box, Qt::AlignCenter,
                   p.fontMetrics().elidedText(bannerText(), Qt::ElideRight, int(box.width() - 16)));
        y += banner;
    }
    y += m_scene.titleStripHeight(); // a title too long to go between the heads goes above them
    const double h = m_scene.columns().headerHeight;
    p.setFont(DiagramStyle::font(15, true));
    for (Side side : {Side::Client, Side::Server}) {
        const double x = m_scene.lifelineX(side);
        const QRectF box(x - 60, y + 8, 120, h - 16);
        p.setPen(QPen(DiagramStyle::sideColor(side), 2));
        p.setBrush(DiagramStyle::sideColor(side).lighter(185));
        p.drawRoundedRect(box, 6, 6);
        p.setPen(DiagramStyle::sideColor(side).darker(130));
        p.drawText(box, Qt::AlignCenter, side == Side::Client ? tr("Client") : tr("Server"));
    }
    if (const SequenceScene::Text *title = m_scene.titleText()) {
        p.setPen(DiagramStyle::textColor());
        p.save();
        p.translate(0, top); // the scene's header starts at 0
        drawText(p, *title);
        p.restore();
    }
    p.setPen(QPen(DiagramStyle::gridColor(), 1));
    p.drawLine(QPointF(0, y + h - 0.5), QPointF(m_scene.width(), y + h - 0.5));
    p.restore();
}

void SequenceDiagramRenderer::paintBody(QPainter &p, const QRectF &visible) const
{
    p.save();
    setBodyHints(p);
    paintUnderRows(p, visible);
    const std::vector<int> rows = m_scene.rowsReaching(visible.top(), visible.bottom());
    paintRows(p, rows.data(), rows.data() + rows.size(), visible);
    paintOverRows(p, visible);
    p.restore();
}

void SequenceDiagramRenderer::setBodyHints(QPainter &p)
{
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setRenderHint(QPainter::TextAntialiasing, true);
}

void SequenceDiagramRenderer::paintUnderRows(QPainter &p, const QRectF &visible,
                                             bool wholeLifelines) const
{
    const double bottom = m_scene.height() - m_scene.columns().bottomPad / 2;
    // Lifelines, dashed: solid colour is for the state bands.
    const QPen lifeline(DiagramStyle::gridColor(), 1, Qt::DashLine);
    p.setPen(lifeline);
    double from = std::max(visible.top(), m_scene.headerHeight());
    double to = std::min(visible.bottom(), bottom);
    if (wholeLifelines) {
        // The stretch of the line from the heads down that the strip shows, starting a whole
        // number of dash periods below the heads: its dashes fall where the whole line's do.
        const QList<qreal> dashes = lifeline.dashPattern();
        double period = 0;
        for (const qreal d : dashes)
            period += d * lifeline.widthF();
        const double head = m_scene.headerHeight();
        from = head + (period > 0 ? period * std::floor(std::max(0.0, from - head - 2) / period)
                                  : 0.0);
        to = std::min(bottom, to + 2);
    }
    for (Side side : {Side::Client, Side::Server}) {
        const double x = m_scene.lifelineX(side);
        p.drawLine(QPointF(x, from), QPointF(x, to));
    }
    paintBreaks(p, visible);
    paintBands(p, visible);
    paintBrackets(p, visible);
}

void SequenceDiagramRenderer::paintRows(QPainter &p, const int *first, const int *last,
                                        const QRectF &visible) const
{
    for (; first != last; ++first)
        paintRow(p, *first, visible);
}

void SequenceDiagramRenderer::paintOverRows(QPainter &p, const QRectF &visible) const
{
    if (m_options.showPlayhead)
        paintPlayhead(p, visible);
}

void SequenceDiagramRenderer::paintBreaks(QPainter &p, const QRectF &visible) const
{
    for (const TimeAxis::Break &b : m_scene.axis().breaks()) {
        const double y0 = m_scene.top() + b.y0, y1 = m_scene.top() + b.y1;
        if (y1 < visible.top() || y0 > visible.bottom())
            continue;
        const double mid = (y0 + y1) / 2;
        p.fillRect(QRectF(0, mid - 9, m_scene.width(), 18), QColor(0xf2, 0xf2, 0xf2));
        // The axis break: a zig-zag across each lifeline.
        p.setPen(QPen(DiagramStyle::gridColor(), 1.2));
        for (Side side : {Side::Client, Side::Server}) {
            const double x = m_scene.lifelineX(side);
            QPainterPath zig;
            zig.moveTo(x - 12, mid - 5);
            zig.lineTo(x - 4, mid + 3);
            zig.lineTo(x + 4, mid - 5);
            zig.lineTo(x + 12, mid + 3);
            p.drawPath(zig.translated(0, -2));
            p.drawPath(zig.translated(0, 4));
        }
        p.setPen(DiagramStyle::textColor().lighter(170));
        if (const SequenceScene::Text *t = m_scene.breakText(int(&b - m_scene.axis().breaks().data())))
            drawText(p, *t);
    }
}

void SequenceDiagramRenderer::paintBands(QPainter &p, const QRectF &visible) const
{
    const double w = m_scene.columns().bandWidth;
    const qint64 t0 = m_scene.time(visible.top());
    const qint64 t1 = m_scene.time(visible.bottom());
    for (Side side : {Side::Client, Side::Server}) {
        const auto &bands = m_scene.bands(side);
        auto it = std::lower_bound(bands.begin(), bands.end(), t0,
                                   [](const SequenceScene::Band &b, qint64 t) { return b.t1 < t; });
        const double x = m_scene.lifelineX(side);
        for (; it != bands.end() && it->t0 <= t1; ++it) {
            if (it->state == tcp::State::Closed || it->row < 0)
                continue;
            const double y0 = m_scene.y(it->t0);
            const double y1 = std::max(m_scene.y(it->t1), y0 + 2);
            p.setOpacity(opacity(it->row));
            const QRectF r(x - w / 2, y0, w, y1 - y0);
            if (it->source == tcplab::StateSource::Inferred)
                p.fillRect(r, Qt::white);
            p.fillRect(r, bandBrush(it->state, it->source));
            // Kernel-reported states get a dark edge: seen, not computed.
            if (it->source == tcplab::StateSource::Kernel) {
                p.setPen(QPen(DiagramStyle::stateTextColor(it->state), 1.5));
                p.setBrush(Qt::NoBrush);
                p.drawRect(r.adjusted(0.75, 0.75, -0.75, -0.75));
            } else if (it->source == tcplab::StateSource::Inferred) {
                p.setPen(QPen(DiagramStyle::stateTextColor(it->state), 1, Qt::DotLine));
                p.setBrush(Qt::NoBrush);
                p.drawRect(r);
            }
        }
    }
    p.setOpacity(1.0);
}

void SequenceDiagramRenderer::paintBrackets(QPainter &p, const QRectF &visible) const
{
    for (const SequenceScene::Bracket &b : m_scene.brackets()) {
        const double y0 = m_scene.y(b.t0), y1 = m_scene.y(b.t1);
        if (y1 < visible.top() || y0 > visible.bottom())
            continue;
        const double dir = SequenceScene::outward(b.side);
        const double x = m_scene.bracketX(b);
        p.setOpacity(opacity(b.row));
        const QColor c = b.timer == tcp::Timer::Retransmit ? DiagramStyle::retransmissionColor()
                                                 : DiagramStyle::textColor().lighter(150);
        p.setPen(QPen(c, 1.3));
        p.drawLine(QPointF(x, y0), QPointF(x, y1));
        p.drawLine(QPointF(x, y0), QPointF(x - dir * 4, y0));
        p.drawLine(QPointF(x, y1), QPointF(x - dir * 4, y1));
        if (const SequenceScene::Text *t = m_scene.bracketText(int(&b - m_scene.brackets().data())))
            drawText(p, *t);
    }
    p.setOpacity(1.0);
}

QString SequenceDiagramRenderer::bracketToolTip(int bracket) const
{
    const SequenceScene::Bracket &b = m_scene.brackets().at(std::size_t(bracket));
    QString text = tr("%1: %2, from %3 to %4")
                       .arg(EventText::timerName(b.timer), EventText::duration(b.t1 - b.t0),
                            EventText::time(b.t0), EventText::time(b.t1));
    if (b.fired)
        text += QLatin1Char('\n') + tr("Ended: it fired.");
    else if (b.restarted)
        text += QLatin1Char('\n') + tr("Ended: restarted by a retransmitted FIN.");
    return text;
}

void SequenceDiagramRenderer::paintRow(QPainter &p, int row, const QRectF &visible) const
{
    p.setOpacity(opacity(row));
    switch (m_scene.event(row).type) {
    case EventType::Segment:
        paintSegment(p, row, visible);
        break;
    case EventType::Call:
        paintCall(p, row, visible);
        break;
    case EventType::State:
        paintStateLabel(p, row, visible);
        break;
    case EventType::Note:
        paintNote(p, row, visible);
        break;
    case EventType::Timer:
        break; // drawn as brackets
    }
    p.setOpacity(1.0);
}

void SequenceDiagramRenderer::paintSegment(QPainter &p, int row, const QRectF &visible) const
{
    const Event &e = m_scene.event(row);
    const QLineF line = m_scene.segmentLine(row);
    Side src = Side::Client;
    sideOf(e.src, src);
    QColor color = DiagramStyle::sideColor(src);
    if ((e.flags & tcp::RST) != 0)
        color = DiagramStyle::dropColor().darker(120);
    // A dashed line is drawn whole: its dashes start where it starts.
    const std::optional<QLineF> drawn = e.rtx ? std::optional<QLineF>(line) : withinRows(line, visible);
    if (drawn && row == m_current) {
        QColor halo = DiagramStyle::playheadColor();
        halo.setAlpha(70);
        p.setPen(QPen(halo, 8, Qt::SolidLine, Qt::RoundCap));
        p.drawLine(*drawn);
    }
    QPen pen(color, row == m_current ? 2.4 : 1.6);
    if (e.rtx)
        pen.setStyle(Qt::DashLine);
    p.setPen(pen);
    if (drawn)
        p.drawLine(*drawn);
    if (withinRows(line.p2(), visible)) { // its arrowhead, or a lost segment's cross
        if (e.dropped) {
            const QPointF c = line.p2();
            p.setPen(QPen(DiagramStyle::dropColor(), 2.6));
            p.drawLine(c + QPointF(-6, -6), c + QPointF(6, 6));
            p.drawLine(c + QPointF(-6, 6), c + QPointF(6, -6));
        } else {
            p.setPen(QPen(color, 1));
            drawArrowHead(p, line, 9);
        }
    }
    // The label rides on the arrow, turned to its slope, where the scene placed it.
    if (const auto t = m_scene.rowText(row); t && reaches(*t, visible)) {
        p.setPen(e.rtx ? DiagramStyle::retransmissionColor() : color.darker(125));
        drawText(p, *t, row == m_current);
    }
}

void SequenceDiagramRenderer::paintCall(QPainter &p, int row, const QRectF &visible) const
{
    const Event &e = m_scene.event(row);
    Side side = Side::Client;
    if (!sideOf(e.ep, side))
        return;
    const double dir = SequenceScene::outward(side);
    const QLineF leader = m_scene.callLeader(row);
    const QPointF dot = leader.p1(); // on the call column's inner edge
    const QColor color = DiagramStyle::sideColor(side);
    // A blocking call: a thin line while it blocked.
    if (e.tEnd != tcplab::kNoTime && e.tEnd > e.t) {
        const double yEnd = m_scene.y(e.tEnd);
        p.setPen(QPen(color.lighter(140), 2));
        p.drawLine(dot, QPointF(dot.x(), yEnd));
        p.drawLine(QPointF(dot.x(), yEnd), QPointF(dot.x() + dir * 5, yEnd));
    }
    p.setPen(QPen(color, 1, Qt::DotLine));
    p.drawLine(leader);
    p.setPen(Qt::NoPen);
    p.setBrush(color);
    p.drawEllipse(dot, 3, 3);
    const auto t = m_scene.rowText(row);
    if (!t || !reaches(*t, visible))
        return;
    if (row == m_current) {
        QColor halo = DiagramStyle::playheadColor();
        halo.setAlpha(45);
        p.fillRect(t->rect.adjusted(-3, 0, 3, 0), halo);
    }
    p.setPen(color.darker(130));
    drawText(p, *t);
}

void SequenceDiagramRenderer::paintStateLabel(QPainter &p, int row, const QRectF &visible) const
{
    const Event &e = m_scene.event(row);
    const auto t = m_scene.rowText(row);
    if (!t || !reaches(*t, visible))
        return;
    // The name on white (or the playhead's tint): nothing drawn before it shows through.
    p.fillRect(t->rect.adjusted(-2, 2, 2, -2),
               row == m_current ? QColor(0xf8, 0xd7, 0xe4) : QColor(Qt::white));
    p.setPen(DiagramStyle::stateTextColor(e.to));
    drawText(p, *t);
}

void SequenceDiagramRenderer::paintNote(QPainter &p, int row, const QRectF &visible) const
{
    const Event &e = m_scene.event(row);
    const auto t = m_scene.rowText(row);
    if (!t || !reaches(*t, visible))
        return;
    // The note that makes a run counterfactual in the banner's colour, like the banner.
    const bool notTcp = tcplab::isCounterfactualNote(e);
    QColor fill = notTcp ? QColor(Qt::white) : DiagramStyle::noteColor();
    fill.setAlpha(225);
    p.setPen(QPen(notTcp ? DiagramStyle::counterfactualColor() : fill.darker(140), 1));
    p.setBrush(fill);
    p.drawRoundedRect(t->rect, 4, 4);
    p.setPen(notTcp ? DiagramStyle::counterfactualColor() : DiagramStyle::textColor());
    drawText(p, *t);
}

void SequenceDiagramRenderer::paintPlayhead(QPainter &p, const QRectF &visible) const
{
    if (m_current < 0 || m_current >= m_scene.rowCount())
        return;
    const Event &e = m_scene.event(m_current);
    const double y = m_scene.y(e.t);
    if (y < visible.top() || y > visible.bottom())
        return;
    p.setOpacity(1.0);
    p.setPen(QPen(DiagramStyle::playheadColor(), 1.2, Qt::DashDotLine));
    p.drawLine(QPointF(0, y), QPointF(m_scene.width(), y));
    p.setFont(DiagramStyle::font(kSmallFont, true));
    p.setPen(DiagramStyle::playheadColor());
    p.drawText(QRectF(4, y - 15, 140, 14), Qt::AlignLeft | Qt::AlignBottom, EventText::time(e.t));
}

double SequenceDiagramRenderer::legendHeight(double width) const
{
    // Two columns of items when wide, one when narrow.
    const int items = 8;
    const int perRow = width >= 700 ? 4 : 2;
    return 14 + ((items + perRow - 1) / perRow) * 20.0;
}

void SequenceDiagramRenderer::paintLegend(QPainter &p, const QRectF &rect) const
{
    p.save();
    p.setRenderHint(QPainter::Antialiasing, true);
    p.fillRect(rect, QColor(0xfa, 0xfa, 0xfa));
    p.setPen(QPen(DiagramStyle::gridColor(), 1));
    p.drawLine(rect.topLeft(), rect.topRight());
    p.setFont(DiagramStyle::font(kSmallFont));
    const int perRow = rect.width() >= 700 ? 4 : 2;
    const double cellW = (rect.width() - 16) / perRow;
    int i = 0;
    auto cell = [&](auto &&drawSample, const QString &text) {
        const double x = rect.left() + 8 + (i % perRow) * cellW;
        const double y = rect.top() + 8 + (i / perRow) * 20.0;
        const QRectF sample(x, y + 2, 26, 14);
        p.save();
        drawSample(sample);
        p.restore();
        p.setPen(DiagramStyle::textColor());
        p.drawText(QRectF(x + 32, y, cellW - 36, 18), Qt::AlignLeft | Qt::AlignVCenter,
                   p.fontMetrics().elidedText(text, Qt::ElideRight, int(cellW - 36)));
        ++i;
    };
    const QColor client = DiagramStyle::sideColor(Side::Client);
    cell(
        [&](const QRectF &r) {
            p.setPen(QPen(client, 1.6));
            const QLineF l(r.left(), r.center().y(), r.right(), r.center().y());
            p.drawLine(l);
            drawArrowHead(p, l, 7);
        },
        tr("segment (slope: flight time)"));
    cell(
        [&](const QRectF &r) {
            p.setPen(QPen(DiagramStyle::sideColor(Side::Server), 1.6, Qt::DashLine));
            p.drawLine(QPointF(r.left(), r.center().y()), QPointF(r.right(), r.center().y()));
        },
        tr("retransmission (dashed)"));
    cell(
        [&](const QRectF &r) {
            p.setPen(QPen(client, 1.6));
            const QPointF c(r.right() - 6, r.center().y());
            p.drawLine(QPointF(r.left(), c.y()), c);
            p.setPen(QPen(DiagramStyle::dropColor(), 2.4));
            p.drawLine(c + QPointF(-5, -5), c + QPointF(5, 5));
            p.drawLine(c + QPointF(-5, 5), c + QPointF(5, -5));
        },
        tr("dropped segment"));
    cell(
        [&](const QRectF &r) {
            p.setPen(QPen(DiagramStyle::textColor().lighter(150), 1.3));
            p.drawLine(QPointF(r.center().x(), r.top()), QPointF(r.center().x(), r.bottom()));
            p.drawLine(QPointF(r.center().x(), r.top()), QPointF(r.center().x() + 4, r.top()));
            p.drawLine(QPointF(r.center().x(), r.bottom()),
                       QPointF(r.center().x() + 4, r.bottom()));
        },
        tr("timer (2MSL, RTO)"));
    cell(
        [&](const QRectF &r) {
            p.fillRect(QRectF(r.center().x() - 6, r.top(), 12, r.height()),
                       DiagramStyle::stateColor(tcp::State::Established));
        },
        tr("state (simulated)"));
    cell(
        [&](const QRectF &r) {
            const QRectF b(r.center().x() - 6, r.top(), 12, r.height());
            p.fillRect(b, DiagramStyle::stateColor(tcp::State::Established));
            p.setPen(QPen(DiagramStyle::stateTextColor(tcp::State::Established), 1.5));
            p.drawRect(b.adjusted(0.75, 0.75, -0.75, -0.75));
        },
        tr("state (kernel)"));
    cell(
        [&](const QRectF &r) {
            const QRectF b(r.center().x() - 6, r.top(), 12, r.height());
            p.fillRect(b, Qt::white);
            p.fillRect(b, bandBrush(tcp::State::Established, tcplab::StateSource::Inferred));
        },
        tr("state (inferred, ?)"));
    cell(
        [&](const QRectF &r) {
            p.fillRect(QRectF(r.left(), r.center().y() - 5, r.width(), 10),
                       QColor(0xe6, 0xe6, 0xe6));
            p.setPen(QPen(DiagramStyle::gridColor(), 1.2));
            p.drawLine(QPointF(r.left() + 4, r.center().y() + 3),
                       QPointF(r.left() + 12, r.center().y() - 4));
            p.drawLine(QPointF(r.left() + 12, r.center().y() - 4),
                       QPointF(r.left() + 20, r.center().y() + 3));
        },
        tr("long idle gap, compressed"));
    p.restore();
}

double SequenceDiagramRenderer::fullHeight() const
{
    return m_scene.height() + legendHeight(m_scene.width());
}

void SequenceDiagramRenderer::paintAll(QPainter &p) const
{
    const double h = m_scene.height();
    p.fillRect(QRectF(0, 0, m_scene.width(), fullHeight()), Qt::white);
    paintBody(p, QRectF(0, 0, m_scene.width(), h));
    paintHeader(p, 0);
    paintLegend(p, QRectF(0, h, m_scene.width(), legendHeight(m_scene.width())));
}
