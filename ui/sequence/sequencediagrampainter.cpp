#include "ui/sequence/sequencediagrampainter.h"

#include "ui/sequence/sequencescene.h"

#include <QPainter>

#include <algorithm>
#include <cmath>

SequenceDiagramPainter::SequenceDiagramPainter(const tcplab::Trace &trace, const Settings &settings)
    : m_trace(trace)
    , m_settings(settings)
{
}

SequenceDiagramPainter::~SequenceDiagramPainter() = default;

const SequenceScene &SequenceDiagramPainter::sceneFor(double width) const
{
    if (!m_scene) {
        m_scene = std::make_unique<SequenceScene>();
        m_scene->setTrace(&m_trace);
        m_scene->setAbsoluteNumbers(m_settings.render.absolute);
    }
    if (width != m_laidOutWidth) {
        m_scene->layout(width, m_settings.zoom, m_settings.rows);
        m_laidOutWidth = width;
        m_fitSize = QSizeF();
        m_rows.clear();
        m_rowsKnown = false;
    }
    return *m_scene;
}

namespace {
// Above a range's first event and below its last: room for their labels.
constexpr double kRangePadTop = 24;
constexpr double kRangePadBottom = 36;
} // namespace

SequenceDiagramRenderer SequenceDiagramPainter::rendererFor(const SequenceScene &scene) const
{
    SequenceDiagramRenderer renderer(scene);
    renderer.setOptions(m_settings.render);
    renderer.setCurrent(m_settings.current);
    return renderer;
}

SequenceDiagramPainter::Strip SequenceDiagramPainter::strip(const SequenceScene &scene) const
{
    Strip s;
    s.top = scene.headerHeight();
    s.bottom = scene.height();
    if (m_settings.from >= 0)
        s.top = std::clamp(scene.y(m_settings.from) - kRangePadTop, s.top, s.bottom);
    if (m_settings.to >= 0)
        s.bottom = std::clamp(scene.y(m_settings.to) + kRangePadBottom, s.top, s.bottom);
    return s;
}

// The picture's natural height: the heads, the strip, the legend.
static double naturalHeight(const SequenceScene &scene, const SequenceDiagramRenderer &renderer,
                            double stripHeight)
{
    return scene.headerHeight() + stripHeight + renderer.legendHeight(scene.width());
}

QSizeF SequenceDiagramPainter::sizeForWidth(double width) const
{
    // Narrower than the narrowest layout: laid out that wide and drawn smaller (paint()).
    const double laidOut = std::max(width, SequenceScene::kMinWidth);
    const SequenceScene &scene = sceneFor(laidOut);
    SequenceDiagramRenderer renderer(scene);
    double h = renderer.fullHeight();
    if (m_settings.ranged()) {
        const Strip s = strip(scene);
        h = naturalHeight(scene, renderer, s.bottom - s.top);
    }
    return QSizeF(width, h * width / laidOut);
}

void SequenceDiagramPainter::paintWindow(QPainter &p, const SequenceScene &scene,
                                         const SequenceDiagramRenderer &renderer, double offset,
                                         double height) const
{
    const Strip s = strip(scene);
    const double head = scene.headerHeight();
    const double w = scene.width();
    p.fillRect(QRectF(0, 0, w, head + height), Qt::white);
    // The body: scene y (s.top + offset) drawn at y = head.
    p.save();
    p.setClipRect(QRectF(0, head, w, height));
    p.translate(0, head - s.top - offset);
    const double bodyTop = s.top + offset;
    const double bodyBottom = std::min(s.bottom, bodyTop + height);
    if (bodyBottom > bodyTop)
        renderer.paintBody(p, QRectF(0, bodyTop, w, bodyBottom - bodyTop));
    // The legend follows the strip's end, on whichever page that falls.
    renderer.paintLegend(p, QRectF(0, s.bottom, w, renderer.legendHeight(w)));
    p.restore();
    // White above the heads' strip: a row cut at the page's top does not show through them.
    p.fillRect(QRectF(0, 0, w, head), Qt::white);
    renderer.paintHeader(p, 0);
}

double SequenceDiagramPainter::fit(const QSizeF &size) const
{
    // A page of another height than the diagram's (a slide): scale uniformly to fill it, laying
    // out wider (shrinking) or narrower (enlarging) so the width is still filled. Enlarging
    // stops at kMaxScale (a short diagram then leaves white space below), and at the scale
    // that lays it out SequenceScene::kMinWidth wide: narrower, its labels have no room.
    if (size == m_fitSize && !m_fitSize.isEmpty())
        return m_fitScale;
    constexpr double kMaxScale = 2.0;
    const double widest = std::min(kMaxScale, size.width() / SequenceScene::kMinWidth);
    double scale = std::min(1.0, widest);
    for (int pass = 0; pass < 3; ++pass) {
        const SequenceScene &scene = sceneFor(size.width() / scale);
        const SequenceDiagramRenderer renderer(scene);
        const Strip st = strip(scene);
        const double h = m_settings.ranged() ? naturalHeight(scene, renderer, st.bottom - st.top)
                                             : renderer.fullHeight();
        const double fill = std::min(widest, size.height() / h);
        if (std::abs(h * scale - h * fill) <= 0.5)
            break;
        scale = fill;
    }
    m_fitSize = size;
    m_fitScale = scale;
    return scale;
}

void SequenceDiagramPainter::paint(QPainter &p, const QSizeF &size) const
{
    const double scale = fit(size);
    const SequenceScene &scene = *m_scene;
    const SequenceDiagramRenderer renderer = rendererFor(scene);
    p.save();
    p.scale(scale, scale);
    if (m_settings.ranged()) {
        const Strip st = strip(scene);
        paintWindow(p, scene, renderer, 0, st.bottom - st.top + renderer.legendHeight(scene.width()));
    } else {
        renderer.paintAll(p);
    }
    p.restore();
}

void SequenceDiagramPainter::prepare(const QSizeF &size, int threads) const
{
    if (m_settings.ranged())
        return; // a range places only the sections it shows, as it paints them
    fit(size);
    m_scene->placeAllLabels(threads);
}

int SequenceDiagramPainter::partCount(const QSizeF &size) const
{
    if (m_settings.ranged())
        return 1;
    fit(size);
    if (!m_rowsKnown) {
        m_rows = m_scene->rowsReaching(0, m_scene->height());
        m_rowsKnown = true;
    }
    return std::max(1, int((m_rows.size() + kRowsPerPart - 1) / kRowsPerPart));
}

void SequenceDiagramPainter::paintPart(QPainter &p, const QSizeF &size, int part) const
{
    const int parts = partCount(size);
    if (parts == 1) {
        paint(p, size);
        return;
    }
    // What paint() paints, renderer.paintAll() with its paintBody() cut between rows.
    const double scale = fit(size);
    const SequenceScene &scene = *m_scene;
    const SequenceDiagramRenderer renderer = rendererFor(scene);
    const double w = scene.width(), h = scene.height();
    const QRectF body(0, 0, w, h);
    p.save();
    p.scale(scale, scale);
    if (part == 0)
        p.fillRect(QRectF(0, 0, w, renderer.fullHeight()), Qt::white);
    p.save();
    SequenceDiagramRenderer::setBodyHints(p);
    if (part == 0)
        renderer.paintUnderRows(p, body);
    const std::size_t from = std::size_t(part) * kRowsPerPart;
    const std::size_t to = std::min(m_rows.size(), from + kRowsPerPart);
    if (from < to)
        renderer.paintRows(p, m_rows.data() + from, m_rows.data() + to);
    if (part == parts - 1)
        renderer.paintOverRows(p, body);
    p.restore();
    if (part == parts - 1) {
        renderer.paintHeader(p, 0);
        renderer.paintLegend(p, QRectF(0, h, w, renderer.legendHeight(w)));
    }
    p.restore();
}

void SequenceDiagramPainter::paintStrip(QPainter &p, const QSizeF &size, int top,
                                        int height) const
{
    if (m_settings.ranged()) {
        DiagramPainter::paintStrip(p, size, top, height);
        return;
    }
    // What paint() paints, renderer.paintAll(), of the rows and items that reach the strip;
    // each drawn whole (the device clips), so that the strips meet pixel for pixel.
    const double scale = fit(size);
    const SequenceScene &scene = *m_scene;
    const SequenceDiagramRenderer renderer = rendererFor(scene);
    const double w = scene.width(), h = scene.height();
    const QRectF visible(0, top / scale, w, height / scale);
    p.save();
    p.translate(0, -top);
    p.scale(scale, scale);
    p.save(); // (the strip is white already: DiagramPainter::paint()'s contract)
    SequenceDiagramRenderer::setBodyHints(p);
    // A few pixels more: a pen's half-width past a band's or a bracket's end, the playhead's
    // time above its line.
    renderer.paintUnderRows(p, visible.adjusted(0, -4, 0, 4), true);
    const std::vector<int> rows = scene.rowsReaching(visible.top(), visible.bottom());
    renderer.paintRows(p, rows.data(), rows.data() + rows.size(), visible);
    renderer.paintOverRows(p, visible.adjusted(0, -20, 0, 20));
    p.restore();
    // (A line along an edge reaches a pixel or so past it.)
    if (visible.top() < scene.headerHeight() + 2)
        renderer.paintHeader(p, 0);
    const double legend = renderer.legendHeight(w);
    if (visible.bottom() > h - 2 && visible.top() < h + legend)
        renderer.paintLegend(p, QRectF(0, h, w, legend));
    p.restore();
}

double SequenceDiagramPainter::layoutForWidth(double width) const
{
    // As paint(): at most its natural size, and no narrower than the narrowest layout.
    const double scale = std::min(1.0, width / SequenceScene::kMinWidth);
    sceneFor(width / scale);
    return scale;
}

int SequenceDiagramPainter::pageCount(const QSizeF &page) const
{
    const double scale = layoutForWidth(page.width());
    const SequenceScene &scene = *m_scene;
    SequenceDiagramRenderer renderer(scene);
    const Strip s = strip(scene);
    const double perPage = page.height() / scale - scene.headerHeight();
    if (perPage <= 0)
        return 1;
    const double content = s.bottom - s.top + renderer.legendHeight(scene.width());
    return std::max(1, int(std::ceil(content / perPage - 1e-9)));
}

void SequenceDiagramPainter::paintPage(QPainter &p, const QSizeF &page, int index) const
{
    const double scale = layoutForWidth(page.width());
    const SequenceScene &scene = *m_scene;
    const SequenceDiagramRenderer renderer = rendererFor(scene);
    const double perPage = std::max(1.0, page.height() / scale - scene.headerHeight());
    p.save();
    p.scale(scale, scale);
    paintWindow(p, scene, renderer, index * perPage, perPage);
    p.restore();
}
