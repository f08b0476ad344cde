#pragma once
// The sequence diagram widget: client lifeline left, server right. Paints only the visible
// strip through SequenceDiagramRenderer; follows the Playhead and moves it when an arrow or a
// label is clicked. Mouse wheel scrolls, Ctrl+wheel zooms, dragging pans; keys: + - 0 zoom,
// Up/Down/PageUp/PageDown scroll, Home/End jump.

#include "ui/sequence/sequencediagrampainter.h"
#include "ui/sequence/sequencediagramrenderer.h"
#include "ui/sequence/sequencescene.h"

#include <QAbstractScrollArea>
#include <QPointer>

#include <memory>

class Playhead;
class TraceModel;

class SequenceDiagramView : public QAbstractScrollArea {
    Q_OBJECT

public:
    SequenceDiagramView(TraceModel *model, Playhead *playhead, QWidget *parent = nullptr);

    bool rowsMode() const { return m_rows; }
    bool absoluteNumbers() const { return m_options.absolute; }
    bool legendVisible() const { return m_legend; }
    double zoom() const { return m_zoom; }
    const SequenceScene &scene() const { return m_scene; }
    // What export paints: the same trace, options and playhead as the screen.
    SequenceDiagramPainter::Settings exportSettings() const;

public Q_SLOTS:
    void setRowsMode(bool rows);
    void setAbsoluteNumbers(bool absolute);
    void setLegendVisible(bool visible);
    void setZoom(double zoom);
    void zoomIn();
    void zoomOut();
    void resetZoom();

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    bool viewportEvent(QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void traceChanged();
    void heldChanged();
    void relayout(); // now if shown, else when shown
    void ensureLaidOut();
    void updateScrollBar();
    void followPlayhead();
    void zoomAround(double zoom, double viewportY);
    double legendHeight() const;
    double bodyHeight() const; // the viewport minus the legend strip
    double bodyInScene() const; // the same in the scene's units (drawn at m_scale)
    QPointF toScene(const QPointF &viewportPos) const;

    QPointer<TraceModel> m_model;
    QPointer<Playhead> m_playhead;
    SequenceScene m_scene;
    SequenceDiagramRenderer m_renderer;
    SequenceDiagramRenderer::Options m_options;
    bool m_rows = false;
    bool m_legend = true;
    double m_zoom = 1.0;
    QPoint m_pressPos;
    int m_pressScroll = 0;
    bool m_dragging = false;
    bool m_layoutDirty = true;
    bool m_traceStale = false; // the model is being reset: the scene holds the old run's rows
    double m_scale = 1.0; // a narrow pane draws a diagram laid out wider, smaller
};
