// How fast the sequence diagram paints: one viewport of a 100,000-event trace (what scrolling
// costs), and exporting a 1,000-event diagram to SVG and PNG. Prints figures; asserts nothing.

#include "ui/export/diagramexporter.h"
#include "ui/sequence/sequencediagrampainter.h"
#include "ui/sequence/sequencediagramrenderer.h"
#include "ui/sequence/sequencescene.h"

#include "trace/trace.h"

#include "tracestrings.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QImage>
#include <QPainter>
#include <QTemporaryDir>
#include <QTextStream>

namespace {

// A long exchange: data segments both ways, their ACKs, a drop and a retransmission now and
// then, state changes and calls at the start and the end, one event per 200 µs on average.
tcplab::Trace makeTrace(int events)
{
    tcplab::Trace t;
    t.title = "benchmark";
    t.producer = "sim";
    t.add(tcplab::makeState(0, "server", "CLOSED", "LISTEN", "listen", "simulated"));
    t.add(tcplab::makeState(0, "client", "CLOSED", "SYN_SENT", "connect", "simulated"));
    t.add(tcplab::makeCall(0, "client", "connect", -1, "0"));
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
    return t;
}

double msSince(const QElapsedTimer &timer)
{
    return timer.nsecsElapsed() / 1e6;
}

} // namespace

int main(int argc, char **argv)
{
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QTextStream out(stdout);

    // ---- One viewport of a 100,000-event trace ----
    const tcplab::Trace big = makeTrace(100'000);
    QElapsedTimer timer;
    timer.start();
    SequenceScene scene;
    scene.setTrace(&big);
    scene.layout(1000, 1.0, false);
    const double layoutMs = msSince(timer);
    SequenceDiagramRenderer renderer(scene);
    renderer.setCurrent(int(big.size()) / 2);
    QImage viewport(1000, 800, QImage::Format_ARGB32_Premultiplied);
    const int frames = 200;
    double worst = 0;
    timer.start();
    for (int i = 0; i < frames; ++i) {
        // Scroll through the whole diagram, as a user dragging the scroll bar would.
        const double top = (scene.height() - 800) * i / (frames - 1);
        QElapsedTimer frame;
        frame.start();
        viewport.fill(Qt::white);
        QPainter p(&viewport);
        p.translate(0, -top);
        renderer.paintBody(p, QRectF(0, top, 1000, 800));
        p.resetTransform();
        renderer.paintHeader(p, 0);
        p.end();
        worst = std::max(worst, msSince(frame));
    }
    const double perFrame = msSince(timer) / frames;
    out << "100,000-event trace (" << big.size() << " events), diagram " << int(scene.height())
        << " px tall\n";
    out << "  scene (times, bands, layout), once per trace or zoom: " << layoutMs << " ms\n";
    out << "  paint one 1000x800 viewport: " << perFrame << " ms average, " << worst
        << " ms worst, over " << frames << " positions\n";

    // ---- Export a 1,000-event diagram ----
    const tcplab::Trace small = makeTrace(1000);
    SequenceDiagramPainter::Settings settings;
    settings.render.fadeFuture = false;
    settings.render.showPlayhead = false;
    const SequenceDiagramPainter painter(small, settings);
    QTemporaryDir dir;
    for (const char *format : {"svg", "png"}) {
        const QString file = dir.filePath(QStringLiteral("bench.") + QLatin1String(format));
        QString error;
        timer.start();
        const bool ok = DiagramExporter::save(painter, file, QSize(1000, 0), &error);
        const double ms = msSince(timer);
        const QSize size = DiagramExporter::resolvedSize(painter, QSize(1000, 0));
        out << "1,000-event diagram (" << size.width() << "x" << size.height() << ") to " << format
            << ": " << ms << " ms, " << QFileInfo(file).size() / 1024 << " KiB"
            << (ok ? "" : " FAILED: ") << error << "\n";
    }
    return 0;
}
