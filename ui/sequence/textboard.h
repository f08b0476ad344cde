#pragma once
// What the sequence diagram's texts placed so far cover, with its arrows and dotted lines: the
// label placement (SequenceScene) asks whether a place is free and how many arrows run through
// it. A box is a rectangle turned by an angle (a segment's label follows its arrow). Boxes and
// arrows are found by the 32 px bands of y they cover, so that a run of hundreds of thousands
// of events is placed in linear time.

#include <QLineF>
#include <QPointF>
#include <QRectF>

#include <array>
#include <utility>
#include <vector>

class TextBoard {
public:
    // A rectangle turned by the angle (cosA, sinA) about origin, its corners in scene
    // coordinates; what the separating-axis test needs, with no allocation.
    struct Box {
        std::array<QPointF, 4> corner;
        std::array<QPointF, 2> axis; // unit vectors along its sides
        QRectF bounds;

        Box() = default;
        explicit Box(const QRectF &rect, const QPointF &origin = {}, double cosA = 1,
                     double sinA = 0);
    };

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
    // Values found by the bands of y their bounds cover.
    template <typename T> class Bands {
    public:
        void add(const QRectF &bounds, T value);
        // Calls f(value) for each value whose bounds meet r; stops when f returns true.
        template <typename F> bool any(const QRectF &r, F f) const;

    private:
        static int band(double y);
        std::vector<T> m_values;
        std::vector<QRectF> m_bounds;
        std::vector<std::vector<int>> m_bands;
    };

    Bands<Box> m_boxes;
    Bands<std::pair<QLineF, int>> m_lines;
};
