#pragma once
// Private to the Endpoint implementation (endpoint.cpp, endpointarrives.cpp).

#include "timer.h"

#include <cstdint>

namespace tcp {
namespace detail {

// Short names for the timers (timer.h).
constexpr Timer kRetransmit = Timer::Retransmit;
constexpr Timer kTimeWait = Timer::TimeWait;
constexpr Timer kDelayedAck = Timer::DelayedAck;
constexpr Timer kFinWait2 = Timer::FinWait2;
constexpr std::uint16_t kDefaultMss = 536; // RFC 9293 §3.7.1: no MSS option means 536

} // namespace detail
} // namespace tcp
