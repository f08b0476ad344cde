// tcplab-labd: runs scenarios on the real Linux kernel inside a private user + network
// namespace and streams the trace as JSON Lines (DESIGN.md, "The live lab runs in a private
// network namespace"; issue 3).
//
//   tcplab-labd run FILE.tcplab [--pcap OUT.pcap] [--stats]
//   tcplab-labd interactive [--pcap OUT.pcap] [--stats]
//   tcplab-labd watch --port N [--duration D] [--format text|jsonl]   (the host, no namespace)
//
// Exit status: 0 ok, 1 an expect or wait failed, 2 bad file or usage, 3 no namespace.

#include "capture/pcapfilewriter.h"
#include "live/hostwatch.h"
#include "live/labnamespace.h"
#include "live/livedriver.h"
#include "scenario/runner.h"
#include "trace/jsonl.h"
#include "trace/labdstream.h"

#include <csignal>
#include <cstdlib>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <sys/prctl.h>
#include <unistd.h>

namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;
constexpr int kExitNamespace = 3;

void printLine(const std::string &line)
{
    std::fwrite(line.data(), 1, line.size(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout); // the parent reads events as they happen
}

void printError(const std::string &message)
{
    printLine(tcplab::labdErrorLine(message));
}

void printDone(bool ok, int line, const std::string &message)
{
    printLine(tcplab::labdDoneLine(ok, line, message));
}

// The temporary capture file, removed if the helper is told to stop (async-signal-safe).
char g_tempPath[4096];

void onTerminate(int sig)
{
    if (g_tempPath[0])
        ::unlink(g_tempPath);
    ::_exit(128 + sig);
}

struct Options {
    std::string command;
    std::string file;
    std::string pcap;
    bool stats = false;
    int port = 0;            // watch
    std::int64_t duration = 0;
    bool jsonl = false;
};

bool parseArgs(int argc, char **argv, Options &o, std::string &error)
{
    if (argc < 2) {
        error = "usage: tcplab-labd run FILE.tcplab [--pcap OUT.pcap] | interactive [--pcap "
                "OUT.pcap] | watch --port N [--duration D] [--format text|jsonl]";
        return false;
    }
    o.command = argv[1];
    if (o.command != "run" && o.command != "interactive" && o.command != "watch") {
        error = "unknown command \"" + o.command + "\" (run, interactive or watch)";
        return false;
    }
    for (int i = 2; i < argc; ++i) {
        const std::string a = argv[i];
        const bool watch = o.command == "watch";
        if (watch && a == "--port" && i + 1 < argc)
            o.port = std::atoi(argv[++i]);
        else if (watch && a == "--duration" && i + 1 < argc) {
            if (!scenario::parseDuration(argv[++i], o.duration)) {
                error = "bad duration \"" + std::string(argv[i]) + "\" (e.g. 10s)";
                return false;
            }
        } else if (watch && a == "--format" && i + 1 < argc)
            o.jsonl = std::string(argv[++i]) == "jsonl";
        else if (!watch && a == "--pcap" && i + 1 < argc)
            o.pcap = argv[++i];
        else if (a == "--stats")
            o.stats = true;
        else if (o.command == "run" && o.file.empty() && a.rfind("--", 0) != 0)
            o.file = a;
        else {
            error = "unexpected argument \"" + a + "\"";
            return false;
        }
    }
    if (o.command == "watch" && o.port == 0) {
        error = "watch needs --port N";
        return false;
    }
    if (o.command == "run" && o.file.empty()) {
        error = "run needs a scenario file";
        return false;
    }
    return true;
}

void printStats(const live::LiveDriver &driver)
{
    const live::LiveDriver::Stats s = driver.stats();
    std::fprintf(stderr,
                 "labd: %d segments, %d kernel + %d inferred state changes, %d sock_diag "
                 "snapshots (%.1f us each, every %.1f ms while busy, longest gap %.1f ms)\n",
                 s.segments, s.kernelStates, s.inferredStates, s.snapshots,
                 s.snapshots ? double(s.snapshotCostUs) / s.snapshots : 0.0,
                 double(s.busyIntervalUs) / 1000, double(s.maxBusyGapUs) / 1000);
}

std::string trim(const std::string &s)
{
    const std::size_t b = s.find_first_not_of(" \t\r");
    if (b == std::string::npos)
        return {};
    return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

void runInteractive(live::LiveDriver &driver)
{
    scenario::Runner runner(driver);
    std::string buffer;
    int lineNo = 0;
    bool eof = false;
    while (!eof) {
        if (!driver.idleUntilReadable(STDIN_FILENO, 1'000'000))
            continue;
        char chunk[4096];
        const ssize_t n = ::read(STDIN_FILENO, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            eof = true;
            if (buffer.empty())
                break;
            buffer += '\n'; // a last line without its newline still counts
        } else {
            buffer.append(chunk, std::size_t(n));
        }
        std::size_t nl;
        while ((nl = buffer.find('\n')) != std::string::npos) {
            const std::string line = buffer.substr(0, nl);
            buffer.erase(0, nl + 1);
            ++lineNo;
            if (trim(line) == "quit")
                return;
            scenario::Step step;
            scenario::ParseError perr;
            if (!scenario::parseStepLine(line, lineNo, step, perr)) {
                printLine(tcplab::labdReplyLine(lineNo, false, std::string(),
                                                "line " + std::to_string(perr.line) + ", column "
                                                    + std::to_string(perr.column) + ": "
                                                    + perr.message));
                continue;
            }
            scenario::RunResult result;
            const bool ok = runner.runStep(step, result);
            // A background call ("server recv &") has no result yet: it comes with the call
            // event, and with the reply to the `expect ... returned` that collects it.
            const scenario::CallStep *call = step.getIf<scenario::CallStep>();
            const bool pending = call && call->background;
            const tcplab::EndpointId *ep = step.endpoint();
            const std::string last = !ep || pending ? std::string() : runner.lastResult(*ep);
            printLine(tcplab::labdReplyLine(lineNo, ok, last, ok ? std::string() : result.message));
        }
    }
}

} // namespace

int main(int argc, char **argv)
{
    // Die with the parent (the GUI or tcplab-cli), whatever kills it.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    std::signal(SIGPIPE, SIG_IGN); // a closed pipe is an error return, not death
    std::signal(SIGTERM, onTerminate);
    std::signal(SIGINT, onTerminate);

    Options opt;
    std::string error;
    if (!parseArgs(argc, argv, opt, error)) {
        printError(error);
        return kExitUsage;
    }

    if (opt.command == "watch") {
        live::WatchOptions w;
        w.jsonl = opt.jsonl;
        w.durationUs = opt.duration;
        std::cout.setf(std::ios::unitbuf);
        return live::runWatch(opt.port, std::cout, w);
    }

    scenario::Scenario scen;
    if (opt.command == "run") {
        std::ifstream in(opt.file);
        if (!in) {
            printError(opt.file + ": " + std::strerror(errno));
            return kExitUsage;
        }
        std::stringstream text;
        text << in.rdbuf();
        std::vector<scenario::ParseError> errors;
        if (!scenario::parseScenario(text.str(), opt.file, scen, errors)) {
            for (const scenario::ParseError &e : errors)
                printError(e.format(opt.file));
            return kExitUsage;
        }
    }

    // The capture file is created before entering the namespace, with the user's own rights.
    capture::PcapFileWriter writer;
    if (!opt.pcap.empty()) {
        if (!writer.open(opt.pcap, 1 /* EN10MB: Linux's lo */, 262144, error)) {
            printError(error);
            return kExitUsage;
        }
        std::strncpy(g_tempPath, writer.temporaryPath().c_str(), sizeof g_tempPath - 1);
    }

    // No thread exists yet: the kernel allows CLONE_NEWUSER only to a single-threaded process.
    const live::NamespaceResult ns = live::enterLabNamespace(error);
    if (ns != live::NamespaceResult::Ok) {
        printError(error);
        return kExitNamespace;
    }

    live::LiveDriver driver([](const tcplab::Event &e) { printLine(tcplab::toJson(e)); });
    if (!driver.start(opt.pcap.empty() ? nullptr : &writer, error)) {
        printError("cannot set up the live lab: " + error);
        return kExitNamespace;
    }
    printLine(tcplab::labdReadyLine());

    scenario::RunResult result;
    if (opt.command == "run") {
        scenario::Runner runner(driver);
        result = runner.run(scen);
    } else {
        runInteractive(driver);
        driver.finish();
    }
    driver.shutdown();
    if (opt.stats)
        printStats(driver);

    if (!opt.pcap.empty()) {
        const bool written = writer.commit(error);
        g_tempPath[0] = '\0';
        if (!written)
            printError(error);
    }
    printDone(result.ok, result.ok ? 0 : result.line, result.message);
    return result.ok ? kExitOk : kExitFailed;
}
