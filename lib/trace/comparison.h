#pragma once
// Compares a simulated trace with a live (kernel) trace of the same scenario, as
// `tcplab-cli run --mode both` prints it: the sequence of state transitions per endpoint and
// the sequence of segment flags per direction. Differences Linux is known to cause are named
// and marked expected, never hidden.

#include "trace.h"

#include <string>
#include <vector>

namespace tcplab {

struct Difference {
    std::string what;     // "client states", "client -> server segments"
    std::string simSide;  // "SYN_SENT ESTABLISHED FIN_WAIT_1 FIN_WAIT_2 TIME_WAIT CLOSED"
    std::string liveSide;
    bool expected = false;
    std::string reason;   // why it is expected ("Linux's TIME_WAIT lasts 60 s; ...")
};

// The states an endpoint entered, in order ("SYN_SENT", "ESTABLISHED", ...).
std::vector<std::string> stateSequence(const Trace &t, EndpointId ep);
// The flags of every segment sent from src to dst, in order (dropped ones included).
std::vector<std::string> flagSequence(const Trace &t, EndpointId src, EndpointId dst);

std::vector<Difference> compareTraces(const Trace &sim, const Trace &live);
// Readable report; one block per aspect, "same" or the two sides and the verdict.
std::vector<std::string> formatComparison(const Trace &sim, const Trace &live,
                                          const std::vector<Difference> &diffs);

} // namespace tcplab
