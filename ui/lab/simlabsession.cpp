#include "ui/lab/simlabsession.h"

#include "scenario/runner.h"
#include "sim/simulator.h"

#include "model/messagetext.h"

namespace {
// After each command: long enough for a segment and its answer to cross (a few one-way
// delays), far shorter than any timer, so a student sees the peer react.
constexpr std::int64_t kSettle = 50'000;
// While a call blocks: how often simulated time catches up with the wall clock.
constexpr int kTickMs = 50;
} // namespace

SimLabSession::SimLabSession(QObject *parent)
    : LabSession(parent)
{
    m_clock.setInterval(kTickMs);
    connect(&m_clock, &QTimer::timeout, this, &SimLabSession::tick);
}

SimLabSession::~SimLabSession() = default;

void SimLabSession::start()
{
    scenario::Scenario settings; // the simulator's defaults: 5 ms latency, 2MSL = 60 s
    m_sim = std::make_unique<sim::Simulator>(settings);
    m_runner = std::make_unique<scenario::Runner>(*m_sim);
    m_emitted = 0;
    m_lineNo = 0;
    m_background.clear();
    m_lines.clear();
    m_blockedEvents.clear();
    m_clock.stop();
    Q_EMIT ready();
}

void SimLabSession::send(const QString &line)
{
    if (!m_sim)
        start();
    m_lines.append(line);
    scenario::Step step;
    scenario::ParseError error;
    if (!scenario::parseStepLine(line.toStdString(), ++m_lineNo, step, error)) {
        Q_EMIT replied(line, false, QString(), MessageText::translated(error.what, error.message));
        return;
    }
    scenario::RunResult result;
    const bool ok = m_runner->runStep(step, result);
    m_sim->sleep(kSettle);
    m_elapsed.restart();
    emitNewEvents();
    const scenario::CallStep *call = step.getIf<scenario::CallStep>();
    const bool background = ok && call && call->background;
    const QString last = call && !background
                             ? QString::fromStdString(m_runner->lastResult(call->ep))
                             : QString();
    Q_EMIT replied(line, ok, last,
                   ok ? QString()
                      : MessageText::translated(scenario::lineMessage(result.line, result.why)));
    if (background)
        m_background.started(call->ep, m_lineNo);
    pollReturns();
}

void SimLabSession::tick()
{
    // Simulated time follows the wall clock (at most a second per tick, should the event
    // loop have stalled), so a 10 s timeout takes 10 s and the SYN is retransmitted after 1 s.
    const std::int64_t us = std::min<std::int64_t>(m_elapsed.restart() * 1000, 1'000'000);
    m_sim->sleep(us);
    emitNewEvents();
    pollReturns();
}

void SimLabSession::pollReturns()
{
    m_background.poll(*m_runner, [this](int line, const std::string &result) {
        Q_EMIT callReturned(m_lines.value(line - 1), QString::fromStdString(result));
    });
    if (!m_background.any())
        m_clock.stop();
    else if (!m_clock.isActive())
        m_clock.start();
}

void SimLabSession::emitNewEvents()
{
    // A blocked call's event is given when it returns, with its result and return time, as
    // the live lab's helper does: the model places it by its start time.
    const auto &events = m_sim->trace().events;
    for (; m_emitted < events.size(); ++m_emitted) {
        const tcplab::Event &e = events[m_emitted];
        if (e.type == tcplab::EventType::Call && e.result.empty())
            m_blockedEvents.push_back(m_emitted);
        else
            Q_EMIT eventArrived(e);
    }
    for (auto it = m_blockedEvents.begin(); it != m_blockedEvents.end();) {
        if (events[*it].result.empty()) {
            ++it;
            continue;
        }
        Q_EMIT eventArrived(events[*it]);
        it = m_blockedEvents.erase(it);
    }
}
