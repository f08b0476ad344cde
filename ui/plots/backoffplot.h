#pragma once
// Retransmission back-off: for each retransmitted segment, the interval before each retry
// against the ideal doubling (RFC 6298 §5.5). There is no time axis: the playhead is shown by
// ringing the last retry sent at or before the current event.

#include "plotview.h"

#include "plot/backoff.h"

#include <QList>

class QCPGraph;
class QCPItemText;
class QCPTextElement;

class BackoffPlot : public PlotView {
    Q_OBJECT

public:
    explicit BackoffPlot(TraceModel *model = nullptr, Playhead *playhead = nullptr,
                         QWidget *parent = nullptr);
    ~BackoffPlot() override;

    const std::vector<tcplab::plot::RetransmittedSegment> &series() const { return m_series; }

protected:
    void rebuild() override;
    void fitAll() override;
    void updatePlayhead() override;
    int eventAt(const QPointF &pos) const override;
    QString toolTipAt(const QPointF &pos) const override;
    QCPAxis *timeAxis() const override;

private:
    // (segment, retry) under pos: retry r (1-based) is the send after interval r.
    bool retryAt(const QPointF &pos, int *segment, int *retry) const;
    QString segmentName(const tcplab::plot::RetransmittedSegment &s) const;

    std::vector<tcplab::plot::RetransmittedSegment> m_series;
    QList<QCPGraph *> m_graphs;
    QList<QCPItemText *> m_labels; // the measured interval beside each point
    QCPGraph *m_current = nullptr;
    QCPItemText *m_empty = nullptr;
    QCPTextElement *m_title = nullptr;
};
