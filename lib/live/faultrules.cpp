#include "live/faultrules.h"

#include "tcp/segment.h"

#include <cctype>
#include <cerrno>
#include <cstring>
#include <csignal>
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace live {

namespace {

// nft's spelling of an exact flag set: "syn|ack" -- tcp::flagsName() in lower case, '|'-joined.
std::string nftFlags(std::uint8_t flags)
{
    std::string out = tcp::flagsName(flags);
    for (char &c : out)
        c = c == '+' ? '|' : char(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

} // namespace

pid_t FaultRules::spawnNft(const std::string &script, int *output, std::string &error)
{
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
        // nft dies with the helper (issue 11, item 5): set before exec (the signal survives it;
        // nft is neither set-user-ID nor given capabilities), then check the helper did not die
        // before the prctl. Async-signal-safe calls only from here to exec.
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent)
            ::_exit(127);
        ::dup2(in[0], STDIN_FILENO);
        const int sink = output ? out[1] : ::open("/dev/null", O_WRONLY);
        ::dup2(sink, STDOUT_FILENO);
        ::dup2(sink, STDERR_FILENO);
        const char *const argv[] = {"nft", "-f", "-", nullptr};
        // /usr/sbin is not on every user's PATH.
        for (const char *path : {"/usr/sbin/nft", "/sbin/nft", "/usr/bin/nft"})
            ::execv(path, const_cast<char *const *>(argv));
        ::execvp("nft", const_cast<char *const *>(argv));
        const char msg[] = "nft: not found (install nftables)\n";
        (void)!::write(STDERR_FILENO, msg, sizeof msg - 1);
        ::_exit(127);
    }
    ::close(in[0]);
    if (output) {
        ::close(out[1]);
        *output = out[0];
    }
    // SIGPIPE is ignored by the helper's main(): an early nft death shows as a write error.
    std::size_t done = 0;
    while (done < script.size()) {
        const ssize_t n = ::write(in[1], script.data() + done, script.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break; // nft died early: its message says why
        done += std::size_t(n);
    }
    ::close(in[1]);
    return pid;
}

bool FaultRules::runNft(const std::string &script, std::string &error)
{
    int out = -1;
    const pid_t pid = spawnNft(script, &out, error);
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
    error = "nftables: " + (output.empty() ? std::string("nft failed") : output);
    return false;
}

FaultRules::~FaultRules()
{
    for (pid_t pid : m_removers)
        while (::waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
        }
}

std::string FaultRules::add(const scenario::FaultStep &step)
{
    // The lab's namespace holds one connection: its client and its server.
    const auto known = [](tcplab::EndpointId e) { return e.number == 1; };
    if (!known(step.src) || !known(step.dst) || step.src.role == step.dst.role)
        return "a drop rule needs client->server or server->client";
    Rule r;
    r.src = step.src;
    r.all = step.all;
    r.nth = step.nth < 1 ? 1 : step.nth;
    if (step.flags) {
        r.flags = *step.flags;
        r.anyFlags = false;
    }
    const std::size_t index = m_rules.size();
    r.chain = "drop" + std::to_string(index + 1);

    const bool fromClient = step.src.isClient();
    std::string match = "tcp sport " + std::to_string(fromClient ? m_clientPort : m_serverPort)
        + " tcp dport " + std::to_string(fromClient ? m_serverPort : m_clientPort);
    if (!r.anyFlags)
        match += " tcp flags & (fin|syn|rst|psh|ack) == " + nftFlags(r.flags);
    const std::string chain = "inet tcplab " + r.chain;
    // Prerouting, ahead of everything (raw is -300): after lo's packet tap, before TCP.
    std::string script = "add table inet tcplab\n";
    script += "add chain " + chain + " { type filter hook prerouting priority "
        + std::to_string(-300 + int(index)) + "; policy accept; }\n";
    if (r.all) {
        script += "add rule " + chain + " " + match + " counter drop\n";
    } else {
        // A token bucket refilled once an hour holds exactly `burst` matches: the accept rule
        // lets the first N-1 through, the drop rule takes the next one and no other.
        if (r.nth > 1)
            script += "add rule " + chain + " " + match + " limit rate 1/hour burst "
                + std::to_string(r.nth - 1) + " packets accept\n";
        script += "add rule " + chain + " " + match + " limit rate 1/hour burst 1 packets drop\n";
    }
    std::string error;
    if (!runNft(script, error))
        return error;
    m_table = true;
    m_rules.push_back(r);
    return {};
}

bool FaultRules::onSegment(tcplab::EndpointId src, std::uint8_t flags)
{
    for (Rule &r : m_rules) {
        if (r.fired || r.src != src || (!r.anyFlags && (flags & 0x1f) != r.flags))
            continue;
        ++r.seen;
        if (r.all)
            return true;
        if (r.seen == r.nth) {
            r.fired = true;
            return true; // a dropped packet meets no later chain
        }
    }
    return false;
}

void FaultRules::removeFired()
{
    std::string script;
    for (Rule &r : m_rules) {
        if (r.fired && !r.removed) {
            script += "flush chain inet tcplab " + r.chain + "\ndelete chain inet tcplab " + r.chain + "\n";
            r.removed = true;
        }
    }
    // Reap the removers that have finished; the new one runs while the lab goes on (nft takes
    // tens of milliseconds, too long to stop watching the kernel). A spent rule that stays
    // matches nothing, so its removal failing does no harm.
    for (auto it = m_removers.begin(); it != m_removers.end();)
        it = ::waitpid(*it, nullptr, WNOHANG) == 0 ? it + 1 : m_removers.erase(it);
    std::string error;
    if (!script.empty()) {
        const pid_t pid = spawnNft(script, nullptr, error);
        if (pid > 0)
            m_removers.push_back(pid);
    }
}

void FaultRules::clear()
{
    if (!m_table)
        return;
    std::string error;
    runNft("delete table inet tcplab\n", error);
    m_table = false;
}

} // namespace live
