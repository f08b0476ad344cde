// What holding every segment costs the live lab (issue 12): per held segment, the time from
// reading it off the queue to its verdict (the sock_diag snapshot included, and that snapshot
// alone); and the live handshake-and-close with and without holding (tcplab-labd --no-hold
// polls as before): the scenario's own time (from its first call to the last call's return)
// the client's connect() (two segments there and back); and the helper's whole wall time, broken
// down: set-up (namespace, endpoint processes, queue rules), the steps, settling (until the
// kernel says both endpoints are at rest, or 300 ms without an event) and exit.
// Medians of N runs. Prints figures; asserts nothing.
//
//   build/bin/bench_queue [N]      (N defaults to 21; needs the live lab, as its tests do)

#include "trace/labdstream.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QRegularExpression>
#include <QTextStream>

#include <algorithm>
#include <vector>

namespace {

struct Run {
    bool ok = false;
    double wallMs = 0;      // the helper's life, as its parent sees it
    double readyMs = 0;     // of which until its ready line: namespace, endpoint processes, queue
    double doneMs = 0;      // until its done line
    double lastMs = 0;      // the last call's return, in the trace's clock (0: the ready line)
    double scenarioMs = 0;  // first call issued to last call returned, in the trace's own clock
    double connectUs = 0;   // the client's connect(): SYN and SYN+ACK there and back
    int held = 0;           // segments held
    double holdUs = 0;      // mean per held segment: queue to verdict
    double snapshotUs = 0;  // of which the snapshot
    int inferred = -1;
    QString error;
};

Run runOnce(bool hold)
{
    Run r;
    QStringList args = {QStringLiteral("run"),
                        QStringLiteral(TCPLAB_SOURCE_DIR
                                       "/resources/scenarios/handshake-and-close.tcplab"),
                        QStringLiteral("--stats")};
    if (!hold)
        args << QStringLiteral("--no-hold");
    QProcess p;
    QElapsedTimer clock;
    clock.start();
    p.start(QStringLiteral(TCPLAB_LABD), args);
    // Read as it comes, each line stamped: where the wall time goes.
    QList<QByteArray> lines;
    QByteArray partial;
    while (p.state() != QProcess::NotRunning || p.bytesAvailable() > 0) {
        if (p.bytesAvailable() == 0 && !p.waitForReadyRead(100) && clock.elapsed() > 60000)
            break;
        partial += p.readAllStandardOutput();
        int nl;
        while ((nl = partial.indexOf('\n')) >= 0) {
            const QByteArray line = partial.left(nl).trimmed();
            partial.remove(0, nl + 1);
            const double at = double(clock.nsecsElapsed()) / 1e6;
            const tcplab::LabdMessage m = tcplab::parseLabdLine(line.toStdString());
            if (m.kind == tcplab::LabdMessage::Ready)
                r.readyMs = at;
            else if (m.kind == tcplab::LabdMessage::Done)
                r.doneMs = at;
            lines << line;
        }
    }
    if (p.state() != QProcess::NotRunning && !p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        r.error = QStringLiteral("tcplab-labd did not finish");
        return r;
    }
    r.wallMs = double(clock.nsecsElapsed()) / 1e6;
    const QString err = QString::fromLocal8Bit(p.readAllStandardError());
    if (p.exitCode() != 0) {
        r.error = QStringLiteral("tcplab-labd exited with %1: %2").arg(p.exitCode()).arg(err.trimmed());
        return r;
    }
    std::int64_t first = -1, last = -1;
    for (const QByteArray &line : lines) {
        const tcplab::LabdMessage m = tcplab::parseLabdLine(line.toStdString());
        if (m.kind != tcplab::LabdMessage::Event || m.event.type != tcplab::EventType::Call)
            continue;
        if (m.event.call == tcp::Call::Connect && m.event.tEnd != tcplab::kNoTime)
            r.connectUs = double(m.event.tEnd - m.event.t);
        if (first < 0 || m.event.t < first)
            first = m.event.t;
        last = std::max(last, m.event.tEnd != tcplab::kNoTime ? m.event.tEnd : m.event.t);
    }
    r.scenarioMs = double(last - first) / 1000;
    r.lastMs = double(last) / 1000;
    static const QRegularExpression heldRe(
        QStringLiteral("(\\d+) segments held \\(([0-9.]+) us each .* of which ([0-9.]+) us"));
    static const QRegularExpression inferredRe(QStringLiteral("(\\d+) inferred state changes"));
    const QRegularExpressionMatch h = heldRe.match(err);
    if (h.hasMatch()) {
        r.held = h.captured(1).toInt();
        r.holdUs = h.captured(2).toDouble();
        r.snapshotUs = h.captured(3).toDouble();
    } else if (hold) {
        r.error = QStringLiteral("no segment was held: ") + err.trimmed();
        return r;
    }
    const QRegularExpressionMatch i = inferredRe.match(err);
    r.inferred = i.hasMatch() ? i.captured(1).toInt() : -1;
    r.ok = true;
    return r;
}

double median(std::vector<double> v)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

template <typename F>
double medianOf(const std::vector<Run> &runs, F field)
{
    std::vector<double> v;
    for (const Run &r : runs)
        v.push_back(field(r));
    return median(v);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    const int n = argc > 1 ? std::max(1, QString::fromLocal8Bit(argv[1]).toInt()) : 21;

    std::vector<Run> held, polled;
    // Interleaved, so that whatever else the machine does weighs on both alike.
    for (int i = 0; i < n; ++i) {
        for (const bool hold : {true, false}) {
            const Run r = runOnce(hold);
            if (!r.ok) {
                out << "bench_queue: " << r.error << "\n";
                return 1;
            }
            (hold ? held : polled).push_back(r);
        }
    }
    const double heldScenario = medianOf(held, [](const Run &r) { return r.scenarioMs; });
    const double polledScenario = medianOf(polled, [](const Run &r) { return r.scenarioMs; });
    const double segments = medianOf(held, [](const Run &r) { return double(r.held); });

    out << "live handshake-and-close, median of " << n << " runs each\n";
    out << qSetRealNumberPrecision(1) << Qt::fixed;
    out << "  per held segment: " << medianOf(held, [](const Run &r) { return r.holdUs; })
        << " us from the queue to the verdict, of which "
        << medianOf(held, [](const Run &r) { return r.snapshotUs; })
        << " us the sock_diag snapshot (" << segments << " segments held per run)\n";
    // The scenario's time holds the server's delayed ACK of the FIN (about 40 ms, as without
    // holding), which varies more than holding adds; connect() is the clean comparison.
    out << "  scenario (first call to last return, a ~40 ms delayed ACK included): held "
        << heldScenario << " ms, polled " << polledScenario << " ms\n";
    const double heldConnect = medianOf(held, [](const Run &r) { return r.connectUs; });
    const double polledConnect = medianOf(polled, [](const Run &r) { return r.connectUs; });
    out << "  connect() (SYN and SYN+ACK there and back): held " << heldConnect << " us, polled "
        << polledConnect << " us: +" << (heldConnect - polledConnect) / 2
        << " us per held segment\n";
    out << "  tcplab-labd wall time: held "
        << medianOf(held, [](const Run &r) { return r.wallMs; }) << " ms, polled "
        << medianOf(polled, [](const Run &r) { return r.wallMs; }) << " ms\n";
    // Where a held run's wall time goes. The trace's clock starts when the helper is ready.
    const double ready = medianOf(held, [](const Run &r) { return r.readyMs; });
    const double steps = medianOf(held, [](const Run &r) { return r.lastMs; });
    const double settle = medianOf(held, [](const Run &r) { return r.doneMs - r.readyMs - r.lastMs; });
    const double exit = medianOf(held, [](const Run &r) { return r.wallMs - r.doneMs; });
    out << "  held run's wall time (target < 150 ms): "
        << medianOf(held, [](const Run &r) { return r.wallMs; }) << " ms = set-up " << ready
        << " ms (process, namespace, endpoint processes, queue rules) + steps " << steps
        << " ms (from ready to the last call's return) + settling " << settle
        << " ms (until the kernel is at rest, the done line) + exit " << exit << " ms\n";
    out << "  inferred states per run: held "
        << medianOf(held, [](const Run &r) { return double(r.inferred); }) << ", polled "
        << medianOf(polled, [](const Run &r) { return double(r.inferred); }) << "\n";
    return 0;
}
