#include "statetablemodel.h"

#include "languagewatch.h"

#include "eventtext.h"
#include "modelroles.h"
#include "playhead.h"
#include "statemeanings.h"
#include "tracemodel.h"

#include <QCoreApplication>
#include <QEvent>

StateTableModel::StateTableModel(const TraceModel *trace, const Playhead *playhead, QObject *parent)
    : QAbstractTableModel(parent)
    , m_trace(trace)
    , m_playhead(playhead)
{
    connect(trace, &QAbstractItemModel::modelReset, this, &StateTableModel::update);
    connect(trace, &QAbstractItemModel::rowsInserted, this, &StateTableModel::update);
    connect(playhead, &Playhead::currentChanged, this, &StateTableModel::update);
    watchLanguage(this);
    update();
}

void StateTableModel::update()
{
    const int row = m_playhead ? std::min(m_playhead->current(), m_trace->rowCount() - 1) : -1;
    const qint64 now = row >= 0 ? m_trace->event(row).t : 0;
    const EndpointHistory &history = m_trace->history();
    for (Side side : {Side::Client, Side::Server}) {
        const int i = static_cast<int>(side);
        m_state[i] = history.stateAt(side, row);
        m_spent[i] = history.timeSpent(side, row, now);
    }
    // Every column: the views highlight the whole row of a state someone is in.
    Q_EMIT dataChanged(index(0, 0), index(tcp::kStateCount - 1, ColumnCount - 1));
}

int StateTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : tcp::kStateCount;
}

int StateTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant StateTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto s = static_cast<tcp::State>(index.row());
    const qint64 clientTime = timeSpent(Side::Client, s);
    const qint64 serverTime = timeSpent(Side::Server, s);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case StateColumn:
            return StateMeanings::name(s);
        case MeaningColumn:
            return StateMeanings::meaning(s);
        case ClientColumn:
            return here(Side::Client, index.row()) ? tr("client") : QString();
        case ServerColumn:
            return here(Side::Server, index.row()) ? tr("server") : QString();
        case ClientTimeColumn:
            return clientTime > 0 || here(Side::Client, index.row())
                       ? EventText::duration(clientTime)
                       : QString();
        case ServerTimeColumn:
            return serverTime > 0 || here(Side::Server, index.row())
                       ? EventText::duration(serverTime)
                       : QString();
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == ClientColumn && here(Side::Client, index.row()))
            return tr("The client is in %1 at the playhead.").arg(StateMeanings::name(s));
        if (index.column() == ServerColumn && here(Side::Server, index.row()))
            return tr("The server is in %1 at the playhead.").arg(StateMeanings::name(s));
        return StateMeanings::meaning(s);
    case Qt::TextAlignmentRole:
        if (index.column() >= ClientColumn)
            return QVariant::fromValue(Qt::AlignCenter);
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    case ModelRoles::StateRole:
        return index.row();
    case ModelRoles::ClientHereRole:
        return here(Side::Client, index.row());
    case ModelRoles::ServerHereRole:
        return here(Side::Server, index.row());
    case ModelRoles::ClientTimeRole:
        return clientTime;
    case ModelRoles::ServerTimeRole:
        return serverTime;
    }
    return {};
}

QVariant StateTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole && section == MeaningColumn)
        return StateMeanings::correctionNote();
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case StateColumn:
        return tr("State");
    case MeaningColumn:
        return tr("Meaning");
    case ClientColumn:
        return tr("Client here");
    case ServerColumn:
        return tr("Server here");
    case ClientTimeColumn:
        return tr("Client time");
    case ServerTimeColumn:
        return tr("Server time");
    }
    return {};
}

bool StateTableModel::eventFilter(QObject *watched, QEvent *e)
{
    if (watched == QCoreApplication::instance() && e->type() == QEvent::LanguageChange) {
        Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
        Q_EMIT dataChanged(index(0, 0), index(tcp::kStateCount - 1, ColumnCount - 1));
    }
    return QAbstractTableModel::eventFilter(watched, e);
}
