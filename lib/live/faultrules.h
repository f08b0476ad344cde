#pragma once
// `drop` steps. Where the lab holds every segment in its queue (SegmentQueue), the queue drops
// the segments onSegment() names and no rule is installed (setInstallRules(false)). Where it
// falls back to polling, each step is an nftables rule inside the lab's namespace (table inet
// tcplab): a base chain of its own on the prerouting hook, so libpcap on lo has already seen the
// packet the rule drops and the trace shows it, marked dropped. Chains get increasing
// priorities so the kernel evaluates them in the order the scenario added them, the order
// onSegment() counts in -- so both ways count alike.

#include "scenario/scenario.h"

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

    // Installs a drop step's rule; "" or why it cannot.
    std::string add(const scenario::FaultStep &step);
    // A captured segment sent by src: true when a rule drops it, counted exactly as the kernel
    // counts (the Nth match from the rule's installation).
    bool onSegment(tcplab::EndpointId src, std::uint8_t flags);
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

    struct Rule {
        std::string chain;
        tcplab::EndpointId src;
        bool anyFlags = true;
        std::uint8_t flags = 0;
        int nth = 1;
        bool all = false;
        int seen = 0;
        int remaining = 1; // segments it still drops (drop next N)
        bool fired = false;
        bool removed = false;
    };

    std::uint16_t m_clientPort;
    std::uint16_t m_serverPort;
    std::vector<Rule> m_rules;
    bool m_table = false;
    bool m_install = true;
    std::vector<pid_t> m_removers;
};

} // namespace live
