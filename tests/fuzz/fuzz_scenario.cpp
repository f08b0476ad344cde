// libFuzzer target: the scenario parser. Any text must parse or give at least one error (never
// crash), and every step that parses must survive the round trip the interactive lab relies on
// when it saves a session: parseStepLine(stepToText(step)) is sameStep() as step, and writing it
// again gives the same text.

#include "scenario/scenario.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

// Aborting (rather than returning) makes libFuzzer save the input as a crash artifact.
[[noreturn]] void fail(const char *what, const std::string &text, const std::string &detail)
{
    std::fprintf(stderr, "fuzz_scenario: %s\n  step text: \"%s\"\n  %s\n", what, text.c_str(),
                 detail.c_str());
    std::abort();
}

void checkRoundTrip(const scenario::Step &step)
{
    const std::string text = stepToText(step);
    scenario::Step back;
    scenario::ParseError error;
    if (!scenario::parseStepLine(text, 1, back, error))
        fail("stepToText() wrote a line parseStepLine() refuses", text, error.format("step"));
    if (!scenario::sameStep(step, back))
        fail("parseStepLine(stepToText(step)) is not the same step", text, "");
    const std::string again = stepToText(back);
    if (again != text)
        fail("stepToText() is not stable", text, again);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string text(reinterpret_cast<const char *>(data), size);

    scenario::Scenario sc;
    std::vector<scenario::ParseError> errors;
    const bool ok = scenario::parseScenario(text, "fuzz.tcplab", sc, errors);
    if (!ok && errors.empty())
        fail("parseScenario() refused without an error", text, "");
    if (ok && !errors.empty())
        fail("parseScenario() accepted with errors", text, errors.front().format("fuzz.tcplab"));
    for (const scenario::ParseError &e : errors)
        if (e.line < 1 || e.column < 1)
            fail("an error without line:column", text, e.format("fuzz.tcplab"));
    if (ok)
        for (const scenario::Step &step : sc.steps)
            checkRoundTrip(step);

    // Each line alone, as the interactive lab sends them: files that fail on a header or on
    // another line still exercise every step form.
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos)
            end = text.size();
        scenario::Step step;
        scenario::ParseError error;
        if (scenario::parseStepLine(text.substr(start, end - start), 1, step, error))
            checkRoundTrip(step);
        start = end + 1;
    }
    return 0;
}
