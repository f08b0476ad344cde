#pragma once
// Runs tcplab-labd and reads its JSON Lines: trace events into a Trace, the protocol lines
// (ready, reply, done, error) beside them. Shared by the live suites.

#include "tracestrings.h"
#include "trace/labdstream.h"
#include "trace/textformat.h"

#include <QByteArray>
#include <QFile>
#include <QTemporaryDir>
#include <QProcess>
#include <QStringList>
#include <QTest>

#include <functional>
#include <vector>

namespace labdtest {

inline QString labdPath() { return QStringLiteral(TCPLAB_LABD); }

// Writes text to the file name in dir (a scenario for a run); its path.
inline QString writeFile(const QTemporaryDir &dir, const char *name, const char *text)
{
    const QString path = dir.filePath(QString::fromLatin1(name));
    QFile f(path);
    if (f.open(QIODevice::WriteOnly))
        f.write(text);
    return path;
}
inline QString sourceDir() { return QStringLiteral(TCPLAB_SOURCE_DIR); }

struct Output {
    int exitCode = -1;
    tcplab::Trace trace;
    std::vector<tcplab::LabdMessage> protocol; // ready, reply, done, error
    QStringList unreadable;                     // lines the stream's reader refused, and why
    QStringList lines;
    QString stderrText;

    // The protocol line of this kind (Done), the last one if several; Unreadable if none.
    tcplab::LabdMessage last(tcplab::LabdMessage::Kind kind) const
    {
        tcplab::LabdMessage found;
        for (const tcplab::LabdMessage &m : protocol) {
            if (m.kind == kind)
                found = m;
        }
        return found;
    }
    // The last reply's, done's or error's message ("" if there is none).
    QString message(tcplab::LabdMessage::Kind kind) const
    {
        const tcplab::LabdMessage m = last(kind);
        return m.kind == kind ? QString::fromStdString(m.message) : QString();
    }
    int count(tcplab::LabdMessage::Kind kind) const
    {
        int n = 0;
        for (const tcplab::LabdMessage &m : protocol)
            n += m.kind == kind;
        return n;
    }
};

// Feeds one line of labd's output into out: events into the trace, control lines into protocol,
// through the stream's own reader (trace/labdstream.h).
inline void addLine(Output &out, const QByteArray &raw)
{
    const std::string line = raw.trimmed().toStdString();
    if (line.empty())
        return;
    out.lines << QString::fromStdString(line);
    const tcplab::LabdMessage m = tcplab::parseLabdLine(line);
    if (m.kind == tcplab::LabdMessage::Event)
        out.trace.add(m.event);
    else if (m.kind == tcplab::LabdMessage::Unreadable)
        out.unreadable << QString::fromStdString(m.message) + QStringLiteral(": ")
                              + QString::fromStdString(line);
    else if (m.kind != tcplab::LabdMessage::Other)
        out.protocol.push_back(m);
}

// inChild, if given, runs in the forked child before exec (e.g. to set a resource limit).
inline Output runLabd(const QStringList &args, int timeoutMs = 120000,
                      const std::function<void()> &inChild = {})
{
    Output out;
    QProcess p;
    if (inChild)
        p.setChildProcessModifier(inChild);
    p.start(labdPath(), args);
    if (!p.waitForStarted() || !p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        out.stderrText = QStringLiteral("tcplab-labd did not finish");
        return out;
    }
    const QList<QByteArray> lines = p.readAllStandardOutput().split('\n');
    for (const QByteArray &l : lines)
        addLine(out, l);
    out.stderrText = QString::fromLocal8Bit(p.readAllStandardError());
    out.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    return out;
}

// "" when the live lab can run here, else why not (labd's own one-sentence reason).
inline QString liveLabUnavailable()
{
    QProcess p;
    p.start(labdPath(), {QStringLiteral("interactive")});
    if (!p.waitForStarted())
        return QStringLiteral("cannot start ") + labdPath();
    p.write("quit\n");
    p.closeWriteChannel();
    if (!p.waitForFinished(30000))
        return QStringLiteral("tcplab-labd did not answer");
    if (p.exitCode() == 0)
        return {};
    Output out;
    for (const QByteArray &l : p.readAllStandardOutput().split('\n'))
        addLine(out, l);
    const QString why = out.message(tcplab::LabdMessage::Error);
    return why.isEmpty() ? QStringLiteral("tcplab-labd exited with %1").arg(p.exitCode()) : why;
}

// Each endpoint's state changes, "CLOSED -> SYN_SENT", in order.
inline QStringList chain(const tcplab::Trace &t, const std::string &ep)
{
    QStringList out;
    for (const tcplab::Event &e : t.events) {
        if (e.type == tcplab::EventType::State && e.ep == tcplab::ep(ep))
            out << QString::fromStdString(std::string(tcp::stateName(e.from)) + " -> "
                                          + tcp::stateName(e.to));
    }
    return out;
}

// "client->server FIN+ACK", with " dropped" and " rtx" when so.
inline QStringList segments(const tcplab::Trace &t)
{
    QStringList out;
    for (const tcplab::Event &e : t.events) {
        if (e.type != tcplab::EventType::Segment)
            continue;
        out << QString::fromStdString(tcplab::endpointName(e.src) + "->"
                                      + tcplab::endpointName(e.dst) + " "
                                      + tcp::flagsName(e.flags)
                                      + (e.dropped ? " dropped" : "") + (e.rtx ? " rtx" : ""));
    }
    return out;
}

inline bool hasState(const tcplab::Trace &t, const std::string &ep, const std::string &to,
                     const std::string &source)
{
    for (const tcplab::Event &e : t.events) {
        if (e.type == tcplab::EventType::State && e.ep == tcplab::ep(ep)
            && tcp::stateName(e.to) == to && tcplab::stateSourceName(e.source) == source)
            return true;
    }
    return false;
}

inline QString dump(const Output &o)
{
    return o.lines.join(QLatin1Char('\n')) + QLatin1Char('\n') + o.stderrText;
}

} // namespace labdtest

// Live tests never skip silently: under CI=true a lab that cannot start is a failure.
#define REQUIRE_LIVE_LAB()                                                                        \
    do {                                                                                          \
        const QString why_ = labdtest::liveLabUnavailable();                                      \
        if (!why_.isEmpty()) {                                                                    \
            if (qgetenv("CI") == "true")                                                          \
                QFAIL(qPrintable(QStringLiteral("the live lab cannot run: ") + why_));            \
            QSKIP(qPrintable(QStringLiteral("the live lab cannot run: ") + why_));                \
        }                                                                                         \
    } while (false)
