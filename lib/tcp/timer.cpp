#include "timer.h"

namespace tcp {

namespace {
constexpr const char *kTimers[kTimerCount] = {"retransmit", "time-wait", "delayed-ack",
                                              "fin-wait-2"};
constexpr const char *kActions[] = {"armed", "fired", "cancelled"};

template <typename E, int N>
bool parseName(const char *const (&names)[N], const std::string &name, E &out)
{
    for (int i = 0; i < N; ++i) {
        if (name == names[i]) {
            out = static_cast<E>(i);
            return true;
        }
    }
    return false;
}
} // namespace

const char *timerName(Timer t) { return kTimers[static_cast<int>(t)]; }
bool parseTimer(const std::string &name, Timer &out) { return parseName(kTimers, name, out); }
const char *timerActionName(TimerAction a) { return kActions[static_cast<int>(a)]; }
bool parseTimerAction(const std::string &name, TimerAction &out)
{
    return parseName(kActions, name, out);
}

} // namespace tcp
