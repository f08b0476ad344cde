#include "statetimelineplot.h"

#include "statecolors.h"
#include "timeaxisticker.h"

#include "model/eventtext.h"
#include "plot/durationformat.h"
#include "trace/trace.h"

#include "qcp.h"

namespace {
constexpr int kLegendMinHeight = 380;

// The legend has its own layout row under the title; a hidden legend would still keep that row,
// so it leaves the layout while hidden and comes back when shown.
void showLegend(QCustomPlot *plot, bool shown)
{
    QCPLayoutGrid *layout = plot->plotLayout();
    const bool inLayout = layout->rowCount() > 2 && layout->element(1, 0) == plot->legend;
    if (shown && !inLayout) {
        layout->insertRow(1);
        layout->addElement(1, 0, plot->legend);
        layout->setRowStretchFactor(1, 0.001);
    } else if (!shown && inLayout) {
        layout->take(plot->legend);
        layout->simplify(); // drops the emptied row
    }
    plot->legend->setVisible(shown);
}

// As many legend columns as fit without cutting a state name ("SYN_RECEIVED (SR)").
int legendColumns(int width)
{
    return std::clamp(width / 180, 2, 6);
}
} // namespace

#include <QHash>

#include <algorithm>
#include <QResizeEvent>

namespace {

constexpr double kBandHalfHeight = 0.32;

// What fits in a narrow band: the usual abbreviations of the state names.
QString shortName(const QString &state) {
    static const QHash<QString, QString> names = {
        {QStringLiteral("CLOSED"), QStringLiteral("CL")},
        {QStringLiteral("LISTEN"), QStringLiteral("LI")},
        {QStringLiteral("SYN_SENT"), QStringLiteral("SS")},
        {QStringLiteral("SYN_RECEIVED"), QStringLiteral("SR")},
        {QStringLiteral("ESTABLISHED"), QStringLiteral("EST")},
        {QStringLiteral("FIN_WAIT_1"), QStringLiteral("FW1")},
        {QStringLiteral("FIN_WAIT_2"), QStringLiteral("FW2")},
        {QStringLiteral("CLOSE_WAIT"), QStringLiteral("CW")},
        {QStringLiteral("CLOSING"), QStringLiteral("CLG")},
        {QStringLiteral("LAST_ACK"), QStringLiteral("LA")},
        {QStringLiteral("TIME_WAIT"), QStringLiteral("TW")},
    };
    return names.value(state, state.left(3));
}

QString sourceName(tcplab::StateSource source) {
    if (source == tcplab::StateSource::Kernel)
        return StateTimelinePlot::tr("reported by the kernel");
    if (source == tcplab::StateSource::Inferred)
        return StateTimelinePlot::tr("inferred from the segments");
    return StateTimelinePlot::tr("simulated");
}

} // namespace

StateTimelinePlot::StateTimelinePlot(TraceModel *model, Playhead *playhead, QWidget *parent)
    : PlotView(parent) {
    m_plot->xAxis->setTicker(QSharedPointer<TimeAxisTicker>::create());
    m_plot->xAxis->ticker()->setTickCount(8);
    m_plot->yAxis->setTicker(QSharedPointer<QCPAxisTickerText>::create());
    m_plot->yAxis->grid()->setVisible(false);
    m_plot->yAxis->setSubTicks(false);
    m_plot->xAxis->grid()->setPen(QPen(QColor(0, 0, 0, 40), 1, Qt::DotLine));
    // Rows do not move: zoom and pan the time axis only.
    m_plot->axisRect()->setRangeDrag(Qt::Horizontal);
    m_plot->axisRect()->setRangeZoom(Qt::Horizontal);

    m_plot->plotLayout()->insertRow(0);
    m_title = new QCPTextElement(m_plot, QString(),
                                 QFont(font().family(), font().pointSize() + 1, QFont::Bold));
    m_plot->plotLayout()->addElement(0, 0, m_title);

    // A row under the title names the colours (narrow bands only carry an abbreviation).
    m_plot->setAutoAddPlottableToLegend(false);
    m_plot->axisRect()->insetLayout()->take(m_plot->legend);
    m_plot->plotLayout()->insertRow(1);
    m_plot->plotLayout()->addElement(1, 0, m_plot->legend);
    m_plot->plotLayout()->setRowStretchFactor(1, 0.001);
    m_plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    m_plot->legend->setWrap(legendColumns(width()));
    m_plot->legend->setBorderPen(Qt::NoPen);
    m_plot->legend->setFont(QFont(font().family(), font().pointSize() - 1));
    showLegend(m_plot, true);

    m_playheadLine = new QCPItemStraightLine(m_plot);
    m_playheadLine->setPen(QPen(QColor(0xd6, 0x27, 0x28), 2));
    m_playheadLine->setLayer(QStringLiteral("overlay"));
    m_playheadLine->setVisible(false);

    connect(m_plot, &QCustomPlot::afterLayout, this, &StateTimelinePlot::updateLabels);
    connect(m_plot->xAxis, qOverload<const QCPRange &>(&QCPAxis::rangeChanged), this,
            &StateTimelinePlot::updateLabels);
    setSources(model, playhead);
}

StateTimelinePlot::~StateTimelinePlot() = default;

QCPAxis *StateTimelinePlot::timeAxis() const {
    return m_plot->xAxis;
}

double StateTimelinePlot::rowY(int row) const {
    // The client (row 0) on top, as in the sequence diagram's left-to-right reading order.
    return static_cast<double>(m_timeline.endpoints.size() - 1 - row);
}

void StateTimelinePlot::clearItems() {
    for (const BandItems &b : std::as_const(m_bands)) {
        m_plot->removeItem(b.rect);
        m_plot->removeItem(b.label);
    }
    m_bands.clear();
    for (QCPItemLine *line : std::as_const(m_transitionLines))
        m_plot->removeItem(line);
    m_transitionLines.clear();
    for (QCPGraph *g : std::as_const(m_legendGraphs))
        m_plot->removeGraph(g);
    m_legendGraphs.clear();
    m_plot->legend->clearItems();
}

void StateTimelinePlot::rebuild() {
    clearItems();
    m_timeline = tcplab::plot::computeStateTimeline(trace());
    const tcplab::plot::TimeWarp &warp = timeWarp();
    qSharedPointerCast<TimeAxisTicker>(m_plot->xAxis->ticker())->setWarp(warp);

    m_title->setText(tr("State timeline"));
    m_plot->xAxis->setLabel(warp.mode == tcplab::plot::TimeWarp::Mode::LogLike
                                ? tr("Time (log-like scale: linear up to %1, logarithmic after)")
                                      .arg(EventText::withLocalUnit(tcplab::plot::formatDuration(
                                          static_cast<std::int64_t>(warp.tauUs))))
                                : tr("Time"));

    auto ticker = qSharedPointerCast<QCPAxisTickerText>(m_plot->yAxis->ticker());
    ticker->clear();
    bool anyInferred = false;
    for (int r = 0; r < static_cast<int>(m_timeline.endpoints.size()); ++r) {
        const tcplab::plot::EndpointTimeline &row =
            m_timeline.endpoints[static_cast<std::size_t>(r)];
        ticker->addTick(rowY(r), EventText::endpointName(row.endpoint));
        const double y = rowY(r);
        for (int b = 0; b < static_cast<int>(row.bands.size()); ++b) {
            const tcplab::plot::StateBand &band = row.bands[static_cast<std::size_t>(b)];
            const QString state = QString::fromUtf8(tcp::stateName(band.state));
            const bool inferred = band.source == tcplab::StateSource::Inferred;
            anyInferred = anyInferred || inferred;
            auto *rect = new QCPItemRect(m_plot);
            rect->topLeft->setCoords(warp.toAxis(static_cast<double>(band.tStart)),
                                     y + kBandHalfHeight);
            rect->bottomRight->setCoords(warp.toAxis(static_cast<double>(band.tEnd)),
                                         y - kBandHalfHeight);
            QColor fill = stateColor(state);
            rect->setBrush(inferred ? QBrush(fill, Qt::BDiagPattern) : QBrush(fill));
            rect->setPen(QPen(fill.darker(160), 1, inferred ? Qt::DashLine : Qt::SolidLine));
            rect->setSelectable(false);

            auto *label = new QCPItemText(m_plot);
            label->position->setCoords(
                (rect->topLeft->coords().x() + rect->bottomRight->coords().x()) / 2, y);
            label->setPositionAlignment(Qt::AlignCenter);
            label->setClipToAxisRect(true);
            label->setSelectable(false);
            m_bands.append(BandItems{rect, label, r, b});
        }
        // Transitions: a thin dark stroke across the row at each state change.
        for (std::int64_t t : row.transitions) {
            auto *line = new QCPItemLine(m_plot);
            const double x = warp.toAxis(static_cast<double>(t));
            line->start->setCoords(x, y - kBandHalfHeight - 0.06);
            line->end->setCoords(x, y + kBandHalfHeight + 0.06);
            line->setPen(QPen(QColor(40, 40, 40), 1.5));
            line->setSelectable(false);
            m_transitionLines.append(line);
        }
    }
    // The legend: each state that occurs, in the order of RFC 9293's list.
    for (int i = 0; i < tcp::kStateCount; ++i) {
        const auto st = static_cast<tcp::State>(i);
        const char *name = tcp::stateName(st);
        bool seen = false;
        for (const tcplab::plot::EndpointTimeline &row : m_timeline.endpoints)
            for (const tcplab::plot::StateBand &band : row.bands)
                seen = seen || band.state == st;
        if (!seen)
            continue;
        const QString state = QString::fromLatin1(name);
        QCPGraph *g = m_plot->addGraph();
        g->setLineStyle(QCPGraph::lsNone);
        g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssSquare, stateColor(state).darker(160),
                                           stateColor(state), 11));
        g->setName(QStringLiteral("%1 (%2)").arg(state, shortName(state)));
        g->addToLegend();
        m_legendGraphs.append(g);
    }
    showLegend(m_plot, !m_legendGraphs.isEmpty() && height() >= kLegendMinHeight);

    if (anyInferred && !m_caption) {
        m_caption =
            new QCPTextElement(m_plot, QString(), QFont(font().family(), font().pointSize() - 1));
        m_plot->plotLayout()->addElement(3, 0, m_caption);
    } else if (!anyInferred && m_caption) {
        m_plot->plotLayout()->remove(m_caption);
        m_caption = nullptr;
        m_plot->plotLayout()->simplify();
    }
    if (m_caption)
        m_caption->setText(
            tr("Hatched bands: state inferred from the segments, not reported by the kernel"));
    if (m_timeline.endpoints.empty())
        m_title->setText(tr("State timeline — no state changes in this run"));
    updateLabels();
}

void StateTimelinePlot::updateLabels() {
    const QFontMetrics metrics(font());
    const QCPRange range = m_plot->xAxis->range();
    for (const BandItems &b : std::as_const(m_bands)) {
        const tcplab::plot::StateBand &band = m_timeline.endpoints[static_cast<std::size_t>(b.row)]
                                                  .bands[static_cast<std::size_t>(b.band)];
        // Label the visible part of the band, centred, with as much as fits.
        const double lo = qMax(b.rect->topLeft->coords().x(), range.lower);
        const double hi = qMin(b.rect->bottomRight->coords().x(), range.upper);
        const double width = m_plot->xAxis->coordToPixel(hi) - m_plot->xAxis->coordToPixel(lo) - 6;
        const QString state = QString::fromUtf8(tcp::stateName(band.state));
        const QString full = QStringLiteral("%1 %2").arg(
            state, EventText::withLocalUnit(tcplab::plot::formatDuration(band.tEnd - band.tStart)));
        QString text;
        if (hi > lo && metrics.horizontalAdvance(full) <= width)
            text = full;
        else if (hi > lo && metrics.horizontalAdvance(state) <= width)
            text = state;
        else if (hi > lo && metrics.horizontalAdvance(shortName(state)) <= width)
            text = shortName(state);
        b.label->setText(text);
        b.label->setVisible(!text.isEmpty());
        if (hi > lo)
            b.label->position->setCoords((lo + hi) / 2, b.label->position->coords().y());
    }
}

void StateTimelinePlot::fitAll() {
    const tcplab::plot::TimeWarp &warp = timeWarp();
    const double end = warp.toAxis(static_cast<double>(qMax<std::int64_t>(m_timeline.tEnd, 1)));
    m_plot->xAxis->setRange(-end * 0.01, end * 1.02);
    const int rows = qMax<int>(1, static_cast<int>(m_timeline.endpoints.size()));
    m_plot->yAxis->setRange(-0.6, rows - 0.4);
}

void StateTimelinePlot::updatePlayhead() {
    const int i = currentEvent();
    m_playheadLine->setVisible(i >= 0);
    if (i < 0)
        return;
    const double x =
        timeWarp().toAxis(static_cast<double>(trace().events[static_cast<std::size_t>(i)].t));
    m_playheadLine->point1->setCoords(x, 0);
    m_playheadLine->point2->setCoords(x, 1);
    keepVisible(x);
}

const tcplab::plot::StateBand *StateTimelinePlot::bandAtPixel(const QPointF &pos,
                                                              int *rowOut) const {
    if (!m_plot->axisRect()->rect().contains(pos.toPoint()))
        return nullptr;
    const double y = m_plot->yAxis->pixelToCoord(pos.y());
    const double t = timeWarp().toTime(m_plot->xAxis->pixelToCoord(pos.x()));
    for (int r = 0; r < static_cast<int>(m_timeline.endpoints.size()); ++r) {
        if (std::abs(y - rowY(r)) > kBandHalfHeight)
            continue;
        if (rowOut)
            *rowOut = r;
        return tcplab::plot::bandAt(m_timeline.endpoints[static_cast<std::size_t>(r)],
                                    static_cast<std::int64_t>(t));
    }
    return nullptr;
}

int StateTimelinePlot::eventAt(const QPointF &) const {
    return -1; // a band is a span of time: seek to the event nearest the click
}

QString StateTimelinePlot::toolTipAt(const QPointF &pos) const {
    int row = 0;
    const tcplab::plot::StateBand *band = bandAtPixel(pos, &row);
    if (!band)
        return {};
    const QString head = QStringLiteral("%1 %2").arg(
        QString::fromUtf8(tcp::stateName(band->state)),
        EventText::withLocalUnit(tcplab::plot::formatDuration(band->tEnd - band->tStart)));
    return head + QLatin1Char('\n') +
           tr("%1, from %2 to %3, %4")
               .arg(EventText::endpointName(
                        m_timeline.endpoints[static_cast<std::size_t>(row)].endpoint),
                    EventText::time(band->tStart), EventText::time(band->tEnd),
                    sourceName(band->source));
}

void StateTimelinePlot::resizeEvent(QResizeEvent *event)
{
    PlotView::resizeEvent(event);
    // A short plot keeps its height for the bands, which carry their names anyway.
    const bool legend = event->size().height() >= kLegendMinHeight && !m_legendGraphs.isEmpty();
    if (legend != m_plot->legend->visible()) {
        showLegend(m_plot, legend);
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    }
    const int columns = legendColumns(event->size().width());
    if (columns != m_plot->legend->wrap()) {
        m_plot->legend->setWrap(columns);
        m_plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, true); // re-flow the items
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    }
}
