#include "endpointhistory.h"

#include <algorithm>

bool sideOf(tcplab::EndpointId ep, Side &out)
{
    if (ep == tcplab::EndpointId::client()) {
        out = Side::Client;
        return true;
    }
    if (ep == tcplab::EndpointId::server()) {
        out = Side::Server;
        return true;
    }
    return false;
}

tcplab::EndpointId endpointOf(Side side)
{
    return side == Side::Client ? tcplab::EndpointId::client() : tcplab::EndpointId::server();
}

void EndpointHistory::rebuild(const tcplab::Trace &trace)
{
    for (auto &list : m_changes)
        list.clear();
    for (std::size_t row = 0; row < trace.events.size(); ++row)
        add(trace.events[row], static_cast<int>(row));
}

void EndpointHistory::inserted(const tcplab::Trace &trace, int row)
{
    if (row == static_cast<int>(trace.events.size()) - 1)
        add(trace.events[row], row);
    else
        rebuild(trace); // rows after the insertion moved
}

void EndpointHistory::add(const tcplab::Event &e, int row)
{
    if (e.type != tcplab::EventType::State)
        return;
    Side side;
    Change c;
    if (!sideOf(e.ep, side))
        return;
    c.to = e.to;
    c.from = e.from;
    c.row = row;
    c.t = e.t;
    c.source = e.source;
    m_changes[index(side)].push_back(std::move(c));
}

int EndpointHistory::changesUpTo(Side side, int row) const
{
    const auto &list = changes(side);
    auto it = std::upper_bound(list.begin(), list.end(), row,
                               [](int r, const Change &c) { return r < c.row; });
    return static_cast<int>(it - list.begin());
}

tcp::State EndpointHistory::stateAt(Side side, int row) const
{
    const int n = changesUpTo(side, row);
    return n == 0 ? tcp::State::Closed : changes(side)[n - 1].to;
}

EndpointHistory::Durations EndpointHistory::timeSpent(Side side, int row, qint64 now) const
{
    Durations spent{};
    const auto &list = changes(side);
    const int n = changesUpTo(side, row);
    tcp::State state = tcp::State::Closed;
    qint64 since = 0;
    for (int i = 0; i < n; ++i) {
        spent[static_cast<int>(state)] += std::max<qint64>(0, list[i].t - since);
        since = list[i].t;
        state = list[i].to;
    }
    spent[static_cast<int>(state)] += std::max<qint64>(0, now - since);
    return spent;
}
