#pragma once
// The sequence diagram as a DiagramPainter: header, the events, legend -- all of them, or those
// of a time range (issue 13: a trace too long for one picture). Scaled uniformly to fill a
// height other than its natural one: down to fit, up to twice its size. Or cut into pages, each
// with the lifelines' heads on top (a long run as a PDF).

#include "ui/common/diagrampainter.h"
#include "ui/sequence/sequencediagramrenderer.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace tcplab {
struct Trace;
}
class SequenceScene;

class SequenceDiagramPainter : public DiagramPainter {
public:
    struct Settings {
        bool rows = false;
        double zoom = 1.0;
        SequenceDiagramRenderer::Options render;
        int current = -1; // the playhead; -1 with fadeFuture off shows the whole run
        // A time range (µs since the run's start; -1: from the start, to the end): only that
        // strip of the diagram, under the lifelines' heads.
        std::int64_t from = -1;
        std::int64_t to = -1;
        bool ranged() const { return from >= 0 || to >= 0; }
    };

    SequenceDiagramPainter(const tcplab::Trace &trace, const Settings &settings);
    ~SequenceDiagramPainter() override;

    QSizeF sizeForWidth(double width) const override;
    void paint(QPainter &p, const QSizeF &size) const override;
    // A long run's labels placed on every core (SequenceScene::placeAllLabels()).
    void prepare(const QSizeF &size, int threads) const override;
    // A whole run's picture (a range places its labels as it paints).
    bool paintsInParallel() const override { return !m_settings.ranged(); }
    int pageCount(const QSizeF &page) const override;
    void paintPage(QPainter &p, const QSizeF &page, int index) const override;
    // The whole run's picture (not a range) in parts of some thousands of rows.
    int partCount(const QSizeF &size) const override;
    void paintPart(QPainter &p, const QSizeF &size, int part) const override;
    static constexpr int kRowsPerPart = 500;
    // Only what reaches the strip (a whole run's picture; a range's: all of it, clipped).
    void paintStrip(QPainter &p, const QSizeF &size, int top, int height) const override;

private:
    // The body's strip shown (scene coordinates): the range's, or all of it below the heads.
    struct Strip {
        double top = 0, bottom = 0;
    };
    Strip strip(const SequenceScene &scene) const;
    // The renderer of scene with this picture's options and playhead.
    SequenceDiagramRenderer rendererFor(const SequenceScene &scene) const;
    // The scene laid out this wide: the painter keeps it, so that measuring the picture, then
    // painting it (or its pages, or its parts) lays the run out once.
    const SequenceScene &sceneFor(double width) const;
    // Laid out for pages of this width: the scale drawn at, and what one page holds of the
    // body and legend below the heads.
    double layoutForWidth(double width) const;
    // Laid out to fill size: the scale to draw at (paint()).
    double fit(const QSizeF &size) const;
    // Paints heads, then the body strip from `offset` (scene units below strip.top) in a window
    // `height` tall, the legend following the strip's end.
    void paintWindow(QPainter &p, const SequenceScene &scene,
                     const SequenceDiagramRenderer &renderer, double offset, double height) const;

    const tcplab::Trace &m_trace;
    Settings m_settings;
    mutable std::unique_ptr<SequenceScene> m_scene;
    mutable double m_laidOutWidth = -1;
    // fit()'s answer for this size, while the scene is laid out as it left it: painting the
    // picture's parts asks again and again (on several threads), and changes nothing.
    mutable QSizeF m_fitSize;
    mutable double m_fitScale = 1;
    mutable std::vector<int> m_rows; // of the whole picture, for its parts (-1 first: none yet)
    mutable bool m_rowsKnown = false;
};
