#pragma once
// The endpoint's timers and what happens to them, as the trace records them.

#include <cstdint>
#include <string>

namespace tcp {

enum class Timer : std::uint8_t {
    Retransmit, // RFC 6298 retransmission timeout (SYN back-off included)
    TimeWait,   // 2MSL (RFC 9293 §3.10.7.4)
    DelayedAck, // Linux's ~40 ms delayed ACK
    FinWait2,   // Linux: an orphaned FIN_WAIT_2 ends after tcp_fin_timeout
};
constexpr int kTimerCount = 4;
enum class TimerAction : std::uint8_t { Armed, Fired, Cancelled };

const char *timerName(Timer t);              // "retransmit", "time-wait", "delayed-ack", "fin-wait-2"
bool parseTimer(const std::string &name, Timer &out);
const char *timerActionName(TimerAction a);  // "armed", "fired", "cancelled"
bool parseTimerAction(const std::string &name, TimerAction &out);

} // namespace tcp
