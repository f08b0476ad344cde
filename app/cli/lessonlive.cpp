#include "lessonlive.h"

#include "labdclient.h"

#include "trace/labdstream.h"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <map>
#include <set>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>
#include <utility>
#include <vector>

namespace {

// The helper's standard output, read line by line.
class LineReader {
public:
    explicit LineReader(int fd)
        : m_fd(fd)
    {
    }

    // False at the end of the stream.
    bool next(std::string &line)
    {
        for (;;) {
            const std::size_t nl = m_buffer.find('\n');
            if (nl != std::string::npos) {
                line = m_buffer.substr(0, nl);
                m_buffer.erase(0, nl + 1);
                return true;
            }
            char chunk[4096];
            const ssize_t n = ::read(m_fd, chunk, sizeof chunk);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0) {
                line = std::exchange(m_buffer, std::string());
                return !line.empty();
            }
            m_buffer.append(chunk, std::size_t(n));
        }
    }

private:
    int m_fd;
    std::string m_buffer;
};

bool writeAll(int fd, const std::string &text)
{
    std::size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        done += std::size_t(n);
    }
    return true;
}

// The scenario as the helper's interactive mode reads it: one line per line of the file, so
// its line numbers are the file's; headers (which it refuses) become blank lines.
std::vector<std::string> interactiveLines(const lesson::ScenarioSource &source)
{
    std::set<int> stepLines;
    for (const scenario::Step &s : source.scenario.steps)
        stepLines.insert(s.line);
    std::vector<std::string> lines;
    std::istringstream in(source.text);
    for (std::string line; std::getline(in, line);)
        lines.push_back(stepLines.count(int(lines.size()) + 1) ? line : std::string());
    return lines;
}

} // namespace

bool LabdLessonRunner::run(const lesson::ScenarioSource &source, lesson::RunRecord &out,
                           std::string &error)
{
    out = lesson::RunRecord();
    out.trace.title = source.scenario.title;
    out.trace.producer = "live";
    const std::string helper = labdPath();
    if (::access(helper.c_str(), X_OK) != 0) {
        error =
            "the live lab's helper " + helper + " is missing; build it, or check with --mode sim";
        return false;
    }
    int toChild[2], fromChild[2];
    if (::pipe2(toChild, O_CLOEXEC) != 0 || ::pipe2(fromChild, O_CLOEXEC) != 0) {
        error = std::string("pipe: ") + std::strerror(errno);
        return false;
    }
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::dup2(toChild[0], STDIN_FILENO);
        ::dup2(fromChild[1], STDOUT_FILENO);
        ::execl(helper.c_str(), helper.c_str(), "interactive", static_cast<char *>(nullptr));
        _exit(127);
    }
    ::close(toChild[0]);
    ::close(fromChild[1]);
    // A helper that died must not kill us with SIGPIPE while we write its next line.
    std::signal(SIGPIPE, SIG_IGN);

    LineReader reader(fromChild[0]);
    std::string fatal;
    // Reads the stream up to the reply to line `awaited` (0: to the end). False when the
    // stream ended first.
    auto readUntilReply = [&](int awaited, tcplab::LabdMessage &reply) {
        for (std::string line; reader.next(line);) {
            tcplab::LabdMessage m = tcplab::parseLabdLine(line);
            if (m.kind == tcplab::LabdMessage::Event)
                out.trace.add(m.event);
            else if (m.kind == tcplab::LabdMessage::Error)
                fatal = m.message;
            else if (m.kind == tcplab::LabdMessage::Reply && m.line == awaited) {
                reply = m;
                return true;
            }
        }
        return false;
    };

    std::set<int> stepLines;
    for (const scenario::Step &s : source.scenario.steps)
        stepLines.insert(s.line);
    // Each finished step's time: the latest event the helper reported before its reply.
    std::map<int, std::int64_t> endedAt;
    std::int64_t latest = 0;
    const std::vector<std::string> lines = interactiveLines(source);
    for (std::size_t i = 0; i < lines.size() && fatal.empty(); ++i) {
        const int lineNo = int(i) + 1;
        tcplab::LabdMessage reply;
        if (!writeAll(toChild[1], lines[i] + "\n") || !readUntilReply(lineNo, reply))
            break;
        if (!stepLines.count(lineNo))
            continue;
        if (!reply.ok) { // as scenario::Runner::run: stop at the first failed step
            out.result.ok = false;
            out.result.line = lineNo;
            out.result.message = reply.message;
            break;
        }
        for (const tcplab::Event &e : out.trace.events)
            latest = std::max(latest, e.t);
        endedAt[lineNo] = latest;
    }
    ::close(toChild[1]); // end of input: the helper lets the run settle and says done
    tcplab::LabdMessage none;
    readUntilReply(0, none);
    ::close(fromChild[0]);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 3;
    if (code == 127)
        fatal = "could not start " + helper;
    else if (code >= 2 && fatal.empty())
        fatal = "the live lab's helper failed (exit status " + std::to_string(code) + ")";
    if (!fatal.empty()) {
        error = fatal;
        return false;
    }
    // The helper streams a call when it returns and an inferred state when it is inferred, both
    // dated earlier: in time order calls precede the segments they sent. A step's boundary is
    // then every event up to its time: a later step cannot have begun before it ended, and an
    // event back-dated into it belongs to it.
    out.trace.sortByTime();
    for (const auto &[lineNo, t] : endedAt) {
        const auto after =
            std::upper_bound(out.trace.events.begin(), out.trace.events.end(), t,
                             [](std::int64_t v, const tcplab::Event &e) { return v < e.t; });
        out.afterLine[lineNo] = std::size_t(after - out.trace.events.begin());
    }
    return true;
}
