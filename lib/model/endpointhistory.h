#pragma once
// The state of each endpoint at any event of a trace: the state events of the client and of
// the server in order, answering "which state is the server in after event i" and "how long
// did it spend in each state so far". Shared by the state table, the state graph and the views.

#include "tcp/state.h"
#include "trace/trace.h"

#include <QtGlobal>

#include <array>
#include <string>
#include <vector>

enum class Side { Client, Server };
constexpr int kSideCount = 2;
// The two sides the views draw: the lab connection's client and server (false for others).
bool sideOf(tcplab::EndpointId ep, Side &out);
tcplab::EndpointId endpointOf(Side side);

class EndpointHistory {
public:
    struct Change {
        int row = 0; // the state event's row in the trace
        qint64 t = 0;
        tcp::State from = tcp::State::Closed;
        tcp::State to = tcp::State::Closed;
        tcplab::StateSource source = tcplab::StateSource::Simulated;
    };
    using Durations = std::array<qint64, tcp::kStateCount>;

    void rebuild(const tcplab::Trace &trace);
    // After trace.events[row] was inserted: cheap when it is the last event.
    void inserted(const tcplab::Trace &trace, int row);

    const std::vector<Change> &changes(Side side) const { return m_changes[index(side)]; }
    // How many of side's changes happened at or before the event at row (row -1: none).
    int changesUpTo(Side side, int row) const;
    // side's state once the event at row has happened; every endpoint starts CLOSED.
    tcp::State stateAt(Side side, int row) const;
    // Microseconds side spent in each state from time 0 up to now, the time of the event at
    // row (the run starts at 0 in CLOSED).
    Durations timeSpent(Side side, int row, qint64 now) const;

private:
    static int index(Side side) { return static_cast<int>(side); }
    void add(const tcplab::Event &e, int row);

    std::array<std::vector<Change>, kSideCount> m_changes;
};
