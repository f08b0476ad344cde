#pragma once
// The views that can be exported, by name, in one place: the GUI's File > Export and
// `tcplab-cli export --view NAME` both come through here. To add a view (the plots: timeline,
// tseq, backoff), add its name to exportViewNames() and a case to createExportPainter().
// exportWholeRun() is the one function that writes a view's whole run to a file: the CLI and
// the app's "Whole run" export both call it, so they write the same bytes.

#include "ui/common/diagrampainter.h"

#include "trace/trace.h"

#include <QSize>
#include <QStringList>

#include <atomic>
#include <cstdint>

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
// What of a run to export beyond the view and the file (issue 13: traces too long for one
// picture): a time range of the sequence diagram, and pages (PDF).
struct ExportRange {
    std::int64_t from = -1; // µs since the run's start; -1: from its start
    std::int64_t to = -1;   // -1: to its end
    bool pages = false;     // PDF: cut into pages of the size given (A4 landscape by default)
};

// nullptr when view is not one of exportViewNames().
std::unique_ptr<DiagramPainter> createExportPainter(const QString &view, ExportContext &context,
                                                    const ExportRange &range = {});

// Writes view's whole run (no playhead, no fading) to fileName: PNG, SVG or PDF by the suffix,
// atomically. size is in pixels (points for PDF); a height <= 0 is as tall as a diagram needs
// (9/16 of the width for a plot). A taller diagram is scaled to the height (DiagramExporter).
// false with *error set when the view is unknown or the file cannot be written.
bool exportWholeRun(const QString &view, tcplab::Trace trace, const QString &fileName, QSize size,
                    QString *error);
// The same for a time range, or pages; and, with maxHeight > 0, a refusal (false, *error a
// sentence naming the way out) when the sequence diagram would be taller than maxHeight
// pixels in one picture -- a 100k-event run is a 130 MB SVG nobody can open.
// cancel (DiagramExporter::save): the app's export in the background, cancelled.
bool exportRun(const QString &view, tcplab::Trace trace, const QString &fileName, QSize size,
               const ExportRange &range, int maxHeight, QString *error,
               const std::atomic<bool> *cancel = nullptr);
