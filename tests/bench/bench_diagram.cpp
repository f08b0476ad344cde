// The sequence diagram against the targets of the issue "A million events", each figure printed
// next to its target (benchmarks print figures; they assert nothing):
//  (a) a 1,000,000-event trace arriving in the app's window (TraceModel::setTrace(), as
//      MainWindow does when a load ends) until the window has painted it and has nothing left
//      to do: the models, the sequence diagram's scene, the state graph, the plots;
//  (b) the peak memory that takes, the trace included, per event;
//  (c) scrolling the diagram: a 1000x800 viewport of the sequence view painted at 200
//      positions from top to bottom, its average and its worst;
//  (d) File > Export of a 100,000-event run's sequence diagram to SVG (exportRun(), as the app
//      and tcplab-cli call it): its time and peak memory beyond the trace;
//  (e) PNG against SVG for the same diagram: a 1,000-event one (a 100,000-event diagram is
//      millions of pixels tall, more than an image can hold); the best of three exports
//      after a first, whose figures are printed too (the paint threads' fonts and the
//      strips' memory are new then); and what a PNG export is made of, each part measured
//      apart (pngParts()), with the floor they set: a PNG cannot take less than its layout,
//      its compression and its file's sync, even if painting and writing took no time.
//
//   build/bin/bench_diagram            the figures of the targets (a few minutes at most)
//   build/bin/bench_diagram --quick    100,000 events for (a)-(c), 10,000 for (d)
//   build/bin/bench_diagram --only de  only those figures (e.g. under perf)

#include "ui/common/paintthreads.h"
#include "ui/export/diagramexporter.h"
#include "ui/export/exportviews.h"
#include "ui/export/pngstream.h"
#include "ui/sequence/sequencediagramview.h"
#include "ui/window/languagemanager.h"
#include "ui/window/mainwindow.h"

#include "model/playhead.h"
#include "model/tracemodel.h"
#include "trace/trace.h"

#include "tracestrings.h"

#include <QApplication>
#include <QBuffer>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QPainter>
#include <QSaveFile>
#include <QScrollBar>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>

#include <malloc.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <fstream>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace {

// A long exchange: data segments both ways, their ACKs, a drop and a retransmission now and
// then, state changes and calls at the start and the end, one event per 200 µs on average.
// The client's recv() blocks from the start to the end: a line the whole diagram long, which
// every viewport must draw (the worst case of finding what reaches into a strip).
tcplab::Trace makeTrace(int events)
{
    tcplab::Trace t;
    t.title = "benchmark";
    t.producer = "sim";
    t.events.reserve(std::size_t(events) + 8); // the trace as a reader leaves it, no slack
    t.add(tcplab::makeState(0, "server", "CLOSED", "LISTEN", "listen", "simulated"));
    t.add(tcplab::makeState(0, "client", "CLOSED", "SYN_SENT", "connect", "simulated"));
    t.add(tcplab::makeCall(0, "client", "connect", -1, "0"));
    t.add(tcplab::makeCall(500, "client", "recv", 1000, "EOF"));
    const std::size_t blocking = t.size() - 1;
    std::int64_t now = 1000;
    std::uint32_t seq = 1;
    for (int i = 0; static_cast<int>(t.size()) < events - 2; ++i) {
        const bool fromClient = i % 2 == 0;
        const bool dropped = i % 97 == 13;
        tcplab::SegmentHeader h;
        h.src = tcplab::ep(fromClient ? "client" : "server");
        h.dst = tcplab::ep(fromClient ? "server" : "client");
        h.flags = tcplab::flagsOf(fromClient ? "PSH+ACK" : "ACK");
        h.seqAbs = fromClient ? seq : 1;
        h.ackAbs = fromClient ? 1 : seq + 100;
        h.len = fromClient ? 100 : 0;
        h.win = 65535;
        tcplab::Event e =
            tcplab::makeSegment(now, h, 0, 0, dropped ? tcplab::kNoTime : now + 5000);
        e.rtx = i % 97 == 15;
        t.add(e);
        if (!fromClient)
            seq += 100;
        if (i % 50 == 0)
            t.add(tcplab::makeCall(now, "client", "send", 100, "100"));
        now += 200 + (i % 7) * 30;
    }
    t.add(tcplab::makeState(now, "client", "ESTABLISHED", "FIN_WAIT_1", "close / snd FIN",
                            "simulated"));
    t.add(tcplab::makeState(now + 5000, "server", "ESTABLISHED", "CLOSE_WAIT", "rcv FIN / snd ACK",
                            "simulated"));
    t.events[blocking].tEnd = now + 5000;
    return t;
}

double msSince(const QElapsedTimer &timer)
{
    return timer.nsecsElapsed() / 1e6;
}

// The process's memory, from /proc/self/status: resident now (VmRSS) and at its peak (VmHWM),
// in bytes. resetPeak() makes the peak the present (clear_refs); freed memory is given back
// to the system first, so that what was freed before does not count as room.
long long statusBytes(const char *field)
{
    std::ifstream in("/proc/self/status");
    std::string line;
    const std::size_t n = std::strlen(field);
    while (std::getline(in, line)) {
        if (line.compare(0, n, field) == 0 && line.size() > n && line[n] == ':')
            return std::stoll(line.substr(n + 1)) * 1024;
    }
    return 0;
}
long long rss() { return statusBytes("VmRSS"); }
long long peak() { return statusBytes("VmHWM"); }
void resetPeak()
{
    malloc_trim(0);
    std::ofstream("/proc/self/clear_refs") << "5";
}

// Runs the event loop until the window has nothing left to do: paints, the plots' deferred
// rebuilds. A pass that finds work takes long; two short ones in a row end it.
void settle()
{
    int quiet = 0;
    for (int pass = 0; pass < 200 && quiet < 2; ++pass) {
        QElapsedTimer t;
        t.start();
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents(QEventLoop::AllEvents);
        quiet = msSince(t) < 5 ? quiet + 1 : 0;
    }
}

// Counts the paints a widget receives.
class PaintCounter : public QObject {
public:
    int paints = 0;

protected:
    bool eventFilter(QObject *watched, QEvent *e) override
    {
        if (e->type() == QEvent::Paint)
            ++paints;
        return QObject::eventFilter(watched, e);
    }
};

QString target(bool met, const QString &what)
{
    return QStringLiteral("   [target %1: %2]").arg(what, met ? QStringLiteral("met")
                                                             : QStringLiteral("MISSED"));
}

QString thousands(long long n)
{
    return QLocale(QLocale::English).toString(n);
}

// (e)'s parts, measured apart on the diagram a PNG export draws: the layout (the models, the
// scene and its labels, as exportRun() makes them before the first pixel or SVG element);
// filling and painting its strips (as DiagramExporter::save() does, on as many threads); and
// compressing the painted strips (PngStream::compress(), on as many threads, the pixels
// painted beforehand); writing the compressed strips to the file; syncing it
// (QSaveFile::commit(), as every export does). Each the best of three.
struct PngParts {
    int threads = 1;
    QSize size;
    double layout = 1e18, fill = 1e18, paint = 1e18, compress = 1e18, write = 1e18, sync = 1e18,
           qtSave = 0;
};

// job(i) for i in [0, count), on `threads` threads (the paint threads and this one).
void onThreads(int threads, int count, const std::function<void(int)> &job)
{
    std::atomic<int> next{0};
    const std::function<void()> take = [&] {
        for (int i; (i = next++) < count;)
            job(i);
    };
    PaintThreads workers(threads - 1, take);
    take();
    workers.wait();
}

PngParts pngParts(const tcplab::Trace &trace, const QString &file)
{
    PngParts parts;
    parts.threads = std::max(1, QThread::idealThreadCount());
    for (int run = 0; run < 3; ++run) {
        QElapsedTimer timer;
        timer.start();
        ExportContext context(trace);
        const std::unique_ptr<DiagramPainter> painter =
            createExportPainter(QStringLiteral("sequence"), context);
        parts.size = DiagramExporter::resolvedSize(*painter, QSize(1000, 0));
        painter->prepare(QSizeF(parts.size), parts.threads);
        parts.layout = std::min(parts.layout, msSince(timer));

        const int stripRows = DiagramExporter::pngStripRows(parts.size.width());
        const int strips = (parts.size.height() + stripRows - 1) / stripRows;
        std::vector<QImage> images(std::size_t(strips),
                                   QImage(parts.size.width(), stripRows, QImage::Format_RGB32));
        for (QImage &image : images)
            image.fill(Qt::white); // (its memory touched before it is timed)
        const auto rowsOf = [&](int i) {
            return std::min(stripRows, parts.size.height() - i * stripRows);
        };
        timer.restart();
        onThreads(parts.threads, strips, [&](int i) { images[std::size_t(i)].fill(Qt::white); });
        parts.fill = std::min(parts.fill, msSince(timer));
        timer.restart();
        onThreads(parts.threads, strips, [&](int i) {
            QImage &image = images[std::size_t(i)];
            image.fill(Qt::white);
            QPainter p(&image);
            p.setRenderHint(QPainter::Antialiasing);
            p.setRenderHint(QPainter::TextAntialiasing);
            painter->paintStrip(p, QSizeF(parts.size), i * stripRows, rowsOf(i));
        });
        parts.paint = std::min(parts.paint, msSince(timer));

        std::vector<PngStream::Band> bands;
        bands.resize(std::size_t(strips));
        for (int i = 0; i < strips; ++i) // (the bands' buffers made before they are timed)
            PngStream::compress(images[std::size_t(i)], parts.size.width(), rowsOf(i),
                                bands[std::size_t(i)]);
        timer.restart();
        onThreads(parts.threads, strips, [&](int i) {
            PngStream::compress(images[std::size_t(i)], parts.size.width(), rowsOf(i),
                                bands[std::size_t(i)]);
        });
        parts.compress = std::min(parts.compress, msSince(timer));

        timer.restart();
        {
            QSaveFile saved(file);
            saved.open(QIODevice::WriteOnly);
            PngStream png(&saved, parts.size);
            for (const PngStream::Band &band : bands)
                png.add(band);
            const bool written = png.finish() && saved.flush();
            parts.write = std::min(parts.write, msSince(timer));
            timer.restart();
            if (!saved.commit() || !written)
                QTextStream(stdout) << "    writing " << file << " FAILED\n";
            parts.sync = std::min(parts.sync, msSince(timer));
        }
        QFile::remove(file);

        if (run == 0) {
            QImage whole(parts.size, QImage::Format_RGB32);
            for (int i = 0; i < strips; ++i) {
                QPainter p(&whole);
                p.drawImage(QPoint(0, i * stripRows), images[std::size_t(i)],
                            QRect(0, 0, parts.size.width(), rowsOf(i)));
            }
            QBuffer buffer;
            buffer.open(QIODevice::WriteOnly);
            timer.restart();
            whole.save(&buffer, "PNG");
            parts.qtSave = msSince(timer);
        }
    }
    return parts;
}

} // namespace

int main(int argc, char **argv)
{
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QTextStream out(stdout);
    const bool quick = app.arguments().contains(QStringLiteral("--quick"));
    const int appEvents = quick ? 100'000 : 1'000'000;
    const int exportEvents = quick ? 10'000 : 100'000;
    QString only = QStringLiteral("abcde");
    if (const qsizetype at = app.arguments().indexOf(QStringLiteral("--only"));
        at >= 0 && at + 1 < app.arguments().size())
        only = app.arguments().at(at + 1);
    const auto runs = [&only](char figure) { return only.contains(QLatin1Char(figure)); };
    out.setRealNumberNotation(QTextStream::FixedNotation);
    out.setRealNumberPrecision(1);
    if (quick)
        out << "--quick: " << thousands(appEvents) << " events for (a)-(c), "
            << thousands(exportEvents) << " for (d); the targets are for 1,000,000 and 100,000\n";

    // Settings and lessons' progress go to a fresh folder: the user's are neither read nor
    // changed.
    QStandardPaths::setTestModeEnabled(true);
    QTemporaryDir dir;
    qputenv("TCPLAB_SETTINGS", dir.filePath(QStringLiteral("settings.ini")).toLocal8Bit());

    tcplab::Trace kept; // the trace again, for (c)
    if (runs('a') || runs('b') || runs('c')) {
        // ---- (a), (b): the trace arrives in the window ----
        LanguageManager languages;
        MainWindow window(&languages);
        window.resize(1600, 1000);
        window.show();
        settle();
        SequenceDiagramView *view = window.sequenceView();
        PaintCounter counter;
        view->viewport()->installEventFilter(&counter);

        resetPeak();
        const long long base = rss();
        tcplab::Trace trace = makeTrace(appEvents);
        const long long traceBytes = rss() - base;
        const double events = double(trace.size());
        kept = trace;
        resetPeak();
        const long long before = rss(); // the trace made, its copy for (c) too
        QElapsedTimer timer;
        timer.start();
        window.traceModel()->setTrace(std::move(trace));
        const double modelMs = msSince(timer);
        settle();
        const double readyMs = msSince(timer);
        const long long grown = peak() - before;
        const int painted = counter.paints;
        out << "(a) " << thousands(qint64(events)) << "-event trace into the window ("
            << view->viewport()->width() << "x" << view->viewport()->height()
            << " diagram viewport), until it has painted and is idle: " << readyMs << " ms"
            << target(readyMs < 3000 && appEvents >= 1'000'000, QStringLiteral("< 3000 ms"))
            << "\n";
        out << "      setTrace() (models, the scene's times and bands): " << modelMs
            << " ms; then the event loop (layout, first paint, plots): " << readyMs - modelMs
            << " ms; the diagram painted " << painted << " time(s)\n";

        // Scrolling far: the first paint at a place not painted before.
        QScrollBar *bar = view->verticalScrollBar();
        double worstJump = 0;
        for (const double at : {0.0, 0.5, 0.25, 0.75, 1.0}) {
            QElapsedTimer jump;
            jump.start();
            bar->setValue(int(bar->maximum() * at));
            view->viewport()->repaint();
            worstJump = std::max(worstJump, msSince(jump));
        }
        out << "      then a jump to the start, middle, a quarter, three quarters, the end: worst "
            << worstJump << " ms for the first paint there\n";

        const double perEvent = double(traceBytes + grown) / events;
        out << "(b) peak memory growth: " << perEvent << " B/event (the trace "
            << double(traceBytes) / events << ", what the window builds "
            << double(grown) / events << ")"
            << target(perEvent <= 200, QStringLiteral("<= 200 B/event")) << "\n";
        out.flush();
    }

    if (runs('c')) {
        // ---- (c): scrolling, a 1000x800 viewport ----
        TraceModel model;
        Playhead playhead;
        playhead.setModel(&model);
        model.setTrace(std::move(kept));
        SequenceDiagramView view(&model, &playhead);
        view.setFrameShape(QFrame::NoFrame);
        view.setLegendVisible(false);
        view.resize(1000, 800);
        view.setAttribute(Qt::WA_DontShowOnScreen);
        QElapsedTimer timer;
        timer.start();
        view.show(); // the scene is laid out when the view is first shown
        // The viewport 1000x800 beside the scroll bar.
        view.resize(view.size() + QSize(1000, 800) - view.viewport()->size());
        QImage image(view.viewport()->size(), QImage::Format_ARGB32_Premultiplied);
        view.viewport()->render(&image);
        const double firstMs = msSince(timer);
        QScrollBar *bar = view.verticalScrollBar();
        const int frames = 200;
        double worst = 0, total = 0;
        for (int i = 0; i < frames; ++i) {
            // Through the whole diagram, as a user dragging the scroll bar would.
            bar->setValue(int(double(bar->maximum()) * i / (frames - 1)));
            QElapsedTimer frame;
            frame.start();
            view.viewport()->render(&image);
            const double ms = msSince(frame);
            total += ms;
            worst = std::max(worst, ms);
        }
        out << "(c) " << thousands(model.rowCount()) << "-event diagram ("
            << thousands(qint64(view.scene().height())) << " px tall), a "
            << view.viewport()->width() << "x" << view.viewport()->height()
            << " viewport at " << frames << " positions: " << total / frames << " ms average, "
            << worst << " ms worst"
            << target(worst < 16, QStringLiteral("worst < 16 ms")) << "\n";
        out << "      (shown and first painted, the scene laid out at that width: " << firstMs
            << " ms)\n";
        out.flush();
    }

    // ---- (d): a 100,000-event run's sequence diagram to SVG ----
    QTemporaryDir files;
    auto exportMs = [&files](const tcplab::Trace &trace, const char *format, long long *grown,
                             qint64 *bytes) {
        const QString file = files.filePath(QStringLiteral("bench.") + QLatin1String(format));
        QString error;
        tcplab::Trace copy = trace; // the app's export draws its own copy
        resetPeak();
        const long long before = rss();
        QElapsedTimer timer;
        timer.start();
        const bool ok = exportRun(QStringLiteral("sequence"), std::move(copy), file,
                                  QSize(1000, 0), ExportRange(), 0, &error);
        const double ms = msSince(timer);
        if (grown)
            *grown = peak() - before;
        *bytes = QFileInfo(file).size();
        QFile::remove(file);
        if (!ok)
            QTextStream(stdout) << "    export to " << format << " FAILED: " << error << "\n";
        return ms;
    };
    if (runs('d')) {
        const tcplab::Trace trace = makeTrace(exportEvents);
        const double traceBytes = double(trace.size()) * sizeof(tcplab::Event);
        long long grown = 0;
        qint64 bytes = 0;
        const double ms = exportMs(trace, "svg", &grown, &bytes);
        out << "(d) " << thousands(qint64(trace.size())) << "-event diagram to SVG ("
            << thousands(bytes >> 10) << " KiB): " << ms << " ms"
            << target(ms < 2000 && exportEvents >= 100'000, QStringLiteral("< 2000 ms"))
            << "\n";
        out << "      peak memory growth " << thousands(grown >> 20) << " MiB, "
            << double(grown) / traceBytes << " times the trace's "
            << QString::number(traceBytes / (1 << 20), 'f', 1)
            << " MiB (its copy exported included; target: independent of the trace's length)\n";
        out.flush();
    }

    // ---- (e): PNG against SVG, a 1,000-event diagram ----
    if (runs('e')) {
        const tcplab::Trace trace = makeTrace(1000);
        double best[2] = {1e18, 1e18}, first[2] = {0, 0};
        qint64 bytes[2] = {0, 0};
        for (int run = 0; run < 4; ++run) { // the best of three after the first
            for (int f = 0; f < 2; ++f) {
                const double ms = exportMs(trace, f == 0 ? "svg" : "png", nullptr, &bytes[f]);
                if (run == 0)
                    first[f] = ms;
                else
                    best[f] = std::min(best[f], ms);
            }
        }
        const double ratio = best[1] / best[0];
        out << "(e) 1,000-event diagram: SVG " << best[0] << " ms (" << thousands(bytes[0] >> 10)
            << " KiB), PNG " << best[1] << " ms (" << thousands(bytes[1] >> 10)
            << " KiB), PNG/SVG " << QString::number(ratio, 'f', 2)
            << target(ratio <= 2, QStringLiteral("<= 2")) << "\n";
        out << "      the process's first exports (new paint threads and buffers): SVG "
            << first[0] << " ms, PNG " << first[1] << " ms\n";
        const PngParts parts = pngParts(trace, files.filePath(QStringLiteral("parts.png")));
        // (In an export the file is written while the strips are painted: its writing is left
        // out of the floor, its sync after the last strip is not.)
        const double floor = parts.layout + parts.compress + parts.sync;
        out << "      what a PNG export is made of (" << parts.threads
            << " threads, the best of 3): the layout both formats start with " << parts.layout
            << " ms;\n      filling and painting the strips " << parts.paint
            << " ms (filling alone " << parts.fill << " ms); compressing them " << parts.compress
            << " ms; writing the file " << parts.write << " ms; syncing it " << parts.sync
            << " ms\n";
        out << "      a PNG's floor here (its layout, compression and sync; painting and writing "
               "free): "
            << floor << " ms, " << QString::number(floor / best[0], 'f', 2)
            << " times the SVG;\n      Qt's own PNG writer (QImage::save(), zlib) on the same "
            << thousands(qint64(parts.size.width())) << "x"
            << thousands(qint64(parts.size.height())) << " picture: " << parts.qtSave << " ms\n";
    }
    return 0;
}
