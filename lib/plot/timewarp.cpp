#include "timewarp.h"

#include <algorithm>
#include <cmath>

namespace tcplab::plot {

double TimeWarp::toAxis(double us) const {
    if (mode == Mode::Linear)
        return us / 1e6;
    const double x = std::log10(1.0 + std::fabs(us) / tauUs);
    return us < 0 ? -x : x;
}

double TimeWarp::toTime(double axis) const {
    if (mode == Mode::Linear)
        return axis * 1e6;
    const double us = (std::pow(10.0, std::fabs(axis)) - 1.0) * tauUs;
    return axis < 0 ? -us : us;
}

std::vector<std::int64_t> eventTimes(const Trace &trace) {
    std::vector<std::int64_t> times;
    times.reserve(trace.events.size());
    for (const Event &e : trace.events)
        times.push_back(e.t);
    return times;
}

namespace {

// Sorted, without repeats.
std::vector<std::int64_t> distinct(std::vector<std::int64_t> times) {
    std::sort(times.begin(), times.end());
    times.erase(std::unique(times.begin(), times.end()), times.end());
    return times;
}

double medianGap(const std::vector<std::int64_t> &sorted) {
    std::vector<std::int64_t> gaps;
    for (std::size_t i = 1; i < sorted.size(); ++i)
        gaps.push_back(sorted[i] - sorted[i - 1]);
    if (gaps.empty())
        return 1000.0;
    std::nth_element(gaps.begin(), gaps.begin() + gaps.size() / 2, gaps.end());
    return std::clamp(static_cast<double>(gaps[gaps.size() / 2]), 1.0, 1e6);
}

// 1, 2, 5, 10, 20, 50, ... : the smallest such step >= raw.
double niceStep(double raw) {
    const double p = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (m * p >= raw * (1 - 1e-9))
            return m * p;
    return 10 * p;
}

} // namespace

TimeWarp makeTimeWarp(std::vector<std::int64_t> times, TimeWarp::Mode mode) {
    TimeWarp w;
    w.mode = mode;
    w.tauUs = medianGap(distinct(std::move(times)));
    return w;
}

TimeWarp makeTimeWarp(const Trace &trace, TimeWarp::Mode mode) {
    return makeTimeWarp(eventTimes(trace), mode);
}

namespace {

// Pairs of consecutive distinct times closer on the axis than 1% of its length: events a
// reader cannot tell apart at a glance.
int crowdedPairs(const std::vector<std::int64_t> &sorted, const TimeWarp &warp) {
    if (sorted.size() < 2)
        return 0;
    const double minGap = (warp.toAxis(static_cast<double>(sorted.back())) -
                           warp.toAxis(static_cast<double>(sorted.front()))) *
                          0.01;
    int crowded = 0;
    for (std::size_t i = 1; i < sorted.size(); ++i)
        if (warp.toAxis(static_cast<double>(sorted[i])) -
                warp.toAxis(static_cast<double>(sorted[i - 1])) <
            minGap)
            ++crowded;
    return crowded;
}

} // namespace

bool suggestLogLike(std::vector<std::int64_t> times) {
    const std::vector<std::int64_t> sorted = distinct(std::move(times));
    if (sorted.size() < 2 || sorted.back() <= 0)
        return false;
    TimeWarp log;
    log.mode = TimeWarp::Mode::LogLike;
    log.tauUs = medianGap(sorted);
    return crowdedPairs(sorted, log) < crowdedPairs(sorted, TimeWarp{});
}

bool suggestLogLike(const Trace &trace) {
    return suggestLogLike(eventTimes(trace));
}

std::vector<TimeTick> timeTicks(const TimeWarp &warp, double axisLo, double axisHi, int target) {
    std::vector<TimeTick> ticks;
    if (!(axisHi > axisLo) || target < 1)
        return ticks;
    const double tLo = warp.toTime(axisLo);
    // A hair of slack: toTime(toAxis(t)) is t only to rounding, and the last tick may sit on
    // the edge.
    const double tHi = warp.toTime(axisHi) * (1 + 1e-9) + 1e-6;
    if (!(tHi > tLo))
        return ticks;

    if (warp.mode == TimeWarp::Mode::Linear) {
        const double step = niceStep((tHi - tLo) / target);
        for (double k = std::ceil(tLo / step); k * step <= tHi; k += 1)
            ticks.push_back(TimeTick{k * step, step});
        return ticks;
    }

    // Log-like: walk from left to right; each next tick is the first round time at least
    // 1/target of the axis further on, rounded to a 1-2-5 step of the local scale. Near 0
    // this gives milliseconds, further right seconds; zoomed in anywhere, fine steps.
    const double minGap = (axisHi - axisLo) / target;
    auto nextAfter = [&](double t) {
        const double threshold = warp.toTime(warp.toAxis(t) + minGap);
        const double step = niceStep(std::max(threshold - t, 1.0));
        double next = std::ceil(threshold / step - 1e-9) * step;
        if (next <= t)
            next = t + step;
        return TimeTick{next, step};
    };
    TimeTick tick;
    if (tLo <= 0) {
        tick = TimeTick{0.0, nextAfter(0.0).step};
    } else {
        const TimeTick probe = nextAfter(tLo);
        tick = TimeTick{std::ceil(tLo / probe.step - 1e-9) * probe.step, probe.step};
    }
    while (tick.us <= tHi && ticks.size() < 200) {
        ticks.push_back(tick);
        tick = nextAfter(tick.us);
    }
    std::sort(ticks.begin(), ticks.end(),
              [](const TimeTick &a, const TimeTick &b) { return a.us < b.us; });
    return ticks;
}

} // namespace tcplab::plot
