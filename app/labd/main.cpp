// tcplab-labd: runs scenarios on the real Linux kernel inside a private user + network
// namespace and streams the trace as JSON Lines (DESIGN.md, "The live lab runs in a private
// network namespace"; issue 3).
//
//   tcplab-labd run FILE.tcplab [--pcap OUT.pcap] [--stats] [--no-hold]
//   tcplab-labd interactive [--pcap OUT.pcap] [--stats] [--no-hold]
//   tcplab-labd watch --port N [--duration D] [--format text|jsonl]   (the host, no namespace)
//
// Exit status: 0 ok, 1 an expect or wait failed, 2 bad file or usage, 3 no namespace. A usage
// mistake is one sentence on stderr (LabdProcess shows stderr when the helper ends with 2 and
// no error line); why a run cannot go on is an error line on stdout (trace/labdstream.h).

#include "app/common/commandline.h"
#include "app/common/watchcommand.h"

#include "capture/pcapfilewriter.h"
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

void printDone(bool ok, int line, const std::string &message, const tcplab::Message &why = {})
{
    printLine(tcplab::labdDoneLine(ok, line, message, why));
}

// The temporary capture file's name, removed if the helper is told to stop (issue 11, item 6).
// Where the filesystem has O_TMPFILE the temporary has no name until commit and this is the
// name it takes for an instant there; elsewhere it is the named temporary itself. Written
// before the handlers can need it and cleared after commit; read only by onTerminate.
char g_tempPath[4096];

// SIGTERM, SIGINT, SIGHUP, and SIGTERM as the parent-death signal: async-signal-safe only.
// The endpoint children and nft die of their own parent-death signal when this process goes,
// and with them the namespace.
void onTerminate(int sig)
{
    if (g_tempPath[0])
        ::unlink(g_tempPath);
    ::_exit(128 + sig);
}

// Dies with the parent (the GUI or tcplab-cli), whatever kills it. The starter asked for the
// signal already between fork and exec (LabdProcess); asking again matters where exec cleared
// it (a helper given file capabilities for `watch`). SIGTERM rather than SIGKILL, so that
// onTerminate removes a named temporary. TCPLAB_LABD_PARENT is the starter's pid: a parent that
// died before this prctl re-parented us, and no signal would come -- so leave at once.
void dieWithParent()
{
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    const char *expected = std::getenv("TCPLAB_LABD_PARENT");
    if (expected && *expected && std::to_string(::getppid()) != expected)
        ::_exit(128 + SIGTERM);
}

struct Options {
    std::string file; // run
    std::string pcap;
    bool stats = false;
    bool noHold = false;
};

void printStats(const live::LiveDriver &driver)
{
    const live::LiveDriver::Stats s = driver.stats();
    std::fprintf(stderr,
                 "labd: %d segments, %d kernel + %d inferred state changes, %d sock_diag "
                 "snapshots (%.1f us each, every %.1f ms while busy, longest gap %.1f ms)\n",
                 s.segments, s.kernelStates, s.inferredStates, s.snapshots,
                 s.snapshots ? double(s.snapshotCostUs) / s.snapshots : 0.0,
                 double(s.busyIntervalUs) / 1000, double(s.maxBusyGapUs) / 1000);
    if (!s.notHeld.empty())
        std::fprintf(stderr, "labd: %s\n", s.notHeld.c_str());
    else
        std::fprintf(stderr,
                     "labd: %d segments held (%.1f us each from the queue to the verdict, of "
                     "which %.1f us the sock_diag snapshot), %d more held longer\n",
                     s.heldSegments,
                     s.heldSegments ? double(s.holdCostUs) / s.heldSegments : 0.0,
                     s.heldSegments ? double(s.holdSnapshotUs) / s.heldSegments : 0.0,
                     s.heldLonger);
}

std::string trim(const std::string &s)
{
    const std::size_t b = s.find_first_not_of(" \t\r");
    if (b == std::string::npos)
        return {};
    return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

// The interactive lab's hold commands (issue 12), answered with a reply line like a step:
//   hold on | hold off                every segment stays held until a verdict / none does
//   held deliver|drop|twice [K]       the verdict for held segment K (the oldest if none given)
//   held delay D [K]                  delivered D later (e.g. 500ms)
// false: the line is no hold command (a scenario step, then); else ok and why set.
bool holdCommand(live::LiveDriver &driver, const std::string &line, bool &ok, std::string &why)
{
    std::istringstream in(line);
    std::string first, second, third, fourth;
    in >> first >> second;
    if (first != "hold" && first != "held")
        return false;
    std::getline(in >> std::ws, third);
    if (first == "hold") {
        if ((second == "on" || second == "off") && third.empty())
            why = driver.setHoldAll(second == "on");
        else
            why = "hold takes on or off";
        ok = why.empty();
        return true;
    }
    std::istringstream rest(third);
    rest >> third >> fourth;
    using V = live::LiveDriver::Verdict;
    V verdict = V::Deliver;
    std::int64_t delay = 0;
    std::string number = third;
    if (second == "deliver" || second == "drop" || second == "twice") {
        verdict = second == "deliver" ? V::Deliver : second == "drop" ? V::Drop : V::Twice;
        if (!fourth.empty())
            number = "?";
    } else if (second == "delay") {
        verdict = V::Delay;
        number = fourth;
        if (!scenario::parseDuration(third, delay)) {
            ok = false;
            why = "held delay needs a duration, e.g. held delay 500ms";
            return true;
        }
    } else {
        ok = false;
        why = "held takes deliver, drop, twice or delay D, then the segment's number";
        return true;
    }
    int hold = 0;
    if (!number.empty()) {
        char *end = nullptr;
        const long n = std::strtol(number.c_str(), &end, 10);
        if (*end || n < 1 || n > 1'000'000) {
            ok = false;
            why = "\"" + number + "\" is not a held segment's number";
            return true;
        }
        hold = int(n);
    }
    why = driver.verdict(hold, verdict, delay);
    ok = why.empty();
    return true;
}

void runInteractive(live::LiveDriver &driver)
{
    scenario::Runner runner(driver);
    scenario::BackgroundCalls background;
    const auto report = [](int line, const std::string &result) {
        printLine(tcplab::labdReturnedLine(line, result));
    };
    std::string buffer;
    int lineNo = 0;
    bool eof = false;
    while (!eof) {
        // While a call blocks, look often: its return is what the student waits for.
        const bool readable =
            driver.idleUntilReadable(STDIN_FILENO, background.any() ? 5'000 : 1'000'000);
        background.poll(runner, report);
        if (!readable)
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
            bool holdOk = false;
            std::string holdWhy;
            if (holdCommand(driver, trim(line), holdOk, holdWhy)) {
                if (!driver.hasEmitted())
                    driver.restartClock();
                printLine(tcplab::labdReplyLine(lineNo, holdOk, std::string(), holdWhy,
                                                holdOk ? tcplab::Message()
                                                       : tcplab::word(holdWhy)));
                background.poll(runner, report);
                continue;
            }
            scenario::Step step;
            scenario::ParseError perr;
            if (!scenario::parseStepLine(line, lineNo, step, perr)) {
                const tcplab::Message why = perr.located(); // "line 4, column 8: ..."
                printLine(tcplab::labdReplyLine(lineNo, false, std::string(), why.english(), why));
                continue;
            }
            // The session's clock starts at its first step, not when the lab was set up (the
            // student may read for a minute before pressing anything).
            if (!driver.hasEmitted())
                driver.restartClock();
            scenario::RunResult result;
            const bool ok = runner.runStep(step, result);
            // A background call has no result yet: a `returned` line brings it.
            const scenario::CallStep *call = step.getIf<scenario::CallStep>();
            const bool pending = ok && call && call->background;
            const tcplab::EndpointId *ep = step.endpoint();
            const std::string last = !ep || pending ? std::string() : runner.lastResult(*ep);
            printLine(tcplab::labdReplyLine(lineNo, ok, last, ok ? std::string() : result.message,
                                            ok ? tcplab::Message()
                                               : scenario::lineMessage(result.line, result.why)));
            if (pending)
                background.started(call->ep, lineNo);
            background.poll(runner, report);
        }
    }
}

// `run` and `interactive`: the lab in its namespace, driven by a scenario file or by stdin.
int runLab(const Options &opt, bool interactive)
{
    std::string error;
    scenario::Scenario scen;
    if (!interactive) {
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
        // The kernel runs TCP: a two-way handshake or a TCP without TIME_WAIT is the
        // simulator's alone.
        if (scen.counterfactual()) {
            printError(opt.file + ": a counterfactual protocol (handshake: two-way, time-wait: "
                                  "off) runs only in the simulator");
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
    driver.setHolding(!opt.noHold);
    driver.setHoldListener([](int hold, const tcplab::Event *segment) {
        printLine(segment ? tcplab::labdHeldLine(hold, *segment) : tcplab::labdReleasedLine(hold));
    });
    if (!driver.start(opt.pcap.empty() ? nullptr : &writer, error)) {
        printError("cannot set up the live lab: " + error);
        return kExitNamespace;
    }
    printLine(tcplab::labdReadyLine());

    scenario::RunResult result;
    if (!interactive) {
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
    printDone(result.ok, result.ok ? 0 : result.line, result.message, result.why);
    return result.ok ? kExitOk : kExitFailed;
}

} // namespace

int main(int argc, char **argv)
{
    std::signal(SIGPIPE, SIG_IGN); // a closed pipe is an error return, not death
    // The handlers first: the parent-death signal asked for next runs onTerminate.
    struct sigaction stop{};
    stop.sa_handler = onTerminate;
    ::sigfillset(&stop.sa_mask); // one handler at a time: it ends the process
    for (int sig : {SIGTERM, SIGINT, SIGHUP})
        ::sigaction(sig, &stop, nullptr);
    dieWithParent();

    CommandLine cli("tcplab-labd",
                    "TCP Lab's live lab helper: runs scenarios on the real Linux kernel inside a "
                    "private user and\nnetwork namespace and streams the trace as JSON Lines "
                    "(tcplab-cli and the app start it).");
    cli.app().footer("Exit status: 0 ok, 1 an expect or wait failed, 2 bad file or usage, 3 no "
                     "namespace.");
    Options opt;
    CLI::App *run =
        cli.addCommand("run", "run a scenario file, streaming its trace, then a done line",
                       [&opt] { return runLab(opt, false); });
    cli.require(run->add_option("FILE", opt.file, "the scenario (*.tcplab)")->type_name(""),
                "run needs a scenario file");
    CLI::App *interactive = cli.addCommand(
        "interactive", "read one scenario step per line on stdin, answer each with a reply line",
        [&opt] { return runLab(opt, true); });
    for (CLI::App *command : {run, interactive}) {
        command->add_option("--pcap", opt.pcap, "also save the captured packets as a pcap file")
            ->type_name("OUT.pcap");
        command->add_flag("--stats", opt.stats,
                          "print capture and sock_diag statistics on stderr at the end");
        command->add_flag("--no-hold", opt.noHold,
                          "do not hold segments in the lab's queue: poll states and infer what "
                          "the polls miss, as where the queue cannot be set up");
    }
    WatchCommand watch(cli);
    return cli.exec(argc, argv);
}
