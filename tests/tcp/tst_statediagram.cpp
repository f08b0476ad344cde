// lib/tcp's state diagram: RFC 9293 Figure 5 written once, its counterfactual variants, and
// the successor order the live lab's inference relies on.
#include "tcp/statediagram.h"

#include <QStringList>
#include <QTest>

using tcp::State;

namespace {

QStringList edges(const std::vector<tcp::DiagramEdge> &list)
{
    QStringList out;
    for (const tcp::DiagramEdge &e : list)
        out << QStringLiteral("%1 -> %2: %3 [%4]%5")
                   .arg(QString::fromUtf8(tcp::stateName(e.from)),
                        QString::fromUtf8(tcp::stateName(e.to)), QString::fromUtf8(e.label),
                        QString::fromUtf8(e.rfc), e.usual ? QStringLiteral(" usual") : QString());
    return out;
}

QStringList names(const std::vector<State> &states)
{
    QStringList out;
    for (State s : states)
        out << QString::fromUtf8(tcp::stateName(s));
    return out;
}

} // namespace

class TstStateDiagram : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void tcpIsTheRfcFigure()
    {
        const QStringList e = edges(tcp::diagramEdges());
        QCOMPARE(e.size(), 21);
        QCOMPARE(e.first(), QStringLiteral("CLOSED -> LISTEN: listen [3.10.1] usual"));
        QVERIFY(e.contains(QStringLiteral("LISTEN -> SYN_RECEIVED: rcv SYN / snd SYN+ACK [3.10.7.2] usual")));
        // RFC 9293 §3.10.7.4 specifies it, Figure 5 leaves it out.
        QVERIFY(e.contains(QStringLiteral("FIN_WAIT_1 -> TIME_WAIT: rcv FIN+ACK of FIN / snd ACK [3.10.7.4]")));
        QCOMPARE(e.last(), QStringLiteral("TIME_WAIT -> CLOSED: 2MSL timeout [3.10.8] usual"));
        // Every edge cites its section, and no (from, to) pair is written twice.
        QSet<QPair<int, int>> pairs;
        for (const tcp::DiagramEdge &d : tcp::diagramEdges()) {
            QVERIFY(QByteArray(d.rfc).startsWith("3.10"));
            QVERIFY(!pairs.contains({int(d.from), int(d.to)}));
            pairs.insert({int(d.from), int(d.to)});
        }
    }

    void twoWayHandshakeHasItsOwnEdges()
    {
        const QStringList e = edges(tcp::diagramEdges({true, true}));
        QVERIFY(e.contains(QStringLiteral(
            "LISTEN -> ESTABLISHED: rcv SYN / snd SYN+ACK (two-way: not TCP) [3.10.7.2] usual")));
        QVERIFY(e.contains(QStringLiteral(
            "SYN_SENT -> ESTABLISHED: rcv SYN+ACK (two-way: no ACK) [3.10.7.3] usual")));
        QVERIFY(!e.contains(QStringLiteral("LISTEN -> SYN_RECEIVED: rcv SYN / snd SYN+ACK [3.10.7.2] usual")));
        // The close is TCP's.
        QVERIFY(e.contains(QStringLiteral("FIN_WAIT_2 -> TIME_WAIT: rcv FIN / snd ACK [3.10.7.4] usual")));
    }

    void noTimeWaitGoesStraightToClosed()
    {
        const std::vector<tcp::DiagramEdge> &list = tcp::diagramEdges({false, false});
        for (const tcp::DiagramEdge &d : list) {
            QVERIFY(d.to != State::TimeWait);
            QVERIFY(d.from != State::TimeWait);
        }
        QVERIFY(edges(list).contains(
            QStringLiteral("FIN_WAIT_2 -> CLOSED: no TIME_WAIT (not TCP) [3.10.7.4] usual")));
    }

    void successorsPutTheUsualPathFirstAndClosedLast()
    {
        QCOMPARE(names(tcp::successors(State::SynSent)),
                 QStringList({"ESTABLISHED", "SYN_RECEIVED", "CLOSED"}));
        QCOMPARE(names(tcp::successors(State::FinWait1)),
                 QStringList({"FIN_WAIT_2", "CLOSING", "TIME_WAIT", "CLOSED"}));
        QCOMPARE(names(tcp::successors(State::Closed)), QStringList({"LISTEN", "SYN_SENT"}));
        QCOMPARE(names(tcp::successors(State::TimeWait)), QStringList({"CLOSED"}));
    }
};

QTEST_GUILESS_MAIN(TstStateDiagram)
#include "tst_statediagram.moc"
