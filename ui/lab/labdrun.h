#pragma once
// One scenario run on the real kernel: `tcplab-labd run FILE [--pcap OUT]` through LabdProcess,
// its events as they happen and, at the end, the whole trace and how the run went. The one
// client for a live run: the scenario editor starts it and stays responsive; tcplab-cli's
// `run --mode live|both` and `export --mode live` wait for it with runToEnd().
//
// It lives beside LabdProcess in ui/lab (QtCore classes only) rather than in lib/: the GUI needs
// it asynchronous, which means Qt's event loop and QProcess, and tcplab-cli links this library
// already for export.

#include "trace/trace.h"

#include <QObject>
#include <QString>

class LabdProcess;

class LabdRun : public QObject {
    Q_OBJECT

public:
    struct Result {
        tcplab::Trace trace; // producer "live", in time order
        bool ok = false;     // the helper's done line: every wait and expect held
        int line = 0;        // ... else the step that did not hold
        QString message;     // ... and why: "line 12: expected server CLOSE_WAIT, is ESTABLISHED"
                             // (English, as the helper wrote it)
        tcplab::Message why; // ... the same without its line, to translate (may be empty)
        QString error;       // set when the helper could not run the scenario (missing, no user
                             // namespace, bad file, crashed): then the trace is partial or empty
        int exitCode = -1;   // the helper's (0, 1, 2 bad file, 3 no lab); -1 when it never ran
                             // or did not exit by itself
    };

    explicit LabdRun(QObject *parent = nullptr);

    // Starts the run; finished() follows in every case, also when the helper is missing.
    void start(const QString &scenarioFile, const QString &pcapFile = QString());
    bool isFinished() const { return m_finished; }
    const Result &result() const { return m_result; }

    // Runs a scenario and waits for the end in a local event loop: for the command line, which
    // has nothing else to do meanwhile. Needs a QCoreApplication.
    static Result runToEnd(const QString &scenarioFile, const QString &pcapFile = QString());

Q_SIGNALS:
    void eventArrived(const tcplab::Event &event); // as the helper reports it, before sorting
    void finished();

private:
    void helperFinished(int exitCode);

    LabdProcess *m_process;
    Result m_result;
    bool m_finished = false;
};
