#include "ui/export/exportviews.h"

#include "ui/export/diagramexporter.h"
#include "ui/plots/plotexport.h"

#include "ui/sequence/sequencediagrampainter.h"
#include "ui/stategraph/stategraphpainter.h"

#include "model/playhead.h"
#include "model/stategraphmodel.h"
#include "model/tracemodel.h"

ExportContext::ExportContext(tcplab::Trace trace)
    : m_trace(std::make_unique<TraceModel>())
    , m_playhead(std::make_unique<Playhead>())
{
    m_playhead->setModel(m_trace.get());
    m_trace->setTrace(std::move(trace)); // the playhead goes to the last event: the whole run
}

ExportContext::~ExportContext() = default;

const tcplab::Trace &ExportContext::trace() const
{
    return m_trace->trace();
}

StateGraphModel &ExportContext::stateGraphModel()
{
    if (!m_graph)
        m_graph = std::make_unique<StateGraphModel>(m_trace.get(), m_playhead.get());
    return *m_graph;
}

QStringList exportViewNames()
{
    // The diagrams paint through a DiagramPainter; the plots (QCustomPlot) export themselves.
    return {QStringLiteral("sequence"), QStringLiteral("graph"), QStringLiteral("timeline"),
            QStringLiteral("tseq"), QStringLiteral("backoff")};
}

std::unique_ptr<DiagramPainter> createExportPainter(const QString &view, ExportContext &context)
{
    if (view == QLatin1String("sequence")) {
        SequenceDiagramPainter::Settings settings;
        settings.render.fadeFuture = false;
        settings.render.showPlayhead = false;
        return std::make_unique<SequenceDiagramPainter>(context.trace(), settings);
    }
    if (view == QLatin1String("graph"))
        return std::make_unique<StateGraphPainter>(context.stateGraphModel());
    return nullptr;
}

bool exportWholeRun(const QString &view, tcplab::Trace trace, const QString &fileName, QSize size,
                    QString *error)
{
    if (view == QLatin1String("timeline") || view == QLatin1String("tseq") ||
        view == QLatin1String("backoff")) {
        // QCustomPlot plots: a landscape slide unless a height is given.
        const int height = size.height() > 0 ? size.height() : size.width() * 9 / 16;
        return exportPlot(view, trace, fileName, size.width(), height, error);
    }
    ExportContext context(std::move(trace));
    const std::unique_ptr<DiagramPainter> painter = createExportPainter(view, context);
    if (!painter) {
        *error = DiagramExporter::tr("Cannot draw %1").arg(view);
        return false;
    }
    return DiagramExporter::save(*painter, fileName, size, error);
}
