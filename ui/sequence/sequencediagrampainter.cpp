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
    // A page of another height than the diagram's (a slide): scale uniformly to fill it, laying
    // out wider (shrinking) or narrower (enlarging) so the width is still filled. Enlarging
    // stops at kMaxScale (a short diagram then leaves white space below), and at the scale
    // that lays it out SequenceScene::kMinWidth wide: narrower, its labels have no room.
    constexpr double kMaxScale = 2.0;
    const double widest = std::min(kMaxScale, size.width() / SequenceScene::kMinWidth);
    double scale = std::min(1.0, widest);
    for (int pass = 0; pass < 3; ++pass) {
        scene.layout(size.width() / scale, m_settings.zoom, m_settings.rows);
        const double h = renderer.fullHeight();
        const double fill = std::min(widest, size.height() / h);
        if (std::abs(h * scale - h * fill) <= 0.5)
            break;
        scale = fill;
    }
    p.save();
    p.scale(scale, scale);
    renderer.paintAll(p);
    p.restore();
}
