#include "ui/common/geometry.h"

#include <algorithm>

bool segmentCrossesRect(const QPointF &a, const QPointF &b, const QRectF &r)
{
    // Both ends on or beyond one edge: outside, as the clipping below finds, without dividing
    // (most segments a label placement asks about only pass near).
    if ((a.x() <= r.left() && b.x() <= r.left()) || (a.x() >= r.right() && b.x() >= r.right()) ||
        (a.y() <= r.top() && b.y() <= r.top()) || (a.y() >= r.bottom() && b.y() >= r.bottom()))
        return false;
    double t0 = 0, t1 = 1;
    const double dx = b.x() - a.x(), dy = b.y() - a.y();
    const double p[4] = {-dx, dx, -dy, dy};
    const double q[4] = {a.x() - r.left(), r.right() - a.x(), a.y() - r.top(), r.bottom() - a.y()};
    for (int i = 0; i < 4; ++i) {
        if (p[i] == 0) {
            if (q[i] <= 0)
                return false;
            continue;
        }
        const double t = q[i] / p[i];
        if (p[i] < 0)
            t0 = std::max(t0, t);
        else
            t1 = std::min(t1, t);
        if (t0 >= t1)
            return false;
    }
    return true;
}
