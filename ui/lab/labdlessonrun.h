#pragma once
// One lesson step's scenario on the real kernel: `tcplab-labd interactive`, fed one scenario line
// at a time, so the helper's reply to each line says when that step ended (what a lesson's
// "state ENDPOINT after line L" reads). Asynchronous for the app's Lessons panel; runToEnd()
// waits for it, for `tcplab-cli lessons check --mode live|both` (LabdLessonRunner below).

#include "lesson/liverunner.h"
#include "lesson/runrecord.h"

#include <QObject>
#include <QString>

#include <map>
#include <set>
#include <string>
#include <vector>

class LabdProcess;

class LabdLessonRun : public QObject {
    Q_OBJECT

public:
    explicit LabdLessonRun(QObject *parent = nullptr);

    // Starts the run; finished() follows in every case, also when the helper is missing.
    void start(const lesson::ScenarioSource &source);
    bool isFinished() const { return m_finished; }
    const lesson::RunRecord &record() const { return m_record; }
    // Why the live lab could not run the scenario at all ("" when it ran; a failed expect is
    // record().result, not this).
    const QString &error() const { return m_error; }

    // Needs a QCoreApplication; runs a local event loop until the end.
    static bool runToEnd(const lesson::ScenarioSource &source, lesson::RunRecord &out,
                         std::string &error);

Q_SIGNALS:
    void eventArrived(const tcplab::Event &event);
    void finished();

private:
    void sendNextLine();
    void replied(int line, bool ok, const QString &message);
    void helperFinished(int exitCode);

    LabdProcess *m_process;
    std::vector<std::string> m_lines; // the scenario's lines; headers (refused there) blank
    std::set<int> m_stepLines;
    std::size_t m_next = 0;           // the next line to send
    std::map<int, std::int64_t> m_endedAt;
    lesson::RunRecord m_record;
    QString m_error;
    bool m_stopping = false;
    bool m_finished = false;
};

// lib/lesson's LiveRunner for `lessons check`: each run through a LabdLessonRun, waited for.
class LabdLessonRunner : public lesson::LiveRunner {
public:
    bool run(const lesson::ScenarioSource &source, lesson::RunRecord &out,
             std::string &error) override
    {
        return LabdLessonRun::runToEnd(source, out, error);
    }
};
