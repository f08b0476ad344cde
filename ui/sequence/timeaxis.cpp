#include "ui/sequence/timeaxis.h"

#include <algorithm>
#include <cmath>

void TimeAxis::build(std::vector<qint64> times, const Params &params,
                     const std::vector<Room> &rooms)
{
    std::sort(times.begin(), times.end());
    times.erase(std::unique(times.begin(), times.end()), times.end());
    setKnots(std::move(times));
    layout(params, rooms);
}

void TimeAxis::setKnots(std::vector<qint64> sortedUniqueTimes, std::vector<bool> marked)
{
    m_t = std::move(sortedUniqueTimes);
    m_t.shrink_to_fit();
    m_marked = std::move(marked);
    m_marked.resize(m_t.size(), false);
    m_y.clear();
    m_breaks.clear();
}

void TimeAxis::layout(const Params &params, std::vector<Room> rooms)
{
    m_params = params;
    m_y.assign(m_t.size(), 0.0);
    m_breaks.clear();
    // The room each instant's labels need, by instant: the rooms in time order, walked along
    // the knots (a long run has a million knots and a few rooms).
    std::stable_sort(rooms.begin(), rooms.end(),
                     [](const Room &a, const Room &b) { return a.t < b.t; });
    std::size_t next = 0;
    auto roomAt = [&](std::size_t k, double &above, double &below) {
        above = below = 0;
        while (next < rooms.size() && rooms[next].t < m_t[k])
            ++next;
        if (m_marked[k])
            above = params.markedAbove;
        for (std::size_t i = next; i < rooms.size() && rooms[i].t == m_t[k]; ++i) {
            above = std::max(above, rooms[i].above);
            below = std::max(below, rooms[i].below);
        }
    };
    double aboveK = 0, belowK = 0, belowPrev = 0;
    if (!m_t.empty()) {
        roomAt(0, aboveK, belowK);
        m_y[0] = std::max(0.0, aboveK - params.headroom);
        belowPrev = belowK;
    }
    for (std::size_t k = 1; k < m_t.size(); ++k) {
        roomAt(k, aboveK, belowK);
        const double need = belowPrev + aboveK + (belowPrev > 0 && aboveK > 0 ? 2 : 0);
        double step;
        if (params.rows) {
            step = std::max(params.rowPx, need);
        } else {
            step = double(m_t[k] - m_t[k - 1]) * params.pxPerUs;
            if (step > params.maxGapPx) {
                // The break's strip (18 px, its "... later ..." text) in the middle, the labels
                // on either side clear of it.
                step = std::max(params.breakPx, 2 * std::max(belowPrev, aboveK) + 22);
                m_breaks.push_back({m_t[k - 1], m_t[k], m_y[k - 1], m_y[k - 1] + step});
            } else {
                step = std::max({step, params.minStepPx, need});
            }
        }
        m_y[k] = m_y[k - 1] + step;
        belowPrev = belowK;
    }
}

bool TimeAxis::marked(qint64 t) const
{
    const auto it = std::lower_bound(m_t.begin(), m_t.end(), t);
    return it != m_t.end() && *it == t && m_marked[std::size_t(it - m_t.begin())];
}

double TimeAxis::y(qint64 t) const
{
    if (m_t.empty())
        return 0.0;
    if (t <= m_t.front())
        return m_y.front();
    if (t >= m_t.back())
        return m_y.back();
    const auto it = std::upper_bound(m_t.begin(), m_t.end(), t);
    const std::size_t k = std::size_t(it - m_t.begin()); // m_t[k-1] <= t < m_t[k]
    const double f = double(t - m_t[k - 1]) / double(m_t[k] - m_t[k - 1]);
    return m_y[k - 1] + f * (m_y[k] - m_y[k - 1]);
}

qint64 TimeAxis::time(double y) const
{
    if (m_t.empty())
        return 0;
    if (y <= m_y.front())
        return m_t.front();
    if (y >= m_y.back())
        return m_t.back();
    const auto it = std::upper_bound(m_y.begin(), m_y.end(), y);
    const std::size_t k = std::size_t(it - m_y.begin()); // m_y[k-1] <= y < m_y[k]
    const double f = (y - m_y[k - 1]) / (m_y[k] - m_y[k - 1]);
    return m_t[k - 1] + qint64(std::llround(f * double(m_t[k] - m_t[k - 1])));
}
