// A step back to the line that parses to it: an interactive session saved as a file.
#include "scenario/scenario.h"
#include "tcp/segment.h"

#include <tuple>

namespace scenario {

namespace {

const char *faultAction(FaultAction a)
{
    switch (a) {
    case FaultAction::Drop:
        return "drop";
    case FaultAction::Duplicate:
        return "duplicate";
    case FaultAction::Delay:
        return "delay";
    }
    return "drop";
}

std::string timeoutText(std::int64_t timeout)
{
    return timeout >= 0 ? " timeout " + formatDuration(timeout) : std::string();
}

std::string direction(tcplab::EndpointId src, tcplab::EndpointId dst)
{
    return tcplab::endpointName(src) + "->" + tcplab::endpointName(dst);
}

std::string text(const CallStep &c)
{
    std::string out = tcplab::endpointName(c.ep) + " " + tcp::callName(c.call);
    if (c.arg >= 0)
        out += " " + std::to_string(c.arg);
    out += timeoutText(c.timeout);
    if (c.background)
        out += " &";
    return out;
}

std::string text(const WaitStep &w)
{
    return "wait " + tcplab::endpointName(w.ep) + " " + tcp::stateName(w.state)
           + timeoutText(w.timeout);
}

std::string text(const SleepStep &s) { return "sleep " + formatDuration(s.duration); }

std::string text(const FaultStep &f)
{
    std::string out = faultAction(f.action);
    const std::string dir = direction(f.src, f.dst);
    const std::string flags = f.flags ? tcp::flagsName(*f.flags) : std::string();
    if (f.lift)
        out += " none " + dir;
    else if (f.all)
        out += " all " + dir + (flags.empty() ? std::string() : " " + flags);
    else if (flags.empty())
        out += " next " + (f.count > 1 ? std::to_string(f.count) + " " : std::string()) + dir;
    else
        out += " " + dir + " " + flags + (f.nth != 1 ? " nth " + std::to_string(f.nth) : "");
    if (f.action == FaultAction::Delay)
        out += " by " + formatDuration(f.delay);
    return out;
}

std::string text(const ExpectStep &x)
{
    return "expect " + tcplab::endpointName(x.ep) + " "
           + (x.returned ? "returned " + x.value : std::string(tcp::stateName(x.state)));
}

std::string text(const NoteStep &n) { return n.text.empty() ? std::string() : "note " + n.text; }

std::string text(const InjectStep &in)
{
    std::string out = "inject " + direction(in.src, in.dst) + " " + tcp::flagsName(in.flags)
                      + " seq " + std::to_string(in.seq);
    if (in.ack != 0)
        out += " ack " + std::to_string(in.ack);
    if (in.len != 0)
        out += " len " + std::to_string(in.len);
    return out;
}

// What a step means, line and column aside.
auto key(const CallStep &c) { return std::tie(c.ep, c.call, c.arg, c.background, c.timeout); }
auto key(const WaitStep &w) { return std::tie(w.ep, w.state, w.timeout); }
auto key(const SleepStep &s) { return std::tie(s.duration); }
auto key(const FaultStep &f)
{
    // The delay counts only for delay rules.
    const std::int64_t delay = f.action == FaultAction::Delay ? f.delay : 0;
    return std::make_tuple(f.action, f.src, f.dst, f.flags, f.nth, f.all, f.count, f.lift, delay);
}
auto key(const ExpectStep &x)
{
    return std::make_tuple(x.ep, x.returned, x.returned ? tcp::State::Closed : x.state,
                           x.returned ? x.value : std::string());
}
auto key(const NoteStep &n) { return std::tie(n.text); }
auto key(const InjectStep &in) { return std::tie(in.src, in.dst, in.flags, in.seq, in.ack, in.len); }

} // namespace

std::string stepToText(const Step &s)
{
    return std::visit([](const auto &body) { return text(body); }, s.body);
}

bool sameStep(const Step &a, const Step &b)
{
    if (a.kind() != b.kind())
        return false;
    return std::visit(
        [&b](const auto &x) {
            using T = std::decay_t<decltype(x)>;
            return key(x) == key(b.as<T>());
        },
        a.body);
}

} // namespace scenario
