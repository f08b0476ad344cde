#include "steprunner.h"

#include "scenario/runner.h"
#include "sim/simulator.h"

namespace lesson {

RunRecord runInSimulator(const scenario::Scenario &s)
{
    RunRecord rec;
    sim::Simulator simulator(s);
    scenario::Runner runner(simulator);
    for (const scenario::Step &step : s.steps) {
        if (!runner.runStep(step, rec.result))
            break;
        rec.afterLine[step.line] = simulator.trace().size();
    }
    simulator.finish();
    rec.trace = simulator.trace();
    return rec;
}

} // namespace lesson
