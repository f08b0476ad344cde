#include "sampletrace.h"

#include "model/modelroles.h"
#include "model/playhead.h"
#include "model/stategraphmodel.h"
#include "model/tracemodel.h"
#include "trace/counterfactual.h"

#include "tracestrings.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

class TestStateGraphModel : public QObject {
    Q_OBJECT

private:
    static QStringList pathText(const StateGraphModel &m, Side side)
    {
        QStringList lines;
        for (int row : m.path(side)) {
            lines.append(m.index(row, StateGraphModel::FromColumn).data().toString() +
                         QStringLiteral(" -> ") +
                         m.index(row, StateGraphModel::ToColumn).data().toString() +
                         QStringLiteral(": ") +
                         m.index(row, StateGraphModel::TransitionColumn).data().toString());
        }
        return lines;
    }

private Q_SLOTS:
    void theRfcTransitions()
    {
        TraceModel trace;
        Playhead playhead;
        StateGraphModel m(&trace, &playhead);
        QAbstractItemModelTester tester(&m);
        QCOMPARE(m.rowCount(), 21);
        // Every standard edge is unique and every state has a way in and out.
        for (int r = 0; r < m.rowCount(); ++r) {
            QCOMPARE(m.findEdge(m.edge(r).from, m.edge(r).to), r);
            QVERIFY(m.index(r, 0).data(ModelRoles::StandardEdgeRole).toBool());
        }
        const int synAck = m.findEdge(tcp::State::Listen, tcp::State::SynReceived);
        QCOMPARE(m.edgeLabel(synAck), QStringLiteral("rcv SYN / snd SYN+ACK"));
        QCOMPARE(m.index(synAck, 0).data(ModelRoles::RfcSectionRole).toString(),
                 QStringLiteral("3.10.7.2"));
        QVERIFY(m.findEdge(tcp::State::FinWait1, tcp::State::TimeWait) >= 0);
        QCOMPARE(m.findEdge(tcp::State::Established, tcp::State::Listen), -1);
        // TCP's diagram: nothing in it is "not TCP".
        QVERIFY(!m.counterfactual());
        for (int r = 0; r < m.rowCount(); ++r)
            QVERIFY(!m.index(r, 0).data(ModelRoles::NotTcpEdgeRole).toBool());
    }

    // A counterfactual run is drawn with its own protocol's edges: the two-way handshake's
    // server goes LISTEN -> ESTABLISHED on the SYN, a standard edge of that diagram, marked as
    // not TCP -- not an unknown transition, and not TCP's LISTEN -> SYN_RECEIVED.
    void twoWayHandshakeUsesItsOwnEdges()
    {
        TraceModel trace;
        Playhead playhead;
        playhead.setModel(&trace);
        StateGraphModel m(&trace, &playhead);
        QAbstractItemModelTester tester(&m);
        tcplab::Trace t;
        t.add(tcplab::makeCounterfactualNote(tcplab::kCounterfactualTwoWay));
        t.add(tcplab::makeState(0, "server", "CLOSED", "LISTEN", "listen", "simulated"));
        t.add(
            tcplab::makeState(0, "client", "CLOSED", "SYN_SENT", "connect / snd SYN", "simulated"));
        t.add(tcplab::makeState(5, "server", "LISTEN", "ESTABLISHED",
                                "rcv SYN / snd SYN+ACK (two-way handshake: not TCP)", "simulated"));
        t.add(tcplab::makeState(10, "client", "SYN_SENT", "ESTABLISHED",
                                "rcv SYN+ACK (two-way handshake: no ACK, not TCP)", "simulated"));
        trace.setTrace(std::move(t));
        QVERIFY(m.counterfactual());
        QVERIFY(m.variant().twoWayHandshake);
        QVERIFY(m.variant().timeWait);
        QCOMPARE(m.rowCount(), 21); // two of TCP's edges replaced, none added
        QCOMPARE(m.findEdge(tcp::State::Listen, tcp::State::SynReceived), -1);
        const int synAck = m.findEdge(tcp::State::Listen, tcp::State::Established);
        QVERIFY(synAck >= 0);
        QVERIFY(m.index(synAck, 0).data(ModelRoles::StandardEdgeRole).toBool());
        QVERIFY(m.index(synAck, 0).data(ModelRoles::NotTcpEdgeRole).toBool());
        QVERIFY(m.index(synAck, 0)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .startsWith(QLatin1String("Not TCP")));
        QCOMPARE(
            pathText(m, Side::Server),
            (QStringList{
                QStringLiteral("CLOSED -> LISTEN: listen"),
                QStringLiteral("LISTEN -> ESTABLISHED: rcv SYN / snd SYN+ACK (two-way: not TCP)"),
            }));
        QCOMPARE(pathText(m, Side::Client).last(),
                 QStringLiteral("SYN_SENT -> ESTABLISHED: rcv SYN+ACK (two-way: no ACK)"));
        const int listen = m.findEdge(tcp::State::Closed, tcp::State::Listen);
        QVERIFY(!m.index(listen, 0).data(ModelRoles::NotTcpEdgeRole).toBool());

        // The next run is TCP again: so is the diagram.
        trace.setTrace(sample::handshakeAndClose());
        QVERIFY(!m.counterfactual());
        QVERIFY(m.findEdge(tcp::State::Listen, tcp::State::SynReceived) >= 0);
        QCOMPARE(m.findEdge(tcp::State::Listen, tcp::State::Established), -1);
    }

    void noTimeWaitGoesStraightToClosed()
    {
        TraceModel trace;
        Playhead playhead;
        playhead.setModel(&trace);
        StateGraphModel m(&trace, &playhead);
        QAbstractItemModelTester tester(&m);
        tcplab::Trace t;
        t.add(tcplab::makeCounterfactualNote(tcplab::kCounterfactualNoTimeWait));
        t.add(tcplab::makeState(30, "client", "FIN_WAIT_2", "CLOSED",
                                "rcv FIN / snd ACK (time-wait off: not TCP)", "simulated"));
        trace.setTrace(std::move(t));
        QVERIFY(!m.variant().timeWait);
        QCOMPARE(m.rowCount(), 20); // TIME_WAIT -> CLOSED is gone
        for (int r = 0; r < m.rowCount(); ++r) {
            QVERIFY(m.edge(r).from != tcp::State::TimeWait);
            QVERIFY(m.edge(r).to != tcp::State::TimeWait);
        }
        for (const tcp::State from :
             {tcp::State::FinWait1, tcp::State::FinWait2, tcp::State::Closing}) {
            const int row = m.findEdge(from, tcp::State::Closed);
            QVERIFY(row >= 0);
            QVERIFY(m.edge(row).notTcp);
            QCOMPARE(m.edgeLabel(row), QStringLiteral("no TIME_WAIT (not TCP)"));
        }
        QCOMPARE(m.path(Side::Client),
                 std::vector<int>{m.findEdge(tcp::State::FinWait2, tcp::State::Closed)});
    }

    // A streamed trace learns it is counterfactual from its first note: the diagram changes.
    void aStreamedCounterfactualNoteResetsTheDiagram()
    {
        TraceModel trace;
        Playhead playhead;
        playhead.setModel(&trace);
        StateGraphModel m(&trace, &playhead);
        QAbstractItemModelTester tester(&m);
        QSignalSpy reset(&m, &QAbstractItemModel::modelReset);
        trace.appendEvent(
            tcplab::makeState(0, "server", "CLOSED", "LISTEN", "listen", "simulated"));
        QCOMPARE(reset.count(), 0);
        trace.appendEvent(tcplab::makeCounterfactualNote(tcplab::kCounterfactualTwoWay));
        QCOMPARE(reset.count(), 1);
        QVERIFY(m.variant().twoWayHandshake);
        QVERIFY(m.findEdge(tcp::State::Listen, tcp::State::Established) >= 0);
        QCOMPARE(pathText(m, Side::Server),
                 QStringList{QStringLiteral("CLOSED -> LISTEN: listen")});
    }

    void pathsOfHandshakeAndClose()
    {
        TraceModel trace;
        Playhead playhead;
        playhead.setModel(&trace);
        StateGraphModel m(&trace, &playhead);
        QAbstractItemModelTester tester(&m);
        QSignalSpy paths(&m, &StateGraphModel::pathsChanged);
        trace.setTrace(sample::handshakeAndClose());
        QVERIFY(paths.count() >= 1);
        QCOMPARE(pathText(m, Side::Client),
                 (QStringList{
                     QStringLiteral("CLOSED -> SYN_SENT: connect / snd SYN"),
                     QStringLiteral("SYN_SENT -> ESTABLISHED: rcv SYN+ACK / snd ACK"),
                     QStringLiteral("ESTABLISHED -> FIN_WAIT_1: close / snd FIN"),
                     QStringLiteral("FIN_WAIT_1 -> FIN_WAIT_2: rcv ACK of FIN"),
                     QStringLiteral("FIN_WAIT_2 -> TIME_WAIT: rcv FIN / snd ACK"),
                     QStringLiteral("TIME_WAIT -> CLOSED: 2MSL timeout"),
                 }));
        QCOMPARE(pathText(m, Side::Server),
                 (QStringList{
                     QStringLiteral("CLOSED -> LISTEN: listen"),
                     QStringLiteral("LISTEN -> SYN_RECEIVED: rcv SYN / snd SYN+ACK"),
                     QStringLiteral("SYN_RECEIVED -> ESTABLISHED: rcv ACK of SYN"),
                     QStringLiteral("ESTABLISHED -> CLOSE_WAIT: rcv FIN / snd ACK"),
                     QStringLiteral("CLOSE_WAIT -> LAST_ACK: close / snd FIN"),
                     QStringLiteral("LAST_ACK -> CLOSED: rcv ACK of FIN"),
                 }));
    }

    void takenSoFar()
    {
        TraceModel trace;
        Playhead playhead;
        playhead.setModel(&trace);
        StateGraphModel m(&trace, &playhead);
        QAbstractItemModelTester tester(&m);
        trace.setTrace(sample::handshakeAndClose());
        playhead.seek(8); // client just ESTABLISHED, server SYN_RECEIVED
        QCOMPARE(m.path(Side::Client).size(), std::size_t(2));
        QCOMPARE(m.path(Side::Server).size(), std::size_t(2));
        QCOMPARE(m.currentState(Side::Server), tcp::State::SynReceived);
        const int est = m.findEdge(tcp::State::SynSent, tcp::State::Established);
        QCOMPARE(m.index(est, 0).data(ModelRoles::ClientTakenRole).toInt(), 1);
        QCOMPARE(m.index(est, 0).data(ModelRoles::ServerTakenRole).toInt(), 0);
        QCOMPARE(m.index(est, StateGraphModel::ClientColumn).data().toString(),
                 QStringLiteral("2"));
        const int close = m.findEdge(tcp::State::Established, tcp::State::FinWait1);
        QCOMPARE(m.index(close, 0).data(ModelRoles::ClientTakenRole).toInt(), 0);
        playhead.seek(-1);
        QVERIFY(m.path(Side::Client).empty());
        QCOMPARE(m.currentState(Side::Client), tcp::State::Closed);
    }

    void transitionsOutsideTheFigureAreAdded()
    {
        TraceModel trace;
        Playhead playhead;
        playhead.setModel(&trace);
        StateGraphModel m(&trace, &playhead);
        QAbstractItemModelTester tester(&m);
        QSignalSpy inserted(&m, &QAbstractItemModel::rowsInserted);
        trace.appendEvent(tcplab::makeState(0, "client", "CLOSED", "SYN_SENT", "", "simulated"));
        trace.appendEvent(
            tcplab::makeState(1, "client", "SYN_SENT", "ESTABLISHED", "", "simulated"));
        QCOMPARE(inserted.count(), 0);
        trace.appendEvent(
            tcplab::makeState(2, "client", "ESTABLISHED", "CLOSED", "abort / snd RST", "kernel"));
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(m.rowCount(), 22);
        QCOMPARE(m.edgeLabel(21), QStringLiteral("abort / snd RST"));
        QVERIFY(!m.index(21, 0).data(ModelRoles::StandardEdgeRole).toBool());
        QCOMPARE(m.path(Side::Client).back(), 21); // the playhead followed the stream
    }
};

QTEST_GUILESS_MAIN(TestStateGraphModel)
#include "tst_stategraphmodel.moc"
