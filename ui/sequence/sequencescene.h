#pragma once
// The geometry of the sequence diagram for one trace, with no painting (STYLE.md 6): where the
// lifelines are, where each event sits, the state bands and timer brackets, which rows a
// visible strip needs, and which event is under the mouse. Tested without a window.

#include "ui/sequence/textboard.h"
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

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

class TextWidths;

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

    SequenceScene();
    ~SequenceScene();
    SequenceScene(const SequenceScene &) = delete;
    SequenceScene &operator=(const SequenceScene &) = delete;

    void setTrace(const tcplab::Trace *trace);
    // Sequence numbers as on the wire in the segments' labels (what the renderer's option says).
    void setAbsoluteNumbers(bool absolute) { m_absolute = absolute; }
    // zoom multiplies the default scale (a typical flight is 60 px long at zoom 1).
    void setColumns(const Columns &columns) { m_columns = columns; }
    // Places the lifelines, the instants and the texts beside the lifelines. The segments'
    // labels of a run of up to kWholeRows events are placed here too, all of them at once
    // (and where one finds no free place, its instant gets more room and they are placed
    // again). A longer run's are placed a section of rows at a time, when a section's rows are
    // first asked about (rowText(), rowReaches()): the window places only what it shows,
    // an export what it draws; a section's labels are the same whichever asks first.
    void layout(double width, double zoom, bool rows);
    static constexpr int kWholeRows = 20000;
    // A long run's labels all placed now, the sections shared among threads (threads <= 0:
    // one per core), as an export that draws them all needs: the same labels as placing them
    // one section at a time, in any order. Nothing for a run placed whole.
    void placeAllLabels(int threads = 0) const;

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
    int stackIndex(int row) const { return stackOf(row).index; }

    // ---- text (after layout) ----
    // Every text placed so far: all of them once a whole run's labels are placed.
    std::vector<Text> texts() const;
    // The text of a row (segment, call, state or note), of a bracket or of a break; none if
    // it has none (a bracket too short for its label). A segment's label is placed, with its
    // section's, when first asked for.
    std::optional<Text> rowText(int row) const;
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

    // Rows that can intersect the strip [y0, y1]: [first, last), but for the few whose arrow
    // or blocking call is much longer than the others' (longRows()).
    std::pair<int, int> rowsIn(double y0, double y1) const;
    // Rows whose arrow or blocking call lasts much longer than a flight (a call blocked for
    // the whole run): rowsIn() leaves them out, or every strip would start at the first row.
    const std::vector<int> &longRows() const { return m_longRows; }
    // Whether anything a row draws (its arrow or call, its text) reaches into the strip
    // [y0, y1]: of the rows rowsIn() gives, those worth painting (a label placed far from
    // its instant widens what rowsIn() must give for all).
    bool rowReaches(int row, double y0, double y1) const;
    // The rows whose drawing reaches into the strip [y0, y1], in order: what a painter paints.
    std::vector<int> rowsReaching(double y0, double y1) const;
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

    // A segment's label, once placed: turned by angle about origin, width wide (its text is
    // made again when asked for: a long run's labels are not kept as strings). top and bottom:
    // what the row draws, arrow and label.
    struct Label {
        double ox = 0, oy = 0, angle = 0, width = 0;
        double top = 1e300, bottom = -1e300;
        bool placed = false;
    };
    // Rows [first, last) of a long run, whose labels are placed together: first the rows near
    // each of its ends, whose labels may meet the next section's (its seams), then the others.
    // A seam's labels are placed on their own, so each section's are the same whichever is
    // placed first. A whole run is one section without seams.
    struct Section {
        int first = 0, last = 0;
        bool placed = false;
        std::vector<Label> labels; // by row - first, once placed (a seam's rows' are there too)
    };
    struct Seam {
        std::vector<int> rows; // sorted; each in the section above the seam or the one below
        double top = 0, bottom = 0; // where their labels may go
        bool placed = false;
    };
    struct Stack {
        int row = 0;
        int index = 0; // how many earlier rows of the same kind and side share the instant
        int size = 1;  // how many share it in all
    };

    void collect();
    void layoutTitle();
    void placeTexts();
    // Places the labels of rows (segment rows, in row order) on board, which holds what they
    // must not cover; the results go to out[i] for rows[i]. For a whole run, reach grows to
    // how far a label reaches beyond its arrow, and unplaced gets the rows whose label found
    // no free place.
    // widths: the labels' measure (a thread's own when sections are placed in parallel).
    void placeSegmentLabels(TextBoard &board, const std::vector<int> &rows,
                            const std::vector<Label *> &out, double *reach,
                            std::vector<int> *unplaced, TextWidths &widths) const;
    void spanRow(int row, double y0, double y1); // the row draws between y0 and y1 too
    int addText(Text text);
    Stack stackOf(int row) const;
    // A segment's label as drawn, and how wide it is in the font it is placed with.
    QString segmentText(int row) const;
    // The line a segment's label is placed along: its arrow, the whole way for a dropped one.
    QLineF placementLine(int row) const;
    // Where anything a segment row draws, arrow and label, can be (from top to bottom).
    std::pair<double, double> segmentRegion(int row) const;
    double regionPad(int row) const; // how far beyond its arrow's ends
    void makeSections();
    std::size_t sectionOf(int row) const;
    Label *slot(int row) const; // where a row's label goes, in its section
    void placeSection(std::size_t section, TextWidths &widths) const; // and its seams
    void placeSeam(std::size_t seam, TextWidths &widths) const;
    // A board for labels that may go between top and bottom: the texts beside the lifelines,
    // the arrows, the lost segments' crosses there.
    void fillBoard(TextBoard &board, double top, double bottom) const;
    const Label *label(int row) const; // placing its section first
    const Text *textAt(const std::vector<int> &index, int i) const
    {
        const int t = i >= 0 && std::size_t(i) < index.size() ? index[std::size_t(i)] : -1;
        return t < 0 ? nullptr : &m_texts[std::size_t(t)];
    }
    // Rows in row order: those of rowsIn() from the strip with reach above and below it, and
    // the long ones that are not; fn(row) for each.
    template <typename Fn>
    void forRowsNear(double y0, double y1, double reach, Fn fn) const;

    const tcplab::Trace *m_trace = nullptr;
    std::array<std::vector<Band>, kSideCount> m_bands;
    std::vector<Bracket> m_brackets;
    std::vector<Stack> m_stacks;             // the calls', states' and notes', by row
    std::vector<TimeAxis::Room> m_rooms;     // what each instant's labels need (bursts' too)
    // rooms, and the room a burst's labels will need (segments sent at one instant by one
    // side) given ahead: a run placed whole would find it out a pass at a time, too slowly for
    // a big burst, and a long run's axis is fixed before any label is placed. An instant may
    // be given room more than once (the axis takes the largest).
    std::vector<TimeAxis::Room> withBurstRooms(std::vector<TimeAxis::Room> rooms) const;
    std::vector<std::pair<int, double>> m_leaderStop; // a call's dotted line ends here (x)
    std::vector<int> m_unplaced;             // segments whose label found no free place
    // From top to bottom, what a row draws: the calls', states' and notes', by row (the
    // segments' are their labels').
    std::vector<std::pair<int, std::pair<double, double>>> m_rowSpan;
    std::vector<int> m_longRows;
    qint64 m_flight = 5'000;
    qint64 m_maxSpan = 0;   // the longest flight or blocking call
    qint64 m_shortSpan = 0; // the same but for the long rows
    qint64 m_end = 0;
    bool m_counterfactual = false;
    bool m_laidOut = false;

    bool m_absolute = false;
    std::vector<Text> m_texts; // all but the segments' labels
    std::vector<std::pair<int, int>> m_rowText; // (row, text) of the calls, states and notes
    std::vector<int> m_bracketText, m_breakText;
    int m_titleText = -1;
    int m_titleLines = 0;
    bool m_titleElided = false;
    double m_titleStrip = 0;
    QString m_titleShown;
    QRectF m_titleRect;
    double m_textReach = 0;
    // Boxes of the texts beside the lifelines and the calls' dotted lines, by their tops: what
    // every section's labels must not cover.
    std::vector<TextBoard::Box> m_fixed; // by their tops
    double m_fixedTallest = 0;
    // The segments' labels: by section (one for a whole run), and the seams between them.
    mutable std::vector<Section> m_sections;
    mutable std::vector<Seam> m_seams; // m_seams[i]: between sections i and i + 1
    std::unique_ptr<TextWidths> m_widths;
    double m_widestChar = 0;  // of a segment's label, in its font
    double m_regionReach = 0; // the most a label can be beyond its arrow's ends
    QString m_rtxSuffix, m_droppedSuffix;

    Columns m_columns;
    TimeAxis m_axis;
    double m_width = 0, m_clientX = 0, m_serverX = 0;
};

template <typename Fn>
inline void SequenceScene::forRowsNear(double y0, double y1, double reach, Fn fn) const
{
    if (!m_trace || m_trace->events.empty())
        return;
    const auto &events = m_trace->events;
    // The rows from the strip widened by reach, the longest span before it: the short rows'
    // from where one could still come within a painter's pad (12 px) of it.
    const qint64 t0 = time(y0 - reach) - m_maxSpan;
    const qint64 t1 = time(y1 + reach);
    const qint64 near = std::max(t0, time(y0 - reach - 12) - m_shortSpan - 2);
    auto from = std::lower_bound(events.begin(), events.end(), near,
                                 [](const tcplab::Event &e, qint64 t) { return e.t < t; });
    auto to = std::upper_bound(from, events.end(), t1,
                               [](qint64 t, const tcplab::Event &e) { return t < e.t; });
    const int first = int(from - events.begin()), last = int(to - events.begin());
    // The long rows that start before the short ones, in row order with them.
    auto longRow = m_longRows.begin();
    auto takeLong = [&](int before) {
        for (; longRow != m_longRows.end() && *longRow < before; ++longRow) {
            const qint64 t = event(*longRow).t;
            if (t >= t0 && t <= t1)
                fn(*longRow);
        }
    };
    takeLong(first);
    for (int row = first; row < last; ++row) {
        if (longRow != m_longRows.end() && *longRow == row)
            ++longRow; // one of the range
        fn(row);
    }
    takeLong(int(events.size()));
}
