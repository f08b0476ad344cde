// capture::StateInference: what segments alone prove about an endpoint's state, the states a
// jump skipped, and the cause given to a transition.
#include "capture/stateinference.h"

#include "tracestrings.h"

#include <QStringList>
#include <QTest>

using tcp::State;

namespace {

tcplab::Event segment(const char *src, const char *dst, const char *flags, bool dropped = false)
{
    tcplab::SegmentHeader h;
    h.src = tcplab::ep(src);
    h.dst = tcplab::ep(dst);
    h.flags = tcplab::flagsOf(flags);
    return tcplab::makeSegment(0, h, 0, 0, dropped ? tcplab::kNoTime : 0);
}

QString inferred(const std::optional<capture::StateInference::Inferred> &i)
{
    if (!i)
        return QStringLiteral("-");
    return QString::fromUtf8(tcp::stateName(i->to)) + QStringLiteral(" (")
           + QString::fromStdString(i->cause) + QLatin1Char(')');
}

QString path(State from, State to)
{
    QStringList out;
    for (State s : capture::StateInference::pathBetween(from, to))
        out << QString::fromUtf8(tcp::stateName(s));
    return out.join(QLatin1Char(' '));
}

} // namespace

class TstStateInference : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void sentSegmentProvesState_data()
    {
        QTest::addColumn<QString>("flags");
        QTest::addColumn<int>("sender");
        QTest::addColumn<int>("lastCall"); // -1: none
        QTest::addColumn<QString>("expected");
        auto row = [](const char *name, const char *flags, State s, int call, const char *out) {
            QTest::newRow(name) << QString::fromLatin1(flags) << int(s) << call
                                << QString::fromUtf8(out);
        };
        row("SYN from CLOSED", "SYN", State::Closed, -1, "SYN_SENT (connect / snd SYN)");
        row("SYN+ACK from LISTEN", "SYN+ACK", State::Listen, -1,
            "SYN_RECEIVED (rcv SYN / snd SYN+ACK)");
        row("SYN+ACK from SYN_SENT (simultaneous open)", "SYN+ACK", State::SynSent, -1,
            "SYN_RECEIVED (rcv SYN / snd SYN+ACK)");
        row("FIN from ESTABLISHED after close", "FIN+ACK", State::Established,
            int(tcp::Call::Close), "FIN_WAIT_1 (close / snd FIN)");
        row("FIN from ESTABLISHED after shutdown", "FIN+ACK", State::Established,
            int(tcp::Call::Shutdown), "FIN_WAIT_1 (shutdown / snd FIN)");
        row("FIN from CLOSE_WAIT after exit", "FIN+ACK", State::CloseWait, int(tcp::Call::Exit),
            "LAST_ACK (exit / snd FIN)");
        row("a retransmitted FIN proves nothing new", "FIN+ACK", State::FinWait1,
            int(tcp::Call::Close), "-");
        row("an ACK proves nothing", "ACK", State::Established, -1, "-");
        row("SYN from ESTABLISHED is no open", "SYN", State::Established, -1, "-");
    }
    void sentSegmentProvesState()
    {
        QFETCH(QString, flags);
        QFETCH(int, sender);
        QFETCH(int, lastCall);
        QFETCH(QString, expected);
        capture::StateInference inference;
        const std::optional<tcp::Call> call =
            lastCall < 0 ? std::nullopt : std::optional<tcp::Call>(tcp::Call(lastCall));
        const std::string f = flags.toStdString();
        QCOMPARE(inferred(inference.onSegment(segment("client", "server", f.c_str()),
                                              State(sender), call)),
                 expected);
    }

    void skippedStatesFollowTheUsualPath()
    {
        QCOMPARE(path(State::Established, State::TimeWait), QStringLiteral("FIN_WAIT_1 TIME_WAIT"));
        QCOMPARE(path(State::Closed, State::Established), QStringLiteral("SYN_SENT ESTABLISHED"));
        QCOMPARE(path(State::Listen, State::Established),
                 QStringLiteral("SYN_RECEIVED ESTABLISHED"));
        QCOMPARE(path(State::SynSent, State::FinWait1), QStringLiteral("ESTABLISHED FIN_WAIT_1"));
        QCOMPARE(path(State::CloseWait, State::Closed), QStringLiteral("CLOSED"));
        QCOMPARE(path(State::Established, State::Listen), QStringLiteral("CLOSED LISTEN"));
    }

    void causeFromEvidence()
    {
        capture::StateInference inference;
        const tcplab::EndpointId client = tcplab::ep("client");
        const tcplab::EndpointId server = tcplab::ep("server");
        // The client sends RST: it aborted; the server received it.
        inference.onSegment(segment("client", "server", "RST+ACK"), State::Established,
                            tcp::Call::Abort);
        QCOMPARE(inference.cause(client, State::Established, State::Closed, tcp::Call::Abort),
                 std::string("abort / snd RST"));
        QCOMPARE(inference.cause(server, State::Established, State::Closed, std::nullopt),
                 std::string("rcv RST"));
        // Evidence is per transition: once cleared, a close with unread data is no longer
        // "rcv RST" for the server.
        inference.clearEvidence(server);
        QCOMPARE(inference.cause(server, State::TimeWait, State::Closed, std::nullopt),
                 std::string("2MSL timeout"));
        // A dropped RST reached nobody.
        capture::StateInference lost;
        lost.onSegment(segment("client", "server", "RST+ACK", true), State::Established,
                       tcp::Call::Close);
        QCOMPARE(lost.cause(server, State::FinWait2, State::Closed, std::nullopt),
                 std::string("FIN_WAIT_2 timeout (Linux tcp_fin_timeout)"));
        QCOMPARE(lost.cause(client, State::Established, State::Closed, tcp::Call::Close),
                 std::string("close / snd RST (unread data)"));
    }
};

QTEST_GUILESS_MAIN(TstStateInference)
#include "tst_stateinference.moc"
