#pragma once
// The live half of a lesson run, provided by whoever can reach the real kernel (tcplab-cli
// through tcplab-labd, the app through its lab session). lib/lesson itself stays free of
// processes and namespaces.

#include "lesson.h"
#include "runrecord.h"

#include <string>

namespace lesson {

class LiveRunner {
public:
    virtual ~LiveRunner() = default;
    // Runs source's scenario on the real kernel, filling out: the trace, the step boundaries
    // (afterLine) and the result of the scenario's waits and expects. False, with error, when
    // the live lab could not run at all (a failed expect is not that: it is out.result).
    virtual bool run(const ScenarioSource &source, RunRecord &out, std::string &error) = 0;
};

} // namespace lesson
