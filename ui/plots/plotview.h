#pragma once
// What the three plots share: a QCustomPlot bound to a TraceModel and a Playhead, rebuilt
// (coalesced by a zero-timer) when the trace changes, the playhead drawn where the current
// event is, click-to-seek, hover tooltips, zoom/pan/reset and export. qcustomplot.h is only
// forward-declared here (STYLE.md 12).

#include "plot/timewarp.h"

#include <QPoint>
#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <cstdint>
#include <memory>
#include <vector>

class QCustomPlot;
class QCPAxis;
class Playhead;
class TraceModel;
namespace tcplab {
struct Trace;
}

class PlotView : public QWidget {
    Q_OBJECT

public:
    enum class TimeScale { Auto, Linear, LogLike };

    explicit PlotView(QWidget *parent = nullptr);
    ~PlotView() override;

    // Follow a model and a playhead (either may be null).
    void setSources(TraceModel *model, Playhead *playhead);
    // Show a trace without a model (export, tests): the plot keeps a copy.
    void showTrace(const tcplab::Trace &trace);
    const tcplab::Trace &trace() const;

    TimeScale timeScale() const { return m_timeScale; }
    // The warp in use: Auto picks log-like when the run spans many of its short gaps.
    const tcplab::plot::TimeWarp &timeWarp() const { return m_warp; }

    // PNG, SVG or PDF by the file's suffix, width x height pixels (0: the widget's size), of
    // the current view; written atomically. Rebuilds first if a rebuild is pending.
    bool exportTo(const QString &path, int width, int height, QString *error);

    QCustomPlot *customPlot() const { return m_plot; }

public Q_SLOTS:
    void resetView();
    void setTimeScale(PlotView::TimeScale scale);
    void rebuildNow();

protected:
    // Fill the plot from trace() (called with the plot cleared of nothing: subclasses own
    // their plottables and items and refresh them).
    virtual void rebuild() = 0;
    // Ranges showing all the data.
    virtual void fitAll() = 0;
    // Move the playhead marks to currentEvent() (-1: hide them).
    virtual void updatePlayhead() = 0;
    // The event a click at pos means, or -1 to fall back to the nearest event in time.
    virtual int eventAt(const QPointF &pos) const;
    virtual QString toolTipAt(const QPointF &pos) const;
    // The time axis (nullptr when the plot has none): clicks seek by its coordinate.
    virtual QCPAxis *timeAxis() const = 0;
    // The instants the time scale is fitted to (default: every event's time).
    virtual std::vector<std::int64_t> scaleTimes() const;

    int currentEvent() const;
    // Shift the time axis so that axis coordinate x is visible (the playhead left the view).
    void keepVisible(double x);
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

    QCustomPlot *m_plot = nullptr;

private:
    void scheduleRebuild();
    void playheadMoved();
    void mousePressed(QPoint pos);
    void mouseReleased(QPoint pos);

    QPointer<TraceModel> m_model;
    QPointer<Playhead> m_playhead;
    std::unique_ptr<tcplab::Trace> m_ownTrace;
    QTimer m_rebuildTimer;
    // A change came while hidden (another tab, a closed dock): rebuilt when shown. A plot of a
    // million events costs seconds that nobody looking elsewhere should wait for.
    bool m_stale = false;
    TimeScale m_timeScale = TimeScale::Auto;
    tcplab::plot::TimeWarp m_warp;
    bool m_followData = true; // ranges follow the data until the user zooms or pans
    QPoint m_pressPos;
    bool m_pressed = false;
};
