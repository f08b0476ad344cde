// StateGraphLayout::place(): routes for the edges a run adds to the figure, and every edge's
// label where it overlaps nothing (stategraphlayout.cpp has the figure itself).
#include "ui/stategraph/stategraphlayout.h"

#include "ui/common/geometry.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <vector>

namespace {

using Route = StateGraphLayout::Route;

bool lineCrossesRect(const QPolygonF &line, const QRectF &r)
{
    for (int i = 1; i < line.size(); ++i) {
        if (segmentCrossesRect(line[i - 1], line[i], r))
            return true;
    }
    return false;
}

double cross(const QPointF &o, const QPointF &a, const QPointF &b)
{
    return (a.x() - o.x()) * (b.y() - o.y()) - (a.y() - o.y()) * (b.x() - o.x());
}

// Proper crossings of two polylines (touching at an end does not count: edges meet at boxes).
int crossings(const QPolygonF &a, const QPolygonF &b)
{
    int n = 0;
    for (int i = 1; i < a.size(); ++i) {
        for (int j = 1; j < b.size(); ++j) {
            const double d1 = cross(b[j - 1], b[j], a[i - 1]);
            const double d2 = cross(b[j - 1], b[j], a[i]);
            const double d3 = cross(a[i - 1], a[i], b[j - 1]);
            const double d4 = cross(a[i - 1], a[i], b[j]);
            if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) &&
                ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)))
                ++n;
        }
    }
    return n;
}

double length(const QPolygonF &line)
{
    double total = 0;
    for (int i = 1; i < line.size(); ++i)
        total += std::hypot(line[i].x() - line[i - 1].x(), line[i].y() - line[i - 1].y());
    return total;
}

// Where the segment from the centre of r towards p leaves r.
QPointF exitPoint(const QRectF &r, const QPointF &towards)
{
    const QPointF c = r.center();
    const QPointF d = towards - c;
    if (d.x() == 0 && d.y() == 0)
        return c;
    const double sx = d.x() != 0 ? (r.width() / 2) / std::abs(d.x()) : 1e9;
    const double sy = d.y() != 0 ? (r.height() / 2) / std::abs(d.y()) : 1e9;
    return c + d * std::min(sx, sy);
}

// A candidate route for an edge outside the figure, with what it costs to draw it there.
struct Candidate {
    QPolygonF points;
    double cost = 0;
};

// What the labels and the routes placed so far occupy.
class Board {
public:
    Board(tcp::DiagramVariant variant, const std::vector<QRectF> &reserved)
        : m_reserved(reserved)
    {
        for (int n = 0; n < StateGraphLayout::kNodeCount; ++n) {
            if (StateGraphLayout::nodeShown(n, variant))
                m_boxes.push_back({n, StateGraphLayout::nodeRect(n, variant)});
        }
    }

    QRectF canvas = StateGraphLayout::canvas();
    std::vector<QPolygonF> lines;  // every route drawn so far
    std::vector<QRectF> labels;    // every label placed so far

    // A label box there covers no box, no reserved area and no other label, inside the canvas.
    bool free(const QRectF &r, const QRectF &area) const
    {
        if (!area.contains(r))
            return false;
        for (const auto &[node, box] : m_boxes) {
            if (r.intersects(box.adjusted(-2, -2, 2, 2)))
                return false;
        }
        for (const QRectF &q : m_reserved) {
            if (r.intersects(q))
                return false;
        }
        for (const QRectF &q : labels) {
            if (r.intersects(q.adjusted(-1, -1, 1, 1)))
                return false;
        }
        return true;
    }
    // How many drawn lines run through a label box there.
    int linesThrough(const QRectF &r) const
    {
        int n = 0;
        const QRectF inner = r.adjusted(1, 1, -1, -1);
        for (const QPolygonF &l : lines) {
            if (lineCrossesRect(l, inner))
                ++n;
        }
        return n;
    }
    // A route there runs through no box but its own two ends'.
    bool clearOfBoxes(const QPolygonF &line, int from, int to) const
    {
        for (const auto &[node, box] : m_boxes) {
            if (node == from || node == to)
                continue;
            if (lineCrossesRect(line, box.adjusted(-9, -9, 9, 9)))
                return false;
        }
        // Leaving its own boxes, it does not run back through them.
        for (const auto &[node, box] : m_boxes) {
            if (node != from && node != to)
                continue;
            QPolygonF inner = line;
            if (inner.size() > 2) {
                inner.removeFirst();
                inner.removeLast();
                if (lineCrossesRect(inner, box.adjusted(2, 2, -2, -2)))
                    return false;
            }
        }
        return true;
    }
    // The last stretch of a route, where its arrowhead is, under a tag or a label.
    bool arrowHidden(const QPolygonF &line) const
    {
        const double total = length(line);
        const QPolygonF head{StateGraphLayout::pointAtDistance(line, std::max(0.0, total - 14)),
                             line.back()};
        for (const QRectF &q : m_reserved) {
            if (lineCrossesRect(head, q))
                return true;
        }
        for (const QRectF &q : labels) {
            if (lineCrossesRect(head, q))
                return true;
        }
        return false;
    }
    int labelsCrossed(const QPolygonF &line) const
    {
        int n = 0;
        for (const QRectF &q : labels) {
            if (lineCrossesRect(line, q))
                ++n;
        }
        for (const QRectF &q : m_reserved) {
            if (lineCrossesRect(line, q))
                ++n;
        }
        return n;
    }
    int linesCrossed(const QPolygonF &line) const
    {
        int n = 0;
        for (const QPolygonF &l : lines)
            n += crossings(line, l);
        return n;
    }
    // Closer than 10 units to another line's end on the same box: the arrows would merge.
    bool crowdsAnEnd(const QPolygonF &line) const
    {
        for (const QPolygonF &l : lines) {
            for (const QPointF &end : {l.front(), l.back()}) {
                for (const QPointF &mine : {line.front(), line.back()}) {
                    if (std::hypot(end.x() - mine.x(), end.y() - mine.y()) < 10)
                        return true;
                }
            }
        }
        return false;
    }

private:
    std::vector<std::pair<int, QRectF>> m_boxes;
    std::vector<QRectF> m_reserved;
};

struct Spot {
    QRectF rect;
    double cost = 1e18;
    bool found = false;
};

// The best free place for a label of size beside line: near its middle, beside it rather than
// on it, crossed by as few other lines as can be.
Spot spotAlong(const Board &board, const QPolygonF &line, const QSizeF &size, const QRectF &area)
{
    constexpr double fractions[] = {0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82, 0.1, 0.9};
    constexpr int kTopLeft = Qt::AlignLeft | Qt::AlignTop;
    constexpr int kTopRight = Qt::AlignRight | Qt::AlignTop;
    constexpr int kBottomLeft = Qt::AlignLeft | Qt::AlignBottom;
    constexpr int kBottomRight = Qt::AlignRight | Qt::AlignBottom;
    constexpr int kAbove = Qt::AlignHCenter | Qt::AlignBottom;
    constexpr int kBelow = Qt::AlignHCenter | Qt::AlignTop;
    constexpr int kLeftOf = Qt::AlignRight | Qt::AlignVCenter;
    constexpr int kRightOf = Qt::AlignLeft | Qt::AlignVCenter;
    const double total = length(line);
    Spot best;
    for (std::size_t i = 0; i < std::size(fractions); ++i) {
        const double at = total * fractions[i];
        const QPointF p = StateGraphLayout::pointAtDistance(line, at);
        const QPointF q = StateGraphLayout::pointAtDistance(line, std::min(total, at + 4));
        const QPointF o = StateGraphLayout::pointAtDistance(line, std::max(0.0, at - 4));
        const double dx = q.x() - o.x(), dy = q.y() - o.y();
        std::vector<std::pair<QPointF, int>> sides;
        if (std::abs(dy) < 0.3 * std::abs(dx)) { // horizontal
            sides = {{p + QPointF(0, -3), kAbove}, {p + QPointF(0, 3), kBelow}};
        } else if (std::abs(dx) < 0.3 * std::abs(dy)) { // vertical
            sides = {{p + QPointF(5, 0), kRightOf}, {p + QPointF(-5, 0), kLeftOf}};
        } else if ((dx > 0) == (dy > 0)) { // falling to the right: above-right, below-left
            sides = {{p + QPointF(4, -4), kBottomLeft}, {p + QPointF(-4, 4), kTopRight}};
        } else { // rising to the right: below-right, above-left
            sides = {{p + QPointF(4, 4), kTopLeft}, {p + QPointF(-4, -4), kBottomRight}};
        }
        for (std::size_t s = 0; s < sides.size(); ++s) {
            const QRectF r = StateGraphLayout::labelRect(sides[s].first, sides[s].second, size);
            if (!board.free(r, area))
                continue;
            // Its own line running through it hides the text as much as another's.
            const bool crossesOwn = lineCrossesRect(line, r.adjusted(1, 1, -1, -1));
            const double cost = double(i) * 0.6 + double(s) * 0.25 +
                                8.0 * (board.linesThrough(r) + (crossesOwn ? 1 : 0));
            if (cost < best.cost)
                best = {r, cost, true};
        }
    }
    return best;
}

// A line meets a box's top near its middle: the client's and the server's tags stand above the
// corners, and would hide an arrowhead.
QPointF clearOfTags(const QRectF &box, const QPointF &p)
{
    if (std::abs(p.y() - box.top()) > 0.5)
        return p;
    const double dx = std::clamp(p.x() - box.center().x(), -12.0, 12.0);
    return QPointF(box.center().x() + dx, p.y());
}

QPolygonF quadratic(const QPointF &p0, const QPointF &control, const QPointF &p1)
{
    QPolygonF points;
    for (int i = 0; i <= 20; ++i) {
        const double t = i / 20.0;
        points << (1 - t) * (1 - t) * p0 + 2 * (1 - t) * t * control + t * t * p1;
    }
    return points;
}

// Ways to draw an edge the figure has not: straight or bowed curves between the two boxes, and
// right-angled routes around the figure (below it, or beside its left or right column).
std::vector<Candidate> candidateRoutes(const QRectF &a, const QRectF &b, const QRectF &grid)
{
    std::vector<Candidate> out;
    const QPointF ca = a.center(), cb = b.center();
    const QPointF d = cb - ca;
    const double len = std::max(1.0, std::hypot(d.x(), d.y()));
    const QPointF normal(-d.y() / len, d.x() / len);
    for (const double k :
         {0.0, 40.0, -40.0, 80.0, -80.0, 130.0, -130.0, 190.0, -190.0, 260.0, -260.0}) {
        const QPointF control = (ca + cb) / 2 + normal * k;
        const QPointF p0 = clearOfTags(a, exitPoint(a, k == 0 ? cb : control));
        const QPointF p1 = clearOfTags(b, exitPoint(b, k == 0 ? ca : control));
        QPolygonF line = k == 0 ? QPolygonF{p0, p1} : quadratic(p0, control, p1);
        out.push_back({line, std::abs(k) * 0.01});
    }
    // Curves that leave a side of a and reach a side of b square to it, like a hand-drawn
    // arrow. A box's top only near its middle: the tags stand above its corners.
    struct Port {
        QPointF at, out;
    };
    auto ports = [](const QRectF &r) {
        const QPointF c = r.center();
        std::vector<Port> list;
        for (const double o : {-10.0, 10.0})
            list.push_back({{c.x() + o, r.top()}, {0, -1}});
        for (const double o : {-40.0, 0.0, 40.0})
            list.push_back({{c.x() + o, r.bottom()}, {0, 1}});
        for (const double o : {-12.0, 0.0, 12.0}) {
            list.push_back({{r.left(), c.y() + o}, {-1, 0}});
            list.push_back({{r.right(), c.y() + o}, {1, 0}});
        }
        return list;
    };
    for (const Port &pa : ports(a))
        for (const Port &pb : ports(b)) {
            const QPointF gap = pb.at - pa.at;
            const double dist = std::hypot(gap.x(), gap.y());
            // Leaving away from b, or arriving from behind b, makes a loop: skip those.
            if (pa.out.x() * gap.x() + pa.out.y() * gap.y() < -0.2 * dist ||
                pb.out.x() * gap.x() + pb.out.y() * gap.y() > 0.2 * dist)
                continue;
            for (const double s : {std::max(30.0, dist * 0.4), 40.0}) {
                const QPointF c1 = pa.at + pa.out * s, c2 = pb.at + pb.out * s;
                QPolygonF line;
                for (int i = 0; i <= 24; ++i) {
                    const double t = i / 24.0, u = 1 - t;
                    line << u * u * u * pa.at + 3 * u * u * t * c1 + 3 * u * t * t * c2 +
                                t * t * t * pb.at;
                }
                out.push_back({line, 1.0});
            }
        }
    // Below the figure: down from a's bottom, along, up into b's bottom.
    const double below = grid.bottom() + 40;
    const double right = grid.right() + 60, left = grid.left() - 40;
    for (const double oa : {-45.0, 45.0, -22.0, 22.0})
        for (const double ob : {45.0, -45.0, 22.0, -22.0}) {
            const double xa = ca.x() + oa, xb = cb.x() + ob;
            out.push_back({QPolygonF{{xa, a.bottom()}, {xa, below}, {xb, below}, {xb, b.bottom()}},
                           24});
        }
    for (const double oa : {-8.0, 8.0})
        for (const double ob : {8.0, -8.0}) {
            const double ya = ca.y() + oa, yb = cb.y() + ob;
            out.push_back(
                {QPolygonF{{a.right(), ya}, {right, ya}, {right, yb}, {b.right(), yb}}, 20});
            out.push_back({QPolygonF{{a.left(), ya}, {left, ya}, {left, yb}, {b.left(), yb}}, 20});
        }
    return out;
}

} // namespace

StateGraphLayout::Placement StateGraphLayout::place(const std::vector<EdgeLabel> &edges,
                                                    tcp::DiagramVariant variant,
                                                    const std::vector<QRectF> &reserved)
{
    Placement out;
    out.routes.resize(edges.size());
    out.labels.resize(edges.size());
    Board board(variant, reserved);
    QRectF grid;
    for (int n = 0; n < kNodeCount; ++n) {
        if (nodeShown(n, variant))
            grid |= nodeRect(n, variant);
    }
    // The figure's routes first: they are drawn whatever else there is.
    std::vector<std::size_t> extra;
    for (std::size_t i = 0; i < edges.size(); ++i) {
        out.routes[i] = route(edges[i].from, edges[i].to, variant);
        if (out.routes[i].outsideFigure)
            extra.push_back(i);
        else
            board.lines.push_back(out.routes[i].points);
    }
    // Their labels where the figure has them, or, where that overlaps something, along the route.
    for (std::size_t i = 0; i < edges.size(); ++i) {
        const Route &r = out.routes[i];
        if (r.outsideFigure)
            continue;
        QRectF rect = labelRect(r.labelAnchor, r.labelAlign, edges[i].labelSize);
        if (!board.free(rect, board.canvas)) {
            const Spot spot = spotAlong(board, r.points, edges[i].labelSize, board.canvas);
            if (spot.found)
                rect = spot.rect;
        }
        out.labels[i] = rect;
        board.labels.push_back(rect);
    }
    // The run's own edges: the cheapest route that crosses no box and has room for its label.
    for (const std::size_t i : extra) {
        Route &r = out.routes[i];
        const QRectF a = nodeRect(r.fromNode, variant), b = nodeRect(r.toNode, variant);
        const QSizeF size = edges[i].labelSize;
        double bestCost = 1e18, clearCost = 1e18;
        QPolygonF bestLine = r.points;
        QRectF bestLabel;
        for (Candidate &c : candidateRoutes(a, b, grid)) {
            if (!board.clearOfBoxes(c.points, r.fromNode, r.toNode) ||
                board.arrowHidden(c.points))
                continue;
            // Below the figure, the canvas grows to take the route and its label; nowhere else.
            const QRectF area = board.canvas | c.points.boundingRect().adjusted(-10, 0, 10, 30);
            if (area.left() < board.canvas.left() || area.right() > board.canvas.right() ||
                area.top() < board.canvas.top())
                continue;
            // Growing the canvas shrinks everything else on screen.
            const double growth = std::max(0.0, area.bottom() - board.canvas.bottom());
            double cost = c.cost + 0.3 * growth + 0.002 * length(c.points) +
                          8.0 * board.linesCrossed(c.points) +
                          30.0 * board.labelsCrossed(c.points) +
                          (board.crowdsAnEnd(c.points) ? 15 : 0);
            if (bestLabel.isNull() && cost < clearCost) {
                // No room for a label yet: at least a route that runs through no box.
                clearCost = cost;
                bestLine = c.points;
            }
            if (cost >= bestCost)
                continue;
            const Spot spot = spotAlong(board, c.points, size, area);
            if (!spot.found)
                continue;
            cost += spot.cost;
            if (cost < bestCost) {
                bestCost = cost;
                bestLine = c.points;
                bestLabel = spot.rect;
            }
        }
        r.points = bestLine;
        if (bestLabel.isNull()) // nowhere free: on the line's middle (the tests say so)
            bestLabel = labelRect(pointAlong(bestLine, 0.5), Qt::AlignCenter, size);
        r.labelAnchor = bestLabel.center();
        r.labelAlign = Qt::AlignCenter;
        out.labels[i] = bestLabel;
        board.lines.push_back(bestLine);
        board.labels.push_back(bestLabel);
        board.canvas |= bestLine.boundingRect().adjusted(-10, -10, 10, 10);
        board.canvas |= bestLabel.adjusted(-6, -6, 6, 6);
    }
    out.canvas = board.canvas;
    return out;
}
