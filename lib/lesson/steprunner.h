#pragma once
// Runs a lesson step's scenario in the simulator and records where each scenario step ended in
// the trace, which "state ENDPOINT after line L" reads. A live run is made by the caller
// (LiveRunner), which records the boundaries its own way (tcplab-labd's per-step replies).

#include "runrecord.h"

#include "scenario/scenario.h"

namespace lesson {

// Runs s in the simulator through scenario::Runner, one step at a time, then lets it settle
// (as sim::runScenario does); afterLine holds every step that held.
RunRecord runInSimulator(const scenario::Scenario &s);

} // namespace lesson
