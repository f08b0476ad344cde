#include "plotexport.h"

#include "backoffplot.h"
#include "statetimelineplot.h"
#include "timesequenceplot.h"

#include <QCoreApplication>

#include <memory>

bool exportPlot(const QString &view, const tcplab::Trace &trace, const QString &path, int width,
                int height, QString *error) {
    std::unique_ptr<PlotView> plot;
    if (view == QLatin1String("timeline"))
        plot = std::make_unique<StateTimelinePlot>();
    else if (view == QLatin1String("tseq"))
        plot = std::make_unique<TimeSequencePlot>();
    else if (view == QLatin1String("backoff"))
        plot = std::make_unique<BackoffPlot>();
    if (!plot) {
        if (error)
            *error = QCoreApplication::translate(
                         "PlotView", "Unknown plot \"%1\": use timeline, tseq or backoff.")
                         .arg(view);
        return false;
    }
    plot->resize(width, height);
    plot->showTrace(trace);
    return plot->exportTo(path, width, height, error);
}
