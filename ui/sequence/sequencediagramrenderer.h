#pragma once
// Paints the sequence diagram of a SequenceScene onto any QPaintDevice: the widget, PNG, SVG
// and PDF all go through here, so an exported file is what the screen shows (DESIGN.md).
// Only the rows that intersect the visible strip are painted.

#include <QCoreApplication>
#include <QRectF>

class QPainter;
class SequenceScene;

class SequenceDiagramRenderer {
    Q_DECLARE_TR_FUNCTIONS(SequenceDiagramRenderer)

public:
    struct Options {
        bool absolute = false;  // sequence numbers as on the wire
        bool fadeFuture = true; // events after the playhead drawn faint
        bool showPlayhead = true;
    };

    explicit SequenceDiagramRenderer(const SequenceScene &scene)
        : m_scene(scene)
    {
    }

    void setOptions(const Options &options) { m_options = options; }
    const Options &options() const { return m_options; }
    void setCurrent(int row) { m_current = row; }
    int current() const { return m_current; }

    // The lifelines' heads, in a strip of the scene's header height starting at y; on a
    // counterfactual run with a banner above them saying the run is not TCP.
    void paintHeader(QPainter &p, double y) const;
    // "Counterfactual run — not TCP: two-way handshake"; empty on a TCP run.
    QString bannerText() const;
    // Everything in the strip visible (diagram coordinates; the painter maps them).
    void paintBody(QPainter &p, const QRectF &visible) const;
    // paintBody() in pieces, for a picture painted in parts: the painter's settings for the
    // body, what lies under the rows (lifelines, breaks, state bands, timer brackets), rows
    // (of scene().rowsReaching()), what lies over them (the playhead).
    static void setBodyHints(QPainter &p);
    // wholeLifelines: from the heads to the end whatever the strip (a strip of an image
    // painted a strip at a time: the dashes then fall where they do in one piece).
    void paintUnderRows(QPainter &p, const QRectF &visible, bool wholeLifelines = false) const;
    // visible (diagram coordinates), if not null: what of the rows lies outside it is left out
    // (a text, an arrowhead) or drawn only as far as it (a long arrow).
    void paintRows(QPainter &p, const int *first, const int *last,
                   const QRectF &visible = QRectF()) const;
    void paintOverRows(QPainter &p, const QRectF &visible) const;
    // The legend, wrapped to width; legendHeight() says how tall it will be.
    double legendHeight(double width) const;
    void paintLegend(QPainter &p, const QRectF &rect) const;
    // Header, body and legend, one after the other: the exported picture.
    double fullHeight() const;
    void paintAll(QPainter &p) const;
    // What hovering a timer bracket says: the timer's full name, how long it ran, how it ended.
    QString bracketToolTip(int bracket) const;

private:
    void paintBreaks(QPainter &p, const QRectF &visible) const;
    void paintBands(QPainter &p, const QRectF &visible) const;
    void paintBrackets(QPainter &p, const QRectF &visible) const;
    void paintRow(QPainter &p, int row, const QRectF &visible) const;
    void paintSegment(QPainter &p, int row, const QRectF &visible) const;
    void paintCall(QPainter &p, int row, const QRectF &visible) const;
    void paintStateLabel(QPainter &p, int row, const QRectF &visible) const;
    void paintNote(QPainter &p, int row, const QRectF &visible) const;
    void paintPlayhead(QPainter &p, const QRectF &visible) const;
    double opacity(int row) const;

    const SequenceScene &m_scene;
    Options m_options;
    int m_current = -1;
};
