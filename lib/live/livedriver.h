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
#include "live/rawsender.h"
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
        int heldSegments = 0;            // released as soon as read (holdCostUs counts them)
        int heldLonger = 0;              // by a delay, or until the student's verdict
        std::int64_t holdCostUs = 0;     // total from reading a segment off the queue to its
                                         // verdict (the snapshot included)
        std::int64_t holdSnapshotUs = 0; // of which the snapshots taken while holding
        std::string notHeld;             // why segments were not held ("" when they were)
    };

    // The interactive lab's stepping (issue 12): a segment held until the student's verdict, or
    // until a delay rule's time. Told when a segment is held (segment: as it will be emitted,
    // t = when held) and again when it was released (segment null; its event came just before).
    using HoldListener = std::function<void(int hold, const tcplab::Event *segment)>;
    enum class Verdict { Deliver, Drop, Twice, Delay };

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

    void setHoldListener(HoldListener listener) { m_holdListener = std::move(listener); }
    // Hold mode: every segment of the lab's connection stays held until verdict(). Turning it
    // off delivers the segments still waiting for one. "" or why it cannot (no queue).
    std::string setHoldAll(bool on);
    bool holdingAll() const { return m_holdAll; }
    // What becomes of held segment `hold` (0: the one held longest): delivered, dropped,
    // delivered and then a copy of it (Twice), or delivered after delayUs more (Delay). "" or
    // why not ("no segment is held").
    std::string verdict(int hold, Verdict v, std::int64_t delayUs = 0);
    // Held segments waiting for a verdict.
    std::size_t heldCount() const;

    std::string call(const scenario::CallStep &c, int line, std::int64_t timeoutUs) override;
    std::string finishCall(tcplab::EndpointId ep, std::int64_t timeoutUs) override;
    bool waitState(tcplab::EndpointId ep, tcp::State state, std::int64_t timeoutUs) override;
    tcp::State state(tcplab::EndpointId ep) override;
    void sleep(std::int64_t us) override;
    tcplab::Message addFault(const scenario::FaultStep &f, int line) override;
    tcplab::Message inject(const scenario::InjectStep &in, int line) override;
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

    // A segment kept in the queue past its snapshot: by a delay rule (releaseAt) or by hold
    // mode (until verdict()).
    struct HeldSegment {
        int hold = 0;                       // the number the lab shows ("#3")
        std::uint32_t packetId = 0;         // the queue's
        tcplab::Event event;                // to emit when released (t = when held)
        std::vector<std::uint8_t> packet;   // the IPv4 packet, for a copy
        int copies = 1;                     // 2: a copy follows it (duplicate)
        std::int64_t releaseAt = tcplab::kNoTime; // absolute µs; kNoTime: awaits a verdict
        bool injected = false;              // crafted by the lab: its numbers are raw
        bool atOnce = false;                // released as soon as read
        std::int64_t snapshotUs = 0;        // the cost of its snapshot
    };
    // A segment the lab itself put on the wire, recognised when the queue or capture sees it.
    struct Expected {
        std::uint8_t flags = 0;
        std::uint32_t seq = 0, ack = 0, len = 0;
        tcplab::EndpointId src;
        bool copy = false; // a duplicate's copy: no rule and no hold applies to it
        bool rtx = false;  // the original's
        int line = 0;
    };

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
    // The segment's fate once held: at once, later (releaseAt), or at the student's verdict.
    void keepHeld(HeldSegment h);
    void releaseNow(HeldSegment &h);
    void releaseHeld(std::size_t index, bool deliver);
    // A segment the lab crafted, with its numbers as on the wire.
    tcplab::Event rawSegment(const capture::TcpPacket &p, tcplab::EndpointId src,
                             tcplab::EndpointId dst, std::int64_t t) const;
    void releaseDue();        // the held segments whose time has come
    std::int64_t nextRelease() const; // absolute µs, INT64_MAX when none is scheduled
    // Sends a copy (a duplicate) or a crafted segment through the raw socket; "" or why.
    std::string sendRaw(std::vector<std::uint8_t> packet, const Expected &expected);
    bool takeExpected(const capture::TcpPacket &p, Expected &out);
    // false: some endpoint's reading was stale. stampUs (since the run's start): the time the
    // changes it shows are given, when known better than the end of the dump (a held segment's).
    bool snapshot(std::int64_t stampUs = tcplab::kNoTime);
    void freshSnapshot();
    void onReply(Side &s);
    void complete(Side &s, const std::string &result);
    std::string exitEndpoint(const scenario::CallStep &c, int line);

    Sink m_sink;
    std::int64_t m_t0 = 0;                    // CLOCK_REALTIME µs at the start
    std::size_t m_emitted = 0;                // events given to the sink
    std::string m_notHeldWhy; // why segments are not held (the queue's words)
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
    RawSender m_raw;
    std::string m_rawWhy;                     // why the raw socket could not be opened
    std::vector<HeldSegment> m_held;          // in the order held
    std::deque<Expected> m_expected;
    HoldListener m_holdListener;
    int m_nextHold = 1;
    bool m_holdAll = false;
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
