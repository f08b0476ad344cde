#include "ui/sequence/textboard.h"

#include "ui/common/geometry.h"

#include <algorithm>
#include <cmath>
#include <utility>

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
    for (std::size_t i = 0; i < 2; ++i)
        span[i] = project(axis[i]);
}

bool TextBoard::overlap(const Box &a, const Box &b)
{
    return a.bounds.intersects(b.bounds) && noAxisSeparates(a, b);
}

bool TextBoard::noAxisSeparates(const Box &a, const Box &b)
{
    // Separated along some side's axis: no overlap (touching, or half a pixel, does not count).
    // A box's extent along its own sides is known; only the other's corners are projected.
    auto apart = [](const Span &p, const Span &q) {
        return std::min(p.max, q.max) - std::max(p.min, q.min) < 0.5;
    };
    // Boxes turned alike (labels of parallel arrows, level texts): each one's extent along
    // the other's sides is its own, already known.
    auto same = [](const QPointF &p, const QPointF &q) { // exactly: QPointF's == is fuzzy
        return p.x() == q.x() && p.y() == q.y();
    };
    if (same(a.axis[0], b.axis[0]) && same(a.axis[1], b.axis[1]))
        return !apart(a.span[0], b.span[0]) && !apart(a.span[1], b.span[1]);
    // Across a box first: labels are long and thin, and most pairs that are apart are apart
    // across one of them.
    for (const std::size_t i : {1, 0}) {
        if (apart(a.span[i], b.project(a.axis[i])) || apart(a.project(b.axis[i]), b.span[i]))
            return false;
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

TextBoard::Extent::Extent(const QRectF &r)
    : x0(r.left()), y0(r.top()), x1(r.right()), y1(r.bottom())
{
    if (x1 < x0)
        std::swap(x0, x1);
    if (y1 < y0)
        std::swap(y0, y1);
}

int TextBoard::band(double y) const
{
    return std::max(0, int(std::floor((y - m_top) / 32.0)));
}

void TextBoard::reserve(std::size_t boxes)
{
    m_boxes.reserve(boxes);
    m_boxExtents.reserve(boxes);
    m_links.reserve(2 * boxes); // most boxes are a label's line, in one or two bands
}

void TextBoard::add(const Box &box)
{
    const int id = int(m_boxes.size());
    m_boxes.push_back(box);
    m_boxExtents.emplace_back(box.bounds);
    const int first = band(box.bounds.top()), last = band(box.bounds.bottom());
    if (last >= int(m_bandHead.size()))
        m_bandHead.resize(std::size_t(last) + 1, -1);
    for (int b = first; b <= last; ++b) {
        m_links.push_back({id, m_bandHead[std::size_t(b)], b == first});
        m_bandHead[std::size_t(b)] = int(m_links.size()) - 1;
    }
}

bool TextBoard::hits(const Box &box) const
{
    const Extent r(box.bounds);
    const int first = band(box.bounds.top());
    const int last = std::min(band(box.bounds.bottom()), int(m_bandHead.size()) - 1);
    for (int b = first; b <= last; ++b) {
        for (int l = m_bandHead[std::size_t(b)]; l >= 0; l = m_links[std::size_t(l)].next) {
            const Link &link = m_links[std::size_t(l)];
            // A box in several of these bands is looked at once: in the first of them.
            if ((b != first && !link.top) || !m_boxExtents[std::size_t(link.box)].meets(r))
                continue;
            if (noAxisSeparates(box, m_boxes[std::size_t(link.box)]))
                return true;
        }
    }
    return false;
}

void TextBoard::addLine(const QLineF &line, int row)
{
    const Extent extent(QRectF(line.p1(), line.p2()).normalized().adjusted(-1, -1, 1, 1));
    const double height = extent.y1 - extent.y0;
    const std::size_t k = height < 64 ? 0 : std::size_t(std::ilogb(height / 32));
    if (k >= m_lineClasses.size())
        m_lineClasses.resize(k + 1);
    LineClass &c = m_lineClasses[k];
    c.tallest = std::max(c.tallest, height);
    // At the end but for an arrow that arrives before it leaves.
    const auto at = std::upper_bound(c.lines.begin(), c.lines.end(), extent.y0,
                                     [](double y, const Line &l) { return y < l.extent.y0; });
    const double dy = line.dy();
    c.lines.insert(at, Line{extent, line, row, std::abs(dy) >= 1 ? line.dx() / dy : 0.0});
}

bool TextBoard::Line::passesBeside(const Extent &r) const
{
    if (dxdy == 0)
        return false;
    const QPointF &a = line.p1();
    const double top = std::max(r.y0, std::min(a.y(), line.y2()));
    const double bottom = std::min(r.y1, std::max(a.y(), line.y2()));
    const double x0 = a.x() + (top - a.y()) * dxdy, x1 = a.x() + (bottom - a.y()) * dxdy;
    return std::max(x0, x1) < r.x0 - 1 || std::min(x0, x1) > r.x1 + 1;
}

int TextBoard::linesThrough(const QRectF &rect, const QPointF &origin, double cosA, double sinA,
                            const QRectF &bounds, int own, int limit) const
{
    const Extent r(bounds);
    int n = 0;
    for (const LineClass &c : m_lineClasses) {
        // A line whose top is further above than the class's tallest cannot reach down to
        // the rectangle (a pixel more: the sums round).
        auto it = std::lower_bound(c.lines.begin(), c.lines.end(), r.y0 - c.tallest - 1,
                                   [](const Line &l, double y) { return l.extent.y0 < y; });
        for (; it != c.lines.end() && it->extent.y0 < r.y1; ++it) {
            if (it->row == own || !it->extent.meets(r) || it->passesBeside(r) ||
                !lineThrough(it->line, origin, cosA, sinA, rect))
                continue;
            if (++n >= limit)
                return n;
        }
    }
    return n;
}
