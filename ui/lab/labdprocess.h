#pragma once
// The live lab helper `tcplab-labd` (found next to the application) as a QProcess: starts it,
// writes scenario step lines to its stdin, and turns its JSON Lines output into signals: trace
// events as they happen, and the control lines ready / reply / returned / held / released /
// done / error.

#include "trace/event.h"

#include <QObject>
#include <QProcess>

class LabdProcess : public QObject {
    Q_OBJECT

public:
    explicit LabdProcess(QObject *parent = nullptr);
    ~LabdProcess() override;

    static QString helperPath(); // <application dir>/tcplab-labd
    // Starts `tcplab-labd ARGS` ("interactive", or "run FILE"); false (failed() emitted) when
    // the helper is not there. Every start() ends with finished(), whether the helper ran or not
    // (unless this object is destroyed first: that ends the helper silently).
    bool start(const QStringList &args);
    void sendLine(const QString &line);
    void stop(); // asks it to quit, then ends it if it does not
    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }

Q_SIGNALS:
    void ready();
    void eventArrived(const tcplab::Event &event);
    // message: the helper's English; why: the same as a message to translate (trace/message.h),
    // empty from a helper that does not send one. done()'s why leaves out the line.
    void replied(int line, bool ok, const QString &result, const QString &message,
                 const tcplab::Message &why);
    // The background call of line N ("server accept &") returned, with this result.
    void callReturned(int line, const QString &result);
    // The lab holds segment number `hold` in its queue (segment: as it will be once released);
    // released: it went on, its segment event came just before.
    void segmentHeld(int hold, const tcplab::Event &segment);
    void segmentReleased(int hold);
    void done(bool ok, int line, const QString &message, const tcplab::Message &why);
    void failed(const QString &message);
    // The helper's exit status (0 ok, 1 a wait or expect failed, 2 bad file, 3 no lab), or -1
    // when it was missing, could not start or did not exit by itself (a crash, a kill).
    void finished(int exitCode);

private:
    void readOutput();
    void handleLine(const QByteArray &line);
    void processFinished(int exitCode, QProcess::ExitStatus status);
    void processError(QProcess::ProcessError error);

    QProcess m_process;
    QByteArray m_buffer;
    QString m_lastError;
    bool m_reportedFailure = false;
};
