// The meaning of wait and expect, the same for the simulator and the live lab.
#include "scenario/runner.h"

#include "tcp/segment.h"

// Marks a message template for lupdate (as in lib/tcp/statediagram.cpp): the UI translates it in
// the "scenario" context (trace/message.h); here, without Qt, it is the English text.
#ifndef QT_TRANSLATE_NOOP
#define QT_TRANSLATE_NOOP(context, text) text
#endif

namespace scenario {

using tcplab::Message;
using tcplab::message;

Message lineMessage(int line, const Message &why)
{
    return message(QT_TRANSLATE_NOOP("scenario", "line %1: %2"), std::to_string(line), why);
}

Message injectedNote(const InjectStep &in)
{
    std::string what = tcplab::endpointName(in.src) + "->" + tcplab::endpointName(in.dst) + " "
        + tcp::flagsName(in.flags) + " seq=" + std::to_string(in.seq);
    if (in.ack != 0)
        what += " ack=" + std::to_string(in.ack);
    if (in.len != 0)
        what += " len=" + std::to_string(in.len);
    return message(
        QT_TRANSLATE_NOOP("scenario", "injected: %1 (absolute; crafted, not sent by %2's TCP)"),
        what, tcplab::endpointName(in.src));
}

Message Driver::inject(const InjectStep &, int)
{
    return message(QT_TRANSLATE_NOOP("scenario", "inject runs in the simulator only: the live lab "
                                                 "cannot craft segments yet"));
}

namespace {

bool failed(const Step &s, const Message &why, RunResult &result)
{
    result.ok = false;
    result.line = s.line;
    result.message = lineMessage(s.line, why).english();
    result.why = why;
    return false;
}

// recv returning 0 is end of file: "expect client returned EOF" and "... returned 0" both hold.
bool sameResult(std::optional<tcp::Call> call, const std::string &expected,
                const std::string &actual)
{
    if (expected == actual)
        return true;
    const bool eofLike = (expected == "EOF" || expected == "0") && (actual == "EOF" || actual == "0");
    return call == tcp::Call::Recv && eofLike;
}

std::string name(tcplab::EndpointId ep) { return tcplab::endpointName(ep); }

} // namespace

std::string Runner::lastResult(tcplab::EndpointId ep) const
{
    const auto it = m_records.find(ep);
    return it == m_records.end() ? std::string() : it->second.lastResult;
}

std::optional<tcp::Call> Runner::lastCall(tcplab::EndpointId ep) const
{
    const auto it = m_records.find(ep);
    return it == m_records.end() ? std::nullopt : it->second.lastCall;
}

bool Runner::hasPendingCall(tcplab::EndpointId ep) const
{
    const auto it = m_records.find(ep);
    return it != m_records.end() && it->second.pending.has_value();
}

bool Runner::collectReturned(tcplab::EndpointId ep, std::string &result)
{
    const auto it = m_records.find(ep);
    if (it == m_records.end() || !it->second.pending)
        return false;
    std::string res = m_driver.finishCall(ep, 0);
    if (res.empty())
        return false;
    Record &r = it->second;
    r.lastCall = r.pending;
    r.lastResult = res;
    r.pending.reset();
    result = std::move(res);
    return true;
}

bool Runner::runCall(const Step &step, const CallStep &c, RunResult &result)
{
    Record &r = m_records[c.ep];
    if (r.pending)
        return failed(step,
                      message(QT_TRANSLATE_NOOP("scenario", "%1 has a call still in progress (%2 "
                                                            "&); collect it with `expect %1 "
                                                            "returned ...`"),
                              name(c.ep), tcp::callName(*r.pending)),
                      result);
    const std::int64_t timeout = c.timeout >= 0 ? c.timeout : kDefaultCallTimeout;
    const std::string res = m_driver.call(c, step.line, timeout);
    if (c.background) {
        r.pending = c.call;
    } else {
        r.lastResult = res;
        r.lastCall = c.call;
    }
    return true;
}

bool Runner::runExpect(const Step &step, const ExpectStep &x, RunResult &result)
{
    const std::string ep = name(x.ep);
    if (!x.returned) {
        const tcp::State is = m_driver.state(x.ep);
        if (is == x.state)
            return true;
        return failed(step,
                      message(QT_TRANSLATE_NOOP("scenario", "expected %1 %2, is %3"), ep,
                              tcp::stateName(x.state), tcp::stateName(is)),
                      result);
    }
    Record &r = m_records[x.ep];
    if (r.pending) {
        const std::string res = m_driver.finishCall(x.ep, kDefaultCallTimeout);
        if (res.empty())
            return failed(
                step,
                message(QT_TRANSLATE_NOOP("scenario", "%1's call (%2 &) is still blocked after %3"),
                        ep, tcp::callName(*r.pending), formatDuration(kDefaultCallTimeout)),
                result);
        r.lastCall = r.pending;
        r.lastResult = res;
        r.pending.reset();
    }
    if (!r.lastCall)
        return failed(step, message(QT_TRANSLATE_NOOP("scenario", "%1 has made no call yet"), ep),
                      result);
    if (sameResult(r.lastCall, x.value, r.lastResult))
        return true;
    return failed(
        step,
        message(QT_TRANSLATE_NOOP("scenario", "expected %1's last call (%2) to return %3, it "
                                              "returned %4"),
                ep, tcp::callName(*r.lastCall), x.value, r.lastResult),
        result);
}

bool Runner::runStep(const Step &step, RunResult &result)
{
    switch (step.kind()) {
    case Step::Kind::Call:
        return runCall(step, step.as<CallStep>(), result);
    case Step::Kind::Wait: {
        const WaitStep &w = step.as<WaitStep>();
        const std::int64_t timeout = w.timeout >= 0 ? w.timeout : kDefaultWaitTimeout;
        if (m_driver.waitState(w.ep, w.state, timeout))
            return true;
        return failed(step,
                      message(QT_TRANSLATE_NOOP("scenario", "%1 did not reach %2 within %3 (it is "
                                                            "%4)"),
                              name(w.ep), tcp::stateName(w.state), formatDuration(timeout),
                              tcp::stateName(m_driver.state(w.ep))),
                      result);
    }
    case Step::Kind::Sleep:
        m_driver.sleep(step.as<SleepStep>().duration);
        return true;
    case Step::Kind::Fault: {
        const Message why = m_driver.addFault(step.as<FaultStep>(), step.line);
        return why.empty() ? true : failed(step, why, result);
    }
    case Step::Kind::Inject: {
        const Message why = m_driver.inject(step.as<InjectStep>(), step.line);
        return why.empty() ? true : failed(step, why, result);
    }
    case Step::Kind::Note: {
        // A blank line from the interactive lab parses to an empty note: nothing to record.
        const std::string &text = step.as<NoteStep>().text;
        if (!text.empty())
            m_driver.note(text, step.line);
        return true;
    }
    case Step::Kind::Expect:
        return runExpect(step, step.as<ExpectStep>(), result);
    }
    return true;
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

void BackgroundCalls::poll(Runner &runner,
                           const std::function<void(int, const std::string &)> &returned)
{
    for (auto it = m_lines.begin(); it != m_lines.end();) {
        std::string result;
        if (!runner.collectReturned(it->first, result)) {
            if (runner.hasPendingCall(it->first)) {
                ++it;
                continue;
            }
            result = runner.lastResult(it->first); // an `expect … returned` collected it
        }
        const int line = it->second;
        it = m_lines.erase(it);
        returned(line, result);
    }
}

} // namespace scenario
