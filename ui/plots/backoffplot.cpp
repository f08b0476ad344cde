#include "backoffplot.h"

#include "tcp/segment.h"

#include "timeaxisticker.h"

#include "model/eventtext.h"
#include "plot/durationformat.h"
#include "trace/trace.h"

#include "qcp.h"

namespace {

const QColor kPalette[] = {QColor(0x1f, 0x77, 0xb4), QColor(0x94, 0x67, 0xbd),
                           QColor(0x2c, 0xa0, 0x2c), QColor(0x8c, 0x56, 0x4b),
                           QColor(0xe3, 0x77, 0xc2), QColor(0x17, 0xbe, 0xcf)};

QString duration(std::int64_t us) {
    return EventText::withLocalUnit(tcplab::plot::formatDuration(us));
}

} // namespace

BackoffPlot::BackoffPlot(TraceModel *model, Playhead *playhead, QWidget *parent)
    : PlotView(parent) {
    m_plot->setAutoAddPlottableToLegend(false);
    m_plot->plotLayout()->insertRow(0);
    m_title = new QCPTextElement(m_plot, QString(),
                                 QFont(font().family(), font().pointSize() + 1, QFont::Bold));
    m_plot->plotLayout()->addElement(0, 0, m_title);

    auto retries = QSharedPointer<QCPAxisTickerFixed>::create();
    retries->setTickStep(1.0);
    retries->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    m_plot->xAxis->setTicker(retries);
    m_plot->xAxis->setSubTicks(false);
    auto intervals = QSharedPointer<TimeAxisTicker>::create(); // linear: seconds
    intervals->setTickCount(6);
    m_plot->yAxis->setTicker(intervals);
    m_plot->legend->setVisible(true);
    m_plot->legend->setBrush(QColor(255, 255, 255, 220));
    m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);

    m_current = m_plot->addGraph();
    m_current->setLineStyle(QCPGraph::lsNone);
    m_current->setScatterStyle(QCPScatterStyle(
        QCPScatterStyle::ssCircle, QPen(QColor(0xd6, 0x27, 0x28), 2.5), Qt::NoBrush, 18));
    m_current->setLayer(QStringLiteral("overlay"));

    m_empty = new QCPItemText(m_plot);
    m_empty->position->setType(QCPItemPosition::ptAxisRectRatio);
    m_empty->position->setCoords(0.5, 0.5);
    m_empty->setPositionAlignment(Qt::AlignCenter);
    m_empty->setFont(QFont(font().family(), font().pointSize() + 1));
    m_empty->setColor(QColor(0x55, 0x55, 0x55));
    setSources(model, playhead);
}

BackoffPlot::~BackoffPlot() = default;

QCPAxis *BackoffPlot::timeAxis() const {
    return nullptr; // retries, not time, along x
}

QString BackoffPlot::segmentName(const tcplab::plot::RetransmittedSegment &s) const {
    return tr("%1 → %2 %3 seq=%4")
        .arg(EventText::endpointName(s.src), EventText::endpointName(s.dst),
             QString::fromStdString(tcp::flagsName(s.flags)))
        .arg(s.seq);
}

void BackoffPlot::rebuild() {
    for (QCPGraph *g : std::as_const(m_graphs))
        m_plot->removeGraph(g);
    m_graphs.clear();
    for (QCPItemText *label : std::as_const(m_labels))
        m_plot->removeItem(label);
    m_labels.clear();
    m_plot->legend->clearItems();
    m_series = tcplab::plot::computeBackoff(trace());

    m_title->setText(tr("Retransmission back-off"));
    m_plot->xAxis->setLabel(tr("Retry"));
    m_plot->yAxis->setLabel(tr("Interval before the retry"));
    m_empty->setText(m_series.empty() ? tr("No segment was retransmitted in this run.")
                                      : QString());

    int colour = 0;
    for (const tcplab::plot::RetransmittedSegment &s : m_series) {
        const QColor c = kPalette[colour++ % std::size(kPalette)];
        QVector<double> keys, measured, ideal;
        for (std::size_t r = 0; r < s.intervals.size(); ++r) {
            keys.append(static_cast<double>(r + 1));
            measured.append(static_cast<double>(s.intervals[r]) / 1e6);
            ideal.append(static_cast<double>(s.ideal[r]) / 1e6);
        }
        QCPGraph *graph = m_plot->addGraph();
        graph->setData(keys, measured, true);
        graph->setPen(QPen(c, 2.5));
        graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, c, c, 10));
        graph->setName(tr("%1: measured").arg(segmentName(s)));
        // The ideal on top, thin and dashed, so it stays visible where it equals the measured.
        QCPGraph *idealGraph = m_plot->addGraph();
        idealGraph->setData(keys, ideal, true);
        const QColor idealColor = c.darker(170);
        idealGraph->setPen(QPen(idealColor, 1.5, Qt::DashLine));
        idealGraph->setScatterStyle(
            QCPScatterStyle(QCPScatterStyle::ssDiamond, QPen(idealColor, 1.5), Qt::NoBrush, 13));
        idealGraph->setName(tr("%1: ideal doubling").arg(segmentName(s)));
        graph->addToLegend();
        idealGraph->addToLegend();
        for (int r = 0; r < keys.size(); ++r) {
            auto *label = new QCPItemText(m_plot);
            label->position->setCoords(keys[r], measured[r]);
            label->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
            label->setPadding(QMargins(8, 4, 0, 0));
            label->setText(duration(s.intervals[static_cast<std::size_t>(r)]));
            label->setColor(c.darker(130));
            m_labels.append(label);
        }
        m_graphs << idealGraph << graph;
    }
    m_plot->legend->setVisible(!m_series.empty());
}

void BackoffPlot::fitAll() {
    double maxRetries = 1;
    double maxInterval = 1e-3;
    for (const tcplab::plot::RetransmittedSegment &s : m_series) {
        maxRetries = qMax(maxRetries, static_cast<double>(s.intervals.size()));
        for (std::size_t r = 0; r < s.intervals.size(); ++r)
            maxInterval =
                qMax(maxInterval, static_cast<double>(qMax(s.intervals[r], s.ideal[r])) / 1e6);
    }
    m_plot->xAxis->setRange(0.5, maxRetries + 0.5);
    // Head-room for the legend.
    m_plot->yAxis->setRange(0,
                            maxInterval * (1.25 + 0.12 * 2 * static_cast<double>(m_series.size())));
}

void BackoffPlot::updatePlayhead() {
    // Ring the last retry sent at or before the current event.
    QVector<QCPGraphData> ring;
    const int i = currentEvent();
    if (i >= 0) {
        const std::int64_t now = trace().events[static_cast<std::size_t>(i)].t;
        std::int64_t best = -1;
        QCPGraphData at;
        for (const tcplab::plot::RetransmittedSegment &s : m_series)
            for (std::size_t r = 1; r < s.sends.size(); ++r)
                if (s.sends[r] <= now && s.sends[r] >= best) {
                    best = s.sends[r];
                    at = QCPGraphData(static_cast<double>(r),
                                      static_cast<double>(s.intervals[r - 1]) / 1e6);
                }
        if (best >= 0)
            ring.append(at);
    }
    m_current->data()->set(ring, true);
}

bool BackoffPlot::retryAt(const QPointF &pos, int *segment, int *retry) const {
    double bestDistance = 10; // pixels
    bool found = false;
    for (std::size_t s = 0; s < m_series.size(); ++s)
        for (std::size_t r = 0; r < m_series[s].intervals.size(); ++r) {
            const double px = m_plot->xAxis->coordToPixel(static_cast<double>(r + 1));
            const double py =
                m_plot->yAxis->coordToPixel(static_cast<double>(m_series[s].intervals[r]) / 1e6);
            const double d = std::hypot(pos.x() - px, pos.y() - py);
            if (d < bestDistance) {
                bestDistance = d;
                *segment = static_cast<int>(s);
                *retry = static_cast<int>(r + 1);
                found = true;
            }
        }
    return found;
}

int BackoffPlot::eventAt(const QPointF &pos) const {
    int s = 0;
    int r = 0;
    if (!retryAt(pos, &s, &r))
        return -1;
    return m_series[static_cast<std::size_t>(s)].events[static_cast<std::size_t>(r)];
}

QString BackoffPlot::toolTipAt(const QPointF &pos) const {
    int s = 0;
    int r = 0;
    if (!retryAt(pos, &s, &r))
        return {};
    const tcplab::plot::RetransmittedSegment &seg = m_series[static_cast<std::size_t>(s)];
    const std::size_t i = static_cast<std::size_t>(r - 1);
    return segmentName(seg) + QLatin1Char('\n') +
           tr("retry %1 sent at %2, %3 after the previous send (ideal doubling: %4)")
               .arg(r)
               .arg(EventText::time(seg.sends[i + 1]), duration(seg.intervals[i]),
                    duration(seg.ideal[i]));
}
