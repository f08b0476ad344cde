#pragma once
// The interactive lab on the simulator: each step runs at once through scenario::Runner, then
// simulated time moves on a little so the segments it sent arrive and the peer reacts. While a
// call blocks in the background, simulated time runs with the wall clock, so the call returns
// when the peer wakes it, or at its timeout, as on the real kernel.

#include "ui/lab/labsession.h"

#include "scenario/runner.h"

#include <QElapsedTimer>
#include <QStringList>
#include <QTimer>

#include <memory>
#include <vector>

namespace sim {
class Simulator;
}

class SimLabSession : public LabSession {
    Q_OBJECT

public:
    explicit SimLabSession(QObject *parent = nullptr);
    ~SimLabSession() override;

    void start() override;
    void send(const QString &line) override;
    bool isLive() const override { return false; }

private:
    void emitNewEvents();
    void pollReturns();
    void tick();

    std::unique_ptr<sim::Simulator> m_sim;
    std::unique_ptr<scenario::Runner> m_runner;
    std::size_t m_emitted = 0;
    std::vector<std::size_t> m_blockedEvents; // calls not yet returned, by trace index
    int m_lineNo = 0;
    scenario::BackgroundCalls m_background;
    QStringList m_lines; // step line N is m_lines[N - 1]
    QTimer m_clock;          // advances simulated time while a call blocks
    QElapsedTimer m_elapsed; // wall time since the last advance
};
