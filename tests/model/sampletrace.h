#pragma once
// Traces built in code for the model tests: what the simulator gives for handshake-and-close
// (latency 5 ms, ISNs 1000 and 5000, 2MSL = 60 s).

#include "trace/trace.h"

namespace sample {

tcplab::Trace handshakeAndClose();
tcplab::Event segment(std::int64_t t, const char *src, const char *dst, const char *flags,
                      std::uint32_t seq, std::uint32_t ack, std::int64_t arrive);

} // namespace sample
