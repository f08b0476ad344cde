#pragma once
// The runs of one lesson step: its `run:` and, for contrasting cases, its `compare:`, each in the
// simulator and on the real kernel as the step declares. Simulator runs take microseconds and
// are made at once; kernel runs go through tcplab-labd (LabdLessonRun) one after the other, so
// the window stays responsive. finished() follows every start().

#include "lesson/lesson.h"
#include "lesson/runrecord.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <vector>

class LabdLessonRun;

class LessonRun : public QObject {
    Q_OBJECT

public:
    enum class Where { Simulator, Kernel };
    struct Outcome {
        Where where = Where::Simulator;
        bool compare = false; // the step's compare: run
        lesson::RunRecord record;
    };

    explicit LessonRun(QObject *parent = nullptr);

    // Makes the step's runs; kernel runs only when useKernel (false: the simulator stands in
    // for every run, the fallback where the live lab cannot start).
    void start(const lesson::Step &step, bool useKernel);
    bool isRunning() const { return m_running; }
    const std::vector<Outcome> &outcomes() const { return m_outcomes; }
    // Why the kernel could not run the step ("" when it did or was not asked to).
    const QString &kernelError() const { return m_kernelError; }

    // The run a question's answer is read from: the kernel's when there is one (what the student
    // came to see), else the simulator's; compare: the compare: run from the same place.
    const lesson::RunRecord *answerRun(bool compare) const;

Q_SIGNALS:
    void finished();

private:
    struct Pending {
        lesson::ScenarioSource source;
        bool compare = false;
    };
    void startNextKernelRun();
    void kernelRunFinished();

    std::vector<Outcome> m_outcomes;
    std::vector<Pending> m_kernelQueue;
    QPointer<LabdLessonRun> m_live;
    Pending m_current;
    QString m_kernelError;
    bool m_running = false;
};
