#include "live/toolprocess.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace live {

pid_t spawnTool(const Tool &tool, const std::string &script, int *output, std::string &error)
{
    // Everything exec needs is built before fork: the child calls only async-signal-safe
    // functions.
    std::vector<std::string> words{tool.name};
    words.insert(words.end(), tool.args.begin(), tool.args.end());
    std::vector<char *> argv;
    for (std::string &w : words)
        argv.push_back(w.data());
    argv.push_back(nullptr);
    const std::string missing = tool.name + ": not found (install " + tool.package + ")\n";

    int in[2], out[2] = {-1, -1};
    if (::pipe2(in, O_CLOEXEC) != 0 || (output && ::pipe2(out, O_CLOEXEC) != 0)) {
        error = std::string("pipe: ") + std::strerror(errno);
        return -1;
    }
    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid < 0) {
        error = std::string("fork: ") + std::strerror(errno);
        for (int fd : {in[0], in[1], out[0], out[1]})
            if (fd >= 0)
                ::close(fd);
        return -1;
    }
    if (pid == 0) {
        // The tool dies with the helper (issue 11, item 5): set before exec (the signal survives
        // it; the tool is neither set-user-ID nor given capabilities), then check the helper did
        // not die before the prctl.
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent)
            ::_exit(127);
        ::dup2(in[0], STDIN_FILENO);
        const int sink = output ? out[1] : ::open("/dev/null", O_WRONLY);
        ::dup2(sink, STDOUT_FILENO);
        ::dup2(sink, STDERR_FILENO);
        for (const std::string &path : tool.paths)
            ::execv(path.c_str(), argv.data());
        ::execvp(tool.name.c_str(), argv.data());
        (void)!::write(STDERR_FILENO, missing.data(), missing.size());
        ::_exit(127);
    }
    ::close(in[0]);
    if (output) {
        ::close(out[1]);
        *output = out[0];
    }
    // SIGPIPE is ignored by the helper's main(): an early death shows as a write error.
    std::size_t done = 0;
    while (done < script.size()) {
        const ssize_t n = ::write(in[1], script.data() + done, script.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break; // the tool died early: its message says why
        done += std::size_t(n);
    }
    ::close(in[1]);
    return pid;
}

bool runTool(const Tool &tool, const std::string &script, std::string &error)
{
    int out = -1;
    const pid_t pid = spawnTool(tool, script, &out, error);
    if (pid < 0)
        return false;
    std::string output;
    char buf[512];
    for (;;) {
        const ssize_t n = ::read(out, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        output.append(buf, std::size_t(n));
    }
    ::close(out);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        return true;
    while (!output.empty() && (output.back() == '\n' || output.back() == ' '))
        output.pop_back();
    if (output.empty())
        output = tool.name + " failed"
            + (WIFEXITED(status) ? " (exit status " + std::to_string(WEXITSTATUS(status)) + ")"
                                 : std::string(" (killed)"));
    error = output;
    return false;
}

} // namespace live
