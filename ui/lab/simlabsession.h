#pragma once
// The interactive lab on the simulator: each step runs at once through scenario::Runner, then
// simulated time moves on a little so the segments it sent arrive and the peer reacts.

#include "ui/lab/labsession.h"

#include <memory>

namespace scenario {
class Runner;
}
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

    std::unique_ptr<sim::Simulator> m_sim;
    std::unique_ptr<scenario::Runner> m_runner;
    std::size_t m_emitted = 0;
    int m_lineNo = 0;
};
