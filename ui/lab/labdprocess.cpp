#include "ui/lab/labdprocess.h"

#include "trace/labdstream.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <QTimer>

#include <csignal>
#include <sys/prctl.h>
#include <unistd.h>

LabdProcess::LabdProcess(QObject *parent)
    : QObject(parent)
{
    connect(&m_process, &QProcess::readyReadStandardOutput, this, &LabdProcess::readOutput);
    connect(&m_process, &QProcess::finished, this, &LabdProcess::processFinished);
    connect(&m_process, &QProcess::errorOccurred, this, &LabdProcess::processError);
}

LabdProcess::~LabdProcess()
{
    if (isRunning()) {
        m_process.disconnect(this);
        m_process.kill();
        m_process.waitForFinished(1000);
    }
}

QString LabdProcess::helperPath()
{
    return QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("tcplab-labd"));
}

bool LabdProcess::start(const QStringList &args)
{
    m_buffer.clear();
    m_lastError.clear();
    m_reportedFailure = false;
    const QString path = helperPath();
    if (!QFileInfo(path).isExecutable()) {
        m_reportedFailure = true;
        Q_EMIT failed(tr("The live lab helper %1 is missing: build the target tcplab-labd. "
                         "The simulator still works.")
                          .arg(path));
        Q_EMIT finished(-1);
        return false;
    }
    // The helper must not outlive this process, however it ends (issue 11, item 5). Its own
    // main() asks for a parent-death signal, but only after exec and the dynamic loader: a
    // parent killed before then left an orphan that ran the whole scenario. So ask for it in the
    // child between fork and exec, then check the parent is still this process: had it died
    // before the prctl, the child was already re-parented and no signal would ever come.
    // Async-signal-safe only (no allocation, no lock): prctl, getppid, _exit. The signal follows
    // the death of the *thread* that forked, so start() belongs to a thread that lives as long
    // as the process (the main thread, in the CLI and the app).
    const pid_t parent = ::getpid();
    m_process.setChildProcessModifier([parent] {
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent)
            ::_exit(127);
    });
    // The helper checks again in main(): exec of a helper given file capabilities (setcap, for
    // `watch`) clears the parent-death signal, so main() sets it anew and must know whom to
    // compare with.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("TCPLAB_LABD_PARENT"), QString::number(parent));
    m_process.setProcessEnvironment(env);
    m_process.start(path, args);
    return true;
}

void LabdProcess::sendLine(const QString &line)
{
    if (isRunning())
        m_process.write(line.toUtf8() + '\n');
}

void LabdProcess::stop()
{
    if (!isRunning())
        return;
    m_process.write("quit\n");
    m_process.closeWriteChannel();
    QTimer::singleShot(3000, &m_process, [this] {
        if (isRunning())
            m_process.terminate();
    });
}

void LabdProcess::readOutput()
{
    m_buffer += m_process.readAllStandardOutput();
    int nl;
    while ((nl = m_buffer.indexOf('\n')) >= 0) {
        const QByteArray line = m_buffer.left(nl).trimmed();
        m_buffer.remove(0, nl + 1);
        if (!line.isEmpty())
            handleLine(line);
    }
}

void LabdProcess::handleLine(const QByteArray &line)
{
    const tcplab::LabdMessage m = tcplab::parseLabdLine(line.toStdString());
    const QString message = QString::fromStdString(m.message);
    switch (m.kind) {
    case tcplab::LabdMessage::Unreadable:
        Q_EMIT failed(
            tr("Unreadable output from the live lab helper: %1").arg(QString::fromUtf8(line)));
        break;
    case tcplab::LabdMessage::Ready:
        Q_EMIT ready();
        break;
    case tcplab::LabdMessage::Reply:
        Q_EMIT replied(m.line, m.ok, QString::fromStdString(m.result), message, m.why);
        break;
    case tcplab::LabdMessage::Returned:
        Q_EMIT callReturned(m.line, QString::fromStdString(m.result));
        break;
    case tcplab::LabdMessage::Done:
        Q_EMIT done(m.ok, m.line, message, m.why);
        break;
    case tcplab::LabdMessage::Error:
        m_lastError = message;
        m_reportedFailure = true;
        Q_EMIT failed(m_lastError);
        break;
    case tcplab::LabdMessage::Event:
        Q_EMIT eventArrived(m.event);
        break;
    case tcplab::LabdMessage::Held:
        Q_EMIT segmentHeld(m.hold, m.event);
        break;
    case tcplab::LabdMessage::Released:
        Q_EMIT segmentReleased(m.hold);
        break;
    case tcplab::LabdMessage::Other:
        break;
    }
}

void LabdProcess::processFinished(int exitCode, QProcess::ExitStatus status)
{
    readOutput();
    if ((exitCode >= 2 || status != QProcess::NormalExit) && !m_reportedFailure) {
        const QString err = QString::fromUtf8(m_process.readAllStandardError()).trimmed();
        Q_EMIT failed(err.isEmpty()
                          ? tr("The live lab helper stopped (exit status %1).").arg(exitCode)
                          : err);
    }
    Q_EMIT finished(status == QProcess::NormalExit ? exitCode : -1);
}

void LabdProcess::processError(QProcess::ProcessError error)
{
    if (error == QProcess::FailedToStart) {
        m_reportedFailure = true;
        Q_EMIT failed(tr("Cannot start the live lab helper %1: %2")
                          .arg(helperPath(), m_process.errorString()));
        Q_EMIT finished(-1); // QProcess itself reports no end for a process that never began
    }
}
