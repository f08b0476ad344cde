// The meaning of wait and expect, the same for the simulator and the live lab.
#include "scenario/runner.h"

namespace scenario {

namespace {

std::string prefix(const Step &s) { return "line " + std::to_string(s.line) + ": "; }

bool failed(const Step &s, const std::string &message, RunResult &result)
{
    result.ok = false;
    result.line = s.line;
    result.message = prefix(s) + message;
    return false;
}

// recv returning 0 is end of file: "expect client returned EOF" and "... returned 0" both hold.
bool sameResult(const std::string &call, const std::string &expected, const std::string &actual)
{
    if (expected == actual)
        return true;
    const bool eofLike = (expected == "EOF" || expected == "0") && (actual == "EOF" || actual == "0");
    return call == "recv" && eofLike;
}

} // namespace

std::string Runner::lastResult(const std::string &ep) const
{
    const auto it = m_last.find(ep);
    return it == m_last.end() ? std::string() : it->second;
}

std::string Runner::lastCall(const std::string &ep) const
{
    const auto it = m_lastCall.find(ep);
    return it == m_lastCall.end() ? std::string() : it->second;
}

bool Runner::hasPendingCall(const std::string &ep) const
{
    const auto it = m_pending.find(ep);
    return it != m_pending.end() && it->second;
}

bool Runner::runStep(const Step &step, RunResult &result)
{
    switch (step.kind) {
    case Step::Kind::Call: {
        if (hasPendingCall(step.ep))
            return failed(step,
                          step.ep + " has a call still in progress (" + m_pendingCall[step.ep]
                              + " &); collect it with `expect " + step.ep + " returned ...`",
                          result);
        const std::int64_t timeout = step.timeout >= 0 ? step.timeout : kDefaultCallTimeout;
        const std::string r = m_driver.call(step, timeout);
        if (step.background) {
            m_pending[step.ep] = true;
            m_pendingCall[step.ep] = step.call;
        } else {
            m_last[step.ep] = r;
            m_lastCall[step.ep] = step.call;
        }
        return true;
    }
    case Step::Kind::Wait: {
        const std::int64_t timeout = step.timeout >= 0 ? step.timeout : kDefaultWaitTimeout;
        if (m_driver.waitState(step.ep, step.state, timeout))
            return true;
        return failed(step,
                      step.ep + " did not reach " + step.state + " within "
                          + formatDuration(timeout) + " (it is " + m_driver.state(step.ep) + ")",
                      result);
    }
    case Step::Kind::Sleep:
        m_driver.sleep(step.duration);
        return true;
    case Step::Kind::Fault: {
        const std::string why = m_driver.addFault(step);
        return why.empty() ? true : failed(step, why, result);
    }
    case Step::Kind::Note:
        // A blank line from the interactive lab parses to an empty note: nothing to record.
        if (!step.text.empty())
            m_driver.note(step.text, step.line);
        return true;
    case Step::Kind::Expect:
        break;
    }

    if (step.expect == Step::ExpectWhat::State) {
        const std::string is = m_driver.state(step.ep);
        if (is == step.state)
            return true;
        return failed(step, "expected " + step.ep + " " + step.state + ", is " + is, result);
    }

    if (hasPendingCall(step.ep)) {
        const std::string r = m_driver.finishCall(step.ep, kDefaultCallTimeout);
        if (r.empty())
            return failed(step,
                          step.ep + "'s call (" + m_pendingCall[step.ep]
                              + " &) is still blocked after "
                              + formatDuration(kDefaultCallTimeout),
                          result);
        m_pending[step.ep] = false;
        m_last[step.ep] = r;
        m_lastCall[step.ep] = m_pendingCall[step.ep];
    }
    if (m_last.find(step.ep) == m_last.end())
        return failed(step, step.ep + " has made no call yet", result);
    const std::string &actual = m_last[step.ep];
    if (sameResult(m_lastCall[step.ep], step.value, actual))
        return true;
    return failed(step,
                  "expected " + step.ep + "'s last call (" + m_lastCall[step.ep] + ") to return "
                      + step.value + ", it returned " + actual,
                  result);
}

RunResult Runner::run(const Scenario &s)
{
    RunResult result;
    for (const Step &step : s.steps) {
        if (!runStep(step, result))
            break;
    }
    m_driver.finish();
    return result;
}

} // namespace scenario
