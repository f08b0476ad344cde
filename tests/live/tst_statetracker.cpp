// StateTracker without a kernel: sock_diag snapshots and segments made up by the test, the
// state and timer events compared as a whole timeline.
#include "live/statetracker.h"
#include "tcp/segment.h"
#include "trace/textformat.h"

#include "tracestrings.h"

#include <QStringList>
#include <QTest>

namespace {

live::SockInfo sock(std::uint8_t state, std::uint16_t local, std::uint16_t remote,
                    std::uint32_t inode = 1, std::uint8_t timer = 0, std::uint32_t expiresMs = 0)
{
    live::SockInfo s;
    s.state = state;
    s.localPort = local;
    s.remotePort = remote;
    s.inode = inode;
    s.timer = timer;
    s.expiresMs = expiresMs;
    s.cookie = std::uint64_t(local) << 16 | remote;
    return s;
}

tcplab::Event segment(std::int64_t t, const char *src, const char *dst, std::uint8_t flags)
{
    tcplab::SegmentHeader h;
    h.src = tcplab::ep(src);
    h.dst = tcplab::ep(dst);
    h.flags = flags;
    return tcplab::makeSegment(t, h, 0, 0, t);
}

// The kernel's numbering (include/net/tcp_states.h).
enum : std::uint8_t { Est = 1, SynRecv = 3, FinWait2 = 5, TimeWait = 6, CloseWait = 8, LastAck = 9, Listen = 10 };

} // namespace

class TstStateTracker : public QObject {
    Q_OBJECT

private:
    QStringList m_lines;
    live::StateTracker tracker()
    {
        m_lines.clear();
        return live::StateTracker(
            [this](const tcplab::Event &e) { m_lines << QString::fromStdString(tcplab::formatEvent(e)); },
            50000, 8000);
    }

private Q_SLOTS:
    void handshakeKernelAndInferred()
    {
        live::StateTracker st = tracker();
        QVERIFY(st.onSnapshot({sock(Listen, 8000, 0)}, 100, 110));
        st.onCall(tcplab::ep("client"), tcp::Call::Connect);
        st.onSegment(segment(1000, "client", "server", tcp::SYN));
        st.onSegment(segment(1010, "server", "client", tcp::SYN | tcp::ACK));
        // A snapshot that began before the SYN+ACK was tapped may predate it: left alone.
        QVERIFY(!st.onSnapshot({sock(Listen, 8000, 0), sock(2, 50000, 8000)}, 1005, 1020));
        QVERIFY(st.onSnapshot({sock(Listen, 8000, 0), sock(Est, 50000, 8000),
                               sock(Est, 8000, 50000)},
                              1100, 1110));
        const QStringList expected = {
            QStringLiteral("      0.110  state   server  CLOSED -> LISTEN  (listen) [kernel]"),
            QStringLiteral("      1.000  state   client  CLOSED -> SYN_SENT  (connect / snd SYN) [inferred]"),
            QStringLiteral("      1.010  state   server  LISTEN -> SYN_RECEIVED  (rcv SYN / snd SYN+ACK) [inferred]"),
            QStringLiteral("      1.110  state   client  SYN_SENT -> ESTABLISHED  (rcv SYN+ACK / snd ACK) [kernel]"),
            QStringLiteral("      1.110  state   server  SYN_RECEIVED -> ESTABLISHED  (rcv ACK) [kernel]"),
        };
        QCOMPARE(m_lines, expected);
        QCOMPARE(st.kernelTransitions(), 3);
        QCOMPARE(st.inferredTransitions(), 2);
    }

    // TIME_WAIT's timer runs out; the kernel reads 0 ms left until it reaps the socket. Those
    // readings are not restarts (a restart is a FIN re-ACKed): one armed, then one fired.
    void expiredTimerIsNoRestart()
    {
        live::StateTracker st = tracker();
        QVERIFY(st.onSnapshot({sock(Est, 50000, 8000), sock(Est, 8000, 50000)}, 0, 10));
        st.onCall(tcplab::ep("client"), tcp::Call::Close);
        QVERIFY(st.onSnapshot({sock(TimeWait, 50000, 8000, 0, 3, 60000)}, 100, 110));
        m_lines.clear();
        for (std::int64_t t = 60'110'000; t < 60'600'000; t += 30'000)
            QVERIFY(st.onSnapshot({sock(TimeWait, 50000, 8000, 0, 3, 0)}, t, t + 10));
        QVERIFY(m_lines.isEmpty());
        QVERIFY(st.onSnapshot({}, 60'700'000, 60'700'010));
        QCOMPARE(m_lines, QStringList({
            QStringLiteral("  60700.010  state   client  TIME_WAIT -> CLOSED  (2MSL timeout) [kernel]"),
            QStringLiteral("  60700.010  timer   client  time-wait fired"),
        }));
    }

    void requestSocketIsSynReceived()
    {
        live::StateTracker st = tracker();
        QVERIFY(st.onSnapshot({sock(Listen, 8000, 0), sock(12, 8000, 50000, 0)}, 0, 10));
        QCOMPARE(std::string(tcp::stateName(st.state(tcplab::ep("server")))), std::string("SYN_RECEIVED"));
    }

    void jumpsAreFilledInAlongTheDiagram()
    {
        live::StateTracker st = tracker();
        QVERIFY(st.onSnapshot({sock(Est, 50000, 8000), sock(Est, 8000, 50000)}, 0, 10));
        m_lines.clear();
        // The kernel is seen in TIME_WAIT right after ESTABLISHED: FIN_WAIT_1 was skipped.
        st.onCall(tcplab::ep("client"), tcp::Call::Close);
        QVERIFY(st.onSnapshot({sock(TimeWait, 50000, 8000, 0, 3, 60000), sock(LastAck, 8000, 50000)},
                              2000, 2010));
        const QStringList expected = {
            QStringLiteral("      2.010  state   client  ESTABLISHED -> FIN_WAIT_1  (close / snd FIN) [inferred]"),
            QStringLiteral("      2.010  state   client  FIN_WAIT_1 -> TIME_WAIT  (rcv FIN+ACK / snd ACK) [kernel]"),
            QStringLiteral("      2.010  timer   client  time-wait armed, expires 60002.010"),
            QStringLiteral("      2.010  state   server  ESTABLISHED -> CLOSE_WAIT  (rcv FIN / snd ACK) [inferred]"),
            QStringLiteral("      2.010  state   server  CLOSE_WAIT -> LAST_ACK  (close / snd FIN) [kernel]"),
        };
        QCOMPARE(m_lines, expected);
    }

    void orphanAndTimers()
    {
        live::StateTracker st = tracker();
        QVERIFY(st.onSnapshot({sock(Est, 50000, 8000), sock(Est, 8000, 50000)}, 0, 10));
        m_lines.clear();
        st.onCall(tcplab::ep("client"), tcp::Call::Close);
        st.onSegment(segment(100, "client", "server", tcp::FIN | tcp::ACK));
        // Linux keeps an orphaned FIN_WAIT_2 socket as a TIME_WAIT mini-socket (no inode).
        QVERIFY(st.onSnapshot({sock(FinWait2, 50000, 8000, 0, 3, 60000), sock(CloseWait, 8000, 50000)},
                              200, 210));
        st.onCall(tcplab::ep("server"), tcp::Call::Close);
        st.onSegment(segment(300, "server", "client", tcp::FIN | tcp::ACK));
        QVERIFY(st.onSnapshot({sock(TimeWait, 50000, 8000, 0, 3, 60000),
                               sock(LastAck, 8000, 50000, 1, 1, 200)},
                              400, 410));
        // The FIN is retransmitted; the server's timer fires and is armed again, doubled.
        tcplab::Event again = segment(200'400, "server", "client", tcp::FIN | tcp::ACK);
        again.rtx = true;
        st.onSegment(again);
        QVERIFY(st.onSnapshot({sock(TimeWait, 50000, 8000, 0, 3, 59800),
                               sock(LastAck, 8000, 50000, 1, 1, 400)},
                              200'500, 200'510));
        QVERIFY(st.onSnapshot({sock(TimeWait, 50000, 8000, 0, 3, 59990)}, 210'000, 210'010));
        const QStringList expected = {
            QStringLiteral("      0.100  state   client  ESTABLISHED -> FIN_WAIT_1  (close / snd FIN) [inferred]"),
            QStringLiteral("      0.210  state   client  FIN_WAIT_1 -> FIN_WAIT_2  (rcv ACK of FIN) [kernel]"),
            QStringLiteral("      0.210  timer   client  fin-wait-2 armed, expires 60000.210"),
            QStringLiteral("      0.210  state   server  ESTABLISHED -> CLOSE_WAIT  (rcv FIN / snd ACK) [kernel]"),
            QStringLiteral("      0.300  state   server  CLOSE_WAIT -> LAST_ACK  (close / snd FIN) [inferred]"),
            QStringLiteral("      0.410  state   client  FIN_WAIT_2 -> TIME_WAIT  (rcv FIN / snd ACK) [kernel]"),
            QStringLiteral("      0.410  timer   client  fin-wait-2 cancelled"),
            QStringLiteral("      0.410  timer   client  time-wait armed, expires 60000.410"),
            QStringLiteral("      0.410  timer   server  retransmit armed, expires 200.410"),
            QStringLiteral("    200.510  timer   server  retransmit fired"),
            QStringLiteral("    200.510  timer   server  retransmit armed, expires 600.510"),
            QStringLiteral("    210.010  timer   client  time-wait armed, expires 60200.010"),
            QStringLiteral("    210.010  state   server  LAST_ACK -> CLOSED  (rcv ACK of FIN) [kernel]"),
            QStringLiteral("    210.010  timer   server  retransmit cancelled"),
        };
        QCOMPARE(m_lines, expected);
    }
};

QTEST_APPLESS_MAIN(TstStateTracker)
#include "tst_statetracker.moc"
