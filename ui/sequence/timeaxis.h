#pragma once
// Time <-> pixel mapping of the sequence diagram (STYLE.md 6: view arithmetic outside paint
// code). A piecewise-linear map through the instants at which something happens ("knots"):
//  - time mode: distance proportional to elapsed time, but never closer than minStepPx (labels
//    stay readable) and, for a long idle gap (60 s of TIME_WAIT, a 1 s RTO), a fixed breakPx
//    marked as a break, so time gaps never make the diagram useless;
//  - rows mode: one row of rowPx per instant, whatever the time between them.

#include <QtGlobal>

#include <vector>

class TimeAxis {
public:
    struct Params {
        double pxPerUs = 0.012; // time mode scale (60 px for a 5 ms flight)
        double minStepPx = 18;  // distinct instants are at least this far apart
        double maxGapPx = 200;  // gaps longer than this on screen are compressed...
        double breakPx = 48;    // ...to this, with a break mark
        double rowPx = 34;      // rows mode
        bool rows = false;
        double headroom = 0;    // room there already is above the first instant
        double markedAbove = 0; // room above each marked instant (setKnots())
    };
    // Room the labels of an instant need above and below it: consecutive instants are at
    // least the one's below plus the other's above apart (a break's strip between them too).
    struct Room {
        qint64 t = 0;
        double above = 0, below = 0;
    };
    struct Break {
        qint64 t0 = 0, t1 = 0; // the idle gap
        double y0 = 0, y1 = 0; // where it is drawn
    };

    // times need not be sorted or unique; nor need rooms (the largest for an instant counts).
    void build(std::vector<qint64> times, const Params &params,
               const std::vector<Room> &rooms = {});
    // The same in two steps, for a diagram laid out again and again (a zoom, a resize): the
    // instants, sorted and each once, are kept; layout() places them.
    // marked (as many as the times, or none): the instants that get params.markedAbove.
    void setKnots(std::vector<qint64> sortedUniqueTimes, std::vector<bool> marked = {});
    void layout(const Params &params, std::vector<Room> rooms = {});

    bool empty() const { return m_t.empty(); }
    double y(qint64 t) const;    // clamped to the first and last instants' outside the knots
    qint64 time(double y) const; // the inverse
    double length() const { return m_y.empty() ? 0.0 : m_y.back(); }
    const std::vector<Break> &breaks() const { return m_breaks; }
    const std::vector<qint64> &knots() const { return m_t; }
    bool marked(qint64 t) const; // an instant setKnots() marked
    const Params &params() const { return m_params; }

private:
    Params m_params;
    std::vector<qint64> m_t;
    std::vector<bool> m_marked;
    std::vector<double> m_y;
    std::vector<Break> m_breaks;
};
