#include "timeaxisticker.h"

#include "model/eventtext.h"
#include "plot/durationformat.h"

QVector<double> TimeAxisTicker::createTickVector(double, const QCPRange &range) {
    m_ticks.clear();
    QVector<double> out;
    for (const tcplab::plot::TimeTick &t :
         tcplab::plot::timeTicks(m_warp, range.lower, range.upper, tickCount())) {
        const double x = m_warp.toAxis(t.us);
        m_ticks.insert(x, t);
        out.append(x);
    }
    return out;
}

QVector<double> TimeAxisTicker::createSubTickVector(int, const QVector<double> &) {
    return {}; // ticks of a log-like axis are not evenly spaced: no sub-ticks
}

QString TimeAxisTicker::getTickLabel(double tick, const QLocale &, QChar, int) {
    const auto it = m_ticks.constFind(tick);
    const tcplab::plot::TimeTick t =
        it != m_ticks.cend() ? *it : tcplab::plot::TimeTick{m_warp.toTime(tick), 0.0};
    return EventText::withLocalUnit(tcplab::plot::formatTickTime(t.us, t.step));
}
