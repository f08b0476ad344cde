#pragma once
// Runs a scenario's steps against a Driver: the simulator (lib/sim) or the real kernel
// (lib/live). The runner owns the meaning of wait/expect; the driver owns time and the trace.

#include "scenario.h"

#include <map>
#include <string>

namespace scenario {

class Driver {
public:
    virtual ~Driver() = default;

    // Performs a call. Blocks (in the driver's time) until the call returns, or until timeoutUs
    // passes, in which case the call gives up as a socket with SO_RCVTIMEO/SO_SNDTIMEO would
    // ("EAGAIN"; connect: "EINPROGRESS"). With step.background it returns "" at once and the
    // call goes on; finishCall() collects its result.
    virtual std::string call(const Step &step, std::int64_t timeoutUs) = 0;
    // Waits for ep's background call; "" if it is still blocked after timeoutUs.
    virtual std::string finishCall(const std::string &ep, std::int64_t timeoutUs) = 0;
    // True once ep is in state (canonical name) within timeoutUs.
    virtual bool waitState(const std::string &ep, const std::string &state,
                           std::int64_t timeoutUs) = 0;
    // ep's current state, canonical name.
    virtual std::string state(const std::string &ep) = 0;
    virtual void sleep(std::int64_t us) = 0;
    // Installs a fault rule; returns "" or why it cannot ("duplicate is simulator-only").
    virtual std::string addFault(const Step &step) = 0;
    // Adds a note event to the trace.
    virtual void note(const std::string &text, int line) = 0;
    // After the last step: lets the run settle (the simulator runs until no timer is left).
    virtual void finish() = 0;
};

struct RunResult {
    bool ok = true;
    int line = 0;         // the step that failed
    std::string message;  // "line 12: expected server CLOSE_WAIT, is ESTABLISHED"
};

class Runner {
public:
    explicit Runner(Driver &driver) : m_driver(driver) {}

    // Runs one step. Returns false (result filled) when a wait or expect does not hold.
    bool runStep(const Step &step, RunResult &result);
    // Runs every step, stops at the first failure, then calls driver.finish() either way.
    RunResult run(const Scenario &s);
    // The result of ep's last completed call ("" before any).
    std::string lastResult(const std::string &ep) const;
    // The name of ep's last completed call ("recv"; "" before any).
    std::string lastCall(const std::string &ep) const;
    // True while ep's background call ("connect &") has not been collected.
    bool hasPendingCall(const std::string &ep) const;

private:
    Driver &m_driver;
    std::map<std::string, std::string> m_last;   // last result per endpoint
    std::map<std::string, bool> m_pending;       // a background call is in flight
    std::map<std::string, std::string> m_lastCall;    // name of the last completed call
    std::map<std::string, std::string> m_pendingCall; // name of the call in flight
};

} // namespace scenario
