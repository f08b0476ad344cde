#pragma once
// A parsed scenario (*.tcplab): headers and steps. Plain values; see README "Scenario language".
// Depends on lib/trace's and lib/tcp's vocabulary (endpoints, calls, states, flags) only.

#include "tcp/call.h"
#include "tcp/state.h"
#include "trace/endpointid.h"
#include "trace/message.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace scenario {

enum class Mode { Sim, Live, Both };
const char *modeName(Mode m); // "sim", "live", "both"

enum class FaultAction { Drop, Duplicate, Delay };

// One kind of step each (README "Scenario language").
// ENDPOINT listen|connect|accept|send N|recv [N]|shutdown|close|abort|exit [timeout D] [&]
struct CallStep {
    tcplab::EndpointId ep;
    tcp::Call call = tcp::Call::Listen;
    std::int64_t arg = -1;     // send N / recv N (-1: none)
    std::int64_t timeout = -1; // microseconds, -1 for the default
    bool background = false;   // trailing '&': the scenario goes on while it blocks
};
// wait ENDPOINT STATE [timeout D]
struct WaitStep {
    tcplab::EndpointId ep;
    tcp::State state = tcp::State::Closed;
    std::int64_t timeout = -1;
};
// sleep D
struct SleepStep {
    std::int64_t duration = 0;
};
// drop next [N] SRC->DST | drop [all] SRC->DST FLAGS [nth N] | drop none SRC->DST |
// duplicate ... | delay ... by D
struct FaultStep {
    FaultAction action = FaultAction::Drop;
    tcplab::EndpointId src, dst;
    std::optional<std::uint8_t> flags; // none: any segment; else exactly these tcp::Flag bits
    int nth = 1;                       // the Nth matching segment from now on
    bool all = false;                  // every matching segment (drop all ...)
    int count = 1;                     // drop next N: this many segments from the Nth on
    bool lift = false;                 // drop none SRC->DST: ends every drop rule that way
    std::int64_t delay = 0;            // delay: the added delay (µs)
};
// expect ENDPOINT STATE | expect ENDPOINT returned VALUE
struct ExpectStep {
    tcplab::EndpointId ep;
    bool returned = false;                 // false: a state
    tcp::State state = tcp::State::Closed; // state
    std::string value;                     // returned: "0", "EOF", "100", "ECONNREFUSED", ...
};
// note TEXT
struct NoteStep {
    std::string text;
};
// inject SRC->DST FLAGS seq N [ack N] [len N]: a crafted segment, e.g. an old duplicate SYN
struct InjectStep {
    tcplab::EndpointId src, dst;
    std::uint8_t flags = 0;
    std::uint32_t seq = 0; // absolute, as on the wire
    std::uint32_t ack = 0;
    std::uint32_t len = 0;
};

struct Step {
    // The order of the alternatives is Kind's order.
    using Body = std::variant<CallStep, WaitStep, SleepStep, FaultStep, ExpectStep, NoteStep,
                              InjectStep>;
    enum class Kind { Call, Wait, Sleep, Fault, Expect, Note, Inject };

    int line = 0;   // 1-based line in the file
    int column = 0; // 1-based column of the step's first word
    Body body = NoteStep{};

    Kind kind() const { return static_cast<Kind>(body.index()); }
    template <typename T> const T &as() const { return std::get<T>(body); }
    template <typename T> T &as() { return std::get<T>(body); }
    template <typename T> const T *getIf() const { return std::get_if<T>(&body); }
    // The endpoint a call, wait or expect step is about (nullptr for the other kinds).
    const tcplab::EndpointId *endpoint() const;
};

// Counterfactual protocols (simulator only; not TCP): a small named deviation the endpoint
// consults, chosen by the scenario's `handshake:` and `time-wait:` headers.
enum class Handshake { ThreeWay, TwoWay };

struct Scenario {
    std::string fileName;
    std::string title;
    Mode mode = Mode::Both;
    std::int64_t latency = 5'000;        // simulator: one-way delay (µs)
    std::int64_t msl = 30'000'000;       // simulator: MSL (2MSL = 60 s, as Linux's TIME_WAIT)
    std::int64_t rto = 1'000'000;        // simulator: initial retransmission timeout
    bool delayedAck = false;             // simulator: Linux-style delayed ACK (40 ms)
    // simulator: initial sequence numbers ("isn:"); isnFor() gives the default for the others
    std::map<tcplab::EndpointId, std::uint32_t> isns;
    std::uint32_t isnFor(tcplab::EndpointId ep) const;
    std::string why;                     // "why:" header: a sentence shown with the scenario
    // "title.zh_CN:" and "why.zh_CN:": the same in Simplified Chinese ("" when not given)
    std::string titleZhCN;
    std::string whyZhCN;
    // The title and the sentence in lang ("en", "zh_CN"; anything else: English); English
    // where the scenario gives none in lang.
    const std::string &titleIn(const std::string &lang) const
    {
        return lang == "zh_CN" && !titleZhCN.empty() ? titleZhCN : title;
    }
    const std::string &whyIn(const std::string &lang) const
    {
        return lang == "zh_CN" && !whyZhCN.empty() ? whyZhCN : why;
    }
    Handshake handshake = Handshake::ThreeWay; // simulator: "handshake: two-way" is not TCP
    bool timeWait = true;                // simulator: "time-wait: off" is not TCP
    bool counterfactual() const { return handshake != Handshake::ThreeWay || !timeWait; }
    std::vector<Step> steps;
};

// The range of every number a scenario holds (docs/scenario-language.md, "Ranges"). They are
// small enough that no sum the simulator and the live lab form can overflow: a run's clock adds
// at most a few durations per step, and a file holds at most kMaxLines lines: 10000 days are
// 8.6e14 µs, a ten-thousandth of 2^63. Deadlines are also computed with
// saturating adds (tcp::addTime), so a long interactive session cannot overflow either.
constexpr std::int64_t kMaxByteCount = 1'000'000'000;    // send N, recv N, expect returned N
constexpr std::int64_t kMaxDuration = 86'400'000'000;    // one day, in microseconds
constexpr std::int64_t kMaxNth = 1'000'000;              // drop ... nth N
constexpr std::uint32_t kMaxInjectLen = 65535;           // inject ... len N: one IP packet
// A line longer than this is refused before it is read (a pasted binary, a runaway note): the
// parser and the views that lay a note out stay linear and bounded.
constexpr std::size_t kMaxLineLength = 4096;             // bytes, without the line end
// 10000 lines export in about 2 s (sequence diagram of 5000 send/recv pairs, ~300 MB); 100000
// took 8 s and 900 MB. Shipped scenarios have about 30.
constexpr int kMaxLines = 10'000;                        // lines in one scenario file

// Default timeouts when a step gives none.
constexpr std::int64_t kDefaultWaitTimeout = 5'000'000;
constexpr std::int64_t kDefaultCallTimeout = 10'000'000;

struct ParseError {
    int line = 0;
    int column = 0;
    std::string message; // English: what.english() where what is set
    // The message as a template and its arguments, for the UI to show in its language
    // (trace/message.h; the templates are in the "scenario" context).
    tcplab::Message what;
    // "file:line:column: message"
    std::string format(const std::string &fileName) const;
    // "line 3, column 8: message", as the interactive lab replies.
    tcplab::Message located() const;
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
