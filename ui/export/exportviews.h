#pragma once
// The views that can be exported, by name, in one place: the GUI's File > Export and
// `tcplab-cli export --view NAME` both come through here. To add a view (the plots: timeline,
// tseq, backoff), add its name to exportViewNames() and a case to createExportPainter().

#include "ui/common/diagrampainter.h"

#include "trace/trace.h"

#include <QStringList>

#include <memory>

class Playhead;
class StateGraphModel;
class TraceModel;

// The models a view paints from, built once for one trace, with the playhead at the end.
class ExportContext {
public:
    explicit ExportContext(tcplab::Trace trace);
    ~ExportContext();

    const tcplab::Trace &trace() const;
    TraceModel &traceModel() { return *m_trace; }
    Playhead &playhead() { return *m_playhead; }
    StateGraphModel &stateGraphModel(); // made on first use

private:
    std::unique_ptr<TraceModel> m_trace;
    std::unique_ptr<Playhead> m_playhead;
    std::unique_ptr<StateGraphModel> m_graph;
};

QStringList exportViewNames(); // "sequence", "graph", ...
// nullptr when view is not one of exportViewNames().
std::unique_ptr<DiagramPainter> createExportPainter(const QString &view, ExportContext &context);
