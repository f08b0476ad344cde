#include "ui/common/traceloader.h"

#include "model/messagetext.h"
#include "sim/simulator.h"
#include "trace/jsonl.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>
#include <fstream>
#include <sstream>

bool TraceLoader::isScenario(const QString &fileName)
{
    return QFileInfo(fileName).suffix().compare(QLatin1String("tcplab"), Qt::CaseInsensitive) == 0;
}

bool TraceLoader::readText(const QString &fileName, QByteArray &out, QString *error)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("Cannot open %1: %2").arg(fileName, file.errorString());
        return false;
    }
    out = file.readAll();
    return true;
}

TraceLoader::Result TraceLoader::loadFile(const QString &fileName)
{
    Result r;
    if (!isScenario(fileName) && !fileName.startsWith(QLatin1Char(':')))
        return readTraceFile(fileName);
    QByteArray data;
    if (!readText(fileName, data, &r.error))
        return r;
    if (isScenario(fileName))
        return runScenario(QString::fromUtf8(data), fileName);
    return readTrace(data, fileName);
}

tcplab::Event TraceLoader::failureNote(const tcplab::Trace &trace, const scenario::RunResult &run)
{
    std::int64_t end = 0;
    for (const tcplab::Event &e : trace.events)
        end = std::max(end, e.t);
    // The note's message is translated in the "scenario" context, with lib/scenario's.
    const tcplab::Message did = tcplab::message(
        QT_TRANSLATE_NOOP("scenario", "did not hold: %1"),
        run.why.empty() ? tcplab::word(run.message) : scenario::lineMessage(run.line, run.why));
    tcplab::Event note = tcplab::makeNote(end, did);
    note.line = run.line;
    return note;
}

QString TraceLoader::runMessage(const scenario::RunResult &run)
{
    if (run.why.empty())
        return QString::fromStdString(run.message);
    return MessageText::translated(scenario::lineMessage(run.line, run.why));
}

QString TraceLoader::runFailure(const scenario::RunResult &run)
{
    if (!run.why.empty())
        return MessageText::translated(run.why);
    QString what = QString::fromStdString(run.message);
    what.remove(QRegularExpression(QStringLiteral("^line \\d+: ")));
    return what;
}

TraceLoader::Result TraceLoader::runScenario(const QString &text, const QString &fileName)
{
    Result r;
    scenario::Scenario s;
    const std::string name = QFileInfo(fileName).fileName().toStdString();
    if (!scenario::parseScenario(text.toStdString(), name, s, r.parseErrors)) {
        QStringList lines; // "file:line:column: message" (ParseError::format), in the UI's language
        for (const auto &e : r.parseErrors)
            lines.append(QStringLiteral("%1:%2:%3: ")
                             .arg(QString::fromStdString(name))
                             .arg(e.line)
                             .arg(e.column) +
                         MessageText::translated(e.what, e.message));
        r.error = lines.join(QLatin1Char('\n'));
        return r;
    }
    const scenario::RunResult run = sim::runScenario(s, r.trace);
    if (!run.ok) {
        r.runMessage = runMessage(run);
        r.runFailure = runFailure(run);
        r.failedLine = run.line;
        r.trace.add(failureNote(r.trace, run)); // the views say it too, where the run ended
    }
    r.trace.title = titleOf(s, fileName);
    r.ok = true;
    return r;
}

std::string TraceLoader::titleOf(const scenario::Scenario &s, const QString &fileName)
{
    if (!s.title.empty())
        return s.titleIn(MessageText::language());
    return QFileInfo(fileName).completeBaseName().toStdString();
}

namespace {

TraceLoader::Result readStream(std::istream &in, const QString &fileName,
                               const tcplab::ReadProgress &progress)
{
    TraceLoader::Result r;
    std::string error;
    if (!tcplab::readJsonl(in, r.trace, error, progress)) {
        r.cancelled = error == "cancelled";
        r.error = TraceLoader::tr("%1: %2").arg(fileName, QString::fromStdString(error));
        r.trace = tcplab::Trace();
        return r;
    }
    r.trace.sortByTime();
    if (r.trace.title.empty())
        r.trace.title = QFileInfo(fileName).completeBaseName().toStdString();
    r.ok = true;
    return r;
}

} // namespace

TraceLoader::Result TraceLoader::readTrace(const QByteArray &jsonl, const QString &fileName)
{
    std::istringstream in(jsonl.toStdString());
    return readStream(in, fileName, {});
}

TraceLoader::Result TraceLoader::readTraceFile(const QString &fileName,
                                               const tcplab::ReadProgress &progress)
{
    std::ifstream in(QFile::encodeName(fileName).toStdString(), std::ios::binary);
    if (!in) {
        QFile probe(fileName); // its error string says why, in Qt's words
        probe.open(QIODevice::ReadOnly);
        Result r;
        r.error = tr("Cannot open %1: %2").arg(fileName, probe.errorString());
        return r;
    }
    return readStream(in, fileName, progress);
}
