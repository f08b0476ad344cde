#pragma once
// Time–sequence graph (Stevens / tcptrace): for each direction, the relative sequence number
// of every segment against time, SYN and FIN drawn distinctly, data as a bar from seq to
// seq+len, the other side's ACKs as a step line, dropped segments crossed out and
// retransmissions ringed. The two directions are stacked, sharing the time axis.

#include "plotview.h"

#include "plot/timesequence.h"

#include <array>

class QCPAxisRect;
class QCPGraph;
class QCPErrorBars;
class QCPItemStraightLine;
class QCPTextElement;

class TimeSequencePlot : public PlotView {
    Q_OBJECT

public:
    explicit TimeSequencePlot(TraceModel *model = nullptr, Playhead *playhead = nullptr,
                              QWidget *parent = nullptr);
    ~TimeSequencePlot() override;

    const tcplab::plot::TimeSequence &series() const { return m_series; }

protected:
    void rebuild() override;
    void fitAll() override;
    void updatePlayhead() override;
    int eventAt(const QPointF &pos) const override;
    QString toolTipAt(const QPointF &pos) const override;
    QCPAxis *timeAxis() const override;
    // Segments only: the quiet TIME_WAIT after the last one does not squeeze them.
    std::vector<std::int64_t> scaleTimes() const override;

private:
    // One stacked panel per direction: client -> server on top, server -> client below.
    struct Panel {
        QCPAxisRect *rect = nullptr;
        std::array<QCPGraph *, 5> kinds{}; // by tcplab::plot::SegmentKind
        QCPErrorBars *dataBars = nullptr;
        QCPGraph *dropped = nullptr;
        QCPGraph *rtx = nullptr;
        QCPGraph *ackLine = nullptr;
        QCPItemStraightLine *playhead = nullptr;
        const tcplab::plot::SeqDirection *direction = nullptr;
    };
    void setUpPanel(Panel &panel);
    int panelAt(const QPointF &pos) const;
    const tcplab::plot::SeqPoint *pointAt(const QPointF &pos) const;

    tcplab::plot::TimeSequence m_series;
    std::array<Panel, 2> m_panels;
    QCPTextElement *m_title = nullptr;
};
