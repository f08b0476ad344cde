#include "live/faultrules.h"

#include "live/toolprocess.h"
#include "tcp/segment.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
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

const Tool &nftTool()
{
    static const Tool tool{"nft", {"/usr/sbin/nft", "/sbin/nft", "/usr/bin/nft"}, {"-f", "-"},
                           "nftables"};
    return tool;
}
} // namespace

pid_t FaultRules::spawnNft(const std::string &script, int *output, std::string &error)
{
    return spawnTool(nftTool(), script, output, error);
}

bool FaultRules::runNft(const std::string &script, std::string &error)
{
    if (runTool(nftTool(), script, error))
        return true;
    error = "nftables: " + error;
    return false;
}

FaultRules::~FaultRules()
{
    for (pid_t pid : m_removers)
        while (::waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
        }
}

std::string FaultRules::add(const scenario::FaultStep &step, int line)
{
    // The lab's namespace holds one connection: its client and its server.
    const auto known = [](tcplab::EndpointId e) { return e.number == 1; };
    if (!known(step.src) || !known(step.dst) || step.src.role == step.dst.role)
        return "a fault rule needs client->server or server->client";
    if (m_install && step.action != scenario::FaultAction::Drop)
        return "only drop rules run without the lab's queue"; // the driver says it better
    const int rule = m_plan.add(step, line);
    if (step.lift) { // drop none: every drop rule that way ends, "drop all" included
        for (Chain &c : m_chains)
            if (c.src == step.src)
                c.fired = true;
        if (m_install)
            removeFired();
        return {};
    }
    if (!m_install)
        return {};

    const int index = m_added++;
    const bool fromClient = step.src.isClient();
    std::string match = "tcp sport " + std::to_string(fromClient ? m_clientPort : m_serverPort)
        + " tcp dport " + std::to_string(fromClient ? m_serverPort : m_clientPort);
    if (step.flags)
        match += " tcp flags & (fin|syn|rst|psh|ack) == " + nftFlags(*step.flags);
    Chain c;
    c.name = "drop" + std::to_string(index + 1);
    c.rule = rule;
    c.src = step.src;
    const std::string chain = "inet tcplab " + c.name;
    // Prerouting, ahead of everything (raw is -300): after lo's packet tap, before TCP.
    std::string script = "add table inet tcplab\n";
    script += "add chain " + chain + " { type filter hook prerouting priority "
        + std::to_string(-300 + index) + "; policy accept; }\n";
    if (step.all) {
        script += "add rule " + chain + " " + match + " counter drop\n";
    } else {
        // A token bucket refilled once an hour holds exactly `burst` matches: the accept rule
        // lets the first N-1 through, the drop rule takes the next ones and no other.
        const int nth = std::max(1, step.nth);
        if (nth > 1)
            script += "add rule " + chain + " " + match + " limit rate 1/hour burst "
                + std::to_string(nth - 1) + " packets accept\n";
        script += "add rule " + chain + " " + match + " limit rate 1/hour burst "
            + std::to_string(std::max(1, step.count)) + " packets drop\n";
    }
    std::string error;
    if (!runNft(script, error))
        return error;
    m_table = true;
    m_chains.push_back(c);
    return {};
}

scenario::FaultPlan::Fate FaultRules::onSegment(tcplab::EndpointId src, std::uint8_t flags)
{
    // With nftables rules instead of the queue's verdicts (the fallback), a dropped packet meets
    // no later chain: counting follows the kernel there.
    const tcplab::EndpointId dst = src.isClient() ? tcplab::EndpointId::server()
                                                  : tcplab::EndpointId::client();
    std::vector<int> spent;
    const scenario::FaultPlan::Fate fate =
        m_plan.decide(src, dst, flags & 0x1f, m_install, m_install ? &spent : nullptr);
    for (Chain &c : m_chains)
        if (std::find(spent.begin(), spent.end(), c.rule) != spent.end())
            c.fired = true;
    return fate;
}

void FaultRules::removeFired()
{
    std::string script;
    for (Chain &c : m_chains) {
        if (c.fired && !c.removed) {
            script += "flush chain inet tcplab " + c.name + "\ndelete chain inet tcplab " + c.name + "\n";
            c.removed = true;
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
