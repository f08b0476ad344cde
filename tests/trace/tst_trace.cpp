// lib/trace: JSON Lines round trip and errors, the text timeline, sim-vs-live comparison.

#include "trace/comparison.h"
#include "trace/counterfactual.h"
#include "trace/jsonl.h"
#include "trace/labdstream.h"
#include "trace/textformat.h"

#include "tracestrings.h"

#include <QtTest>

#include <sstream>

using namespace tcplab;

namespace {

Event segment(std::int64_t t, const char *src, const char *dst, const char *flags, std::uint32_t seq,
              std::uint32_t ack, std::uint32_t len = 0)
{
    SegmentHeader h;
    h.src = tcplab::ep(src);
    h.dst = tcplab::ep(dst);
    h.flags = tcplab::flagsOf(flags);
    h.seqAbs = seq + 1000;
    h.ackAbs = ack ? ack + 5000 : 0;
    h.len = len;
    h.win = 65535;
    Event e = makeSegment(t, h, 1000, 5000, t + 5000);
    e.ack = ack; // as given, whatever the flags
    return e;
}

QStringList lines(const std::vector<std::string> &v)
{
    QStringList out;
    for (const std::string &s : v)
        out << QString::fromStdString(s);
    return out;
}

Trace states(const char *ep, std::initializer_list<const char *> to)
{
    Trace t;
    std::string from = "CLOSED";
    for (const char *s : to) {
        t.add(makeState(0, ep, from.c_str(), s, "", "simulated"));
        from = s;
    }
    return t;
}

} // namespace

class TestTrace : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void jsonl_roundTripsEveryType()
    {
        Trace t;
        Event call = makeCall(10, "client", "recv", 100, "EOF");
        call.tEnd = 2000;
        call.line = 7;
        t.add(call);
        Event seg = segment(20, "client", "server", "FIN+ACK", 101, 1);
        seg.options = "mss=1460";
        seg.rtx = true;
        t.add(seg);
        Event lost = segment(30, "server", "client", "ACK", 1, 102);
        lost.dropped = true;
        lost.tArrive = kNoTime;
        t.add(lost);
        t.add(makeState(40, "server", "ESTABLISHED", "CLOSE_WAIT", "rcv FIN / snd ACK", "kernel"));
        t.add(makeTimer(50, "client", "time-wait", "armed", 60'000'050));
        t.add(makeNote(60, "a \"quoted\" note\twith\\escapes and 中文"));

        std::ostringstream out;
        writeJsonl(out, t);
        std::istringstream in(out.str());
        Trace back;
        std::string error;
        QVERIFY2(readJsonl(in, back, error), error.c_str());
        QCOMPARE(back.events.size(), t.events.size());
        for (std::size_t i = 0; i < t.events.size(); ++i)
            QVERIFY2(back.events[i] == t.events[i], toJson(back.events[i]).c_str());
    }

    void jsonl_fieldOrderIsFixed()
    {
        QCOMPARE(QString::fromStdString(toJson(segment(0, "client", "server", "SYN", 0, 0))),
                 QStringLiteral(R"({"t":0,"type":"segment","src":"client","dst":"server",)"
                                R"("flags":"SYN","seq":0,"ack":0,"seq_abs":1000,"ack_abs":0,"len":0,)"
                                R"("win":65535,"options":"","fate":"delivered","rtx":false,"t_arrive":5000})"));
    }

    void jsonl_errorsNameTheLine_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("error");
        QTest::newRow("not an object") << "{\"t\":1,\"type\":\"note\"}\n[1]" << "line 2: not a JSON object";
        QTest::newRow("unknown type") << "{\"t\":1,\"type\":\"packet\"}"
                                      << "line 1: type: \"packet\" is not call, segment, state, timer or note";
        QTest::newRow("no type") << "\n\n{\"t\":1}" << "line 3: type: missing";
        QTest::newRow("no time") << "{\"type\":\"note\"}" << "line 1: t: missing";
        // Malformed JSON: nlohmann's own words, after the line and the column.
        QTest::newRow("truncated") << "{\"t\":1,\"type\":\"no"
                                   << "line 1: column 18: syntax error while parsing value - invalid "
                                      "string: missing closing quote; last read: '\"no'";
        QTest::newRow("float") << "{\"t\":1.5,\"type\":\"note\"}" << "line 1: t: 1.5 is not an integer";
        QTest::newRow("trailing") << "{\"type\":\"note\"} x"
                                  << "line 1: column 17: syntax error while parsing value - invalid "
                                     "literal; last read: '\"note\"} x'; expected end of input";
    }
    void jsonl_errorsNameTheLine()
    {
        QFETCH(QString, input);
        QFETCH(QString, error);
        std::istringstream in(input.toStdString());
        Trace t;
        std::string why;
        QVERIFY(!readJsonl(in, t, why));
        QCOMPARE(QString::fromStdString(why), error);
    }

    void labdStream_roundTripsControlLinesAndEvents()
    {
        LabdMessage m = parseLabdLine(labdReplyLine(7, false, "EOF", "line 7: \"x\""));
        QCOMPARE(int(m.kind), int(LabdMessage::Reply));
        QCOMPARE(m.line, 7);
        QVERIFY(!m.ok);
        QCOMPARE(QString::fromStdString(m.result), QStringLiteral("EOF"));
        QCOMPARE(QString::fromStdString(m.message), QStringLiteral("line 7: \"x\""));
        m = parseLabdLine(labdDoneLine(true, 0, ""));
        QCOMPARE(int(m.kind), int(LabdMessage::Done));
        QVERIFY(m.ok);
        QCOMPARE(int(parseLabdLine(labdReadyLine()).kind), int(LabdMessage::Ready));
        m = parseLabdLine(labdErrorLine("no namespace"));
        QCOMPARE(int(m.kind), int(LabdMessage::Error));
        QCOMPARE(QString::fromStdString(m.message), QStringLiteral("no namespace"));
        const Event note = makeNote(5, "hello");
        m = parseLabdLine(toJson(note));
        QCOMPARE(int(m.kind), int(LabdMessage::Event));
        QVERIFY(m.event == note);
        QCOMPARE(int(parseLabdLine("{\"type\":\"future\"}").kind), int(LabdMessage::Other));
        QCOMPARE(int(parseLabdLine("not json").kind), int(LabdMessage::Unreadable));
    }

    void text_formatsEachKind()
    {
        Trace t;
        Event c = makeCall(0, "client", "connect", -1, "0");
        c.tEnd = 10'000;
        t.add(c);
        Event syn = segment(0, "client", "server", "SYN", 0, 0);
        syn.options = "mss=1460";
        t.add(syn);
        t.add(makeState(0, "client", "CLOSED", "SYN_SENT", "connect / snd SYN", "simulated"));
        Event lost = segment(5000, "server", "client", "SYN+ACK", 0, 1);
        lost.dropped = true;
        lost.rtx = true;
        t.add(lost);
        t.add(makeState(7000, "server", "LISTEN", "SYN_RECEIVED", "rcv SYN / snd SYN+ACK", "inferred"));
        t.add(makeTimer(5000, "server", "retransmit", "armed", 1'005'000));
        Event r = makeCall(60'000'123, "server", "recv", -1, "EOF");
        t.add(r);
        t.add(makeNote(60'000'123, "fault: drop next client->server"));
        t.add(makeState(60'000'200, "listener", "LISTEN", "CLOSED", "", "kernel"));
        Event second = segment(60'000'300, "client2", "server2", "ACK", 1, 1);
        second.tArrive = second.t;
        t.add(second);
        // Held in the live lab's queue (issue 12): released, or dropped, at tReleased.
        Event held = segment(60'000'400, "client", "server", "FIN+ACK", 101, 1);
        held.tArrive = held.tReleased = 60'000'437;
        t.add(held);
        Event heldLost = segment(60'000'500, "client", "server", "ACK", 102, 2);
        heldLost.dropped = true;
        heldLost.tReleased = 60'000'530;
        t.add(heldLost);
        QCOMPARE(lines(formatTrace(t)),
                 QStringList({
                     "      0.000  call    client  connect() = 0  (returned 10.000)",
                     "      0.000  segment client -> server  SYN seq=0 win=65535 <mss=1460>  (arrives 5.000)",
                     "      0.000  state   client  CLOSED -> SYN_SENT  (connect / snd SYN)",
                     "      5.000  segment server -> client  SYN+ACK seq=0 ack=1 win=65535 [retransmission]  DROPPED",
                     "      7.000  state   server  LISTEN -> SYN_RECEIVED  (rcv SYN / snd SYN+ACK) [inferred]",
                     "      5.000  timer   server  retransmit armed, expires 1005.000",
                     "  60000.123  call    server  recv() = EOF",
                     "  60000.123  note    fault: drop next client->server",
                     "  60000.200  state   listener LISTEN -> CLOSED [kernel]",
                     "  60000.300  segment client2 -> server2 ACK seq=1 ack=1 win=65535",
                     "  60000.400  segment client -> server  FIN+ACK seq=101 ack=1 win=65535  (held, released 60000.437)",
                     "  60000.500  segment client -> server  ACK seq=102 ack=2 win=65535  DROPPED (held until 60000.530)",
                 }));
    }

    void comparison_identicalTracesAreSame()
    {
        Trace a = states("client", {"SYN_SENT", "ESTABLISHED"});
        const auto diffs = compareTraces(a, a);
        QCOMPARE(lines(formatComparison(a, a, diffs)),
                 QStringList({"client states             same: SYN_SENT ESTABLISHED",
                              "server states             same: (none)",
                              "client -> server segments same: (none)",
                              "server -> client segments same: (none)",
                              "no unexpected difference"}));
    }

    void comparison_timeWaitNotWaitedIsExpected()
    {
        Trace sim = states("client", {"SYN_SENT", "ESTABLISHED", "FIN_WAIT_1", "FIN_WAIT_2", "TIME_WAIT", "CLOSED"});
        Trace live = states("client", {"SYN_SENT", "ESTABLISHED", "FIN_WAIT_1", "FIN_WAIT_2", "TIME_WAIT"});
        const auto diffs = compareTraces(sim, live);
        QVERIFY(diffs[0].expected);
        QVERIFY(QString::fromStdString(diffs[0].reason).contains(QLatin1String("60 s")));
    }

    void comparison_delayedAckSkipsFinWait2()
    {
        Trace sim = states("client", {"SYN_SENT", "ESTABLISHED", "FIN_WAIT_1", "FIN_WAIT_2", "TIME_WAIT", "CLOSED"});
        Trace live = states("client", {"SYN_SENT", "ESTABLISHED", "FIN_WAIT_1", "TIME_WAIT"});
        sim.add(segment(0, "server", "client", "ACK", 1, 1));
        sim.add(segment(0, "server", "client", "FIN+ACK", 1, 1));
        live.add(segment(0, "server", "client", "FIN+ACK", 1, 1));
        const auto diffs = compareTraces(sim, live);
        QVERIFY(diffs[0].expected);
        QVERIFY(QString::fromStdString(diffs[0].reason).contains(QLatin1String("delayed ACK")));
        QVERIFY(diffs[3].expected);
        QVERIFY(QString::fromStdString(diffs[3].reason).contains(QLatin1String("bare ACKs")));
    }

    void comparison_segmentationByMssIsExpected()
    {
        Trace sim, live;
        for (const char *f : {"SYN", "ACK", "PSH+ACK", "PSH+ACK", "PSH+ACK", "FIN+ACK", "ACK"})
            sim.add(segment(0, "client", "server", f, 0, 0));
        for (const char *f : {"SYN", "ACK", "PSH+ACK", "FIN+ACK", "ACK"})
            live.add(segment(0, "client", "server", f, 0, 0));
        const auto diffs = compareTraces(sim, live);
        QVERIFY(diffs[2].expected);
        QVERIFY(QString::fromStdString(diffs[2].reason).contains(QLatin1String("MSS")));
    }

    void comparison_missingFinIsUnexpected()
    {
        Trace sim, live;
        sim.add(segment(0, "client", "server", "FIN+ACK", 1, 1));
        live.add(segment(0, "client", "server", "RST+ACK", 1, 1));
        const auto diffs = compareTraces(sim, live);
        QVERIFY(!diffs[2].expected);
        const QStringList report = lines(formatComparison(sim, live, diffs));
        QCOMPARE(report.mid(2, 3), QStringList({"client -> server segments sim:  FIN+ACK",
                                                 "                          live: RST+ACK",
                                                 "                          UNEXPECTED difference"}));
        QCOMPARE(report.last(), QStringLiteral("1 unexpected difference(s)"));
    }

    // Which protocol a run followed, read back from its notes -- also from a saved file, so a
    // trace opened later is still marked.
    void counterfactual_variantFromTheNotes()
    {
        Trace tcpRun;
        tcpRun.add(makeNote(0, "fault: drop next server->client"));
        QVERIFY(!isCounterfactual(tcpRun));
        QCOMPARE(counterfactualVariant(tcpRun).twoWayHandshake, false);
        QCOMPARE(counterfactualVariant(tcpRun).timeWait, true);

        Trace twoWay;
        twoWay.add(makeCounterfactualNote(kCounterfactualTwoWay));
        QCOMPARE(twoWay.events[0].text,
                 std::string("counterfactual: two-way handshake \u2014 not TCP"));
        QCOMPARE(counterfactualWhat(twoWay.events[0]), std::string("two-way handshake"));
        QCOMPARE(counterfactualVariant(twoWay).twoWayHandshake, true);
        QCOMPARE(counterfactualVariant(twoWay).timeWait, true);

        Trace both = twoWay;
        both.add(makeCounterfactualNote(kCounterfactualNoTimeWait));
        std::stringstream file;
        writeJsonl(file, both);
        Trace read;
        std::string error;
        QVERIFY2(readJsonl(file, read, error), error.c_str());
        QVERIFY(isCounterfactual(read));
        QCOMPARE(counterfactualVariant(read).twoWayHandshake, true);
        QCOMPARE(counterfactualVariant(read).timeWait, false);

        // A kind of counterfactual this build does not know: still not TCP, TCP's diagram.
        Trace unknown;
        unknown.add(makeCounterfactualNote("one-way close"));
        QVERIFY(isCounterfactual(unknown));
        QCOMPARE(counterfactualWhat(unknown.events[0]), std::string("one-way close"));
        QCOMPARE(counterfactualVariant(unknown).twoWayHandshake, false);
        QCOMPARE(counterfactualVariant(unknown).timeWait, true);
    }
};

QTEST_APPLESS_MAIN(TestTrace)
#include "tst_trace.moc"
