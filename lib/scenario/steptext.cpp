// A step back to the line that parses to it: an interactive session saved as a file.
#include "scenario/scenario.h"

namespace scenario {

namespace {

std::string faultAction(Step::FaultAction a)
{
    switch (a) {
    case Step::FaultAction::Drop:
        return "drop";
    case Step::FaultAction::Duplicate:
        return "duplicate";
    case Step::FaultAction::Delay:
        return "delay";
    }
    return "drop";
}

std::string timeoutText(const Step &s)
{
    return s.timeout >= 0 ? " timeout " + formatDuration(s.timeout) : std::string();
}

} // namespace

std::string stepToText(const Step &s)
{
    switch (s.kind) {
    case Step::Kind::Call: {
        std::string out = s.ep + " " + s.call;
        if (s.arg >= 0)
            out += " " + std::to_string(s.arg);
        out += timeoutText(s);
        if (s.background)
            out += " &";
        return out;
    }
    case Step::Kind::Wait:
        return "wait " + s.ep + " " + s.state + timeoutText(s);
    case Step::Kind::Sleep:
        return "sleep " + formatDuration(s.duration);
    case Step::Kind::Fault: {
        std::string out = faultAction(s.fault);
        const std::string dir = s.src + "->" + s.dst;
        if (s.all)
            out += " all " + dir + (s.flags.empty() ? std::string() : " " + s.flags);
        else if (s.flags.empty())
            out += " next " + dir;
        else
            out += " " + dir + " " + s.flags + (s.nth != 1 ? " nth " + std::to_string(s.nth) : "");
        if (s.fault == Step::FaultAction::Delay)
            out += " by " + formatDuration(s.duration);
        return out;
    }
    case Step::Kind::Expect:
        return "expect " + s.ep + " "
               + (s.expect == Step::ExpectWhat::Returned ? "returned " + s.value : s.state);
    case Step::Kind::Note:
        return s.text.empty() ? std::string() : "note " + s.text;
    }
    return std::string();
}

bool sameStep(const Step &a, const Step &b)
{
    if (a.kind != b.kind)
        return false;
    switch (a.kind) {
    case Step::Kind::Call:
        return a.ep == b.ep && a.call == b.call && a.arg == b.arg && a.background == b.background
               && a.timeout == b.timeout;
    case Step::Kind::Wait:
        return a.ep == b.ep && a.state == b.state && a.timeout == b.timeout;
    case Step::Kind::Sleep:
        return a.duration == b.duration;
    case Step::Kind::Fault:
        return a.fault == b.fault && a.src == b.src && a.dst == b.dst && a.flags == b.flags
               && a.nth == b.nth && a.all == b.all
               && (a.fault != Step::FaultAction::Delay || a.duration == b.duration);
    case Step::Kind::Expect:
        return a.ep == b.ep && a.expect == b.expect
               && (a.expect == Step::ExpectWhat::State ? a.state == b.state : a.value == b.value);
    case Step::Kind::Note:
        return a.text == b.text;
    }
    return false;
}

} // namespace scenario
