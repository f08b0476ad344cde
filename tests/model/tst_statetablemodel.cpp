#include "sampletrace.h"

#include "model/modelroles.h"
#include "model/playhead.h"
#include "model/statetablemodel.h"
#include "model/tracemodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

class TestStateTableModel : public QObject {
    Q_OBJECT

private:
    // "STATE client server" for the rows where someone is, in table order.
    static QStringList whoIsWhere(const StateTableModel &m)
    {
        QStringList lines;
        for (int r = 0; r < m.rowCount(); ++r) {
            const QModelIndex i = m.index(r, 0);
            const bool c = i.data(ModelRoles::ClientHereRole).toBool();
            const bool s = i.data(ModelRoles::ServerHereRole).toBool();
            if (c || s) {
                lines.append(i.data().toString() + (c ? QStringLiteral(" client") : QString()) +
                             (s ? QStringLiteral(" server") : QString()));
            }
        }
        return lines;
    }

private Q_SLOTS:
    void elevenStatesWithCorrectNames()
    {
        TraceModel trace;
        Playhead playhead;
        StateTableModel m(&trace, &playhead);
        QAbstractItemModelTester tester(&m);
        QStringList names;
        for (int r = 0; r < m.rowCount(); ++r)
            names.append(m.index(r, StateTableModel::StateColumn).data().toString());
        QCOMPARE(names, (QStringList{QStringLiteral("CLOSED"), QStringLiteral("LISTEN"),
                                     QStringLiteral("SYN_SENT"), QStringLiteral("SYN_RECEIVED"),
                                     QStringLiteral("ESTABLISHED"), QStringLiteral("FIN_WAIT_1"),
                                     QStringLiteral("FIN_WAIT_2"), QStringLiteral("CLOSE_WAIT"),
                                     QStringLiteral("CLOSING"), QStringLiteral("LAST_ACK"),
                                     QStringLiteral("TIME_WAIT")}));
    }

    void meaningsAreTheRfcs_data()
    {
        QTest::addColumn<int>("row");
        QTest::addColumn<QString>("mustSay");
        QTest::newRow("CLOSE_WAIT waits for close()") << 7 << QStringLiteral("call close()");
        QTest::newRow("CLOSE_WAIT: recv returns 0") << 7 << QStringLiteral("recv() returns 0");
        QTest::newRow("LAST_ACK waits for the ACK")
            << 9 << QStringLiteral("waiting for the last ACK");
        QTest::newRow("TIME_WAIT: 2MSL") << 10 << QStringLiteral("2MSL");
        QTest::newRow("TIME_WAIT: re-send the ACK") << 10 << QStringLiteral("send that ACK again");
        QTest::newRow("TIME_WAIT: old duplicates")
            << 10 << QStringLiteral("old duplicate segments");
        QTest::newRow("SYN_SENT after connect") << 2 << QStringLiteral("connect()");
        QTest::newRow("LISTEN after listen") << 1 << QStringLiteral("listen()");
        QTest::newRow("FIN_WAIT_2 still receives") << 6 << QStringLiteral("still receive data");
    }

    void meaningsAreTheRfcs()
    {
        QFETCH(int, row);
        QFETCH(QString, mustSay);
        TraceModel trace;
        Playhead playhead;
        StateTableModel m(&trace, &playhead);
        QVERIFY2(m.index(row, StateTableModel::MeaningColumn).data().toString().contains(mustSay),
                 qPrintable(m.index(row, StateTableModel::MeaningColumn).data().toString()));
    }

    void noWrongTableLeftovers()
    {
        TraceModel trace;
        Playhead playhead;
        StateTableModel m(&trace, &playhead);
        QString all;
        for (int r = 0; r < m.rowCount(); ++r)
            for (int c = 0; c < StateTableModel::ColumnCount; ++c)
                all += m.index(r, c).data().toString() + QLatin1Char('\n');
        QVERIFY(!all.contains(QStringLiteral("ITMED_WAIT")));
        QVERIFY(!all.contains(QStringLiteral("SYN_SEND")));
        // TIME_WAIT is not "the other side has initiated a release" (that is CLOSE_WAIT's peer).
        QVERIFY(!m.index(10, 1).data().toString().contains(QStringLiteral("initiated")));
        const QString note =
            m.headerData(StateTableModel::MeaningColumn, Qt::Horizontal, Qt::ToolTipRole)
                .toString();
        QVERIFY(note.contains(QStringLiteral("ITMED_WAIT")));
        QVERIFY(note.contains(QStringLiteral("RFC 9293")));
    }

    void highlightsFollowThePlayhead_data()
    {
        QTest::addColumn<int>("at");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("nothing yet") << -1 << QStringList{QStringLiteral("CLOSED client server")};
        QTest::newRow("server listens")
            << 1 << QStringList{QStringLiteral("CLOSED client"), QStringLiteral("LISTEN server")};
        QTest::newRow("SYN sent") << 4
                                  << QStringList{QStringLiteral("LISTEN server"),
                                                 QStringLiteral("SYN_SENT client")};
        QTest::newRow("half open") << 8
                                   << QStringList{QStringLiteral("SYN_RECEIVED server"),
                                                  QStringLiteral("ESTABLISHED client")};
        QTest::newRow("close wait") << 18
                                    << QStringList{QStringLiteral("FIN_WAIT_1 client"),
                                                   QStringLiteral("CLOSE_WAIT server")};
        QTest::newRow("last ack") << 23
                                  << QStringList{QStringLiteral("LAST_ACK server"),
                                                 QStringLiteral("TIME_WAIT client")};
        QTest::newRow("the end") << 28 << QStringList{QStringLiteral("CLOSED client server")};
    }

    void highlightsFollowThePlayhead()
    {
        QFETCH(int, at);
        QFETCH(QStringList, expected);
        TraceModel trace;
        Playhead playhead;
        playhead.setModel(&trace);
        StateTableModel m(&trace, &playhead);
        QAbstractItemModelTester tester(&m);
        trace.setTrace(sample::handshakeAndClose());
        QSignalSpy changed(&m, &QAbstractItemModel::dataChanged);
        playhead.seek(at);
        QCOMPARE(changed.count(), at == 28 ? 0 : 1); // a loaded trace starts at its last event
        QCOMPARE(whoIsWhere(m), expected);
    }

    void timeSpentUpToThePlayhead()
    {
        TraceModel trace;
        Playhead playhead;
        playhead.setModel(&trace);
        StateTableModel m(&trace, &playhead);
        trace.setTrace(sample::handshakeAndClose());
        // At the end: the client spent 60 s in TIME_WAIT, 10 ms in SYN_SENT.
        QCOMPARE(m.timeSpent(Side::Client, tcp::State::TimeWait), 60'000'000);
        QCOMPARE(m.timeSpent(Side::Client, tcp::State::SynSent), 10'000);
        QCOMPARE(m.timeSpent(Side::Server, tcp::State::LastAck), 10'000);
        QCOMPARE(m.index(10, StateTableModel::ClientTimeColumn).data().toString(),
                 QStringLiteral("60 s"));
        QCOMPARE(m.index(10, StateTableModel::ServerTimeColumn).data().toString(), QString());
        // Half-way through the close, at 30 ms: CLOSE_WAIT lasted 5 ms so far.
        playhead.seek(21);
        QCOMPARE(m.index(7, StateTableModel::ServerTimeColumn)
                     .data(ModelRoles::ServerTimeRole)
                     .toLongLong(),
                 5'000);
        QCOMPARE(m.index(10, StateTableModel::ClientTimeColumn).data().toString(), QString());
    }
};

QTEST_GUILESS_MAIN(TestStateTableModel)
#include "tst_statetablemodel.moc"
