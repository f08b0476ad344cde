#pragma once
// The geometry of the sequence diagram for one trace, with no painting (STYLE.md 6): where the
// lifelines are, where each event sits, the state bands and timer brackets, which rows a
// visible strip needs, and which event is under the mouse. Tested without a window.

#include "ui/sequence/timeaxis.h"

#include "model/endpointhistory.h"
#include "trace/trace.h"

#include <QCoreApplication>
#include <QFont>
#include <QLineF>
#include <QPointF>
#include <QPolygonF>
#include <QRectF>
#include <QString>

#include <string>
#include <utility>
#include <vector>

class TextBoard;

class SequenceScene {
    Q_DECLARE_TR_FUNCTIONS(SequenceScene)

public:
    struct Columns {
        double margin = 8;
        double callWidth = 150;  // application calls, outermost (layout() adapts it to the width)
        double stateWidth = 124; // state names, next to the band
        double bandWidth = 12;   // the state band on the lifeline
        double headerHeight = 52; // the lifelines' heads
        double bannerHeight = 28; // above them on a counterfactual run: "not TCP"
        double topPad = 22;
        double bottomPad = 36;
    };
    struct Band {
        qint64 t0 = 0, t1 = 0; // t1: the next change, or the end of the run
        tcp::State state = tcp::State::Closed;
        tcplab::StateSource source = tcplab::StateSource::Simulated;
        int row = -1;       // the state event that began it (-1: the initial CLOSED)
    };
    struct Bracket {
        Side side = Side::Client;
        qint64 t0 = 0, t1 = 0;
        tcp::Timer timer = tcp::Timer::TimeWait;
        bool fired = false; // ended by expiry (else: cancelled, or still armed)
        int row = -1;       // the "armed" event
        bool restarted = false; // ended by a re-arm (TIME_WAIT re-ACKing a retransmitted FIN)
    };

    // Every text the diagram draws, where it is drawn: the renderer paints these and nothing
    // else, so a test of the texts is a test of the picture.
    enum class TextKind { Title, Segment, Call, State, Note, Timer, Break };
    struct Text {
        TextKind kind = TextKind::Segment;
        int index = -1;      // the row (segment, call, state, note), bracket (timer) or break
        QString text;        // as drawn
        QRectF rect;         // the text's box, in its frame: moved to origin, turned by angle
        QPointF origin;
        double angle = 0;    // degrees; a segment's label follows its arrow
        int flags = Qt::AlignCenter; // drawText's alignment in rect
        bool bold = false;
        QPolygonF shape() const; // the box in scene coordinates
    };
    // What the texts are drawn with (the renderer's fonts: they are measured here).
    static QFont font(TextKind kind, bool bold = false);

    // The narrowest width the diagram is laid out at: narrower, there is no room for the
    // labels between the lifelines; the window and the exports draw it smaller instead.
    static constexpr double kMinWidth = 860;

    void setTrace(const tcplab::Trace *trace);
    // Sequence numbers as on the wire in the segments' labels (what the renderer's option says).
    void setAbsoluteNumbers(bool absolute) { m_absolute = absolute; }
    // zoom multiplies the default scale (a typical flight is 60 px long at zoom 1).
    void setColumns(const Columns &columns) { m_columns = columns; }
    void layout(double width, double zoom, bool rows);

    const tcplab::Trace *trace() const { return m_trace; }
    // The run is not TCP (a counterfactual note): the header has a banner saying so.
    bool counterfactual() const { return m_counterfactual; }
    int rowCount() const { return m_trace ? int(m_trace->events.size()) : 0; }
    const tcplab::Event &event(int row) const { return m_trace->events[std::size_t(row)]; }

    // ---- geometry (after layout) ----
    double width() const { return m_width; }
    double height() const; // header, body and bottom padding
    const Columns &columns() const { return m_columns; }
    const TimeAxis &axis() const { return m_axis; }
    // The header that stays at the top: the banner, if any, the title's strip, when the title
    // does not fit between the heads, and the lifelines' heads.
    double headerHeight() const { return bannerHeight() + m_titleStrip + m_columns.headerHeight; }
    double bannerHeight() const { return m_counterfactual ? m_columns.bannerHeight : 0.0; }
    double titleStripHeight() const { return m_titleStrip; }
    // At most this many lines of title in the strip, the last elided (0: all of it). The window
    // sets it and shows the whole title as a tooltip (titleElided()); exports keep it whole.
    void setTitleLines(int lines) { m_titleLines = lines; }
    bool titleElided() const { return m_titleElided; }
    double top() const { return headerHeight() + m_columns.topPad; }
    double y(qint64 t) const { return top() + m_axis.y(t); }
    qint64 time(double y) const { return m_axis.time(y - top()); }
    double lifelineX(Side side) const { return side == Side::Client ? m_clientX : m_serverX; }
    double lifelineX(tcplab::EndpointId ep) const;
    // +1 towards the outside of a lifeline (server: right), -1 for the client.
    static double outward(Side side) { return side == Side::Client ? -1.0 : 1.0; }
    // From the sender's band edge to the receiver's; a dropped segment ends half-way.
    QLineF segmentLine(int row) const;
    // Where a dropped segment would have arrived: the typical flight time.
    qint64 flightTime() const { return m_flight; }
    // How many earlier rows of the same kind and side share this row's instant (to stack labels).
    int stackIndex(int row) const { return m_stack[std::size_t(row)]; }

    // ---- text (after layout) ----
    const std::vector<Text> &texts() const { return m_texts; }
    // The text of a row (segment, call, state or note), of a bracket or of a break; nullptr if
    // it has none (a bracket too short for its label).
    const Text *rowText(int row) const { return textAt(m_rowText, row); }
    const Text *bracketText(int bracket) const { return textAt(m_bracketText, bracket); }
    const Text *breakText(int index) const { return textAt(m_breakText, index); }
    const Text *titleText() const
    {
        return m_titleText < 0 ? nullptr : &m_texts[std::size_t(m_titleText)];
    }
    // A call's dotted line, from its side's band to the call's dot.
    QLineF callLeader(int row) const;
    // How far beyond its row's instants (from the send to the arrival, for a segment) a text
    // may reach: what the painter adds to the strip it asks rowsIn() for.
    double textReach() const { return m_textReach; }

    // Rows that can intersect the strip [y0, y1]: [first, last).
    std::pair<int, int> rowsIn(double y0, double y1) const;
    // Whether anything a row draws (its arrow or call, its text) reaches into the strip
    // [y0, y1]: of the rows rowsIn() gives, those worth painting (a label placed far from
    // its instant widens what rowsIn() must give for all).
    bool rowReaches(int row, double y0, double y1) const;
    // The event drawn at p (an arrow, a call label, a state change, a note), or -1.
    int hitTest(const QPointF &p, double tolerance = 6.0) const;

    const std::vector<Band> &bands(Side side) const { return m_bands[std::size_t(side)]; }
    const std::vector<Bracket> &brackets() const { return m_brackets; }
    // A timer bracket's vertical line, just outside its side's state band; its label is outward
    // of it, in the state-name column.
    double bracketX(const Bracket &b) const;
    // The bracket drawn at p (its line or its label's column), as an index into brackets(), or -1.
    int bracketAt(const QPointF &p) const;
    qint64 endTime() const { return m_end; }

private:
    static constexpr double kLine = 16;       // a line of labels
    static constexpr double kNoteHeight = 18; // a note's box
    static constexpr double kNoteGap = 3;     // between notes, and above their instant

    void collect();
    void layoutTitle();
    void placeTexts();
    void placeSegmentLabels(TextBoard &board);
    void spanRow(int row, double y0, double y1); // the row draws between y0 and y1 too
    int addText(Text text);
    const Text *textAt(const std::vector<int> &index, int i) const
    {
        const int t = i >= 0 && std::size_t(i) < index.size() ? index[std::size_t(i)] : -1;
        return t < 0 ? nullptr : &m_texts[std::size_t(t)];
    }

    const tcplab::Trace *m_trace = nullptr;
    std::vector<qint64> m_knots; // every instant something happens
    std::array<std::vector<Band>, kSideCount> m_bands;
    std::vector<Bracket> m_brackets;
    std::vector<int> m_stack;
    std::vector<int> m_stackSize;            // how many share the row's stack
    std::vector<TimeAxis::Room> m_rooms;     // what each instant's labels need
    std::vector<double> m_leaderStop;        // a call's dotted line ends here (x), by row
    std::vector<int> m_unplaced;             // segments whose label found no free place
    std::vector<std::pair<double, double>> m_rowSpan; // from top to bottom, what a row draws
    qint64 m_flight = 5'000;
    qint64 m_maxSpan = 0; // the longest flight or blocking call
    qint64 m_end = 0;
    bool m_counterfactual = false;

    bool m_absolute = false;
    std::vector<Text> m_texts;
    std::vector<int> m_rowText, m_bracketText, m_breakText;
    int m_titleText = -1;
    int m_titleLines = 0;
    bool m_titleElided = false;
    double m_titleStrip = 0;
    QString m_titleShown;
    QRectF m_titleRect;
    double m_textReach = 0;

    Columns m_columns;
    TimeAxis m_axis;
    double m_width = 0, m_clientX = 0, m_serverX = 0;
};
