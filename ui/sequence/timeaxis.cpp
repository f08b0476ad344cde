#include "ui/sequence/timeaxis.h"

#include <algorithm>
#include <cmath>

void TimeAxis::build(std::vector<qint64> times, const Params &params)
{
    m_params = params;
    std::sort(times.begin(), times.end());
    times.erase(std::unique(times.begin(), times.end()), times.end());
    m_t = std::move(times);
    m_y.assign(m_t.size(), 0.0);
    m_breaks.clear();
    for (std::size_t k = 1; k < m_t.size(); ++k) {
        double step;
        if (params.rows) {
            step = params.rowPx;
        } else {
            step = double(m_t[k] - m_t[k - 1]) * params.pxPerUs;
            if (step > params.maxGapPx) {
                step = params.breakPx;
                m_breaks.push_back({m_t[k - 1], m_t[k], m_y[k - 1], m_y[k - 1] + step});
            } else {
                step = std::max(step, params.minStepPx);
            }
        }
        m_y[k] = m_y[k - 1] + step;
    }
}

double TimeAxis::y(qint64 t) const
{
    if (m_t.empty() || t <= m_t.front())
        return 0.0;
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
    if (y <= 0.0)
        return m_t.front();
    if (y >= m_y.back())
        return m_t.back();
    const auto it = std::upper_bound(m_y.begin(), m_y.end(), y);
    const std::size_t k = std::size_t(it - m_y.begin()); // m_y[k-1] <= y < m_y[k]
    const double f = (y - m_y[k - 1]) / (m_y[k] - m_y[k - 1]);
    return m_t[k - 1] + qint64(std::llround(f * double(m_t[k] - m_t[k - 1])));
}
