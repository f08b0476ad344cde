#pragma once
// Runs a scenario on the real kernel through the helper `tcplab-labd` (which lives next to
// tcplab-cli) and collects the trace it streams as JSON Lines.

#include "scenario/runner.h"
#include "trace/trace.h"

#include <functional>
#include <string>

struct LiveRun {
    tcplab::Trace trace;
    scenario::RunResult result;
    int exitCode = 0;        // the helper's: 0 ok, 1 an expectation failed, 2 bad file, 3 no namespace
    std::string fatal;       // set when the helper could not run at all
};

// The helper's path: beside this executable.
std::string labdPath();
// Runs `tcplab-labd run FILE [--pcap OUT]`; onEvent sees each event as it arrives.
LiveRun runLive(const std::string &scenarioFile, const std::string &pcapOut,
                const std::function<void(const tcplab::Event &)> &onEvent);
