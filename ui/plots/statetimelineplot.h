#pragma once
// State timeline: one row per endpoint, a coloured band per state over time, the playhead as
// a vertical line. Hovering a band names the state and its duration ("TIME_WAIT 60.000 s").

#include "plotview.h"

#include "plot/statetimeline.h"

#include <QList>

class QCPGraph;
class QCPItemRect;
class QCPItemText;
class QCPItemStraightLine;
class QCPItemLine;
class QCPTextElement;

class StateTimelinePlot : public PlotView {
    Q_OBJECT

public:
    explicit StateTimelinePlot(TraceModel *model = nullptr, Playhead *playhead = nullptr,
                               QWidget *parent = nullptr);
    ~StateTimelinePlot() override;

    const tcplab::plot::StateTimeline &timeline() const { return m_timeline; }

protected:
    void rebuild() override;
    void resizeEvent(QResizeEvent *event) override;
    void fitAll() override;
    void updatePlayhead() override;
    int eventAt(const QPointF &pos) const override;
    QString toolTipAt(const QPointF &pos) const override;
    QCPAxis *timeAxis() const override;

private:
    struct BandItems {
        QCPItemRect *rect = nullptr;
        QCPItemText *label = nullptr;
        int row = 0;
        int band = 0;
    };
    void clearItems();
    void updateLabels(); // show each band's label only where it fits
    const tcplab::plot::StateBand *bandAtPixel(const QPointF &pos, int *row = nullptr) const;
    double rowY(int row) const;

    tcplab::plot::StateTimeline m_timeline;
    QList<BandItems> m_bands;
    QList<QCPItemLine *> m_transitionLines;
    QList<QCPGraph *> m_legendGraphs; // data-less graphs that give the legend its colours
    QCPItemStraightLine *m_playheadLine = nullptr;
    QCPTextElement *m_title = nullptr;
    QCPTextElement *m_caption = nullptr;
};
