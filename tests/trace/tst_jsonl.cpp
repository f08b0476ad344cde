// lib/trace's JSON Lines reader and writer on nlohmann-json (issues 8 and 11): the reader refuses
// what it cannot represent, naming the line and the field, instead of wrapping, crashing or
// guessing; the writer's bytes stay as they were. Issue 13 (a million events a second) reads
// the writer's own lines a faster way: the round trips, other key orders, whitespace, escapes,
// refusals among good lines and lines across the reader's blocks below hold either way.

// moc reads raw strings as ordinary ones: a raw string here holds no backslash-quote.

#include "tracestrings.h"
#include "trace/jsonfields.h"
#include "trace/jsonl.h"
#include "trace/labdstream.h"

#include <QtTest>

#include <sstream>

using namespace tcplab;

Q_DECLARE_METATYPE(tcplab::Event)

namespace {

// Reads text as a .jsonl file: true and the trace, or false and the error.
bool read(const QString &text, Trace &trace, QString &error)
{
    std::istringstream in(text.toStdString());
    std::string why;
    const bool ok = readJsonl(in, trace, why);
    error = QString::fromStdString(why);
    return ok;
}

QString jsonOf(const Event &e) { return QString::fromStdString(toJson(e)); }

// The trace read back from its own JSON Lines, and those lines, for round trips.
std::string written(const Trace &t)
{
    std::ostringstream out;
    writeJsonl(out, t);
    return out.str();
}

// Event's options is becoming an interned string: the tests below set it here only.
void setOptions(Event &e, const std::string &options) { e.options = options; }

// A segment with every field set to something other than its default.
Event fullSegment()
{
    SegmentHeader h;
    h.src = ep("server2");
    h.dst = ep("client2");
    h.flags = flagsOf("FIN+PSH+ACK");
    h.seqAbs = 4294967295u;
    h.ackAbs = 7;
    h.len = 1460;
    h.win = 65535;
    Event e = makeSegment(123456789, h, 1000, 5, 123456999);
    setOptions(e, "mss=65495,sackOK,ts,wscale=7");
    e.rtx = true;
    e.tReleased = 123457000;
    e.line = 12;
    return e;
}

const char *const kSyn = R"({"t":0,"type":"segment","src":"client","dst":"server","flags":"SYN"})";

} // namespace

class TestJsonl : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // The old reader threw std::out_of_range out of std::stoll, which ended the app.
    void tooLargeIntegerIsAnError()
    {
        Trace t;
        QString error;
        QVERIFY(!read(R"({"type":"note","t":99999999999999999999,"text":"x"})", t, error));
        QCOMPARE(error, QStringLiteral("line 1: t: 1e+20 is out of range 0..9223372036854775807"));
    }

    // The old reader encoded each half of a surrogate pair on its own (invalid UTF-8).
    void surrogatePairDecodesToUtf8()
    {
        Trace t;
        QString error;
        QVERIFY2(read(R"({"t":0,"type":"note","text":"a\ud83d\ude00b"})", t, error), qPrintable(error));
        QCOMPARE(t.events.size(), std::size_t(1));
        QCOMPARE(QByteArray::fromStdString(t.events[0].text), QByteArray("a\xF0\x9F\x98\x80" "b"));
    }

    // The old reader cast to the field's type, so -5 became 4294967291.
    void outOfRangeIsAnError_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("error");
        const QString syn = QString::fromLatin1(kSyn);
        QTest::newRow("negative seq")
            << syn + "\n" + syn + "\n" + R"({"t":0,"type":"segment","src":"client","dst":"server","seq":-5})"
            << "line 3: seq: -5 is out of range 0..4294967295";
        QTest::newRow("len over 32 bits")
            << R"({"t":0,"type":"segment","src":"client","dst":"server","len":5000000000})"
            << "line 1: len: 5000000000 is out of range 0..4294967295";
        QTest::newRow("win 2^32")
            << R"({"t":0,"type":"segment","src":"client","dst":"server","win":4294967296})"
            << "line 1: win: 4294967296 is out of range 0..4294967295";
        QTest::newRow("line over int")
            << R"({"t":0,"type":"note","text":"x","line":2147483648})"
            << "line 1: line: 2147483648 is out of range 0..2147483647";
    }
    void outOfRangeIsAnError()
    {
        QFETCH(QString, input);
        QFETCH(QString, error);
        Trace t;
        QString why;
        QVERIFY(!read(input, t, why));
        QCOMPARE(why, error);
    }

    void refused_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("error");
        QTest::newRow("time as a word")
            << R"({"t":"zero","type":"note","text":"x"})" << R"(line 1: t: "zero" is not an integer)";
        QTest::newRow("bool as a string")
            << R"({"t":0,"type":"segment","src":"client","dst":"server","rtx":"false"})"
            << R"(line 1: rtx: "false" is not true or false)";
        QTest::newRow("call without ep")
            << R"({"t":0,"type":"call","call":"connect","result":"0"})" << "line 1: ep: missing";
        QTest::newRow("state without ep")
            << R"({"t":0,"type":"state","from":"CLOSED","to":"LISTEN"})" << "line 1: ep: missing";
        QTest::newRow("timer without ep")
            << R"({"t":0,"type":"timer","timer":"retransmit","action":"armed","deadline":5})"
            << "line 1: ep: missing";
        QTest::newRow("no such state")
            << R"({"t":0,"type":"state","ep":"client","from":"FIN_WAIT_2","to":"ITMED_WAIT"})"
            << R"(line 1: to: "ITMED_WAIT" is not one of the eleven TCP states)";
        QTest::newRow("negative time")
            << R"({"t":-1,"type":"note","text":"x"})"
            << "line 1: t: -1 is out of range 0..9223372036854775807";
        QTest::newRow("INT64_MIN time")
            << R"({"t":-9223372036854775808,"type":"note","text":"x"})"
            << "line 1: t: -9223372036854775808 is out of range 0..9223372036854775807";
        QTest::newRow("negative arrival")
            << R"({"t":0,"type":"segment","src":"client","dst":"server","t_arrive":-5})"
            << "line 1: t_arrive: -5 is out of range 0..9223372036854775807 (-1 or null: no time)";
        QTest::newRow("INT64_MIN deadline")
            << R"({"t":0,"type":"timer","ep":"client","timer":"time-wait","action":"armed","deadline":-9223372036854775808})"
            << "line 1: deadline: -9223372036854775808 is out of range 0..9223372036854775807 "
               "(-1 or null: no time)";
        QTest::newRow("unknown call")
            << R"({"t":0,"type":"call","ep":"client","call":"conect","result":"0"})"
            << "line 1: call: \"conect\" is not a call (listen, connect, accept, send, recv, "
               "shutdown, close, abort, exit)";
        QTest::newRow("unknown endpoint")
            << R"({"t":0,"type":"state","ep":"clinet","from":"CLOSED","to":"LISTEN"})"
            << "line 1: ep: \"clinet\" is not an endpoint (client, server, client2, listener ...)";
        QTest::newRow("unknown flag")
            << R"({"t":0,"type":"segment","src":"client","dst":"server","flags":"SYN+FOO"})"
            << "line 1: flags: \"SYN+FOO\" is not TCP flags such as SYN+ACK";
        QTest::newRow("timer without a name")
            << R"({"t":0,"type":"timer","ep":"client","action":"armed"})"
            << "line 1: timer: missing";
        QTest::newRow("unknown source")
            << R"({"t":0,"type":"state","ep":"client","from":"CLOSED","to":"LISTEN","source":"guessed"})"
            << "line 1: source: \"guessed\" is not simulated, kernel or inferred";
        QTest::newRow("empty file") << "" << "the trace has no events";
        QTest::newRow("blank lines only") << "\n  \n\r\n" << "the trace has no events";
    }
    void refused()
    {
        QFETCH(QString, input);
        QFETCH(QString, error);
        Trace t;
        QString why;
        QVERIFY(!read(input, t, why));
        QCOMPARE(why, error);
    }

    // kNoTime is legal where the writer writes it (null) or an older file has -1.
    void noTimeWhereDocumented()
    {
        Trace t;
        QString error;
        QVERIFY2(read(R"({"t":0,"type":"segment","src":"client","dst":"server","t_arrive":null})"
                      "\n"
                      R"({"t":0,"type":"segment","src":"client","dst":"server","t_arrive":-1})"
                      "\n"
                      R"({"t":0,"type":"timer","ep":"client","timer":"time-wait","action":"armed","deadline":null})"
                      "\n"
                      R"({"t":0,"type":"call","ep":"client","call":"connect","t_end":-1})",
                      t, error),
                 qPrintable(error));
        QCOMPARE(t.events.size(), std::size_t(4));
        QCOMPARE(t.events[0].tArrive, kNoTime);
        QCOMPARE(t.events[1].tArrive, kNoTime);
        QCOMPARE(t.events[2].deadline, kNoTime);
        QCOMPARE(t.events[3].tEnd, kNoTime);
    }

    // What the writer leaves out (arg -1, t_end, line 0) or a hand-written file omits reads back
    // as Event's default, not as 0.
    void omittedFieldsKeepDefaults()
    {
        Trace t;
        QString error;
        QVERIFY2(read(R"({"t":0,"type":"call","ep":"server","call":"listen","result":"0"})"
                      "\n"
                      R"({"t":3,"type":"segment","src":"client","dst":"server"})",
                      t, error),
                 qPrintable(error));
        QCOMPARE(t.events.size(), std::size_t(2));
        QVERIFY2(t.events[0] == makeCall(0, "server", "listen", -1, "0"), toJson(t.events[0]).c_str());
        Event seg;
        seg.type = EventType::Segment;
        seg.t = 3;
        seg.src = ep("client");
        seg.dst = ep("server");
        QVERIFY2(t.events[1] == seg, toJson(t.events[1]).c_str());
    }

    // Kernel spellings are read as the RFC's names: the trace holds one spelling per state.
    void kernelStateSpellings()
    {
        Trace t;
        QString error;
        QVERIFY2(read(R"({"t":0,"type":"state","ep":"server","from":"SYN_RECV","to":"FIN_WAIT1"})",
                      t, error),
                 qPrintable(error));
        QCOMPARE(QString::fromUtf8(tcp::stateName(t.events[0].from)), QStringLiteral("SYN_RECEIVED"));
        QCOMPARE(QString::fromUtf8(tcp::stateName(t.events[0].to)), QStringLiteral("FIN_WAIT_1"));
    }

    // Byte for byte what the hand-written writer produced: key order, omissions, numbers.
    void writerBytesUnchanged()
    {
        Event call = makeCall(10, "client", "recv", 100, "EOF");
        call.tEnd = 2000;
        call.line = 7;
        QCOMPARE(jsonOf(call), QStringLiteral(R"({"t":10,"type":"call","ep":"client","call":"recv",)"
                                            R"("arg":100,"result":"EOF","t_end":2000,"line":7})"));
        QCOMPARE(jsonOf(makeCall(0, "server", "listen", -1, "0")),
                 QStringLiteral(R"({"t":0,"type":"call","ep":"server","call":"listen","result":"0"})"));
        Event seg;
        seg.type = EventType::Segment;
        seg.t = 9223372036854775807;
        seg.src = ep("server");
        seg.dst = ep("client");
        seg.flags = flagsOf("RST+ACK");
        seg.seq = 4294967295u;
        seg.ack = 1;
        seg.seqAbs = 4294967295u;
        seg.ackAbs = 2;
        seg.len = 3;
        seg.win = 4;
        seg.options = "mss=1460,sackOK";
        seg.dropped = true;
        seg.rtx = true;
        QCOMPARE(jsonOf(seg),
                 QStringLiteral(R"({"t":9223372036854775807,"type":"segment","src":"server",)"
                                R"("dst":"client","flags":"RST+ACK","seq":4294967295,"ack":1,)"
                                R"("seq_abs":4294967295,"ack_abs":2,"len":3,"win":4,)"
                                R"("options":"mss=1460,sackOK","fate":"dropped","rtx":true,)"
                                R"("t_arrive":null})"));
        QCOMPARE(jsonOf(makeState(5, "client", "CLOSED", "SYN_SENT", "connect / snd SYN", "simulated")),
                 QStringLiteral(R"({"t":5,"type":"state","ep":"client","from":"CLOSED",)"
                                R"("to":"SYN_SENT","cause":"connect / snd SYN","source":"simulated"})"));
        QCOMPARE(jsonOf(makeTimer(6, "server", "retransmit", "cancelled", kNoTime)),
                 QStringLiteral(R"({"t":6,"type":"timer","ep":"server","timer":"retransmit",)"
                                R"("action":"cancelled","deadline":null})"));
        QCOMPARE(jsonOf(makeTimer(6, "server", "time-wait", "armed", 60000006)),
                 QStringLiteral(R"({"t":6,"type":"timer","ep":"server","timer":"time-wait",)"
                                R"("action":"armed","deadline":60000006})"));
        QCOMPARE(jsonOf(makeNote(0, "q\" b\\ t\t n\n r\r c\x01 d\x7f 中文 /")),
                 QString::fromUtf8("{\"t\":0,\"type\":\"note\",\"text\":"
                                   "\"q\\\" b\\\\ t\\t n\\n r\\r c\\u0001 d\x7f 中文 /\"}"));
    }

    // Issue 12: a segment the live lab held in its queue carries when it was released, after
    // t_arrive; one never held (every file written before) has no such key and reads back as
    // never held.
    void heldSegmentKeepsItsRelease()
    {
        Event seg;
        seg.type = EventType::Segment;
        seg.t = 371;
        seg.src = ep("client");
        seg.dst = ep("server");
        seg.flags = flagsOf("SYN");
        seg.tArrive = 435;
        seg.tReleased = 435;
        const QString line = jsonOf(seg);
        QVERIFY2(line.endsWith(QStringLiteral(R"("rtx":false,"t_arrive":435,"t_released":435})")),
                 qPrintable(line));
        Trace t;
        QString error;
        QVERIFY2(read(line + QStringLiteral("\n") + QString::fromLatin1(kSyn), t, error),
                 qPrintable(error));
        QCOMPARE(t.events.size(), std::size_t(2));
        QVERIFY2(t.events[0] == seg, toJson(t.events[0]).c_str());
        QCOMPARE(t.events[1].tReleased, kNoTime);
        seg.tReleased = kNoTime;
        QVERIFY2(!jsonOf(seg).contains(QStringLiteral("t_released")), qPrintable(jsonOf(seg)));
        // A dropped segment was released by its drop: no arrival, a release.
        seg.dropped = true;
        seg.tArrive = kNoTime;
        seg.tReleased = 500;
        QVERIFY(jsonOf(seg).endsWith(QStringLiteral(R"("t_arrive":null,"t_released":500})")));
    }

    // The one deliberate change: backspace and form feed use JSON's short escapes (nlohmann's
    // choice; the old writer wrote \u0008 and \u000c). Both read back the same.
    void backspaceAndFormFeedUseShortEscapes()
    {
        QCOMPARE(jsonOf(makeNote(0, "\b\f")), QStringLiteral(R"({"t":0,"type":"note","text":"\b\f"})"));
    }

    // A string that is not UTF-8 cannot be written as JSON: the writer substitutes U+FFFD
    // rather than throw out of the helper or write a line no reader accepts.
    void invalidUtf8IsReplacedNotThrown()
    {
        const std::string line = toJson(makeNote(0, "a\xff" "b"));
        QCOMPARE(QByteArray::fromStdString(line),
                 QByteArray(R"({"t":0,"type":"note","text":"a)" "\xEF\xBF\xBD" R"(b"})"));
        std::istringstream in(line);
        Trace t;
        std::string error;
        QVERIFY2(readJsonl(in, t, error), error.c_str());
    }

    void labdControlLinesUnchanged()
    {
        QCOMPARE(QString::fromStdString(labdReadyLine()),
                 QStringLiteral(R"({"type":"ready","netns":"private"})"));
        QCOMPARE(QString::fromStdString(labdReplyLine(3, true, "0", "")),
                 QStringLiteral(R"({"type":"reply","line":3,"ok":true,"result":"0","message":""})"));
        QCOMPARE(QString::fromStdString(labdDoneLine(false, 12, "line 12: \"expect\" failed")),
                 QStringLiteral("{\"type\":\"done\",\"ok\":false,\"line\":12,"
                                "\"message\":\"line 12: \\\"expect\\\" failed\"}"));
        QCOMPARE(QString::fromStdString(labdErrorLine("no\tnamespace")),
                 QStringLiteral(R"({"type":"error","message":"no\tnamespace"})"));
    }

    // A note the program writes carries its message (template and arguments, for the views to
    // translate) after the English text; it reads back the same.
    void noteMessageRoundTrip()
    {
        Event note = makeNote(7, message("did not hold: %1",
                                         message("line %1: %2", "4", word("it is %2 100%"))));
        note.line = 4;
        const QString line = jsonOf(note);
        QCOMPARE(line, QStringLiteral(R"({"t":7,"type":"note","text":"did not hold: line 4: )"
                                      R"(it is %2 100%","message":{"template":"did not hold: %1",)"
                                      R"("args":[{"template":"line %1: %2","args":["4",)"
                                      R"("it is %2 100%"]}]},"line":4})"));
        Trace t;
        QString error;
        QVERIFY2(read(line, t, error), qPrintable(error));
        QCOMPARE(t.events.size(), std::size_t(1));
        QVERIFY(t.events[0] == note);
        QCOMPARE(t.events[0].message().english(), note.text.str());
    }

    // A trace written before notes had a message (or a note a user wrote) is read as it was:
    // its text, no message.
    void oldNoteHasNoMessage()
    {
        Trace t;
        QString error;
        QVERIFY2(read(R"({"t":0,"type":"note","text":"fault: drop next client->server","line":3})",
                      t, error),
                 qPrintable(error));
        QCOMPARE(QString::fromStdString(t.events.at(0).text),
                 QStringLiteral("fault: drop next client->server"));
        QVERIFY(t.events.at(0).message().empty());
    }

    void badMessageRefused_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("error");
        QTest::newRow("not an object")
            << R"({"t":0,"type":"note","text":"x","message":"x"})"
            << R"(line 1: message: "x" is not a message {"template":...,"args":[...]})";
        QTest::newRow("no template")
            << R"({"t":0,"type":"note","text":"x","message":{"args":[]}})"
            << R"(line 1: message: a message needs a "template" string)";
        QTest::newRow("ten arguments")
            << R"({"t":0,"type":"note","text":"x","message":{"template":"%1",)"
               R"("args":["1","2","3","4","5","6","7","8","9","10"]}})"
            << R"(line 1: message: "args" is not an array of at most 9 strings and messages)";
        QTest::newRow("argument a number")
            << R"({"t":0,"type":"note","text":"x","message":{"template":"%1","args":[1]}})"
            << R"(line 1: message: 1 is not a message {"template":...,"args":[...]})";
        QString deep = QStringLiteral(R"("x")");
        for (int i = 0; i < 9; ++i)
            deep = QStringLiteral(R"({"template":"%1","args":[)") + deep + QStringLiteral("]}");
        QTest::newRow("nested nine deep")
            << QStringLiteral(R"({"t":0,"type":"note","text":"x","message":%1})").arg(deep)
            << R"(line 1: message: messages nested more than 8 deep)";
    }

    void badMessageRefused()
    {
        QFETCH(QString, line);
        QFETCH(QString, error);
        Trace t;
        QString why;
        QVERIFY(!read(line, t, why));
        QCOMPARE(why, error);
    }

    // A reply or done line carries the why as a message for the app; "message" stays English.
    void labdWhyRoundTrip()
    {
        const Message why = message("expected %1 %2, is %3", "server", "CLOSE_WAIT", "ESTABLISHED");
        const std::string done = labdDoneLine(false, 12, "line 12: " + why.english(), why);
        QCOMPARE(QString::fromStdString(done),
                 QStringLiteral(R"({"type":"done","ok":false,"line":12,"message":"line 12: )"
                                R"(expected server CLOSE_WAIT, is ESTABLISHED","why":{"template":)"
                                R"("expected %1 %2, is %3","args":["server","CLOSE_WAIT",)"
                                R"("ESTABLISHED"]}})"));
        LabdMessage m = parseLabdLine(done);
        QCOMPARE(int(m.kind), int(LabdMessage::Done));
        QVERIFY(m.why == why);
        m = parseLabdLine(labdReplyLine(3, false, "", "x", why));
        QCOMPARE(int(m.kind), int(LabdMessage::Reply));
        QVERIFY(m.why == why);
        // From a helper that sends no why: none.
        QVERIFY(parseLabdLine(R"({"type":"done","ok":false,"line":2,"message":"m"})").why.empty());
    }

    // Issue 13: every kind of event, with and without each field the writer may leave out,
    // reads back as the same event and writes back as the same bytes.
    void roundTrip_data()
    {
        QTest::addColumn<Event>("event");
        Event call = makeCall(10, "client", "recv", 100, "EOF");
        call.tEnd = 2000;
        call.line = 7;
        QTest::newRow("call, every field") << call;
        QTest::newRow("call, arg 0") << makeCall(0, "server", "send", 0, "0");
        QTest::newRow("call, no arg") << makeCall(0, "server", "listen", -1, "0");
        QTest::newRow("call, empty result") << makeCall(5, "listener", "accept", -1, "");
        QTest::newRow("call, client255") << makeCall(5, "client255", "abort", -1, "ECONNRESET");
        QTest::newRow("segment, every field") << fullSegment();
        Event dropped = fullSegment();
        dropped.tArrive = kNoTime;
        dropped.dropped = true;
        dropped.tReleased = kNoTime;
        dropped.rtx = false;
        dropped.line = 0;
        QTest::newRow("segment, dropped, never held") << dropped;
        Event none = fullSegment();
        none.flags = 0;
        setOptions(none, "");
        QTest::newRow("segment, no flags, no options") << none;
        Event maxTime = fullSegment();
        maxTime.t = 9223372036854775807;
        QTest::newRow("segment, the largest time") << maxTime;
        QTest::newRow("state, simulated")
            << makeState(5, "client", "CLOSED", "SYN_SENT", "connect / snd SYN", "simulated");
        QTest::newRow("state, kernel")
            << makeState(5, "server", "SYN_RECEIVED", "ESTABLISHED", "", "kernel");
        QTest::newRow("state, inferred")
            << makeState(5, "server2", "TIME_WAIT", "CLOSED", "2MSL timeout", "inferred");
        QTest::newRow("timer, armed") << makeTimer(6, "server", "time-wait", "armed", 60000006);
        QTest::newRow("timer, no deadline")
            << makeTimer(6, "client", "retransmit", "cancelled", kNoTime);
        QTest::newRow("timer, fired") << makeTimer(6, "client", "delayed-ack", "fired", 0);
        Event note = makeNote(3, "lost: the final ACK");
        note.line = 9;
        QTest::newRow("note") << note;
        QTest::newRow("note, empty") << makeNote(0, "");
        QTest::newRow("note with a message")
            << makeNote(4, message("fault: %1", word("drop next client->server")));
    }
    void roundTrip()
    {
        QFETCH(Event, event);
        Trace t;
        t.events = {event, event};
        const std::string text = written(t);
        std::istringstream in(text);
        Trace back;
        std::string error;
        QVERIFY2(readJsonl(in, back, error), error.c_str());
        QCOMPARE(back.events.size(), std::size_t(2));
        QVERIFY2(back.events[0] == event, toJson(back.events[0]).c_str());
        QVERIFY2(back.events[1] == event, toJson(back.events[1]).c_str());
        QCOMPARE(QString::fromStdString(written(back)), QString::fromStdString(text));
    }

    // The writer's own lines are read in one pass, which is several times faster than the
    // general way (issue 13), and read as the same events.
    void writerLinesReadInOnePass_data() { roundTrip_data(); }
    void writerLinesReadInOnePass()
    {
        QFETCH(Event, event);
        const std::string line = toJson(event);
        Event fast;
        const bool inOnePass = json::eventFromWriterLine(line, fast);
        // A note's message is a nested object: the general way reads it.
        QCOMPARE(inOnePass, line.find(R"("message":{)") == std::string::npos);
        json::Object object;
        Event general;
        std::string why;
        QVERIFY2(object.parse(line, why) && json::eventFromObject(object, general, why),
                 why.c_str());
        QVERIFY(general == event);
        if (inOnePass)
            QVERIFY2(fast == event, toJson(fast).c_str());
    }

    // The reader takes what JSON allows, not only what the writer writes: keys in any order,
    // unknown keys, whitespace anywhere, escapes, old spellings. Each line reads as the event
    // the writer then writes as the second column.
    void otherFormsReadTheSame_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("written");
        const QString syn = QStringLiteral(
            R"({"t":0,"type":"segment","src":"client","dst":"server","flags":"SYN","seq":0,)"
            R"("ack":0,"seq_abs":1000,"ack_abs":0,"len":0,"win":65535,"options":"mss=1460",)"
            R"("fate":"delivered","rtx":false,"t_arrive":5000})");
        QTest::newRow("writer's order") << syn << syn;
        QTest::newRow("keys reversed")
            << R"({"t_arrive":5000,"rtx":false,"fate":"delivered","options":"mss=1460",)"
               R"("win":65535,"len":0,"ack_abs":0,"seq_abs":1000,"ack":0,"seq":0,"flags":"SYN",)"
               R"("dst":"server","src":"client","type":"segment","t":0})"
            << syn;
        QTest::newRow("type first")
            << R"({"type":"segment","t":0,"src":"client","dst":"server","flags":"SYN","seq":0,)"
               R"("ack":0,"seq_abs":1000,"ack_abs":0,"len":0,"win":65535,"options":"mss=1460",)"
               R"("fate":"delivered","rtx":false,"t_arrive":5000})"
            << syn;
        QTest::newRow("last two swapped")
            << R"({"t":0,"type":"segment","src":"client","dst":"server","flags":"SYN","seq":0,)"
               R"("ack":0,"seq_abs":1000,"ack_abs":0,"len":0,"win":65535,"options":"mss=1460",)"
               R"("fate":"delivered","t_arrive":5000,"rtx":false})"
            << syn;
        QTest::newRow("whitespace everywhere")
            << " \t{ \"t\" : 0 ,\t\"type\":\"segment\", \"src\" :\"client\",\"dst\":\"server\" ,"
               "\"flags\":\"SYN\",\"seq\":0,\"ack\":0,\"seq_abs\":1000,\"ack_abs\":0,\"len\":0,"
               "\"win\":65535,\"options\":\"mss=1460\",\"fate\":\"delivered\",\"rtx\": false ,"
               "\"t_arrive\":5000 } \t"
            << syn;
        QTest::newRow("CRLF line end") << syn + QStringLiteral("\r") << syn;
        QTest::newRow("unknown keys")
            << R"({"t":0,"type":"segment","src":"client","dst":"server","flags":"SYN","seq":0,)"
               R"("ack":0,"seq_abs":1000,"ack_abs":0,"len":0,"win":65535,"options":"mss=1460",)"
               R"("fate":"delivered","rtx":false,"t_arrive":5000,"ttl":64,"why":{"a":[1,2.5]}})"
            << syn;
        QTest::newRow("unknown key in the middle")
            << R"({"t":0,"type":"segment","src":"client","dst":"server","flags":"SYN","seq":0,)"
               R"("ack":0,"seq_abs":1000,"ack_abs":0,"ttl":64,"len":0,"win":65535,)"
               R"("options":"mss=1460","fate":"delivered","rtx":false,"t_arrive":5000})"
            << syn;
        QTest::newRow("a key twice: the last")
            << R"({"t":0,"type":"segment","src":"client","dst":"server","flags":"SYN","seq":0,)"
               R"("ack":0,"seq_abs":1000,"ack_abs":0,"len":0,"win":65535,"options":"mss=1460",)"
               R"("fate":"delivered","rtx":false,"t_arrive":5000,"seq":0})"
            << syn;
        QTest::newRow("escaped key")
            << R"({"t":0,"t\u0079pe":"segment","src":"client","dst":"server","flags":"SYN",)"
               R"("seq":0,"ack":0,"seq_abs":1000,"ack_abs":0,"len":0,"win":65535,)"
               R"("options":"mss\u003d1460","fate":"delivered","rtx":false,"t_arrive":5000})"
            << syn;
        QTest::newRow("flags in another order")
            << R"({"t":0,"type":"segment","src":"client","dst":"server","flags":"ACK+SYN"})"
            << R"({"t":0,"type":"segment","src":"client","dst":"server","flags":"SYN+ACK",)"
               R"("seq":0,"ack":0,"seq_abs":0,"ack_abs":0,"len":0,"win":0,"options":"",)"
               R"("fate":"delivered","rtx":false,"t_arrive":null})";
        QTest::newRow("-1 for no time, flags none")
            << R"({"t":0,"type":"segment","src":"client","dst":"server","flags":"none","seq":0,)"
               R"("ack":0,"seq_abs":1000,"ack_abs":0,"len":0,"win":65535,"options":"mss=1460",)"
               R"("fate":"dropped","rtx":false,"t_arrive":-1,"t_released":-1})"
            << R"({"t":0,"type":"segment","src":"client","dst":"server","flags":"none","seq":0,)"
               R"("ack":0,"seq_abs":1000,"ack_abs":0,"len":0,"win":65535,"options":"mss=1460",)"
               R"("fate":"dropped","rtx":false,"t_arrive":null})";
        QTest::newRow("-0 and arg -1")
            << R"({"t":-0,"type":"call","ep":"client","call":"connect","arg":-1,"result":"0"})"
            << R"({"t":0,"type":"call","ep":"client","call":"connect","result":"0"})";
        QTest::newRow("kernel spellings in the writer's order")
            << R"({"t":1,"type":"state","ep":"server","from":"SYN_RECV","to":"FIN_WAIT1",)"
               R"("cause":"","source":"kernel"})"
            << R"({"t":1,"type":"state","ep":"server","from":"SYN_RECEIVED","to":"FIN_WAIT_1",)"
               R"("cause":"","source":"kernel"})";
        QTest::newRow("state without cause and source")
            << R"({"to":"LISTEN","from":"CLOSED","ep":"server","type":"state","t":0})"
            << R"({"t":0,"type":"state","ep":"server","from":"CLOSED","to":"LISTEN","cause":"",)"
               R"("source":"simulated"})";
        QTest::newRow("timer, keys reversed")
            << R"({"deadline":null,"action":"fired","timer":"time-wait","ep":"client",)"
               R"("type":"timer","t":60000000,"line":3})"
            << R"({"t":60000000,"type":"timer","ep":"client","timer":"time-wait",)"
               R"("action":"fired","deadline":null,"line":3})";
        QTest::newRow("note, line first") << R"({"line":2,"text":"x","type":"note","t":5})"
                                          << R"({"t":5,"type":"note","text":"x","line":2})";
        QTest::newRow("note, message before text")
            << R"({"t":4,"type":"note","message":{"args":["a"],"template":"f: %1"},)"
               R"("text":"f: a"})"
            << R"({"t":4,"type":"note","text":"f: a","message":{"template":"f: %1",)"
               R"("args":["a"]}})";
        QTest::newRow("escapes other writers use")
            << "{\"t\":0,\"type\":\"note\",\"text\":"
               "\"\\u00e9\\u4E2D\\/\\ud83d\\ude00 \\u0041\\\"\\\\\\b\\f\\n\\r\\t\\u001f\"}"
            << QString::fromUtf8("{\"t\":0,\"type\":\"note\",\"text\":"
                                 "\"é中/😀 A\\\"\\\\\\b\\f\\n\\r\\t\\u001f\"}");
    }
    void otherFormsReadTheSame()
    {
        QFETCH(QString, input);
        QFETCH(QString, written);
        Trace t;
        QString error;
        QVERIFY2(read(input, t, error), qPrintable(error));
        QCOMPARE(t.events.size(), std::size_t(1));
        QCOMPARE(jsonOf(t.events[0]), written);
    }

    // Strings keep every byte through a write and a read: quotes, backslashes, control
    // characters, UTF-8 of every length, in each string field of each event.
    void escapesRoundTrip_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QByteArray>("quoted");
        QTest::newRow("plain") << QByteArray("mss=1460") << QByteArray(R"("mss=1460")");
        QTest::newRow("empty") << QByteArray("") << QByteArray(R"("")");
        QTest::newRow("quote and backslash")
            << QByteArray("say \"hi\" \\ bye\\") << QByteArray("\"say \\\"hi\\\" \\\\ bye\\\\\"");
        QTest::newRow("short escapes")
            << QByteArray("\b\f\n\r\t") << QByteArray(R"("\b\f\n\r\t")");
        QTest::newRow("other control characters")
            << QByteArray("\x01\x1f\x7f", 3) << QByteArray("\"\\u0001\\u001f\x7f\"");
        QTest::newRow("NUL") << QByteArray("a\0b", 3) << QByteArray(R"("a\u0000b")");
        QTest::newRow("slash stays") << QByteArray("a/b") << QByteArray(R"("a/b")");
        QTest::newRow("UTF-8, 2 to 4 bytes")
            << QByteArray("\xC3\xA9 \xE4\xB8\xAD\xE6\x96\x87 \xF0\x9F\x98\x80")
            << QByteArray("\"\xC3\xA9 \xE4\xB8\xAD\xE6\x96\x87 \xF0\x9F\x98\x80\"");
        QTest::newRow("UTF-8 next to escapes")
            << QByteArray("\xE4\xB8\xAD\"\n\xE6\x96\x87")
            << QByteArray("\"\xE4\xB8\xAD\\\"\\n\xE6\x96\x87\"");
    }
    void escapesRoundTrip()
    {
        QFETCH(QByteArray, text);
        QFETCH(QByteArray, quoted);
        const std::string s = text.toStdString();
        Event seg = fullSegment();
        setOptions(seg, s);
        Trace t;
        t.events = {makeCall(1, "client", "recv", 5, s),
                    seg,
                    makeState(2, "client", "CLOSED", "SYN_SENT", s, "simulated"),
                    makeNote(3, s),
                    makeNote(4, message("%1", word(s)))};
        const std::string text1 = written(t);
        QVERIFY2(text1.find(":" + quoted.toStdString() + ",") != std::string::npos, text1.c_str());
        std::istringstream in(text1);
        Trace back;
        std::string error;
        QVERIFY2(readJsonl(in, back, error), error.c_str());
        QCOMPARE(back.events.size(), t.events.size());
        for (std::size_t i = 0; i < t.events.size(); ++i)
            QVERIFY2(back.events[i] == t.events[i], toJson(back.events[i]).c_str());
    }

    // A line that looks like the writer's but differs in one value is refused with the same
    // words as any other line, naming the right line after lines that were fine.
    void refusedAmongGoodLines_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("error");
        const auto seg = [](const char *seq, const char *flags, const char *options,
                            const char *fate, const char *rtx) {
            return QStringLiteral(R"({"t":0,"type":"segment","src":"client","dst":"server",)"
                                  R"("flags":%1,"seq":%2,"ack":0,"seq_abs":1000,"ack_abs":0,)"
                                  R"("len":0,"win":65535,"options":%3,"fate":%4,"rtx":%5,)"
                                  R"("t_arrive":5000})")
                .arg(QString::fromUtf8(flags), QString::fromUtf8(seq), QString::fromUtf8(options),
                     QString::fromUtf8(fate), QString::fromUtf8(rtx));
        };
        QTest::newRow("seq over 32 bits")
            << seg("4294967296", R"("SYN")", R"("")", R"("delivered")", "false")
            << "line 3: seq: 4294967296 is out of range 0..4294967295";
        QTest::newRow("seq a fraction")
            << seg("1.0", R"("SYN")", R"("")", R"("delivered")", "false")
            << "line 3: seq: 1.0 is not an integer";
        QTest::newRow("seq a leading zero")
            << seg("01", R"("SYN")", R"("")", R"("delivered")", "false")
            << "line 3: column 76: syntax error while parsing object - unexpected number "
               "literal; expected '}'";
        QTest::newRow("seq negative")
            << seg("-1", R"("SYN")", R"("")", R"("delivered")", "false")
            << "line 3: seq: -1 is out of range 0..4294967295";
        QTest::newRow("unknown flag")
            << seg("0", R"("SYN+FOO")", R"("")", R"("delivered")", "false")
            << R"(line 3: flags: "SYN+FOO" is not TCP flags such as SYN+ACK)";
        QTest::newRow("flags a number")
            << seg("0", "2", R"("")", R"("delivered")", "false")
            << "line 3: flags: 2 is not a string";
        QTest::newRow("options a number")
            << seg("0", R"("SYN")", "1460", R"("delivered")", "false")
            << "line 3: options: 1460 is not a string";
        QTest::newRow("unknown fate")
            << seg("0", R"("SYN")", R"("")", R"("lost")", "false")
            << R"(line 3: fate: "lost" is not "delivered" or "dropped")";
        QTest::newRow("rtx a string")
            << seg("0", R"("SYN")", R"("")", R"("delivered")", R"("false")")
            << R"(line 3: rtx: "false" is not true or false)";
        QTest::newRow("rtx misspelt")
            << seg("0", R"("SYN")", R"("")", R"("delivered")", "flase")
            << "line 3: column 171: syntax error while parsing value - invalid literal; last "
               "read: '\"rtx\":fl'";
        QTest::newRow("a tab in a string")
            << seg("0", R"("SYN")", "\"a\tb\"", R"("delivered")", "false")
            << "line 3: column 144: syntax error while parsing value - invalid string: control "
               "character U+0009 (HT) must be escaped to \\u0009 or \\t; last read: '\"a<U+0009>'";
        QTest::newRow("a lone surrogate")
            << R"({"t":0,"type":"note","text":"a\ud800b"})"
            << "line 3: column 37: syntax error while parsing value - invalid string: surrogate "
               "U+D800..U+DBFF must be followed by U+DC00..U+DFFF; last read: '\"a\\ud800b'";
        QTest::newRow("unknown endpoint")
            << R"({"t":0,"type":"call","ep":"client1","call":"connect","result":"0"})"
            << R"(line 3: ep: "client1" is not an endpoint (client, server, client2, )"
               R"(listener ...))";
        QTest::newRow("arg below -1")
            << R"({"t":0,"type":"call","ep":"client","call":"connect","arg":-2,"result":"0"})"
            << "line 3: arg: -2 is out of range -1..9223372036854775807";
        QTest::newRow("line over int")
            << R"({"t":0,"type":"note","text":"x","line":2147483648})"
            << "line 3: line: 2147483648 is out of range 0..2147483647";
        QTest::newRow("no closing brace")
            << R"({"t":0,"type":"note","text":"x")"
            << "line 3: column 32: syntax error while parsing object - unexpected end of input; "
               "expected '}'";
        QTest::newRow("something after the object")
            << R"({"t":0,"type":"note","text":"x"} x)"
            << "line 3: column 34: syntax error while parsing value - invalid literal; last read: "
               "'\"x\"} x'; expected end of input";
        QTest::newRow("two objects")
            << R"({"t":0,"type":"note","text":"x"}{})"
            << "line 3: column 33: syntax error while parsing value - unexpected '{'; expected "
               "end of input";
        QTest::newRow("not an object") << "[1]" << "line 3: not a JSON object";
        QTest::newRow("unknown type")
            << R"({"t":0,"type":"notes","text":"x"})"
            << R"(line 3: type: "notes" is not call, segment, state, timer or note)";
    }
    void refusedAmongGoodLines()
    {
        QFETCH(QString, line);
        QFETCH(QString, error);
        Trace t;
        t.events = {makeNote(0, "first"), fullSegment()};
        const QString good = QString::fromStdString(written(t));
        Trace back;
        QString why;
        QVERIFY(!read(good + line + QStringLiteral("\n") + good, back, why));
        QCOMPARE(why, error);
    }

    // Bytes that are not UTF-8 in a string are refused as nlohmann refuses them, after good
    // lines too.
    void badUtf8AmongGoodLines()
    {
        Trace t;
        t.events = {makeNote(0, "first"), fullSegment()};
        const std::string good = written(t);
        for (const char *bad :
             {"caf\xff", "\xe4\xb8", "\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80"}) {
            const std::string line = std::string("{\"t\":0,\"type\":\"note\",\"text\":\"") + bad;
            std::istringstream in(good + line + "\"}\n" + good);
            Trace back;
            std::string error;
            QVERIFY(!readJsonl(in, back, error));
            QVERIFY2(error.rfind("line 3: column ", 0) == 0, error.c_str());
            QVERIFY2(error.find("invalid string: ill-formed UTF-8 byte") != std::string::npos,
                     error.c_str());
        }
    }

    // The reader takes the stream in blocks: a line longer than a block, lines across block
    // boundaries, blank lines, no newline at the end and CRLF all read as line by line.
    void linesOfAnyLength()
    {
        const std::string longText(3'000'000, 'x');
        Trace t;
        for (int i = 0; i < 20'000; ++i)
            t.events.push_back(i % 3 ? fullSegment() : makeNote(i, std::string(i % 200, 'n')));
        t.events.insert(t.events.begin() + 7'000, makeNote(1, longText));
        std::string text = written(t);
        text.insert(0, "\n \n");
        std::string crlf;
        for (const char c : text)
            crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
        for (const std::string &input : {text, crlf, text.substr(0, text.size() - 1)}) {
            std::istringstream in(input);
            Trace back;
            std::string error;
            QVERIFY2(readJsonl(in, back, error), error.c_str());
            QCOMPARE(back.events.size(), t.events.size());
            QVERIFY(back.events == t.events);
        }
        // The line numbers count every line, blank ones too, across blocks.
        std::istringstream in(text + "{}\n");
        Trace back;
        std::string error;
        QVERIFY(!readJsonl(in, back, error));
        QCOMPARE(QString::fromStdString(error),
                 QStringLiteral("line %1: type: missing").arg(t.events.size() + 3));
    }

    // progress hears the bytes read so far every 4096 lines; false from it stops the read.
    void progressAndCancel()
    {
        Trace t;
        for (int i = 0; i < 10'000; ++i)
            t.events.push_back(makeNote(i, std::string(i % 50, 'n')));
        const std::string text = written(t);
        std::vector<std::uint64_t> heard;
        std::istringstream in(text);
        Trace back;
        std::string error;
        QVERIFY(readJsonl(in, back, error, [&](std::uint64_t bytes) {
            heard.push_back(bytes);
            return true;
        }));
        std::vector<std::uint64_t> expected;
        std::uint64_t bytes = 0;
        int lineNo = 0;
        for (std::size_t at = 0; at < text.size(); at = text.find('\n', at) + 1)
            if (bytes += text.find('\n', at) - at + 1; ++lineNo % 4096 == 0)
                expected.push_back(bytes);
        QCOMPARE(heard, expected);
        std::istringstream again(text);
        Trace cancelled;
        QVERIFY(!readJsonl(again, cancelled, error, [](std::uint64_t) { return false; }));
        QCOMPARE(QString::fromStdString(error), QStringLiteral("cancelled"));
        QCOMPARE(cancelled.events.size(), std::size_t(4095));
    }

    // An event line the reader refuses is unreadable, with the reason, not a wrong event.
    void labdBadEventIsUnreadable()
    {
        const LabdMessage m =
            parseLabdLine(R"({"t":0,"type":"segment","src":"client","dst":"server","seq":-5})");
        QCOMPARE(int(m.kind), int(LabdMessage::Unreadable));
        QCOMPARE(QString::fromStdString(m.message), QStringLiteral("seq: -5 is out of range 0..4294967295"));
    }
};

QTEST_APPLESS_MAIN(TestJsonl)
#include "tst_jsonl.moc"
