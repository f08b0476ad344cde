#include "durationformat.h"

#include <cmath>
#include <cstdio>

namespace tcplab::plot {

std::string formatDuration(std::int64_t us) {
    char buf[48];
    const std::int64_t a = us < 0 ? -us : us;
    if (a >= 1000000)
        std::snprintf(buf, sizeof buf, "%.3f s", static_cast<double>(us) / 1e6);
    else if (a >= 1000)
        std::snprintf(buf, sizeof buf, "%.3f ms", static_cast<double>(us) / 1e3);
    else
        std::snprintf(buf, sizeof buf, "%lld µs", static_cast<long long>(us));
    return buf;
}

std::string formatTickTime(double us, double stepUs) {
    if (std::fabs(us) < 1e-9)
        return "0";
    double scale = 1.0;
    const char *unit = "µs";
    if (stepUs >= 1e6 || std::fabs(us) >= 1e6) {
        scale = 1e6;
        unit = "s";
    } else if (stepUs >= 1e3 || std::fabs(us) >= 1e3) {
        scale = 1e3;
        unit = "ms";
    }
    const double v = us / scale;
    // Enough decimals to tell neighbouring ticks apart, no more.
    int decimals = 0;
    const double step = stepUs / scale;
    while (decimals < 6 && step > 0 && step * std::pow(10.0, decimals) < 0.999)
        ++decimals;
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, std::fabs(v) < 1e-12 ? 0.0 : v);
    std::string s = buf;
    if (s.find('.') != std::string::npos) {
        while (!s.empty() && s.back() == '0')
            s.pop_back();
        if (!s.empty() && s.back() == '.')
            s.pop_back();
    }
    return s + " " + unit;
}

} // namespace tcplab::plot
