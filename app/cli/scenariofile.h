#pragma once
// Reading a scenario file for `run` and `check`: errors go to stderr, a mistake as
// FILE:LINE:COLUMN: message.

#include "scenario/scenario.h"

#include <string>

// Parses the file into s; false (the reasons printed) when it cannot be read or is not valid.
bool loadScenario(const std::string &path, scenario::Scenario &s);
