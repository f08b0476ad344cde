// Renders one plot of a JSON Lines trace to an image, to look at the plots by eye:
//   QT_QPA_PLATFORM=offscreen plotrender timeline|tseq|backoff TRACE.jsonl OUT.png [W H] [QM]
// QM: a compiled translation (.qm) to install first. View "panel-N" grabs the whole PlotPanel
// (tab N, bound to a TraceModel and a Playhead at the middle event) as the screen shows it.

#include "plotexport.h"
#include "plotpanel.h"

#include "model/playhead.h"
#include "model/tracemodel.h"

#include "trace/jsonl.h"

#include <QApplication>
#include <QTabWidget>
#include <QTranslator>

#include <cstdio>
#include <fstream>

int main(int argc, char **argv) {
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 4) {
        std::fprintf(stderr,
                     "usage: plotrender timeline|tseq|backoff TRACE.jsonl OUT [W H] [QM]\n");
        return 2;
    }
    QTranslator translator;
    if (args.size() > 6 && translator.load(args.at(6)))
        QApplication::installTranslator(&translator);
    std::ifstream in(args.at(2).toStdString());
    tcplab::Trace trace;
    std::string error;
    if (!tcplab::readJsonl(in, trace, error)) {
        std::fprintf(stderr, "%s\n", error.c_str());
        return 1;
    }
    const int w = args.size() > 4 ? args.at(4).toInt() : 1000;
    const int h = args.size() > 5 ? args.at(5).toInt() : 500;
    if (args.at(1).startsWith(QLatin1String("panel-"))) {
        TraceModel model;
        Playhead playhead;
        playhead.setModel(&model);
        PlotPanel panel(&model, &playhead);
        model.setTrace(trace);
        playhead.seek(static_cast<int>(trace.events.size() / 2));
        panel.tabs()->setCurrentIndex(args.at(1).mid(6).toInt());
        panel.resize(w, h);
        panel.show();
        QCoreApplication::processEvents();
        QCoreApplication::processEvents();
        return panel.grab().save(args.at(3)) ? 0 : 1;
    }
    QString message;
    if (!exportPlot(args.at(1), trace, args.at(3), w, h, &message)) {
        std::fprintf(stderr, "%s\n", qPrintable(message));
        return 1;
    }
    return 0;
}
