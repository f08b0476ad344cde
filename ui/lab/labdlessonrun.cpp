#include "ui/lab/labdlessonrun.h"

#include "ui/lab/labdprocess.h"

#include <QEventLoop>

#include <algorithm>
#include <sstream>
#include <utility>

LabdLessonRun::LabdLessonRun(QObject *parent)
    : QObject(parent)
    , m_process(new LabdProcess(this))
{
    connect(m_process, &LabdProcess::ready, this, &LabdLessonRun::sendNextLine);
    connect(m_process, &LabdProcess::eventArrived, this, [this](const tcplab::Event &event) {
        m_record.trace.add(event);
        Q_EMIT eventArrived(event);
    });
    connect(m_process, &LabdProcess::replied, this,
            [this](int line, bool ok, const QString &, const QString &message) {
                replied(line, ok, message);
            });
    connect(m_process, &LabdProcess::failed, this,
            [this](const QString &message) { m_error = message; });
    connect(m_process, &LabdProcess::finished, this, &LabdLessonRun::helperFinished);
}

void LabdLessonRun::start(const lesson::ScenarioSource &source)
{
    m_record = lesson::RunRecord();
    m_record.trace.title = source.scenario.title;
    m_record.trace.producer = "live";
    m_error.clear();
    m_endedAt.clear();
    m_stopping = false;
    m_finished = false;
    m_next = 0;
    // The helper numbers the lines it reads, so it gets one line per line of the file and its
    // line numbers are the file's; headers, which it refuses, become blank lines.
    m_stepLines.clear();
    for (const scenario::Step &s : source.scenario.steps)
        m_stepLines.insert(s.line);
    m_lines.clear();
    std::istringstream in(source.text);
    for (std::string line; std::getline(in, line);)
        m_lines.push_back(m_stepLines.count(int(m_lines.size()) + 1) ? line : std::string());
    m_process->start({QStringLiteral("interactive")});
}

void LabdLessonRun::sendNextLine()
{
    if (m_next >= m_lines.size()) {
        // The end of the scenario: the helper lets the run settle, says done and exits.
        m_stopping = true;
        m_process->stop();
        return;
    }
    m_process->sendLine(QString::fromStdString(m_lines[m_next++]));
}

void LabdLessonRun::replied(int line, bool ok, const QString &message)
{
    if (m_stopping || line != int(m_next))
        return;
    if (m_stepLines.count(line)) {
        if (!ok) { // as scenario::Runner::run: the first step that does not hold ends the run
            m_record.result.ok = false;
            m_record.result.line = line;
            m_record.result.message = message.toStdString();
            m_stopping = true;
            m_process->stop();
            return;
        }
        std::int64_t latest = 0;
        for (const tcplab::Event &e : m_record.trace.events)
            latest = std::max(latest, e.t);
        m_endedAt[line] = latest;
    }
    sendNextLine();
}

void LabdLessonRun::helperFinished(int exitCode)
{
    if (m_error.isEmpty() && exitCode != 0 && exitCode != 1)
        m_error = tr("The live lab's helper stopped (exit status %1).").arg(exitCode);
    // The helper streams a call when it returns and an inferred state when it is inferred, both
    // dated earlier: in time order calls precede the segments they sent. A step's boundary is
    // then every event up to its time: a later step cannot have begun before it ended.
    m_record.trace.sortByTime();
    const auto &events = m_record.trace.events;
    for (const auto &[line, t] : m_endedAt) {
        const auto after = std::upper_bound(
            events.begin(), events.end(), t,
            [](std::int64_t v, const tcplab::Event &e) { return v < e.t; });
        m_record.afterLine[line] = std::size_t(after - events.begin());
    }
    m_finished = true;
    Q_EMIT finished();
}

bool LabdLessonRun::runToEnd(const lesson::ScenarioSource &source, lesson::RunRecord &out,
                             std::string &error)
{
    LabdLessonRun run;
    QEventLoop loop;
    connect(&run, &LabdLessonRun::finished, &loop, &QEventLoop::quit);
    run.start(source);
    if (!run.isFinished())
        loop.exec();
    out = std::move(run.m_record);
    error = run.m_error.toStdString();
    return run.m_error.isEmpty();
}
