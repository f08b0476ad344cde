#include "ui/lab/labdrun.h"

#include "ui/lab/labdprocess.h"

#include <QEventLoop>
#include <QStringList>

#include <utility>

LabdRun::LabdRun(QObject *parent)
    : QObject(parent)
    , m_process(new LabdProcess(this))
{
    connect(m_process, &LabdProcess::eventArrived, this, [this](const tcplab::Event &event) {
        m_result.trace.add(event);
        Q_EMIT eventArrived(event);
    });
    connect(m_process, &LabdProcess::done, this,
            [this](bool ok, int line, const QString &message, const tcplab::Message &why) {
                m_result.ok = ok;
                m_result.line = line;
                m_result.message = message;
                m_result.why = why;
            });
    // A bad file is reported mistake by mistake; any one of them says why nothing ran.
    connect(m_process, &LabdProcess::failed, this,
            [this](const QString &message) { m_result.error = message; });
    connect(m_process, &LabdProcess::finished, this, &LabdRun::helperFinished);
}

void LabdRun::start(const QString &scenarioFile, const QString &pcapFile)
{
    m_result = Result();
    m_result.trace.producer = "live";
    m_finished = false;
    QStringList args{QStringLiteral("run"), scenarioFile};
    if (!pcapFile.isEmpty())
        args << QStringLiteral("--pcap") << pcapFile;
    m_process->start(args); // a missing helper is reported through failed() and finished()
}

void LabdRun::helperFinished(int exitCode)
{
    m_result.exitCode = exitCode;
    // The capture and the state poller report independently: a segment can arrive after the
    // state change it caused.
    m_result.trace.sortByTime();
    m_finished = true;
    Q_EMIT finished();
}

LabdRun::Result LabdRun::runToEnd(const QString &scenarioFile, const QString &pcapFile)
{
    LabdRun run;
    QEventLoop loop;
    connect(&run, &LabdRun::finished, &loop, &QEventLoop::quit);
    run.start(scenarioFile, pcapFile);
    if (!run.isFinished()) // a missing helper finishes inside start()
        loop.exec();
    return std::move(run.m_result);
}
