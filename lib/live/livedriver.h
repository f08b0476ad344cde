#pragma once
// The live lab's scenario::Driver: real sockets in forked endpoint processes, every segment held
// in the lab's queue (SegmentQueue) while sock_diag reads both endpoints, then delivered or
// dropped by the scenario's drop rules; states from sock_diag. Where the queue cannot be set up
// it falls back to what it did before issue 12, and says so in a note: segments from libpcap on
// the namespace's lo, states polled and what they missed inferred, drops from nftables. It is
// also the coordinator: one poll() loop over the queue (or the capture), the endpoint
// processes' answers and a short timer, run whenever the runner waits for anything, so events
// stream as they happen. Expects to run inside the lab's namespace (enterLabNamespace()).

#include "capture/segmenttracker.h"
#include "live/endpointprocess.h"
#include "live/faultrules.h"
#include "live/livecapture.h"
#include "live/segmentqueue.h"
#include "live/sockdiag.h"
#include "live/statetracker.h"
#include "scenario/runner.h"

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <string>

namespace capture {
class PcapFileWriter;
}

namespace live {

class LiveDriver : public scenario::Driver {
public:
    using Sink = std::function<void(const tcplab::Event &)>;

    struct Stats {
        int snapshots = 0;
        std::int64_t snapshotCostUs = 0;   // total time spent reading sock_diag
        std::int64_t busyIntervalUs = 0;   // the poll interval while a step runs
        std::int64_t maxBusyGapUs = 0;     // the longest gap between two snapshots during steps
        int segments = 0;
        int kernelStates = 0;
        int inferredStates = 0;
        int heldSegments = 0;
        std::int64_t holdCostUs = 0;     // total from reading a segment off the queue to its
                                         // verdict (the snapshot included)
        std::int64_t holdSnapshotUs = 0; // of which the snapshots taken while holding
        std::string notHeld;             // why segments were not held ("" when they were)
    };

    explicit LiveDriver(Sink sink);
    ~LiveDriver() override;

    // Before start(): false polls states as before issue 12 instead of holding segments
    // (tcplab-labd --no-hold; the benchmark compares both).
    void setHolding(bool hold) { m_wantHolding = hold; }
    // Forks the two endpoint processes, then opens sock_diag, the segment queue (or, where it
    // cannot be set up, notes why and polls) and the capture. writer, if given, receives every
    // packet on the wire and every segment the queue dropped.
    bool start(capture::PcapFileWriter *writer, std::string &error);
    // Whether segments are held (start() succeeded in setting up the queue).
    bool holding() const { return m_holding; }

    std::string call(const scenario::CallStep &c, int line, std::int64_t timeoutUs) override;
    std::string finishCall(tcplab::EndpointId ep, std::int64_t timeoutUs) override;
    bool waitState(tcplab::EndpointId ep, tcp::State state, std::int64_t timeoutUs) override;
    tcp::State state(tcplab::EndpointId ep) override;
    void sleep(std::int64_t us) override;
    tcplab::Message addFault(const scenario::FaultStep &f, int line) override;
    void note(const std::string &text, int line) override;
    void finish() override;

    // The interactive lab between two commands: keeps watching (states are read less often)
    // until fd is readable (true) or maxUs passes (false).
    bool idleUntilReadable(int fd, std::int64_t maxUs);
    // Restarts the run's clock at now, as long as no event has been emitted: an interactive
    // session's time 0 is its first step.
    void restartClock();
    bool hasEmitted() const { return m_emitted > 0; }
    // Kills the endpoint processes and stops capturing; the destructor calls it too.
    void shutdown();

    Stats stats() const;

private:
    struct Pending {
        std::uint64_t id = 0;
        tcp::Call call = tcp::Call::Listen;
        std::int64_t arg = -1;
        std::int64_t issued = 0; // µs since the run's start
        bool background = false;
        int line = 0;
    };
    enum class PumpEnd { Done, Deadline, Readable };

    // One endpoint of the lab's connection: the process that holds its socket and what it
    // is doing.
    struct Side {
        tcplab::EndpointId id;
        std::unique_ptr<EndpointProcess> process;
        bool exited = false;
        std::deque<Pending> pending;
        std::deque<std::string> background; // finished background calls, not yet collected
    };
    Side &side(tcplab::EndpointId ep);
    std::int64_t now() const;
    void emit(const tcplab::Event &e);
    PumpEnd pumpUntil(std::int64_t deadlineUs, const std::function<bool()> &done,
                      std::int64_t intervalUs, int extraFd = -1);
    void onPacket(std::int64_t tsUs, const std::uint8_t *data, std::size_t caplen,
                  std::size_t len);
    void drainCapture();
    void onHeld(const SegmentQueue::Held &held);
    void drainQueue(); // every segment waiting in the queue, held and released in turn
    // false: some endpoint's reading was stale. stampUs (since the run's start): the time the
    // changes it shows are given, when known better than the end of the dump (a held segment's).
    bool snapshot(std::int64_t stampUs = tcplab::kNoTime);
    void freshSnapshot();
    void onReply(Side &s);
    void complete(Side &s, const std::string &result);
    std::string exitEndpoint(const scenario::CallStep &c, int line);

    Sink m_sink;
    std::int64_t m_t0 = 0;                    // CLOCK_REALTIME µs at the start
    std::size_t m_emitted = 0;
    std::string m_notHeldWhy; // why segments are not held (the queue's words)                // events given to the sink
    std::vector<Side> m_sides;                // the namespace holds one connection: its client
                                              // and its server
    std::map<std::uint64_t, std::string> m_results;
    std::uint64_t m_nextId = 1;

    LiveCapture m_capture;
    capture::PcapFileWriter *m_writer = nullptr;
    capture::SegmentTracker m_segments;
    SockDiag m_diag;
    StateTracker m_states;
    FaultRules m_faults;
    SegmentQueue m_queue;
    bool m_wantHolding = true;
    bool m_holding = false;
    bool m_faultFired = false;
    bool m_stopped = false;

    std::int64_t m_nextSnapshot = 0;          // absolute µs
    std::int64_t m_lastSnapshot = 0;
    std::int64_t m_lastActivity = 0;          // absolute µs of the last event
    Stats m_stats;
};

} // namespace live
