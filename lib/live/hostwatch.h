#pragma once
// `tcplab-cli watch --port N`: the host's own loopback, observed (DESIGN.md, "Attaching to the
// host's loopback"). No namespace: sock_diag shows every socket with port N as its local or
// remote port and each state change is printed in time order with the segments, a tenth of a
// second after it is seen (Watch::kHoldUs); libpcap captures the host's lo
// with the filter `tcp port N` when the process may (CAP_NET_RAW), and otherwise one line says
// exactly how to allow it and the watch goes on with states only.

#include <cstdint>
#include <iosfwd>
#include <string>

namespace live {

struct WatchOptions {
    bool jsonl = false;             // JSON Lines instead of the text timeline
    std::int64_t durationUs = 0;    // stop after this long; 0: until SIGINT or SIGTERM
    std::int64_t intervalUs = 20'000; // sock_diag period (a host dump walks the whole table)
    std::string programPath;        // named in the setcap advice; default: this executable
};

// Endpoints are named "listener", "client" and "server" (the first connection), "client2" and
// "server2" (the second) ...; a note maps each connection to its client port.
// Returns 0 when stopped, 2 when port is invalid or sock_diag cannot be read.
int runWatch(int port, std::ostream &out, const WatchOptions &options = WatchOptions());

} // namespace live
