#pragma once
// The deterministic two-endpoint simulator: a virtual clock, an event queue, a network with
// one-way latency and fault rules, and two tcp::Endpoint objects, "client" and "server".
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

    std::string call(const scenario::Step &step, std::int64_t timeoutUs) override;
    std::string finishCall(const std::string &ep, std::int64_t timeoutUs) override;
    bool waitState(const std::string &ep, const std::string &state, std::int64_t timeoutUs) override;
    std::string state(const std::string &ep) override;
    void sleep(std::int64_t us) override;
    std::string addFault(const scenario::Step &step) override;
    void note(const std::string &text, int line) override;
    void finish() override;

    // Puts a crafted segment on the wire from src to dst ("client"/"server") now, like a
    // delayed segment of an earlier connection: it arrives after the one-way latency, passes no
    // fault rule, and is recorded as a segment event preceded by an "injected: ..." note. seq
    // and ack are absolute (as on the wire); ports left 0 are the lab's own (same four-tuple);
    // every other field is sent as given. line: the scenario line, 0 for none. Returns "" or
    // why it cannot (src and dst must be the two endpoints).
    std::string inject(const std::string &src, const std::string &dst, tcp::Segment seg,
                       int line = 0);

    std::int64_t now() const;
    const tcplab::Trace &trace() const;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

// Parses nothing: runs an already parsed scenario in the simulator, filling out.
scenario::RunResult runScenario(const scenario::Scenario &s, tcplab::Trace &out);

} // namespace sim
