#pragma once
// What the scenario's fault steps (drop, duplicate, delay) do to each segment, counted the same
// way by the simulator's network (lib/sim/network) and the live lab's queue (lib/live/
// faultrules): from its step on, a rule counts every matching segment, those another rule
// loses included, so "drop SYN nth 1" and "drop SYN nth 2" lose the first two SYNs; a rule whose
// segment another rule already loses takes the next one, so "drop next" twice loses two.

#include "scenario.h"

#include <cstdint>
#include <vector>

namespace scenario {

class FaultPlan {
public:
    struct Fate {
        bool dropped = false;
        int copies = 1;          // duplicate: 2
        std::int64_t delay = 0;  // µs added on the way (delay rules add up)
        int ruleLine = 0;        // the scenario line of the last rule that applied (0: none)
        bool touched() const { return ruleLine != 0 || dropped || copies != 1 || delay != 0; }
    };

    // Adds a rule and returns its number (1, 2, ...); `drop none SRC->DST` ends every drop rule
    // that way instead, `drop all` included (and returns 0). The caller has checked the
    // endpoints.
    int add(const FaultStep &step, int line);
    // The fate of a segment sent now from src to dst with exactly these flags (tcp::Flag bits).
    // firstDropEnds: the segment meets no rule after the first that drops it, as when each
    // rule is a netfilter chain of its own (the live lab's fallback): counting follows the
    // kernel there.
    // spent, if given, receives the numbers of the rules this segment used up.
    Fate decide(tcplab::EndpointId src, tcplab::EndpointId dst, std::uint8_t flags,
                bool firstDropEnds = false, std::vector<int> *spent = nullptr);
    bool empty() const { return m_rules.empty(); }

private:
    struct Rule {
        FaultStep step;
        int line = 0;
        int id = 0;
        int seen = 0;      // matching segments sent since the rule's step
        int remaining = 1; // drop next N: segments it still takes
    };
    std::vector<Rule> m_rules;
    int m_added = 0;
};

} // namespace scenario
