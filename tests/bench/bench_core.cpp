// The core's throughput, without Qt (issue 13): the command line's start, the simulator (handshake-and-close lifecycles
// and one bulk transfer), JSON Lines writing and reading, and the size of an event. Prints
// each figure next to its target; asserts nothing (benchmarks are not tests).
//
// JSON Lines are written to a file and read from it into a new trace, as the command line and
// the app do; where first touching a page is slow (a virtual machine: ~20 us a 4 KiB page) the
// memory filled is much of that time, so the writer and the reader are also timed alone.
//
//   build/bin/bench_core [--quick] [cli|lifecycles|bulk|jsonl]   (one part only, e.g. for perf)

#include "scenario/runner.h"
#include "scenario/scenario.h"
#include "sim/simulator.h"
#include "trace/jsonl.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point t0)
{
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

scenario::Scenario parse(const std::string &text)
{
    scenario::Scenario s;
    std::vector<scenario::ParseError> errors;
    if (!scenario::parseScenario(text, "bench.tcplab", s, errors)) {
        std::fprintf(stderr, "bench_core: %s\n", errors.front().format("bench.tcplab").c_str());
        std::exit(2);
    }
    return s;
}

std::size_t segmentsOf(const tcplab::Trace &t)
{
    std::size_t n = 0;
    for (const tcplab::Event &e : t.events)
        n += e.type == tcplab::EventType::Segment;
    return n;
}

long peakRssKb()
{
    rusage u{};
    ::getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss;
}

void row(const char *what, double value, const char *unit, const char *target)
{
    std::printf("%-52s %14.0f %-12s target %s\n", what, value, unit, target);
}

// The command line's start: the whole process of `tcplab-cli run` on a small scenario (fork,
// exec, wait: what a user's shell does), and how many of Qt's GUI libraries it loads.
void cliStart(int runs)
{
    const char *cli = TCPLAB_CLI;
    const char *scenario = TCPLAB_SOURCE_DIR "/resources/scenarios/handshake-and-close.tcplab";
    std::vector<double> times;
    for (int i = 0; i < runs + 1; ++i) { // the first run warms the page cache, uncounted
        const auto t0 = Clock::now();
        const pid_t pid = ::fork();
        if (pid == 0) {
            const int null = ::open("/dev/null", O_WRONLY);
            ::dup2(null, 1);
            ::dup2(null, 2);
            ::execl(cli, cli, "run", scenario, static_cast<char *>(nullptr));
            ::_exit(127);
        }
        int status = 0;
        ::waitpid(pid, &status, 0);
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            std::fprintf(stderr, "bench_core: %s run %s failed\n", cli, scenario);
            return;
        }
        if (i > 0)
            times.push_back(secondsSince(t0));
    }
    std::sort(times.begin(), times.end());
    int gui = 0;
    if (FILE *ldd = ::popen((std::string("ldd ") + cli).c_str(), "r")) {
        char line[512];
        while (std::fgets(line, sizeof line, ldd))
            gui += std::strstr(line, "libQt6Gui") || std::strstr(line, "libQt6Widgets")
                || std::strstr(line, "libQt6Svg") || std::strstr(line, "libQt6PrintSupport");
        ::pclose(ldd);
    }
    std::printf("%-52s %14.1f %-12s target < 20\n", "tcplab-cli run, small simulated run (process)",
                times[times.size() / 2] * 1000, "ms");
    row("  Qt GUI libraries it loads (ldd)", gui, "", "0");
}

// A stream that keeps nothing, as a file does not grow in memory: the JSON Lines writer's own
// cost, without an ostringstream doubling its buffer and str() copying it.
class NullBuf : public std::streambuf {
protected:
    int overflow(int c) override { return c; }
    std::streamsize xsputn(const char *, std::streamsize n) override { return n; }
};

// A stream over a string that is not a copy of it (std::istringstream copies it first).
class ViewBuf : public std::streambuf {
public:
    explicit ViewBuf(std::string &s) { setg(s.data(), s.data(), s.data() + s.size()); }
};

// The median of `runs` timings of f (seconds).
template <typename F> double median(int runs, F f)
{
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) {
        const auto t0 = Clock::now();
        f();
        times.push_back(secondsSince(t0));
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

} // namespace

int main(int argc, char **argv)
{
    bool quick = false;
    std::string only;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--quick") == 0)
            quick = true;
        else
            only = argv[i];
    }
    const auto part = [&only](const char *name) { return only.empty() || only == name; };
    const int runs = quick ? 1 : 5;
    std::printf("bench_core: medians of %d runs\n\n", runs);

    if (part("cli"))
        cliStart(quick ? 5 : 21);

    // ---- handshake-and-close lifecycles ----
    const scenario::Scenario lifecycle = parse("server listen\nclient connect\nserver accept\n"
                                               "client close\nwait server CLOSE_WAIT\n"
                                               "server recv\nserver close\n"
                                               "wait client TIME_WAIT\n");
    const int lifecycles = !part("lifecycles") ? 0 : quick ? 10'000 : 100'000;
    std::size_t segments = 0;
    const long rssBefore = peakRssKb();
    const double tLife = !lifecycles ? 1 : median(runs, [&] {
        segments = 0;
        for (int i = 0; i < lifecycles; ++i) {
            sim::Simulator sim(lifecycle);
            scenario::Runner runner(sim);
            runner.run(lifecycle);
            segments += segmentsOf(sim.trace());
        }
    });
    if (lifecycles) {
        row("simulator: handshake-and-close lifecycles/s", lifecycles / tLife, "/s", ">= 100000");
        std::printf("%-52s %14.3f %-12s target < 1\n", "  100,000 lifecycles take", 100'000 / (lifecycles / tLife), "s");
        row("  segments/s in those lifecycles", double(segments) / tLife, "/s", "");
        row("  peak memory growth over the lifecycles", double(peakRssKb() - rssBefore), "KiB", "flat");
    }

    // ---- one bulk transfer ----
    // 100 MB, read by the server as it arrives (each recv returns what a window brought): a
    // run of ~0.1 s, long enough for a stable figure on a shared machine.
    std::string bulkText = "server listen\nclient connect\nserver accept\nclient send 100000000\n";
    for (int i = 0; i < 2000; ++i)
        bulkText += "server recv 10000000\n";
    const scenario::Scenario bulk = parse(bulkText);
    std::size_t bulkSegments = 0;
    const double tBulk = !part("bulk") ? 1 : median(runs, [&] {
        sim::Simulator sim(bulk);
        scenario::Runner runner(sim);
        runner.run(bulk);
        bulkSegments = segmentsOf(sim.trace());
    });
    tcplab::Trace bulkTrace; // for JSON Lines, outside the timing
    {
        sim::Simulator sim(bulk);
        scenario::Runner runner(sim);
        runner.run(bulk);
        bulkTrace = sim.trace();
        bulkSegments = segmentsOf(bulkTrace);
    }
    if (part("bulk"))
        row("simulator: bulk transfer (send 100000000), segments/s", double(bulkSegments) / tBulk,
            "/s", ">= 2000000");
    if (part("bulk"))
        std::printf("  (%zu segments, %zu events)\n", bulkSegments, bulkTrace.events.size());

    // ---- JSON Lines ----
    if (!part("jsonl"))
        return 0;
    tcplab::Trace big;
    while (big.events.size() < (quick ? 100'000u : 1'000'000u))
        for (const tcplab::Event &e : bulkTrace.events)
            big.events.push_back(e);
    // What a user does: the CLI writes a file (run --format jsonl -o), the app reads one.
    const std::string file =
        std::string(std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp") + "/bench_core.jsonl";
    const double tWrite = median(runs, [&] {
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        tcplab::writeJsonl(out, big);
    });
    row("JSON Lines: write a file, events/s", double(big.events.size()) / tWrite, "/s",
        ">= 1000000");
    const double tWriteOnly = median(runs, [&] {
        NullBuf nothing;
        std::ostream out(&nothing);
        tcplab::writeJsonl(out, big);
    });
    row("  the writer alone (a stream that keeps nothing)", double(big.events.size()) / tWriteOnly,
        "/s", "");
    const double tRead = median(runs, [&] {
        std::ifstream in(file, std::ios::binary);
        tcplab::Trace back;
        std::string error;
        if (!tcplab::readJsonl(in, back, error))
            std::fprintf(stderr, "bench_core: %s\n", error.c_str());
    });
    row("JSON Lines: read a file into a new trace, events/s", double(big.events.size()) / tRead,
        "/s", ">= 1000000");
    std::string text;
    {
        std::ostringstream out;
        tcplab::writeJsonl(out, big);
        text = out.str();
    }
    std::remove(file.c_str());
    tcplab::Trace warm; // its memory touched once, before the timing
    warm.events.resize(big.events.size());
    const double tReadOnly = median(runs, [&] {
        ViewBuf view(text);
        std::istream in(&view);
        warm.events.clear();
        std::string error;
        if (!tcplab::readJsonl(in, warm, error))
            std::fprintf(stderr, "bench_core: %s\n", error.c_str());
    });
    row("  the reader alone (text not copied, memory warm)", double(big.events.size()) / tReadOnly,
        "/s", "");
    row("sizeof(tcplab::Event)", double(sizeof(tcplab::Event)), "bytes", "<= 64");
    return 0;
}
