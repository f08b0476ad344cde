#include "ui/export/exportviews.h"

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
