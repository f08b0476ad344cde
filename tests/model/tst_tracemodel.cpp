#include "sampletrace.h"

#include "model/modelroles.h"
#include "model/tracemodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

class TestTraceModel : public QObject {
    Q_OBJECT

private:
    static QStringList rows(const TraceModel &m, int from, int to)
    {
        QStringList lines;
        for (int r = from; r < to; ++r) {
            QStringList cells;
            for (int c = 0; c < TraceModel::ColumnCount; ++c)
                cells.append(m.index(r, c).data().toString());
            lines.append(cells.join(QStringLiteral(" | ")));
        }
        return lines;
    }

private Q_SLOTS:
    void emptyModel()
    {
        TraceModel m;
        QAbstractItemModelTester tester(&m);
        QCOMPARE(m.rowCount(), 0);
        QCOMPARE(m.columnCount(), int(TraceModel::ColumnCount));
        QCOMPARE(m.headerData(TraceModel::WhatColumn, Qt::Horizontal).toString(),
                 QStringLiteral("What"));
    }

    void displaysTheHandshake()
    {
        TraceModel m;
        QAbstractItemModelTester tester(&m);
        QSignalSpy changed(&m, &TraceModel::traceChanged);
        m.setTrace(sample::handshakeAndClose());
        QCOMPARE(changed.count(), 1);
        QCOMPARE(m.rowCount(), 29);
        const QStringList expected = {
            QStringLiteral("0.000 ms | call | server | listen() = 0"),
            QStringLiteral("0.000 ms | state | server | CLOSED → LISTEN  (listen)"),
            QStringLiteral("0.000 ms | call | client | connect() = 0 (returned 10.000 ms)"),
            QStringLiteral("0.000 ms | state | client | CLOSED → SYN_SENT  (connect / snd SYN)"),
            QStringLiteral("0.000 ms | segment | client → server | SYN seq=0 win=65535 "
                           "(arrives 5.000 ms)"),
            QStringLiteral("0.000 ms | timer | client | RTO armed (expires 1000.000 ms)"),
            QStringLiteral("5.000 ms | state | server | LISTEN → SYN_RECEIVED  "
                           "(rcv SYN / snd SYN+ACK)"),
            QStringLiteral("5.000 ms | segment | server → client | SYN+ACK seq=0 ack=1 "
                           "win=65535 (arrives 10.000 ms)"),
        };
        QCOMPARE(rows(m, 0, 8), expected);
        QCOMPARE(m.index(18, TraceModel::WhatColumn).data().toString(),
                 QStringLiteral("recv() = 0"));
    }

    void customRoles()
    {
        TraceModel m;
        m.setTrace(sample::handshakeAndClose());
        const QModelIndex synAck = m.index(7, TraceModel::TimeColumn);
        QCOMPARE(synAck.data(ModelRoles::LabelRole).toString(),
                 QStringLiteral("SYN+ACK seq=0 ack=1"));
        QCOMPARE(synAck.data(ModelRoles::TimeRole).toLongLong(), 5'000);
        QCOMPARE(synAck.data(ModelRoles::ArrivalTimeRole).toLongLong(), 10'000);
        QCOMPARE(synAck.data(ModelRoles::EndpointRole).toString(), QStringLiteral("server"));
        QCOMPARE(synAck.data(ModelRoles::PeerRole).toString(), QStringLiteral("client"));
        QCOMPARE(synAck.data(ModelRoles::EventTypeRole).toInt(), int(tcplab::EventType::Segment));
        const QModelIndex closeWait = m.index(16, TraceModel::WhatColumn);
        QCOMPARE(closeWait.data(ModelRoles::StateToRole).toString(), QStringLiteral("CLOSE_WAIT"));
        QCOMPARE(closeWait.data(ModelRoles::StateSourceRole).toString(),
                 QStringLiteral("simulated"));
        QCOMPARE(m.index(22, 0).data(ModelRoles::LabelRole).toString(),
                 QStringLiteral("FIN+ACK seq=1 ack=2"));
    }

    void appendKeepsTimeOrder()
    {
        TraceModel m;
        QAbstractItemModelTester tester(&m);
        QSignalSpy inserted(&m, &QAbstractItemModel::rowsInserted);
        m.appendEvent(tcplab::makeNote(10, "b"));
        m.appendEvent(tcplab::makeNote(30, "d"));
        m.appendEvent(tcplab::makeNote(0, "a"));  // earlier: goes first
        m.appendEvent(tcplab::makeNote(10, "c")); // same time: after the earlier one
        QCOMPARE(inserted.count(), 4);
        QCOMPARE(inserted.at(2).at(1).toInt(), 0);
        QCOMPARE(inserted.at(3).at(1).toInt(), 2);
        QStringList texts;
        for (int r = 0; r < m.rowCount(); ++r)
            texts.append(m.index(r, TraceModel::WhatColumn).data().toString());
        QCOMPARE(texts, (QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"),
                                     QStringLiteral("d")}));
    }

    void historyFollowsAppends()
    {
        TraceModel m;
        const tcplab::Trace full = sample::handshakeAndClose();
        for (const tcplab::Event &e : full.events)
            m.appendEvent(e);
        QCOMPARE(m.trace().events, full.events);
        QCOMPARE(m.history().stateAt(Side::Server, 16), tcp::State::CloseWait);
        QCOMPARE(m.history().stateAt(Side::Client, 28), tcp::State::Closed);
        QCOMPARE(m.history().stateAt(Side::Client, 27), tcp::State::TimeWait);
        QCOMPARE(m.history().stateAt(Side::Client, -1), tcp::State::Closed);
    }
};

QTEST_GUILESS_MAIN(TestTraceModel)
#include "tst_tracemodel.moc"
