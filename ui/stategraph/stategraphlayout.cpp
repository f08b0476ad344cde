#include "ui/stategraph/stategraphlayout.h"

#include <algorithm>
#include <cmath>
#include <vector>

using tcp::State;

namespace {
// The routes below are written on a 1000 x 915 grid; y is squeezed by kYScale so the graph is
// wider than tall, like the panes it is shown in.
constexpr double kYScale = 0.8;
constexpr double kNodeW = 150, kNodeH = 40 * kYScale;

QPointF squeeze(const QPointF &p)
{
    return QPointF(p.x(), p.y() * kYScale);
}

struct Centre {
    double x, y;
};
// tcp::State order, then CLOSED at the bottom.
constexpr Centre kCentres[StateGraphLayout::kNodeCount] = {
    {500, 40},  // CLOSED
    {500, 170}, // LISTEN
    {850, 300}, // SYN_SENT
    {150, 300}, // SYN_RECEIVED
    {500, 430}, // ESTABLISHED
    {150, 560}, // FIN_WAIT_1
    {150, 730}, // FIN_WAIT_2
    {850, 560}, // CLOSE_WAIT
    {500, 730}, // CLOSING
    {850, 730}, // LAST_ACK
    {500, 880}, // TIME_WAIT
    {850, 880}, // CLOSED (bottom)
};

enum Align {
    L = Qt::AlignLeft | Qt::AlignVCenter,
    R = Qt::AlignRight | Qt::AlignVCenter,
    Above = Qt::AlignHCenter | Qt::AlignBottom,
    Below = Qt::AlignHCenter | Qt::AlignTop
};

struct FixedRoute {
    State from, to;
    int toNode;
    QPointF anchor;
    int align;
    std::vector<QPointF> points;
};

// Hand-placed like the RFC's figure: each route runs from node border to node border, with its
// label beside it where no other line passes.
const std::vector<FixedRoute> &fixedRoutes()
{
    static const std::vector<FixedRoute> routes = {
        {State::Closed, State::Listen, 1, {470, 105}, R, {{480, 60}, {480, 150}}},
        {State::Listen, State::Closed, 0, {530, 105}, L, {{520, 150}, {520, 60}}},
        {State::Closed, State::SynSent, 2, {700, 52}, Below, {{575, 48}, {830, 48}, {830, 280}}},
        {State::SynSent, State::Closed, 0, {735, 26}, Above, {{890, 280}, {890, 30}, {575, 30}}},
        {State::Listen,
         State::SynReceived,
         3,
         {310, 184},
         Below,
         {{425, 180}, {190, 180}, {190, 280}}},
        {State::SynReceived,
         State::Listen,
         1,
         {270, 156},
         Above,
         {{110, 280}, {110, 160}, {425, 160}}},
        {State::Listen, State::SynSent, 2, {690, 184}, Below, {{575, 180}, {810, 180}, {810, 280}}},
        {State::SynSent, State::SynReceived, 3, {500, 296}, Above, {{775, 300}, {225, 300}}},
        {State::SynReceived,
         State::Established,
         4,
         {310, 421},
         Above,
         {{190, 320}, {190, 425}, {425, 425}}},
        {State::SynSent,
         State::Established,
         4,
         {690, 421},
         Above,
         {{810, 320}, {810, 425}, {575, 425}}},
        {State::SynReceived, State::FinWait1, 5, {100, 430}, R, {{110, 320}, {110, 540}}},
        {State::Established,
         State::FinWait1,
         5,
         {330, 548},
         Above,
         {{440, 450}, {440, 552}, {225, 552}}},
        {State::Established,
         State::CloseWait,
         7,
         {670, 548},
         Above,
         {{560, 450}, {560, 552}, {775, 552}}},
        {State::FinWait1, State::FinWait2, 6, {120, 645}, R, {{130, 580}, {130, 710}}},
        {State::FinWait1,
         State::Closing,
         8,
         {350, 574},
         Below,
         {{225, 570}, {480, 570}, {480, 710}}},
        {State::FinWait1, State::TimeWait, 10, {250, 640}, L, {{190, 580}, {425, 868}}},
        {State::FinWait2,
         State::TimeWait,
         10,
         {290, 884},
         Above,
         {{150, 750}, {150, 888}, {425, 888}}},
        {State::Closing, State::TimeWait, 10, {530, 805}, L, {{520, 750}, {520, 860}}},
        {State::CloseWait, State::LastAck, 9, {860, 645}, L, {{850, 580}, {850, 710}}},
        {State::LastAck,
         State::Closed,
         StateGraphLayout::kClosedBottom,
         {860, 805},
         L,
         {{850, 750}, {850, 860}}},
        {State::TimeWait,
         State::Closed,
         StateGraphLayout::kClosedBottom,
         {675, 876},
         Above,
         {{575, 880}, {775, 880}}},
    };
    return routes;
}

// Where a counterfactual protocol's diagram differs from the figure's. Its new edges get routes
// of their own, and some of TCP's labels move out of their way (a label's text may change
// too: "rcv SYN+ACK (two-way: no ACK)" is longer than TCP's). Each applies when every flag it
// names is set; the first that applies wins, before fixedRoutes().
struct VariantRoute {
    bool twoWay;     // the two-way handshake
    bool noTimeWait; // no TIME_WAIT: the closes end in CLOSED, drawn where TIME_WAIT is in TCP
    FixedRoute route;
};

const std::vector<VariantRoute> &variantRoutes()
{
    constexpr int closed = StateGraphLayout::kClosedBottom;
    constexpr int topLeft = Qt::AlignLeft | Qt::AlignTop;
    static const std::vector<VariantRoute> routes = {
        // Two-way: LISTEN straight down to ESTABLISHED, its long label on the left, where TCP's
        // LISTEN -> SYN_RECEIVED ran; the simultaneous open's label steps aside to the right.
        {true,
         false,
         {State::Listen, State::Established, 4, {490, 240}, R, {{500, 190}, {500, 410}}}},
        {true,
         false,
         {State::SynSent, State::SynReceived, 3, {665, 296}, Above, {{775, 300}, {225, 300}}}},
        {true,
         false,
         {State::SynSent,
          State::Established,
          4,
          {585, 431},
          topLeft,
          {{810, 320}, {810, 425}, {575, 425}}}},
        // No TIME_WAIT: the routes TCP takes to TIME_WAIT, now ending in CLOSED in its place;
        // LAST_ACK reaches it from the right.
        {false,
         true,
         {State::FinWait1, State::Closed, closed, {250, 640}, L, {{190, 580}, {425, 868}}}},
        {false,
         true,
         {State::FinWait2,
          State::Closed,
          closed,
          {290, 884},
          Above,
          {{150, 750}, {150, 888}, {425, 888}}}},
        {false,
         true,
         {State::Closing, State::Closed, closed, {530, 805}, L, {{520, 750}, {520, 860}}}},
        {false,
         true,
         {State::LastAck,
          State::Closed,
          closed,
          {860, 805},
          L,
          {{850, 750}, {850, 880}, {575, 880}}}},
    };
    return routes;
}

const FixedRoute *findRoute(State from, State to, tcp::DiagramVariant v)
{
    for (const VariantRoute &r : variantRoutes()) {
        if ((!r.twoWay || v.twoWayHandshake) && (!r.noTimeWait || !v.timeWait) &&
            r.route.from == from && r.route.to == to)
            return &r.route;
    }
    for (const FixedRoute &f : fixedRoutes()) {
        if (f.from == from && f.to == to)
            return &f;
    }
    return nullptr;
}
} // namespace

QRectF StateGraphLayout::canvas()
{
    return QRectF(-40, 0, 1070, 915 * kYScale); // room on the left for Chinese labels
}

QRectF StateGraphLayout::nodeRect(int node, tcp::DiagramVariant variant)
{
    // Without TIME_WAIT the closes end where TIME_WAIT would be.
    const int at = node == kClosedBottom && !variant.timeWait ? int(State::TimeWait) : node;
    const Centre c = kCentres[at];
    return QRectF(c.x - kNodeW / 2, c.y * kYScale - kNodeH / 2, kNodeW, kNodeH);
}

bool StateGraphLayout::nodeShown(int node, tcp::DiagramVariant variant)
{
    return variant.timeWait || node != int(State::TimeWait);
}

State StateGraphLayout::nodeState(int node)
{
    return node == kClosedBottom ? State::Closed : static_cast<State>(node);
}

namespace {
// Where the segment from the centre of r towards p leaves r.
QPointF borderPoint(const QRectF &r, const QPointF &towards)
{
    const QPointF c = r.center();
    const QPointF d = towards - c;
    if (d.x() == 0 && d.y() == 0)
        return c;
    const double sx = d.x() != 0 ? (r.width() / 2) / std::abs(d.x()) : 1e9;
    const double sy = d.y() != 0 ? (r.height() / 2) / std::abs(d.y()) : 1e9;
    return c + d * std::min(sx, sy);
}
} // namespace

StateGraphLayout::Route StateGraphLayout::route(State from, State to, tcp::DiagramVariant variant)
{
    Route r;
    if (const FixedRoute *f = findRoute(from, to, variant)) {
        for (const QPointF &p : f->points)
            r.points << squeeze(p);
        r.labelAnchor = squeeze(f->anchor);
        r.labelAlign = f->align;
        r.fromNode = static_cast<int>(from);
        r.toNode = f->toNode;
        return r;
    }
    // Outside the figure (a reset, an abort): a curve from node to node; to CLOSED means the
    // connection is gone, so it ends at the bottom CLOSED.
    r.outsideFigure = true;
    r.fromNode = static_cast<int>(from);
    r.toNode = to == State::Closed ? kClosedBottom : static_cast<int>(to);
    const QRectF a = nodeRect(r.fromNode, variant), b = nodeRect(r.toNode, variant);
    const QPointF p0 = borderPoint(a, b.center()), p1 = borderPoint(b, a.center());
    const QPointF mid = (p0 + p1) / 2;
    const QPointF d = p1 - p0;
    const double len = std::max(1.0, std::hypot(d.x(), d.y()));
    const QPointF normal(-d.y() / len, d.x() / len);
    const QPointF control = mid + normal * std::min(90.0, len / 4);
    for (int i = 0; i <= 16; ++i) {
        const double t = i / 16.0;
        r.points << (1 - t) * (1 - t) * p0 + 2 * (1 - t) * t * control + t * t * p1;
    }
    r.labelAnchor = pointAlong(r.points, 0.5) + normal * 8;
    r.labelAlign = Qt::AlignCenter;
    return r;
}

int StateGraphLayout::nodeFor(State state, int lastToNode)
{
    if (state == State::Closed && lastToNode == kClosedBottom)
        return kClosedBottom;
    return static_cast<int>(state);
}

QRectF StateGraphLayout::labelRect(const QPointF &anchor, int align, const QSizeF &size)
{
    QRectF r(QPointF(0, 0), size);
    if (align & Qt::AlignRight)
        r.moveRight(anchor.x());
    else if (align & Qt::AlignLeft)
        r.moveLeft(anchor.x());
    else
        r.moveLeft(anchor.x() - size.width() / 2);
    if (align & Qt::AlignBottom)
        r.moveBottom(anchor.y());
    else if (align & Qt::AlignTop)
        r.moveTop(anchor.y());
    else
        r.moveTop(anchor.y() - size.height() / 2);
    return r;
}

QTransform StateGraphLayout::fit(const QRectF &target)
{
    return fit(target, canvas());
}

QTransform StateGraphLayout::fit(const QRectF &target, const QRectF &c)
{
    const double s = std::min(target.width() / c.width(), target.height() / c.height());
    QTransform t;
    t.translate(target.center().x(), target.center().y());
    t.scale(s, s);
    t.translate(-c.center().x(), -c.center().y());
    return t;
}

QPointF StateGraphLayout::pointAlong(const QPolygonF &line, double f)
{
    double total = 0;
    for (int i = 1; i < line.size(); ++i)
        total += std::hypot(line[i].x() - line[i - 1].x(), line[i].y() - line[i - 1].y());
    return pointAtDistance(line, total * f);
}

QPointF StateGraphLayout::pointAtDistance(const QPolygonF &line, double want)
{
    if (line.isEmpty())
        return {};
    for (int i = 1; i < line.size(); ++i) {
        const double seg = std::hypot(line[i].x() - line[i - 1].x(), line[i].y() - line[i - 1].y());
        if (want <= seg && seg > 0)
            return line[i - 1] + (line[i] - line[i - 1]) * (want / seg);
        want -= seg;
    }
    return line.back();
}

int StateGraphLayout::nodeAt(const QPointF &logical, tcp::DiagramVariant variant)
{
    for (int n = 0; n < kNodeCount; ++n) {
        if (nodeShown(n, variant) && nodeRect(n, variant).contains(logical))
            return n;
    }
    return -1;
}
