#include "ui/sequence/sequencediagrampainter.h"

#include "ui/sequence/sequencescene.h"

#include <QPainter>

#include <algorithm>

SequenceDiagramPainter::SequenceDiagramPainter(const tcplab::Trace &trace, const Settings &settings)
    : m_trace(trace)
    , m_settings(settings)
{
}

QSizeF SequenceDiagramPainter::sizeForWidth(double width) const
{
    SequenceScene scene;
    scene.setTrace(&m_trace);
    scene.setAbsoluteNumbers(m_settings.render.absolute);
    // Narrower than the narrowest layout: laid out that wide and drawn smaller (paint()).
    const double laidOut = std::max(width, SequenceScene::kMinWidth);
    scene.layout(laidOut, m_settings.zoom, m_settings.rows);
    SequenceDiagramRenderer renderer(scene);
    return QSizeF(width, renderer.fullHeight() * width / laidOut);
}

void SequenceDiagramPainter::paint(QPainter &p, const QSizeF &size) const
{
    SequenceScene scene;
    scene.setTrace(&m_trace);
    scene.setAbsoluteNumbers(m_settings.render.absolute);
    SequenceDiagramRenderer renderer(scene);
    renderer.setOptions(m_settings.render);
    renderer.setCurrent(m_settings.current);
    // Too narrow for the labels between the lifelines, or too tall for the page: shrink
    // uniformly, laying out wider so the width is still filled.
    double scale = std::min(1.0, size.width() / SequenceScene::kMinWidth);
    for (int pass = 0; pass < 3; ++pass) {
        scene.layout(size.width() / scale, m_settings.zoom, m_settings.rows);
        const double h = renderer.fullHeight();
        if (h * scale <= size.height() + 0.5)
            break;
        scale = size.height() / h;
    }
    p.save();
    p.scale(scale, scale);
    renderer.paintAll(p);
    p.restore();
}
