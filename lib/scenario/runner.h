#pragma once
// Runs a scenario's steps against a Driver: the simulator (lib/sim) or the real kernel
// (lib/live). The runner owns the meaning of wait/expect; the driver owns time and the trace.

#include "scenario.h"

#include <functional>
#include <map>
#include <optional>
#include <string>

namespace scenario {

class Driver {
public:
    virtual ~Driver() = default;

    // Performs a call. Blocks (in the driver's time) until the call returns, or until timeoutUs
    // passes, in which case the call gives up as a socket with SO_RCVTIMEO/SO_SNDTIMEO would
    // ("EAGAIN"; connect: "EINPROGRESS"). With c.background it returns "" at once and the
    // call goes on; finishCall() collects its result. line: the scenario line, for the trace.
    virtual std::string call(const CallStep &c, int line, std::int64_t timeoutUs) = 0;
    // Waits for ep's background call; "" if it is still blocked after timeoutUs.
    virtual std::string finishCall(tcplab::EndpointId ep, std::int64_t timeoutUs) = 0;
    // True once ep is in state within timeoutUs.
    virtual bool waitState(tcplab::EndpointId ep, tcp::State state, std::int64_t timeoutUs) = 0;
    // ep's current state.
    virtual tcp::State state(tcplab::EndpointId ep) = 0;
    virtual void sleep(std::int64_t us) = 0;
    // Installs a fault rule; returns an empty message or why it cannot ("duplicate is
    // simulator-only"), as a template and arguments (trace/message.h).
    virtual tcplab::Message addFault(const FaultStep &f, int line) = 0;
    // Puts a crafted segment on the wire; returns an empty message or why it cannot.
    virtual tcplab::Message inject(const InjectStep &, int);
    // Adds a note event to the trace.
    virtual void note(const std::string &text, int line) = 0;
    // After the last step: lets the run settle (the simulator runs until no timer is left).
    virtual void finish() = 0;
};

struct RunResult {
    bool ok = true;
    int line = 0;         // the step that failed
    std::string message;  // "line 12: expected server CLOSE_WAIT, is ESTABLISHED" (English)
    tcplab::Message why;  // the failure without its line, for the UI to translate (message.h)
};

// "line 12: why" (what RunResult::message says, as a message).
tcplab::Message lineMessage(int line, const tcplab::Message &why);
// The note both drivers write where an inject step puts its segment on the wire: "injected:
// client->server SYN seq=300 (absolute; crafted, not sent by client's TCP)".
tcplab::Message injectedNote(const InjectStep &in);

class Runner {
public:
    explicit Runner(Driver &driver) : m_driver(driver) {}

    // Runs one step. Returns false (result filled) when a wait or expect does not hold.
    bool runStep(const Step &step, RunResult &result);
    // Runs every step, stops at the first failure, then calls driver.finish() either way.
    RunResult run(const Scenario &s);
    // The result of ep's last completed call ("" before any).
    std::string lastResult(tcplab::EndpointId ep) const;
    // ep's last completed call (none before any).
    std::optional<tcp::Call> lastCall(tcplab::EndpointId ep) const;
    // True while ep's background call ("connect &") has not been collected.
    bool hasPendingCall(tcplab::EndpointId ep) const;
    // Collects ep's background call if it has returned, without waiting (the interactive lab
    // polls it, so that a blocked accept returns when a connect wakes it): true and its result
    // (then also lastResult(ep)) once it has; false while it is still blocked or none is
    // pending.
    bool collectReturned(tcplab::EndpointId ep, std::string &result);

private:
    // What the runner remembers of each endpoint.
    struct Record {
        std::optional<tcp::Call> lastCall; // the last completed call
        std::string lastResult;
        std::optional<tcp::Call> pending;  // a background call in flight
    };
    bool runCall(const Step &step, const CallStep &c, RunResult &result);
    bool runExpect(const Step &step, const ExpectStep &x, RunResult &result);

    Driver &m_driver;
    std::map<tcplab::EndpointId, Record> m_records;
};

// The interactive lab's calls run in the background ("server accept &", what the app's
// buttons send for a call that may block): answered at once so that the other endpoint can act,
// and reported again when they return -- woken by the peer (a connect wakes an accept) or given
// up at their timeout. The simulator's session and tcplab-labd poll them the same way.
class BackgroundCalls {
public:
    void started(tcplab::EndpointId ep, int line) { m_lines[ep] = line; }
    bool any() const { return !m_lines.empty(); }
    void clear() { m_lines.clear(); }
    // Reports each call that has returned since the last poll, with its step line: collected
    // here, or by an `expect … returned` step meanwhile.
    void poll(Runner &runner, const std::function<void(int line, const std::string &result)> &returned);

private:
    std::map<tcplab::EndpointId, int> m_lines;
};

} // namespace scenario
