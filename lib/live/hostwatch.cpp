#include "live/hostwatch.h"

#include "capture/segmenttracker.h"
#include "capture/tcppacket.h"
#include "live/livecapture.h"
#include "live/ports.h"
#include "live/sockdiag.h"
#include "trace/jsonl.h"
#include "trace/textformat.h"

#include <cerrno>
#include <csignal>
#include <algorithm>
#include <limits>
#include <map>
#include <ostream>
#include <poll.h>
#include <tuple>
#include <unistd.h>
#include <vector>

namespace live {

namespace {

volatile std::sig_atomic_t g_stop = 0;
void onStop(int) { g_stop = 1; }

std::string selfPath()
{
    char buf[4096];
    const ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
    return n > 0 ? std::string(buf, std::size_t(n)) : std::string("tcplab-cli");
}

class Watch {
public:
    Watch(int port, std::ostream &out, const WatchOptions &o)
        : m_port(std::uint16_t(port)), m_out(out), m_options(o), m_t0(realtimeUs()) {}

    int run()
    {
        std::string error;
        if (!m_diag.open(error)) {
            m_out << error << std::endl;
            return 2;
        }
        emit(tcplab::makeNote(0, "watching TCP port " + std::to_string(m_port)
                                     + " on this machine's loopback"));
        bool denied = false;
        if (!m_capture.open("lo", "tcp port " + std::to_string(m_port), error, &denied)) {
            const std::string path = m_options.programPath.empty() ? selfPath()
                                                                   : m_options.programPath;
            emit(tcplab::makeNote(
                now(), denied ? "capturing packets needs CAP_NET_RAW: run `sudo setcap "
                                "cap_net_raw+ep "
                                    + path + "` once, then watch again; states only for now"
                              : error + "; states only"));
        }
        const std::int64_t end = m_options.durationUs > 0 ? realtimeUs() + m_options.durationUs : 0;
        std::int64_t nextSnapshot = 0;
        while (!g_stop) {
            const std::int64_t t = realtimeUs();
            if (end && t >= end)
                break;
            if (t >= nextSnapshot) {
                snapshot();
                nextSnapshot = t + m_options.intervalUs;
            }
            std::int64_t wait = nextSnapshot - realtimeUs();
            if (end && end - realtimeUs() < wait)
                wait = end - realtimeUs();
            pollfd fd{m_capture.isOpen() ? m_capture.fd() : -1, POLLIN, 0};
            const int n = ::poll(&fd, 1, int(wait > 0 ? (wait + 999) / 1000 : 0));
            if (n > 0)
                drain();
            release(now() - kHoldUs);
        }
        drain();
        release(std::numeric_limits<std::int64_t>::max());
        return 0;
    }

private:
    using Key = std::tuple<std::uint32_t, std::uint16_t, std::uint32_t, std::uint16_t>;

    std::int64_t now() const { return realtimeUs() - m_t0; }

    // The output is in time order (issue 11, item 7). Two sources feed it, each in order by
    // itself but not with each other: segments carry the kernel's capture time and reach us
    // when the capture is drained, states carry the time of the sock_diag snapshot that saw
    // them. A segment captured just before a snapshot can be read just after it (the capture
    // is drained at each wake-up, and a wake-up can come late on a busy machine), and a note
    // naming a connection was stamped when it was made. So events are held for kHoldUs and
    // released sorted by time (stable: equal times keep the order they were made in, a note
    // before the event it explains). Sorting each drain or snapshot batch alone would not do:
    // the late segment belongs to the next batch. A fixed window rather than a watermark from
    // each source, because the capture has no way to say "nothing older is still on its way";
    // 100 ms is five snapshot periods, far longer than the capture's delivery delay (immediate
    // mode, microseconds) yet too short for a person watching to notice. An event later than
    // that still goes out, with its true time.
    static constexpr std::int64_t kHoldUs = 100'000;

    void emit(const tcplab::Event &e) { m_held.push_back(e); }

    void release(std::int64_t upTo)
    {
        std::stable_sort(m_held.begin(), m_held.end(),
                         [](const tcplab::Event &a, const tcplab::Event &b) { return a.t < b.t; });
        std::size_t n = 0;
        for (; n < m_held.size() && m_held[n].t <= upTo; ++n) {
            const tcplab::Event &e = m_held[n];
            m_out << (m_options.jsonl ? tcplab::toJson(e) : tcplab::formatEvent(e)) << std::endl;
        }
        m_held.erase(m_held.begin(), m_held.begin() + std::ptrdiff_t(n));
    }

    // The name of a socket's end: "listener", or "client"/"server" for the first connection
    // seen, "client2"/"server2" for the second ... (short enough for the timeline's columns);
    // a note gives each connection's client port when it first appears.
    // The note is stamped t, the time of the event that first names the connection.
    tcplab::EndpointId name(std::uint16_t localPort, std::uint16_t remotePort, std::int64_t t)
    {
        if (localPort == m_port && remotePort == 0)
            return tcplab::EndpointId::listener();
        const std::uint16_t clientPort = localPort == m_port ? remotePort : localPort;
        auto it = m_connections.find(clientPort);
        if (it == m_connections.end()) {
            it = m_connections.emplace(clientPort, int(m_connections.size()) + 1).first;
            emit(tcplab::makeNote(t, "connection " + std::to_string(it->second)
                                             + ": client port " + std::to_string(clientPort)
                                             + ", server port " + std::to_string(m_port)));
        }
        const auto n = static_cast<std::uint8_t>(std::min(it->second, 255));
        return localPort == m_port ? tcplab::EndpointId::server(n) : tcplab::EndpointId::client(n);
    }

    void snapshot()
    {
        std::vector<SockInfo> socks;
        std::string error;
        if (!m_diag.dump(m_port, socks, error))
            return;
        drain(); // segments before the states they explain
        const std::int64_t t = now();
        using tcp::State;
        std::map<Key, State> seen;
        for (const SockInfo &s : socks) {
            const Key key{s.localAddr, s.localPort, s.remoteAddr, s.remotePort};
            State state = State::Closed;
            if (!tcp::parseState(kernelStateName(s.state), state) || state == State::Closed)
                continue;
            seen[key] = state;
            const auto it = m_states.find(key);
            const State from = it == m_states.end() ? State::Closed : it->second;
            if (from != state)
                emit(tcplab::makeState(t, name(s.localPort, s.remotePort, t), from, state,
                                       m_first ? "open when the watch started" : "",
                                       tcplab::StateSource::Kernel));
        }
        for (const auto &[key, state] : m_states) {
            if (seen.find(key) == seen.end())
                emit(tcplab::makeState(t, name(std::get<1>(key), std::get<3>(key), t), state,
                                       State::Closed,
                                       state == State::TimeWait ? "2MSL timeout" : "",
                                       tcplab::StateSource::Kernel));
        }
        m_states = std::move(seen);
        m_first = false;
    }

    void drain()
    {
        m_capture.drain([this](std::int64_t ts, const std::uint8_t *data, std::size_t caplen,
                               std::size_t) {
            capture::TcpPacket p;
            if (!capture::dissectFrame(data, caplen, m_capture.linkType(), p))
                return;
            const std::int64_t t = ts - m_t0;
            const tcplab::EndpointId src = name(p.srcPort, p.dstPort, t);
            const tcplab::EndpointId dst = name(p.dstPort, p.srcPort, t);
            emit(m_segments.track(p, src, dst, t));
        });
    }

    std::uint16_t m_port;
    std::ostream &m_out;
    WatchOptions m_options;
    std::int64_t m_t0;
    SockDiag m_diag;
    LiveCapture m_capture;
    capture::SegmentTracker m_segments;
    std::map<Key, tcp::State> m_states;
    std::map<std::uint16_t, int> m_connections; // client port -> number
    bool m_first = true;
    std::vector<tcplab::Event> m_held; // made, not yet printed (release())
};

} // namespace

int runWatch(int port, std::ostream &out, const WatchOptions &options)
{
    if (port <= 0 || port > 65535) {
        out << "watch: the port must be between 1 and 65535" << std::endl;
        return 2;
    }
    g_stop = 0;
    struct sigaction stop{}, oldInt{}, oldTerm{};
    stop.sa_handler = onStop; // no SA_RESTART: poll() returns at once
    ::sigemptyset(&stop.sa_mask);
    ::sigaction(SIGINT, &stop, &oldInt);
    ::sigaction(SIGTERM, &stop, &oldTerm);
    Watch w(port, out, options);
    const int status = w.run();
    ::sigaction(SIGINT, &oldInt, nullptr);
    ::sigaction(SIGTERM, &oldTerm, nullptr);
    return status;
}

} // namespace live
