// lib/trace's JSON Lines reader and writer on nlohmann-json (issues 8 and 11): the reader refuses
// what it cannot represent, naming the line and the field, instead of wrapping, crashing or
// guessing; the writer's bytes stay as they were.

// moc reads raw strings as ordinary ones: a raw string here holds no backslash-quote.

#include "tracestrings.h"
#include "trace/jsonl.h"
#include "trace/labdstream.h"

#include <QtTest>

#include <sstream>

using namespace tcplab;

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

QString json(const Event &e) { return QString::fromStdString(toJson(e)); }

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
        QCOMPARE(json(call), QStringLiteral(R"({"t":10,"type":"call","ep":"client","call":"recv",)"
                                            R"("arg":100,"result":"EOF","t_end":2000,"line":7})"));
        QCOMPARE(json(makeCall(0, "server", "listen", -1, "0")),
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
        QCOMPARE(json(seg),
                 QStringLiteral(R"({"t":9223372036854775807,"type":"segment","src":"server",)"
                                R"("dst":"client","flags":"RST+ACK","seq":4294967295,"ack":1,)"
                                R"("seq_abs":4294967295,"ack_abs":2,"len":3,"win":4,)"
                                R"("options":"mss=1460,sackOK","fate":"dropped","rtx":true,)"
                                R"("t_arrive":null})"));
        QCOMPARE(json(makeState(5, "client", "CLOSED", "SYN_SENT", "connect / snd SYN", "simulated")),
                 QStringLiteral(R"({"t":5,"type":"state","ep":"client","from":"CLOSED",)"
                                R"("to":"SYN_SENT","cause":"connect / snd SYN","source":"simulated"})"));
        QCOMPARE(json(makeTimer(6, "server", "retransmit", "cancelled", kNoTime)),
                 QStringLiteral(R"({"t":6,"type":"timer","ep":"server","timer":"retransmit",)"
                                R"("action":"cancelled","deadline":null})"));
        QCOMPARE(json(makeTimer(6, "server", "time-wait", "armed", 60000006)),
                 QStringLiteral(R"({"t":6,"type":"timer","ep":"server","timer":"time-wait",)"
                                R"("action":"armed","deadline":60000006})"));
        QCOMPARE(json(makeNote(0, "q\" b\\ t\t n\n r\r c\x01 d\x7f 中文 /")),
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
        const QString line = json(seg);
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
        QVERIFY2(!json(seg).contains(QStringLiteral("t_released")), qPrintable(json(seg)));
        // A dropped segment was released by its drop: no arrival, a release.
        seg.dropped = true;
        seg.tArrive = kNoTime;
        seg.tReleased = 500;
        QVERIFY(json(seg).endsWith(QStringLiteral(R"("t_arrive":null,"t_released":500})")));
    }

    // The one deliberate change: backspace and form feed use JSON's short escapes (nlohmann's
    // choice; the old writer wrote \u0008 and \u000c). Both read back the same.
    void backspaceAndFormFeedUseShortEscapes()
    {
        QCOMPARE(json(makeNote(0, "\b\f")), QStringLiteral(R"({"t":0,"type":"note","text":"\b\f"})"));
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
        const QString line = json(note);
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
