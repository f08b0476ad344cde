#include "ui/lab/simlabsession.h"

#include "scenario/runner.h"
#include "sim/simulator.h"

#include "model/messagetext.h"

namespace {
// After each command: long enough for a segment and its answer to cross (a few one-way
// delays), far shorter than any timer, so a student sees the peer react.
constexpr std::int64_t kSettle = 50'000;
} // namespace

SimLabSession::SimLabSession(QObject *parent)
    : LabSession(parent)
{
}

SimLabSession::~SimLabSession() = default;

void SimLabSession::start()
{
    scenario::Scenario settings; // the simulator's defaults: 5 ms latency, 2MSL = 60 s
    m_sim = std::make_unique<sim::Simulator>(settings);
    m_runner = std::make_unique<scenario::Runner>(*m_sim);
    m_emitted = 0;
    m_lineNo = 0;
    Q_EMIT ready();
}

void SimLabSession::send(const QString &line)
{
    if (!m_sim)
        start();
    scenario::Step step;
    scenario::ParseError error;
    if (!scenario::parseStepLine(line.toStdString(), ++m_lineNo, step, error)) {
        Q_EMIT replied(line, false, QString(), MessageText::translated(error.what, error.message));
        return;
    }
    scenario::RunResult result;
    const bool ok = m_runner->runStep(step, result);
    m_sim->sleep(kSettle);
    emitNewEvents();
    const scenario::CallStep *call = step.getIf<scenario::CallStep>();
    const QString last =
        call ? QString::fromStdString(m_runner->lastResult(call->ep)) : QString();
    Q_EMIT replied(line, ok, last,
                   ok ? QString()
                      : MessageText::translated(scenario::lineMessage(result.line, result.why)));
}

void SimLabSession::emitNewEvents()
{
    const auto &events = m_sim->trace().events;
    for (; m_emitted < events.size(); ++m_emitted)
        Q_EMIT eventArrived(events[m_emitted]);
}
