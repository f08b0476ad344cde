#pragma once
// The simulated network between the two endpoints: a fixed one-way latency, a queue of
// segments in flight, and fault rules (drop, duplicate, delay) from the scenario.

#include "scenario/faultplan.h"
#include "tcp/segment.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace sim {

class Network {
public:
    explicit Network(std::int64_t latency) : m_latency(latency) {}
    std::int64_t latency() const { return m_latency; }

    struct Fate {
        bool dropped = false;
        std::vector<std::int64_t> arrivals; // one per copy that will arrive (duplicates: two)
        int ruleLine = 0;                   // the scenario line of the rule that applied
    };
    struct Delivery {
        int to = 0;
        tcp::Segment segment;
    };

    // Installs a fault rule from a scenario step; returns an empty message or why it cannot.
    tcplab::Message addRule(const scenario::FaultStep &rule, int line);
    // Decides what happens to a segment sent now from src to dst (applying the rules).
    Fate send(tcplab::EndpointId src, tcplab::EndpointId dst, const tcp::Segment &seg,
              std::int64_t now);
    void schedule(std::int64_t at, int to, const tcp::Segment &seg);
    std::int64_t nextDelivery() const; // INT64_MAX when nothing is in flight
    std::vector<Delivery> takeDue(std::int64_t now);

private:
    std::int64_t m_latency;
    scenario::FaultPlan m_plan;
    // In-flight segments by arrival time; equal times keep their sending order.
    std::multimap<std::int64_t, Delivery> m_inFlight;
};

} // namespace sim
