#include "stategraphmodel.h"

#include "modelroles.h"
#include "playhead.h"
#include "statemeanings.h"
#include "tracemodel.h"

#include <QCoreApplication>
#include <QEvent>

using tcp::State;

const std::vector<StateGraphModel::Edge> &StateGraphModel::standardEdges()
{
    // RFC 9293 §3.3.2 Figure 5 ("TCP Connection State Diagram"), which corrects RFC 793's
    // SYN_SENT -> SYN_RECEIVED label to "snd SYN,ACK"; plus FIN_WAIT_1 -> TIME_WAIT, which the
    // figure leaves out but §3.10.7.4 specifies (our FIN is ACKed by the segment carrying the
    // peer's FIN). The RFC's user calls are named as the sockets API does: listen() is a passive
    // OPEN, connect() an active OPEN, close() a CLOSE.
    static const std::vector<Edge> edges = {
        {State::Closed,
         State::Listen,
         QT_TRANSLATE_NOOP("StateGraphModel", "listen"),
         "3.10.1",
         {}},
        {State::Closed,
         State::SynSent,
         QT_TRANSLATE_NOOP("StateGraphModel", "connect / snd SYN"),
         "3.10.1",
         {}},
        {State::Listen,
         State::Closed,
         QT_TRANSLATE_NOOP("StateGraphModel", "close / delete TCB"),
         "3.10.4",
         {}},
        {State::Listen,
         State::SynReceived,
         QT_TRANSLATE_NOOP("StateGraphModel", "rcv SYN / snd SYN+ACK"),
         "3.10.7.2",
         {}},
        {State::Listen,
         State::SynSent,
         QT_TRANSLATE_NOOP("StateGraphModel", "send / snd SYN"),
         "3.10.2",
         {}},
        {State::SynSent,
         State::Closed,
         QT_TRANSLATE_NOOP("StateGraphModel", "close / delete TCB"),
         "3.10.4",
         {}},
        {State::SynSent,
         State::SynReceived,
         QT_TRANSLATE_NOOP("StateGraphModel", "rcv SYN / snd SYN+ACK"),
         "3.10.7.3",
         {}},
        {State::SynSent,
         State::Established,
         QT_TRANSLATE_NOOP("StateGraphModel", "rcv SYN+ACK / snd ACK"),
         "3.10.7.3",
         {}},
        {State::SynReceived,
         State::Listen,
         QT_TRANSLATE_NOOP("StateGraphModel", "rcv RST (passive open)"),
         "3.10.7.4",
         {}},
        {State::SynReceived,
         State::Established,
         QT_TRANSLATE_NOOP("StateGraphModel", "rcv ACK of SYN"),
         "3.10.7.4",
         {}},
        {State::SynReceived,
         State::FinWait1,
         QT_TRANSLATE_NOOP("StateGraphModel", "close / snd FIN"),
         "3.10.4",
         {}},
        {State::Established,
         State::FinWait1,
         QT_TRANSLATE_NOOP("StateGraphModel", "close / snd FIN"),
         "3.10.4",
         {}},
        {State::Established,
         State::CloseWait,
         QT_TRANSLATE_NOOP("StateGraphModel", "rcv FIN / snd ACK"),
         "3.10.7.4",
         {}},
        {State::FinWait1,
         State::FinWait2,
         QT_TRANSLATE_NOOP("StateGraphModel", "rcv ACK of FIN"),
         "3.10.7.4",
         {}},
        {State::FinWait1,
         State::Closing,
         QT_TRANSLATE_NOOP("StateGraphModel", "rcv FIN / snd ACK"),
         "3.10.7.4",
         {}},
        {State::FinWait1,
         State::TimeWait,
         QT_TRANSLATE_NOOP("StateGraphModel", "rcv FIN+ACK of FIN / snd ACK"),
         "3.10.7.4",
         {}},
        {State::FinWait2,
         State::TimeWait,
         QT_TRANSLATE_NOOP("StateGraphModel", "rcv FIN / snd ACK"),
         "3.10.7.4",
         {}},
        {State::Closing,
         State::TimeWait,
         QT_TRANSLATE_NOOP("StateGraphModel", "rcv ACK of FIN"),
         "3.10.7.4",
         {}},
        {State::CloseWait,
         State::LastAck,
         QT_TRANSLATE_NOOP("StateGraphModel", "close / snd FIN"),
         "3.10.4",
         {}},
        {State::LastAck,
         State::Closed,
         QT_TRANSLATE_NOOP("StateGraphModel", "rcv ACK of FIN"),
         "3.10.7.4",
         {}},
        {State::TimeWait,
         State::Closed,
         QT_TRANSLATE_NOOP("StateGraphModel", "2MSL timeout"),
         "3.10.8",
         {}},
    };
    return edges;
}

StateGraphModel::StateGraphModel(const TraceModel *trace, const Playhead *playhead, QObject *parent)
    : QAbstractTableModel(parent)
    , m_trace(trace)
    , m_playhead(playhead)
    , m_edges(standardEdges())
{
    connect(trace, &QAbstractItemModel::modelReset, this, &StateGraphModel::traceReset);
    connect(trace, &QAbstractItemModel::rowsInserted, this, &StateGraphModel::rowsArrived);
    connect(playhead, &Playhead::currentChanged, this, &StateGraphModel::updatePaths);
    if (QCoreApplication::instance())
        QCoreApplication::instance()->installEventFilter(this);
    traceReset();
}

QString StateGraphModel::edgeLabel(int row) const
{
    const Edge &e = edge(row);
    return e.standard() ? tr(e.label) : QString::fromStdString(e.cause);
}

int StateGraphModel::findEdge(State from, State to) const
{
    for (std::size_t i = 0; i < m_edges.size(); ++i) {
        if (m_edges[i].from == from && m_edges[i].to == to)
            return static_cast<int>(i);
    }
    return -1;
}

std::vector<StateGraphModel::Edge> StateGraphModel::unknownEdges() const
{
    std::vector<Edge> found;
    for (Side side : {Side::Client, Side::Server}) {
        for (const auto &c : m_trace->history().changes(side)) {
            if (findEdge(c.from, c.to) >= 0)
                continue;
            bool dup = false;
            for (const Edge &e : found)
                dup = dup || (e.from == c.from && e.to == c.to);
            if (dup)
                continue;
            Edge e;
            e.from = c.from;
            e.to = c.to;
            e.cause = m_trace->event(c.row).cause;
            found.push_back(std::move(e));
        }
    }
    return found;
}

void StateGraphModel::traceReset()
{
    beginResetModel();
    m_edges = standardEdges();
    const auto extra = unknownEdges();
    m_edges.insert(m_edges.end(), extra.begin(), extra.end());
    endResetModel();
    updatePaths();
}

void StateGraphModel::rowsArrived()
{
    const auto extra = unknownEdges();
    if (!extra.empty()) {
        beginInsertRows(QModelIndex(), edgeCount(), edgeCount() + int(extra.size()) - 1);
        m_edges.insert(m_edges.end(), extra.begin(), extra.end());
        endInsertRows();
    }
    updatePaths();
}

void StateGraphModel::updatePaths()
{
    const int row = m_playhead ? std::min(m_playhead->current(), m_trace->rowCount() - 1) : -1;
    const EndpointHistory &history = m_trace->history();
    for (Side side : {Side::Client, Side::Server}) {
        auto &path = m_path[static_cast<int>(side)];
        path.clear();
        const int n = history.changesUpTo(side, row);
        for (int i = 0; i < n; ++i) {
            const auto &c = history.changes(side)[std::size_t(i)];
            path.push_back(findEdge(c.from, c.to));
        }
        m_state[static_cast<int>(side)] = history.stateAt(side, row);
    }
    if (edgeCount() > 0)
        Q_EMIT dataChanged(index(0, ClientColumn), index(edgeCount() - 1, ServerColumn));
    Q_EMIT pathsChanged();
}

QVariantList StateGraphModel::steps(Side side, int row) const
{
    QVariantList list;
    const auto &p = path(side);
    for (std::size_t i = 0; i < p.size(); ++i) {
        if (p[i] == row)
            list.append(int(i) + 1);
    }
    return list;
}

int StateGraphModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : edgeCount();
}

int StateGraphModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant StateGraphModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Edge &e = edge(index.row());
    auto stepsText = [this, &index](Side side) {
        QStringList parts;
        const QVariantList list = steps(side, index.row());
        for (const QVariant &v : list)
            parts.append(v.toString());
        return parts.join(QStringLiteral(", "));
    };
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case FromColumn:
            return StateMeanings::name(e.from);
        case ToColumn:
            return StateMeanings::name(e.to);
        case TransitionColumn:
            return edgeLabel(index.row());
        case ClientColumn:
            return stepsText(Side::Client);
        case ServerColumn:
            return stepsText(Side::Server);
        }
        return {};
    case Qt::ToolTipRole:
        return e.standard() ? tr("RFC 9293 §%1").arg(QLatin1String(e.rfc))
                            : tr("Not in RFC 9293 Figure 5: taken in this run");
    case ModelRoles::FromStateRole:
        return static_cast<int>(e.from);
    case ModelRoles::ToStateRole:
        return static_cast<int>(e.to);
    case ModelRoles::StandardEdgeRole:
        return e.standard();
    case ModelRoles::ClientTakenRole:
        return int(steps(Side::Client, index.row()).size());
    case ModelRoles::ServerTakenRole:
        return int(steps(Side::Server, index.row()).size());
    case ModelRoles::ClientStepsRole:
        return steps(Side::Client, index.row());
    case ModelRoles::ServerStepsRole:
        return steps(Side::Server, index.row());
    case ModelRoles::RfcSectionRole:
        return e.standard() ? QString::fromLatin1(e.rfc) : QString();
    }
    return {};
}

QVariant StateGraphModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case FromColumn:
        return tr("From");
    case ToColumn:
        return tr("To");
    case TransitionColumn:
        return tr("Event / action");
    case ClientColumn:
        return tr("Client steps");
    case ServerColumn:
        return tr("Server steps");
    }
    return {};
}

bool StateGraphModel::eventFilter(QObject *watched, QEvent *e)
{
    if (watched == QCoreApplication::instance() && e->type() == QEvent::LanguageChange) {
        Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
        if (edgeCount() > 0)
            Q_EMIT dataChanged(index(0, 0), index(edgeCount() - 1, ColumnCount - 1));
    }
    return QAbstractTableModel::eventFilter(watched, e);
}
