#include "faultplan.h"

#include <algorithm>
#include <cstdint>
#include <iterator>

namespace scenario {

namespace {
std::int64_t saturatingAdd(std::int64_t a, std::int64_t b)
{
    return a > INT64_MAX - b ? INT64_MAX : a + b;
}
} // namespace

int FaultPlan::add(const FaultStep &step, int line)
{
    if (step.lift) {
        m_rules.erase(std::remove_if(m_rules.begin(), m_rules.end(),
                                     [&step](const Rule &r) {
                                         return r.step.action == FaultAction::Drop
                                                && r.step.src == step.src
                                                && r.step.dst == step.dst;
                                     }),
                      m_rules.end());
        return 0;
    }
    Rule r;
    r.step = step;
    r.line = line;
    r.step.nth = std::max(1, step.nth);
    r.remaining = std::max(1, step.count);
    r.id = ++m_added;
    m_rules.push_back(r);
    return r.id;
}

FaultPlan::Fate FaultPlan::decide(tcplab::EndpointId src, tcplab::EndpointId dst,
                                  std::uint8_t flags, bool firstDropEnds,
                                  std::vector<int> *spent)
{
    Fate fate;
    for (auto it = m_rules.begin(); it != m_rules.end();) {
        const FaultStep &s = it->step;
        if (s.src != src || s.dst != dst || (s.flags && *s.flags != flags)) {
            ++it;
            continue;
        }
        ++it->seen;
        if (fate.dropped || (!s.all && it->seen < s.nth)) {
            ++it;
            continue;
        }
        fate.ruleLine = it->line;
        switch (s.action) {
        case FaultAction::Drop: fate.dropped = true; break;
        case FaultAction::Duplicate: fate.copies = 2; break;
        case FaultAction::Delay: fate.delay = saturatingAdd(fate.delay, s.delay); break;
        }
        // "drop next N" stays for the N - 1 segments after its first.
        if (!s.all && --it->remaining == 0) {
            if (spent)
                spent->push_back(it->id);
            it = m_rules.erase(it);
        } else {
            ++it;
        }
        if (fate.dropped && firstDropEnds)
            break;
    }
    if (fate.dropped) {
        fate.copies = 0;
        fate.delay = 0;
    }
    return fate;
}

} // namespace scenario
