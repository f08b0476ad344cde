// Durations of the scenario language: "40ms", "2s", "1.5s", "250us", "2min" <-> microseconds.
#include "scenario/scenario.h"

#include <cctype>
#include <limits>

namespace scenario {

namespace {

struct Unit {
    const char *name;
    std::int64_t us;
};
// Largest first: formatDuration prefers the larger unit when two forms are as short ("2min").
constexpr Unit kUnits[] = {{"min", 60'000'000}, {"s", 1'000'000}, {"ms", 1'000}, {"us", 1}};

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();

} // namespace

bool parseDuration(const std::string &text, std::int64_t &us)
{
    std::size_t i = 0;
    std::int64_t whole = 0;
    std::size_t wholeDigits = 0;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
        if (whole > kMax / 10)
            return false;
        whole = whole * 10 + (text[i] - '0');
        ++i;
        ++wholeDigits;
    }
    std::string fraction;
    if (i < text.size() && text[i] == '.') {
        ++i;
        while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])))
            fraction += text[i++];
        if (fraction.empty())
            return false; // "1.s"
    }
    if (wholeDigits == 0)
        return false; // ".5s", "s", "-1s"
    const std::string unit = text.substr(i);
    for (const Unit &u : kUnits) {
        if (unit != u.name)
            continue;
        if (whole > kMax / u.us)
            return false;
        std::int64_t value = whole * u.us;
        // The fraction must come out as whole microseconds: "1.5s" yes, "0.5us" no.
        std::int64_t scale = u.us;
        for (char digit : fraction) {
            const std::int64_t d = digit - '0';
            if (scale % 10 != 0) {
                if (d != 0)
                    return false;
                continue;
            }
            scale /= 10;
            if (value > kMax - d * scale)
                return false;
            value += d * scale;
        }
        us = value;
        return true;
    }
    return false;
}

std::string formatDuration(std::int64_t us)
{
    if (us < 0)
        return "-" + formatDuration(us == std::numeric_limits<std::int64_t>::min() ? kMax : -us);
    if (us == 0)
        return "0s";
    // The shortest exact form among the units the value is at least one of: "200ms", not
    // "0.2s"; "1.5s", not "1500ms"; "90s", not "1.5min".
    std::string best;
    for (const Unit &u : kUnits) {
        if (us < u.us)
            continue;
        std::string s = std::to_string(us / u.us);
        std::int64_t rest = us % u.us;
        if (rest != 0) {
            std::string digits;
            for (std::int64_t scale = u.us / 10; scale > 0 && rest != 0; scale /= 10) {
                digits += static_cast<char>('0' + rest / scale);
                rest %= scale;
            }
            if (rest != 0)
                continue; // not a finite decimal in this unit (61s in minutes)
            s += "." + digits;
        }
        s += u.name;
        if (best.empty() || s.size() < best.size())
            best = s;
    }
    return best;
}

} // namespace scenario
