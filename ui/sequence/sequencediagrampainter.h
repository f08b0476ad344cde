#pragma once
// The whole sequence diagram as a DiagramPainter: header, every event, legend. Scaled
// uniformly to fill a height other than its natural one: down to fit, up to twice its size.

#include "ui/common/diagrampainter.h"
#include "ui/sequence/sequencediagramrenderer.h"

namespace tcplab {
struct Trace;
}

class SequenceDiagramPainter : public DiagramPainter {
public:
    struct Settings {
        bool rows = false;
        double zoom = 1.0;
        SequenceDiagramRenderer::Options render;
        int current = -1; // the playhead; -1 with fadeFuture off shows the whole run
    };

    SequenceDiagramPainter(const tcplab::Trace &trace, const Settings &settings);

    QSizeF sizeForWidth(double width) const override;
    void paint(QPainter &p, const QSizeF &size) const override;

private:
    const tcplab::Trace &m_trace;
    Settings m_settings;
};
