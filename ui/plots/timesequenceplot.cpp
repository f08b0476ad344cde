#include "timesequenceplot.h"

#include "timeaxisticker.h"

#include "model/eventtext.h"
#include "trace/trace.h"

#include "qcp.h"

namespace {

using tcplab::plot::SegmentKind;

constexpr int kKindCount = 5;
const QColor kDroppedColor(0xd6, 0x27, 0x28);
const QColor kRtxColor(0xff, 0x7f, 0x0e);
const QColor kAckColor(0x44, 0x44, 0x44);

QColor kindColor(int kind) {
    switch (static_cast<SegmentKind>(kind)) {
    case SegmentKind::Syn:
        return QColor(0x2c, 0xa0, 0x2c);
    case SegmentKind::Fin:
        return QColor(0x94, 0x67, 0xbd);
    case SegmentKind::Data:
        return QColor(0x1f, 0x77, 0xb4);
    case SegmentKind::PureAck:
        return QColor(0x7f, 0x7f, 0x7f);
    case SegmentKind::Rst:
        return QColor(0x00, 0x00, 0x00);
    }
    return Qt::black;
}

QCPScatterStyle kindScatter(int kind) {
    const QColor c = kindColor(kind);
    switch (static_cast<SegmentKind>(kind)) {
    case SegmentKind::Syn:
        return QCPScatterStyle(QCPScatterStyle::ssSquare, c, c, 9);
    case SegmentKind::Fin:
        return QCPScatterStyle(QCPScatterStyle::ssTriangle, c, c, 11);
    case SegmentKind::Data:
        return QCPScatterStyle(QCPScatterStyle::ssDisc, c, c, 6);
    case SegmentKind::PureAck:
        return QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(c, 1.5), Qt::white, 7);
    case SegmentKind::Rst:
        return QCPScatterStyle(QCPScatterStyle::ssStar, QPen(c, 2), Qt::NoBrush, 12);
    }
    return {};
}

QString kindName(int kind) {
    switch (static_cast<SegmentKind>(kind)) {
    case SegmentKind::Syn:
        return QStringLiteral("SYN");
    case SegmentKind::Fin:
        return QStringLiteral("FIN");
    case SegmentKind::Data:
        return TimeSequencePlot::tr("data (seq to seq+len)");
    case SegmentKind::PureAck:
        return TimeSequencePlot::tr("pure ACK");
    case SegmentKind::Rst:
        return QStringLiteral("RST");
    }
    return {};
}

QCPGraph *pointGraph(QCustomPlot *plot, QCPAxisRect *rect, const QCPScatterStyle &style) {
    QCPGraph *g = plot->addGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    g->setLineStyle(QCPGraph::lsNone);
    g->setScatterStyle(style);
    g->setPen(style.pen());
    return g;
}

} // namespace

TimeSequencePlot::TimeSequencePlot(TraceModel *model, Playhead *playhead, QWidget *parent)
    : PlotView(parent) {
    m_plot->plotLayout()->insertRow(0);
    m_title = new QCPTextElement(m_plot, QString(),
                                 QFont(font().family(), font().pointSize() + 1, QFont::Bold));
    m_plot->plotLayout()->addElement(0, 0, m_title);
    m_panels[0].rect = m_plot->axisRect();
    m_panels[1].rect = new QCPAxisRect(m_plot);
    m_plot->plotLayout()->addElement(2, 0, m_panels[1].rect);
    auto *margins = new QCPMarginGroup(m_plot);
    auto ticker = QSharedPointer<TimeAxisTicker>::create();
    ticker->setTickCount(8);
    for (Panel &p : m_panels) {
        p.rect->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
        p.rect->axis(QCPAxis::atBottom)->setTicker(ticker);
        setUpPanel(p);
    }
    // One time axis for both directions.
    QCPAxis *top = m_panels[0].rect->axis(QCPAxis::atBottom);
    QCPAxis *bottom = m_panels[1].rect->axis(QCPAxis::atBottom);
    connect(top, qOverload<const QCPRange &>(&QCPAxis::rangeChanged), bottom,
            qOverload<const QCPRange &>(&QCPAxis::setRange));
    connect(bottom, qOverload<const QCPRange &>(&QCPAxis::rangeChanged), top,
            qOverload<const QCPRange &>(&QCPAxis::setRange));

    // The legend gets a row of its own under the title: inside a panel it hid segments.
    m_plot->setAutoAddPlottableToLegend(false);
    m_panels[0].rect->insetLayout()->take(m_plot->legend);
    m_plot->plotLayout()->insertRow(1);
    m_plot->plotLayout()->addElement(1, 0, m_plot->legend);
    m_plot->plotLayout()->setRowStretchFactor(1, 0.001);
    m_plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    m_plot->legend->setWrap(4);
    m_plot->legend->setBorderPen(Qt::NoPen);
    m_plot->legend->setFont(QFont(font().family(), font().pointSize() - 1));
    m_plot->legend->setVisible(true);
    setSources(model, playhead);
}

TimeSequencePlot::~TimeSequencePlot() = default;

void TimeSequencePlot::setUpPanel(Panel &p) {
    auto seqTicker = QSharedPointer<QCPAxisTickerFixed>::create();
    seqTicker->setTickStep(1.0); // sequence numbers are whole
    seqTicker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    seqTicker->setTickCount(6);
    p.rect->axis(QCPAxis::atLeft)->setTicker(seqTicker);
    p.rect->axis(QCPAxis::atBottom)->grid()->setPen(QPen(QColor(0, 0, 0, 40), 1, Qt::DotLine));

    p.ackLine = m_plot->addGraph(p.rect->axis(QCPAxis::atBottom), p.rect->axis(QCPAxis::atLeft));
    p.ackLine->setLineStyle(QCPGraph::lsStepLeft);
    p.ackLine->setPen(QPen(kAckColor, 1.5));
    for (int k = 0; k < kKindCount; ++k)
        p.kinds[static_cast<std::size_t>(k)] = pointGraph(m_plot, p.rect, kindScatter(k));
    p.dataBars = new QCPErrorBars(p.rect->axis(QCPAxis::atBottom), p.rect->axis(QCPAxis::atLeft));
    p.dataBars->setDataPlottable(p.kinds[static_cast<std::size_t>(SegmentKind::Data)]);
    p.dataBars->setErrorType(QCPErrorBars::etValueError);
    p.dataBars->setPen(QPen(kindColor(static_cast<int>(SegmentKind::Data)), 2));
    p.dataBars->setWhiskerWidth(6);
    p.dataBars->removeFromLegend();
    p.rtx =
        pointGraph(m_plot, p.rect,
                   QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(kRtxColor, 2), Qt::NoBrush, 17));
    p.dropped = pointGraph(
        m_plot, p.rect,
        QCPScatterStyle(QCPScatterStyle::ssCross, QPen(kDroppedColor, 2.5), Qt::NoBrush, 13));
    p.playhead = new QCPItemStraightLine(m_plot);
    p.playhead->setClipAxisRect(p.rect);
    p.playhead->point1->setAxes(p.rect->axis(QCPAxis::atBottom), p.rect->axis(QCPAxis::atLeft));
    p.playhead->point2->setAxes(p.rect->axis(QCPAxis::atBottom), p.rect->axis(QCPAxis::atLeft));
    p.playhead->point1->setAxisRect(p.rect);
    p.playhead->point2->setAxisRect(p.rect);
    p.playhead->setPen(QPen(kDroppedColor, 2));
    p.playhead->setLayer(QStringLiteral("overlay"));
    p.playhead->setVisible(false);
}

std::vector<std::int64_t> TimeSequencePlot::scaleTimes() const {
    std::vector<std::int64_t> times{0};
    for (const tcplab::Event &e : trace().events)
        if (e.type == tcplab::EventType::Segment) {
            times.push_back(e.t);
            if (e.tArrive != tcplab::kNoTime)
                times.push_back(e.tArrive);
        }
    return times;
}

QCPAxis *TimeSequencePlot::timeAxis() const {
    return m_panels[0].rect->axis(QCPAxis::atBottom);
}

void TimeSequencePlot::rebuild() {
    m_series = tcplab::plot::computeTimeSequence(trace());
    const tcplab::plot::TimeWarp &warp = timeWarp();
    qSharedPointerCast<TimeAxisTicker>(timeAxis()->ticker())->setWarp(warp);
    m_title->setText(tr("Time–sequence graph"));
    std::int64_t traceEnd = 0;
    for (const tcplab::Event &e : trace().events)
        traceEnd = qMax(traceEnd, e.type == tcplab::EventType::Segment ? qMax(e.t, e.tArrive) : e.t);

    std::array<bool, kKindCount> kindSeen{};
    bool anyDropped = false;
    bool anyRtx = false;
    const tcplab::EndpointId names[2][2] = {
        {tcplab::EndpointId::client(), tcplab::EndpointId::server()},
        {tcplab::EndpointId::server(), tcplab::EndpointId::client()}};
    for (int i = 0; i < 2; ++i) {
        Panel &p = m_panels[static_cast<std::size_t>(i)];
        p.direction = nullptr;
        for (const tcplab::plot::SeqDirection &d : m_series.directions)
            if (d.src == names[i][0] && d.dst == names[i][1])
                p.direction = &d;
        p.rect->axis(QCPAxis::atLeft)
            ->setLabel(tr("%1 → %2\nrelative seq")
                           .arg(EventText::endpointName(names[i][0]),
                                EventText::endpointName(names[i][1])));
        p.rect->axis(QCPAxis::atBottom)
            ->setLabel(i == 1 ? (warp.mode == tcplab::plot::TimeWarp::Mode::LogLike
                                     ? tr("Time (log-like scale)")
                                     : tr("Time"))
                              : QString());

        std::array<QVector<QCPGraphData>, kKindCount> points;
        QVector<double> barUp, barDown;
        QVector<QCPGraphData> dropped, rtx, acks;
        if (p.direction) {
            for (const tcplab::plot::SeqPoint &pt : p.direction->points) {
                const QCPGraphData d(warp.toAxis(static_cast<double>(pt.t)), pt.seq);
                const int k = static_cast<int>(pt.kind);
                points[static_cast<std::size_t>(k)].append(d);
                kindSeen[static_cast<std::size_t>(k)] = true;
                if (pt.kind == SegmentKind::Data) {
                    barDown.append(0);
                    barUp.append(pt.seqEnd - pt.seq);
                }
                if (pt.dropped)
                    dropped.append(d);
                if (pt.rtx)
                    rtx.append(d);
            }
            for (const tcplab::plot::AckStep &a : p.direction->acks)
                acks.append(QCPGraphData(warp.toAxis(static_cast<double>(a.t)), a.ack));
            if (!acks.isEmpty()) // hold the last acknowledgement to the end of the run
                acks.append(
                    QCPGraphData(warp.toAxis(static_cast<double>(traceEnd)), acks.last().value));
        }
        anyDropped = anyDropped || !dropped.isEmpty();
        anyRtx = anyRtx || !rtx.isEmpty();
        for (int k = 0; k < kKindCount; ++k)
            p.kinds[static_cast<std::size_t>(k)]->data()->set(points[static_cast<std::size_t>(k)],
                                                              true);
        p.dataBars->setData(barDown, barUp);
        p.dropped->data()->set(dropped, true);
        p.rtx->data()->set(rtx, true);
        p.ackLine->data()->set(acks, true);
    }

    // One legend (in the top panel) for both panels: the same marks mean the same there.
    m_plot->legend->clearItems();
    const Panel &top = m_panels[0];
    auto addToLegend = [this](QCPGraph *g, const QString &name) {
        g->setName(name);
        m_plot->legend->addItem(new QCPPlottableLegendItem(m_plot->legend, g));
    };
    for (int k = 0; k < kKindCount; ++k)
        if (kindSeen[static_cast<std::size_t>(k)])
            addToLegend(top.kinds[static_cast<std::size_t>(k)], kindName(k));
    if (anyDropped)
        addToLegend(top.dropped, tr("dropped"));
    if (anyRtx)
        addToLegend(top.rtx, tr("retransmission"));
    addToLegend(top.ackLine, tr("ACK from the other side (on arrival)"));
    m_plot->legend->setVisible(!m_series.directions.empty());
}

void TimeSequencePlot::fitAll() {
    const tcplab::plot::TimeWarp &warp = timeWarp();
    std::int64_t end = 1;
    for (std::int64_t t : scaleTimes())
        end = qMax(end, t);
    const double x = warp.toAxis(static_cast<double>(end));
    timeAxis()->setRange(-x * 0.02, x * 1.03);
    for (Panel &p : m_panels) {
        double top = 1;
        if (p.direction) {
            for (const tcplab::plot::SeqPoint &pt : p.direction->points)
                top = qMax(top, static_cast<double>(pt.seqEnd));
            for (const tcplab::plot::AckStep &a : p.direction->acks)
                top = qMax(top, static_cast<double>(a.ack));
        }
        p.rect->axis(QCPAxis::atLeft)->setRange(-0.08 * top - 0.4, top * 1.1 + 0.4);
    }
}

void TimeSequencePlot::updatePlayhead() {
    const int i = currentEvent();
    double x = 0;
    if (i >= 0)
        x = timeWarp().toAxis(static_cast<double>(trace().events[static_cast<std::size_t>(i)].t));
    for (Panel &p : m_panels) {
        p.playhead->setVisible(i >= 0);
        p.playhead->point1->setCoords(x, 0);
        p.playhead->point2->setCoords(x, 1);
    }
    if (i >= 0)
        keepVisible(x);
}

int TimeSequencePlot::panelAt(const QPointF &pos) const {
    for (int i = 0; i < 2; ++i)
        if (m_panels[static_cast<std::size_t>(i)].rect->rect().contains(pos.toPoint()))
            return i;
    return -1;
}

const tcplab::plot::SeqPoint *TimeSequencePlot::pointAt(const QPointF &pos) const {
    const int i = panelAt(pos);
    if (i < 0 || !m_panels[static_cast<std::size_t>(i)].direction)
        return nullptr;
    const Panel &p = m_panels[static_cast<std::size_t>(i)];
    const QCPAxis *xAxis = p.rect->axis(QCPAxis::atBottom);
    const QCPAxis *yAxis = p.rect->axis(QCPAxis::atLeft);
    const tcplab::plot::SeqPoint *best = nullptr;
    double bestDistance = 9; // pixels
    for (const tcplab::plot::SeqPoint &pt : p.direction->points) {
        const double px = xAxis->coordToPixel(timeWarp().toAxis(static_cast<double>(pt.t)));
        const double y0 = yAxis->coordToPixel(pt.seq);
        const double y1 = yAxis->coordToPixel(pt.kind == SegmentKind::Data ? pt.seqEnd : pt.seq);
        // Distance to the vertical bar from seq to seqEnd (a point for anything but data).
        const double dy = pos.y() < qMin(y0, y1)   ? qMin(y0, y1) - pos.y()
                          : pos.y() > qMax(y0, y1) ? pos.y() - qMax(y0, y1)
                                                   : 0;
        const double d = std::hypot(pos.x() - px, dy);
        if (d < bestDistance) {
            bestDistance = d;
            best = &pt;
        }
    }
    return best;
}

int TimeSequencePlot::eventAt(const QPointF &pos) const {
    const tcplab::plot::SeqPoint *pt = pointAt(pos);
    return pt ? pt->event : -1;
}

QString TimeSequencePlot::toolTipAt(const QPointF &pos) const {
    const tcplab::plot::SeqPoint *pt = pointAt(pos);
    if (!pt)
        return {};
    const tcplab::Event &e = trace().events[static_cast<std::size_t>(pt->event)];
    QString text = EventText::who(e) + QStringLiteral("  ") + EventText::segmentLabel(e) +
                   QLatin1Char('\n') + tr("sent at %1").arg(EventText::time(e.t));
    if (pt->rtx)
        text += QLatin1Char('\n') + tr("retransmission");
    if (pt->dropped)
        text += QLatin1Char('\n') + tr("dropped");
    else if (e.tArrive != tcplab::kNoTime)
        text += QLatin1Char('\n') + tr("arrived at %1").arg(EventText::time(e.tArrive));
    return text;
}
