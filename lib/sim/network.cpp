#include "network.h"

#include "tcp/endpoint.h"

#include <algorithm>
#include <climits>

// Marks a message template for lupdate (as in lib/tcp/statediagram.cpp): the UI translates it in
// the "scenario" context (trace/message.h); here, without Qt, it is the English text.
#ifndef QT_TRANSLATE_NOOP
#define QT_TRANSLATE_NOOP(context, text) text
#endif

namespace sim {

tcplab::Message Network::addRule(const scenario::FaultStep &rule, int line)
{
    if (rule.src == rule.dst) // the parser refuses such a step; the interface still says why
        return tcplab::message(
            QT_TRANSLATE_NOOP("scenario", "a fault rule needs two different endpoints"));
    if (rule.lift) { // drop none: every drop rule that way ends, "drop all" included
        m_rules.erase(std::remove_if(m_rules.begin(), m_rules.end(),
                                     [&rule](const Rule &r) {
                                         return r.step.action == scenario::FaultAction::Drop
                                                && r.step.src == rule.src
                                                && r.step.dst == rule.dst;
                                     }),
                      m_rules.end());
        return {};
    }
    Rule r;
    r.step = rule;
    r.line = line;
    if (r.step.nth < 1)
        r.step.nth = 1;
    m_rules.push_back(r);
    return {};
}

Network::Fate Network::send(tcplab::EndpointId src, tcplab::EndpointId dst,
                            const tcp::Segment &seg, std::int64_t now)
{
    Fate fate;
    std::int64_t delay = 0;
    int copies = 1;
    // From its step on, a rule counts every matching segment, those another rule loses
    // included, so "drop SYN nth 1" and "drop SYN nth 2" lose the first two SYNs. A rule whose
    // segment another rule has already lost takes the next one: "drop next" twice loses two.
    for (auto it = m_rules.begin(); it != m_rules.end();) {
        const scenario::FaultStep &s = it->step;
        const bool matches = s.src == src && s.dst == dst && (!s.flags || *s.flags == seg.flags);
        if (!matches) {
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
        case scenario::FaultAction::Drop: fate.dropped = true; break;
        case scenario::FaultAction::Duplicate: copies = 2; break;
        case scenario::FaultAction::Delay: delay = tcp::addTime(delay, s.delay); break;
        }
        // "drop next N" stays for the N - 1 segments after its first.
        it = s.all || --it->step.count > 0 ? std::next(it) : m_rules.erase(it);
    }
    if (!fate.dropped)
        for (int i = 0; i < copies; ++i)
            fate.arrivals.push_back(tcp::addTime(tcp::addTime(now, m_latency), delay));
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
