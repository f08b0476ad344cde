#include "ui/sequence/sequencediagramview.h"

#include "ui/sequence/heldsegments.h"

#include "model/playhead.h"
#include "model/tracemodel.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QPainter>
#include <QScrollBar>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace {
constexpr double kMinZoom = 0.1;
constexpr double kMaxZoom = 40.0;
constexpr int kDragThreshold = 4;
} // namespace

SequenceDiagramView::SequenceDiagramView(TraceModel *model, Playhead *playhead, QWidget *parent)
    : QAbstractScrollArea(parent)
    , m_model(model)
    , m_playhead(playhead)
    , m_renderer(m_scene)
{
    setFocusPolicy(Qt::StrongFocus);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    viewport()->setBackgroundRole(QPalette::Base);
    viewport()->setAutoFillBackground(false);
    viewport()->setMouseTracking(false);
    verticalScrollBar()->setSingleStep(40);
    // Between a model's reset and this view's turn to hear of it, the playhead (reset first)
    // may ask to be followed: the scene must not be laid out on the old run's rows then.
    connect(model, &QAbstractItemModel::modelAboutToBeReset, this, [this] { m_traceStale = true; });
    connect(model, &QAbstractItemModel::modelReset, this, [this] {
        traceChanged();
        verticalScrollBar()->setValue(0); // a new run is shown from its beginning
    });
    connect(model, &QAbstractItemModel::rowsInserted, this, [this] {
        traceChanged();
        followPlayhead(); // a live run: keep the newest events in view
    });
    connect(playhead, &Playhead::currentChanged, this, &SequenceDiagramView::followPlayhead);
    connect(model, &TraceModel::heldChanged, this, &SequenceDiagramView::heldChanged);
    traceChanged();
}

SequenceDiagramPainter::Settings SequenceDiagramView::exportSettings() const
{
    SequenceDiagramPainter::Settings s;
    s.rows = m_rows;
    s.zoom = m_zoom;
    s.render = m_options;
    s.current = m_renderer.current();
    return s;
}

void SequenceDiagramView::traceChanged()
{
    m_traceStale = false;
    m_scene.setTrace(&m_model->trace());
    m_renderer.setCurrent(m_playhead ? m_playhead->current() : -1);
    relayout();
}

void SequenceDiagramView::relayout()
{
    // Placing every label of a long run takes a while: done once before the next paint (a
    // window being resized asks many times), and by a hidden view (another tab) when shown.
    m_layoutDirty = true;
    viewport()->update();
}

void SequenceDiagramView::ensureLaidOut()
{
    if (m_traceStale)
        traceChanged(); // (marks the layout dirty)
    if (!m_layoutDirty)
        return;
    m_layoutDirty = false;
    const double width = viewport()->width();
    // Narrower than the narrowest layout: laid out that wide and drawn smaller, so that the
    // labels between the lifelines have their room and nothing is drawn over something else.
    m_scale = width > 0 ? std::min(1.0, width / SequenceScene::kMinWidth) : 1.0;
    m_scene.setAbsoluteNumbers(m_options.absolute); // the labels' text, so their room
    m_scene.setTitleLines(2); // a longer title is cut here, whole in its tooltip and exports
    m_scene.layout(width / m_scale, m_zoom, m_rows);
    m_renderer.setOptions(m_options);
    updateScrollBar();
    viewport()->update();
}

double SequenceDiagramView::legendHeight() const
{
    return m_legend ? m_renderer.legendHeight(viewport()->width()) : 0.0;
}

double SequenceDiagramView::bodyHeight() const
{
    return std::max(0.0, viewport()->height() - legendHeight());
}

void SequenceDiagramView::updateScrollBar()
{
    // In the scene's units (the diagram may be drawn smaller than it is laid out).
    // Segments the live lab holds are drawn below the last event: room for them too.
    const double bottom = std::max(m_scene.height(),
                                   m_model ? heldSegmentsBottom(m_scene, m_model->held()) : 0.0);
    const int range = int(std::ceil(bottom - bodyInScene()));
    verticalScrollBar()->setRange(0, std::max(0, range));
    verticalScrollBar()->setPageStep(int(bodyInScene()));
}

QPointF SequenceDiagramView::toScene(const QPointF &pos) const
{
    return pos / m_scale + QPointF(0, verticalScrollBar()->value());
}

double SequenceDiagramView::bodyInScene() const
{
    return bodyHeight() / m_scale;
}

void SequenceDiagramView::heldChanged()
{
    // The newest held segment in view: it is what the student must decide on.
    ensureLaidOut();
    updateScrollBar();
    if (m_model && !m_model->held().isEmpty() && isVisible()) {
        const double bottom = heldSegmentsBottom(m_scene, m_model->held());
        const double visible = verticalScrollBar()->value() + bodyInScene();
        if (bottom > visible)
            verticalScrollBar()->setValue(int(std::ceil(bottom - bodyInScene())));
    }
    viewport()->update();
}

void SequenceDiagramView::followPlayhead()
{
    const int row = m_playhead ? m_playhead->current() : -1;
    m_renderer.setCurrent(row);
    if (!isVisible())
        return; // scrolled to it when shown
    ensureLaidOut();
    if (row >= 0 && row < m_scene.rowCount()) {
        // Keep the current event in view, with some context above it.
        const double y = m_scene.y(m_scene.event(row).t);
        const double top = verticalScrollBar()->value() + m_scene.headerHeight() + 30;
        const double bottom = verticalScrollBar()->value() + bodyInScene() - 40;
        if (y < top || y > bottom)
            verticalScrollBar()->setValue(int(y - bodyInScene() / 3));
    }
    viewport()->update();
}

void SequenceDiagramView::paintEvent(QPaintEvent *)
{
    ensureLaidOut();
    QPainter p(viewport());
    p.fillRect(viewport()->rect(), Qt::white);
    const double scroll = verticalScrollBar()->value();
    const double body = bodyHeight();
    p.save();
    p.setClipRect(QRectF(0, 0, viewport()->width(), body));
    p.scale(m_scale, m_scale);
    p.translate(0, -scroll);
    m_renderer.paintBody(p, QRectF(0, scroll, m_scene.width(), body / m_scale));
    if (m_model)
        paintHeldSegments(p, m_scene, m_model->held());
    p.restore();
    // The heads stay at the top and the legend at the bottom while the body scrolls.
    p.save();
    p.scale(m_scale, m_scale);
    m_renderer.paintHeader(p, 0);
    p.restore();
    if (m_legend)
        m_renderer.paintLegend(p, QRectF(0, body, viewport()->width(), legendHeight()));
    if (m_scene.rowCount() == 0) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(viewport()->rect(), Qt::AlignCenter, tr("No events yet"));
    }
}

void SequenceDiagramView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    relayout();
}

void SequenceDiagramView::showEvent(QShowEvent *event)
{
    QAbstractScrollArea::showEvent(event);
    if (m_layoutDirty) {
        ensureLaidOut();
        followPlayhead();
    }
}

void SequenceDiagramView::zoomAround(double zoom, double viewportY)
{
    zoom = std::clamp(zoom, kMinZoom, kMaxZoom);
    if (zoom == m_zoom)
        return;
    ensureLaidOut();
    const double at = viewportY / m_scale;
    const qint64 t = m_scene.time(at + verticalScrollBar()->value());
    m_zoom = zoom;
    relayout();
    ensureLaidOut();
    verticalScrollBar()->setValue(int(m_scene.y(t) - at));
}

void SequenceDiagramView::setZoom(double zoom)
{
    zoomAround(zoom, bodyHeight() / 2);
}

void SequenceDiagramView::zoomIn()
{
    setZoom(m_zoom * 1.25);
}

void SequenceDiagramView::zoomOut()
{
    setZoom(m_zoom / 1.25);
}

void SequenceDiagramView::resetZoom()
{
    setZoom(1.0);
}

void SequenceDiagramView::setRowsMode(bool rows)
{
    if (rows == m_rows)
        return;
    m_rows = rows;
    relayout();
    followPlayhead();
}

void SequenceDiagramView::setAbsoluteNumbers(bool absolute)
{
    m_options.absolute = absolute;
    relayout();
}

void SequenceDiagramView::setLegendVisible(bool visible)
{
    m_legend = visible;
    relayout();
}

void SequenceDiagramView::wheelEvent(QWheelEvent *event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        const double steps = event->angleDelta().y() / 120.0;
        zoomAround(m_zoom * std::pow(1.25, steps), event->position().y());
        event->accept();
        return;
    }
    QAbstractScrollArea::wheelEvent(event);
}

void SequenceDiagramView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        m_pressPos = event->pos();
        m_pressScroll = verticalScrollBar()->value();
        m_dragging = false;
    }
    QAbstractScrollArea::mousePressEvent(event);
}

void SequenceDiagramView::mouseMoveEvent(QMouseEvent *event)
{
    if (event->buttons() & Qt::LeftButton) {
        const int dy = event->pos().y() - m_pressPos.y();
        if (std::abs(dy) > kDragThreshold)
            m_dragging = true;
        if (m_dragging) {
            viewport()->setCursor(Qt::ClosedHandCursor);
            verticalScrollBar()->setValue(m_pressScroll - int(dy / m_scale));
        }
    }
    QAbstractScrollArea::mouseMoveEvent(event);
}

void SequenceDiagramView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        viewport()->unsetCursor();
        if (!m_dragging && event->pos().y() < bodyHeight()) {
            const int row = m_scene.hitTest(toScene(event->position()));
            if (row >= 0 && m_playhead)
                m_playhead->seek(row);
        }
        m_dragging = false;
    }
    QAbstractScrollArea::mouseReleaseEvent(event);
}

void SequenceDiagramView::keyPressEvent(QKeyEvent *event)
{
    QScrollBar *bar = verticalScrollBar();
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomIn();
        break;
    case Qt::Key_Minus:
        zoomOut();
        break;
    case Qt::Key_0:
        resetZoom();
        break;
    case Qt::Key_Up:
        bar->triggerAction(QAbstractSlider::SliderSingleStepSub);
        break;
    case Qt::Key_Down:
        bar->triggerAction(QAbstractSlider::SliderSingleStepAdd);
        break;
    case Qt::Key_PageUp:
        bar->triggerAction(QAbstractSlider::SliderPageStepSub);
        break;
    case Qt::Key_PageDown:
        bar->triggerAction(QAbstractSlider::SliderPageStepAdd);
        break;
    case Qt::Key_Home:
        bar->setValue(bar->minimum());
        break;
    case Qt::Key_End:
        bar->setValue(bar->maximum());
        break;
    default:
        QAbstractScrollArea::keyPressEvent(event);
        return;
    }
    event->accept();
}

bool SequenceDiagramView::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        // The header stays at the top: the title, all of it, where it had to be cut.
        if (help->pos().y() < m_scene.headerHeight() * m_scale) {
            const SequenceScene::Text *title = m_scene.titleText();
            if (title && m_scene.titleElided() &&
                title->rect.contains(QPointF(help->pos()) / m_scale))
                QToolTip::showText(help->globalPos(),
                                   QString::fromStdString(m_model->trace().title), viewport());
            else
                QToolTip::hideText();
            return true;
        }
        const QPointF at = toScene(help->pos());
        const int row = m_scene.hitTest(at);
        const int bracket = row < 0 ? m_scene.bracketAt(at) : -1;
        if (row >= 0)
            QToolTip::showText(help->globalPos(),
                               m_model->index(row, 0).data(Qt::ToolTipRole).toString(), viewport());
        else if (bracket >= 0)
            QToolTip::showText(help->globalPos(), m_renderer.bracketToolTip(bracket), viewport());
        else
            QToolTip::hideText();
        return true;
    }
    return QAbstractScrollArea::viewportEvent(event);
}

void SequenceDiagramView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        relayout(); // translated labels have other widths: placed anew
    QAbstractScrollArea::changeEvent(event);
}
