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

std::unique_ptr<DiagramPainter> createExportPainter(const QString &view, ExportContext &context,
                                                    const ExportRange &range)
{
    if (view == QLatin1String("sequence")) {
        SequenceDiagramPainter::Settings settings;
        settings.render.fadeFuture = false;
        settings.render.showPlayhead = false;
        settings.from = range.from;
        settings.to = range.to;
        return std::make_unique<SequenceDiagramPainter>(context.trace(), settings);
    }
    if (view == QLatin1String("graph"))
        return std::make_unique<StateGraphPainter>(context.stateGraphModel());
    return nullptr;
}

bool exportWholeRun(const QString &view, tcplab::Trace trace, const QString &fileName, QSize size,
                    QString *error)
{
    return exportRun(view, std::move(trace), fileName, size, ExportRange(), 0, error);
}

bool exportRun(const QString &view, tcplab::Trace trace, const QString &fileName, QSize size,
               const ExportRange &range, int maxHeight, QString *error,
               const std::atomic<bool> *cancel)
{
    if (view == QLatin1String("timeline") || view == QLatin1String("tseq") ||
        view == QLatin1String("backoff")) {
        // QCustomPlot plots: a landscape slide unless a height is given.
        const int height = size.height() > 0 ? size.height() : size.width() * 9 / 16;
        return exportPlot(view, trace, fileName, size.width(), height, error);
    }
    const std::size_t events = trace.events.size();
    ExportContext context(std::move(trace));
    const std::unique_ptr<DiagramPainter> painter = createExportPainter(view, context, range);
    if (!painter) {
        *error = DiagramExporter::tr("Cannot draw %1").arg(view);
        return false;
    }
    if (maxHeight > 0 && !range.pages && size.height() <= 0) {
        const int height = DiagramExporter::resolvedSize(*painter, size).height();
        if (height > maxHeight) {
            *error = DiagramExporter::tr(
                         "the picture would be %1 pixels tall (%2 events), too tall to open: "
                         "export a time range (--from, --to), pages of a PDF (--pages), or give "
                         "a --height to scale it to")
                         .arg(height)
                         .arg(events);
            return false;
        }
    }
    return DiagramExporter::save(*painter, fileName, size, error, range.pages, cancel);
}
