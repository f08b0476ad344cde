#pragma once
// What the sequence diagram's texts placed so far cover, with its arrows and dotted lines: the
// label placement (SequenceScene) asks whether a place is free and how many arrows run through
// it. A box is a rectangle turned by an angle (a segment's label follows its arrow). A run of
// a hundred thousand events asks some five million times: each question looks only at the
// boxes and arrows near it in y, and allocates nothing.

#include <QLineF>
#include <QPointF>
#include <QRectF>

#include <algorithm>
#include <array>
#include <vector>

class TextBoard {
public:
    // Where a box lies along an axis: its corners' least and greatest projections.
    struct Span {
        double min, max;
    };
    // A rectangle turned by the angle (cosA, sinA) about origin, its corners in scene
    // coordinates; what the separating-axis test needs, with no allocation.
    struct Box {
        std::array<QPointF, 4> corner;
        std::array<QPointF, 2> axis; // unit vectors along its sides
        std::array<Span, 2> span;    // along each of them
        QRectF bounds;

        Box() = default;
        explicit Box(const QRectF &rect, const QPointF &origin = {}, double cosA = 1,
                     double sinA = 0);
        Span project(const QPointF &ax) const
        {
            Span s{1e18, -1e18};
            for (const QPointF &v : corner) {
                const double d = v.x() * ax.x() + v.y() * ax.y();
                s.min = std::min(s.min, d);
                s.max = std::max(s.max, d);
            }
            return s;
        }
    };

    // A board for the stretch of a diagram below top (a section of a long run's labels placed
    // on its own): its bands start there. Nothing needs to lie below it; what does is listed
    // in the first band.
    explicit TextBoard(double top = 0)
        : m_top(top)
    {
    }
    // Room for this many boxes, so that a long run's are not copied as they come (touching
    // fresh memory is much of what laying out a long run costs).
    void reserve(std::size_t boxes);
    void add(const Box &box);
    // Whether a box overlaps, by more than half a pixel, any box added.
    bool hits(const Box &box) const;
    void addLine(const QLineF &line, int row);
    // How many lines added, but the one of row own, run through the rectangle rect turned by
    // (cosA, sinA) about origin (its bounds: where to look); counting stops at limit.
    int linesThrough(const QRectF &rect, const QPointF &origin, double cosA, double sinA,
                     const QRectF &bounds, int own, int limit) const;

    static bool overlap(const Box &a, const Box &b);

private:
    // The separating-axis test of overlap(), for boxes whose bounds meet.
    static bool noAxisSeparates(const Box &a, const Box &b);

    // Bounds as QRectF::intersects() takes them (left, top, right, bottom), unpacked once.
    struct Extent {
        double x0, y0, x1, y1;
        explicit Extent(const QRectF &r);
        // QRectF::intersects(): an empty rectangle meets nothing; touching is not meeting.
        bool meets(const Extent &o) const
        {
            return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1 && x0 != x1 && y0 != y1 &&
                   o.x0 != o.x1 && o.y0 != o.y1;
        }
    };

    // Boxes come and are asked about in turns, in no order of y: each is listed in every
    // 32 px band of y its bounds cover. The bands' lists are linked through one array, so a
    // long run's hundred thousand bands cost no allocation each.
    struct Link {
        int box;
        int next;    // the band's next link, -1: the last
        bool top;    // the box's first band: where a question that spans bands counts it
    };
    int band(double y) const;
    double m_top = 0;
    std::vector<Box> m_boxes;
    std::vector<Extent> m_boxExtents;
    std::vector<Link> m_links;
    std::vector<int> m_bandHead; // by band: its first link, -1: none

    // Lines are long (an arrow spans dozens of bands) and come in order of y: each class of
    // height (the tallest at most twice the shortest) keeps them sorted by top, so the lines
    // that may meet a rectangle are one short run of each class.
    struct Line {
        Extent extent;
        QLineF line;
        int row;
        double dxdy; // x per y along it; 0: level (no help in telling where it is at a y)
        // Whether it stays left or right of r where it is at r's heights: a long slanting
        // arrow's bounds meet many places it passes far from. A pixel of slack: rounding.
        bool passesBeside(const Extent &r) const;
    };
    struct LineClass {
        std::vector<Line> lines;
        double tallest = 0;
    };
    std::vector<LineClass> m_lineClasses;
};
