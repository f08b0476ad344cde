#pragma once
// A counterfactual run -- the simulator running a protocol that is not TCP (a two-way handshake,
// no TIME_WAIT) to show why TCP is as it is -- says so in a note at t=0 whose text starts with
// "counterfactual: ". The note travels with the trace (JSON Lines included), so every view and
// every reader of a saved file can mark the run without knowing the scenario.

#include "trace.h"

#include "tcp/statediagram.h"

#include <string>

namespace tcplab {

constexpr const char kCounterfactualPrefix[] = "counterfactual: ";
// What the notes say is not TCP; counterfactualVariant() reads them back.
constexpr const char kCounterfactualTwoWay[] = "two-way handshake";
constexpr const char kCounterfactualNoTimeWait[] = "no TIME_WAIT";

// A note at t=0: "counterfactual: " + what + " — not TCP".
Event makeCounterfactualNote(const std::string &what);
bool isCounterfactualNote(const Event &e);
// The what of a counterfactual note ("two-way handshake"); empty for any other event.
std::string counterfactualWhat(const Event &e);
// True when any note of the trace marks it counterfactual.
bool isCounterfactual(const Trace &trace);
// Which protocol's state diagram the run followed: TCP's ({}) unless its notes say otherwise.
// A counterfactual note of a kind this build does not know leaves the diagram TCP's (the run is
// still marked counterfactual by isCounterfactual()).
tcp::DiagramVariant counterfactualVariant(const Trace &trace);

} // namespace tcplab
