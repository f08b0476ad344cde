#pragma once
// The deterministic two-endpoint simulator: a virtual clock, an event queue, a network with
// one-way latency and fault rules, and the endpoints (today one client and one server), each a
// tcp::Endpoint.
// It is a scenario::Driver, so the same Runner drives it and the live lab; the GUI's
// interactive lab drives it one step at a time.

#include "scenario/runner.h"
#include "tcp/segment.h"
#include "trace/trace.h"

#include <memory>

namespace sim {

class Simulator : public scenario::Driver {
public:
    // Takes the simulator headers (latency, msl, rto, delayed ACK, ISNs) from the scenario.
    explicit Simulator(const scenario::Scenario &settings);
    ~Simulator() override;

    std::string call(const scenario::CallStep &c, int line, std::int64_t timeoutUs) override;
    std::string finishCall(tcplab::EndpointId ep, std::int64_t timeoutUs) override;
    bool waitState(tcplab::EndpointId ep, tcp::State state, std::int64_t timeoutUs) override;
    tcp::State state(tcplab::EndpointId ep) override;
    void sleep(std::int64_t us) override;
    tcplab::Message addFault(const scenario::FaultStep &f, int line) override;
    tcplab::Message inject(const scenario::InjectStep &in, int line) override;
    void note(const std::string &text, int line) override;
    void finish() override;

    std::int64_t now() const;
    const tcplab::Trace &trace() const;

private:
    // A note the simulator writes itself ("fault: ..."), in the user's language in the views.
    void note(const tcplab::Message &message, int line);

    struct Impl;
    std::unique_ptr<Impl> d;
};

// Parses nothing: runs an already parsed scenario in the simulator, filling out.
scenario::RunResult runScenario(const scenario::Scenario &s, tcplab::Trace &out);

} // namespace sim
