// User calls in each state (RFC 9293 §3.10.1–3.10.6 with Linux's errno choices): what the call
// returns and which transition it makes. One row per (state, call).
#include "pair.h"

#include <QTest>

using namespace tcp;

Q_DECLARE_METATYPE(tcp::State)
Q_DECLARE_METATYPE(Pair::How)

class TestEndpointCalls : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void anyState_call_data();
    void anyState_call();
};

namespace {
struct Row {
    State state;
    Pair::How how;
    const char *call;
    const char *result;
    const char *transition; // "" when the state does not change
};

constexpr Pair::How C = Pair::How::Close;
constexpr Pair::How S = Pair::How::Shutdown;

// After close() (FIN_WAIT_1 ... via C) the descriptor is gone: a real program gets EBADF;
// the lab answers ENOTCONN.
const Row kRows[] = {
    {State::Closed, C, "send", "EPIPE", ""}, // Linux sk_stream_wait_connect
    {State::Closed, C, "recv", "ENOTCONN", ""},
    {State::Closed, C, "connect", "0", "CLOSED->SYN_SENT (connect / snd SYN)"},
    {State::Closed, C, "listen", "0", "CLOSED->LISTEN (listen)"},
    {State::Closed, C, "shutdown", "ENOTCONN", ""},
    {State::Closed, C, "close", "0", ""},
    {State::Closed, C, "connectStatus", "ENOTCONN", ""},
    {State::Closed, C, "acceptStatus", "EINVAL", ""},

    {State::Listen, C, "send", "EPIPE", ""},
    {State::Listen, C, "recv", "ENOTCONN", ""},
    {State::Listen, C, "connect", "0", "LISTEN->SYN_SENT (connect / snd SYN)"},
    {State::Listen, C, "listen", "EINVAL", ""},
    {State::Listen, C, "shutdown", "0", ""},
    {State::Listen, C, "close", "0", "LISTEN->CLOSED (close)"},
    {State::Listen, C, "exit", "0", "LISTEN->CLOSED (exit)"},
    {State::Listen, C, "abort", "0", "LISTEN->CLOSED (abort)"},
    {State::Listen, C, "acceptStatus", "EAGAIN", ""},

    {State::SynSent, C, "send", "EAGAIN", ""},
    {State::SynSent, C, "recv", "EAGAIN", ""},
    {State::SynSent, C, "connect", "EALREADY", ""},
    {State::SynSent, C, "listen", "EINVAL", ""},
    {State::SynSent, C, "shutdown", "0", "SYN_SENT->CLOSED (shutdown)"},
    {State::SynSent, C, "close", "0", "SYN_SENT->CLOSED (close)"},
    {State::SynSent, C, "abort", "0", "SYN_SENT->CLOSED (abort)"},
    {State::SynSent, C, "connectStatus", "EAGAIN", ""},

    {State::SynReceived, C, "send", "EAGAIN", ""},
    {State::SynReceived, C, "recv", "EAGAIN", ""},
    {State::SynReceived, C, "connect", "EISCONN", ""},
    {State::SynReceived, C, "listen", "EINVAL", ""},
    {State::SynReceived, C, "close", "0", "SYN_RECEIVED->FIN_WAIT_1 (close / snd FIN)"},
    {State::SynReceived, C, "abort", "0", "SYN_RECEIVED->CLOSED (abort / snd RST)"},
    {State::SynReceived, C, "acceptStatus", "EAGAIN", ""},

    {State::Established, C, "send", "100", ""},
    {State::Established, C, "recv", "EAGAIN", ""},
    {State::Established, C, "connect", "EISCONN", ""},
    {State::Established, C, "listen", "EINVAL", ""},
    {State::Established, C, "shutdown", "0", "ESTABLISHED->FIN_WAIT_1 (shutdown / snd FIN)"},
    {State::Established, C, "close", "0", "ESTABLISHED->FIN_WAIT_1 (close / snd FIN)"},
    {State::Established, C, "exit", "0", "ESTABLISHED->FIN_WAIT_1 (exit / snd FIN)"},
    {State::Established, C, "abort", "0", "ESTABLISHED->CLOSED (abort / snd RST)"},
    {State::Established, C, "connectStatus", "0", ""},

    {State::FinWait1, C, "send", "ENOTCONN", ""},
    {State::FinWait1, C, "recv", "ENOTCONN", ""},
    {State::FinWait1, C, "close", "ENOTCONN", ""},
    {State::FinWait1, C, "connect", "EISCONN", ""},
    {State::FinWait1, S, "send", "EPIPE", ""},
    {State::FinWait1, S, "recv", "EAGAIN", ""},
    {State::FinWait1, S, "shutdown", "0", ""},
    {State::FinWait1, S, "close", "0", ""},
    {State::FinWait1, S, "abort", "0", "FIN_WAIT_1->CLOSED (abort / snd RST)"},

    {State::FinWait2, C, "send", "ENOTCONN", ""},
    {State::FinWait2, S, "send", "EPIPE", ""},
    {State::FinWait2, S, "recv", "EAGAIN", ""},
    {State::FinWait2, S, "close", "0", ""},
    {State::FinWait2, S, "abort", "0", "FIN_WAIT_2->CLOSED (abort / snd RST)"},

    {State::CloseWait, C, "send", "100", ""},
    {State::CloseWait, C, "recv", "EOF", ""},
    {State::CloseWait, C, "connect", "EISCONN", ""},
    {State::CloseWait, C, "shutdown", "0", "CLOSE_WAIT->LAST_ACK (shutdown / snd FIN)"},
    {State::CloseWait, C, "close", "0", "CLOSE_WAIT->LAST_ACK (close / snd FIN)"},
    {State::CloseWait, C, "exit", "0", "CLOSE_WAIT->LAST_ACK (exit / snd FIN)"},
    {State::CloseWait, C, "abort", "0", "CLOSE_WAIT->CLOSED (abort / snd RST)"},

    {State::Closing, C, "send", "ENOTCONN", ""},
    {State::Closing, S, "send", "EPIPE", ""},
    {State::Closing, S, "recv", "EOF", ""},
    {State::Closing, S, "close", "0", ""},
    {State::Closing, S, "abort", "0", "CLOSING->CLOSED (abort)"},

    {State::LastAck, C, "send", "ENOTCONN", ""},
    {State::LastAck, C, "close", "ENOTCONN", ""},
    {State::LastAck, S, "send", "EPIPE", ""},
    {State::LastAck, S, "recv", "EOF", ""},
    {State::LastAck, S, "close", "0", ""},
    {State::LastAck, S, "abort", "0", "LAST_ACK->CLOSED (abort)"},

    {State::TimeWait, C, "send", "ENOTCONN", ""},
    {State::TimeWait, C, "recv", "ENOTCONN", ""},
    {State::TimeWait, C, "close", "ENOTCONN", ""},
    {State::TimeWait, C, "connect", "EISCONN", ""},
    {State::TimeWait, C, "listen", "EINVAL", ""},
    {State::TimeWait, S, "send", "EPIPE", ""},
    {State::TimeWait, S, "recv", "EOF", ""},
    {State::TimeWait, S, "close", "0", ""},
    {State::TimeWait, S, "abort", "0", "TIME_WAIT->CLOSED (abort)"},
};

std::string perform(Endpoint &ep, const std::string &call, std::int64_t now)
{
    if (call == "send")
        return ep.send(100, now).text();
    if (call == "recv")
        return ep.recv(0, now).text(true);
    if (call == "connect")
        return ep.connect(now).text();
    if (call == "listen")
        return ep.listen(now).text();
    if (call == "shutdown")
        return ep.shutdownWrite(now).text();
    if (call == "close")
        return ep.close(now).text();
    if (call == "exit")
        return ep.processExit(now).text();
    if (call == "abort")
        return ep.abort(now).text();
    if (call == "connectStatus")
        return ep.connectStatus().text();
    if (call == "acceptStatus")
        return ep.acceptStatus().text();
    return "unknown call";
}
} // namespace

void TestEndpointCalls::anyState_call_data()
{
    QTest::addColumn<State>("state");
    QTest::addColumn<Pair::How>("how");
    QTest::addColumn<QString>("call");
    QTest::addColumn<QString>("result");
    QTest::addColumn<QString>("transition");
    for (const Row &r : kRows) {
        const std::string name = std::string(stateName(r.state)) + (r.how == S ? " (after shutdown) " : " ") + r.call;
        QTest::newRow(name.c_str()) << r.state << r.how << QString::fromUtf8(r.call) << QString::fromUtf8(r.result)
                                    << QString::fromUtf8(r.transition);
    }
}

void TestEndpointCalls::anyState_call()
{
    QFETCH(State, state);
    QFETCH(Pair::How, how);
    QFETCH(QString, call);
    QFETCH(QString, result);
    QFETCH(QString, transition);
    Pair p;
    Endpoint &ep = p.enter(state, how);
    QCOMPARE(QString::fromStdString(perform(ep, call.toStdString(), p.now)), result);
    p.flush();
    QStringList expected;
    if (!transition.isEmpty())
        expected << QString::fromUtf8(p.name(ep)) + QLatin1Char(' ') + transition;
    QCOMPARE(p.transitions, expected);
}

QTEST_APPLESS_MAIN(TestEndpointCalls)
#include "tst_endpoint_calls.moc"
