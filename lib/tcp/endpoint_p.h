#pragma once
// Private to the Endpoint implementation (endpoint.cpp, endpointarrives.cpp).

#include <cstdint>

namespace tcp {
namespace detail {

// Timer names as TimerChange::which spells them.
constexpr const char *kRetransmit = "retransmit";
constexpr const char *kTimeWait = "time-wait";
constexpr const char *kDelayedAck = "delayed-ack";
constexpr const char *kFinWait2 = "fin-wait-2";
constexpr std::uint16_t kDefaultMss = 536; // RFC 9293 §3.7.1: no MSS option means 536

} // namespace detail
} // namespace tcp
