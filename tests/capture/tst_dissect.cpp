// Dissection of hand-built frames into TcpPacket fields and trace segment events.
#include "capture/segmenttracker.h"
#include "capture/tcppacket.h"
#include "framebuilder.h"
#include "tcp/segment.h"
#include "trace/textformat.h"

#include "tracestrings.h"

#include <QStringList>
#include <QTest>

using testframes::Tcp;

class TstDissect : public QObject {
    Q_OBJECT

private:
    static capture::TcpPacket dissect(const std::vector<std::uint8_t> &f)
    {
        capture::TcpPacket p;
        std::string why;
        const bool ok = capture::dissectFrame(f.data(), f.size(), capture::kLinkEthernet, p, &why);
        if (!ok)
            qWarning("dissect: %s", why.c_str());
        return p;
    }

private Q_SLOTS:
    void synFields()
    {
        Tcp t;
        t.seq = 3080541450u;
        t.flags = tcp::SYN;
        t.options = testframes::synOptions(65495, 7);
        const std::vector<std::uint8_t> f = testframes::frame(t);
        capture::TcpPacket p;
        QVERIFY(capture::dissectFrame(f.data(), f.size(), capture::kLinkEthernet, p));
        QCOMPARE(capture::formatAddress(p.srcAddr), std::string("127.0.0.1"));
        QCOMPARE(p.srcPort, std::uint16_t(50000));
        QCOMPARE(p.dstPort, std::uint16_t(8000));
        QCOMPARE(p.seq, 3080541450u);
        QCOMPARE(p.flags, std::uint8_t(tcp::SYN));
        QCOMPARE(p.window, std::uint16_t(65495));
        QCOMPARE(p.len, 0u);
        QCOMPARE(p.options, std::string("mss=65495,sackOK,ts,wscale=7"));
    }

    void payloadLengthFromIpHeader()
    {
        Tcp t;
        t.flags = tcp::PSH | tcp::ACK;
        t.options = testframes::timestampOption();
        t.payload = 100;
        std::vector<std::uint8_t> f = testframes::frame(t);
        f.resize(f.size() - 60); // a snap length shorter than the packet
        capture::TcpPacket p;
        QVERIFY(capture::dissectFrame(f.data(), f.size(), capture::kLinkEthernet, p));
        QCOMPARE(p.len, 100u);
        QCOMPARE(p.options, std::string("ts"));
    }

    void rejectsOtherPackets_data()
    {
        QTest::addColumn<int>("protocol");
        QTest::addColumn<int>("truncateTo");
        QTest::addColumn<QString>("why");
        QTest::newRow("udp") << 17 << 0 << QStringLiteral("not TCP");
        QTest::newRow("short ethernet") << 6 << 10 << QStringLiteral("short Ethernet header");
        QTest::newRow("short ip") << 6 << 30 << QStringLiteral("short IPv4 header");
    }

    void rejectsOtherPackets()
    {
        QFETCH(int, protocol);
        QFETCH(int, truncateTo);
        QFETCH(QString, why);
        Tcp t;
        std::vector<std::uint8_t> f = testframes::frame(t, std::uint8_t(protocol));
        if (truncateTo > 0)
            f.resize(std::size_t(truncateTo));
        capture::TcpPacket p;
        std::string reason;
        QVERIFY(!capture::dissectFrame(f.data(), f.size(), capture::kLinkEthernet, p, &reason));
        QCOMPARE(QString::fromStdString(reason), why);
    }

    void handshakeDataAndRetransmission()
    {
        const std::uint32_t c = 1000000, s = 4000000000u; // the server's ISN wraps soon
        struct Sent {
            bool fromClient;
            Tcp tcp;
        };
        auto seg = [](std::uint16_t sp, std::uint16_t dp, std::uint32_t seq, std::uint32_t ack,
                      std::uint8_t flags, std::uint32_t payload) {
            Tcp t;
            t.srcPort = sp;
            t.dstPort = dp;
            t.seq = seq;
            t.ack = ack;
            t.flags = flags;
            t.payload = payload;
            return t;
        };
        std::vector<Sent> sent = {
            {true, seg(50000, 8000, c, 0, tcp::SYN, 0)},
            {false, seg(8000, 50000, s, c + 1, tcp::SYN | tcp::ACK, 0)},
            {true, seg(50000, 8000, c + 1, s + 1, tcp::ACK, 0)},
            {true, seg(50000, 8000, c + 1, s + 1, tcp::PSH | tcp::ACK, 100)},
            {true, seg(50000, 8000, c + 1, s + 1, tcp::PSH | tcp::ACK, 100)},
            {false, seg(8000, 50000, s + 1, c + 101, tcp::ACK, 0)},
            {false, seg(8000, 50000, s + 1, c + 101, tcp::FIN | tcp::ACK, 0)},
        };
        sent[0].tcp.options = testframes::synOptions(65495, 7);
        capture::SegmentTracker tracker;
        QStringList lines;
        std::int64_t t = 0;
        for (const Sent &x : sent) {
            const capture::TcpPacket p = dissect(testframes::frame(x.tcp));
            const tcplab::Event e = tracker.track(p, tcplab::ep(x.fromClient ? "client" : "server"),
                                                  tcplab::ep(x.fromClient ? "server" : "client"),
                                                  t += 10);
            lines << QString::fromStdString(tcplab::formatEvent(e));
            if (lines.size() == 2)
                QCOMPARE(e.seqAbs, s);
        }
        const QStringList expected = {
            QStringLiteral("      0.010  segment client -> server  SYN seq=0 win=65495 <mss=65495,sackOK,ts,wscale=7>"),
            QStringLiteral("      0.020  segment server -> client  SYN+ACK seq=0 ack=1 win=65495"),
            QStringLiteral("      0.030  segment client -> server  ACK seq=1 ack=1 win=65495"),
            QStringLiteral("      0.040  segment client -> server  PSH+ACK seq=1 ack=1 len=100 win=65495"),
            QStringLiteral("      0.050  segment client -> server  PSH+ACK seq=1 ack=1 len=100 win=65495 [retransmission]"),
            QStringLiteral("      0.060  segment server -> client  ACK seq=1 ack=101 win=65495"),
            QStringLiteral("      0.070  segment server -> client  FIN+ACK seq=1 ack=101 win=65495"),
        };
        QCOMPARE(lines, expected);
    }

    void newIsnStartsANewConnection()
    {
        capture::SegmentTracker tracker;
        Tcp syn;
        syn.flags = tcp::SYN;
        syn.seq = 500;
        const capture::TcpPacket first = dissect(testframes::frame(syn));
        QVERIFY(!tracker.track(first, tcplab::ep("client"), tcplab::ep("server"), 0).rtx);
        QVERIFY(tracker.track(first, tcplab::ep("client"), tcplab::ep("server"), 1).rtx); // the same SYN again
        syn.seq = 9000;
        const tcplab::Event again = tracker.track(dissect(testframes::frame(syn)),
                                                  tcplab::ep("client"), tcplab::ep("server"), 2);
        QVERIFY(!again.rtx);
        QCOMPARE(again.seq, 0u);
    }
};

QTEST_APPLESS_MAIN(TstDissect)
#include "tst_dissect.moc"
