#include "plotview.h"

#include "model/playhead.h"
#include "model/tracemodel.h"
#include "plot/eventlookup.h"
#include "trace/trace.h"

#include "qcp.h"

#include <QBuffer>
#include <QFileInfo>
#include <QHelpEvent>
#include <QSaveFile>
#include <QShortcut>

#include "ui/export/svgwriter.h"
#include <QTemporaryDir>
#include <QToolTip>
#include <QVBoxLayout>

PlotView::PlotView(QWidget *parent)
    : QWidget(parent)
    , m_plot(new QCustomPlot(this)) {
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->setFocusPolicy(Qt::StrongFocus); // click or Tab to it, then R resets
    m_plot->installEventFilter(this);
    setMinimumSize(240, 160);

    m_rebuildTimer.setSingleShot(true);
    m_rebuildTimer.setInterval(0);
    connect(&m_rebuildTimer, &QTimer::timeout, this, &PlotView::rebuildNow);

    connect(m_plot, &QCustomPlot::mousePress, this,
            [this](QMouseEvent *e) { mousePressed(e->pos()); });
    connect(m_plot, &QCustomPlot::mouseRelease, this,
            [this](QMouseEvent *e) { mouseReleased(e->pos()); });
    connect(m_plot, &QCustomPlot::mouseMove, this, [this](QMouseEvent *e) {
        if (m_pressed && (e->pos() - m_pressPos).manhattanLength() > 4)
            m_followData = false; // a drag: the user now owns the ranges
    });
    connect(m_plot, &QCustomPlot::mouseWheel, this,
            [this](QWheelEvent *) { m_followData = false; });
    connect(m_plot, &QCustomPlot::mouseDoubleClick, this, [this](QMouseEvent *) { resetView(); });

    auto *reset = new QShortcut(QKeySequence(Qt::Key_R), this);
    reset->setContext(Qt::WidgetWithChildrenShortcut);
    connect(reset, &QShortcut::activated, this, &PlotView::resetView);
}

PlotView::~PlotView() = default;

void PlotView::setSources(TraceModel *model, Playhead *playhead) {
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    if (m_playhead)
        disconnect(m_playhead, nullptr, this, nullptr);
    m_model = model;
    m_playhead = playhead;
    if (model) {
        m_ownTrace.reset();
        // A live run streams in: coalesce the bursts into one rebuild per event-loop pass.
        connect(model, &TraceModel::traceChanged, this, &PlotView::scheduleRebuild);
        connect(model, &QAbstractItemModel::modelReset, this, &PlotView::scheduleRebuild);
        connect(model, &QAbstractItemModel::rowsInserted, this, &PlotView::scheduleRebuild);
        connect(model, &QAbstractItemModel::rowsRemoved, this, &PlotView::scheduleRebuild);
    }
    if (playhead)
        connect(playhead, &Playhead::currentChanged, this, &PlotView::playheadMoved);
    m_followData = true;
    scheduleRebuild();
}

void PlotView::showTrace(const tcplab::Trace &trace) {
    m_ownTrace = std::make_unique<tcplab::Trace>(trace);
    m_followData = true;
    rebuildNow();
}

const tcplab::Trace &PlotView::trace() const {
    static const tcplab::Trace empty;
    if (m_ownTrace)
        return *m_ownTrace;
    if (m_model)
        return m_model->trace();
    return empty;
}

void PlotView::setTimeScale(PlotView::TimeScale scale) {
    if (scale == m_timeScale)
        return;
    m_timeScale = scale;
    m_followData = true; // the old ranges mean nothing on the new axis
    rebuildNow();
}

void PlotView::scheduleRebuild() {
    if (!isVisible()) {
        m_stale = true;
        m_rebuildTimer.stop();
        return;
    }
    m_rebuildTimer.start();
}

void PlotView::showEvent(QShowEvent *event) {
    QWidget::showEvent(event);
    if (m_stale)
        m_rebuildTimer.start();
}

void PlotView::rebuildNow() {
    m_rebuildTimer.stop();
    m_stale = false;
    std::vector<std::int64_t> times = scaleTimes();
    bool logLike = m_timeScale == TimeScale::LogLike;
    if (m_timeScale == TimeScale::Auto)
        logLike = tcplab::plot::suggestLogLike(times);
    m_warp = tcplab::plot::makeTimeWarp(std::move(times),
                                        logLike ? tcplab::plot::TimeWarp::Mode::LogLike
                                                : tcplab::plot::TimeWarp::Mode::Linear);
    rebuild();
    if (m_followData)
        fitAll();
    updatePlayhead();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void PlotView::resetView() {
    m_followData = true;
    fitAll();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

int PlotView::currentEvent() const {
    if (!m_playhead)
        return -1;
    const int i = m_playhead->current();
    return i >= 0 && static_cast<std::size_t>(i) < trace().events.size() ? i : -1;
}

void PlotView::playheadMoved() {
    if (m_rebuildTimer.isActive() || m_stale)
        return; // the pending rebuild places the playhead
    updatePlayhead();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void PlotView::keepVisible(double x) {
    QCPAxis *axis = timeAxis();
    if (!axis || axis->range().contains(x))
        return;
    const double size = axis->range().size();
    axis->setRange(x - size / 2, x + size / 2);
}

std::vector<std::int64_t> PlotView::scaleTimes() const {
    return tcplab::plot::eventTimes(trace());
}

int PlotView::eventAt(const QPointF &) const {
    return -1;
}

QString PlotView::toolTipAt(const QPointF &) const {
    return {};
}

void PlotView::mousePressed(QPoint pos) {
    m_pressPos = pos;
    m_pressed = true;
}

void PlotView::mouseReleased(QPoint pos) {
    const bool click = m_pressed && (pos - m_pressPos).manhattanLength() <= 4;
    m_pressed = false;
    if (!click || !m_playhead)
        return;
    int index = eventAt(pos);
    if (index < 0 && timeAxis())
        index =
            tcplab::plot::nearestEvent(trace(), m_warp.toTime(timeAxis()->pixelToCoord(pos.x())));
    if (index >= 0)
        m_playhead->seek(index);
}

void PlotView::changeEvent(QEvent *event) {
    if (event->type() == QEvent::LanguageChange)
        scheduleRebuild(); // every axis label, legend and caption is set by rebuild() via tr()
    QWidget::changeEvent(event);
}

bool PlotView::eventFilter(QObject *watched, QEvent *event) {
    if (watched == m_plot && event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QString text = toolTipAt(help->pos());
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, m_plot);
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

bool PlotView::exportTo(const QString &path, int width, int height, QString *error) {
    auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    if (m_rebuildTimer.isActive() || m_stale)
        rebuildNow();
    if (width <= 0)
        width = m_plot->width();
    if (height <= 0)
        height = m_plot->height();
    if (width < 16 || height < 16)
        return fail(tr("The image size %1×%2 is too small.").arg(width).arg(height));

    const QString suffix = QFileInfo(path).suffix().toLower();
    QByteArray bytes;
    if (suffix == QLatin1String("png")) {
        // The same pixels savePng() writes, kept in memory so the file appears whole.
        const QPixmap pixmap = m_plot->toPixmap(width, height, 1.0);
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        if (pixmap.isNull() || !pixmap.save(&buffer, "PNG"))
            return fail(tr("Could not render the plot as PNG."));
    } else if (suffix == QLatin1String("svg")) {
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        SvgWriter svg(&buffer, QSize(width, height));
        svg.setTitle(QFileInfo(path).completeBaseName());
        QCPPainter painter;
        if (!painter.begin(&svg))
            return fail(tr("Could not render the plot as SVG."));
        m_plot->toPainter(&painter, width, height);
        if (!painter.end() || !svg.ok())
            return fail(tr("Could not render the plot as SVG."));
    } else if (suffix == QLatin1String("pdf")) {
        // savePdf() wants a file name: let it write into a private directory, then publish.
        QTemporaryDir dir;
        const QString tmp = dir.filePath(QStringLiteral("plot.pdf"));
        if (!dir.isValid() || !m_plot->savePdf(tmp, width, height, QCP::epNoCosmetic))
            return fail(tr("Could not render the plot as PDF."));
        QFile file(tmp);
        if (!file.open(QIODevice::ReadOnly))
            return fail(tr("Could not render the plot as PDF."));
        bytes = file.readAll();
    } else {
        return fail(tr("Unknown image format \"%1\": use .png, .svg or .pdf.").arg(suffix));
    }
    // The on-screen view is what was drawn: restore the widget's own buffer.
    m_plot->replot(QCustomPlot::rpQueuedReplot);

    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly) || out.write(bytes) != bytes.size() || !out.commit())
        return fail(tr("Could not write %1: %2").arg(path, out.errorString()));
    return true;
}
