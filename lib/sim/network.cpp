#include "network.h"

#include "tcp/endpoint.h"

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
    m_plan.add(rule, line);
    return {};
}

Network::Fate Network::send(tcplab::EndpointId src, tcplab::EndpointId dst,
                            const tcp::Segment &seg, std::int64_t now)
{
    // Counted as the live lab counts (scenario::FaultPlan).
    const scenario::FaultPlan::Fate f = m_plan.decide(src, dst, seg.flags);
    Fate fate;
    fate.dropped = f.dropped;
    fate.ruleLine = f.ruleLine;
    for (int i = 0; i < f.copies; ++i)
        fate.arrivals.push_back(tcp::addTime(tcp::addTime(now, m_latency), f.delay));
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
