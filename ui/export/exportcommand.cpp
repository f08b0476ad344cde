#include "ui/export/exportcommand.h"

#include "ui/export/diagramexporter.h"
#include "ui/export/exportviews.h"
#include "ui/lab/labdprocess.h"
#include "ui/plots/plotexport.h"
#include "ui/common/traceloader.h"

#include <QEventLoop>
#include <QFileInfo>
#include <QTextStream>

#include <cstdio>

namespace {

int fail(const QString &message)
{
    QTextStream err(stderr);
    err << "tcplab-cli export: " << message << '\n';
    return 2;
}

bool takeInt(const QString &text, int &out)
{
    bool ok = false;
    out = text.toInt(&ok);
    return ok && out > 0 && out <= 20000;
}

// Runs the scenario on the real kernel through tcplab-labd and waits for its whole trace.
TraceLoader::Result runLive(const QString &file)
{
    TraceLoader::Result r;
    if (!QFileInfo::exists(file)) {
        r.error = QStringLiteral("%1: no such file").arg(file);
        return r;
    }
    LabdProcess labd;
    QEventLoop loop;
    QObject::connect(&labd, &LabdProcess::eventArrived, &loop,
                     [&r](const tcplab::Event &e) { r.trace.add(e); });
    QObject::connect(&labd, &LabdProcess::failed, &loop,
                     [&r](const QString &message) { r.error = message; });
    QObject::connect(&labd, &LabdProcess::done, &loop, [&r](bool ok, int, const QString &message) {
        if (!ok)
            r.runMessage = message;
    });
    QObject::connect(&labd, &LabdProcess::finished, &loop, &QEventLoop::quit);
    if (!labd.start({QStringLiteral("run"), file}))
        return r;
    loop.exec();
    r.ok = r.error.isEmpty();
    r.trace.sortByTime(); // captured segments may come after a later state event
    r.trace.producer = "live";
    // The helper streams events only: the title comes from the scenario itself.
    QByteArray text;
    QString ignored;
    scenario::Scenario parsed;
    std::vector<scenario::ParseError> errors;
    if (TraceLoader::readText(file, text, &ignored))
        scenario::parseScenario(text.toStdString(), file.toStdString(), parsed, errors);
    r.trace.title =
        parsed.title.empty() ? QFileInfo(file).completeBaseName().toStdString() : parsed.title;
    return r;
}

} // namespace

static bool isPlotView(const QString &view)
{
    return view == QLatin1String("timeline") || view == QLatin1String("tseq")
        || view == QLatin1String("backoff");
}

int runExportCommand(const QStringList &args)
{
    QString input, view, out, mode = QStringLiteral("sim");
    int width = 1600, height = 0;
    for (int i = 0; i < args.size(); ++i) {
        const QString &a = args[i];
        const bool hasValue = i + 1 < args.size();
        if (a == QLatin1String("--view") && hasValue) {
            view = args[++i];
        } else if (a == QLatin1String("--out") && hasValue) {
            out = args[++i];
        } else if (a == QLatin1String("--mode") && hasValue) {
            mode = args[++i];
        } else if (a == QLatin1String("--width") && hasValue) {
            if (!takeInt(args[++i], width))
                return fail(QStringLiteral("--width needs a number of pixels (1-20000), not \"%1\"")
                                .arg(args[i]));
        } else if (a == QLatin1String("--height") && hasValue) {
            if (!takeInt(args[++i], height))
                return fail(
                    QStringLiteral("--height needs a number of pixels (1-20000), not \"%1\"")
                        .arg(args[i]));
        } else if (a.startsWith(QLatin1String("--"))) {
            return fail(QStringLiteral("unknown option %1 (or it lacks its value)").arg(a));
        } else if (input.isEmpty()) {
            input = a;
        } else {
            return fail(QStringLiteral("one input file only: %1 and %2").arg(input, a));
        }
    }
    const QStringList views = exportViewNames();
    if (input.isEmpty())
        return fail(QStringLiteral("which file? FILE.tcplab or FILE.jsonl"));
    if (!views.contains(view))
        return fail(
            QStringLiteral("--view must be one of: %1").arg(views.join(QStringLiteral(", "))));
    if (out.isEmpty() || DiagramExporter::formatOf(out).isEmpty())
        return fail(QStringLiteral("--out must name a .png, .svg or .pdf file"));
    if (mode != QLatin1String("sim") && mode != QLatin1String("live"))
        return fail(QStringLiteral("--mode must be sim or live"));
    TraceLoader::Result loaded = mode == QLatin1String("live") && TraceLoader::isScenario(input)
                                     ? runLive(input)
                                     : TraceLoader::loadFile(input);
    if (!loaded.ok)
        return fail(loaded.error);
    if (!loaded.runMessage.isEmpty()) {
        QTextStream(stderr) << "tcplab-cli export: note: the run did not go as the scenario "
                               "expects: "
                            << loaded.runMessage << '\n';
    }
    if (isPlotView(view)) {
        // QCustomPlot plots: a landscape slide by default.
        QString error;
        if (!exportPlot(view, loaded.trace, out, width, height > 0 ? height : width * 9 / 16, &error))
            return fail(error);
        return 0;
    }
    ExportContext context(std::move(loaded.trace));
    const std::unique_ptr<DiagramPainter> painter = createExportPainter(view, context);
    QString error;
    if (!painter || !DiagramExporter::save(*painter, out, QSize(width, height), &error))
        return fail(error.isEmpty() ? QStringLiteral("cannot draw %1").arg(view) : error);
    return 0;
}
