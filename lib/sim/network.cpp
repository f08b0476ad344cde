#include "network.h"

#include <climits>

namespace sim {

std::string Network::addRule(const scenario::Step &step)
{
    if (step.kind != scenario::Step::Kind::Fault)
        return "not a fault rule";
    if (step.src == step.dst)
        return "a fault rule needs two different endpoints";
    Rule r;
    r.step = step;
    r.remaining = step.nth > 0 ? step.nth : 1;
    m_rules.push_back(r);
    return std::string();
}

Network::Fate Network::send(const std::string &src, const std::string &dst, const tcp::Segment &seg,
                            std::int64_t now)
{
    Fate fate;
    std::int64_t delay = 0;
    int copies = 1;
    for (auto it = m_rules.begin(); it != m_rules.end();) {
        const scenario::Step &s = it->step;
        const bool matches = s.src == src && s.dst == dst
            && (s.flags.empty() || s.flags == tcp::flagsName(seg.flags));
        if (!matches || (!s.all && --it->remaining > 0)) {
            ++it;
            continue;
        }
        fate.ruleLine = s.line;
        switch (s.fault) {
        case scenario::Step::FaultAction::Drop: fate.dropped = true; break;
        case scenario::Step::FaultAction::Duplicate: copies = 2; break;
        case scenario::Step::FaultAction::Delay: delay += s.duration; break;
        }
        it = s.all ? std::next(it) : m_rules.erase(it);
        if (fate.dropped)
            break; // a lost segment consumes no further rule: "drop next" twice loses two
    }
    if (!fate.dropped)
        for (int i = 0; i < copies; ++i)
            fate.arrivals.push_back(now + m_latency + delay);
    return fate;
}

void Network::schedule(std::int64_t at, int to, const tcp::Segment &seg)
{
    m_inFlight.emplace(at, Delivery{to, seg});
}

std::int64_t Network::nextDelivery() const
{
    return m_inFlight.empty() ? INT64_MAX : m_inFlight.begin()->first;
}

std::vector<Network::Delivery> Network::takeDue(std::int64_t now)
{
    std::vector<Delivery> due;
    while (!m_inFlight.empty() && m_inFlight.begin()->first <= now) {
        due.push_back(m_inFlight.begin()->second);
        m_inFlight.erase(m_inFlight.begin());
    }
    return due;
}

} // namespace sim
