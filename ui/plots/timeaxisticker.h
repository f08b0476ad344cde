#pragma once
// A QCustomPlot ticker for a time axis whose coordinates come from a tcplab::plot::TimeWarp:
// ticks at round real times, labelled "0", "10 ms", "1 s". Private to ui/plots: it includes
// qcustomplot.h, so only the plots' .cpp files include it (STYLE.md 12).

#include "plot/timewarp.h"

#include "qcp.h"

#include <QHash>

class TimeAxisTicker : public QCPAxisTicker {
public:
    void setWarp(const tcplab::plot::TimeWarp &warp) { m_warp = warp; }
    const tcplab::plot::TimeWarp &warp() const { return m_warp; }

protected:
    QVector<double> createTickVector(double tickStep, const QCPRange &range) override;
    QVector<double> createSubTickVector(int subTickCount, const QVector<double> &ticks) override;
    QString getTickLabel(double tick, const QLocale &locale, QChar formatChar,
                         int precision) override;

private:
    tcplab::plot::TimeWarp m_warp;
    QHash<double, tcplab::plot::TimeTick>
        m_ticks; // axis coordinate -> the round time it stands for
};
