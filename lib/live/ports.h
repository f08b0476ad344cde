#pragma once
// The lab's fixed addresses, the same as the simulator's: the client binds 127.0.0.1:50000,
// the server listens on 127.0.0.1:8000.

#include <cstdint>
#include <ctime>

namespace live {

constexpr std::uint16_t kClientPort = 50000;
constexpr std::uint16_t kServerPort = 8000;
constexpr std::uint32_t kLoopback = 0x7f000001; // 127.0.0.1, host byte order

// Wall-clock microseconds. CLOCK_REALTIME because libpcap stamps packets with it: every time
// the live lab reports must be comparable with the capture's.
inline std::int64_t realtimeUs()
{
    timespec ts{};
    clock_gettime(CLOCK_REALTIME, &ts);
    return std::int64_t(ts.tv_sec) * 1'000'000 + ts.tv_nsec / 1000;
}

} // namespace live
