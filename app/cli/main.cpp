// tcplab-cli: runs scenarios in the simulator or on the real kernel, checks scenario files,
// exports diagrams headless, and watches connections on the host's loopback.

#include "labdclient.h"

#include "scenario/scenario.h"
#include "sim/simulator.h"
#include "trace/atomicfile.h"
#include "trace/comparison.h"
#include "trace/jsonl.h"
#include "trace/textformat.h"

#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

int runExport(int argc, char **argv);                       // export.cpp: Qt stays out of this file
int runWatchCommand(const std::vector<std::string> &args); // watch.cpp
int lessonsCommand(const std::vector<std::string> &args);  // lessons.cpp

namespace {

constexpr int kOk = 0;
constexpr int kFailed = 1;
constexpr int kUsage = 2;

const char *const kMainHelp =
    "Usage: tcplab-cli COMMAND [OPTIONS]\n"
    "\n"
    "TCP Lab's command line: TCP connection set-up and tear-down, simulated and on the real kernel.\n"
    "\n"
    "Commands:\n"
    "  run FILE      run a scenario and print its trace (simulator, live kernel, or both)\n"
    "  check FILE... parse scenario files and report errors, without running them\n"
    "  export FILE   draw a view of a run to PNG, SVG or PDF (headless)\n"
    "  watch         observe connections of other programs on the host's loopback\n"
    "  lessons       list, show and check the guided lessons\n"
    "\n"
    "Run 'tcplab-cli COMMAND --help' for a command's options.\n"
    "Exit status: 0 success, 1 an expectation or wait failed, 2 bad file or usage.\n";

const char *const kRunHelp =
    "Usage: tcplab-cli run FILE.tcplab [--mode sim|live|both] [--format text|jsonl] [-o OUT]\n"
    "                      [--pcap OUT.pcap]\n"
    "\n"
    "Runs a scenario and prints its trace.\n"
    "  --mode sim    the deterministic simulator (default, unless the file says 'mode: live')\n"
    "  --mode live   real sockets on the Linux kernel, in a private network namespace\n"
    "  --mode both   both, then the differences between them (exit 1 on an unexpected one)\n"
    "  --format text an aligned, readable timeline (default); jsonl: one JSON object per event\n"
    "  -o OUT        write the trace to OUT (atomically) instead of standard output\n"
    "  --pcap OUT    live: also save the captured packets as a pcap file (tcpdump -r reads it)\n"
    "Exit status: 0 every wait and expect held, 1 one failed (its line is named), 2 bad file\n"
    "or usage, 3 the live lab could not start.\n";

const char *const kCheckHelp =
    "Usage: tcplab-cli check FILE.tcplab...\n"
    "\n"
    "Parses each file and prints every error as FILE:LINE:COLUMN: message. Nothing runs.\n"
    "Exit status: 0 all files are valid, 2 otherwise.\n";

const char *const kExportHelp =
    "Usage: tcplab-cli export FILE.tcplab|FILE.jsonl --view VIEW --out OUT.png|OUT.svg|OUT.pdf\n"
    "                         [--mode sim|live] [--width PX] [--height PX]\n"
    "\n"
    "Draws one view of a run, headless, exactly as the desktop app paints it.\n"
    "  --view sequence   the sequence diagram        --view graph     the state-transition graph\n"
    "  --view timeline   states over time (plot)     --view tseq      time-sequence graph (plot)\n"
    "  --view backoff    retransmission back-off (plot)\n"
    "  --out FILE        the format follows the extension: .png, .svg or .pdf (written atomically)\n"
    "  --mode sim|live   how to run a scenario file (default sim); a .jsonl trace is drawn as is\n"
    "  --width, --height the image size in pixels: width 1600 by default; a diagram takes the\n"
    "                    height it needs unless --height is given, a plot 9/16 of the width\n";

const char *const kWatchHelp =
    "Usage: tcplab-cli watch --port N [--format text|jsonl] [--duration D]\n"
    "\n"
    "Watches the connections of other programs (nc, a server you are writing) on the host's\n"
    "loopback: kernel states from sock_diag and, with capture permission, segments from libpcap.\n"
    "Runs until Ctrl+C or for --duration (e.g. 30s).\n";

bool readFile(const std::string &path, std::string &out, std::string &error)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error = path + ": cannot open: " + std::strerror(errno);
        return false;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    out = ss.str();
    return true;
}

// Parses a scenario file; prints errors and returns false when it is not valid.
bool loadScenario(const std::string &path, scenario::Scenario &s)
{
    std::string text, error;
    if (!readFile(path, text, error)) {
        std::cerr << "tcplab-cli: " << error << '\n';
        return false;
    }
    std::vector<scenario::ParseError> errors;
    if (!scenario::parseScenario(text, path, s, errors)) {
        for (const scenario::ParseError &e : errors)
            std::cerr << e.format(path) << '\n';
        return false;
    }
    return true;
}

bool wantsHelp(int argc, char **argv)
{
    for (int i = 2; i < argc; ++i)
        if (std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0)
            return true;
    return false;
}

int usageError(const std::string &what, const char *help)
{
    std::cerr << "tcplab-cli: " << what << "\n\n" << help;
    return kUsage;
}

std::string render(const tcplab::Trace &trace, const std::string &format)
{
    std::ostringstream out;
    if (format == "jsonl") {
        tcplab::writeJsonl(out, trace);
    } else {
        if (!trace.title.empty())
            out << "# " << trace.title << " (" << trace.producer << ")\n";
        for (const std::string &line : tcplab::formatTrace(trace))
            out << line << '\n';
    }
    return out.str();
}

bool emit(const std::string &text, const std::string &outPath)
{
    if (outPath.empty()) {
        std::cout << text;
        return true;
    }
    std::string error;
    if (!tcplab::writeFileAtomically(outPath, text, error)) {
        std::cerr << "tcplab-cli: cannot write " << error << '\n';
        return false;
    }
    return true;
}

void reportResult(const scenario::RunResult &r, const std::string &file, const char *mode)
{
    if (r.ok)
        std::cerr << file << ": " << mode << ": every wait and expect held\n";
    else {
        // The runner's message starts "line N: "; the file:line prefix already says so.
        const std::string prefix = "line " + std::to_string(r.line) + ": ";
        const bool hasPrefix = r.message.compare(0, prefix.size(), prefix) == 0;
        std::cerr << file << ":" << r.line << ": " << mode << ": "
                  << (hasPrefix ? r.message.substr(prefix.size()) : r.message) << '\n';
    }
}

int runCommand(int argc, char **argv)
{
    if (wantsHelp(argc, argv)) {
        std::cout << kRunHelp;
        return kOk;
    }
    std::string file, mode, format = "text", outPath, pcapPath;
    for (int i = 2; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&](std::string &into) {
            if (i + 1 >= argc)
                return false;
            into = argv[++i];
            return true;
        };
        if (a == "--mode") {
            if (!value(mode) || (mode != "sim" && mode != "live" && mode != "both"))
                return usageError("--mode takes sim, live or both", kRunHelp);
        } else if (a == "--format") {
            if (!value(format) || (format != "text" && format != "jsonl"))
                return usageError("--format takes text or jsonl", kRunHelp);
        } else if (a == "-o" || a == "--output") {
            if (!value(outPath))
                return usageError(a + " needs a file name", kRunHelp);
        } else if (a == "--pcap") {
            if (!value(pcapPath))
                return usageError("--pcap needs a file name", kRunHelp);
        } else if (!a.empty() && a[0] == '-') {
            return usageError("unknown option " + a, kRunHelp);
        } else if (file.empty()) {
            file = a;
        } else {
            return usageError("run takes one scenario file", kRunHelp);
        }
    }
    if (file.empty())
        return usageError("run needs a scenario file", kRunHelp);
    scenario::Scenario s;
    if (!loadScenario(file, s))
        return kUsage;
    if (mode.empty())
        mode = s.mode == scenario::Mode::Live ? "live" : "sim";
    if (mode != "sim" && s.mode == scenario::Mode::Sim) {
        std::cerr << file << ": this scenario is simulator-only ('mode: sim')"
                  << (s.why.empty() ? std::string() : ": " + s.why) << '\n';
        return kUsage;
    }
    if (mode == "sim" && s.mode == scenario::Mode::Live) {
        std::cerr << file << ": this scenario is live-only ('mode: live')\n";
        return kUsage;
    }
    if (!pcapPath.empty() && mode == "sim")
        return usageError("--pcap needs --mode live or both (the simulator captures nothing)", kRunHelp);

    tcplab::Trace simTrace;
    scenario::RunResult simResult;
    if (mode == "sim" || mode == "both") {
        simResult = sim::runScenario(s, simTrace);
        simTrace.title = s.title;
        simTrace.producer = "sim";
    }
    LiveRun live;
    if (mode == "live" || mode == "both") {
        live = runLive(file, pcapPath, nullptr);
        if (!live.fatal.empty()) {
            std::cerr << "tcplab-cli: live: " << live.fatal << '\n';
            return live.exitCode == kUsage ? kUsage : 3;
        }
        live.trace.title = s.title;
    }

    if (mode == "sim") {
        if (!emit(render(simTrace, format), outPath))
            return kUsage;
        reportResult(simResult, file, "sim");
        return simResult.ok ? kOk : kFailed;
    }
    if (mode == "live") {
        if (!emit(render(live.trace, format), outPath))
            return kUsage;
        reportResult(live.result, file, "live");
        return live.result.ok ? kOk : kFailed;
    }
    // both: the two traces, then where they differ.
    std::string text = render(simTrace, format);
    if (format == "text")
        text += "\n";
    text += render(live.trace, format);
    if (!emit(text, outPath))
        return kUsage;
    const std::vector<tcplab::Difference> diffs = tcplab::compareTraces(simTrace, live.trace);
    std::ostream &report = format == "text" && outPath.empty() ? std::cout : std::cerr;
    report << "\n# sim vs live\n";
    for (const std::string &line : tcplab::formatComparison(simTrace, live.trace, diffs))
        report << line << '\n';
    reportResult(simResult, file, "sim");
    reportResult(live.result, file, "live");
    bool unexpected = false;
    for (const tcplab::Difference &d : diffs)
        unexpected = unexpected || !d.expected;
    return simResult.ok && live.result.ok && !unexpected ? kOk : kFailed;
}

int checkCommand(int argc, char **argv)
{
    if (wantsHelp(argc, argv)) {
        std::cout << kCheckHelp;
        return kOk;
    }
    if (argc < 3)
        return usageError("check needs at least one scenario file", kCheckHelp);
    bool allOk = true;
    for (int i = 2; i < argc; ++i) {
        scenario::Scenario s;
        if (loadScenario(argv[i], s))
            std::cout << argv[i] << ": ok (" << s.steps.size() << " steps, mode "
                      << scenario::modeName(s.mode) << ")\n";
        else
            allOk = false;
    }
    return allOk ? kOk : kUsage;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 2) {
        std::cerr << kMainHelp;
        return kUsage;
    }
    const std::string command = argv[1];
    if (command == "--help" || command == "-h" || command == "help") {
        std::cout << kMainHelp;
        return kOk;
    }
    if (command == "--version") {
        std::cout << "tcplab-cli 0.1\n";
        return kOk;
    }
    if (command == "run")
        return runCommand(argc, argv);
    if (command == "check")
        return checkCommand(argc, argv);
    if ((command == "export" || command == "watch") && wantsHelp(argc, argv)) {
        std::cout << (command == "export" ? kExportHelp : kWatchHelp);
        return kOk;
    }
    if (command == "export")
        return runExport(argc, argv);
    if (command == "watch")
        return runWatchCommand(std::vector<std::string>(argv + 2, argv + argc));
    if (command == "lessons")
        return lessonsCommand(std::vector<std::string>(argv + 2, argv + argc));
    return usageError("unknown command '" + command + "'", kMainHelp);
}
