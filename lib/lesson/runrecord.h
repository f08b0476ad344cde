#pragma once
// One run of a step's scenario as queries read it: the trace, where each scenario step ended in
// it, and whether the scenario's own waits and expects held. Any producer can fill one (the
// simulator through runInSimulator(), the live lab through a LiveRunner, a saved trace), so the
// query evaluator does not care where a trace came from.

#include "scenario/runner.h"
#include "trace/trace.h"

#include <cstddef>
#include <map>

namespace lesson {

struct RunRecord {
    tcplab::Trace trace;
    // Scenario line -> the trace's size when the step on that line had finished (so events
    // [0, afterLine[L]) happened up to then). Steps after a failed one have no entry.
    std::map<int, std::size_t> afterLine;
    scenario::RunResult result;
};

} // namespace lesson
