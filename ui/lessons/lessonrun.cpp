#include "ui/lessons/lessonrun.h"

#include "ui/common/traceloader.h"
#include "ui/lab/labdlessonrun.h"

#include "lesson/steprunner.h"

LessonRun::LessonRun(QObject *parent)
    : QObject(parent)
{
}

void LessonRun::start(const lesson::Step &step, bool useKernel)
{
    if (m_live) { // a new start ends a kernel run still going, without hearing from it again
        m_live->disconnect(this);
        m_live->deleteLater();
    }
    m_outcomes.clear();
    m_kernelQueue.clear();
    m_kernelError.clear();
    m_running = true;
    auto plan = [&](const std::optional<lesson::RunSpec> &spec, bool compare) {
        if (!spec)
            return;
        const bool sim = lesson::runsSim(spec->mode) || !useKernel;
        const bool kernel = lesson::runsLive(spec->mode) && useKernel;
        if (sim) {
            m_outcomes.push_back(
                {Where::Simulator, compare, lesson::runInSimulator(spec->source.scenario)});
            m_outcomes.back().record.trace.title = TraceLoader::titleOf(spec->source.scenario);
        }
        if (kernel)
            m_kernelQueue.push_back({spec->source, compare});
    };
    plan(step.run, false);
    plan(step.compare, true);
    startNextKernelRun();
}

void LessonRun::startNextKernelRun()
{
    if (m_kernelQueue.empty() || !m_kernelError.isEmpty()) {
        m_running = false;
        Q_EMIT finished();
        return;
    }
    m_current = m_kernelQueue.front();
    m_kernelQueue.erase(m_kernelQueue.begin());
    m_live = new LabdLessonRun(this);
    connect(m_live, &LabdLessonRun::finished, this, &LessonRun::kernelRunFinished);
    m_live->start(m_current.source);
}

void LessonRun::kernelRunFinished()
{
    LabdLessonRun *run = m_live;
    if (!run)
        return;
    if (!run->error().isEmpty()) {
        m_kernelError = run->error();
    } else {
        m_outcomes.push_back({Where::Kernel, m_current.compare, run->record()});
        m_outcomes.back().record.trace.title = TraceLoader::titleOf(m_current.source.scenario);
    }
    run->deleteLater();
    startNextKernelRun();
}

const lesson::RunRecord *LessonRun::answerRun(bool compare) const
{
    const lesson::RunRecord *sim = nullptr;
    for (const Outcome &o : m_outcomes) {
        if (o.compare != compare)
            continue;
        if (o.where == Where::Kernel)
            return &o.record;
        sim = &o.record;
    }
    return sim;
}
