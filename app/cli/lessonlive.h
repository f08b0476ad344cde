#pragma once
// The live half of `tcplab-cli lessons check --mode live|both`: runs a lesson step's scenario on
// the real kernel through `tcplab-labd interactive`, one scenario line at a time. The helper
// answers each line with a reply after the step's events, so when each step ended (what "state
// ENDPOINT after line L" reads) is known from the run itself, not guessed from the scenario.

#include "lesson/liverunner.h"

class LabdLessonRunner : public lesson::LiveRunner {
public:
    bool run(const lesson::ScenarioSource &source, lesson::RunRecord &out,
             std::string &error) override;
};
