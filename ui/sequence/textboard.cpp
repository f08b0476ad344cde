#include "ui/sequence/textboard.h"

#include "ui/common/geometry.h"

#include <algorithm>
#include <cmath>

TextBoard::Box::Box(const QRectF &r, const QPointF &origin, double cosA, double sinA)
{
    const QPointF c[4] = {r.topLeft(), r.topRight(), r.bottomRight(), r.bottomLeft()};
    double x0 = 1e18, y0 = 1e18, x1 = -1e18, y1 = -1e18;
    for (std::size_t i = 0; i < 4; ++i) {
        corner[i] = origin + QPointF(c[i].x() * cosA - c[i].y() * sinA,
                                     c[i].x() * sinA + c[i].y() * cosA);
        x0 = std::min(x0, corner[i].x());
        x1 = std::max(x1, corner[i].x());
        y0 = std::min(y0, corner[i].y());
        y1 = std::max(y1, corner[i].y());
    }
    axis = {QPointF(cosA, sinA), QPointF(-sinA, cosA)};
    bounds = QRectF(QPointF(x0, y0), QPointF(x1, y1));
}

bool TextBoard::overlap(const Box &a, const Box &b)
{
    if (!a.bounds.intersects(b.bounds))
        return false;
    // Separated along some side's axis: no overlap (touching, or half a pixel, does not count).
    for (const Box *q : {&a, &b}) {
        for (const QPointF &ax : q->axis) {
            double minA = 1e18, maxA = -1e18, minB = 1e18, maxB = -1e18;
            for (const QPointF &v : a.corner) {
                const double d = v.x() * ax.x() + v.y() * ax.y();
                minA = std::min(minA, d);
                maxA = std::max(maxA, d);
            }
            for (const QPointF &v : b.corner) {
                const double d = v.x() * ax.x() + v.y() * ax.y();
                minB = std::min(minB, d);
                maxB = std::max(maxB, d);
            }
            if (std::min(maxA, maxB) - std::max(minA, minB) < 0.5)
                return false;
        }
    }
    return true;
}

namespace {

// Whether a line runs through a rectangle turned about origin: the line taken into the
// rectangle's frame (moved to origin, turned back), clipped against it (Liang-Barsky).
bool lineThrough(const QLineF &line, const QPointF &origin, double cosA, double sinA,
                 const QRectF &box)
{
    auto local = [&](const QPointF &p) {
        const QPointF d = p - origin;
        return QPointF(d.x() * cosA + d.y() * sinA, -d.x() * sinA + d.y() * cosA);
    };
    return segmentCrossesRect(local(line.p1()), local(line.p2()), box);
}

} // namespace

template <typename T> int TextBoard::Bands<T>::band(double y)
{
    return std::max(0, int(std::floor(y / 32.0)));
}

template <typename T> void TextBoard::Bands<T>::add(const QRectF &bounds, T value)
{
    const int id = int(m_values.size());
    m_values.push_back(std::move(value));
    m_bounds.push_back(bounds);
    const int last = band(bounds.bottom());
    if (last >= int(m_bands.size()))
        m_bands.resize(std::size_t(last) + 1);
    for (int b = band(bounds.top()); b <= last; ++b)
        m_bands[std::size_t(b)].push_back(id);
}

template <typename T>
template <typename F>
bool TextBoard::Bands<T>::any(const QRectF &r, F f) const
{
    const int last = std::min(band(r.bottom()), int(m_bands.size()) - 1);
    for (int b = band(r.top()); b <= last; ++b) {
        for (const int id : m_bands[std::size_t(b)]) {
            const QRectF &o = m_bounds[std::size_t(id)];
            // Looked at once: in the first band both cover.
            if (band(std::max(o.top(), r.top())) != b || !o.intersects(r))
                continue;
            if (f(m_values[std::size_t(id)]))
                return true;
        }
    }
    return false;
}

void TextBoard::add(const Box &box)
{
    m_boxes.add(box.bounds, box);
}

bool TextBoard::hits(const Box &box) const
{
    return m_boxes.any(box.bounds, [&box](const Box &other) { return overlap(box, other); });
}

void TextBoard::addLine(const QLineF &line, int row)
{
    m_lines.add(QRectF(line.p1(), line.p2()).normalized().adjusted(-1, -1, 1, 1), {line, row});
}

int TextBoard::linesThrough(const QRectF &rect, const QPointF &origin, double cosA, double sinA,
                            const QRectF &bounds, int own, int limit) const
{
    int n = 0;
    m_lines.any(bounds, [&](const std::pair<QLineF, int> &l) {
        if (l.second != own && lineThrough(l.first, origin, cosA, sinA, rect))
            ++n;
        return n >= limit;
    });
    return n;
}
