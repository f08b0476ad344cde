#include "live/faultrules.h"

#include "live/toolprocess.h"
#include "tcp/segment.h"

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

std::string FaultRules::add(const scenario::FaultStep &step)
{
    // The lab's namespace holds one connection: its client and its server.
    const auto known = [](tcplab::EndpointId e) { return e.number == 1; };
    if (!known(step.src) || !known(step.dst) || step.src.role == step.dst.role)
        return "a drop rule needs client->server or server->client";
    if (step.lift) { // drop none: every drop rule that way ends, "drop all" included
        for (Rule &r : m_rules)
            if (r.src == step.src)
                r.fired = true;
        if (m_install)
            removeFired();
        return {};
    }
    Rule r;
    r.src = step.src;
    r.all = step.all;
    r.nth = step.nth < 1 ? 1 : step.nth;
    r.remaining = step.count < 1 ? 1 : step.count;
    if (step.flags) {
        r.flags = *step.flags;
        r.anyFlags = false;
    }
    const std::size_t index = m_rules.size();
    r.chain = "drop" + std::to_string(index + 1);
    if (!m_install) {
        r.removed = true; // no chain to remove
        m_rules.push_back(r);
        return {};
    }

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
        script += "add rule " + chain + " " + match + " limit rate 1/hour burst "
            + std::to_string(r.remaining) + " packets drop\n";
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
    // As the simulator's network (sim::Network::send): from its step on a rule counts every
    // matching segment, those another rule drops included; a rule whose segment another rule
    // already drops takes the next. With nftables rules instead of the queue's verdicts (the
    // fallback), a dropped packet meets no later chain: counting follows the kernel there.
    bool dropped = false;
    for (Rule &r : m_rules) {
        if (r.fired || r.src != src || (!r.anyFlags && (flags & 0x1f) != r.flags))
            continue;
        ++r.seen;
        if (dropped || (!r.all && r.seen < r.nth))
            continue;
        if (!r.all && --r.remaining == 0)
            r.fired = true;
        dropped = true;
        if (m_install)
            return true;
    }
    return dropped;
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
