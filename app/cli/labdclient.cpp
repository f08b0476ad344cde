#include "labdclient.h"

#include "trace/labdstream.h"

#include <cerrno>
#include <climits>
#include <csignal>
#include <fcntl.h>
#include <vector>
#include <cstring>
#include <sys/wait.h>
#include <unistd.h>

std::string labdPath()
{
    char buf[PATH_MAX];
    ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n <= 0)
        return "tcplab-labd";
    std::string self(buf, std::size_t(n));
    return self.substr(0, self.rfind('/') + 1) + "tcplab-labd";
}

namespace {

// Interprets one line of the helper's stream (trace/labdstream.h).
void handleLine(const std::string &line, LiveRun &run,
                const std::function<void(const tcplab::Event &)> &onEvent)
{
    if (line.empty())
        return;
    const tcplab::LabdMessage m = tcplab::parseLabdLine(line);
    switch (m.kind) {
    case tcplab::LabdMessage::Done:
        run.result.ok = m.ok;
        run.result.line = m.line;
        run.result.message = m.message;
        break;
    case tcplab::LabdMessage::Error:
        run.fatal = m.message;
        break;
    case tcplab::LabdMessage::Event:
        if (onEvent)
            onEvent(m.event);
        run.trace.add(m.event);
        break;
    default: // ready, reply: control lines, not part of the trace
        break;
    }
}

} // namespace

LiveRun runLive(const std::string &scenarioFile, const std::string &pcapOut,
                const std::function<void(const tcplab::Event &)> &onEvent)
{
    LiveRun run;
    run.trace.producer = "live";
    const std::string helper = labdPath();
    if (::access(helper.c_str(), X_OK) != 0) {
        run.fatal = "the live lab's helper " + helper + " is missing; build it (./run.sh builds everything) or use --mode sim";
        run.exitCode = 3;
        return run;
    }
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) {
        run.fatal = std::string("pipe: ") + std::strerror(errno);
        run.exitCode = 3;
        return run;
    }
    pid_t pid = ::fork();
    if (pid == 0) {
        ::dup2(fds[1], STDOUT_FILENO);
        std::vector<std::string> args = {helper, "run", scenarioFile};
        if (!pcapOut.empty()) {
            args.push_back("--pcap");
            args.push_back(pcapOut);
        }
        std::vector<char *> argv;
        for (std::string &a : args)
            argv.push_back(a.data());
        argv.push_back(nullptr);
        ::execv(helper.c_str(), argv.data());
        _exit(127);
    }
    ::close(fds[1]);
    std::string buffer;
    char chunk[4096];
    for (;;) {
        ssize_t n = ::read(fds[0], chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        buffer.append(chunk, std::size_t(n));
        std::size_t nl;
        while ((nl = buffer.find('\n')) != std::string::npos) {
            handleLine(buffer.substr(0, nl), run, onEvent);
            buffer.erase(0, nl + 1);
        }
    }
    handleLine(buffer, run, onEvent);
    ::close(fds[0]);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 3;
    if (run.exitCode == 127)
        run.fatal = "could not start " + helper;
    if (run.exitCode >= 2 && run.fatal.empty())
        run.fatal = run.result.message.empty() ? "the live lab's helper failed" : run.result.message;
    run.trace.sortByTime();
    return run;
}
