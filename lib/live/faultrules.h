#pragma once
// The fault steps (drop, duplicate, delay). Where the lab holds every segment in its queue
// (SegmentQueue), the queue carries out the fate onSegment() gives each segment and no rule is
// installed (setInstallRules(false)); segments are counted as the simulator counts them
// (scenario::FaultPlan). Where it
// falls back to polling, each step is an nftables rule inside the lab's namespace (table inet
// tcplab): a base chain of its own on the prerouting hook, so libpcap on lo has already seen the
// packet the rule drops and the trace shows it, marked dropped. Chains get increasing
// priorities so the kernel evaluates them in the order the scenario added them, the order
// onSegment() counts in -- so both ways count alike. Only drops have nftables rules (this
// kernel has no netem): delay and duplicate need the queue.

#include "scenario/faultplan.h"

#include <cstdint>
#include <string>
#include <sys/types.h>
#include <vector>

namespace live {

class FaultRules {
public:
    FaultRules(std::uint16_t clientPort, std::uint16_t serverPort)
        : m_clientPort(clientPort), m_serverPort(serverPort) {}
    ~FaultRules(); // waits for rule removals still running
    FaultRules(const FaultRules &) = delete;
    FaultRules &operator=(const FaultRules &) = delete;

    // false: add() records the rule for onSegment() only (the queue applies it).
    void setInstallRules(bool install) { m_install = install; }
    bool installsRules() const { return m_install; }

    // Adds a fault step's rule (installs a drop's nftables rule); "" or why it cannot.
    std::string add(const scenario::FaultStep &step, int line = 0);
    // A segment sent by src: what the rules do to it, counted exactly as the kernel counts
    // where rules are installed (the Nth match from the rule's installation).
    scenario::FaultPlan::Fate onSegment(tcplab::EndpointId src, std::uint8_t flags);
    // Deletes the chains of rules that have fired (after the capture was read, not while).
    void removeFired();
    // Deletes the whole table (the namespace would take it anyway).
    void clear();

    // `nft -f -` with script on stdin; false with nft's message.
    static bool runNft(const std::string &script, std::string &error);

private:
    // Starts `nft -f -` on script; output (if not null) receives a pipe with nft's messages.
    // (live/toolprocess.h)
    static pid_t spawnNft(const std::string &script, int *output, std::string &error);

    // An installed drop rule's chain.
    struct Chain {
        std::string name;
        int rule = 0; // its number in m_plan
        tcplab::EndpointId src;
        bool fired = false;
        bool removed = false;
    };

    std::uint16_t m_clientPort;
    std::uint16_t m_serverPort;
    scenario::FaultPlan m_plan;
    std::vector<Chain> m_chains;
    int m_added = 0;
    bool m_table = false;
    bool m_install = true;
    std::vector<pid_t> m_removers;
};

} // namespace live
