#pragma once
// A counterfactual run -- the simulator running a protocol that is not TCP (a two-way handshake,
// no TIME_WAIT) to show why TCP is as it is -- says so in a note at t=0 whose text starts with
// "counterfactual: ". The note travels with the trace (JSON Lines included), so every view and
// every reader of a saved file can mark the run without knowing the scenario.

#include "trace.h"

#include <string>

namespace tcplab {

constexpr const char kCounterfactualPrefix[] = "counterfactual: ";

// A note at t=0: "counterfactual: " + what + " — not TCP".
Event makeCounterfactualNote(const std::string &what);
bool isCounterfactualNote(const Event &e);
// True when any note of the trace marks it counterfactual.
bool isCounterfactual(const Trace &trace);

} // namespace tcplab
