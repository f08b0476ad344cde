#include "ui/sequence/heldsegments.h"

#include "ui/common/diagramstyle.h"
#include "ui/sequence/sequencescene.h"

#include "model/eventtext.h"

#include <QCoreApplication>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace {

constexpr double kDrop = 20;    // the half-arrow's fall, as an arrow of the diagram slants
constexpr double kBar = 9;      // half the pause mark's height
constexpr double kSpacing = 34; // between two held segments' starts: arrow, mark and label

// Where each held segment starts: at its time, or below the previous one, so that segments
// held at nearly the same time (a FIN's retransmission and the peer's ACK) do not overlap.
QList<double> starts(const SequenceScene &scene, const QList<TraceModel::Held> &held)
{
    QList<double> ys;
    double last = -1e9;
    for (const TraceModel::Held &h : held) {
        const double y = std::max(scene.y(h.segment.t), last + kSpacing);
        ys.append(y);
        last = y;
    }
    return ys;
}

} // namespace

double heldSegmentsBottom(const SequenceScene &scene, const QList<TraceModel::Held> &held)
{
    if (held.isEmpty() || scene.rowCount() == 0)
        return 0;
    return starts(scene, held).last() + kDrop + kBar + 24;
}

void paintHeldSegments(QPainter &p, const SequenceScene &scene,
                       const QList<TraceModel::Held> &held)
{
    if (held.isEmpty() || scene.rowCount() == 0)
        return;
    const QColor colour = DiagramStyle::heldColor();
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    QFont font = p.font();
    font.setBold(true);
    p.setFont(font);
    const QFontMetricsF fm(font);
    const QList<double> ys = starts(scene, held);
    for (int i = 0; i < held.size(); ++i) {
        const TraceModel::Held &h = held[i];
        const tcplab::Event &e = h.segment;
        const double x0 = scene.lifelineX(e.src);
        const double x1 = scene.lifelineX(e.dst);
        const double y0 = ys[i];
        // Half-way across, on the slope an arrow of the diagram would have.
        const QPointF from(x0, y0);
        const QPointF tip((x0 + x1) / 2, y0 + kDrop);
        p.setPen(QPen(colour, 2.5, Qt::DashLine, Qt::RoundCap));
        p.drawLine(from, tip);
        // The pause mark: two bars across the tip.
        const double bar = kBar;
        p.setPen(Qt::NoPen);
        p.setBrush(colour);
        p.drawRoundedRect(QRectF(tip.x() - 6, tip.y() - bar, 4, 2 * bar), 1, 1);
        p.drawRoundedRect(QRectF(tip.x() + 2, tip.y() - bar, 4, 2 * bar), 1, 1);
        // "#4 FIN+ACK seq=1 ack=1 — held", beside the tip on the sender's side.
        const QString text = QCoreApplication::translate("SequenceDiagramView", "#%1 %2 — held")
                                 .arg(h.hold)
                                 .arg(EventText::segmentLabel(e));
        // Centred under the tip, between the two state bands (which it must not hide).
        const double w = fm.horizontalAdvance(text) + 8;
        QRectF box(tip.x() - w / 2, tip.y() + bar + 2, w, fm.height() + 2);
        const double inner = std::min(x0, x1) + 12, outer = std::max(x0, x1) - 12;
        if (box.width() <= outer - inner)
            box.moveLeft(std::clamp(box.left(), inner, outer - box.width()));
        p.setBrush(QColor(255, 255, 255, 230));
        p.setPen(QPen(colour, 1));
        p.drawRoundedRect(box, 3, 3);
        p.setPen(colour.darker(140));
        p.drawText(box, Qt::AlignCenter, text);
    }
    p.restore();
}
