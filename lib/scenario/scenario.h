#pragma once
// A parsed scenario (*.tcplab): headers and steps. Plain values; see README "Scenario language".
// Depends on nothing but the standard library (DESIGN.md, "Folders").

#include <cstdint>
#include <string>
#include <vector>

namespace scenario {

enum class Mode { Sim, Live, Both };
const char *modeName(Mode m); // "sim", "live", "both"

// Counterfactual handshake (simulator only): `handshake: two-way` is not TCP.
enum class Handshake { ThreeWay, TwoWay };

struct Step {
    enum class Kind {
        Call,   // ENDPOINT listen|connect|accept|send N|recv [N]|shutdown|close|abort|exit [timeout D] [&]
        Wait,   // wait ENDPOINT STATE [timeout D]
        Sleep,  // sleep D
        Fault,  // drop next SRC->DST | drop [all] SRC->DST FLAGS [nth N] | duplicate ... | delay ... by D
        Expect, // expect ENDPOINT STATE | expect ENDPOINT returned VALUE
        Note,   // note TEXT
    };
    enum class FaultAction { Drop, Duplicate, Delay };
    enum class ExpectWhat { State, Returned };

    Kind kind = Kind::Note;
    int line = 0;   // 1-based line in the file
    int column = 0; // 1-based column of the step's first word

    std::string ep;            // "client" or "server" (Call, Wait, Expect)
    std::string call;          // Call: listen connect accept send recv shutdown close abort exit
    std::int64_t arg = -1;     // Call: send N / recv N (-1: none)
    bool background = false;   // Call: trailing '&' -- the scenario goes on while it blocks
    std::string state;         // Wait / Expect State: canonical name ("CLOSE_WAIT")
    std::int64_t timeout = -1; // Wait / Call: microseconds, -1 for the default
    std::int64_t duration = 0; // Sleep: microseconds; Fault Delay: the added delay

    // Fault
    FaultAction fault = FaultAction::Drop;
    std::string src, dst;      // direction
    std::string flags;         // "" = any segment; else canonical flags ("FIN+ACK")
    int nth = 1;               // the Nth matching segment from now on
    bool all = false;          // every matching segment (drop all ...)

    // Expect
    ExpectWhat expect = ExpectWhat::State;
    std::string value;         // Returned: "0", "EOF", "100", "ECONNREFUSED", ...

    std::string text;          // Note
};

struct Scenario {
    std::string fileName;
    std::string title;
    Mode mode = Mode::Both;
    std::int64_t latency = 5'000;        // simulator: one-way delay (µs)
    std::int64_t msl = 30'000'000;       // simulator: MSL (2MSL = 60 s, as Linux's TIME_WAIT)
    std::int64_t rto = 1'000'000;        // simulator: initial retransmission timeout
    bool delayedAck = false;             // simulator: Linux-style delayed ACK (40 ms)
    std::uint32_t clientIsn = 1000;      // simulator: initial sequence numbers
    std::uint32_t serverIsn = 5000;
    // Counterfactual protocols (simulator only, docs/lesson-format.md): `handshake: two-way`,
    // `time-wait: off`. The defaults are TCP's; anything else makes the run "not TCP".
    Handshake handshake = Handshake::ThreeWay;
    bool timeWait = true;
    std::string why;                     // "why:" header: a sentence shown with the scenario
    std::vector<Step> steps;
};

// Default timeouts when a step gives none.
constexpr std::int64_t kDefaultWaitTimeout = 5'000'000;
constexpr std::int64_t kDefaultCallTimeout = 10'000'000;

struct ParseError {
    int line = 0;
    int column = 0;
    std::string message;
    // "file:line:column: message"
    std::string format(const std::string &fileName) const;
};

// Parses a whole file. Returns false with every error found (at least one); nothing runs then.
bool parseScenario(const std::string &text, const std::string &fileName, Scenario &out,
                   std::vector<ParseError> &errors);
// Parses one step line (the interactive lab sends steps one at a time). Headers are refused.
// Returns false with the error; a blank or comment-only line gives Kind::Note with empty text.
bool parseStepLine(const std::string &line, int lineNo, Step &out, ParseError &error);
// The line that parses back to this step (used to save an interactive session as a file).
std::string stepToText(const Step &step);
// True when a and b mean the same step (line and column aside): parseStepLine(stepToText(s))
// gives a step sameStep() as s.
bool sameStep(const Step &a, const Step &b);
// "40ms", "2s", "1.5s", "250us", "2min" -> microseconds; false on a bad duration.
bool parseDuration(const std::string &text, std::int64_t &us);
std::string formatDuration(std::int64_t us); // shortest exact form: "40ms", "2s"

} // namespace scenario
