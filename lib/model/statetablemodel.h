#pragma once
// The eleven TCP states (RFC 9293 §3.3.2), one per row: the meaning, whether the client and the
// server are in it at the playhead, and how long each has spent in it up to the playhead.

#include "endpointhistory.h"

#include <QAbstractTableModel>
#include <QPointer>

class Playhead;
class TraceModel;

class StateTableModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column {
        StateColumn,
        MeaningColumn,
        ClientColumn,
        ServerColumn,
        ClientTimeColumn,
        ServerTimeColumn,
        ColumnCount
    };

    StateTableModel(const TraceModel *trace, const Playhead *playhead, QObject *parent = nullptr);

    tcp::State state(Side side) const { return m_state[static_cast<int>(side)]; }
    qint64 timeSpent(Side side, tcp::State s) const
    {
        return m_spent[static_cast<int>(side)][static_cast<int>(s)];
    }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    bool eventFilter(QObject *watched, QEvent *e) override;
    void update(); // re-reads the playhead's position
    bool here(Side side, int row) const { return static_cast<int>(state(side)) == row; }

    QPointer<const TraceModel> m_trace;
    QPointer<const Playhead> m_playhead;
    std::array<tcp::State, kSideCount> m_state{};
    std::array<EndpointHistory::Durations, kSideCount> m_spent{};
};
