#include "comparison.h"

#include "tcp/segment.h"

#include <algorithm>
#include <functional>
#include <set>

namespace tcplab {

namespace {

std::string join(const std::vector<std::string> &v)
{
    std::string out;
    for (const std::string &s : v) {
        if (!out.empty())
            out += ' ';
        out += s;
    }
    return out.empty() ? std::string("(none)") : out;
}

bool endsWith(const std::vector<std::string> &v, const std::vector<std::string> &tail)
{
    return v.size() >= tail.size() && std::equal(tail.rbegin(), tail.rend(), v.rbegin());
}

// One known way in which Linux legitimately differs from the simulator's defaults: a rewrite of
// the simulated sequence (or of both) that removes the difference, and the reason.
struct Allowance {
    std::function<bool(std::vector<std::string> &sim, std::vector<std::string> &live)> apply;
    const char *reason;
};

const std::vector<Allowance> &stateAllowances()
{
    static const std::vector<Allowance> list = {
        {[](std::vector<std::string> &sim, std::vector<std::string> &live) {
             // The simulator runs every timer out; the live run stops ~0.3 s after the last
             // step, long before Linux's 60 s TIME_WAIT (or orphaned FIN_WAIT_2) ends.
             for (const char *waiting : {"TIME_WAIT", "FIN_WAIT_2"}) {
                 if (endsWith(sim, {waiting, "CLOSED"}) && !live.empty() && live.back() == waiting) {
                     sim.pop_back();
                     return true;
                 }
             }
             return false;
         },
         "Linux keeps TIME_WAIT for 60 s (and an orphaned FIN_WAIT_2 for tcp_fin_timeout); the "
         "live run does not wait for it"},
        {[](std::vector<std::string> &sim, std::vector<std::string> &live) {
             // Linux delays the ACK of a FIN (~40 ms) once data has flowed; if the peer
             // closes within that time its FIN carries the ACK, so FIN_WAIT_2 is skipped.
             auto fw1 = std::find(live.begin(), live.end(), "FIN_WAIT_1");
             if (fw1 == live.end() || std::next(fw1) == live.end() || *std::next(fw1) != "TIME_WAIT")
                 return false;
             auto s = std::search(sim.begin(), sim.end(), fw1, std::next(fw1));
             if (s == sim.end() || std::next(s) == sim.end() || *std::next(s) != "FIN_WAIT_2")
                 return false;
             sim.erase(std::next(s));
             return true;
         },
         "Linux's delayed ACK: the peer's FIN carried the ACK of ours, so FIN_WAIT_1 went "
         "straight to TIME_WAIT"},
    };
    return list;
}

std::vector<std::string> withoutPureAcks(std::vector<std::string> v)
{
    v.erase(std::remove(v.begin(), v.end(), std::string("ACK")), v.end());
    return v;
}

// Runs of consecutive data segments count as one: how many segments carry the data depends on
// the MSS, not on the protocol's logic.
std::vector<std::string> withDataRunsMerged(std::vector<std::string> v)
{
    v.erase(std::unique(v.begin(), v.end(),
                        [](const std::string &a, const std::string &b) {
                            return a == "PSH+ACK" && b == "PSH+ACK";
                        }),
            v.end());
    return v;
}

const std::vector<Allowance> &segmentAllowances()
{
    static const std::vector<Allowance> list = {
        {[](std::vector<std::string> &sim, std::vector<std::string> &live) {
             std::vector<std::string> s = withDataRunsMerged(sim), l = withDataRunsMerged(live);
             if (s == sim && l == live)
                 return false;
             sim = s;
             live = l;
             return true;
         },
         "the data is cut into segments differently: loopback's MSS is 65483 bytes, the "
         "simulator uses Ethernet's 1460"},
        {[](std::vector<std::string> &sim, std::vector<std::string> &live) {
             // Only bare ACKs differ: Linux delays ACKs (~40 ms) and merges them into the next
             // segment, or sends extra window updates; the flags that carry meaning agree.
             if (withoutPureAcks(sim) != withoutPureAcks(live))
                 return false;
             sim = withoutPureAcks(sim);
             live = withoutPureAcks(live);
             return true;
         },
         "only bare ACKs differ: Linux's delayed ACK merges an ACK into the next segment"},
    };
    return list;
}

Difference compareSequences(const std::string &what, std::vector<std::string> sim,
                            std::vector<std::string> live, const std::vector<Allowance> &allowances)
{
    Difference d;
    d.what = what;
    d.simSide = join(sim);
    d.liveSide = join(live);
    if (sim == live) {
        d.expected = true;
        return d;
    }
    for (const Allowance &a : allowances) {
        if (a.apply(sim, live)) {
            if (!d.reason.empty())
                d.reason += "; ";
            d.reason += a.reason;
        }
        if (sim == live) {
            d.expected = true;
            return d;
        }
    }
    d.expected = false;
    d.reason = "unexpected";
    return d;
}

} // namespace

std::vector<std::string> stateSequence(const Trace &t, EndpointId ep)
{
    std::vector<std::string> out;
    for (const Event &e : t.events)
        if (e.type == EventType::State && e.ep == ep)
            out.push_back(tcp::stateName(e.to));
    return out;
}

std::vector<std::string> flagSequence(const Trace &t, EndpointId src, EndpointId dst)
{
    std::vector<std::string> out;
    for (const Event &e : t.events)
        if (e.type == EventType::Segment && e.src == src && e.dst == dst)
            out.push_back(tcp::flagsName(e.flags));
    return out;
}

namespace {
// The endpoints either run had: always a client and a server, and any others seen.
std::set<EndpointId> endpointsOf(const Trace &a, const Trace &b)
{
    std::set<EndpointId> eps{EndpointId::client(), EndpointId::server()};
    for (const Trace *t : {&a, &b})
        for (const Event &e : t->events) {
            if (e.type == EventType::Segment) {
                eps.insert(e.src);
                eps.insert(e.dst);
            } else if (e.type != EventType::Note) {
                eps.insert(e.ep);
            }
        }
    return eps;
}
} // namespace

std::vector<Difference> compareTraces(const Trace &sim, const Trace &live)
{
    std::vector<Difference> out;
    const std::set<EndpointId> eps = endpointsOf(sim, live);
    for (const EndpointId ep : eps)
        out.push_back(compareSequences(endpointName(ep) + " states", stateSequence(sim, ep),
                                       stateSequence(live, ep), stateAllowances()));
    for (const EndpointId src : eps)
        for (const EndpointId dst : eps) {
            if (src.role == dst.role)
                continue;
            out.push_back(compareSequences(endpointName(src) + " -> " + endpointName(dst)
                                               + " segments",
                                           flagSequence(sim, src, dst), flagSequence(live, src, dst),
                                           segmentAllowances()));
        }
    return out;
}

std::vector<std::string> formatComparison(const Trace &, const Trace &,
                                          const std::vector<Difference> &diffs)
{
    std::vector<std::string> lines;
    int unexpected = 0;
    for (const Difference &d : diffs) {
        std::string head = d.what;
        head.resize(std::max<std::size_t>(head.size(), 26), ' ');
        if (d.simSide == d.liveSide) {
            lines.push_back(head + "same: " + d.simSide);
            continue;
        }
        lines.push_back(head + "sim:  " + d.simSide);
        lines.push_back(std::string(26, ' ') + "live: " + d.liveSide);
        if (d.expected) {
            lines.push_back(std::string(26, ' ') + "expected: " + d.reason);
        } else {
            lines.push_back(std::string(26, ' ') + "UNEXPECTED difference");
            ++unexpected;
        }
    }
    lines.push_back(unexpected == 0 ? std::string("no unexpected difference")
                                    : std::to_string(unexpected) + " unexpected difference(s)");
    return lines;
}

} // namespace tcplab
