#include "ui/sequence/timeaxis.h"

#include <algorithm>
#include <cmath>

void TimeAxis::build(std::vector<qint64> times, const Params &params,
                     const std::vector<Room> &rooms)
{
    m_params = params;
    std::sort(times.begin(), times.end());
    times.erase(std::unique(times.begin(), times.end()), times.end());
    m_t = std::move(times);
    m_y.assign(m_t.size(), 0.0);
    m_breaks.clear();
    // The room each instant's labels need, by instant.
    std::vector<double> above(m_t.size(), 0.0), below(m_t.size(), 0.0);
    for (const Room &r : rooms) {
        const auto it = std::lower_bound(m_t.begin(), m_t.end(), r.t);
        if (it == m_t.end() || *it != r.t)
            continue;
        const std::size_t k = std::size_t(it - m_t.begin());
        above[k] = std::max(above[k], r.above);
        below[k] = std::max(below[k], r.below);
    }
    if (!m_t.empty())
        m_y[0] = std::max(0.0, above[0] - params.headroom);
    for (std::size_t k = 1; k < m_t.size(); ++k) {
        const double need = below[k - 1] + above[k] + (below[k - 1] > 0 && above[k] > 0 ? 2 : 0);
        double step;
        if (params.rows) {
            step = std::max(params.rowPx, need);
        } else {
            step = double(m_t[k] - m_t[k - 1]) * params.pxPerUs;
            if (step > params.maxGapPx) {
                // The break's strip (18 px, its "... later ..." text) in the middle, the labels
                // on either side clear of it.
                step = std::max(params.breakPx, 2 * std::max(below[k - 1], above[k]) + 22);
                m_breaks.push_back({m_t[k - 1], m_t[k], m_y[k - 1], m_y[k - 1] + step});
            } else {
                step = std::max({step, params.minStepPx, need});
            }
        }
        m_y[k] = m_y[k - 1] + step;
    }
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
