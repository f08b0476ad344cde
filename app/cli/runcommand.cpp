#include "app/cli/runcommand.h"

#include "app/cli/scenariofile.h"
#include "app/common/commandline.h"

#include "ui/lab/labdrun.h"

#include "sim/simulator.h"
#include "trace/atomicfile.h"
#include "trace/comparison.h"
#include "trace/jsonl.h"
#include "trace/textformat.h"

#include <QCoreApplication>

#include <iostream>
#include <sstream>
#include <vector>

namespace {

constexpr int kOk = 0;
constexpr int kFailed = 1;
constexpr int kBadFile = 2;
constexpr int kNoLab = 3;

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

} // namespace

RunCommand::RunCommand(CommandLine &cli)
{
    CLI::App *run = cli.addCommand(
        "run", "run a scenario and print its trace (simulator, live kernel, or both)",
        [this] { return this->run(); });
    run->footer(
        "Exit status: 0 every wait and expect held, 1 one failed (its line is named), 2 bad "
        "file\nor usage, 3 the live lab could not start.");
    cli.require(run->add_option("FILE", m_file, "the scenario (*.tcplab)")->type_name(""),
                "run needs a scenario file");
    run->add_option("--mode", m_mode,
                    "sim: the simulator (default, unless the file says 'mode: live')\n"
                    "live: real sockets on the Linux kernel, in a private network namespace\n"
                    "both: both, then the differences (exit 1 on an unexpected one)")
        ->type_name("sim|live|both")
        ->check(oneOf({"sim", "live", "both"}, "--mode takes sim, live or both"));
    run->add_option("--format", m_format,
                    "text: an aligned, readable timeline (default)\n"
                    "jsonl: one JSON object per event")
        ->type_name("text|jsonl")
        ->check(oneOf({"text", "jsonl"}, "--format takes text or jsonl"));
    run->add_option("-o,--output", m_output,
                    "write the trace to OUT (atomically) instead of standard output")
        ->type_name("OUT");
    run->add_option("--pcap", m_pcap,
                    "live: also save the captured packets as a pcap file (tcpdump -r reads it)")
        ->type_name("OUT.pcap");
}

int RunCommand::run() const
{
    scenario::Scenario s;
    if (!loadScenario(m_file, s))
        return kBadFile;
    std::string mode = m_mode;
    if (mode.empty())
        mode = s.mode == scenario::Mode::Live ? "live" : "sim";
    if (mode != "sim" && s.mode == scenario::Mode::Sim) {
        std::cerr << m_file << ": this scenario is simulator-only ('mode: sim')"
                  << (s.why.empty() ? std::string() : ": " + s.why) << '\n';
        return kBadFile;
    }
    if (mode == "sim" && s.mode == scenario::Mode::Live) {
        std::cerr << m_file << ": this scenario is live-only ('mode: live')\n";
        return kBadFile;
    }
    if (!m_pcap.empty() && mode == "sim")
        throw UsageError("--pcap needs --mode live or both (the simulator captures nothing)");

    tcplab::Trace simTrace;
    scenario::RunResult simResult;
    if (mode == "sim" || mode == "both") {
        simResult = sim::runScenario(s, simTrace);
        simTrace.title = s.title;
        simTrace.producer = "sim";
    }
    LabdRun::Result live;
    scenario::RunResult liveResult;
    if (mode == "live" || mode == "both") {
        // The live client is a QProcess with Qt's event loop: that needs an application object.
        int qtArgc = 1;
        char qtName[] = "tcplab-cli";
        char *qtArgv[] = {qtName, nullptr};
        QCoreApplication qt(qtArgc, qtArgv);
        live = LabdRun::runToEnd(QString::fromStdString(m_file), QString::fromStdString(m_pcap));
        if (!live.error.isEmpty()) {
            std::cerr << "tcplab-cli: live: " << live.error.toStdString() << '\n';
            return live.exitCode == kBadFile ? kBadFile : kNoLab;
        }
        live.trace.title = s.title;
        liveResult = {live.ok, live.line, live.message.toStdString(), live.why};
    }

    if (mode == "sim") {
        if (!emit(render(simTrace, m_format), m_output))
            return kBadFile;
        reportResult(simResult, m_file, "sim");
        return simResult.ok ? kOk : kFailed;
    }
    if (mode == "live") {
        if (!emit(render(live.trace, m_format), m_output))
            return kBadFile;
        reportResult(liveResult, m_file, "live");
        return liveResult.ok ? kOk : kFailed;
    }
    // both: the two traces, then where they differ.
    std::string text = render(simTrace, m_format);
    if (m_format == "text")
        text += "\n";
    text += render(live.trace, m_format);
    if (!emit(text, m_output))
        return kBadFile;
    const std::vector<tcplab::Difference> diffs = tcplab::compareTraces(simTrace, live.trace);
    std::ostream &report = m_format == "text" && m_output.empty() ? std::cout : std::cerr;
    report << "\n# sim vs live\n";
    for (const std::string &line : tcplab::formatComparison(simTrace, live.trace, diffs))
        report << line << '\n';
    reportResult(simResult, m_file, "sim");
    reportResult(liveResult, m_file, "live");
    bool unexpected = false;
    for (const tcplab::Difference &d : diffs)
        unexpected = unexpected || !d.expected;
    return simResult.ok && liveResult.ok && !unexpected ? kOk : kFailed;
}
